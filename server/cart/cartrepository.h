#pragma once

#include "error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Shop::Cart {

// One cart line as stored, joined with its product as it is now.
struct CartLineRow
{
    QString id; // cart_items.id
    QString productId;
    QString name;
    QString sku;
    QString imageUrl; // "" when the product has none
    int quantity = 0;
    qint64 price = 0; // the product's current price, minor units
    QString currency; // the product's current currency
    qint64 priceAtAdd = 0;
    QString currencyAtAdd;
    int stock = 0;
    bool isActive = true;
};

struct CartRows
{
    bool exists = false; // the user has a cart row (made on first write)
    QDateTime updatedAt; // the cart's, invalid when there is none
    QList<CartLineRow> lines; // oldest line first
};

// A product as adding it to a cart needs it.
struct ProductForCart
{
    qint64 price = 0;
    QString currency;
    bool isActive = false;
};

// Where a cart is shipped, for its tax rate.
struct Destination
{
    QString country; // ISO 3166-1 alpha-2, upper case
    QString region; // as the address stores it; "" for none
};

// Every SQL statement on carts, cart_items and tax_rates, prepared and bound. Every statement on
// a cart names its owner (carts.user_id = the caller), so another user's line is "not found".
// Writes lock the cart row first (carts.id FOR UPDATE through an UPDATE or an upsert), so the
// writes to one cart, and checkout's read of it, happen one after the other. Functions that run
// several statements expect the caller's Db::Transaction.
namespace CartRepository {

// The user's cart and its lines (no cart: exists = false, no lines).
[[nodiscard]] Result<CartRows> load(const QSqlDatabase &db, const QString &userId);

// The user's cart id, creating the cart on first use, with its row locked until the transaction
// ends (INSERT ... ON CONFLICT (user_id) DO UPDATE ... RETURNING id).
[[nodiscard]] Result<QString> lockOrCreate(const QSqlDatabase &db, const QString &userId);
// The user's cart id with its row locked, or std::nullopt when the user has no cart.
[[nodiscard]] Result<std::optional<QString>> lock(const QSqlDatabase &db, const QString &userId);

// The product's price, currency and whether it is active; std::nullopt when there is none.
[[nodiscard]] Result<std::optional<ProductForCart>> product(const QSqlDatabase &db,
                                                            const QString &productId);
// The quantity of the product's line in the cart, 0 when it has none.
[[nodiscard]] Result<int> quantityOf(const QSqlDatabase &db, const QString &cartId,
                                     const QString &productId);
// Adds `quantity` to the product's line (a new line when there is none), setting price_at_add
// and currency to `product`'s. The line never exceeds `maxQuantity`: false when it would (nothing
// changes). Concurrent adds of one product merge (ON CONFLICT (cart_id, product_id) DO UPDATE).
[[nodiscard]] Result<bool> addToLine(const QSqlDatabase &db, const QString &cartId,
                                     const QString &productId, int quantity,
                                     const ProductForCart &product, int maxQuantity);
// Sets a line's quantity; false when the cart has no such line.
[[nodiscard]] Result<bool> setQuantity(const QSqlDatabase &db, const QString &cartId,
                                       const QString &itemId, int quantity);
// Removes a line; false when the cart has no such line.
[[nodiscard]] Result<bool> removeLine(const QSqlDatabase &db, const QString &cartId,
                                      const QString &itemId);
// Removes every line; the number removed.
[[nodiscard]] Result<int> clear(const QSqlDatabase &db, const QString &cartId);

// The country and region of one of the user's saved addresses; std::nullopt when the user has
// no such address (another user's address included).
[[nodiscard]] Result<std::optional<Destination>>
address(const QSqlDatabase &db, const QString &userId, const QString &addressId);
// The user's default address's country and region, std::nullopt when there is none.
[[nodiscard]] Result<std::optional<Destination>> defaultAddress(const QSqlDatabase &db,
                                                                const QString &userId);

// The tax_rates rows of a country: (region, rate_ppm), region "" for the whole country.
[[nodiscard]] Result<QList<std::pair<QString, int>>> taxRates(const QSqlDatabase &db,
                                                              const QString &country);
// Sets (inserts or replaces) rates: (country, region, rate_ppm) rows, region "" for a whole
// country (upper-cased on the way in). One statement per row: run it in a transaction.
struct TaxRateRow
{
    QString country;
    QString region;
    int ratePpm = 0;
};
[[nodiscard]] Result<int> upsertTaxRates(const QSqlDatabase &db, const QList<TaxRateRow> &rates);

} // namespace CartRepository

} // namespace Shop::Cart
