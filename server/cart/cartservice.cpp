#include "cartservice.h"

#include "commerce/cartrules.h"
#include "db/database.h"
#include "db/transaction.h"
#include "redis/cartcache.h"
#include "serialize/commercejson.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace Shop::Cart {

namespace {

const QString kProductId = QStringLiteral("product_id");

Error productError(const QString &message, const QString &code)
{
    return Error::validation({{kProductId, message, code}},
                             QStringLiteral("This product cannot "
                                            "be added to the "
                                            "cart."));
}

Error noSuchLine()
{
    return Error::notFound(QStringLiteral("Your cart has no such line."));
}

} // namespace

CartService::CartService(const Server::ServerConfig &config)
    : m_currency(Currency::fromCode(config.currency).value_or(Currency()))
{
    m_shipping.flatRate = Money(config.orders.shippingFlatRate, m_currency);
    if (config.orders.freeShippingFrom > 0) {
        m_shipping.freeFrom = Money(config.orders.freeShippingFrom, m_currency);
    }
    m_cache = Redis::CartCache::forConfig(config);
}

Result<QByteArray> CartService::cartJson(const QString &userId, const TaxChoice &tax) const
{
    const auto compact = [](const PricedCart &priced) {
        return QJsonDocument(toJson(priced)).toJson(QJsonDocument::Compact);
    };
    if (!m_cache) {
        auto priced = cart(userId, tax);
        if (!priced) {
            return fail(priced.error());
        }
        return compact(*priced);
    }
    // What else the answer depends on: the tax choice.
    QByteArray variant = "-";
    if (tax.addressId) {
        variant = "a:" + tax.addressId->toUtf8();
    } else if (tax.destination) {
        variant = "d:" + tax.destination->country.toUtf8() + ':' + tax.destination->region.toUtf8();
    }
    // The stamp is read before the database: an answer from before a cart change is filed
    // under a stamp nobody reads after it.
    Redis::CartCache::Lookup cached = m_cache->find(userId, variant);
    if (cached.value) {
        return std::move(*cached.value);
    }
    auto priced = cart(userId, tax);
    if (!priced) {
        return fail(priced.error());
    }
    QByteArray bytes = compact(*priced);
    m_cache->store(userId, variant, cached.stamp, bytes);
    return bytes;
}

void CartService::changed(const QString &userId) const
{
    if (m_cache) {
        m_cache->invalidate(userId);
    }
}

Result<PricedCart> CartService::cart(const QString &userId, const TaxChoice &tax) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    return price(*db, userId, tax);
}

Result<PricedCart> CartService::price(const QSqlDatabase &db, const QString &userId,
                                      const TaxChoice &tax) const
{
    PricedCart priced;
    // The destination, and with it the tax rate.
    priced.taxBasis = QStringLiteral("none");
    if (tax.addressId) {
        auto found = CartRepository::address(db, userId, *tax.addressId);
        if (!found) {
            return fail(found.error());
        }
        if (!found->has_value()) {
            return fail(Error::notFound(QStringLiteral("You have no such address.")));
        }
        priced.destination = **found;
        priced.taxBasis = QStringLiteral("address");
    } else if (tax.destination) {
        priced.destination = *tax.destination;
        priced.taxBasis = QStringLiteral("destination");
    } else {
        auto found = CartRepository::defaultAddress(db, userId);
        if (!found) {
            return fail(found.error());
        }
        if (found->has_value()) {
            priced.destination = **found;
            priced.taxBasis = QStringLiteral("address");
        }
    }
    if (priced.destination) {
        auto rows = CartRepository::taxRates(db, priced.destination->country);
        if (!rows) {
            return fail(rows.error());
        }
        Commerce::TaxTable table;
        for (const auto &[region, rate] : std::as_const(*rows)) {
            table.setRate(priced.destination->country, region, rate);
        }
        priced.taxRatePpm = table.rateFor(priced.destination->country, priced.destination->region);
    }

    auto rows = CartRepository::load(db, userId);
    if (!rows) {
        return fail(rows.error());
    }
    Commerce::CartView &view = priced.view;
    view.currency = m_currency.code();
    view.updatedAt = rows->updatedAt;
    QList<Commerce::PriceLine> priceLines;
    for (const CartLineRow &row : std::as_const(rows->lines)) {
        const auto current = Currency::fromCode(row.currency);
        const auto atAdd = Currency::fromCode(row.currencyAtAdd);
        Commerce::CartLineView line;
        line.id = row.id;
        line.productId = row.productId;
        line.name = row.name;
        line.sku = row.sku;
        line.imageUrl = row.imageUrl;
        line.quantity = row.quantity;
        line.unitPrice = Money(row.price, current.value_or(m_currency));
        line.priceAtAdd = Money(row.priceAtAdd, atAdd.value_or(m_currency));
        line.stock = row.stock;
        // Only active products priced in the store's currency count; the others are shown.
        line.available = row.isActive && current && *current == m_currency;
        auto total = line.unitPrice.times(row.quantity);
        if (!total) {
            return fail(total.error());
        }
        line.lineTotal = *total;
        if (line.available) {
            priceLines.append({row.productId, row.quantity, line.unitPrice});
        }
        view.lines.append(line);
    }
    auto totals = Commerce::computeTotals(priceLines, priced.taxRatePpm, m_shipping, m_currency);
    if (!totals) {
        return fail(totals.error());
    }
    view.totals = *totals;
    return priced;
}

