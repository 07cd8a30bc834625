#pragma once

#include "accountrows.h"
#include "auth/jwt.h"
#include "auth/password.h"
#include "config/serverconfig.h"
#include "http/clientaddress.h"
#include "http/ratelimiter.h"
#include "http/router.h"
#include "revocationset.h"

#include <memory>

namespace Shop::Redis {
class CartCache;
}

namespace Shop::Accounts {

// The accounts module's behind-the-routes: registration, sign-in, sessions, password changes and
// resets, the profile and address book, and the admin's user management. Every handler runs on a
// worker (SQL on the worker's connection); password hashing and verification go to the
// PasswordHasher's own threads and the request continues on a worker afterwards, so no HTTP
// thread waits for a hash.
class AccountsService final
{
public:
    AccountsService(const Server::ServerConfig &config, std::shared_ptr<const Auth::JwtCodec> codec,
                    std::shared_ptr<RevocationSet> revocations);
    ~AccountsService();

    void registerRoutes(Http::Router &router);

    [[nodiscard]] Auth::PasswordHasher &hasher() { return *m_hasher; }

    // Sessions: the response body and the Set-Cookie header of a new or rotated session.
    [[nodiscard]] Http::Response sessionResponse(const User &user, const QString &sessionId,
                                                 const QByteArray &refreshToken, int status) const;

private:
    void registerUser(const Http::Request &request, Http::Responder responder);
    void login(const Http::Request &request, Http::Responder responder);
    [[nodiscard]] Http::Reply refresh(const Http::Request &request);
    [[nodiscard]] Http::Reply logout(const Http::Request &request);
    [[nodiscard]] Http::Reply forgotPassword(const Http::Request &request);
    void resetPassword(const Http::Request &request, Http::Responder responder);

    [[nodiscard]] Http::Reply me(const Http::Request &request);
    [[nodiscard]] Http::Reply updateMe(const Http::Request &request);
    void changePassword(const Http::Request &request, Http::Responder responder);
    [[nodiscard]] Http::Reply listAddresses(const Http::Request &request);
    [[nodiscard]] Http::Reply createAddress(const Http::Request &request);
    [[nodiscard]] Http::Reply updateAddress(const Http::Request &request);
    [[nodiscard]] Http::Reply deleteAddress(const Http::Request &request);

    [[nodiscard]] Http::Reply adminListUsers(const Http::Request &request);
    [[nodiscard]] Http::Reply adminUser(const Http::Request &request);
    [[nodiscard]] Http::Reply adminSetStatus(const Http::Request &request);
    [[nodiscard]] Http::Reply adminSetRole(const Http::Request &request);

    [[nodiscard]] QByteArray clientIp(const Http::Request &request) const;
    void addressesChanged(const QString &userId) const;
    [[nodiscard]] std::optional<Http::Response> limited(const Http::Request &request,
                                                        const QString &scope, const QByteArray &key,
                                                        const Http::RateLimit &limit, bool count);
    [[nodiscard]] Http::Reply newSession(const Http::Request &request, const User &user,
                                         int status);
    [[nodiscard]] QByteArray refreshCookie(const QByteArray &token, bool clear) const;
    [[nodiscard]] QByteArray accessToken(const User &user, const QString &sessionId) const;

    const Server::ServerConfig m_config;
    std::shared_ptr<const Auth::JwtCodec> m_codec;
    std::shared_ptr<RevocationSet> m_revocations;
    std::unique_ptr<Auth::PasswordHasher> m_hasher;
    std::shared_ptr<Http::RateLimiter> m_limiter;
    std::shared_ptr<Redis::CartCache> m_cartCache; // null without Redis
    Http::TrustedProxies m_proxies;
    bool m_secureCookie = false;
};

} // namespace Shop::Accounts
