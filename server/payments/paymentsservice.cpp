#include "paymentsservice.h"

#include "metrics/metrics.h"

#include "accounts/accountsrequests.h"
#include "accounts/userrepository.h"
#include "audit/audit.h"
#include "commerce/orderstatus.h"
#include "db/database.h"
#include "db/transaction.h"
#include "ids.h"
#include "jobs/jobs.h"
#include "orders/orderrepository.h"
#include "outbox/outbox.h"
#include "serialize/catalogjson.h"
#include "webhooksignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <cmath>

namespace Shop::Payments {

Q_LOGGING_CATEGORY(lcPayments, "shop.payments.service")
Q_LOGGING_CATEGORY(lcWebhook, "shop.payments.webhook")

using Http::Reply;
using Http::Request;
using Http::Response;
using R = Lock;
namespace Repo = PaymentRepository;

namespace {

const QString kNoSuchOrder = QStringLiteral("There is no such order.");
const QStringList kIntentStatuses {
    QStringLiteral("requires_payment_method"),
    QStringLiteral("requires_confirmation"),
    QStringLiteral("requires_action"),
    QStringLiteral("processing"),
    QStringLiteral("requires_capture"),
    QStringLiteral("succeeded"),
    QStringLiteral("canceled"),
};
const QStringList kRefundReasons {QStringLiteral("requested_by_customer"),
                                  QStringLiteral("duplicate"), QStringLiteral("fraudulent")};

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject paymentJson(const PaymentRow &p)
{
    return {{QStringLiteral("payment_intent_id"), p.intentId},
            {QStringLiteral("status"), p.status},
            {QStringLiteral("amount"), p.amount},
            {QStringLiteral("amount_received"), p.amountReceived},
            {QStringLiteral("currency"), p.currency},
            {QStringLiteral("last_error"), orNull(p.lastError)},
            {QStringLiteral("last_error_code"), orNull(p.lastErrorCode)},
            {QStringLiteral("created_at"), Json::toWireTime(p.createdAt)},
            {QStringLiteral("updated_at"), Json::toWireTime(p.updatedAt)}};
}

QJsonObject refundJson(const RefundRow &r)
{
    return {{QStringLiteral("id"), r.id},
            {QStringLiteral("stripe_refund_id"), orNull(r.stripeRefundId)},
            {QStringLiteral("amount"), r.amount},
            {QStringLiteral("currency"), r.currency},
            {QStringLiteral("status"), r.status},
            {QStringLiteral("reason"), orNull(r.reason)},
            {QStringLiteral("note"), r.note},
            {QStringLiteral("created_at"), Json::toWireTime(r.createdAt)},
            {QStringLiteral("created_by"), r.createdBy}};
}

Error notPayable(const OrderRow &order)
{
    QString reason;
    QString message;
    if (order.expired) {
        reason = QStringLiteral("expired");
        message = QStringLiteral("This order expired before it was paid. Place it again.");
    } else if (order.status == u"cancelled") {
        reason = QStringLiteral("cancelled");
        message = QStringLiteral("This order was cancelled and cannot be paid.");
    } else if (order.status == u"pending") {
        reason = QStringLiteral("not_pending");
        message = QStringLiteral("This order cannot be paid.");
    } else {
        reason = QStringLiteral("already_paid");
        message = QStringLiteral("This order is already paid.");
    }
    Error error = Error::conflict(message);
    error.extensions.insert(QStringLiteral("reason"), reason);
    return error;
}

// A Stripe failure as the server's client may see it: Stripe's details stay in the log.
Error serviceError(const Error &error)
{
    Error clean = error.code == ErrorCode::Unavailable
        ? Error::unavailable(error.message)
        : Error::unavailable(
            QStringLiteral("The payment service refused the request. Try again later."));
    clean.logDetail = error.logDetail;
    return clean;
}

QString intentIdOf(const QJsonValue &value)
{
    return value.isObject() ? value.toObject().value(QStringLiteral("id")).toString()
                            : value.toString();
}

QString refundStatusOf(const QString &stripeStatus)
{
    if (stripeStatus == u"succeeded") {
        return QStringLiteral("succeeded");
    }
    if (stripeStatus == u"failed" || stripeStatus == u"canceled") {
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

template<typename T>
Result<T> inTx(QSqlDatabase &db, const std::function<Result<T>(QSqlDatabase &)> &work)
{
    auto tx = Db::Transaction::begin(db);
    if (!tx) {
        return fail(tx.error());
    }
    auto result = work(db);
    if (!result) {
        return result;
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    return result;
}

Result<QString> actorEmail(QSqlDatabase &db, const QString &userId)
{
    auto actor = Accounts::UserRepository::findById(db, userId);
    if (!actor) {
        return fail(actor.error());
    }
    return actor->has_value() ? (*actor)->user.email : QString();
}

Result<void> enqueueRefundJob(QSqlDatabase &db, const QString &refundId)
{
    Jobs::JobRequest job;
    job.kind = RefundJobKind;
    job.payload = {{QStringLiteral("refund_id"), refundId}};
    job.uniqueKey = QStringLiteral("refund:") + refundId;
    job.maxAttempts = 25;
    if (auto queued = Jobs::enqueue(db, job); !queued) {
        return fail(queued.error());
    }
    return {};
}

// After a refund succeeded: a staff refund that leaves nothing refunded-to-be of a paid or
// processing order cancels it (the stock goes back).
Result<void> followRefund(QSqlDatabase &db, const RefundRow &refund)
{
    if (refund.createdBy != u"staff" || refund.createdByUser.isEmpty()) {
        return {};
    }
    auto order = Repo::order(db, refund.orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto payment = Repo::paymentByOrder(db, refund.orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    if (!order->has_value() || !payment->has_value()
        || ((*order)->status != u"paid" && (*order)->status != u"processing")) {
        return {};
    }
    auto committed = Repo::committedRefunds(db, (*payment)->id);
    if (!committed) {
        return fail(committed.error());
    }
    if (*committed < (*payment)->amountReceived) {
        return {};
    }
    Orders::OrderRepository::Transition change;
    change.orderId = refund.orderId;
    change.to = Commerce::OrderStatus::Cancelled;
    change.actor = Commerce::Actor::Staff;
    change.actorId = refund.createdByUser;
    change.reason = QStringLiteral("refunded in full");
    auto done = Orders::OrderRepository::transition(db, change);
    if (!done) {
        return fail(done.error());
    }
    return {};
}

} // namespace

PaymentsService::PaymentsService(Server::PaymentsConfig config)
    : m_config(std::move(config))
{
    StripeClient::Settings settings;
    settings.apiUrl = m_config.stripeApiUrl;
    settings.secretKey = m_config.stripeSecretKey;
    settings.timeoutMs = m_config.timeoutSec * 1000;
    m_stripe = std::make_unique<StripeClient>(settings);
}

PaymentsService::~PaymentsService() = default;

void PaymentsService::registerRoutes(Http::Router &router)
{
    using Http::Route;
    const auto sync = [this](Reply (PaymentsService::*method)(const Request &) const) {
        return [this, method](const Request &request) {
            return (this->*method)(request);
        };
    };
    const QString limit = Http::kRateClassAnonWrite;
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/payments/create-intent"),
                      .handler = sync(&PaymentsService::createIntent),
                      .rateClass = limit,
                      .permission = QStringLiteral("write:orders")});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/orders/{id}/payment"),
                      .handler = sync(&PaymentsService::ownPayment),
                      .rateClass = limit,
                      .permission = QStringLiteral("read:orders:own")});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/admin/orders/{id}/payment"),
                      .handler = sync(&PaymentsService::adminPayment),
                      .rateClass = limit,
                      .permission = QStringLiteral("read:orders:all")});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/admin/orders/{id}/refunds"),
                      .handler = sync(&PaymentsService::adminRefund),
                      .rateClass = limit,
                      .permission = QStringLiteral("write:orders:all")});
    // Stripe's deliveries come from a few addresses at Stripe's pace: not limited per address
    // (the signature check refuses anything else before any database work).
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/payments/webhook"),
                      .handler = sync(&PaymentsService::webhook)});
}

