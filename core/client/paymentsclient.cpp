#include "client/paymentsclient.h"

#include "serialize/catalogjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPayments, "shop.client.payments", QtInfoMsg)

namespace Shop::Client {

namespace {

QString orderPath(const char *prefix, const QString &id, const char *tail)
{
    return QLatin1String(prefix) + QString::fromLatin1(QUrl::toPercentEncoding(id))
        + QLatin1String(tail);
}

Error malformed(const char *what)
{
    return Error::badRequest(
        PaymentsClient::tr("Malformed %1 in the server's answer.").arg(QLatin1String(what)));
}

// Strict field readers: absent or of the wrong type is an error.
struct Reader
{
    const QJsonObject &o;
    bool ok = true;

    QString string(const char *key, bool nullable = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString()) {
            return v.toString();
        }
        if (!(nullable && v.isNull())) {
            ok = false;
        }
        return {};
    }
    qint64 integer(const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || d != double(qint64(d))) {
            ok = false;
            return 0;
        }
        return qint64(d);
    }
    QDateTime time(const char *key)
    {
        const QString text = string(key, true);
        if (text.isEmpty()) {
            return {};
        }
        const QDateTime t = Json::fromWireTime(text);
        if (!t.isValid()) {
            ok = false;
        }
        return t;
    }
};

std::optional<Currency> currencyOf(const QJsonObject &o)
{
    return Currency::fromCode(o.value(QLatin1String("currency")).toString().toUpper());
}

template<typename T, typename Parse>
ApiClient::Callback<ApiResponse> parsed(ApiClient::Callback<T> done, Parse parse)
{
    return [done = std::move(done), parse](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
        } else if (!result->json.isObject()) {
            done(fail(malformed("payment")));
        } else {
            done(parse(result->json.object()));
        }
    };
}

} // namespace

QJsonObject RefundRequest::toJson() const
{
    QJsonObject body {{QStringLiteral("reason"), reason}, {QStringLiteral("note"), note.trimmed()}};
    if (amount) {
        body.insert(QStringLiteral("amount"), double(*amount));
    }
    return body;
}

Result<PaymentIntentTicket> paymentIntentTicketFromJson(const QJsonObject &object)
{
    Reader r {object};
    PaymentIntentTicket t;
    t.orderId = r.string("order_id");
    t.paymentIntentId = r.string("payment_intent_id");
    t.clientSecret = r.string("client_secret");
    t.publishableKey = r.string("publishable_key");
    t.stripeJsUrl = QUrl(r.string("stripe_js_url"));
    const qint64 amount = r.integer("amount");
    t.status = r.string("status");
    const auto currency = currencyOf(object);
    if (!r.ok || !currency || !t.stripeJsUrl.isValid() || t.clientSecret.isEmpty()) {
        return fail(malformed("payment intent"));
    }
    t.amount = Money(amount, *currency);
    return t;
}

Result<PaymentInfo> paymentInfoFromJson(const QJsonObject &object)
{
    Reader r {object};
    PaymentInfo p;
    p.paymentIntentId = r.string("payment_intent_id");
    p.status = r.string("status");
    const qint64 amount = r.integer("amount");
    p.lastError = r.string("last_error", true);
    p.lastErrorCode = r.string("last_error_code", true);
    p.createdAt = r.time("created_at");
    p.updatedAt = r.time("updated_at");
    const auto currency = currencyOf(object);
    if (!r.ok || !currency) {
        return fail(malformed("payment"));
    }
    p.amount = Money(amount, *currency);
    return p;
}

Result<RefundInfo> refundInfoFromJson(const QJsonObject &object)
{
    Reader r {object};
    RefundInfo refund;
    refund.id = r.string("id");
    refund.stripeRefundId = r.string("stripe_refund_id", true);
    const qint64 amount = r.integer("amount");
    refund.status = r.string("status");
    refund.reason = r.string("reason", true);
    refund.note = r.string("note", true);
    refund.createdAt = r.time("created_at");
    refund.createdBy = r.string("created_by", true);
    const auto currency = currencyOf(object);
    if (!r.ok || !currency) {
        return fail(malformed("refund"));
    }
    refund.amount = Money(amount, *currency);
    return refund;
}

Result<PaymentDocument> paymentDocumentFromJson(const QJsonObject &object)
{
    Reader r {object};
    PaymentDocument d;
    d.orderId = r.string("order_id");
    d.orderNumber = r.string("order_number");
    const auto status = Commerce::orderStatusFromString(r.string("order_status"));
    const qint64 total = r.integer("total");
    const qint64 refunded = r.integer("refunded");
    const qint64 refundable = r.integer("refundable");
    const auto currency = currencyOf(object);
    const QJsonValue payment = object.value(QLatin1String("payment"));
    const QJsonValue refunds = object.value(QLatin1String("refunds"));
    if (!r.ok || !status || !currency || !(payment.isNull() || payment.isObject())
        || !refunds.isArray()) {
        return fail(malformed("payment"));
    }
    d.orderStatus = *status;
    d.total = Money(total, *currency);
    d.refunded = Money(refunded, *currency);
    d.refundable = Money(refundable, *currency);
    if (payment.isObject()) {
        auto info = paymentInfoFromJson(payment.toObject());
        if (!info) {
            return fail(info.error());
        }
        d.payment = std::move(*info);
    }
    for (const QJsonValue &value : refunds.toArray()) {
        auto refund = refundInfoFromJson(value.toObject());
        if (!refund) {
            return fail(refund.error());
        }
        d.refunds.append(std::move(*refund));
    }
    return d;
}

