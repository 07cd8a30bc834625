#include "ratelimiter.h"

#include "metrics/metrics.h"

#include "logging.h"

#include <QRandomGenerator>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>

namespace Shop::Http {

namespace {

constexpr qint64 kNsPerSecond = 1000000000;

std::chrono::seconds ceilSeconds(qint64 ns)
{
    return std::chrono::seconds(ns <= 0 ? 0 : (ns + kNsPerSecond - 1) / kNsPerSecond);
}

qint64 steadyNow()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

size_t qHash(const InMemoryRateLimiter::Key &key, size_t seed) noexcept
{
    // The key is already a keyed hash: mix in the table's seed and fold.
    return size_t(key.high ^ (key.low >> 1) ^ quint64(seed));
}

InMemoryRateLimiter::InMemoryRateLimiter()
    : InMemoryRateLimiter(Options {})
{ }

InMemoryRateLimiter::InMemoryRateLimiter(Options options)
    : m_options(std::move(options))
{
    m_shardCapacity = std::max<qsizetype>(1, m_options.maxEntries / kShards);
    QRandomGenerator *random = QRandomGenerator::system();
    m_seeds = {size_t(random->generate64()) | 1, size_t(random->generate64()) | 1};
    const qint64 start = now();
    for (Shard &shard : m_shards) {
        shard.lastSweepNs = start;
        shard.lastFullSweepNs = start - kNsPerSecond;
    }
}

InMemoryRateLimiter::~InMemoryRateLimiter() = default;

qint64 InMemoryRateLimiter::now() const
{
    return m_options.clock ? m_options.clock().count() : steadyNow();
}

InMemoryRateLimiter::Key InMemoryRateLimiter::keyFor(QStringView scope, QByteArrayView key) const
{
    // [scope length][scope as UTF-16][key]: unambiguous, hashed twice with independent seeds.
    QVarLengthArray<char, 256> bytes;
    const qsizetype scopeBytes = scope.size() * qsizetype(sizeof(char16_t));
    const quint32 length = quint32(scope.size());
    bytes.resize(qsizetype(sizeof length) + scopeBytes + key.size());
    char *out = bytes.data();
    std::memcpy(out, &length, sizeof length);
    out += sizeof length;
    if (scopeBytes > 0) {
        std::memcpy(out, scope.utf16(), size_t(scopeBytes));
        out += scopeBytes;
    }
    if (!key.isEmpty()) {
        std::memcpy(out, key.data(), size_t(key.size()));
    }
    return Key {quint64(qHashBits(bytes.constData(), size_t(bytes.size()), m_seeds[0])),
                quint64(qHashBits(bytes.constData(), size_t(bytes.size()), m_seeds[1]))};
}

RateDecision countRejection(QStringView scope, RateDecision decision)
{
    if (!decision.allowed) {
        Metrics::registry().rateLimitRejections().inc({scope.toString()});
    }
    return decision;
}

RateDecision InMemoryRateLimiter::hit(QStringView scope, QByteArrayView key, const RateLimit &limit,
                                      int cost)
{
    return decide(scope, key, limit, cost, true);
}

RateDecision InMemoryRateLimiter::peek(QStringView scope, QByteArrayView key,
                                       const RateLimit &limit)
{
    return decide(scope, key, limit, 1, false);
}

RateDecision InMemoryRateLimiter::decide(QStringView scope, QByteArrayView key,
                                         const RateLimit &limit, int cost, bool count)
{
    RateDecision decision;
    decision.limit = limit.limit;
    const qint64 window = std::max<qint64>(1, limit.window.count()) * kNsPerSecond;
    if (limit.limit <= 0) {
        decision.allowed = false;
        decision.retryAfter = ceilSeconds(window);
        return decision;
    }
    // One request every `interval`; a burst of `limit` (tolerance) at once.
    const qint64 interval = std::max<qint64>(1, window / limit.limit);
    const qint64 tolerance = interval * limit.limit;
    cost = std::clamp(cost, 0, limit.limit + 1); // above the limit: never allowed

    const Key hashed = keyFor(scope, key);
    Shard &shard = shardFor(hashed);
    const qint64 t = now();
    std::lock_guard lock(shard.mutex);
    auto it = shard.tats.find(hashed);
    const qint64 tat = it == shard.tats.end() ? t : std::max(*it, t);
    const qint64 newTat = tat + qint64(cost) * interval;
    const qint64 allowedAt = newTat - tolerance;
    if (allowedAt > t) {
        decision.allowed = false;
        decision.remaining = int(std::max<qint64>(0, (tolerance - (tat - t)) / interval));
        decision.retryAfter = std::max(std::chrono::seconds(1), ceilSeconds(allowedAt - t));
        decision.reset = ceilSeconds(tat - t);
        return decision;
    }
    qint64 after = tat;
    if (count && cost > 0) {
        if (it != shard.tats.end()) {
            *it = newTat;
            after = newTat;
        } else {
            if (t - shard.lastSweepNs >= qint64(m_options.sweepInterval.count()) * kNsPerSecond) {
                sweepLocked(shard, t);
            }
            if (shard.tats.size() >= m_shardCapacity && t - shard.lastFullSweepNs >= kNsPerSecond) {
                shard.lastFullSweepNs = t;
                sweepLocked(shard, t);
            }
            if (shard.tats.size() < m_shardCapacity) {
                shard.tats.insert(hashed, newTat);
                after = newTat;
            } else {
                m_untracked.fetch_add(1, std::memory_order_relaxed);
                warnFull(t);
                if (m_options.whenFull == WhenFull::Refuse) {
                    decision.allowed = false;
                    decision.remaining = 0;
                    decision.retryAfter = std::max(std::chrono::seconds(1), ceilSeconds(interval));
                    decision.reset = decision.retryAfter;
                    return decision;
                }
                after = newTat; // as if this were the key's first request
            }
        }
    }
    decision.remaining = int(std::max<qint64>(0, (tolerance - (after - t)) / interval));
    decision.reset = ceilSeconds(after - t);
    return decision;
}

void InMemoryRateLimiter::reset(QStringView scope, QByteArrayView key)
{
    const Key hashed = keyFor(scope, key);
    Shard &shard = shardFor(hashed);
    std::lock_guard lock(shard.mutex);
    shard.tats.remove(hashed);
}

qsizetype InMemoryRateLimiter::sweepLocked(Shard &shard, qint64 now)
{
    shard.lastSweepNs = now;
    qsizetype removed = 0;
    for (auto it = shard.tats.begin(); it != shard.tats.end();) {
        if (*it <= now) {
            it = shard.tats.erase(it);
            ++removed;
        } else {
            ++it;
        }
    }
    // Give the memory back when most of the table went away.
    if (removed > 0 && shard.tats.size() * 4 < shard.tats.capacity()) {
        shard.tats.squeeze();
    }
    return removed;
}

qsizetype InMemoryRateLimiter::sweep()
{
    const qint64 t = now();
    qsizetype removed = 0;
    for (Shard &shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        removed += sweepLocked(shard, t);
    }
    return removed;
}

qsizetype InMemoryRateLimiter::size() const
{
    qsizetype total = 0;
    for (const Shard &shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        total += shard.tats.size();
    }
    return total;
}

void InMemoryRateLimiter::warnFull(qint64 now)
{
    qint64 last = m_lastWarningNs.load(std::memory_order_relaxed);
    if (last != std::numeric_limits<qint64>::min() && now - last < 60 * kNsPerSecond) {
        return;
    }
    if (!m_lastWarningNs.compare_exchange_strong(last, now)) {
        return; // another thread warns
    }
    qCWarning(lcHttpLimits,
              "The rate limiter holds %lld live keys (its cap); new keys are %s without being "
              "counted (%llu so far).",
              static_cast<long long>(capacity()),
              m_options.whenFull == WhenFull::Allow ? "allowed" : "refused",
              static_cast<unsigned long long>(m_untracked.load()));
}

} // namespace Shop::Http
