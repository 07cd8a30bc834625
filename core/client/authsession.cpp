#include "client/authsession.h"

#include "client/accountjson.h"
#include "client/accountwire.h"
#include "client/secretstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkRequest>
#include <QTimer>

Q_LOGGING_CATEGORY(lcAuth, "shop.client.auth", QtInfoMsg)

namespace Shop::Client {

namespace {

// The `exp` claim of a JWT, or -1. The token is otherwise opaque to clients.
qint64 expiryOf(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3) {
        return -1;
    }
    const auto payload = QByteArray::fromBase64Encoding(
        parts[1], QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!payload) {
        return -1;
    }
    const QJsonValue exp = QJsonDocument::fromJson(*payload).object().value(QLatin1String("exp"));
    return exp.isDouble() ? qint64(exp.toDouble()) : -1;
}

Result<SessionGrant> grantFrom(const Result<ApiResponse> &result)
{
    if (!result) {
        return fail(result.error());
    }
    return Json::sessionFromJson(result->json.object());
}

// The cookies an answer sets (QNetworkReply joins several Set-Cookie headers with newlines).
QList<QNetworkCookie> setCookies(const ApiResponse &response)
{
    QList<QNetworkCookie> cookies;
    for (const auto &[name, value] : response.headers) {
        if (name.compare("set-cookie", Qt::CaseInsensitive) == 0) {
            cookies += QNetworkCookie::parseCookies(value);
        }
    }
    return cookies;
}

} // namespace

AuthSession::AuthSession(ApiClient *api, SecretStore *store, QObject *parent)
    : Authenticator(parent)
    , m_api(api)
    , m_store(store)
    , m_refreshTimer(new QTimer(this))
{
    m_refreshTimer->setSingleShot(true);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isSignedIn()) {
            qCDebug(lcAuth) << "refreshing before the access token expires";
            refresh([](bool) {});
        }
    });
    if (m_api) {
        m_api->setAuthenticator(this);
        // Another server: another session.
        connect(m_api, &ApiClient::baseUrlChanged, this, [this] {
            // AppContext::useServer() cancelled every call, a refresh in flight too.
            ++m_epoch;
            if (m_refreshing) {
                m_refreshing = false;
                finishRefresh(false);
            }
            if (isSignedIn()) {
                endSession();
                Q_EMIT signedOut();
            }
        });
    }
}

AuthSession::~AuthSession()
{
    if (m_api && m_api->authenticator() == this) {
        m_api->setAuthenticator(nullptr);
    }
}

QNetworkCookieJar *AuthSession::jar() const
{
    return m_api ? m_api->networkAccessManager()->cookieJar() : nullptr;
}

QUrl AuthSession::cookieUrl() const
{
    return m_api ? m_api->resolve(AccountWire::kRefresh) : QUrl();
}

QString AuthSession::secretKey() const
{
    const QUrl server = m_api ? m_api->baseUrl() : QUrl();
    return QStringLiteral("refresh-token ")
        + server
              .adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                        | QUrl::StripTrailingSlash)
              .toString();
}

QByteArray AuthSession::refreshCookie() const
{
    if (QNetworkCookieJar *cookies = jar()) {
        for (const QNetworkCookie &cookie : cookies->cookiesForUrl(cookieUrl())) {
            if (cookie.name() == AccountWire::kRefreshCookie) {
                return cookie.value();
            }
        }
    }
    return {};
}

qint64 AuthSession::accessTokenLifetime() const
{
    return m_accessExpiresAt < 0 ? -1 : m_accessExpiresAt - QDateTime::currentSecsSinceEpoch();
}

