#include "cartrepository.h"

#include "db/database.h"

namespace Shop::Cart::CartRepository {

namespace {

// Runs a statement prepared once per connection (hot paths: every cart request).
Result<QSqlQuery *> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    return Db::execCached(db, sql, values);
}

Result<std::optional<QString>> firstText(const QSqlDatabase &db, const QString &sql,
                                         const QVariantList &values)
{
    auto q = run(db, sql, values);
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<QString>();
    }
    return std::optional<QString>((*q)->value(0).toString());
}

Result<std::optional<Destination>> destination(const QSqlDatabase &db, const QString &sql,
                                               const QVariantList &values)
{
    auto q = run(db, sql, values);
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<Destination>();
    }
    return std::optional<Destination>(
        Destination {(*q)->value(0).toString(), (*q)->value(1).toString()});
}

} // namespace

Result<CartRows> load(const QSqlDatabase &db, const QString &userId)
{
    // One row per line, or one row of NULLs for an empty cart; nothing without a cart.
    auto q =
        run(db,
            QStringLiteral("SELECT c.updated_at, ci.id::text, ci.product_id::text, p.name, p.sku, "
                           "coalesce(p.image_url, ''), ci.quantity, p.price, p.currency, "
                           "ci.price_at_add, ci.currency, p.stock_quantity, p.is_active "
                           "FROM carts c LEFT JOIN (cart_items ci JOIN products p "
                           "ON p.id = ci.product_id) ON ci.cart_id = c.id "
                           "WHERE c.user_id = ?::uuid ORDER BY ci.created_at, ci.id"),
            {userId});
    if (!q) {
        return fail(q.error());
    }
    CartRows rows;
    QSqlQuery &r = **q;
    while (r.next()) {
        rows.exists = true;
        rows.updatedAt = r.value(0).toDateTime();
        if (r.isNull(1)) {
            continue;
        }
        CartLineRow line;
        line.id = r.value(1).toString();
        line.productId = r.value(2).toString();
        line.name = r.value(3).toString();
        line.sku = r.value(4).toString();
        line.imageUrl = r.value(5).toString();
        line.quantity = r.value(6).toInt();
        line.price = r.value(7).toLongLong();
        line.currency = r.value(8).toString();
        line.priceAtAdd = r.value(9).toLongLong();
        line.currencyAtAdd = r.value(10).toString();
        line.stock = r.value(11).toInt();
        line.isActive = r.value(12).toBool();
        rows.lines.append(line);
    }
    return rows;
}

Result<QString> lockOrCreate(const QSqlDatabase &db, const QString &userId)
{
    // DO UPDATE (not DO NOTHING): it returns the id of an existing cart too, and locks its row.
    auto id = firstText(db,
                        QStringLiteral("INSERT INTO carts (user_id) VALUES (?::uuid) "
                                       "ON CONFLICT (user_id) DO UPDATE SET updated_at = now() "
                                       "RETURNING id::text"),
                        {userId});
    if (!id) {
        return fail(id.error());
    }
    if (!id->has_value()) {
        return fail(Error::internal(QStringLiteral("The cart could not be created.")));
    }
    return **id;
}

Result<std::optional<QString>> lock(const QSqlDatabase &db, const QString &userId)
{
    return firstText(db,
                     QStringLiteral("UPDATE carts SET updated_at = now() WHERE user_id = ?::uuid "
                                    "RETURNING id::text"),
                     {userId});
}

Result<std::optional<ProductForCart>> product(const QSqlDatabase &db, const QString &productId)
{
    auto q = run(
        db, QStringLiteral("SELECT price, currency, is_active FROM products WHERE id = ?::uuid"),
        {productId});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<ProductForCart>();
    }
    return std::optional<ProductForCart>(ProductForCart {
        (*q)->value(0).toLongLong(), (*q)->value(1).toString(), (*q)->value(2).toBool()});
}

Result<int> quantityOf(const QSqlDatabase &db, const QString &cartId, const QString &productId)
{
    auto q = run(db,
                 QStringLiteral("SELECT quantity FROM cart_items WHERE cart_id = ?::uuid "
                                "AND product_id = ?::uuid"),
                 {cartId, productId});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next() ? (*q)->value(0).toInt() : 0;
}

