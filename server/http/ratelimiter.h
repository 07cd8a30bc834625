#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QStringView>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <limits>
#include <mutex>

namespace Shop::Http {

// "limit requests per window", e.g. {100, 900s}: the seed's 100 requests per 15 minutes.
struct RateLimit
{
    int limit = 100;
    std::chrono::seconds window {900};
};

// What a limiter decided about one request. `remaining`: how many more requests (of cost 1) would
// be allowed right now; `retryAfter`: when refused, the seconds until this request would be
// allowed (at least 1); `reset`: the seconds until the whole limit is available again (0 when it
// is). Seconds are rounded up, so a client that waits `retryAfter` is not refused again.
struct RateDecision
{
    bool allowed = true;
    int limit = 0;
    int remaining = 0;
    std::chrono::seconds retryAfter {0};
    std::chrono::seconds reset {0};
};

// Counts requests per (scope, key) and decides whether one more is allowed. Implementations are
// thread-safe and are called from the HTTP event loop as well as from worker threads, so they must
// not block for long: the in-memory one does no I/O; one backed by Redis (several instances) is to
// be called from workers only, or must answer from a local view on the event loop.
class RateLimiter
{
public:
    virtual ~RateLimiter() = default;
    // Counts one hit of weight `cost` for `key` in the bucket `scope` ("login.account", "ip.anon")
    // and decides. A refused hit is not counted.
    [[nodiscard]] virtual RateDecision hit(QStringView scope, QByteArrayView key,
                                           const RateLimit &limit, int cost = 1) = 0;
    // Decides as hit() with cost 1 would, without counting ("is this account locked?").
    [[nodiscard]] virtual RateDecision peek(QStringView scope, QByteArrayView key,
                                            const RateLimit &limit) = 0;
    // Forgets the key: the full limit is available again (e.g. after a successful login).
    virtual void reset(QStringView scope, QByteArrayView key) = 0;
};

// Passes `decision` through; a refusal is counted in shop_rate_limit_rejections_total{scope}
// (server/metrics). Whoever turns a limiter's decision into a 429 calls it, whatever the limiter.
[[nodiscard]] RateDecision countRejection(QStringView scope, RateDecision decision);

// A RateLimiter for one process.
//
// Algorithm: GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp). For
// RateLimit {N, W} a key may make a burst of N requests at once and then one more every W/N; the
// state per key is one "theoretical arrival time" (TAT): a request at `now` is allowed when
// max(TAT, now) + W/N - now <= W, and then moves TAT there. It is exact (no sampling, no
// approximation of a window) and costs 8 bytes of state per key. Its bound against a sliding
// window: in any interval of length L at most N + floor(L * N / W) requests are allowed, so over
// long periods exactly the configured rate, and in the worst case (a full burst followed by
// requests at the refill pace) at most 2N - 1 within one window W: the same worst case as a
// sliding-window counter, without the cliff of fixed windows. A sliding window log would be exact
// for every window but keeps N timestamps per key (100 per IP for the seed's limit).
//
// Memory: keys are stored as a 128-bit keyed hash of (scope, key) with the TAT, about 40 bytes an
// entry (40 MB for the default cap of 1,000,000). An entry is useless once its TAT has passed
// (the key has its full limit again), so it is swept: each shard sweeps itself when a new key
// arrives and the last sweep is older than `sweepInterval`, or when it is full (at most once a
// second); sweep() sweeps every shard now.
//
// When full (a shard holds maxEntries / 16 live entries): a key that has no entry is decided
// without one, according to `whenFull`: Allow (the default: fail open, as if it were the key's
// first request; keys already tracked keep being limited, and nobody unknown is locked out
// because an attacker filled the table) or Refuse (fail closed). Either way untrackedDecisions()
// counts it and a warning is logged at most once a minute.
//
// Concurrency: 16 shards, each with its own mutex, chosen by the key's hash, so threads working on
// different keys rarely wait for each other; each decision holds one shard's lock for a hash
// lookup and a few arithmetic operations.
class InMemoryRateLimiter final : public RateLimiter
{
public:
    // Monotonic time; must be thread-safe. The default is std::chrono::steady_clock.
    using Clock = std::function<std::chrono::nanoseconds()>;
    enum class WhenFull { Allow, Refuse };

    static constexpr int kShards = 16;

    struct Options
    {
        qsizetype maxEntries = 1000000; // hard cap on keys; at least kShards
        WhenFull whenFull = WhenFull::Allow;
        std::chrono::seconds sweepInterval {60};
        Clock clock; // empty: steady_clock
    };

    InMemoryRateLimiter();
    explicit InMemoryRateLimiter(Options options);
    ~InMemoryRateLimiter() override;

    InMemoryRateLimiter(const InMemoryRateLimiter &) = delete;
    InMemoryRateLimiter &operator=(const InMemoryRateLimiter &) = delete;

    [[nodiscard]] RateDecision hit(QStringView scope, QByteArrayView key, const RateLimit &limit,
                                   int cost = 1) override;
    [[nodiscard]] RateDecision peek(QStringView scope, QByteArrayView key,
                                    const RateLimit &limit) override;
    void reset(QStringView scope, QByteArrayView key) override;

    // Removes every entry whose key has its full limit again; returns how many.
    qsizetype sweep();
    // Entries held now (live or not yet swept).
    [[nodiscard]] qsizetype size() const;
    [[nodiscard]] qsizetype capacity() const { return m_shardCapacity * kShards; }
    // Decisions taken without an entry because the key's shard was full.
    [[nodiscard]] quint64 untrackedDecisions() const { return m_untracked.load(); }

    struct Key
    {
        quint64 high = 0;
        quint64 low = 0;
        friend bool operator==(const Key &, const Key &) = default;
    };

private:
    struct alignas(64) Shard
    {
        mutable std::mutex mutex;
        QHash<Key, qint64> tats; // key -> theoretical arrival time (ns, clock time)
        qint64 lastSweepNs = 0;
        qint64 lastFullSweepNs = 0;
    };

    [[nodiscard]] Key keyFor(QStringView scope, QByteArrayView key) const;
    [[nodiscard]] Shard &shardFor(const Key &key) { return m_shards[key.low % kShards]; }
    [[nodiscard]] RateDecision decide(QStringView scope, QByteArrayView key, const RateLimit &limit,
                                      int cost, bool count);
    [[nodiscard]] qint64 now() const;
    static qsizetype sweepLocked(Shard &shard, qint64 now);
    void warnFull(qint64 now);

    Options m_options;
    qsizetype m_shardCapacity = 0;
    std::array<size_t, 2> m_seeds {};
    std::array<Shard, kShards> m_shards;
    std::atomic<quint64> m_untracked {0};
    std::atomic<qint64> m_lastWarningNs {std::numeric_limits<qint64>::min()};
};

[[nodiscard]] size_t qHash(const InMemoryRateLimiter::Key &key, size_t seed = 0) noexcept;

} // namespace Shop::Http
