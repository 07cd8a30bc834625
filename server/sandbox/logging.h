#pragma once

#include <QLoggingCategory>

namespace Shop::Sandbox {

// shop.sandbox.server: start, stop, options. shop.sandbox.sendgrid: accepted and refused mail
// sends (ids and statuses only; never keys or message bodies). shop.sandbox.stripe: Stripe API
// calls, intents and events (ids, statuses, error codes; never keys or card data).
// shop.sandbox.stripe.webhooks: each webhook delivery attempt and its answer.
Q_DECLARE_LOGGING_CATEGORY(lcSandboxServer)
Q_DECLARE_LOGGING_CATEGORY(lcSandboxSendGrid)
Q_DECLARE_LOGGING_CATEGORY(lcSandboxStripe)
Q_DECLARE_LOGGING_CATEGORY(lcSandboxStripeWebhooks)

} // namespace Shop::Sandbox