Result<bool> addToLine(const QSqlDatabase &db, const QString &cartId, const QString &productId,
                       int quantity, const ProductForCart &product, int maxQuantity)
{
    // A concurrent first add of the same product (were the cart row not locked) merges instead
    // of failing with a unique violation; the WHERE keeps the line within the maximum (no row
    // returned: nothing changed).
    auto id = firstText(
        db,
        QStringLiteral("INSERT INTO cart_items (cart_id, product_id, quantity, price_at_add, "
                       "currency) VALUES (?::uuid, ?::uuid, ?, ?, ?) "
                       "ON CONFLICT (cart_id, product_id) DO UPDATE SET "
                       "quantity = cart_items.quantity + EXCLUDED.quantity, "
                       "price_at_add = EXCLUDED.price_at_add, currency = EXCLUDED.currency "
                       "WHERE cart_items.quantity + EXCLUDED.quantity <= ? "
                       "RETURNING id::text"),
        {cartId, productId, quantity, product.price, product.currency, maxQuantity});
    if (!id) {
        return fail(id.error());
    }
    return id->has_value();
}

Result<bool> setQuantity(const QSqlDatabase &db, const QString &cartId, const QString &itemId,
                         int quantity)
{
    auto id =
        firstText(db,
                  QStringLiteral("UPDATE cart_items SET quantity = ? "
                                 "WHERE id = ?::uuid AND cart_id = ?::uuid RETURNING id::text"),
                  {quantity, itemId, cartId});
    if (!id) {
        return fail(id.error());
    }
    return id->has_value();
}

Result<bool> removeLine(const QSqlDatabase &db, const QString &cartId, const QString &itemId)
{
    auto id = firstText(db,
                        QStringLiteral("DELETE FROM cart_items WHERE id = ?::uuid "
                                       "AND cart_id = ?::uuid RETURNING id::text"),
                        {itemId, cartId});
    if (!id) {
        return fail(id.error());
    }
    return id->has_value();
}

Result<int> clear(const QSqlDatabase &db, const QString &cartId)
{
    auto q = run(db, QStringLiteral("DELETE FROM cart_items WHERE cart_id = ?::uuid"), {cartId});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->numRowsAffected();
}

Result<std::optional<Destination>> address(const QSqlDatabase &db, const QString &userId,
                                           const QString &addressId)
{
    return destination(db,
                       QStringLiteral("SELECT country, coalesce(state, '') FROM addresses "
                                      "WHERE id = ?::uuid AND user_id = ?::uuid"),
                       {addressId, userId});
}

Result<std::optional<Destination>> defaultAddress(const QSqlDatabase &db, const QString &userId)
{
    return destination(db,
                       QStringLiteral("SELECT country, coalesce(state, '') FROM addresses "
                                      "WHERE user_id = ?::uuid AND is_default"),
                       {userId});
}

Result<QList<std::pair<QString, int>>> taxRates(const QSqlDatabase &db, const QString &country)
{
    auto q = run(db, QStringLiteral("SELECT region, rate_ppm FROM tax_rates WHERE country = ?"),
                 {country});
    if (!q) {
        return fail(q.error());
    }
    QList<std::pair<QString, int>> rates;
    while ((*q)->next()) {
        rates.append({(*q)->value(0).toString(), (*q)->value(1).toInt()});
    }
    return rates;
}

Result<int> upsertTaxRates(const QSqlDatabase &db, const QList<TaxRateRow> &rates)
{
    int written = 0;
    for (const TaxRateRow &rate : rates) {
        auto q = Db::exec(db,
                          QStringLiteral("INSERT INTO tax_rates (country, region, rate_ppm) "
                                         "VALUES (upper(?), upper(coalesce(?, '')), ?) "
                                         "ON CONFLICT (country, region) DO UPDATE SET "
                                         "rate_ppm = EXCLUDED.rate_ppm, updated_at = now()"),
                          {rate.country, rate.region, rate.ratePpm});
        if (!q) {
            return fail(q.error());
        }
        ++written;
    }
    return written;
}

} // namespace Shop::Cart::CartRepository
