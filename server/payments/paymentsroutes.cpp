// The payments module's routes (see paymentsservice.h): thin adapters between
// Http::Request/Response and the service. They read and check the request (the body's fields,
// the webhook's signature and event), call the service and build the answer; every error is a
// Shop::Error, answered by the HTTP layer.

#include "paymentsinternal.h"
#include "paymentsservice.h"

#include "accounts/accountsrequests.h"
#include "ids.h"
#include "serialize/catalogjson.h"
#include "webhooksignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace Shop::Payments {

using Http::Reply;
using Http::Request;
using Http::Response;
using namespace Internal;

namespace {

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

} // namespace

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
    auto opened = openIntent(orderId, request.principal.userId);
    if (!opened) {
        return fail(opened.error());
    }
    const OrderRow &o = opened->order;
    const QJsonObject &intent = opened->intent;
    const QString &secret = opened->clientSecret;
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

Reply PaymentsService::paymentDocument(const QString &orderId, const QString &ownerId) const
{
    if (!OrderId::parse(orderId)) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    auto state = paymentState(orderId, ownerId);
    if (!state) {
        return fail(state.error());
    }
    const OrderRow &o = state->order;
    QJsonObject doc {
        {QStringLiteral("order_id"), o.id},         {QStringLiteral("order_number"), o.number},
        {QStringLiteral("order_status"), o.status}, {QStringLiteral("total"), o.total},
        {QStringLiteral("currency"), o.currency},   {QStringLiteral("payment"), QJsonValue::Null},
        {QStringLiteral("refunds"), QJsonArray {}}, {QStringLiteral("refunded"), 0},
        {QStringLiteral("refundable"), 0}};
    if (state->payment) {
        const PaymentRow &p = *state->payment;
        doc.insert(QStringLiteral("payment"), paymentJson(p));
        QJsonArray list;
        qint64 refunded = 0;
        qint64 committed = 0;
        for (const RefundRow &r : std::as_const(state->refunds)) {
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
    auto refunded =
        refundOrder(orderId, amount, reason, note, request.principal.userId, request.requestId);
    if (!refunded) {
        return fail(refunded.error());
    }
    Response response = Response::json(refundJson(*refunded), 201);
    return response;
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
    auto outcome = applyEvent(eventId, type, intentId,
                              event.value(QStringLiteral("created")).toInteger(), object);
    if (!outcome) {
        return fail(outcome.error());
    }
    return Response::json(
        QJsonObject {{QStringLiteral("received"), true}, {QStringLiteral("outcome"), *outcome}});
}

} // namespace Shop::Payments
