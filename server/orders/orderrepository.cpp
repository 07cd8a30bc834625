#include "orderrepository.h"

#include "commerce/ordernumber.h"
#include "db/database.h"
#include "ids.h"
#include "jobs/jobs.h"
#include "outbox/outbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>

namespace Shop::Orders::OrderRepository {

Q_LOGGING_CATEGORY(lcOrderRepository, "shop.orders.repository")

using namespace Commerce;

namespace {

// A PostgreSQL array literal of ids or numbers, bound as one value and cast (::uuid[], ::int[]).
template<typename T, typename ToText>
QString arrayLiteral(const QList<T> &values, ToText toText)
{
    QStringList parts;
    parts.reserve(values.size());
    for (const T &value : values) {
        parts << toText(value);
    }
    return u'{' + parts.join(u',') + u'}';
}

Money money(qint64 minor, const QString &currencyCode)
{
    return Money(minor, Currency::fromCode(currencyCode).value_or(Currency()));
}

QJsonObject addressJson(const OrderAddress &a)
{
    return {{QStringLiteral("recipient_name"), a.recipientName},
            {QStringLiteral("line1"), a.line1},
            {QStringLiteral("line2"), a.line2},
            {QStringLiteral("city"), a.city},
            {QStringLiteral("postal_code"), a.postalCode},
            {QStringLiteral("region"), a.region},
            {QStringLiteral("country"), a.country},
            {QStringLiteral("phone"), a.phone}};
}

OrderAddress addressFromJson(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const auto s = [&o](const char *key) {
        return o.value(QLatin1String(key)).toString();
    };
    return {s("recipient_name"), s("line1"),  s("line2"),   s("city"),
            s("postal_code"),    s("region"), s("country"), s("phone")};
}

OrderStatus statusOf(const QVariant &value)
{
    return orderStatusFromString(value.toString()).value_or(OrderStatus::Pending);
}

// The order row's columns, in this order, for find() and transition().
const QString kOrderColumns = QStringLiteral(
    "o.id, o.order_number, o.status, o.created_at, o.updated_at, o.expires_at, o.subtotal, o.tax, "
    "o.shipping_cost, o.total, o.currency, o.item_count, o.shipping_address::text, o.carrier, "
    "o.tracking_number, u.email");

OrderView orderFromRow(const QSqlQuery &q)
{
    OrderView order;
    order.id = q.value(0).toString();
    order.number = q.value(1).toString();
    order.status = statusOf(q.value(2));
    order.createdAt = q.value(3).toDateTime();
    order.updatedAt = q.value(4).toDateTime();
    if (order.status == OrderStatus::Pending && !q.value(5).isNull()) {
        order.expiresAt = q.value(5).toDateTime();
    }
    const QString currency = q.value(10).toString();
    order.totals.subtotal = money(q.value(6).toLongLong(), currency);
    order.totals.tax = money(q.value(7).toLongLong(), currency);
    order.totals.shipping = money(q.value(8).toLongLong(), currency);
    order.totals.total = money(q.value(9).toLongLong(), currency);
    order.totals.itemCount = q.value(11).toInt();
    order.shippingAddress = addressFromJson(q.value(12).toString());
    order.carrier = q.value(13).toString();
    order.trackingNumber = q.value(14).toString();
    order.customerEmail = q.value(15).toString();
    return order;
}

// Items and history of an order already read.
Result<void> loadDetails(QSqlDatabase &db, OrderView &order)
{
    auto items = Db::run(db,
                         QStringLiteral("SELECT product_id, product_name, sku, quantity, "
                                        "price FROM order_items WHERE order_id = ?::uuid "
                                        "ORDER BY product_id"),
                         {order.id});
    if (!items) {
        return fail(items.error());
    }
    const Currency currency = order.totals.total.currency();
    while ((*items)->next()) {
        QSqlQuery &q = **items;
        OrderLineView line;
        line.productId = q.value(0).toString();
        line.name = q.value(1).toString();
        line.sku = q.value(2).toString();
        line.quantity = q.value(3).toInt();
        line.unitPrice = Money(q.value(4).toLongLong(), currency);
        line.lineTotal = Money(line.unitPrice.minorUnits() * line.quantity, currency);
        order.lines.append(line);
    }
    auto history =
        Db::run(db,
                QStringLiteral("SELECT from_status, to_status, at, actor, actor_id, reason "
                               "FROM order_status_history WHERE order_id = ?::uuid ORDER BY id"),
                {order.id});
    if (!history) {
        return fail(history.error());
    }
    while ((*history)->next()) {
        QSqlQuery &q = **history;
        OrderHistoryEntry entry;
        if (!q.value(0).isNull()) {
            entry.from = statusOf(q.value(0));
        }
        entry.to = statusOf(q.value(1));
        entry.at = q.value(2).toDateTime();
        entry.actor = actorFromString(q.value(3).toString()).value_or(Actor::System);
        entry.actorId = q.value(4).toString();
        entry.reason = q.value(5).toString();
        order.history.append(entry);
    }
    return {};
}

enum class Lock { None, ForUpdate };

// The order with its items and history; nullopt when there is no such order (of that owner).
// ForUpdate locks the order row for the caller's transaction. A customer's own view (ownerId
// given) has no customer email.
Result<std::optional<OrderView>> readOrder(QSqlDatabase &db, const QString &orderId,
                                           const QString &ownerId, Lock lock)
{
    if (!OrderId::parse(orderId) || (!ownerId.isEmpty() && !UserId::parse(ownerId))) {
        return std::optional<OrderView>();
    }
    QString sql = QStringLiteral("SELECT ") + kOrderColumns
        + QStringLiteral(" FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = ?::uuid");
    QVariantList values {orderId};
    if (!ownerId.isEmpty()) {
        sql += QStringLiteral(" AND o.user_id = ?::uuid");
        values << ownerId;
    }
    if (lock == Lock::ForUpdate) {
        sql += QStringLiteral(" FOR UPDATE OF o");
    }
    auto q = Db::run(db, sql, values);
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<OrderView>();
    }
    OrderView order = orderFromRow(**q);
    if (!ownerId.isEmpty()) {
        order.customerEmail.clear();
    }
    if (auto loaded = loadDetails(db, order); !loaded) {
        return fail(loaded.error());
    }
    return std::optional<OrderView>(std::move(order));
}

// Puts a cancelled order's units back: the products locked in id order first (as checkout locks
// them), then one UPDATE.
Result<void> restoreStock(QSqlDatabase &db, const QString &orderId)
{
    auto locked =
        Db::run(db,
                QStringLiteral("SELECT id FROM products WHERE id IN "
                               "(SELECT product_id FROM order_items WHERE order_id = ?::uuid) "
                               "ORDER BY id FOR UPDATE"),
                {orderId});
    if (!locked) {
        return fail(locked.error());
    }
    auto restored = Db::run(
        db,
        QStringLiteral("UPDATE products p SET stock_quantity = p.stock_quantity + i.quantity "
                       "FROM (SELECT product_id, sum(quantity)::int AS quantity FROM order_items "
                       "WHERE order_id = ?::uuid GROUP BY product_id) i WHERE p.id = i.product_id"),
        {orderId});
    if (!restored) {
        return fail(restored.error());
    }
    return {};
}

Result<void> recordHistory(QSqlDatabase &db, const QString &orderId,
                           std::optional<OrderStatus> from, OrderStatus to, Actor actor,
                           const QString &actorId, const QString &reason)
{
    auto q = Db::run(
        db,
        QStringLiteral("INSERT INTO order_status_history "
                       "(order_id, from_status, to_status, actor, actor_id, reason) "
                       "VALUES (?::uuid, ?, ?, ?, ?::uuid, coalesce(?, ''))"),
        {orderId, from ? QVariant(toString(*from)) : QVariant(QMetaType(QMetaType::QString)),
         toString(to), toString(actor),
         actorId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(actorId), reason});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

} // namespace

Result<int> taxRate(QSqlDatabase &db, const QString &country, const QString &region)
{
    auto q = Db::run(db,
                     QStringLiteral("SELECT rate_ppm FROM tax_rates WHERE country = ? "
                                    "AND region IN ('', ?) ORDER BY region DESC LIMIT 1"),
                     {country.toUpper(), region.trimmed().toUpper()});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next() ? (*q)->value(0).toInt() : 0;
}

Result<OrderView> place(QSqlDatabase &db, const Checkout &checkout)
{
    // 1. The cart's lines, locked with the cart row: a second checkout of the same cart waits
    //    here and then finds the lines gone.
    auto cart =
        Db::run(db,
                QStringLiteral("SELECT ci.id, ci.product_id, ci.quantity, c.id FROM carts c "
                               "JOIN cart_items ci ON ci.cart_id = c.id WHERE c.user_id = ?::uuid "
                               "ORDER BY ci.product_id FOR UPDATE"),
                {checkout.userId});
    if (!cart) {
        return fail(cart.error());
    }
    QList<QString> lineIds;
    QList<QString> productIds;
    QList<int> quantities;
    QString cartId;
    while ((*cart)->next()) {
        lineIds << (*cart)->value(0).toString();
        productIds << (*cart)->value(1).toString();
        quantities << (*cart)->value(2).toInt();
        cartId = (*cart)->value(3).toString();
    }
    if (productIds.isEmpty()) {
        return fail(Error::validation({}, QStringLiteral("Your cart is empty.")));
    }
    const QString productArray = arrayLiteral(productIds, [](const QString &s) { return s; });
    const QString quantityArray =
        arrayLiteral(quantities, [](int n) { return QString::number(n); });

    // 2. The products, locked in id order (every writer of stock locks in this order), with
    //    their prices as they are now: never the cart's or the client's.
    auto products =
        Db::run(db,
                QStringLiteral("SELECT id, name, sku, price, currency, stock_quantity, is_active "
                               "FROM products WHERE id = ANY(?::uuid[]) ORDER BY id FOR UPDATE"),
                {productArray});
    if (!products) {
        return fail(products.error());
    }
    struct ProductRow
    {
        QString name;
        QString sku;
        qint64 price = 0;
        QString currency;
        int stock = 0;
        bool active = false;
    };
    QHash<QString, ProductRow> rows;
    while ((*products)->next()) {
        QSqlQuery &q = **products;
        rows.insert(q.value(0).toString(),
                    {q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                     q.value(4).toString(), q.value(5).toInt(), q.value(6).toBool()});
    }
    QList<Shortage> shortages;
    QList<PriceLine> priceLines;
    QList<OrderLineView> lines;
    bool otherCurrency = false;
    for (qsizetype i = 0; i < productIds.size(); ++i) {
        const auto row = rows.constFind(productIds[i]);
        if (row == rows.cend() || !row->active) {
            shortages.append({productIds[i], row == rows.cend() ? QString() : row->name,
                              quantities[i], 0, true});
            continue;
        }
        if (row->stock < quantities[i]) {
            shortages.append({productIds[i], row->name, quantities[i], row->stock, false});
            continue;
        }
        if (row->currency != checkout.currency.code()) {
            otherCurrency = true;
            continue;
        }
        const Money unit(row->price, checkout.currency);
        priceLines.append({productIds[i], quantities[i], unit});
        lines.append({productIds[i], row->name, row->sku, quantities[i], unit,
                      Money(row->price * quantities[i], checkout.currency)});
    }
    if (!shortages.isEmpty()) {
        QJsonArray details;
        for (const Shortage &s : std::as_const(shortages)) {
            details.append(QJsonObject {{QStringLiteral("product_id"), s.productId},
                                        {QStringLiteral("name"), s.name},
                                        {QStringLiteral("requested"), s.requested},
                                        {QStringLiteral("available"), s.available},
                                        {QStringLiteral("reason"),
                                         s.inactive ? QStringLiteral("unavailable")
                                                    : QStringLiteral("insufficient_stock")}});
        }
        Error error = Error::conflict(
            shortages.size() == 1
                ? QStringLiteral("One item in your cart is not available in the quantity you "
                                 "asked for. Change its quantity or remove it, then order again.")
                : QStringLiteral("%1 items in your cart are not available in the quantities you "
                                 "asked for. Change their quantities or remove them, then order "
                                 "again.")
                      .arg(shortages.size()));
        error.extensions.insert(QStringLiteral("lines"), details);
        return fail(std::move(error));
    }
    if (otherCurrency) {
        return fail(Error::conflict(QStringLiteral(
            "Your cart holds items priced in another currency than the store's. Remove them, "
            "then order again.")));
    }

    // 3. Tax for the address, the totals, a new order number and the database's clock.
    auto context =
        Db::run(db,
                QStringLiteral("SELECT nextval('order_number_seq'), now(), "
                               "coalesce((SELECT rate_ppm FROM tax_rates WHERE country = ? "
                               "AND region IN ('', ?) ORDER BY region DESC LIMIT 1), 0)"),
                {checkout.address.country, checkout.address.region.trimmed().toUpper()});
    if (!context || !(*context)->next()) {
        return fail(context ? Error::internal(QStringLiteral("No order number."))
                            : context.error());
    }
    const qint64 sequence = (*context)->value(0).toLongLong();
    const QDateTime now = (*context)->value(1).toDateTime();
    const int ratePpm = (*context)->value(2).toInt();
    auto totals = computeTotals(priceLines, ratePpm, checkout.shipping, checkout.currency);
    if (!totals) {
        return fail(totals.error());
    }
    const QString number = formatOrderNumber(sequence, now.toUTC().date());
    const QDateTime expiresAt =
        now.addSecs(std::chrono::duration_cast<std::chrono::seconds>(checkout.pendingTtl).count());

    // 4. One statement: take the stock (never below zero), insert the order, its items and its
    //    first history entry, and remove the ordered lines from the cart.
    auto placed = Db::run(
        db,
        QStringLiteral(
            "WITH wanted AS (SELECT * FROM unnest(?::uuid[], ?::int[]) AS w(id, quantity)), "
            "taken AS (UPDATE products p SET stock_quantity = p.stock_quantity - w.quantity "
            "  FROM wanted w WHERE p.id = w.id AND p.is_active AND p.stock_quantity >= w.quantity "
            "  RETURNING p.id, p.name, p.sku, p.price, w.quantity), "
            "o AS (INSERT INTO orders (user_id, order_number, status, subtotal, tax, "
            "  shipping_cost, total, currency, shipping_address_id, shipping_address, "
            "  tax_rate_ppm, item_count, expires_at) "
            "  VALUES (?::uuid, ?, 'pending', ?, ?, ?, ?, ?, ?::uuid, ?::jsonb, ?, ?, ?) "
            "  RETURNING id, created_at, updated_at), "
            "items AS (INSERT INTO order_items (order_id, product_id, product_name, sku, "
            "  quantity, price) SELECT o.id, t.id, t.name, t.sku, t.quantity, t.price "
            "  FROM o, taken t RETURNING 1), "
            "history AS (INSERT INTO order_status_history (order_id, to_status, actor, actor_id, "
            "  reason) SELECT o.id, 'pending', 'customer', ?::uuid, 'placed' FROM o), "
            "emptied AS (DELETE FROM cart_items WHERE id = ANY(?::uuid[])) "
            "SELECT o.id, o.created_at, o.updated_at, (SELECT count(*) FROM taken) FROM o"),
        {productArray, quantityArray, checkout.userId, number, totals->subtotal.minorUnits(),
         totals->tax.minorUnits(), totals->shipping.minorUnits(), totals->total.minorUnits(),
         checkout.currency.code(),
         checkout.savedAddressId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                           : QVariant(checkout.savedAddressId),
         QString::fromUtf8(
             QJsonDocument(addressJson(checkout.address)).toJson(QJsonDocument::Compact)),
         ratePpm, totals->itemCount, expiresAt, checkout.userId,
         arrayLiteral(lineIds, [](const QString &s) { return s; })});
    if (!placed) {
        return fail(placed.error());
    }
    if (!(*placed)->next() || (*placed)->value(3).toLongLong() != productIds.size()) {
        // Cannot happen while the rows are locked; the transaction rolls back if it does.
        qCCritical(lcOrderRepository, "Checkout took stock for %lld of %lld lines.",
                   (*placed)->isValid() ? (*placed)->value(3).toLongLong() : -1LL,
                   qlonglong(productIds.size()));
        return fail(Error::conflict(
            QStringLiteral("The stock changed while the order was placed. Try again.")));
    }
    OrderView order;
    order.id = (*placed)->value(0).toString();
    order.createdAt = (*placed)->value(1).toDateTime();
    order.updatedAt = (*placed)->value(2).toDateTime();
    order.number = number;
    order.status = OrderStatus::Pending;
    order.expiresAt = expiresAt;
    order.lines = lines;
    order.totals = *totals;
    order.shippingAddress = checkout.address;
    order.history.append({std::nullopt, OrderStatus::Pending, order.createdAt, Actor::Customer,
                          checkout.userId, QStringLiteral("placed")});

    // 5. The confirmation email and the expiry job, in the same transaction, without a NOTIFY at
    // commit (it would make orders commit one at a time): the caller wakes the workers.
    if (auto deferred = Jobs::deferWake(db); !deferred) {
        return fail(deferred.error());
    }
    if (auto mail = Outbox::enqueueMail(db, QStringLiteral("order_confirmation"),
                                        {{QStringLiteral("order_id"), order.id}},
                                        QStringLiteral("order-confirmation:") + order.id);
        !mail) {
        return fail(mail.error());
    }
    Jobs::JobRequest expiry;
    expiry.kind = ExpireJobKind;
    expiry.payload = {{QStringLiteral("order_id"), order.id}};
    expiry.runAt = expiresAt;
    expiry.uniqueKey = QStringLiteral("order-expire:") + order.id;
    expiry.maxAttempts = 20;
    if (auto job = Jobs::enqueue(db, expiry); !job) {
        return fail(job.error());
    }
    return order;
}

Result<std::optional<OrderView>> find(QSqlDatabase &db, const QString &orderId,
                                      const QString &ownerId)
{
    return readOrder(db, orderId, ownerId, Lock::None);
}

Result<OwnPage> listOwn(QSqlDatabase &db, const QString &userId, int page, int limit)
{
    auto q = Db::run(
        db,
        QStringLiteral("SELECT id, order_number, status, created_at, total, currency, item_count, "
                       "count(*) OVER () FROM orders WHERE user_id = ?::uuid "
                       "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"),
        {userId, limit, qint64(page - 1) * limit});
    if (!q) {
        return fail(q.error());
    }
    OwnPage result;
    while ((*q)->next()) {
        QSqlQuery &r = **q;
        result.items.append({r.value(0).toString(), r.value(1).toString(), statusOf(r.value(2)),
                             r.value(3).toDateTime(),
                             money(r.value(4).toLongLong(), r.value(5).toString()),
                             r.value(6).toInt(), QString()});
        result.total = r.value(7).toLongLong();
    }
    if (result.items.isEmpty() && page > 1) {
        // Past the last page: the total still counts.
        auto count = Db::run(
            db, QStringLiteral("SELECT count(*) FROM orders WHERE user_id = ?::uuid"), {userId});
        if (!count) {
            return fail(count.error());
        }
        result.total = (*count)->next() ? (*count)->value(0).toLongLong() : 0;
    }
    return result;
}

Result<AdminPage> listAdmin(QSqlDatabase &db, const AdminQuery &query)
{
    QStringList conditions;
    QVariantList values;
    if (query.status) {
        conditions << QStringLiteral("o.status = ?");
        values << toString(*query.status);
    }
    if (query.from) {
        conditions << QStringLiteral("o.created_at >= ?");
        values << *query.from;
    }
    if (query.to) {
        conditions << QStringLiteral("o.created_at < ?");
        values << *query.to;
    }
    if (!query.customerEmail.isEmpty()) {
        conditions << QStringLiteral(
            "o.user_id IN (SELECT id FROM users WHERE lower(email) = lower(?))");
        values << query.customerEmail;
    }
    if (!query.orderNumber.isEmpty()) {
        conditions << QStringLiteral("o.order_number = ?");
        values << query.orderNumber;
    }
    if (!query.afterCreatedAt.isEmpty()) {
        conditions << QStringLiteral("(o.created_at, o.id) < (?::timestamptz, ?::uuid)");
        values << query.afterCreatedAt << query.afterId;
    }
    QString sql = QStringLiteral(
        "SELECT o.id, o.order_number, o.status, o.created_at, o.total, o.currency, o.item_count, "
        "u.email, o.created_at::text FROM orders o JOIN users u ON u.id = o.user_id");
    if (!conditions.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
    sql += QStringLiteral(" ORDER BY o.created_at DESC, o.id DESC LIMIT ?");
    values << query.limit + 1;
    auto q = Db::exec(db, sql, values);
    if (!q) {
        return fail(q.error());
    }
    AdminPage result;
    while (q->next()) {
        if (result.items.size() == query.limit) {
            result.hasMore = true;
            break;
        }
        result.items.append({q->value(0).toString(), q->value(1).toString(), statusOf(q->value(2)),
                             q->value(3).toDateTime(),
                             money(q->value(4).toLongLong(), q->value(5).toString()),
                             q->value(6).toInt(), q->value(7).toString()});
        result.lastCreatedAt = q->value(8).toString();
        result.lastId = q->value(0).toString();
    }
    return result;
}

Result<Transitioned> transition(QSqlDatabase &db, const Transition &change)
{
    auto locked = readOrder(db, change.orderId, change.ownerId, Lock::ForUpdate);
    if (!locked) {
        return fail(locked.error());
    }
    if (!locked->has_value()) {
        return fail(Error::notFound(QStringLiteral("There is no such order.")));
    }
    Transitioned result {std::move(**locked), {}};
    const OrderStatus from = result.before.status;
    if (auto refused = checkTransition(from, change.to, change.actor)) {
        return fail(*refused);
    }
    if (change.to == OrderStatus::Cancelled && holdsStock(from)) {
        if (auto restored = restoreStock(db, change.orderId); !restored) {
            return fail(restored.error());
        }
    }
    const bool shipping = change.to == OrderStatus::Shipped;
    auto updated = Db::run(
        db,
        QStringLiteral("UPDATE orders SET status = ?, expires_at = NULL, "
                       "carrier = CASE WHEN ? THEN nullif(?, '') ELSE carrier END, "
                       "tracking_number = CASE WHEN ? THEN nullif(?, '') ELSE tracking_number END "
                       "WHERE id = ?::uuid RETURNING updated_at"),
        {toString(change.to), shipping, change.carrier, shipping, change.trackingNumber,
         change.orderId});
    if (!updated) {
        return fail(updated.error());
    }
    const QDateTime updatedAt =
        (*updated)->next() ? (*updated)->value(0).toDateTime() : QDateTime();
    if (auto recorded = recordHistory(db, change.orderId, from, change.to, change.actor,
                                      change.actorId, change.reason);
        !recorded) {
        return fail(recorded.error());
    }
    result.after = result.before;
    result.after.status = change.to;
    result.after.updatedAt = updatedAt;
    result.after.expiresAt = QDateTime();
    if (shipping) {
        result.after.carrier = change.carrier;
        result.after.trackingNumber = change.trackingNumber;
    }
    result.after.history.append(
        {from, change.to, updatedAt, change.actor, change.actorId, change.reason});
    return result;
}

Result<ExpiryResult> expire(QSqlDatabase &db, const QString &orderId)
{
    if (!OrderId::parse(orderId)) {
        return ExpiryResult {};
    }
    auto q = Db::run(db,
                     QStringLiteral("SELECT status, expires_at, "
                                    "(extract(epoch FROM expires_at - now()) * 1000)::bigint "
                                    "FROM orders WHERE id = ?::uuid FOR UPDATE"),
                     {orderId});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next() || statusOf((*q)->value(0)) != OrderStatus::Pending) {
        return ExpiryResult {}; // gone, paid or cancelled meanwhile: nothing to do
    }
    if (!(*q)->value(1).isNull() && (*q)->value(2).toLongLong() > 0) {
        return ExpiryResult {false, std::chrono::milliseconds((*q)->value(2).toLongLong())};
    }
    if (auto restored = restoreStock(db, orderId); !restored) {
        return fail(restored.error());
    }
    auto updated =
        Db::run(db,
                QStringLiteral("UPDATE orders SET status = 'cancelled', expires_at = NULL "
                               "WHERE id = ?::uuid"),
                {orderId});
    if (!updated) {
        return fail(updated.error());
    }
    if (auto recorded = recordHistory(db, orderId, OrderStatus::Pending, OrderStatus::Cancelled,
                                      Actor::System, QString(), QStringLiteral("expired"));
        !recorded) {
        return fail(recorded.error());
    }
    // Its PaymentIntent is cancelled at Stripe by a job that runs after this commits.
    if (auto followed = enqueuePaymentFollowUp(db, orderId, OrderStatus::Pending, QString());
        !followed) {
        return fail(followed.error());
    }
    return ExpiryResult {true, std::nullopt};
}

Result<void> enqueuePaymentFollowUp(QSqlDatabase &db, const QString &orderId,
                                    OrderStatus cancelledFrom, const QString &userId)
{
    if (cancelledFrom != OrderStatus::Pending && cancelledFrom != OrderStatus::Paid) {
        return {};
    }
    auto q =
        Db::run(db, QStringLiteral("SELECT 1 FROM payments WHERE order_id = ?::uuid"), {orderId});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return {}; // never went to Stripe
    }
    Jobs::JobRequest job;
    const bool paid = cancelledFrom == OrderStatus::Paid;
    job.kind = paid ? RefundOrderJobKind : CancelIntentJobKind;
    job.payload = {{QStringLiteral("order_id"), orderId}};
    if (paid && !userId.isEmpty()) {
        job.payload.insert(QStringLiteral("user_id"), userId);
    }
    job.uniqueKey =
        (paid ? QStringLiteral("refund-order:") : QStringLiteral("cancel-intent:")) + orderId;
    job.maxAttempts = 25;
    if (auto queued = Jobs::enqueue(db, job); !queued) {
        return fail(queued.error());
    }
    return {};
}

Result<QList<LowStock>> lowStock(QSqlDatabase &db, int threshold, int limit)
{
    auto q =
        Db::run(db,
                // product_stock_watch: the products with 1,000 units or fewer, kept by
                // triggers (migration 0007), so that no index on products covers the stock.
                QStringLiteral("SELECT p.id, p.name, p.sku, w.stock_quantity "
                               "FROM product_stock_watch w JOIN products p ON p.id = w.product_id "
                               "WHERE p.is_active AND w.stock_quantity <= ? "
                               "ORDER BY w.stock_quantity, w.product_id LIMIT ?"),
                {threshold, limit});
    if (!q) {
        return fail(q.error());
    }
    QList<LowStock> result;
    while ((*q)->next()) {
        result.append({(*q)->value(0).toString(), (*q)->value(1).toString(),
                       (*q)->value(2).toString(), (*q)->value(3).toInt()});
    }
    return result;
}

} // namespace Shop::Orders::OrderRepository