PaymentsClient::PaymentsClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

void PaymentsClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

PaymentsClient::RequestId PaymentsClient::createIntent(const QString &orderId,
                                                       const QObject *context,
                                                       Callback<PaymentIntentTicket> done)
{
    if (!m_api) {
        return 0;
    }
    ApiRequest request =
        ApiRequest::post(QStringLiteral("api/payments/create-intent"),
                         QJsonDocument(QJsonObject {{QStringLiteral("order_id"), orderId}}));
    request.options.retry = false;
    qCInfo(lcPayments) << "payment intent for order" << orderId;
    return m_api->send(request, context,
                       parsed<PaymentIntentTicket>(std::move(done), paymentIntentTicketFromJson));
}

PaymentsClient::RequestId PaymentsClient::paymentState(const QString &orderId,
                                                       const QObject *context,
                                                       Callback<PaymentDocument> done)
{
    if (!m_api) {
        return 0;
    }
    return m_api->send(ApiRequest::get(orderPath("api/orders/", orderId, "/payment")), context,
                       parsed<PaymentDocument>(std::move(done), paymentDocumentFromJson));
}

PaymentsClient::RequestId PaymentsClient::adminPaymentState(const QString &orderId,
                                                            const QObject *context,
                                                            Callback<PaymentDocument> done)
{
    if (!m_api) {
        return 0;
    }
    return m_api->send(ApiRequest::get(orderPath("api/admin/orders/", orderId, "/payment")),
                       context, parsed<PaymentDocument>(std::move(done), paymentDocumentFromJson));
}

PaymentsClient::RequestId PaymentsClient::refund(const QString &orderId,
                                                 const RefundRequest &refund,
                                                 const QObject *context, Callback<RefundInfo> done)
{
    if (!m_api) {
        return 0;
    }
    ApiRequest request = ApiRequest::post(orderPath("api/admin/orders/", orderId, "/refunds"),
                                          QJsonDocument(refund.toJson()));
    // Never repeated by the transport: a lost answer must not become a second refund.
    request.options.retry = false;
    qCInfo(lcPayments) << "refund for order" << orderId << "amount"
                       << (refund.amount ? QString::number(*refund.amount) : QStringLiteral("all"));
    return m_api->send(request, context, parsed<RefundInfo>(std::move(done), refundInfoFromJson));
}

QString PaymentsClient::conflictReason(const Error &error)
{
    if (error.code != ErrorCode::Conflict) {
        return {};
    }
    return error.extensions.value(QLatin1String("reason")).toString();
}

UserMessages::Text PaymentsClient::describe(const Error &error, const QUrl &server)
{
    const QString reason = conflictReason(error);
    if (reason == u"expired") {
        return {tr("This order has expired"),
                tr("The order was not paid in time and has expired; its items went back to the "
                   "shop. Place a new order to buy them.")};
    }
    if (reason == u"already_paid") {
        return {tr("This order is already paid"), tr("Nothing more to pay for this order.")};
    }
    if (reason == u"cancelled") {
        return {tr("This order was cancelled"), tr("A cancelled order cannot be paid.")};
    }
    if (error.code == ErrorCode::Conflict) {
        return {tr("This order cannot be paid now"),
                tr("The order is no longer waiting for payment.")};
    }
    if (error.code == ErrorCode::NotFound) {
        return {tr("Order not found"), tr("There is no such order in your account.")};
    }
    return UserMessages::describe(error, server);
}

QString PaymentsClient::paymentStatusText(const QString &status)
{
    if (status == u"requires_payment_method") {
        return tr("Awaiting card");
    }
    if (status == u"requires_confirmation" || status == u"requires_action") {
        return tr("Awaiting confirmation");
    }
    if (status == u"processing") {
        return tr("Processing");
    }
    if (status == u"succeeded") {
        return tr("Succeeded");
    }
    if (status == u"canceled") {
        return tr("Cancelled");
    }
    if (status == u"failed") {
        return tr("Failed");
    }
    if (status == u"pending") {
        return tr("Pending");
    }
    return status;
}

QString PaymentsClient::refundReasonText(const QString &reason)
{
    if (reason == u"requested_by_customer") {
        return tr("Requested by the customer");
    }
    if (reason == u"duplicate") {
        return tr("Duplicate");
    }
    if (reason == u"fraudulent") {
        return tr("Fraudulent");
    }
    return reason;
}

} // namespace Shop::Client
