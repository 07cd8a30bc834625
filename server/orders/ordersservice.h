#pragma once

#include "commerce/pricing.h"
#include "http/router.h"
#include "money.h"

#include <chrono>
#include <memory>

namespace Shop::Redis {
class CartCache;
}

namespace Shop::Orders {

// What the orders module is configured with ([orders] and [store] in the server's configuration).
struct OrdersSettings
{
    Currency currency; // the store's
    Commerce::ShippingRule shipping;
    std::chrono::minutes pendingTtl {30};
    int lowStockThreshold = 5;
    // The Redis cart cache (null without Redis): a placed order empties the cart.
    std::shared_ptr<Redis::CartCache> cartCache;
};

// The orders module's routes. Every handler runs on an HTTP worker with the worker's connection.
//   POST /api/orders                      place an order from the cart (Idempotency-Key required)
//   GET  /api/orders                      the caller's orders, newest first, paged
//   GET  /api/orders/{id}                 one of the caller's orders (anyone else's: 404)
//   PUT  /api/orders/{id}/cancel          the caller cancels a pending or paid order
//   GET  /api/admin/orders                staff: filters and keyset pagination
//   GET  /api/admin/orders/{id}           staff: any order, with the customer's email
//   PUT  /api/admin/orders/{id}/status    staff: an allowed transition (audited)
//   GET  /api/admin/inventory/low-stock   staff: active products at or below a threshold
class OrdersService final
{
public:
    explicit OrdersService(OrdersSettings settings);

    void registerRoutes(Http::Router &router);

private:
    [[nodiscard]] Http::Reply place(const Http::Request &request) const;
    [[nodiscard]] Http::Reply listOwn(const Http::Request &request) const;
    [[nodiscard]] Http::Reply getOwn(const Http::Request &request) const;
    [[nodiscard]] Http::Reply cancelOwn(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminList(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminGet(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminSetStatus(const Http::Request &request) const;
    [[nodiscard]] Http::Reply lowStock(const Http::Request &request) const;

    OrdersSettings m_settings;
};

} // namespace Shop::Orders
