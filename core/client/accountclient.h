#pragma once

#include "client/account.h"
#include "client/apiclient.h"
#include "error.h"

#include <QObject>
#include <QPointer>

namespace Shop::Client {

class AuthSession;

// The signed-in user's own resources: the profile, the password and the address book. Bearer
// authenticated through the ApiClient's authenticator (AuthSession), which it also tells about
// a changed profile or a new session (password change).
class AccountClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    // `session` may be null (then nobody hears about changes).
    AccountClient(ApiClient *api, AuthSession *session, QObject *parent = nullptr);

    // GET /api/users/me
    RequestId me(const QObject *context, Callback<User> done);
    // PUT /api/users/me
    RequestId updateProfile(const ProfileUpdate &update, const QObject *context,
                            Callback<User> done);
    // PUT /api/users/me/password: a fresh session for this client (every other one ends).
    // A wrong current password is a Validation error on field "current_password".
    RequestId changePassword(const QString &currentPassword, const QString &newPassword,
                             const QObject *context, Callback<void> done);

    // GET /api/users/me/addresses: the default first.
    RequestId addresses(const QObject *context, Callback<QList<Address>> done);
    // POST /api/users/me/addresses (the first address becomes the default).
    RequestId addAddress(const Address &address, const QObject *context, Callback<Address> done);
    // PUT /api/users/me/addresses/{id}
    RequestId updateAddress(const Address &address, const QObject *context, Callback<Address> done);
    // DELETE /api/users/me/addresses/{id}
    RequestId removeAddress(const QString &id, const QObject *context, Callback<void> done);

    void cancel(RequestId id);

private:
    RequestId send(const ApiRequest &request, const QObject *context, Callback<ApiResponse> done);

    QPointer<ApiClient> m_api;
    QPointer<AuthSession> m_session;
};

} // namespace Shop::Client
