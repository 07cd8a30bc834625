#pragma once

#include "clientaddress.h"
#include "config/serverconfig.h"
#include "ratelimiter.h"
#include "request.h"
#include "response.h"
#include "router.h"

#include <QHash>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Shop::Http {

// The general per-request limit of the HTTP server, applied on the event loop after routing and
// before any handler or fast path runs, to routes that name a rate class (routes without one are
// not limited). One decision (one hit) per request:
// - a request with `Authorization: Bearer ...` for which accountKey() returns a key (the accounts
//   module verifies the token and returns the account id) counts against that account: scope
//   "account", the account limit, whatever the class;
// - any other request counts against its client address (TrustedProxies::clientAddress: IPv4, or
//   the /64 of an IPv6 address, which one client typically owns whole) in the class's bucket:
//   scope "ip.<class>", the class's limit. A class without a configured limit uses the
//   anon-write limit (the strictest default) and is reported by unknownClasses().
// Both the limiter and accountKey() are called on the event loop: they must not block.
// Configure before the server starts; afterwards only the server's thread uses this object.
class RequestLimits final
{
public:
    using AccountKey = std::function<QByteArray(const Request &)>;

    RequestLimits(); // disabled, limits nothing
    // The [ratelimit] configuration with an InMemoryRateLimiter; the trusted proxies are assumed
    // valid (ServerConfig::load() checked them): a bad entry is logged and left out.
    explicit RequestLimits(const Server::RateLimitConfig &config);

    [[nodiscard]] bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    void setClassLimit(const QString &rateClass, RateLimit limit);
    [[nodiscard]] std::optional<RateLimit> classLimit(const QString &rateClass) const;
    void setAccountLimit(RateLimit limit) { m_accountLimit = limit; }
    [[nodiscard]] RateLimit accountLimit() const { return m_accountLimit; }
    // Another limiter (Redis, for several instances); the default is in-process.
    void setLimiter(std::shared_ptr<RateLimiter> limiter) { m_limiter = std::move(limiter); }
    [[nodiscard]] const std::shared_ptr<RateLimiter> &limiter() const { return m_limiter; }
    void setTrustedProxies(TrustedProxies proxies) { m_proxies = std::move(proxies); }
    [[nodiscard]] const TrustedProxies &trustedProxies() const { return m_proxies; }
    // Called for requests with a bearer token; empty: unknown (the client address is used).
    void setAccountKey(AccountKey accountKey) { m_accountKey = std::move(accountKey); }

    // The decision for one request on a route of class `rateClass` (one hit), or nothing when the
    // request is not limited (disabled, or no class).
    [[nodiscard]] std::optional<RateDecision> check(const QString &rateClass,
                                                    const Request &request);
    // The classes among `rateClasses` that have no limit of their own.
    [[nodiscard]] QStringList unknownClasses(const QStringList &rateClasses) const;

    // The bytes a client address is counted by: 4 for IPv4, the first 8 (the /64) for IPv6.
    [[nodiscard]] static QByteArray addressKey(const QHostAddress &address);

private:
    bool m_enabled = false;
    QHash<QString, RateLimit> m_classes;
    QHash<QString, QString> m_scopes; // class -> "ip.<class>", built once
    RateLimit m_accountLimit {600, std::chrono::seconds(60)};
    std::shared_ptr<RateLimiter> m_limiter;
    TrustedProxies m_proxies;
    AccountKey m_accountKey;
};

// The 429 answer for a refused decision: a TooManyRequests problem (through the one error-to-status
// mapping, problem.cpp) with Retry-After and the RateLimit headers. `detail` defaults to a sentence
// naming the wait.
[[nodiscard]] Response tooManyRequestsResponse(const RateDecision &decision,
                                               const QString &instance, const QString &requestId,
                                               const QString &detail = {});
// Adds RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (the IETF httpapi draft's names;
// values in requests and seconds) unless the response already has them.
void addRateLimitHeaders(Response &response, const RateDecision &decision);

} // namespace Shop::Http
