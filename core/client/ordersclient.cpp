#include "client/ordersclient.h"

#include "serialize/commercejson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcOrders, "shop.client.orders", QtInfoMsg)

namespace Shop::Client {

namespace {

const QString kOrders = QStringLiteral("api/orders");

QString orderPath(const QString &id, const QString &tail = {})
{
    return kOrders + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id)) + tail;
}

Error malformed()
{
    return Error::internal(
        OrdersClient::tr("The shop server sent an answer about orders in an unexpected format."));
}

Result<Page<Commerce::OrderSummary>> orderPageFromJson(const QJsonObject &object)
{
    if (!object.value(QLatin1String("items")).isArray()) {
        return fail(malformed());
    }
    Page<Commerce::OrderSummary> page;
    for (const QJsonValue &value : object.value(QLatin1String("items")).toArray()) {
        auto summary = Json::orderSummaryFromJson(value.toObject());
        if (!summary) {
            return fail(summary.error());
        }
        page.items.append(std::move(*summary));
    }
    page.page = object.value(QLatin1String("page")).toInt(1);
    page.limit = object.value(QLatin1String("limit")).toInt(int(page.items.size()));
    page.total = qint64(object.value(QLatin1String("total")).toDouble(double(page.items.size())));
    return page;
}

template<typename T, typename Parse>
ApiClient::Callback<ApiResponse> parsed(ApiClient::Callback<T> done, Parse parse)
{
    return [done = std::move(done), parse](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        if (!result->json.isObject()) {
            done(fail(malformed()));
            return;
        }
        done(parse(result->json.object()));
    };
}

} // namespace

OrdersClient::OrdersClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

OrdersClient::RequestId OrdersClient::send(const ApiRequest &request, const QObject *context,
                                           Callback<ApiResponse> done)
{
    if (!m_api) {
        return 0;
    }
    return m_api->send(request, context, std::move(done));
}

void OrdersClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

OrdersClient::RequestId OrdersClient::orders(int page, int limit, const QObject *context,
                                             Callback<Page<Commerce::OrderSummary>> done)
{
    const QByteArray query = "page=" + QByteArray::number(std::max(1, page))
        + "&limit=" + QByteArray::number(std::clamp(limit, 1, kMaxPageSize));
    ApiRequest request = ApiRequest::get(kOrders, query);
    request.options.supersedeKey = QStringLiteral("my-orders");
    qCDebug(lcOrders) << "listing orders, page" << page;
    return send(request, context,
                parsed<Page<Commerce::OrderSummary>>(std::move(done), orderPageFromJson));
}

OrdersClient::RequestId OrdersClient::order(const QString &id, const QObject *context,
                                            Callback<Commerce::OrderView> done)
{
    ApiRequest request = ApiRequest::get(orderPath(id));
    request.options.supersedeKey = QStringLiteral("my-order");
    return send(request, context,
                parsed<Commerce::OrderView>(std::move(done), [](const QJsonObject &o) {
                    return Json::orderViewFromJson(o);
                }));
}

OrdersClient::RequestId OrdersClient::cancelOrder(const QString &id, const QString &reason,
                                                  const QObject *context,
                                                  Callback<Commerce::OrderView> done)
{
    ApiRequest request;
    request.method = "PUT";
    request.path = orderPath(id, QStringLiteral("/cancel"));
    QJsonObject body;
    if (!reason.trimmed().isEmpty()) {
        body.insert(QStringLiteral("reason"), reason.trimmed().left(500));
    }
    request.body = QJsonDocument(body);
    qCInfo(lcOrders) << "cancelling order" << id;
    return send(request, context,
                parsed<Commerce::OrderView>(std::move(done), [](const QJsonObject &o) {
                    return Json::orderViewFromJson(o);
                }));
}

UserMessages::Text OrdersClient::describe(const Error &error, const QUrl &server)
{
    switch (error.code) {
    case ErrorCode::NotFound:
        return {tr("Order not found"),
                tr("There is no such order in your account. It may belong to another account: "
                   "sign in with that one to see it.")};
    case ErrorCode::Conflict:
        return {tr("The order cannot be cancelled now"),
                tr("The order has moved on and can no longer be cancelled. Its current state is "
                   "shown.")};
    case ErrorCode::Forbidden:
        return {tr("The order cannot be cancelled now"),
                tr("The order is already being processed: only the shop's staff can cancel it "
                   "now. Contact the shop.")};
    default:
        return UserMessages::describe(error, server);
    }
}

QString OrdersClient::statusText(Commerce::OrderStatus status)
{
    // core's label, translated in the Shop::Commerce context (lupdate reads orderstatus.cpp).
    return QCoreApplication::translate("Shop::Commerce", Commerce::orderStatusLabel(status));
}

} // namespace Shop::Client
