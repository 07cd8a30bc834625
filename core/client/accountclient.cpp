#include "client/accountclient.h"

#include "client/accountjson.h"
#include "client/accountwire.h"
#include "client/authsession.h"

#include <QJsonDocument>
#include <QUrl>

namespace Shop::Client {

namespace {

template<typename T, typename Parse>
ApiClient::Callback<ApiResponse> parsed(ApiClient::Callback<T> done, Parse parse)
{
    return [done = std::move(done), parse](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        done(parse(result->json.object()));
    };
}

ApiRequest withBody(QByteArray method, const QString &path, const QJsonObject &body)
{
    ApiRequest request;
    request.method = std::move(method);
    request.path = path;
    request.body = QJsonDocument(body);
    return request;
}

QString addressPath(const QString &id)
{
    return AccountWire::kMyAddresses + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

} // namespace

AccountClient::AccountClient(ApiClient *api, AuthSession *session, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_session(session)
{ }

AccountClient::RequestId AccountClient::send(const ApiRequest &request, const QObject *context,
                                             Callback<ApiResponse> done)
{
    if (!m_api) {
        return 0;
    }
    return m_api->send(request, context, std::move(done));
}

void AccountClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

AccountClient::RequestId AccountClient::me(const QObject *context, Callback<User> done)
{
    QPointer<AuthSession> session = m_session;
    return send(ApiRequest::get(AccountWire::kMe), context,
                parsed<User>(
                    [session, done = std::move(done)](Result<User> user) {
                        if (user && session) {
                            session->updateUser(*user);
                        }
                        done(std::move(user));
                    },
                    Json::userFromJson));
}

AccountClient::RequestId AccountClient::updateProfile(const ProfileUpdate &update,
                                                      const QObject *context, Callback<User> done)
{
    QPointer<AuthSession> session = m_session;
    return send(withBody("PUT", AccountWire::kMe, Json::profileUpdateToJson(update)), context,
                parsed<User>(
                    [session, done = std::move(done)](Result<User> user) {
                        if (user && session) {
                            session->updateUser(*user);
                        }
                        done(std::move(user));
                    },
                    Json::userFromJson));
}

AccountClient::RequestId AccountClient::changePassword(const QString &currentPassword,
                                                       const QString &newPassword,
                                                       const QObject *context, Callback<void> done)
{
    QPointer<AuthSession> session = m_session;
    ApiRequest request =
        withBody("PUT", AccountWire::kMyPassword,
                 QJsonObject {{QStringLiteral("current_password"), currentPassword},
                              {QStringLiteral("new_password"), newPassword}});
    // The answer's new refresh cookie is for the session to keep, unless signed out meanwhile.
    request.useCookieJar = false;
    const quint64 epoch = session ? session->epoch() : 0;
    // Adopted even when the caller's context is gone: the server revoked the old session.
    QPointer<const QObject> guard(context);
    const bool hasContext = context != nullptr;
    return send(
        request, this,
        [session, epoch, guard, hasContext, done = std::move(done)](Result<ApiResponse> result) {
            auto grant = result ? Json::sessionFromJson(result->json.object())
                                : Result<SessionGrant>(fail(result.error()));
            if (grant && session) {
                // The old refresh cookie was replaced.
                session->adopt(*grant, *result, AccountWire::kMyPassword, epoch);
            }
            if (hasContext && !guard) {
                return;
            }
            done(grant ? Result<void>() : fail(grant.error()));
        });
}

AccountClient::RequestId AccountClient::addresses(const QObject *context,
                                                  Callback<QList<Address>> done)
{
    return send(ApiRequest::get(AccountWire::kMyAddresses), context,
                parsed<QList<Address>>(std::move(done), Json::addressListFromJson));
}

AccountClient::RequestId AccountClient::addAddress(const Address &address, const QObject *context,
                                                   Callback<Address> done)
{
    ApiRequest request = withBody("POST", AccountWire::kMyAddresses, Json::addressToJson(address));
    // No Idempotency-Key: the route does not promise to honour one, so the POST is not retried.
    return send(request, context, parsed<Address>(std::move(done), Json::addressFromJson));
}

AccountClient::RequestId
AccountClient::updateAddress(const Address &address, const QObject *context, Callback<Address> done)
{
    return send(withBody("PUT", addressPath(address.id), Json::addressToJson(address)), context,
                parsed<Address>(std::move(done), Json::addressFromJson));
}

AccountClient::RequestId AccountClient::removeAddress(const QString &id, const QObject *context,
                                                      Callback<void> done)
{
    ApiRequest request;
    request.method = "DELETE";
    request.path = addressPath(id);
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        done(result ? Result<void>() : fail(result.error()));
    });
}

} // namespace Shop::Client
