#pragma once

#include "http/router.h"

namespace Shop::Sandbox {

// The sandbox's Stripe.js stand-in and its Payment Element frame, plain JS/HTML/CSS compiled into
// the binary (server/sandbox/stripejs/, resource prefix :/stripe-js/):
//   GET /stripe-js/v3                          Stripe.js (what pages load with <script src>)
//   GET /stripe-js/v3/payment-element.html     the card form, framed by Stripe.js from any origin
//   GET /stripe-js/v3/payment-element.js|.css  its script and style (CSP: 'self' only)
void registerStripeJsRoutes(Http::Router &router);

} // namespace Shop::Sandbox
