#include "commercejson.h"

#include "serialize/catalogjson.h"

#include <cmath>
#include <limits>

namespace Shop::Commerce {

namespace {

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue nullableTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Json::toWireTime(time)) : QJsonValue(QJsonValue::Null);
}

// Reads the fields of one object strictly: the first missing or mistyped field makes the whole
// object malformed (error() names it), and later reads return defaults.
class Reader final
{
public:
    Reader(const QJsonObject &object, const char *what)
        : m_object(object)
        , m_what(what)
    { }

    QString string(const char *name)
    {
        const QJsonValue v = value(name);
        if (!v.isString()) {
            return bad(name), QString();
        }
        return v.toString();
    }

    // A string, or null for an empty one.
    QString optionalString(const char *name)
    {
        const QJsonValue v = value(name);
        if (v.isNull()) {
            return {};
        }
        if (!v.isString()) {
            return bad(name), QString();
        }
        return v.toString();
    }

    qint64 integer(const char *name, qint64 min = std::numeric_limits<qint64>::min(),
                   qint64 max = std::numeric_limits<qint64>::max())
    {
        const QJsonValue v = value(name);
        const double d = v.toDouble();
        // Integers are exact in a double up to 2^53.
        if (!v.isDouble() || !std::isfinite(d) || std::trunc(d) != d || std::abs(d) > 0x1p53
            || d < double(min) || d > double(max)) {
            return bad(name), 0;
        }
        return qint64(d);
    }

    int intValue(const char *name, int min = std::numeric_limits<int>::min(),
                 int max = std::numeric_limits<int>::max())
    {
        return int(integer(name, min, max));
    }

    bool boolean(const char *name)
    {
        const QJsonValue v = value(name);
        if (!v.isBool()) {
            return bad(name), false;
        }
        return v.toBool();
    }

    // A wire time; null allowed (an invalid QDateTime) only when `nullable`.
    QDateTime time(const char *name, bool isNullable = false)
    {
        const QJsonValue v = value(name);
        if (isNullable && v.isNull()) {
            return {};
        }
        const QDateTime t = v.isString() ? Json::fromWireTime(v.toString()) : QDateTime();
        if (!t.isValid()) {
            return bad(name), QDateTime();
        }
        return t;
    }

    Currency currency(const char *name = "currency")
    {
        const QJsonValue v = value(name);
        const auto c = v.isString() ? Currency::fromCode(v.toString()) : std::nullopt;
        if (!c) {
            return bad(name), Currency();
        }
        return *c;
    }

    Money money(const char *name, const Currency &currency)
    {
        return Money(integer(name), currency);
    }

    OrderStatus status(const char *name)
    {
        const QJsonValue v = value(name);
        const auto s = v.isString() ? orderStatusFromString(v.toString()) : std::nullopt;
        if (!s) {
            return bad(name), OrderStatus::Pending;
        }
        return *s;
    }

    std::optional<OrderStatus> optionalStatus(const char *name)
    {
        if (value(name).isNull()) {
            return std::nullopt;
        }
        return status(name);
    }

    Actor actor(const char *name)
    {
        const QJsonValue v = value(name);
        const auto a = v.isString() ? actorFromString(v.toString()) : std::nullopt;
        if (!a) {
            return bad(name), Actor::System;
        }
        return *a;
    }

    QJsonObject object(const char *name)
    {
        const QJsonValue v = value(name);
        if (!v.isObject()) {
            return bad(name), QJsonObject();
        }
        return v.toObject();
    }

    // Reads an array of objects with `read`, which returns a Result.
    template<typename T, typename ReadOne>
    QList<T> list(const char *name, ReadOne read)
    {
        const QJsonValue v = value(name);
        if (!v.isArray()) {
            return bad(name), QList<T>();
        }
        QList<T> result;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isObject()) {
                return bad(name), QList<T>();
            }
            Result<T> one = read(item.toObject());
            if (!one) {
                if (!m_error) {
                    m_error = one.error();
                }
                return {};
            }
            result.append(std::move(*one));
        }
        return result;
    }

    // Takes an error from a nested reader.
    template<typename T>
    T take(Result<T> result)
    {
        if (!result) {
            if (!m_error) {
                m_error = result.error();
            }
            return T();
        }
        return std::move(*result);
    }

    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }

private:
    QJsonValue value(const char *name) const { return m_object.value(QLatin1StringView(name)); }

    Error malformed(const char *name) const
    {
        return Error::badRequest(
            QStringLiteral("Malformed %1 in the server's answer (field \"%2\").")
                .arg(QLatin1StringView(m_what), QLatin1StringView(name)));
    }

    void bad(const char *name)
    {
        if (!m_error) {
            m_error = malformed(name);
        }
    }

    const QJsonObject &m_object;
    const char *m_what;
    std::optional<Error> m_error;
};

template<typename T>
Result<T> finish(const Reader &reader, T value)
{
    if (reader.error()) {
        return fail(*reader.error());
    }
    return value;
}

