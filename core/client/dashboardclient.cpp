#include "client/dashboardclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace Shop::Client {

namespace {

Error malformed()
{
    return Error::internal(
        DashboardClient::tr("The shop server sent the dashboard in an unexpected format."));
}

QString idOf(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(qint64(value.toDouble())) : value.toString();
}

qint64 integer(const QJsonValue &value)
{
    return qint64(value.toDouble());
}

std::optional<Money> moneyOf(const QJsonValue &value, const Currency &fallback)
{
    if (!value.isObject()) {
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    if (!object.value(u"amount").isDouble()) {
        return std::nullopt;
    }
    const auto currency = Currency::fromCode(object.value(u"currency").toString());
    return Money(integer(object.value(u"amount")), currency.value_or(fallback));
}

std::optional<SalesFigures> salesOf(const QJsonValue &value, const Currency &currency)
{
    const QJsonObject object = value.toObject();
    const auto revenue = moneyOf(object.value(u"revenue"), currency);
    const auto average = moneyOf(object.value(u"average_order"), currency);
    if (!object.value(u"orders").isDouble() || !revenue || !average) {
        return std::nullopt;
    }
    return SalesFigures {integer(object.value(u"orders")), *revenue, *average};
}

} // namespace

Result<Dashboard> Dashboard::fromJson(const QJsonObject &json)
{
    Dashboard dashboard;
    dashboard.currency =
        Currency::fromCode(json.value(u"currency").toString()).value_or(Currency());
    dashboard.generatedAt =
        QDateTime::fromString(json.value(u"generated_at").toString(), Qt::ISODateWithMs);
    const QJsonObject sales = json.value(u"sales").toObject();
    const auto today = salesOf(sales.value(u"today"), dashboard.currency);
    const auto week = salesOf(sales.value(u"last_7_days"), dashboard.currency);
    const auto month = salesOf(sales.value(u"last_30_days"), dashboard.currency);
    if (!today || !week || !month) {
        return fail(malformed());
    }
    dashboard.today = *today;
    dashboard.last7Days = *week;
    dashboard.last30Days = *month;
    for (const QJsonValue &value : json.value(u"daily").toArray()) {
        const QJsonObject day = value.toObject();
        dashboard.daily.append({QDate::fromString(day.value(u"date").toString(), Qt::ISODate),
                                integer(day.value(u"orders")), integer(day.value(u"revenue"))});
    }
    const QJsonObject byStatus = json.value(u"orders_by_status").toObject();
    for (auto it = byStatus.begin(); it != byStatus.end(); ++it) {
        dashboard.ordersByStatus.insert(it.key(), integer(it.value()));
    }
    for (const QJsonValue &value : json.value(u"low_stock").toArray()) {
        const QJsonObject product = value.toObject();
        dashboard.lowStock.append(
            {idOf(product.value(u"product_id")), product.value(u"sku").toString(),
             product.value(u"name").toString(), integer(product.value(u"stock_quantity"))});
    }
    for (const QJsonValue &value : json.value(u"top_products").toArray()) {
        const QJsonObject product = value.toObject();
        dashboard.topProducts.append(
            {idOf(product.value(u"product_id")), product.value(u"sku").toString(),
             product.value(u"name").toString(), integer(product.value(u"units")),
             integer(product.value(u"revenue"))});
    }
    return dashboard;
}

DashboardClient::DashboardClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

DashboardClient::RequestId DashboardClient::dashboard(const QObject *context,
                                                      ApiClient::Callback<Dashboard> done)
{
    if (!m_api) {
        return 0;
    }
    ApiRequest request = ApiRequest::get(QStringLiteral("api/admin/dashboard"));
    request.options.supersedeKey =
        QStringLiteral("admin-dashboard-") + QString::number(quintptr(this), 16);
    return m_api->send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        if (!result->json.isObject()) {
            done(fail(malformed()));
            return;
        }
        done(Dashboard::fromJson(result->json.object()));
    });
}

} // namespace Shop::Client
