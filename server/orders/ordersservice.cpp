#include "ordersservice.h"

#include "accounts/accountsrequests.h"
#include "accounts/userrepository.h"
#include "audit/audit.h"
#include "commerce/ordernumber.h"
#include "db/database.h"
#include "db/idempotency.h"
#include "db/transaction.h"
#include "http/idempotentreplay.h"
#include "http/problem.h"
#include "ids.h"
#include "jobs/jobs.h"
#include "orderrepository.h"
#include "outbox/outbox.h"
#include "redis/cartcache.h"
#include "serialize/catalogjson.h"
#include "serialize/commercejson.h"
#include "validation.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Shop::Orders {

Q_LOGGING_CATEGORY(lcOrders, "shop.orders.service")

using namespace Commerce;
using Http::Reply;
using Http::Request;
using Http::Response;
namespace Idempotency = Db::Idempotency;

namespace {

const QString kNoSuchOrder = QStringLiteral("There is no such order.");

// The members of an inline shipping address.
const QStringList kAddressMembers {
    QStringLiteral("recipient_name"), QStringLiteral("line1"),       QStringLiteral("line2"),
    QStringLiteral("city"),           QStringLiteral("postal_code"), QStringLiteral("region"),
    QStringLiteral("country"),        QStringLiteral("phone"),
};

OrderAddress orderAddress(const Accounts::Address &a)
{
    return {a.recipientName, a.line1, a.line2, a.city, a.postalCode, a.region, a.country, a.phone};
}

QList<FieldError> prefixed(const QList<FieldError> &errors, const QString &prefix)
{
    QList<FieldError> result;
    for (const FieldError &e : errors) {
        result.append({prefix + e.field, e.message, e.code});
    }
    return result;
}

// The checkout body: {"address_id": "<one of the caller's addresses>"} or
// {"shipping_address": {recipient_name, line1, line2, city, postal_code, region, country, phone}}.
Result<std::pair<OrderAddress, QString>> checkoutAddress(QSqlDatabase &db, const QJsonObject &body,
                                                         const QString &userId)
{
    Accounts::Requests::Fields f(body);
    f.allowOnly({QStringLiteral("address_id"), QStringLiteral("shipping_address")});
    if (auto error = f.error()) {
        return fail(*error);
    }
    const bool saved = body.contains(QStringLiteral("address_id"));
    const bool inline_ = body.contains(QStringLiteral("shipping_address"));
    if (saved == inline_) {
        return fail(Error::validation(
            {{QStringLiteral("address_id"),
              QStringLiteral("give either address_id or shipping_address"),
              QStringLiteral("required")}},
            QStringLiteral("Say where the order goes: a saved address or a new one.")));
    }
    if (inline_) {
        const QJsonValue value = body.value(QStringLiteral("shipping_address"));
        if (!value.isObject()) {
            return fail(Error::validation(
                {{QStringLiteral("shipping_address"), QStringLiteral("must be an object"),
                  QStringLiteral("invalid")}}));
        }
        Accounts::Requests::Fields a(value.toObject());
        a.allowOnly(kAddressMembers);
        const Accounts::Address address = Accounts::Requests::addressFrom(a);
        if (auto error = a.error()) {
            Error e = *error;
            e.fieldErrors = prefixed(e.fieldErrors, QStringLiteral("shipping_address."));
            e.message = QStringLiteral("The shipping address is not complete or not valid.");
            return fail(std::move(e));
        }
        return std::pair {orderAddress(address), QString()};
    }
    const QJsonValue id = body.value(QStringLiteral("address_id"));
    const Error unknown = Error::validation(
        {{QStringLiteral("address_id"), QStringLiteral("is not one of your addresses"),
          QStringLiteral("unknown")}},
        QStringLiteral("That address is not in your address book any more. Choose another."));
    if (!id.isString() || !UserId::parse(id.toString())) {
        return fail(unknown);
    }
    auto addresses = Accounts::UserRepository::addresses(db, userId);
    if (!addresses) {
        return fail(addresses.error());
    }
    for (const Accounts::Address &a : std::as_const(*addresses)) {
        if (a.id == id.toString()) {
            return std::pair {orderAddress(a), a.id};
        }
    }
    return fail(unknown);
}

Response created(const OrderView &order)
{
    Response response = Response::json(toJson(order), 201);
    response.setHeader(QByteArrayLiteral("Location"),
                       QByteArray("/api/orders/") + order.id.toLatin1());
    return response;
}

Response replay(const Idempotency::Claim &claim)
{
    Response response = Http::idempotentReplay(claim.status, claim.body);
    if (claim.status == 201) {
        const QString id =
            QJsonDocument::fromJson(claim.body).object().value(QStringLiteral("id")).toString();
        response.setHeader(QByteArrayLiteral("Location"),
                           QByteArray("/api/orders/") + id.toLatin1());
    }
    return response;
}

// An answer worth keeping for the key: the request ran and its outcome would be the same again
// (the stock was short, the cart empty). Invalid input and failures are not kept.
bool isFinalRefusal(const Error &error)
{
    return (error.code == ErrorCode::Conflict && error.extensions.contains(QStringLiteral("lines")))
        || (error.code == ErrorCode::Validation && error.fieldErrors.isEmpty());
}

// The admin list's keyset cursor: base64url of "<created_at as PostgreSQL writes it>|<id>", opaque
// to clients.
QString encodeCursor(const QString &createdAt, const QString &id)
{
    return QString::fromLatin1(
        QString(createdAt + u'|' + id)
            .toUtf8()
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<QString, QString>> decodeCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    const QString text = QString::fromUtf8(*decoded);
    const qsizetype bar = text.indexOf(u'|');
    static const QRegularExpression time(
        QStringLiteral(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$)"));
    if (bar < 0 || !time.match(text.left(bar)).hasMatch() || !OrderId::parse(text.mid(bar + 1))) {
        return std::nullopt;
    }
    return std::pair {text.left(bar), text.mid(bar + 1)};
}

Result<QSqlDatabase> connection()
{
    return Db::threadConnection();
}

Result<QString> orderIdParam(const Request &request)
{
    const QString id = request.pathParam(QStringLiteral("id"));
    if (!OrderId::parse(id)) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    return id;
}

} // namespace

OrdersService::OrdersService(OrdersSettings settings)
    : m_settings(std::move(settings))
{ }

void OrdersService::registerRoutes(Http::Router &router)
{
    using Http::Route;
    const auto sync = [this](Reply (OrdersService::*method)(const Request &) const) {
        return [this, method](const Request &request) {
            return (this->*method)(request);
        };
    };
    // Signed-in callers count against their account's limit; the class only matters for callers
    // without a valid token, who get 401 first.
    const QString limit = Http::kRateClassAnonWrite;
    const QString write = QStringLiteral("write:orders");
    const QString read = QStringLiteral("read:orders:own");
    const QString staffRead = QStringLiteral("read:orders:all");
    const QString staffWrite = QStringLiteral("write:orders:all");
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/orders"),
                      .handler = sync(&OrdersService::place),
                      .rateClass = limit,
                      .permission = write});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/orders"),
                      .handler = sync(&OrdersService::listOwn),
                      .rateClass = limit,
                      .permission = read});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/orders/{id}"),
                      .handler = sync(&OrdersService::getOwn),
                      .rateClass = limit,
                      .permission = read});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/orders/{id}/cancel"),
                      .handler = sync(&OrdersService::cancelOwn),
                      .rateClass = limit,
                      .permission = write});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/admin/orders"),
                      .handler = sync(&OrdersService::adminList),
                      .rateClass = limit,
                      .permission = staffRead});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/admin/orders/{id}"),
                      .handler = sync(&OrdersService::adminGet),
                      .rateClass = limit,
                      .permission = staffRead});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/admin/orders/{id}/status"),
                      .handler = sync(&OrdersService::adminSetStatus),
                      .rateClass = limit,
                      .permission = staffWrite});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/admin/inventory/low-stock"),
                      .handler = sync(&OrdersService::lowStock),
                      .rateClass = limit,
                      .permission = staffRead});
}