void insertTotals(QJsonObject &o, const Totals &t)
{
    o.insert(QStringLiteral("subtotal"), t.subtotal.minorUnits());
    o.insert(QStringLiteral("tax"), t.tax.minorUnits());
    o.insert(QStringLiteral("shipping_cost"), t.shipping.minorUnits());
    o.insert(QStringLiteral("total"), t.total.minorUnits());
    o.insert(QStringLiteral("item_count"), t.itemCount);
    o.insert(QStringLiteral("currency"), t.subtotal.currency().code());
}

Totals readTotals(Reader &r, const Currency &currency)
{
    Totals t;
    t.subtotal = r.money("subtotal", currency);
    t.tax = r.money("tax", currency);
    t.shipping = r.money("shipping_cost", currency);
    t.total = r.money("total", currency);
    t.itemCount = r.intValue("item_count", 0);
    return t;
}

} // namespace

// --- Writers -------------------------------------------------------------------------------------

QJsonObject toJson(const Totals &totals)
{
    QJsonObject o;
    insertTotals(o, totals);
    return o;
}

QJsonObject toJson(const CartLineView &line)
{
    return QJsonObject {
        {QStringLiteral("id"), line.id},
        {QStringLiteral("product_id"), line.productId},
        {QStringLiteral("name"), line.name},
        {QStringLiteral("sku"), line.sku},
        {QStringLiteral("image_url"), nullable(line.imageUrl)},
        {QStringLiteral("quantity"), line.quantity},
        {QStringLiteral("unit_price"), line.unitPrice.minorUnits()},
        {QStringLiteral("price_at_add"), line.priceAtAdd.minorUnits()},
        {QStringLiteral("line_total"), line.lineTotal.minorUnits()},
        {QStringLiteral("currency"), line.unitPrice.currency().code()},
        {QStringLiteral("stock_quantity"), line.stock},
        {QStringLiteral("available"), line.available},
        {QStringLiteral("price_changed"), line.priceChanged()},
    };
}

QJsonObject toJson(const CartView &cart)
{
    QJsonArray items;
    for (const CartLineView &line : cart.lines) {
        items.append(toJson(line));
    }
    QJsonObject o {{QStringLiteral("items"), items}};
    insertTotals(o, cart.totals);
    if (!cart.currency.isEmpty()) {
        o.insert(QStringLiteral("currency"), cart.currency);
    }
    o.insert(QStringLiteral("updated_at"), nullableTime(cart.updatedAt));
    return o;
}

QJsonObject toJson(const OrderLineView &line)
{
    return QJsonObject {
        {QStringLiteral("product_id"), line.productId},
        {QStringLiteral("name"), line.name},
        {QStringLiteral("sku"), line.sku},
        {QStringLiteral("quantity"), line.quantity},
        {QStringLiteral("unit_price"), line.unitPrice.minorUnits()},
        {QStringLiteral("line_total"), line.lineTotal.minorUnits()},
        {QStringLiteral("currency"), line.unitPrice.currency().code()},
    };
}

QJsonObject toJson(const OrderHistoryEntry &entry)
{
    return QJsonObject {
        {QStringLiteral("from_status"),
         entry.from ? QJsonValue(toString(*entry.from)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("to_status"), toString(entry.to)},
        {QStringLiteral("at"), nullableTime(entry.at)},
        {QStringLiteral("actor"), toString(entry.actor)},
        {QStringLiteral("actor_id"), nullable(entry.actorId)},
        {QStringLiteral("reason"), nullable(entry.reason)},
    };
}

QJsonObject toJson(const OrderAddress &a)
{
    return QJsonObject {
        {QStringLiteral("recipient_name"), a.recipientName},
        {QStringLiteral("line1"), a.line1},
        {QStringLiteral("line2"), a.line2},
        {QStringLiteral("city"), a.city},
        {QStringLiteral("postal_code"), a.postalCode},
        {QStringLiteral("region"), a.region},
        {QStringLiteral("country"), a.country},
        {QStringLiteral("phone"), a.phone},
    };
}

QJsonObject toJson(const OrderView &order)
{
    QJsonArray items;
    for (const OrderLineView &line : order.lines) {
        items.append(toJson(line));
    }
    QJsonArray history;
    for (const OrderHistoryEntry &entry : order.history) {
        history.append(toJson(entry));
    }
    QJsonObject o {
        {QStringLiteral("id"), order.id},
        {QStringLiteral("order_number"), order.number},
        {QStringLiteral("status"), toString(order.status)},
        {QStringLiteral("created_at"), nullableTime(order.createdAt)},
        {QStringLiteral("updated_at"), nullableTime(order.updatedAt)},
        {QStringLiteral("expires_at"), nullableTime(order.expiresAt)},
        {QStringLiteral("items"), items},
        {QStringLiteral("shipping_address"), toJson(order.shippingAddress)},
        {QStringLiteral("history"), history},
        {QStringLiteral("customer_email"), nullable(order.customerEmail)},
        {QStringLiteral("carrier"), nullable(order.carrier)},
        {QStringLiteral("tracking_number"), nullable(order.trackingNumber)},
    };
    insertTotals(o, order.totals);
    return o;
}

QJsonObject toJson(const OrderSummary &s)
{
    return QJsonObject {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("order_number"), s.number},
        {QStringLiteral("status"), toString(s.status)},
        {QStringLiteral("created_at"), nullableTime(s.createdAt)},
        {QStringLiteral("total"), s.total.minorUnits()},
        {QStringLiteral("currency"), s.total.currency().code()},
        {QStringLiteral("item_count"), s.itemCount},
        {QStringLiteral("customer_email"), nullable(s.customerEmail)},
    };
}

