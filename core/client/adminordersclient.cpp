#include "client/adminordersclient.h"

#include "serialize/catalogjson.h"
#include "serialize/commercejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrl>

#include <algorithm>

Q_LOGGING_CATEGORY(lcOrdersClient, "shop.client.adminorders", QtInfoMsg)

namespace Shop::Client {

namespace {

const QString kAdminOrders = QStringLiteral("api/admin/orders");

// Every value percent-encoded, as UserFilter does ('+' in a time zone offset must not become a
// space).
void add(QByteArrayList &parts, const char *key, const QString &value)
{
    if (!value.isEmpty()) {
        parts << QByteArray(key) + '=' + QUrl::toPercentEncoding(value);
    }
}

QString orderPath(const QString &id, const QString &tail = {})
{
    return kAdminOrders + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id)) + tail;
}

Error malformed()
{
    return Error::internal(AdminOrdersClient::tr(
        "The shop server sent an answer about orders in an unexpected format."));
}

Result<AdminOrderPage> pageFromJson(const QJsonObject &o)
{
    if (!o.value(QLatin1String("items")).isArray()) {
        return fail(malformed());
    }
    AdminOrderPage page;
    for (const QJsonValue &value : o.value(QLatin1String("items")).toArray()) {
        auto summary = Json::orderSummaryFromJson(value.toObject());
        if (!summary) {
            return fail(summary.error());
        }
        page.items.append(std::move(*summary));
    }
    page.limit = o.value(QLatin1String("limit")).toInt(int(page.items.size()));
    page.nextCursor = o.value(QLatin1String("next_cursor")).toString(); // null on the last page
    return page;
}

ApiClient::Callback<ApiResponse> orderReply(ApiClient::Callback<Commerce::OrderView> done)
{
    return [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        if (!result->json.isObject()) {
            done(fail(malformed()));
            return;
        }
        done(Json::orderViewFromJson(result->json.object()));
    };
}

} // namespace

QByteArray AdminOrderFilter::toQueryString() const
{
    QByteArrayList parts;
    if (status) {
        add(parts, "status", Commerce::toString(*status));
    }
    if (from.isValid()) {
        add(parts, "from", Json::toWireTime(from));
    }
    if (to.isValid()) {
        add(parts, "to", Json::toWireTime(to));
    }
    add(parts, "email", email.trimmed());
    add(parts, "number", number.trimmed());
    add(parts, "after", after);
    parts << "limit=" + QByteArray::number(std::clamp(limit, 1, AdminOrdersClient::kMaxPageSize));
    return parts.join('&');
}

QJsonObject OrderStatusChange::toJson() const
{
    QJsonObject body {{QStringLiteral("status"), Commerce::toString(to)}};
    if (!reason.trimmed().isEmpty()) {
        body.insert(QStringLiteral("reason"), reason.trimmed());
    }
    if (to == Commerce::OrderStatus::Shipped) {
        if (!carrier.trimmed().isEmpty()) {
            body.insert(QStringLiteral("carrier"), carrier.trimmed());
        }
        if (!trackingNumber.trimmed().isEmpty()) {
            body.insert(QStringLiteral("tracking_number"), trackingNumber.trimmed());
        }
    }
    return body;
}

AdminOrdersClient::AdminOrdersClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_auditClient(new AdminUsersClient(api, this))
{ }

void AdminOrdersClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

AdminOrdersClient::RequestId AdminOrdersClient::orders(const AdminOrderFilter &filter,
                                                       const QObject *context,
                                                       Callback<AdminOrderPage> done,
                                                       bool supersede)
{
    if (!m_api) {
        return 0;
    }
    ApiRequest request = ApiRequest::get(kAdminOrders, filter.toQueryString());
    if (supersede) {
        request.options.supersedeKey = QStringLiteral("admin-orders");
    }
    qCDebug(lcOrdersClient) << "listing orders" << request.query;
    return m_api->send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
        } else if (!result->json.isObject()) {
            done(fail(malformed()));
        } else {
            done(pageFromJson(result->json.object()));
        }
    });
}

AdminOrdersClient::RequestId AdminOrdersClient::order(const QString &id, const QObject *context,
                                                      Callback<Commerce::OrderView> done)
{
    if (!m_api) {
        return 0;
    }
    return m_api->send(ApiRequest::get(orderPath(id)), context, orderReply(std::move(done)));
}

AdminOrdersClient::RequestId AdminOrdersClient::setStatus(const QString &id,
                                                          const OrderStatusChange &change,
                                                          const QObject *context,
                                                          Callback<Commerce::OrderView> done)
{
    if (!m_api) {
        return 0;
    }
    ApiRequest request;
    request.method = "PUT";
    request.path = orderPath(id, QStringLiteral("/status"));
    request.body = QJsonDocument(change.toJson());
    // Not repeated on a lost connection: a repeat of a change that did arrive would answer 409
    // and hide that it worked.
    request.options.retry = false;
    qCInfo(lcOrdersClient) << "order" << id << "to" << Commerce::toString(change.to);
    return m_api->send(request, context, orderReply(std::move(done)));
}

AdminOrdersClient::RequestId AdminOrdersClient::audit(const QString &orderId,
                                                      const QObject *context,
                                                      Callback<Page<AuditEntry>> done)
{
    AuditFilter filter;
    filter.target = orderId;
    filter.limit = 100;
    return m_auditClient->audit(filter, context, std::move(done),
                                QStringLiteral("admin-order-audit"));
}

} // namespace Shop::Client
