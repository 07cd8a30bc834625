#pragma once

#include "http/router.h"

#include <memory>

namespace Shop::Cart {

class CartService;

// The cart's HTTP routes on `router`, answered by `service`.
void registerCartRoutes(Http::Router &router, const std::shared_ptr<const CartService> &service);

} // namespace Shop::Cart