Reply PaymentsService::createIntent(const Request &request) const
{
    auto body = request.jsonObject();
    if (!body) {
        return fail(body.error());
    }
    Accounts::Requests::Fields f(*body);
    f.allowOnly({QStringLiteral("order_id")});
    const QString orderId = f.text(QStringLiteral("order_id"), true, 64);
    if (auto error = f.error()) {
        return fail(*error);
    }
    if (!OrderId::parse(orderId)) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto tx = Db::Transaction::begin(*db);
    if (!tx) {
        return fail(tx.error());
    }
    // The order row's lock makes concurrent calls for one order wait for the first: it creates
    // the intent and its row, the others find the row.
    auto order = Repo::order(*db, orderId, request.principal.userId, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    const OrderRow o = **order;
    if (o.status != u"pending" || o.expired) {
        return fail(notPayable(o));
    }
    auto payment = Repo::paymentByOrder(*db, orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    QJsonObject intent;
    if (payment->has_value()) {
        const QString intentId = (*payment)->intentId;
        if (auto committed = tx->commit(); !committed) {
            return fail(committed.error());
        }
        // The client secret is not stored: Stripe hands it out again with the intent.
        auto got = m_stripe->get(QStringLiteral("/v1/payment_intents/") + intentId);
        if (!got) {
            return fail(serviceError(got.error()));
        }
        intent = *got;
        auto applied = inTx<QString>(
            *db, [&](QSqlDatabase &d) -> Result<QString> { return applyIntent(d, intent); });
        if (!applied) {
            qCWarning(lcPayments, "Order %ls: recording the retrieved intent failed: %ls",
                      qUtf16Printable(orderId), qUtf16Printable(applied.error().message));
        }
    } else {
        const FormFields fields {
            {QStringLiteral("amount"), QString::number(o.total)},
            {QStringLiteral("currency"), o.currency.toLower()},
            {QStringLiteral("automatic_payment_methods[enabled]"), QStringLiteral("true")},
            {QStringLiteral("description"), QStringLiteral("Order ") + o.number},
            {QStringLiteral("metadata[order_id]"), o.id},
            {QStringLiteral("metadata[order_number]"), o.number},
        };
        // Derived from what the call does: a retry (ours, or after a crash before the commit)
        // gets the same intent back from Stripe.
        const QString key =
            QStringLiteral("create-intent:%1:%2").arg(o.id, QString::number(o.total));
        auto created = m_stripe->post(QStringLiteral("/v1/payment_intents"), fields, key);
        if (!created) {
            tx->rollback();
            qCWarning(lcPayments, "Order %ls: creating the PaymentIntent failed: %ls",
                      qUtf16Printable(orderId), qUtf16Printable(created.error().logDetail));
            return fail(serviceError(created.error()));
        }
        intent = *created;
        const QString intentId = intent.value(QStringLiteral("id")).toString();
        if (!intentId.startsWith(u"pi_")
            || intent.value(QStringLiteral("amount")).toInteger() != o.total) {
            tx->rollback();
            Error error = Error::unavailable(
                QStringLiteral("The payment service answered unexpectedly. Try again later."));
            error.logDetail = QStringLiteral("Stripe's PaymentIntent has no id or another amount");
            return fail(error);
        }
        const QString status = intent.value(QStringLiteral("status")).toString();
        if (auto inserted = Repo::insertPayment(*db, o.id, intentId, o.total, o.currency,
                                                kIntentStatuses.contains(status)
                                                    ? status
                                                    : QStringLiteral("requires_payment_method"));
            !inserted) {
            return fail(inserted.error());
        }
        if (auto committed = tx->commit(); !committed) {
            return fail(committed.error());
        }
        qCInfo(lcPayments, "Order %ls: PaymentIntent %ls created for %lld %ls.",
               qUtf16Printable(o.number), qUtf16Printable(intentId), qlonglong(o.total),
               qUtf16Printable(o.currency));
    }
    const QString secret = intent.value(QStringLiteral("client_secret")).toString();
    if (secret.isEmpty()) {
        return fail(Error::unavailable(
            QStringLiteral("The payment service answered unexpectedly. Try again later.")));
    }
    return Response::json(
        QJsonObject {{QStringLiteral("order_id"), o.id},
                     {QStringLiteral("payment_intent_id"), intent.value(QStringLiteral("id"))},
                     {QStringLiteral("client_secret"), secret},
                     {QStringLiteral("publishable_key"), m_config.stripePublishableKey},
                     {QStringLiteral("stripe_js_url"), m_config.stripeJsUrl},
                     {QStringLiteral("amount"), o.total},
                     {QStringLiteral("currency"), o.currency},
                     {QStringLiteral("status"), intent.value(QStringLiteral("status"))}});
}

Result<QString> PaymentsService::applyIntent(QSqlDatabase &db, const QJsonObject &intent) const
{
    const QString intentId = intent.value(QStringLiteral("id")).toString();
    if (!intentId.startsWith(u"pi_")) {
        return QStringLiteral("ignored");
    }
    auto known = Repo::paymentByIntent(db, intentId);
    if (!known) {
        return fail(known.error());
    }
    const QString orderId = known->has_value() ? (*known)->orderId
                                               : intent.value(QStringLiteral("metadata"))
                                                     .toObject()
                                                     .value(QStringLiteral("order_id"))
                                                     .toString();
    if (!OrderId::parse(orderId)) {
        qCWarning(lcPayments, "PaymentIntent %ls belongs to no order here: acknowledged.",
                  qUtf16Printable(intentId));
        return QStringLiteral("unknown_intent");
    }
    // The order's lock first: a create-intent still in its transaction holds it, so a webhook
    // that overtakes the payment row waits here and then finds the row.
    auto order = Repo::order(db, orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        qCWarning(lcPayments, "PaymentIntent %ls names an order that does not exist.",
                  qUtf16Printable(intentId));
        return QStringLiteral("unknown_intent");
    }
    const OrderRow o = **order;
    auto payment = Repo::paymentByOrder(db, orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value()) {
        // The intent exists at Stripe but its row never committed here (a crash between the two):
        // it is this order's when Stripe's amount and currency are the order's.
        const qint64 amount = intent.value(QStringLiteral("amount")).toInteger();
        const QString currency = intent.value(QStringLiteral("currency")).toString().toUpper();
        if (amount != o.total || currency != o.currency) {
            qCWarning(lcPayments,
                      "PaymentIntent %ls for order %ls has another amount or currency than the "
                      "order: not recorded.",
                      qUtf16Printable(intentId), qUtf16Printable(o.number));
            return QStringLiteral("unknown_intent");
        }
        if (auto inserted = Repo::insertPayment(db, orderId, intentId, amount, currency,
                                                QStringLiteral("requires_payment_method"));
            !inserted) {
            return fail(inserted.error());
        }
        payment = Repo::paymentByOrder(db, orderId, R::ForUpdate);
        if (!payment) {
            return fail(payment.error());
        }
        if (!payment->has_value()) {
            return fail(Error::internal(QStringLiteral("The payment row vanished.")));
        }
    }
    const PaymentRow before = **payment;
    if (before.intentId != intentId) {
        qCWarning(lcPayments, "PaymentIntent %ls is not order %ls's intent (%ls): acknowledged.",
                  qUtf16Printable(intentId), qUtf16Printable(o.number),
                  qUtf16Printable(before.intentId));
        return QStringLiteral("unknown_intent");
    }
    const QString status = intent.value(QStringLiteral("status")).toString();
    if (!kIntentStatuses.contains(status)) {
        return QStringLiteral("ignored");
    }
    if (before.isTerminal() && status != before.status) {
        // Stripe never leaves succeeded or canceled: this is an older state delivered late.
        qCInfo(lcPayments, "PaymentIntent %ls: %ls after %ls is out of order: ignored.",
               qUtf16Printable(intentId), qUtf16Printable(status), qUtf16Printable(before.status));
        return QStringLiteral("ignored");
    }
    PaymentRow after = before;
    after.status = status;
    after.amountReceived =
        std::clamp<qint64>(std::max(before.amountReceived,
                                    intent.value(QStringLiteral("amount_received")).toInteger()),
                           0, before.amount);
    const QJsonValue lastError = intent.value(QStringLiteral("last_payment_error"));
    if (lastError.isObject()) {
        after.lastError = lastError.toObject().value(QStringLiteral("message")).toString();
        after.lastErrorCode = lastError.toObject().value(QStringLiteral("code")).toString();
    } else if (status == u"succeeded" || status == u"processing") {
        after.lastError.clear();
        after.lastErrorCode.clear();
    }
    const QString charge = intentIdOf(intent.value(QStringLiteral("latest_charge")));
    if (!charge.isEmpty()) {
        after.latestCharge = charge;
    }
    if (after.status == before.status && after.amountReceived == before.amountReceived
        && after.lastError == before.lastError && after.lastErrorCode == before.lastErrorCode
        && after.latestCharge == before.latestCharge) {
        return QStringLiteral("ignored");
    }
    if (auto updated = Repo::updatePayment(db, after); !updated) {
        return fail(updated.error());
    }
    if (status == u"succeeded" && before.status != u"succeeded") {
        if (o.status == u"pending") {
            Orders::OrderRepository::Transition change;
            change.orderId = orderId;
            change.to = Commerce::OrderStatus::Paid;
            change.actor = Commerce::Actor::System;
            change.reason = QStringLiteral("payment received");
            auto paid = Orders::OrderRepository::transition(db, change);
            if (!paid) {
                return fail(paid.error());
            }
            auto mail = Outbox::enqueueMail(db, QStringLiteral("order_confirmation"),
                                            {{QStringLiteral("order_id"), orderId}},
                                            QStringLiteral("payment-confirmation:") + orderId);
            if (!mail) {
                return fail(mail.error());
            }
            qCInfo(lcPayments, "Order %ls paid (%lld %ls, %ls).", qUtf16Printable(o.number),
                   qlonglong(after.amountReceived), qUtf16Printable(o.currency),
                   qUtf16Printable(intentId));
        } else if (o.status == u"cancelled") {
            // Paid after it expired or was cancelled: the money goes back.
            qCWarning(lcPayments, "Order %ls was paid after it was cancelled: refunding.",
                      qUtf16Printable(o.number));
            if (auto refunded = refundAllInTransaction(db, orderId, QStringLiteral("system"), {},
                                                       QStringLiteral("late-payment:") + orderId);
                !refunded) {
                return fail(refunded.error());
            }
        }
    }
    if (status == u"processing" || status == u"requires_action") {
        Jobs::JobRequest job;
        job.kind = ReconcileJobKind;
        job.payload = {{QStringLiteral("order_id"), orderId}};
        job.runAt = QDateTime::currentDateTimeUtc().addSecs(60);
        job.uniqueKey = QStringLiteral("reconcile:") + orderId;
        job.maxAttempts = 100;
        if (auto queued = Jobs::enqueue(db, job); !queued) {
            return fail(queued.error());
        }
    }
    return QStringLiteral("applied");
}

Result<QString> PaymentsService::applyRefundObject(QSqlDatabase &db,
                                                   const QJsonObject &object) const
{
    const QString stripeId = object.value(QStringLiteral("id")).toString();
    const QString intentId = intentIdOf(object.value(QStringLiteral("payment_intent")));
    if (!stripeId.startsWith(u"re_") || intentId.isEmpty()) {
        return QStringLiteral("ignored");
    }
    auto payment = Repo::paymentByIntent(db, intentId);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value()) {
        qCWarning(lcPayments, "Refund %ls is for an intent unknown here (%ls): acknowledged.",
                  qUtf16Printable(stripeId), qUtf16Printable(intentId));
        return QStringLiteral("unknown_intent");
    }
    auto order = Repo::order(db, (*payment)->orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto locked = Repo::paymentByOrder(db, (*payment)->orderId, R::ForUpdate);
    if (!locked) {
        return fail(locked.error());
    }
    const QString status = refundStatusOf(object.value(QStringLiteral("status")).toString());
    auto existing = Repo::refundByStripeId(db, stripeId);
    if (!existing) {
        return fail(existing.error());
    }
    if (!existing->has_value()) {
        // Ours, answered by Stripe but not yet recorded: metadata[refund_id] names it.
        const QString ours = object.value(QStringLiteral("metadata"))
                                 .toObject()
                                 .value(QStringLiteral("refund_id"))
                                 .toString();
        if (!ours.isEmpty()) {
            existing = Repo::refund(db, ours, R::ForUpdate);
            if (!existing) {
                return fail(existing.error());
            }
            if (existing->has_value() && (*existing)->paymentId != (*payment)->id) {
                existing = std::optional<RefundRow>();
            }
        }
    }
    if (existing->has_value()) {
        const RefundRow &r = **existing;
        if (r.status == u"pending" || r.stripeRefundId.isEmpty()) {
            const QString next = r.status == u"pending" ? status : r.status;
            if (auto updated = Repo::updateRefund(db, r.id, next, stripeId, r.failure); !updated) {
                return fail(updated.error());
            }
            if (next == u"succeeded" && r.status != u"succeeded") {
                if (auto followed = followRefund(db, r); !followed) {
                    return fail(followed.error());
                }
            }
            return QStringLiteral("applied");
        }
        return QStringLiteral("ignored");
    }
    // Made elsewhere (Stripe's dashboard): recorded as the system's.
    RefundRow r;
    r.paymentId = (*payment)->id;
    r.orderId = (*payment)->orderId;
    r.stripeRefundId = stripeId;
    r.amount = object.value(QStringLiteral("amount")).toInteger();
    r.currency = (*payment)->currency;
    r.status = status;
    const QString reason = object.value(QStringLiteral("reason")).toString();
    r.reason = kRefundReasons.contains(reason) ? reason : QString();
    r.note = QStringLiteral("Refunded at Stripe");
    r.createdBy = QStringLiteral("system");
    if (r.amount <= 0) {
        return QStringLiteral("ignored");
    }
    auto inserted = Repo::insertRefund(db, r, QStringLiteral("stripe:") + stripeId);
    if (!inserted) {
        return fail(inserted.error());
    }
    return QStringLiteral("applied");
}

Result<QString> PaymentsService::applyCharge(QSqlDatabase &db, const QJsonObject &charge) const
{
    const QString intentId = intentIdOf(charge.value(QStringLiteral("payment_intent")));
    auto payment = Repo::paymentByIntent(db, intentId);
    if (!payment) {
        return fail(payment.error());
    }
    if (intentId.isEmpty() || !payment->has_value()) {
        qCWarning(lcPayments, "charge.refunded for an intent unknown here: acknowledged.");
        return QStringLiteral("unknown_intent");
    }
    const QString orderId = (*payment)->orderId;
    auto order = Repo::order(db, orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto locked = Repo::paymentByOrder(db, orderId, R::ForUpdate);
    if (!locked) {
        return fail(locked.error());
    }
    bool changed = false;
    for (const QJsonValue &refund : charge.value(QStringLiteral("refunds"))
                                        .toObject()
                                        .value(QStringLiteral("data"))
                                        .toArray()) {
        auto applied = applyRefundObject(db, refund.toObject());
        if (!applied) {
            return fail(applied.error());
        }
        changed |= *applied == u"applied";
    }
    // Whatever the charge says was refunded beyond what is recorded here (refunds made elsewhere
    // and not listed): one system refund for the difference, once per cumulative amount.
    const qint64 refunded = charge.value(QStringLiteral("amount_refunded")).toInteger();
    auto committed = Repo::committedRefunds(db, (*payment)->id);
    if (!committed) {
        return fail(committed.error());
    }
    if (refunded > *committed) {
        RefundRow r;
        r.paymentId = (*payment)->id;
        r.orderId = orderId;
        r.amount = refunded - *committed;
        r.currency = (*payment)->currency;
        r.status = QStringLiteral("succeeded");
        r.note = QStringLiteral("Refunded at Stripe");
        r.createdBy = QStringLiteral("system");
        auto inserted = Repo::insertRefund(db, r,
                                           QStringLiteral("charge:%1:%2")
                                               .arg(charge.value(QStringLiteral("id")).toString())
                                               .arg(refunded));
        if (!inserted) {
            return fail(inserted.error());
        }
        changed = true;
    }
    return changed ? QStringLiteral("applied") : QStringLiteral("ignored");
}

Reply PaymentsService::webhook(const Request &request) const
{
    const QByteArray header = request.header("stripe-signature");
    const SignatureCheck check = verifyStripeSignature(
        header, request.body, m_config.stripeWebhookSecrets, QDateTime::currentSecsSinceEpoch());
    if (check != SignatureCheck::Valid) {
        qCWarning(lcWebhook, "Webhook refused: %s.", signatureCheckName(check));
        return fail(Error::badRequest(
            QStringLiteral("The Stripe-Signature header is missing or does not verify.")));
    }
    const QJsonDocument json = QJsonDocument::fromJson(request.body);
    const QJsonObject event = json.object();
    const QString eventId = event.value(QStringLiteral("id")).toString();
    const QString type = event.value(QStringLiteral("type")).toString();
    const QJsonObject object =
        event.value(QStringLiteral("data")).toObject().value(QStringLiteral("object")).toObject();
    static const QRegularExpression eventIdPattern(QStringLiteral("^evt_[A-Za-z0-9_]{1,250}$"));
    if (!json.isObject() || !eventIdPattern.match(eventId).hasMatch() || type.isEmpty()
        || type.size() > 100 || object.isEmpty()) {
        qCWarning(lcWebhook, "Webhook refused: a signed body that is not a Stripe event.");
        return fail(Error::badRequest(QStringLiteral("The body is not a Stripe event.")));
    }
    QString intentId;
    if (type.startsWith(u"payment_intent.")) {
        intentId = object.value(QStringLiteral("id")).toString();
    } else {
        intentId = intentIdOf(object.value(QStringLiteral("payment_intent")));
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto outcome = inTx<QString>(*db, [&](QSqlDatabase &d) -> Result<QString> {
        auto claimed = Repo::claimEvent(d, eventId, type, intentId,
                                        event.value(QStringLiteral("created")).toInteger());
        if (!claimed) {
            return fail(claimed.error());
        }
        if (!*claimed) {
            return QStringLiteral("duplicate");
        }
        Result<QString> applied = QStringLiteral("ignored");
        if (type == u"payment_intent.created") {
            // Nothing to learn (the row is create-intent's), and no lock to wait for.
        } else if (type.startsWith(u"payment_intent.")) {
            applied = applyIntent(d, object);
        } else if (type == u"charge.refunded" || type == u"charge.refund.updated") {
            applied = applyCharge(d, object);
        } else if (type == u"refund.created" || type == u"refund.updated"
                   || type == u"refund.failed") {
            applied = applyRefundObject(d, object);
        }
        if (!applied) {
            return fail(applied.error());
        }
        if (auto recorded = Repo::setEventOutcome(d, eventId, *applied); !recorded) {
            return fail(recorded.error());
        }
        return *applied;
    });
    if (!outcome) {
        qCWarning(lcWebhook, "Event %ls (%ls) not processed, Stripe will retry: %ls",
                  qUtf16Printable(eventId), qUtf16Printable(type),
                  qUtf16Printable(outcome.error().message));
        return fail(outcome.error());
    }
    qCInfo(lcWebhook, "Event %ls (%ls): %ls.", qUtf16Printable(eventId), qUtf16Printable(type),
           qUtf16Printable(*outcome));
    if (const qint64 created = event.value(QStringLiteral("created")).toInteger();
        created > 0 && *outcome != u"duplicate") {
        // Stripe's `created` has whole seconds: so has the lag.
        Metrics::registry().webhookLag().observeSeconds(
            double(QDateTime::currentSecsSinceEpoch() - created));
    }
    return Response::json(
        QJsonObject {{QStringLiteral("received"), true}, {QStringLiteral("outcome"), *outcome}});
}

Result<QJsonObject> PaymentsService::refreshIntent(const QString &intentId) const
{
    auto intent = m_stripe->get(QStringLiteral("/v1/payment_intents/") + intentId);
    if (!intent) {
        return fail(intent.error());
    }
    auto applied = Db::inTransaction(
        [&](QSqlDatabase &db) -> Result<QString> { return applyIntent(db, *intent); });
    if (!applied) {
        return fail(applied.error());
    }
    return *intent;
}

Reply PaymentsService::paymentDocument(const QString &orderId, const QString &ownerId) const
{
    if (!OrderId::parse(orderId)) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto order = Repo::order(*db, orderId, ownerId, R::None);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    auto payment = Repo::paymentByOrder(*db, orderId, R::None);
    if (!payment) {
        return fail(payment.error());
    }
    if (payment->has_value() && !(*payment)->isTerminal()) {
        // The webhook may be late: Stripe knows, so ask (the storefront polls this).
        if (auto refreshed = refreshIntent((*payment)->intentId); !refreshed) {
            qCWarning(lcPayments, "Order %ls: retrieving the PaymentIntent failed: %ls",
                      qUtf16Printable(orderId), qUtf16Printable(refreshed.error().logDetail));
        } else {
            order = Repo::order(*db, orderId, ownerId, R::None);
            payment = Repo::paymentByOrder(*db, orderId, R::None);
            if (!order || !payment || !order->has_value()) {
                return fail(Error::unavailable(QStringLiteral("Try again in a moment.")));
            }
        }
    }
    const OrderRow &o = **order;
    QJsonObject doc {
        {QStringLiteral("order_id"), o.id},         {QStringLiteral("order_number"), o.number},
        {QStringLiteral("order_status"), o.status}, {QStringLiteral("total"), o.total},
        {QStringLiteral("currency"), o.currency},   {QStringLiteral("payment"), QJsonValue::Null},
        {QStringLiteral("refunds"), QJsonArray {}}, {QStringLiteral("refunded"), 0},
        {QStringLiteral("refundable"), 0}};
    if (payment->has_value()) {
        const PaymentRow &p = **payment;
        doc.insert(QStringLiteral("payment"), paymentJson(p));
        auto refunds = Repo::refunds(*db, p.id);
        if (!refunds) {
            return fail(refunds.error());
        }
        QJsonArray list;
        qint64 refunded = 0;
        qint64 committed = 0;
        for (const RefundRow &r : std::as_const(*refunds)) {
            list.append(refundJson(r));
            if (r.status == u"succeeded") {
                refunded += r.amount;
            }
            if (r.status != u"failed") {
                committed += r.amount;
            }
        }
        doc.insert(QStringLiteral("refunds"), list);
        doc.insert(QStringLiteral("refunded"), refunded);
        doc.insert(QStringLiteral("refundable"),
                   p.status == u"succeeded" ? std::max<qint64>(0, p.amountReceived - committed)
                                            : 0);
    }
    return Response::json(doc);
}

Reply PaymentsService::ownPayment(const Request &request) const
{
    return paymentDocument(request.pathParam(QStringLiteral("id")), request.principal.userId);
}

Reply PaymentsService::adminPayment(const Request &request) const
{
    return paymentDocument(request.pathParam(QStringLiteral("id")), QString());
}

Reply PaymentsService::adminRefund(const Request &request) const
{
    const QString orderId = request.pathParam(QStringLiteral("id"));
    if (!OrderId::parse(orderId)) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    auto body = request.jsonObject();
    if (!body) {
        return fail(body.error());
    }
    Accounts::Requests::Fields f(*body);
    f.allowOnly({QStringLiteral("amount"), QStringLiteral("reason"), QStringLiteral("note")});
    std::optional<qint64> amount;
    const QJsonValue amountValue = body->value(QStringLiteral("amount"));
    if (!amountValue.isUndefined() && !amountValue.isNull()) {
        const double number = amountValue.toDouble(-1);
        if (!amountValue.isDouble() || number != std::floor(number) || number < 1
            || number > 1e15) {
            f.add(QStringLiteral("amount"),
                  QStringLiteral("must be a whole number of minor units, at least 1"),
                  QStringLiteral("invalid"));
        } else {
            amount = qint64(number);
        }
    }
    const QString reason = f.text(QStringLiteral("reason"), true, 40);
    if (!reason.isEmpty() && !kRefundReasons.contains(reason)) {
        f.add(QStringLiteral("reason"),
              QStringLiteral("must be one of requested_by_customer, duplicate, fraudulent"),
              QStringLiteral("invalid"));
    }
    const QString note = f.text(QStringLiteral("note"), true, 500);
    if (auto error = f.error()) {
        error->message = QStringLiteral("The refund is not valid.");
        return fail(*error);
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto recorded = inTx<RefundRow>(*db, [&](QSqlDatabase &d) -> Result<RefundRow> {
        // The order's and then the payment's lock: concurrent refunds of one order queue here,
        // and each sees what the ones before it took.
        auto order = Repo::order(d, orderId, {}, R::ForUpdate);
        if (!order) {
            return fail(order.error());
        }
        if (!order->has_value()) {
            return fail(Error::notFound(kNoSuchOrder));
        }
        auto payment = Repo::paymentByOrder(d, orderId, R::ForUpdate);
        if (!payment) {
            return fail(payment.error());
        }
        if (!payment->has_value() || (*payment)->status != u"succeeded"
            || (*payment)->amountReceived <= 0) {
            return fail(Error::conflict(QStringLiteral("Nothing was paid for this order.")));
        }
        const PaymentRow &p = **payment;
        auto committed = Repo::committedRefunds(d, p.id);
        if (!committed) {
            return fail(committed.error());
        }
        const qint64 refundable = p.amountReceived - *committed;
        const qint64 take = amount.value_or(refundable);
        if (refundable <= 0) {
            return fail(Error::validation(
                {{QStringLiteral("amount"), QStringLiteral("nothing is left to refund"),
                  QStringLiteral("too_large")}},
                QStringLiteral("This order is refunded in full.")));
        }
        if (take > refundable) {
            return fail(Error::validation(
                {{QStringLiteral("amount"),
                  QStringLiteral("must be at most %1 (what is left to refund)").arg(refundable),
                  QStringLiteral("too_large")}},
                QStringLiteral("That is more than is left to refund.")));
        }
        RefundRow r;
        r.paymentId = p.id;
        r.orderId = orderId;
        r.amount = take;
        r.currency = p.currency;
        r.reason = reason;
        r.note = note;
        r.createdBy = QStringLiteral("staff");
        r.createdByUser = request.principal.userId;
        auto inserted = Repo::insertRefund(d, r, {});
        if (!inserted) {
            return fail(inserted.error());
        }
        if (auto queued = enqueueRefundJob(d, inserted->id); !queued) {
            return fail(queued.error());
        }
        auto email = actorEmail(d, request.principal.userId);
        if (!email) {
            return fail(email.error());
        }
        Audit::Entry entry;
        entry.actorId = request.principal.userId;
        entry.actorEmail = *email;
        entry.action = QStringLiteral("order.refund");
        entry.targetType = QStringLiteral("order");
        entry.targetId = orderId;
        entry.before = QJsonObject {{QStringLiteral("order_number"), (*order)->number},
                                    {QStringLiteral("order_status"), (*order)->status},
                                    {QStringLiteral("refunded"), QJsonValue(*committed)},
                                    {QStringLiteral("refundable"), QJsonValue(refundable)}};
        entry.after = QJsonObject {{QStringLiteral("refund_id"), inserted->id},
                                   {QStringLiteral("amount"), QJsonValue(take)},
                                   {QStringLiteral("currency"), p.currency},
                                   {QStringLiteral("reason"), reason},
                                   {QStringLiteral("note"), note},
                                   {QStringLiteral("refunded"), QJsonValue(*committed + take)},
                                   {QStringLiteral("refundable"), QJsonValue(refundable - take)}};
        entry.requestId = request.requestId;
        if (auto audited = Audit::record(d, entry); !audited) {
            return fail(audited.error());
        }
        return *inserted;
    });
    if (!recorded) {
        return fail(recorded.error());
    }
    RefundRow result = *recorded;
    // At once; when Stripe cannot be reached the job (same idempotency key) finishes it.
    if (auto executed = executeRefund(*db, result.id); executed) {
        result = *executed;
    } else {
        qCWarning(lcPayments, "Refund %ls stays pending: %ls", qUtf16Printable(result.id),
                  qUtf16Printable(executed.error().message));
    }
    qCInfo(lcPayments, "Refund %ls of %lld %ls for order %ls: %ls.", qUtf16Printable(result.id),
           qlonglong(result.amount), qUtf16Printable(result.currency), qUtf16Printable(orderId),
           qUtf16Printable(result.status));
    Response response = Response::json(refundJson(result), 201);
    return response;
}

Result<RefundRow> PaymentsService::executeRefund(QSqlDatabase &db, const QString &refundId) const
{
    auto found = Repo::refund(db, refundId, R::None);
    if (!found) {
        return fail(found.error());
    }
    if (!found->has_value()) {
        return fail(Error::notFound(QStringLiteral("There is no such refund.")));
    }
    const RefundRow r = **found;
    if (r.status != u"pending") {
        return r;
    }
    auto payment = Repo::paymentByOrder(db, r.orderId, R::None);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value()) {
        return fail(Error::internal(QStringLiteral("A refund without its payment.")));
    }
    FormFields fields {{QStringLiteral("payment_intent"), (*payment)->intentId},
                       {QStringLiteral("amount"), QString::number(r.amount)}};
    if (!r.reason.isEmpty()) {
        fields.append({QStringLiteral("reason"), r.reason});
    }
    fields.append({QStringLiteral("metadata[refund_id]"), r.id});
    fields.append({QStringLiteral("metadata[order_id]"), r.orderId});
    auto answer =
        m_stripe->post(QStringLiteral("/v1/refunds"), fields, QStringLiteral("refund:") + r.id);
    if (!answer && answer.error().code == ErrorCode::Unavailable) {
        return fail(answer.error());
    }
    return inTx<RefundRow>(db, [&](QSqlDatabase &d) -> Result<RefundRow> {
        auto order = Repo::order(d, r.orderId, {}, R::ForUpdate);
        if (!order) {
            return fail(order.error());
        }
        auto locked = Repo::refund(d, r.id, R::ForUpdate);
        if (!locked) {
            return fail(locked.error());
        }
        if (!locked->has_value()) {
            return fail(Error::notFound(QStringLiteral("There is no such refund.")));
        }
        if ((*locked)->status != u"pending") {
            return **locked; // a webhook recorded it meanwhile
        }
        if (!answer) {
            const auto stripe = StripeError::of(answer.error());
            const QString why = stripe ? stripe->code + QStringLiteral(": ") + stripe->message
                                       : answer.error().message;
            qCWarning(lcPayments, "Stripe refused refund %ls: %ls", qUtf16Printable(r.id),
                      qUtf16Printable(why));
            if (auto updated = Repo::updateRefund(d, r.id, QStringLiteral("failed"), {}, why);
                !updated) {
                return fail(updated.error());
            }
        } else {
            const QString status =
                refundStatusOf(answer->value(QStringLiteral("status")).toString());
            if (auto updated = Repo::updateRefund(
                    d, r.id, status, answer->value(QStringLiteral("id")).toString(), {});
                !updated) {
                return fail(updated.error());
            }
            if (status == u"succeeded") {
                if (auto followed = followRefund(d, r); !followed) {
                    return fail(followed.error());
                }
            }
        }
        auto reread = Repo::refund(d, r.id, R::None);
        if (!reread) {
            return fail(reread.error());
        }
        return **reread;
    });
}

Result<void> PaymentsService::refundAllInTransaction(QSqlDatabase &db, const QString &orderId,
                                                     const QString &createdBy,
                                                     const QString &userId,
                                                     const QString &originKey) const
{
    auto order = Repo::order(db, orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto payment = Repo::paymentByOrder(db, orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value() || (*payment)->status != u"succeeded") {
        return {};
    }
    auto committed = Repo::committedRefunds(db, (*payment)->id);
    if (!committed) {
        return fail(committed.error());
    }
    const qint64 refundable = (*payment)->amountReceived - *committed;
    if (refundable <= 0) {
        return {};
    }
    RefundRow r;
    r.paymentId = (*payment)->id;
    r.orderId = orderId;
    r.amount = refundable;
    r.currency = (*payment)->currency;
    r.createdBy = createdBy;
    r.createdByUser = userId;
    if (createdBy == u"customer") {
        r.reason = QStringLiteral("requested_by_customer");
        r.note = QStringLiteral("The customer cancelled the order.");
    } else {
        r.note = QStringLiteral("Paid after the order was cancelled.");
    }
    auto inserted = Repo::insertRefund(db, r, originKey);
    if (!inserted) {
        return fail(inserted.error());
    }
    return enqueueRefundJob(db, inserted->id);
}

Result<void> PaymentsService::cancelIntentOf(QSqlDatabase &db, const QString &orderId) const
{
    auto payment = Repo::paymentByOrder(db, orderId, R::None);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value() || (*payment)->isTerminal()) {
        return {};
    }
    const QString intentId = (*payment)->intentId;
    FormFields fields;
    fields.append({QStringLiteral("cancellation_reason"), QStringLiteral("abandoned")});
    auto canceled = m_stripe->post(QStringLiteral("/v1/payment_intents/") + intentId
                                       + QStringLiteral("/cancel"),
                                   fields, QStringLiteral("cancel-intent:") + intentId);
    QJsonObject intent;
    if (canceled) {
        intent = *canceled;
    } else if (canceled.error().code == ErrorCode::Unavailable) {
        return fail(canceled.error());
    } else {
        // Not cancelable (it succeeded meanwhile, say): what Stripe has decides.
        auto got = m_stripe->get(QStringLiteral("/v1/payment_intents/") + intentId);
        if (!got) {
            return fail(got.error());
        }
        intent = *got;
    }
    auto applied = inTx<QString>(
        db, [&](QSqlDatabase &d) -> Result<QString> { return applyIntent(d, intent); });
    if (!applied) {
        return fail(applied.error());
    }
    qCInfo(lcPayments, "Order %ls cancelled: PaymentIntent %ls is %ls.", qUtf16Printable(orderId),
           qUtf16Printable(intentId),
           qUtf16Printable(intent.value(QStringLiteral("status")).toString()));
    return {};
}

void PaymentsService::registerJobs(Jobs::Registry &jobs)
{
    const Jobs::KindPolicy policy {std::chrono::seconds(5), std::chrono::minutes(30)};
    jobs.add(
        RefundJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            auto done =
                executeRefund(db, job.payload.value(QStringLiteral("refund_id")).toString());
            if (!done) {
                if (done.error().code == ErrorCode::NotFound) {
                    return Jobs::Outcome::done();
                }
                return Jobs::Outcome::retry(done.error().message);
            }
            return Jobs::Outcome::done();
        },
        policy);
    jobs.add(
        Orders::RefundOrderJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            const QString orderId = job.payload.value(QStringLiteral("order_id")).toString();
            const QString userId = job.payload.value(QStringLiteral("user_id")).toString();
            auto recorded = inTx<bool>(db, [&](QSqlDatabase &d) -> Result<bool> {
                if (auto r = refundAllInTransaction(d, orderId, QStringLiteral("customer"),
                                                    UserId::parse(userId) ? userId : QString(),
                                                    QStringLiteral("cancel:") + orderId);
                    !r) {
                    return fail(r.error());
                }
                return true;
            });
            if (!recorded) {
                return Jobs::Outcome::retry(recorded.error().message);
            }
            // Executed at once rather than after another job's wake-up.
            auto pending = Repo::pendingRefundIds(db, orderId);
            if (!pending) {
                return Jobs::Outcome::retry(pending.error().message);
            }
            for (const QString &id : std::as_const(*pending)) {
                if (auto executed = executeRefund(db, id); !executed) {
                    qCWarning(lcPayments, "Refund %ls stays pending: %ls", qUtf16Printable(id),
                              qUtf16Printable(executed.error().message));
                }
            }
            return Jobs::Outcome::done();
        },
        policy);
    jobs.add(
        Orders::CancelIntentJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            auto done =
                cancelIntentOf(db, job.payload.value(QStringLiteral("order_id")).toString());
            if (!done) {
                return Jobs::Outcome::retry(done.error().message);
            }
            return Jobs::Outcome::done();
        },
        policy);
    jobs.add(
        ReconcileJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            const QString orderId = job.payload.value(QStringLiteral("order_id")).toString();
            auto payment = Repo::paymentByOrder(db, orderId, R::None);
            if (!payment) {
                return Jobs::Outcome::retry(payment.error().message);
            }
            if (!payment->has_value() || (*payment)->isTerminal()) {
                return Jobs::Outcome::done();
            }
            auto intent =
                m_stripe->get(QStringLiteral("/v1/payment_intents/") + (*payment)->intentId);
            if (!intent) {
                return Jobs::Outcome::retry(intent.error().message);
            }
            auto applied = inTx<QString>(
                db, [&](QSqlDatabase &d) -> Result<QString> { return applyIntent(d, *intent); });
            if (!applied) {
                return Jobs::Outcome::retry(applied.error().message);
            }
            const QString status = intent->value(QStringLiteral("status")).toString();
            if (status == u"processing" || status == u"requires_action") {
                return Jobs::Outcome::retry(QStringLiteral("still ") + status,
                                            std::chrono::minutes(1));
            }
            return Jobs::Outcome::done();
        },
        policy);
}

} // namespace Shop::Payments
