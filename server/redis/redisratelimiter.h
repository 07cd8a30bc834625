#pragma once

#include "config/serverconfig.h"
#include "http/ratelimiter.h"

#include <memory>

namespace Shop::Redis {

class Client;

// An Http::RateLimiter whose counts live in Redis, so that every instance sharing the Redis (and
// the key prefix) shares them: the per-account login limit trips at the same count whichever
// instance answers.
//
// Same algorithm and answers as Http::InMemoryRateLimiter (GCRA, one theoretical arrival time per
// key), done atomically in one Lua script (EVALSHA, EVAL on NOSCRIPT) with Redis's clock (TIME),
// so instances' clocks do not matter. State: one string key per (scope, key),
// `<prefix>rl:<scope>:<sha256 of the key, base64url>` (no e-mail address or IP in key names),
// expiring when the key has its full limit again. Microsecond resolution.
//
// Calls wait for Redis (up to the client's timeout): use it on worker threads only, never on the
// HTTP event loop (the server's per-IP request limits stay in memory, per instance). When Redis
// is unavailable, decisions fall back to `fallback` (a local limiter: per instance until Redis is
// back); reset() clears both.
class RedisRateLimiter final : public Http::RateLimiter
{
public:
    RedisRateLimiter(std::shared_ptr<Client> client, std::shared_ptr<Http::RateLimiter> fallback);

    [[nodiscard]] Http::RateDecision hit(QStringView scope, QByteArrayView key,
                                         const Http::RateLimit &limit, int cost = 1) override;
    [[nodiscard]] Http::RateDecision peek(QStringView scope, QByteArrayView key,
                                          const Http::RateLimit &limit) override;
    void reset(QStringView scope, QByteArrayView key) override;

    // Decisions taken by the fallback because Redis was unavailable.
    [[nodiscard]] quint64 fallbackDecisions() const { return m_fallbacks.load(); }

private:
    [[nodiscard]] QByteArray redisKey(QStringView scope, QByteArrayView key) const;
    [[nodiscard]] std::optional<Http::RateDecision> decide(QStringView scope, QByteArrayView key,
                                                           const Http::RateLimit &limit, int cost,
                                                           bool count);

    std::shared_ptr<Client> m_client;
    std::shared_ptr<Http::RateLimiter> m_fallback;
    std::atomic<quint64> m_fallbacks {0};
};

// The limiter for a module's own limits (login, registration, password resets): Redis-backed
// with an in-memory fallback when redis/url is set, else an InMemoryRateLimiter.
[[nodiscard]] std::shared_ptr<Http::RateLimiter>
makeSharedRateLimiter(const Server::ServerConfig &config);

} // namespace Shop::Redis
