#include "redisratelimiter.h"

#include "redisclient.h"

#include <QCryptographicHash>

#include <cmath>

namespace Shop::Redis {

namespace {

constexpr qint64 kUsPerSecond = 1000000;

// KEYS[1] the key; ARGV: interval (us), tolerance (us), cost, count (1/0).
// Returns {allowed (1/0), tat - now (us), allowedAt - now (us), after - now (us)}.
const Script kGcra(QByteArrayLiteral(R"lua(
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local stored = redis.call('GET', KEYS[1])
local tat = now
if stored then
  tat = math.max(tonumber(stored), now)
end
local newTat = tat + cost * interval
local allowedAt = newTat - tolerance
if allowedAt > now then
  return {0, tat - now, allowedAt - now, tat - now}
end
local after = tat
if ARGV[4] == '1' and cost > 0 then
  redis.call('SET', KEYS[1], string.format('%.0f', newTat), 'PX',
             math.floor((newTat - now) / 1000) + 1)
  after = newTat
end
return {1, tat - now, 0, after - now}
)lua"));

std::chrono::seconds ceilSeconds(qint64 us)
{
    return std::chrono::seconds(us <= 0 ? 0 : (us + kUsPerSecond - 1) / kUsPerSecond);
}

} // namespace

RedisRateLimiter::RedisRateLimiter(std::shared_ptr<Client> client,
                                   std::shared_ptr<Http::RateLimiter> fallback)
    : m_client(std::move(client))
    , m_fallback(fallback ? std::move(fallback) : std::make_shared<Http::InMemoryRateLimiter>())
{ }

QByteArray RedisRateLimiter::redisKey(QStringView scope, QByteArrayView key) const
{
    const QByteArray name = QByteArrayLiteral("rl:") + scope.toUtf8() + ':'
        + QCryptographicHash::hash(key, QCryptographicHash::Sha256)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return m_client->key(name);
}

std::optional<Http::RateDecision> RedisRateLimiter::decide(QStringView scope, QByteArrayView key,
                                                           const Http::RateLimit &limit, int cost,
                                                           bool count)
{
    Http::RateDecision decision;
    decision.limit = limit.limit;
    const qint64 window = std::max<qint64>(1, limit.window.count()) * kUsPerSecond;
    if (limit.limit <= 0) {
        decision.allowed = false;
        decision.retryAfter = ceilSeconds(window);
        return decision;
    }
    const qint64 interval = std::max<qint64>(1, window / limit.limit);
    const qint64 tolerance = interval * limit.limit;
    cost = std::clamp(cost, 0, limit.limit + 1);
    if (!m_client || !m_client->available()) {
        return std::nullopt;
    }
    auto reply = m_client->eval(kGcra, {redisKey(scope, key)},
                                {QByteArray::number(interval), QByteArray::number(tolerance),
                                 QByteArray::number(cost), count ? "1" : "0"});
    if (!reply || reply->type != Reply::Type::Array || reply->elements.size() != 4) {
        return std::nullopt;
    }
    const qint64 allowed = reply->elements.at(0).integer;
    const qint64 tatAhead = reply->elements.at(1).integer;
    const qint64 allowedAt = reply->elements.at(2).integer;
    const qint64 afterAhead = reply->elements.at(3).integer;
    if (!allowed) {
        decision.allowed = false;
        decision.remaining = int(std::max<qint64>(0, (tolerance - tatAhead) / interval));
        decision.retryAfter = std::max(std::chrono::seconds(1), ceilSeconds(allowedAt));
        decision.reset = ceilSeconds(tatAhead);
        return decision;
    }
    decision.remaining = int(std::max<qint64>(0, (tolerance - afterAhead) / interval));
    decision.reset = ceilSeconds(afterAhead);
    return decision;
}

Http::RateDecision RedisRateLimiter::hit(QStringView scope, QByteArrayView key,
                                         const Http::RateLimit &limit, int cost)
{
    if (auto decision = decide(scope, key, limit, cost, true)) {
        return *decision;
    }
    m_fallbacks.fetch_add(1, std::memory_order_relaxed);
    return m_fallback->hit(scope, key, limit, cost);
}

Http::RateDecision RedisRateLimiter::peek(QStringView scope, QByteArrayView key,
                                          const Http::RateLimit &limit)
{
    if (auto decision = decide(scope, key, limit, 1, false)) {
        return *decision;
    }
    m_fallbacks.fetch_add(1, std::memory_order_relaxed);
    return m_fallback->peek(scope, key, limit);
}

void RedisRateLimiter::reset(QStringView scope, QByteArrayView key)
{
    m_fallback->reset(scope, key);
    if (m_client && m_client->available()) {
        (void)m_client->command({"DEL", redisKey(scope, key)});
    }
}

std::shared_ptr<Http::RateLimiter> makeSharedRateLimiter(const Server::ServerConfig &config)
{
    Http::InMemoryRateLimiter::Options options;
    options.maxEntries = config.http.rateLimit.maxEntries;
    auto local = std::make_shared<Http::InMemoryRateLimiter>(std::move(options));
    if (auto client = Client::forConfig(config)) {
        return std::make_shared<RedisRateLimiter>(std::move(client), std::move(local));
    }
    return local;
}

} // namespace Shop::Redis