void AuthSession::post(const QString &path, const QJsonObject &body, const QByteArray &refreshToken,
                       const QObject *context, Callback<ApiResponse> done)
{
    if (!m_api) {
        done(fail(Error::unavailable(tr("The app is shutting down."))));
        return;
    }
    ApiRequest request = ApiRequest::post(path, QJsonDocument(body));
    request.authenticate = false; // these calls are the authentication
    request.options.retry = false;
    // The session alone decides which refresh token is sent and which answer's cookie is kept:
    // the jar would store a cookie from an answer that arrives after a sign-out.
    request.useCookieJar = false;
    if (!refreshToken.isEmpty()) {
        request.headers.append(
            {QByteArrayLiteral("Cookie"),
             QNetworkCookie(AccountWire::kRefreshCookie.toByteArray(), refreshToken)
                 .toRawForm(QNetworkCookie::NameAndValueOnly)});
        request.headers.append(
            {AccountWire::kCsrfHeader.toByteArray(), AccountWire::kCsrfValue.toByteArray()});
    }
    m_api->send(request, context, std::move(done));
}

void AuthSession::adoptCookies(const ApiResponse &response, const QString &path)
{
    QNetworkCookieJar *cookies = jar();
    const QList<QNetworkCookie> set = setCookies(response);
    if (cookies && !set.isEmpty()) {
        cookies->setCookiesFromUrl(set, m_api->resolve(path));
    }
}

void AuthSession::revokeLateGrant(const Result<ApiResponse> &result)
{
    if (!result) {
        return;
    }
    for (const QNetworkCookie &cookie : setCookies(*result)) {
        if (cookie.name() == AccountWire::kRefreshCookie && !cookie.value().isEmpty()) {
            // Signed out (or another server chosen) while this session was being granted: it
            // must not live on, on the server either.
            qCInfo(lcAuth) << "ending a session granted after signing out";
            revoke(cookie.value());
        }
    }
}

void AuthSession::revoke(const QByteArray &refreshToken)
{
    post(AccountWire::kLogout, {}, refreshToken, this, [](Result<ApiResponse> result) {
        if (!result) {
            qCInfo(lcAuth) << "signing out on the server failed:" << result.error().message;
        }
    });
}

void AuthSession::signIn(const QString &email, const QString &password, bool remember,
                         const QObject *context, Callback<User> done)
{
    QPointer<const QObject> guard(context);
    post(AccountWire::kLogin,
         QJsonObject {{QStringLiteral("email"), email.trimmed()},
                      {QStringLiteral("password"), password}},
         {}, this,
         [this, remember, guard, hasContext = context != nullptr, epoch = m_epoch,
          done = std::move(done)](Result<ApiResponse> result) {
             auto grant = grantFrom(result);
             if (grant && epoch == m_epoch) {
                 adoptCookies(*result, AccountWire::kLogin);
                 m_remember = remember;
                 startSession(*grant);
             } else if (grant) {
                 revokeLateGrant(result);
             }
             if (hasContext && !guard) {
                 return;
             }
             done(grant ? Result<User>(grant->user) : fail(grant.error()));
         });
}

void AuthSession::registerAccount(const Registration &registration, bool remember,
                                  const QObject *context, Callback<User> done)
{
    QPointer<const QObject> guard(context);
    Registration trimmed = registration;
    trimmed.email = trimmed.email.trimmed();
    post(AccountWire::kRegister, Json::registrationToJson(trimmed), {}, this,
         [this, remember, guard, hasContext = context != nullptr, epoch = m_epoch,
          done = std::move(done)](Result<ApiResponse> result) {
             auto grant = grantFrom(result);
             if (grant && epoch == m_epoch) {
                 adoptCookies(*result, AccountWire::kRegister);
                 m_remember = remember;
                 startSession(*grant);
             } else if (grant) {
                 revokeLateGrant(result);
             }
             if (hasContext && !guard) {
                 return;
             }
             done(grant ? Result<User>(grant->user) : fail(grant.error()));
         });
}

void AuthSession::signOut()
{
    ++m_epoch; // a refresh or sign-in still under way must not sign in again
    const bool wasSignedIn = isSignedIn();
    if (const QByteArray token = refreshCookie(); !token.isEmpty()) {
        // The session ends here whatever the server says; the server revokes it.
        removeRefreshCookie();
        revoke(token);
    }
    forgetStoredSecret();
    endSession();
    m_remember = false;
    if (m_refreshing) {
        m_refreshing = false;
        finishRefresh(false);
    }
    if (wasSignedIn) {
        Q_EMIT signedOut();
    }
}

