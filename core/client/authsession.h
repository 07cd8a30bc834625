#pragma once

#include "client/account.h"
#include "client/apiclient.h"
#include "client/authenticator.h"
#include "error.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QNetworkCookieJar;
class QTimer;

namespace Shop::Client {

class SecretStore;

// The signed-in session of a desktop app, and the ApiClient's Authenticator.
//
// - The access token lives in this object's memory only; authorize() adds it as a bearer token.
// - The refresh token is the `shop_refresh` cookie, which lives in the cookie jar of the
//   ApiClient's QNetworkAccessManager and is never read from or written to JSON. Refresh and
//   sign-out are authenticated by that cookie and send `X-Requested-With: XMLHttpRequest`.
//   The session sends the cookie and keeps an answer's Set-Cookie itself, bypassing the jar: a
//   sign-out removes the cookie at once, and a session granted by an answer that arrives after
//   the sign-out (a refresh in flight) is not kept but revoked on the server.
// - Refresh is silent: shortly before the access token's `exp`, and when the ApiClient gets a 401
//   (once for every call waiting). When the server refuses the refresh (401/403) while signed in,
//   the session has ended: sessionExpired(), and the app asks the user to sign in again.
// - "Remember me": the refresh cookie's value is written to the SecretStore (the system keychain)
//   after every sign-in and refresh, and restore() puts it back into the jar at start-up and
//   refreshes silently. Without "remember me" nothing is stored (and an older stored token is
//   removed). When the store is unavailable the session is kept for this run only and
//   keychainUnavailable() is emitted, once.
//
// The wire details are in accountwire.h; the contract is docs/accounts-client.md.
class AuthSession final : public Authenticator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthSession)

public:
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    // Registers itself as `api`'s authenticator. `store` (not owned, may be null: nothing is
    // remembered) must outlive this object.
    AuthSession(ApiClient *api, SecretStore *store, QObject *parent = nullptr);
    ~AuthSession() override;

    [[nodiscard]] bool isSignedIn() const { return m_user.has_value(); }
    [[nodiscard]] std::optional<User> user() const { return m_user; }
    // The email of the current or the last signed-in user (to ask again after expiry).
    [[nodiscard]] QString lastEmail() const { return m_lastEmail; }
    // False once the SecretStore failed: "remember me" cannot work in this run.
    [[nodiscard]] bool keychainAvailable() const { return m_keychainAvailable; }
    [[nodiscard]] QString keychainError() const { return m_keychainError; }
    // Whether the current session is kept in the keychain.
    [[nodiscard]] bool remembered() const { return m_remember && m_keychainAvailable; }
    [[nodiscard]] bool isRestoring() const { return m_restoring; }

    // POST /api/auth/login. 401: wrong email or password; 403 (Forbidden): the account is
    // deactivated; 429: too many attempts.
    void signIn(const QString &email, const QString &password, bool remember,
                const QObject *context, Callback<User> done);
    // POST /api/auth/register: signed in on success; 422 with field errors, 409 email taken.
    void registerAccount(const Registration &registration, bool remember, const QObject *context,
                         Callback<User> done);
    // POST /api/auth/logout (best effort): afterwards the session is gone here whatever the
    // server answered: token, cookie and stored secret.
    void signOut();
    // At start-up: a remembered refresh token from the store is put into the jar and refreshed.
    // restoreFinished() tells the outcome.
    void restore();
    // POST /api/auth/forgot-password: succeeds whether or not the address is registered.
    void forgotPassword(const QString &email, const QObject *context, Callback<void> done);
    // POST /api/auth/reset-password. BadRequest: the token is unknown, used or expired
    // (code invalid_token); Validation: the password rules.
    void resetPassword(const QString &token, const QString &password, const QObject *context,
                       Callback<void> done);

    // A session the server handed out elsewhere (PUT /api/users/me/password, sent with
    // ApiRequest::useCookieJar = false): its cookie and token are kept when the call was sent in
    // the current epoch(); after a sign-out meanwhile, the session is revoked instead.
    void adopt(const SessionGrant &grant, const ApiResponse &response, const QString &path,
               quint64 sentInEpoch);
    // Moves at every sign-out and server change: an answer to a call sent in an earlier epoch
    // must not sign in again.
    [[nodiscard]] quint64 epoch() const { return m_epoch; }
    // The server's newer description of the signed-in user (PUT /api/users/me).
    void updateUser(const User &user);

    // Authenticator
    void authorize(QNetworkRequest &request) override;
    void refresh(std::function<void(bool ok)> done) override;

    // The name the refresh token is stored under for the client's server (one per server).
    [[nodiscard]] QString secretKey() const;
    // The refresh cookie's value in the jar, or empty (tests, diagnostics).
    [[nodiscard]] QByteArray refreshCookie() const;
    // Seconds from now until the access token expires (from its `exp`), or -1 (tests).
    [[nodiscard]] qint64 accessTokenLifetime() const;

Q_SIGNALS:
    void signedIn(const Shop::Client::User &user);
    // After signOut().
    void signedOut();
    // The server ended the session (a refresh was refused); sign in again to go on.
    void sessionExpired();
    // user() changed: signed in, out, expired, or new profile data.
    void userChanged();
    void restoreFinished(bool signedIn);
    // The keychain cannot be used in this run (said once).
    void keychainUnavailable(const QString &reason);

private:
    // An auth call; a non-empty refreshToken is sent as the cookie, with the CSRF header.
    void post(const QString &path, const QJsonObject &body, const QByteArray &refreshToken,
              const QObject *context, Callback<ApiResponse> done);
    // Keeps the cookies an answer to `path` sets (the jar does not: post() bypasses it).
    void adoptCookies(const ApiResponse &response, const QString &path);
    // Ends on the server the session an answer arriving after a sign-out granted.
    void revokeLateGrant(const Result<ApiResponse> &result);
    void revoke(const QByteArray &refreshToken);
    void startSession(const SessionGrant &grant);
    void endSession();
    void finishRefresh(bool ok);
    void scheduleRefresh(int expiresIn);
    void persistRefreshCookie();
    void forgetStoredSecret();
    void noteStoreOutcome(int status, const QString &error);
    void removeRefreshCookie();
    [[nodiscard]] QNetworkCookieJar *jar() const;
    [[nodiscard]] QUrl cookieUrl() const;

    QPointer<ApiClient> m_api;
    QPointer<SecretStore> m_store;
    std::optional<User> m_user;
    QString m_lastEmail;
    QByteArray m_accessToken;
    qint64 m_accessExpiresAt = -1; // seconds since the epoch
    bool m_remember = false;
    bool m_secretStored = false; // this run wrote or read the secret
    bool m_restoring = false;
    bool m_keychainAvailable = true;
    QString m_keychainError;
    bool m_refreshing = false;
    quint64 m_epoch = 0; // counts sign-outs and server changes: later answers are stale
    QList<std::function<void(bool)>> m_refreshWaiters;
    QTimer *m_refreshTimer;
};

} // namespace Shop::Client
