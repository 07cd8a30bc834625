#include "client/adminusersclient.h"

#include "client/accountjson.h"
#include "client/accountwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace Shop::Client {

namespace {

// Query strings by hand, as ProductQuery does: every value percent-encoded (QUrlQuery leaves '+'
// alone, which servers read as a space).
void add(QByteArrayList &parts, const char *key, const QString &value)
{
    if (!value.isEmpty()) {
        parts << QByteArray(key) + '=' + QUrl::toPercentEncoding(value);
    }
}

QByteArray withPaging(QByteArrayList parts, int page, int limit)
{
    parts << "page=" + QByteArray::number(std::max(1, page));
    parts << "limit=" + QByteArray::number(std::max(1, limit));
    return parts.join('&');
}

QString userPath(const QString &id, const QString &tail = {})
{
    return AccountWire::kAdminUsers + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id))
        + tail;
}

Error malformed()
{
    return Error::internal(AdminUsersClient::tr(
        "The shop server sent an answer about users in an unexpected format."));
}

template<typename T>
Result<Page<T>> pageFromJson(const QJsonObject &object,
                             const std::function<Result<T>(const QJsonObject &)> &item)
{
    if (!object.value(QLatin1String("items")).isArray()) {
        return fail(malformed());
    }
    Page<T> page;
    for (const QJsonValue &value : object.value(QLatin1String("items")).toArray()) {
        auto parsed = item(value.toObject());
        if (!parsed) {
            return fail(parsed.error());
        }
        page.items.append(std::move(*parsed));
    }
    page.page = object.value(QLatin1String("page")).toInt(1);
    page.limit = object.value(QLatin1String("limit")).toInt(int(page.items.size()));
    page.total = qint64(object.value(QLatin1String("total")).toDouble(double(page.items.size())));
    return page;
}

Result<AuditEntry> auditEntryFromJson(const QJsonObject &o)
{
    AuditEntry entry;
    entry.id = o.value(QLatin1String("id")).toVariant().toString();
    entry.action = o.value(QLatin1String("action")).toString();
    if (entry.id.isEmpty() || entry.action.isEmpty()) {
        return fail(malformed());
    }
    entry.at = QDateTime::fromString(o.value(QLatin1String("at")).toString(), Qt::ISODateWithMs);
    entry.actorId = o.value(QLatin1String("actor_id")).toString();
    entry.actorEmail = o.value(QLatin1String("actor_email")).toString();
    entry.targetType = o.value(QLatin1String("target_type")).toString();
    entry.targetId = o.value(QLatin1String("target_id")).toString();
    entry.before = o.value(QLatin1String("before")).toObject();
    entry.after = o.value(QLatin1String("after")).toObject();
    entry.requestId = o.value(QLatin1String("request_id")).toString();
    return entry;
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

ApiRequest put(const QString &path, const QJsonObject &body)
{
    ApiRequest request;
    request.method = "PUT";
    request.path = path;
    request.body = QJsonDocument(body);
    return request;
}

} // namespace

QByteArray UserFilter::toQueryString() const
{
    QByteArrayList parts;
    add(parts, "search", search.trimmed());
    add(parts, "role", role);
    add(parts, "status", status);
    return withPaging(parts, page, limit);
}

QByteArray AuditFilter::toQueryString() const
{
    QByteArrayList parts;
    add(parts, "actor", actor);
    add(parts, "target", target);
    if (from.isValid()) {
        add(parts, "from", from.toUTC().toString(Qt::ISODate));
    }
    if (to.isValid()) {
        add(parts, "to", to.toUTC().toString(Qt::ISODate));
    }
    return withPaging(parts, page, limit);
}

AdminUsersClient::AdminUsersClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

AdminUsersClient::RequestId AdminUsersClient::send(const ApiRequest &request,
                                                   const QObject *context,
                                                   Callback<ApiResponse> done)
{
    if (!m_api) {
        return 0;
    }
    return m_api->send(request, context, std::move(done));
}

void AdminUsersClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

AdminUsersClient::RequestId
AdminUsersClient::users(const UserFilter &filter, const QObject *context, Callback<Page<User>> done)
{
    ApiRequest request = ApiRequest::get(AccountWire::kAdminUsers, filter.toQueryString());
    request.options.supersedeKey = QStringLiteral("admin-users");
    return send(request, context, parsed<Page<User>>(std::move(done), [](const QJsonObject &o) {
                    return pageFromJson<User>(o, Json::userFromJson);
                }));
}

AdminUsersClient::RequestId AdminUsersClient::user(const QString &id, const QObject *context,
                                                   Callback<UserDetails> done)
{
    return send(
        ApiRequest::get(userPath(id)), context,
        parsed<UserDetails>(std::move(done), [](const QJsonObject &o) -> Result<UserDetails> {
            auto user = Json::userFromJson(o.value(QLatin1String("user")).toObject());
            if (!user) {
                return fail(user.error());
            }
            auto addresses = Json::addressListFromJson(QJsonObject {
                {QStringLiteral("items"), o.value(QLatin1String("addresses")).toArray()}});
            if (!addresses) {
                return fail(addresses.error());
            }
            return UserDetails {std::move(*user), std::move(*addresses)};
        }));
}

AdminUsersClient::RequestId AdminUsersClient::setActive(const QString &id, bool active,
                                                        const QObject *context, Callback<User> done)
{
    return send(put(userPath(id, QStringLiteral("/status")),
                    QJsonObject {{QStringLiteral("is_active"), active}}),
                context, parsed<User>(std::move(done), Json::userFromJson));
}

AdminUsersClient::RequestId AdminUsersClient::setRole(const QString &id, const QString &role,
                                                      const QObject *context, Callback<User> done)
{
    return send(
        put(userPath(id, QStringLiteral("/role")), QJsonObject {{QStringLiteral("role"), role}}),
        context, parsed<User>(std::move(done), Json::userFromJson));
}

AdminUsersClient::RequestId AdminUsersClient::audit(const AuditFilter &filter,
                                                    const QObject *context,
                                                    Callback<Page<AuditEntry>> done,
                                                    const QString &supersedeKey)
{
    ApiRequest request = ApiRequest::get(AccountWire::kAdminAudit, filter.toQueryString());
    request.options.supersedeKey = supersedeKey;
    return send(request, context,
                parsed<Page<AuditEntry>>(std::move(done), [](const QJsonObject &o) {
                    return pageFromJson<AuditEntry>(o, auditEntryFromJson);
                }));
}

} // namespace Shop::Client