// --- Readers -------------------------------------------------------------------------------------

Result<Totals> totalsFromJson(const QJsonObject &object)
{
    Reader r(object, "totals");
    const Currency currency = r.currency();
    Totals t = readTotals(r, currency);
    return finish(r, std::move(t));
}

Result<CartLineView> cartLineViewFromJson(const QJsonObject &object)
{
    Reader r(object, "cart line");
    CartLineView line;
    line.id = r.string("id");
    line.productId = r.string("product_id");
    line.name = r.string("name");
    line.sku = r.string("sku");
    line.imageUrl = r.optionalString("image_url");
    line.quantity = r.intValue("quantity");
    const Currency currency = r.currency();
    line.unitPrice = r.money("unit_price", currency);
    line.priceAtAdd = r.money("price_at_add", currency);
    line.lineTotal = r.money("line_total", currency);
    line.stock = r.intValue("stock_quantity");
    line.available = r.boolean("available");
    return finish(r, std::move(line));
}

Result<CartView> cartViewFromJson(const QJsonObject &object)
{
    Reader r(object, "cart");
    CartView cart;
    cart.lines = r.list<CartLineView>("items", cartLineViewFromJson);
    const Currency currency = r.currency();
    cart.currency = currency.code();
    cart.totals = readTotals(r, currency);
    cart.updatedAt = r.time("updated_at", true);
    return finish(r, std::move(cart));
}

Result<OrderLineView> orderLineViewFromJson(const QJsonObject &object)
{
    Reader r(object, "order line");
    OrderLineView line;
    line.productId = r.string("product_id");
    line.name = r.string("name");
    line.sku = r.string("sku");
    line.quantity = r.intValue("quantity");
    const Currency currency = r.currency();
    line.unitPrice = r.money("unit_price", currency);
    line.lineTotal = r.money("line_total", currency);
    return finish(r, std::move(line));
}

Result<OrderHistoryEntry> orderHistoryEntryFromJson(const QJsonObject &object)
{
    Reader r(object, "order history entry");
    OrderHistoryEntry entry;
    entry.from = r.optionalStatus("from_status");
    entry.to = r.status("to_status");
    entry.at = r.time("at");
    entry.actor = r.actor("actor");
    entry.actorId = r.optionalString("actor_id");
    entry.reason = r.optionalString("reason");
    return finish(r, std::move(entry));
}

Result<OrderAddress> orderAddressFromJson(const QJsonObject &object)
{
    Reader r(object, "order address");
    OrderAddress a;
    a.recipientName = r.string("recipient_name");
    a.line1 = r.string("line1");
    a.line2 = r.string("line2");
    a.city = r.string("city");
    a.postalCode = r.string("postal_code");
    a.region = r.string("region");
    a.country = r.string("country");
    a.phone = r.string("phone");
    return finish(r, std::move(a));
}

Result<OrderView> orderViewFromJson(const QJsonObject &object)
{
    Reader r(object, "order");
    OrderView order;
    order.id = r.string("id");
    order.number = r.string("order_number");
    order.status = r.status("status");
    order.createdAt = r.time("created_at");
    order.updatedAt = r.time("updated_at");
    order.expiresAt = r.time("expires_at", true);
    order.lines = r.list<OrderLineView>("items", orderLineViewFromJson);
    const Currency currency = r.currency();
    order.totals = readTotals(r, currency);
    order.shippingAddress = r.take(orderAddressFromJson(r.object("shipping_address")));
    order.history = r.list<OrderHistoryEntry>("history", orderHistoryEntryFromJson);
    order.customerEmail = r.optionalString("customer_email");
    order.carrier = r.optionalString("carrier");
    order.trackingNumber = r.optionalString("tracking_number");
    return finish(r, std::move(order));
}

Result<OrderSummary> orderSummaryFromJson(const QJsonObject &object)
{
    Reader r(object, "order summary");
    OrderSummary s;
    s.id = r.string("id");
    s.number = r.string("order_number");
    s.status = r.status("status");
    s.createdAt = r.time("created_at");
    const Currency currency = r.currency();
    s.total = r.money("total", currency);
    s.itemCount = r.intValue("item_count", 0);
    s.customerEmail = r.optionalString("customer_email");
    return finish(r, std::move(s));
}

} // namespace Shop::Commerce