void AuthSession::restore()
{
    if (!m_store || !m_api || isSignedIn() || m_restoring) {
        Q_EMIT restoreFinished(isSignedIn());
        return;
    }
    m_restoring = true;
    const QString key = secretKey();
    m_store->read(key, [this, key](SecretStore::Outcome outcome) {
        if (outcome.status != SecretStore::Status::Ok || outcome.value.isEmpty()
            || key != secretKey()) {
            noteStoreOutcome(int(outcome.status), outcome.error);
            m_restoring = false;
            Q_EMIT restoreFinished(false);
            return;
        }
        m_secretStored = true;
        QNetworkCookie cookie(AccountWire::kRefreshCookie.toByteArray(), outcome.value);
        cookie.setHttpOnly(true);
        QString path = m_api->resolve(AccountWire::kCookieScope).path();
        if (path.endsWith(u'/')) {
            path.chop(1);
        }
        cookie.setPath(path);
        jar()->setCookiesFromUrl({cookie}, cookieUrl());
        m_remember = true;
        qCInfo(lcAuth) << "signing in with the remembered session";
        refresh([this](bool ok) {
            // A refused token was forgotten by refresh(); one the server could not check (not
            // reachable) is kept for the next start.
            m_restoring = false;
            Q_EMIT restoreFinished(ok);
        });
    });
}

void AuthSession::forgotPassword(const QString &email, const QObject *context, Callback<void> done)
{
    post(AccountWire::kForgotPassword, QJsonObject {{QStringLiteral("email"), email.trimmed()}}, {},
         context, [done = std::move(done)](Result<ApiResponse> result) {
             done(result ? Result<void>() : fail(result.error()));
         });
}

void AuthSession::resetPassword(const QString &token, const QString &password,
                                const QObject *context, Callback<void> done)
{
    post(AccountWire::kResetPassword,
         QJsonObject {{QStringLiteral("token"), token.trimmed()},
                      {QStringLiteral("password"), password}},
         {}, context, [done = std::move(done)](Result<ApiResponse> result) {
             done(result ? Result<void>() : fail(result.error()));
         });
}

void AuthSession::adopt(const SessionGrant &grant, const ApiResponse &response, const QString &path,
                        quint64 sentInEpoch)
{
    if (sentInEpoch != m_epoch) {
        revokeLateGrant(response);
        return;
    }
    adoptCookies(response, path);
    startSession(grant);
}

void AuthSession::updateUser(const User &user)
{
    if (!m_user || m_user->id != user.id || *m_user == user) {
        return;
    }
    m_user = user;
    m_lastEmail = user.email;
    Q_EMIT userChanged();
}

void AuthSession::authorize(QNetworkRequest &request)
{
    if (!m_accessToken.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
    }
}

void AuthSession::refresh(std::function<void(bool ok)> done)
{
    m_refreshWaiters.append(std::move(done));
    if (m_refreshing) {
        return; // joins the refresh in flight
    }
    if (refreshCookie().isEmpty()) {
        // Nothing to refresh with: the session (if any) cannot go on.
        qCInfo(lcAuth) << "no refresh token";
        if (isSignedIn()) {
            endSession();
            Q_EMIT sessionExpired();
        }
        finishRefresh(false);
        return;
    }
    m_refreshing = true;
    post(AccountWire::kRefresh, {}, refreshCookie(), this,
         [this, epoch = m_epoch](Result<ApiResponse> result) {
             auto grant = grantFrom(result);
             if (epoch != m_epoch) {
                 // Signed out (and the waiters told) meanwhile. A rotated token arriving now
                 // is not kept, and its session is ended on the server.
                 if (grant) {
                     revokeLateGrant(result);
                 }
                 return;
             }
             m_refreshing = false;
             if (grant) {
                 adoptCookies(*result, AccountWire::kRefresh);
                 startSession(*grant);
                 finishRefresh(true);
                 return;
             }
             const ErrorCode code = grant.error().code;
             if (code == ErrorCode::Unauthorized || code == ErrorCode::Forbidden) {
                 qCInfo(lcAuth) << "the server ended the session";
                 removeRefreshCookie();
                 if (m_remember) {
                     forgetStoredSecret();
                 }
                 if (isSignedIn()) {
                     endSession();
                     Q_EMIT sessionExpired();
                 }
             } else {
                 // The server may be unreachable for a moment: keep the session, try again later.
                 qCInfo(lcAuth) << "refreshing failed:" << grant.error().message;
                 if (isSignedIn()) {
                     m_refreshTimer->start(std::chrono::seconds(30));
                 }
             }
             finishRefresh(false);
         });
}

