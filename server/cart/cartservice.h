#pragma once

#include "cartrepository.h"
#include "commerce/pricing.h"
#include "commerce/views.h"
#include "config/serverconfig.h"
#include "error.h"

#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

namespace Shop::Redis {
class CartCache;
}

namespace Shop::Cart {

// Where GET /api/cart takes its tax rate from.
struct TaxChoice
{
    std::optional<QString> addressId; // ?address_id=: one of the caller's saved addresses
    std::optional<Destination> destination; // ?country=US&region=NY
};

// A cart with its figures, and what its tax was computed for.
struct PricedCart
{
    Commerce::CartView view;
    // "address" (a saved address: the one asked for, else the default one), "destination" (the
    // country and region asked for) or "none" (no tax: nowhere to ship to yet).
    QString taxBasis;
    int taxRatePpm = 0;
    std::optional<Destination> destination; // none for "none"
};

// The cart's rules and orchestration (no HTTP): one cart per user, made on first write; lines of
// 1..99 units of active products in the store's currency; adding a product again adds to its
// line; totals by core/commerce/pricing.h with the product's current price, the shipping rule of
// [orders] and the destination's tax rate. Lines of inactive products (or whose price is no
// longer in the store's currency) are shown, marked unavailable, and left out of the totals.
// Every write runs in one transaction with the cart row locked. Call on a worker thread (SQL on
// the thread's connection).
class CartService final
{
public:
    explicit CartService(const Server::ServerConfig &config);

    [[nodiscard]] Result<PricedCart> cart(const QString &userId, const TaxChoice &tax = {}) const;
    // The cart's wire form (toJson, compact), through the Redis cart cache when there is one
    // (docs/caching.md): the GET /api/cart answer.
    [[nodiscard]] Result<QByteArray> cartJson(const QString &userId,
                                              const TaxChoice &tax = {}) const;
    // Validation errors name "product_id" (codes "invalid", "unknown", "inactive", "currency")
    // or "quantity" ("out_of_range" when the line would exceed 99).
    [[nodiscard]] Result<PricedCart> addItem(const QString &userId, const QString &productId,
                                             int quantity) const;
    // NotFound when the caller's cart has no such line (another user's line included).
    [[nodiscard]] Result<PricedCart> setQuantity(const QString &userId, const QString &itemId,
                                                 int quantity) const;
    [[nodiscard]] Result<PricedCart> removeItem(const QString &userId, const QString &itemId) const;
    [[nodiscard]] Result<void> clear(const QString &userId) const;

    [[nodiscard]] const Commerce::ShippingRule &shippingRule() const { return m_shipping; }
    [[nodiscard]] const Currency &currency() const { return m_currency; }

    // The wire form: commercejson's CartView plus "tax_basis", "tax_rate_ppm" and
    // "tax_destination" ({"country","region"} or null).
    [[nodiscard]] static QJsonObject toJson(const PricedCart &cart);

private:
    // The user's cart changed (or may have): the cached answers go.
    void changed(const QString &userId) const;
    [[nodiscard]] Result<PricedCart> price(const QSqlDatabase &db, const QString &userId,
                                           const TaxChoice &tax) const;
    [[nodiscard]] Result<PricedCart> changeLine(
        const QString &userId,
        const std::function<Result<bool>(const QSqlDatabase &, const QString &)> &change) const;

    Currency m_currency;
    Commerce::ShippingRule m_shipping;
    std::shared_ptr<Redis::CartCache> m_cache; // null without Redis
};

} // namespace Shop::Cart