Result<PricedCart> CartService::addItem(const QString &userId, const QString &productId,
                                        int quantity) const
{
    auto added = Db::inTransaction([&](const QSqlDatabase &db) -> Result<void> {
        auto cartId = CartRepository::lockOrCreate(db, userId);
        if (!cartId) {
            return fail(cartId.error());
        }
        auto product = CartRepository::product(db, productId);
        if (!product) {
            return fail(product.error());
        }
        if (!product->has_value()) {
            return fail(productError(QStringLiteral("is not a product of this store"),
                                     QStringLiteral("unknown")));
        }
        if (!(*product)->isActive) {
            return fail(
                productError(QStringLiteral("is no longer sold"), QStringLiteral("inactive")));
        }
        if ((*product)->currency != m_currency.code()) {
            // One currency per cart: the store's (the shipping rule's and every other line's).
            return fail(productError(QStringLiteral("is priced in %1; the cart is in %2")
                                         .arg((*product)->currency, m_currency.code()),
                                     QStringLiteral("currency")));
        }
        auto existing = CartRepository::quantityOf(db, *cartId, productId);
        if (!existing) {
            return fail(existing.error());
        }
        if (auto sum = Commerce::addQuantities(*existing, quantity); !sum) {
            return fail(sum.error());
        }
        auto written = CartRepository::addToLine(db, *cartId, productId, quantity, **product,
                                                 Commerce::kMaxLineQuantity);
        if (!written) {
            return fail(written.error());
        }
        if (!*written) {
            // Only when the line grew meanwhile, which the cart's lock rules out.
            return fail(Commerce::addQuantities(Commerce::kMaxLineQuantity, quantity).error());
        }
        return {};
    });
    changed(userId); // after the transaction, whatever its outcome
    if (!added) {
        return fail(added.error());
    }
    return cart(userId);
}

Result<PricedCart> CartService::changeLine(
    const QString &userId,
    const std::function<Result<bool>(const QSqlDatabase &, const QString &)> &change) const
{
    auto changed = Db::inTransaction([&](const QSqlDatabase &db) -> Result<void> {
        auto cartId = CartRepository::lock(db, userId);
        if (!cartId) {
            return fail(cartId.error());
        }
        if (!cartId->has_value()) {
            return fail(noSuchLine());
        }
        auto found = change(db, **cartId);
        if (!found) {
            return fail(found.error());
        }
        if (!*found) {
            return fail(noSuchLine());
        }
        return {};
    });
    this->changed(userId);
    if (!changed) {
        return fail(changed.error());
    }
    return cart(userId);
}

Result<PricedCart> CartService::setQuantity(const QString &userId, const QString &itemId,
                                            int quantity) const
{
    return changeLine(userId, [&](const QSqlDatabase &db, const QString &cartId) {
        return CartRepository::setQuantity(db, cartId, itemId, quantity);
    });
}

Result<PricedCart> CartService::removeItem(const QString &userId, const QString &itemId) const
{
    return changeLine(userId, [&](const QSqlDatabase &db, const QString &cartId) {
        return CartRepository::removeLine(db, cartId, itemId);
    });
}

Result<void> CartService::clear(const QString &userId) const
{
    auto result = Db::inTransaction([&](const QSqlDatabase &db) -> Result<void> {
        auto cartId = CartRepository::lock(db, userId);
        if (!cartId) {
            return fail(cartId.error());
        }
        if (cartId->has_value()) {
            if (auto cleared = CartRepository::clear(db, **cartId); !cleared) {
                return fail(cleared.error());
            }
        }
        return {};
    });
    changed(userId);
    return result;
}

QJsonObject CartService::toJson(const PricedCart &cart)
{
    QJsonObject object = Commerce::toJson(cart.view);
    object.insert(QStringLiteral("tax_basis"), cart.taxBasis);
    object.insert(QStringLiteral("tax_rate_ppm"), cart.taxRatePpm);
    object.insert(QStringLiteral("tax_destination"),
                  cart.destination ? QJsonValue(
                      QJsonObject {{QStringLiteral("country"), cart.destination->country},
                                   {QStringLiteral("region"), cart.destination->region}})
                                   : QJsonValue(QJsonValue::Null));
    return object;
}

} // namespace Shop::Cart