Reply OrdersService::place(const Request &request) const
{
    auto body = request.jsonObject();
    if (!body) {
        return fail(body.error());
    }
    const QByteArray key = request.header("idempotency-key");
    if (key.isEmpty()) {
        return fail(Error::badRequest(QStringLiteral(
            "An Idempotency-Key header is required: send a new unique value (a UUID) for each "
            "order and the same value when you retry it.")));
    }
    if (!Idempotency::isValidKey(key)) {
        return fail(Error::badRequest(QStringLiteral(
            "The Idempotency-Key header must be 1 to 255 printable ASCII characters.")));
    }
    const QString userId = request.principal.userId;
    const QString keyText = QString::fromLatin1(key);
    const QString &scope = Idempotency::kScopeOrders;
    // The body as parsed (members sorted, no spacing): the same JSON sent twice is the same
    // request whatever its formatting.
    const QByteArray digest = Idempotency::requestDigest(*body);
    auto db = connection();
    if (!db) {
        return fail(db.error());
    }
    auto claim = Idempotency::claim(*db, userId, scope, keyText, digest);
    if (!claim) {
        return fail(claim.error());
    }
    switch (claim->state) {
    case Idempotency::Claim::State::Replay:
        return replay(*claim);
    case Idempotency::Claim::State::InFlight:
        return fail(Error::conflict(QStringLiteral(
            "An order with this Idempotency-Key is still being placed. Wait for its answer, then "
            "retry with the same key to read it.")));
    case Idempotency::Claim::State::Mismatch:
        return fail(Error::validation(
            {},
            QStringLiteral("This Idempotency-Key was used for a different request. Use a new "
                           "key for a new order.")));
    case Idempotency::Claim::State::Proceed:
        break;
    }

    // From here on the key is ours: every way out stores an answer or releases the key.
    const auto giveUp = [&](const Error &error) -> Reply {
        if (auto released = Idempotency::release(*db, userId, scope, keyText); !released) {
            qCWarning(lcOrders, "Could not release an idempotency key: %ls",
                      qUtf16Printable(released.error().message));
        }
        return fail(error);
    };
    auto address = checkoutAddress(*db, *body, userId);
    if (!address) {
        return giveUp(address.error());
    }
    Checkout checkout;
    checkout.userId = userId;
    checkout.address = address->first;
    checkout.savedAddressId = address->second;
    checkout.shipping = m_settings.shipping;
    checkout.currency = m_settings.currency;
    checkout.pendingTtl = m_settings.pendingTtl;

    auto tx = Db::Transaction::begin(*db);
    if (!tx) {
        return giveUp(tx.error());
    }
    auto order = OrderRepository::place(*db, checkout);
    if (!order) {
        tx->rollback();
        if (!isFinalRefusal(order.error())) {
            return giveUp(order.error());
        }
        Response refusal = Http::problemResponse(order.error(), request.path, request.requestId);
        if (auto stored =
                Idempotency::store(*db, userId, scope, keyText, refusal.status, refusal.body);
            !stored) {
            return giveUp(stored.error());
        }
        return refusal;
    }
    Response response = created(*order);
    if (auto stored =
            Idempotency::store(*db, userId, scope, keyText, response.status, response.body);
        !stored) {
        tx->rollback();
        return giveUp(stored.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return giveUp(committed.error());
    }
    Jobs::wakeAfterCommit(); // the confirmation email (OrderRepository::place deferred the NOTIFY)
    if (m_settings.cartCache) {
        m_settings.cartCache->invalidate(userId); // the order emptied the cart
    }
    qCInfo(lcOrders, "Order %ls placed: %d items, total %lld %ls.", qUtf16Printable(order->number),
           order->totals.itemCount, qlonglong(order->totals.total.minorUnits()),
           qUtf16Printable(order->totals.total.currency().code()));
    return response;
}

Reply OrdersService::listOwn(const Request &request) const
{
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    Validator v;
    PageParams paging;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!takePageParam(key, value.trimmed(), paging, v)) {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    auto db = connection();
    if (!db) {
        return fail(db.error());
    }
    auto page = OrderRepository::listOwn(*db, request.principal.userId, paging.page, paging.limit);
    if (!page) {
        return fail(page.error());
    }
    QJsonArray items;
    for (const OrderSummary &summary : std::as_const(page->items)) {
        items.append(toJson(summary));
    }
    return Response::page(items, paging.page, paging.limit, page->total);
}

Reply OrdersService::getOwn(const Request &request) const
{
    auto id = orderIdParam(request);
    if (!id) {
        return fail(id.error());
    }
    auto db = connection();
    if (!db) {
        return fail(db.error());
    }
    auto order = OrderRepository::find(*db, *id, request.principal.userId);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    return Response::json(toJson(**order));
}

Reply OrdersService::cancelOwn(const Request &request) const
{
    auto id = orderIdParam(request);
    if (!id) {
        return fail(id.error());
    }
    // An optional {"reason": "..."}; an empty body is fine.
    QString reason;
    if (!request.body.trimmed().isEmpty()) {
        auto body = request.jsonObject();
        if (!body) {
            return fail(body.error());
        }
        Accounts::Requests::Fields f(*body);
        f.allowOnly({QStringLiteral("reason")});
        reason = f.text(QStringLiteral("reason"), false, 500);
        if (auto error = f.error()) {
            return fail(*error);
        }
    }
    return Db::inTransaction([&](QSqlDatabase &db) -> Reply {
        OrderRepository::Transition change;
        change.orderId = *id;
        change.ownerId = request.principal.userId;
        change.to = OrderStatus::Cancelled;
        change.actor = Actor::Customer;
        change.actorId = request.principal.userId;
        change.reason = reason.isEmpty() ? QStringLiteral("cancelled by the customer") : reason;
        auto done = OrderRepository::transition(db, change);
        if (!done) {
            return fail(done.error());
        }
        // A paid order is refunded in full, a pending one's PaymentIntent cancelled (jobs of
        // the payments module, committed with the cancellation).
        if (auto followed = OrderRepository::enqueuePaymentFollowUp(db, *id, done->before.status,
                                                                    request.principal.userId);
            !followed) {
            return fail(followed.error());
        }
        OrderView view = done->after;
        view.customerEmail.clear();
        return Response::json(toJson(view));
    });
}

Reply OrdersService::adminList(const Request &request) const
{
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    Validator v;
    OrderRepository::AdminQuery filter;
    for (const auto &[key, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        const QString value = rawValue.trimmed();
        if (key == u"status") {
            filter.status = orderStatusFromString(value);
            v.check(filter.status.has_value(), key,
                    QStringLiteral("must be one of pending, paid, processing, shipped, "
                                   "delivered, cancelled"));
        } else if (key == u"from" || key == u"to") {
            const QDateTime time = Json::fromWireTime(value);
            if (v.check(time.isValid(), key,
                        QStringLiteral("must be an RFC 3339 time such as 2026-12-05T10:00:00Z"))) {
                (key == u"from" ? filter.from : filter.to) = time;
            }
        } else if (key == u"email") {
            v.check(!value.isEmpty() && value.size() <= 254, key,
                    QStringLiteral("must be an email address"));
            filter.customerEmail = value;
        } else if (key == u"number") {
            const auto number = normalizeOrderNumber(value);
            if (v.check(number.has_value(), key,
                        QStringLiteral("must be an order number such as SO-20261205-0003VK"))) {
                filter.orderNumber = *number;
            }
        } else if (key == u"after") {
            // The next_cursor of the previous page.
            const auto cursor = decodeCursor(value);
            if (v.check(cursor.has_value(), key,
                        QStringLiteral("must be the next_cursor of a previous page"))) {
                filter.afterCreatedAt = cursor->first;
                filter.afterId = cursor->second;
            }
        } else if (key == u"limit") {
            bool ok = false;
            const int limit = value.toInt(&ok);
            if (v.check(ok && limit >= 1 && limit <= 200, key,
                        QStringLiteral("must be a whole number from 1 to 200"))) {
                filter.limit = limit;
            }
        } else {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    auto db = connection();
    if (!db) {
        return fail(db.error());
    }
    auto page = OrderRepository::listAdmin(*db, filter);
    if (!page) {
        return fail(page.error());
    }
    QJsonArray items;
    for (const OrderSummary &summary : std::as_const(page->items)) {
        items.append(toJson(summary));
    }
    QJsonObject result {{QStringLiteral("items"), items},
                        {QStringLiteral("limit"), filter.limit},
                        {QStringLiteral("next_cursor"), QJsonValue::Null}};
    if (page->hasMore) {
        result.insert(QStringLiteral("next_cursor"),
                      encodeCursor(page->lastCreatedAt, page->lastId));
    }
    return Response::json(result);
}

Reply OrdersService::adminGet(const Request &request) const
{
    auto id = orderIdParam(request);
    if (!id) {
        return fail(id.error());
    }
    auto db = connection();
    if (!db) {
        return fail(db.error());
    }
    auto order = OrderRepository::find(*db, *id, QString());
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    return Response::json(toJson(**order));
}

Reply OrdersService::adminSetStatus(const Request &request) const
{
    auto id = orderIdParam(request);
    if (!id) {
        return fail(id.error());
    }
    auto body = request.jsonObject();
    if (!body) {
        return fail(body.error());
    }
    Accounts::Requests::Fields f(*body);
    f.allowOnly({QStringLiteral("status"), QStringLiteral("reason"), QStringLiteral("carrier"),
                 QStringLiteral("tracking_number")});
    const QString statusText = f.text(QStringLiteral("status"), true, 20);
    const auto status = orderStatusFromString(statusText);
    if (!statusText.isEmpty() && !status) {
        f.add(QStringLiteral("status"),
              QStringLiteral("must be one of pending, paid, processing, shipped, delivered, "
                             "cancelled"),
              QStringLiteral("invalid"));
    }
    const QString reason = f.text(QStringLiteral("reason"), false, 500);
    const QString carrier = f.text(QStringLiteral("carrier"), false, 100);
    const QString tracking = f.text(QStringLiteral("tracking_number"), false, 100);
    if ((!carrier.isEmpty() || !tracking.isEmpty()) && status != OrderStatus::Shipped) {
        f.add(carrier.isEmpty() ? QStringLiteral("tracking_number") : QStringLiteral("carrier"),
              QStringLiteral("only goes with the status shipped"), QStringLiteral("invalid"));
    }
    if (auto error = f.error()) {
        return fail(*error);
    }
    return Db::inTransaction([&](QSqlDatabase &db) -> Reply {
        OrderRepository::Transition change;
        change.orderId = *id;
        change.to = *status;
        change.actor = Actor::Staff;
        change.actorId = request.principal.userId;
        change.reason = reason;
        change.carrier = carrier;
        change.trackingNumber = tracking;
        auto done = OrderRepository::transition(db, change);
        if (!done) {
            return fail(done.error());
        }
        // Staff cancelling an unpaid order: its PaymentIntent is cancelled too. (A paid one is
        // refunded through POST /api/admin/orders/{id}/refunds, with the amount staff choose.)
        if (*status == OrderStatus::Cancelled && done->before.status == OrderStatus::Pending) {
            if (auto followed = OrderRepository::enqueuePaymentFollowUp(
                    db, *id, OrderStatus::Pending, QString());
                !followed) {
                return fail(followed.error());
            }
        }
        auto actor = Accounts::UserRepository::findById(db, request.principal.userId);
        if (!actor) {
            return fail(actor.error());
        }
        Audit::Entry entry;
        entry.actorId = request.principal.userId;
        entry.actorEmail = actor->has_value() ? (*actor)->user.email : QString();
        entry.action = QStringLiteral("order.status");
        entry.targetType = QStringLiteral("order");
        entry.targetId = *id;
        entry.before = {{QStringLiteral("status"), toString(done->before.status)},
                        {QStringLiteral("order_number"), done->before.number}};
        entry.after = {{QStringLiteral("status"), toString(done->after.status)}};
        if (!reason.isEmpty()) {
            entry.after.insert(QStringLiteral("reason"), reason);
        }
        if (*status == OrderStatus::Shipped) {
            entry.after.insert(QStringLiteral("carrier"), carrier);
            entry.after.insert(QStringLiteral("tracking_number"), tracking);
        }
        entry.requestId = request.requestId;
        if (auto recorded = Audit::record(db, entry); !recorded) {
            return fail(recorded.error());
        }
        if (*status == OrderStatus::Shipped) {
            auto mail = Outbox::enqueueMail(db, QStringLiteral("shipping_notification"),
                                            {{QStringLiteral("order_id"), *id}},
                                            QStringLiteral("shipping-notification:") + *id);
            if (!mail) {
                return fail(mail.error());
            }
        }
        return Response::json(toJson(done->after));
    });
}

Reply OrdersService::lowStock(const Request &request) const
{
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    Validator v;
    int threshold = m_settings.lowStockThreshold;
    int limit = 50;
    for (const auto &[key, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        bool ok = false;
        const int number = rawValue.trimmed().toInt(&ok);
        if (key == u"threshold") {
            if (v.check(ok && number >= 0 && number <= OrderRepository::kLowStockWatchLevel, key,
                        QStringLiteral("must be a whole number from 0 to %1")
                            .arg(OrderRepository::kLowStockWatchLevel))) {
                threshold = number;
            }
        } else if (key == u"limit") {
            if (v.check(ok && number >= 1 && number <= 500, key,
                        QStringLiteral("must be a whole number from 1 to 500"))) {
                limit = number;
            }
        } else {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    auto db = connection();
    if (!db) {
        return fail(db.error());
    }
    auto rows = OrderRepository::lowStock(*db, threshold, limit);
    if (!rows) {
        return fail(rows.error());
    }
    QJsonArray items;
    for (const OrderRepository::LowStock &row : std::as_const(*rows)) {
        items.append(QJsonObject {{QStringLiteral("product_id"), row.productId},
                                  {QStringLiteral("name"), row.name},
                                  {QStringLiteral("sku"), row.sku},
                                  {QStringLiteral("stock_quantity"), row.stock}});
    }
    return Response::json(
        QJsonObject {{QStringLiteral("threshold"), threshold}, {QStringLiteral("items"), items}});
}

} // namespace Shop::Orders
