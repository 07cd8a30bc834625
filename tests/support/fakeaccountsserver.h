#pragma once

#include "testserver.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace Shop::Tests {

// A stand-in for the accounts module on a real socket, speaking exactly the accounts wire
// contract (docs/accounts-client.md): the shop_refresh cookie (HttpOnly, SameSite=Strict,
// Path=/api/auth, rotated on every refresh, reuse revokes the family), X-Requested-With on the
// cookie-authenticated routes (403 without), bearer access tokens (JWT-shaped, with `exp`),
// problem+json errors with field codes, the address book. Plus an empty catalog so the apps can
// start against it. For client and app tests until they run against the real server; state is
// in memory and thread-safe (handlers run on the server's worker threads).
class FakeAccountsServer final
{
public:
    FakeAccountsServer();
    ~FakeAccountsServer();
    FakeAccountsServer(const FakeAccountsServer &) = delete;
    FakeAccountsServer &operator=(const FakeAccountsServer &) = delete;

    [[nodiscard]] bool start();
    [[nodiscard]] QString errorString() const;
    [[nodiscard]] QUrl baseUrl() const; // "http://127.0.0.1:PORT/"

    // Adds an account; returns its id.
    QString addUser(const QString &email, const QString &password,
                    const QString &role = QStringLiteral("user"),
                    const QString &firstName = QStringLiteral("Ada"),
                    const QString &lastName = QStringLiteral("Lovelace"));
    void setActive(const QString &email, bool active);
    // Lifetime of new access tokens (default 900 s).
    void setAccessTokenLifetime(int seconds);
    // Every access token issued so far is refused from now on (as after 15 minutes).
    void expireAccessTokens();
    // Every refresh token is refused from now on (an admin ended the sessions).
    void revokeAllSessions();
    // Holds every refresh before it is handled and after (handled, not yet answered), to order
    // a refresh against other calls. Zero for both restores the default.
    void delayRefreshes(std::chrono::milliseconds beforeHandling,
                        std::chrono::milliseconds beforeAnswering);
    // Holds every password change between changing the password and answering.
    void delayPasswordChanges(std::chrono::milliseconds beforeAnswering);
    // A password reset token for the account, as the reset email would carry it.
    QString issueResetToken(const QString &email);

    struct Stats
    {
        int logins = 0;
        int refreshes = 0; // successful
        int refusedRefreshes = 0; // 401
        int csrfRefusals = 0; // 403: refresh/logout without X-Requested-With
        int logouts = 0;
        int bearerRefusals = 0; // 401 on a bearer route
        QStringList forgotPasswordEmails;
        QByteArray lastRefreshCookie; // as the last refresh/logout request sent it
        QByteArray lastLogoutCookie;
    };
    [[nodiscard]] Stats stats() const;
    // The password an account has now (to check changes and resets).
    [[nodiscard]] QString passwordOf(const QString &email) const;
    [[nodiscard]] int addressCount(const QString &email) const;
    // The refresh tokens that are currently valid.
    [[nodiscard]] int liveRefreshTokens() const;

    static inline const QString kCommonPassword = QStringLiteral("password1234");

private:
    struct State;
    std::unique_ptr<State> m_state;
    Http::Router m_router;
    std::unique_ptr<TestServer> m_server;
};

} // namespace Shop::Tests