void AuthSession::finishRefresh(bool ok)
{
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const auto &waiter : waiters) {
        waiter(ok);
    }
}

void AuthSession::startSession(const SessionGrant &grant)
{
    const bool newUser = !m_user || m_user->id != grant.user.id;
    const bool changed = !m_user || *m_user != grant.user;
    m_accessToken = grant.accessToken;
    m_user = grant.user;
    m_lastEmail = grant.user.email;
    const qint64 exp = expiryOf(grant.accessToken);
    m_accessExpiresAt = exp > 0 ? exp
        : grant.expiresIn > 0   ? QDateTime::currentSecsSinceEpoch() + grant.expiresIn
                                : -1;
    scheduleRefresh(int(accessTokenLifetime()));
    if (m_remember) {
        persistRefreshCookie();
    } else {
        forgetStoredSecret();
    }
    if (newUser) {
        qCInfo(lcAuth) << "signed in";
        Q_EMIT signedIn(grant.user);
    }
    if (changed) {
        Q_EMIT userChanged();
    }
}

void AuthSession::endSession()
{
    m_refreshTimer->stop();
    m_accessToken.clear();
    m_accessExpiresAt = -1;
    if (m_user) {
        m_user.reset();
        Q_EMIT userChanged();
    }
}

void AuthSession::scheduleRefresh(int lifetime)
{
    if (lifetime < 0) {
        m_refreshTimer->stop();
        return;
    }
    // ~60 s before `exp`; a short-lived token at half its lifetime.
    const int early = AccountWire::kRefreshEarlySeconds;
    const int delay = lifetime > 2 * early ? lifetime - early : lifetime / 2;
    m_refreshTimer->start(std::chrono::seconds(std::max(1, delay)));
}

void AuthSession::persistRefreshCookie()
{
    const QByteArray token = refreshCookie();
    if (!m_store || token.isEmpty() || !m_keychainAvailable) {
        return;
    }
    m_secretStored = true; // from now on a sign-out must remove it, even if this fails
    m_store->write(secretKey(), token, [this](SecretStore::Outcome outcome) {
        noteStoreOutcome(int(outcome.status), outcome.error);
    });
}

void AuthSession::forgetStoredSecret()
{
    // Only what this run stored or found: no keychain round trip (or prompt) otherwise.
    if (!m_store || !m_keychainAvailable || !m_secretStored) {
        return;
    }
    m_secretStored = false;
    m_store->remove(secretKey(), [this](SecretStore::Outcome outcome) {
        noteStoreOutcome(int(outcome.status), outcome.error);
    });
}

void AuthSession::noteStoreOutcome(int status, const QString &error)
{
    if (SecretStore::Status(status) != SecretStore::Status::Unavailable || !m_keychainAvailable) {
        return;
    }
    qCInfo(lcAuth) << "the keychain is not available; sessions last until the app quits";
    m_keychainAvailable = false;
    m_keychainError = error;
    Q_EMIT keychainUnavailable(error);
}

void AuthSession::removeRefreshCookie()
{
    QNetworkCookieJar *cookies = jar();
    if (!cookies) {
        return;
    }
    for (const QNetworkCookie &cookie : cookies->cookiesForUrl(cookieUrl())) {
        if (cookie.name() == AccountWire::kRefreshCookie) {
            cookies->deleteCookie(cookie);
        }
    }
}

} // namespace Shop::Client
