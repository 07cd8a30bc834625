#pragma once

#include "catalog/product.h" // Shop::Page
#include "client/account.h"
#include "client/apiclient.h"
#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Shop::Client {

// GET /api/admin/users: which users, one page at a time.
struct UserFilter
{
    QString search; // email or name
    QString role; // "", "user", "admin"
    QString status; // "", "active", "inactive"
    int page = 1;
    int limit = 20;

    [[nodiscard]] QByteArray toQueryString() const;
};

// GET /api/admin/users/{id}
struct UserDetails
{
    User user;
    QList<Address> addresses;
};

// One admin action from the audit log.
struct AuditEntry
{
    QString id;
    QDateTime at;
    QString actorId;
    QString actorEmail;
    QString action; // "user.status", "user.role"
    QString targetType; // "user"
    QString targetId;
    QJsonObject before;
    QJsonObject after;
    QString requestId;
};

// GET /api/admin/audit
struct AuditFilter
{
    QString actor; // user id
    QString target; // user id
    QDateTime from;
    QDateTime to;
    int page = 1;
    int limit = 20;

    [[nodiscard]] QByteArray toQueryString() const;
};

// The admin's view of the customers (role admin; a customer gets Forbidden): search and list
// users, one user with addresses, activate or deactivate, grant or revoke admin, the audit log.
class AdminUsersClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminUsersClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    explicit AdminUsersClient(ApiClient *api, QObject *parent = nullptr);

    RequestId users(const UserFilter &filter, const QObject *context, Callback<Page<User>> done);
    RequestId user(const QString &id, const QObject *context, Callback<UserDetails> done);
    // PUT …/status {"is_active"}: Conflict when admins deactivate themselves.
    RequestId setActive(const QString &id, bool active, const QObject *context,
                        Callback<User> done);
    // PUT …/role {"role"}: Conflict when admins demote themselves.
    RequestId setRole(const QString &id, const QString &role, const QObject *context,
                      Callback<User> done);
    // A newer call with the same `supersedeKey` cancels an older one still in flight (empty: none).
    RequestId audit(const AuditFilter &filter, const QObject *context,
                    Callback<Page<AuditEntry>> done,
                    const QString &supersedeKey = QStringLiteral("admin-audit"));

    void cancel(RequestId id);

private:
    RequestId send(const ApiRequest &request, const QObject *context, Callback<ApiResponse> done);

    QPointer<ApiClient> m_api;
};

} // namespace Shop::Client
