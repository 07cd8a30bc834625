// RedisRateLimiter against the test services' Redis: two limiter objects (two instances) share
// their counts, concurrent threads never get more than the limit, a sequence gets the same
// decisions as from the in-memory limiter, reset and peek, and with Redis unreachable the local
// fallback decides.

#include "redis/redisratelimiter.h"
#include "redistestsupport.h"
#include "support/resultcheck.h"

#include <atomic>

using namespace Shop;
using namespace Shop::Tests;
using Shop::Http::RateDecision;
using Shop::Http::RateLimit;

namespace {

const QString kScope = QStringLiteral("login.account");

std::shared_ptr<Redis::RedisRateLimiter> limiterFor(const QByteArray &prefix)
{
    return std::make_shared<Redis::RedisRateLimiter>(clientFor(testRedisUrl(), prefix),
                                                     std::make_shared<Http::InMemoryRateLimiter>());
}

} // namespace

class TestRedisRateLimiter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { SHOP_REQUIRE_TEST_REDIS(); }

    void twoInstancesShareCounts()
    {
        const QByteArray prefix = uniquePrefix("rl-shared");
        auto first = limiterFor(prefix);
        auto second = limiterFor(prefix); // another process's limiter: its own client
        const RateLimit limit {5, std::chrono::seconds(900)};
        int allowed = 0;
        for (int i = 0; i < 12; ++i) {
            auto &limiter = i % 2 == 0 ? first : second;
            if (limiter->hit(kScope, "alice@example.com", limit).allowed) {
                ++allowed;
            }
        }
        QCOMPARE(allowed, 5);
        QVERIFY(!first->peek(kScope, "alice@example.com", limit).allowed);
        QVERIFY(!second->peek(kScope, "alice@example.com", limit).allowed);
        // Other keys and scopes are separate.
        QVERIFY(second->hit(kScope, "bob@example.com", limit).allowed);
        QVERIFY(second->hit(QStringLiteral("login.ip"), "alice@example.com", limit).allowed);
        // A reset through one is seen by the other.
        first->reset(kScope, "alice@example.com");
        QVERIFY(second->peek(kScope, "alice@example.com", limit).allowed);
        QCOMPARE(second->hit(kScope, "alice@example.com", limit).remaining, 4);
        QCOMPARE(first->fallbackDecisions() + second->fallbackDecisions(), 0u);

        // Another prefix (another store) does not share.
        auto other = limiterFor(uniquePrefix("rl-other"));
        QCOMPARE(other->hit(kScope, "bob@example.com", limit).remaining, 4);
    }

    void concurrentHitsNeverExceedTheLimit()
    {
        const QByteArray prefix = uniquePrefix("rl-threads");
        QList<std::shared_ptr<Redis::RedisRateLimiter>> limiters {limiterFor(prefix),
                                                                  limiterFor(prefix)};
        const RateLimit limit {50, std::chrono::seconds(3600)};
        std::atomic<int> allowed {0};
        QList<QThread *> threads;
        for (int t = 0; t < 8; ++t) {
            threads.append(QThread::create([&, t] {
                for (int i = 0; i < 25; ++i) {
                    if (limiters.at(t % 2)->hit(kScope, "hot-key", limit).allowed) {
                        ++allowed;
                    }
                }
            }));
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        // 200 attempts within well under a minute (one more token per 72 s): exactly the burst.
        QCOMPARE(allowed.load(), 50);
    }

    // The same sequence of hits, peeks, costs and resets through both limiters: the same decisions
    // (Retry-After and reset may differ by the second the sequence takes to run).
    void sameDecisionsAsInMemory()
    {
        auto redis = limiterFor(uniquePrefix("rl-compare"));
        Http::InMemoryRateLimiter memory;
        const RateLimit limit {7, std::chrono::seconds(600)};
        struct Step
        {
            char op; // h: hit, p: peek, r: reset
            int cost;
        };
        const QList<Step> steps {{'h', 1}, {'h', 1}, {'p', 1}, {'h', 3}, {'h', 3}, {'h', 1},
                                 {'h', 1}, {'h', 1}, {'p', 1}, {'h', 0}, {'r', 0}, {'h', 2},
                                 {'h', 8}, {'h', 5}, {'h', 1}, {'p', 1}};
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const Step step = steps.at(i);
            if (step.op == 'r') {
                redis->reset(kScope, "k");
                memory.reset(kScope, "k");
                continue;
            }
            const RateDecision a = step.op == 'h' ? redis->hit(kScope, "k", limit, step.cost)
                                                  : redis->peek(kScope, "k", limit);
            const RateDecision b = step.op == 'h' ? memory.hit(kScope, "k", limit, step.cost)
                                                  : memory.peek(kScope, "k", limit);
            const QByteArray where = "step " + QByteArray::number(i);
            QVERIFY2(a.allowed == b.allowed, where.constData());
            QVERIFY2(a.remaining == b.remaining, where.constData());
            QVERIFY2(a.limit == b.limit, where.constData());
            QVERIFY2(qAbs(a.retryAfter.count() - b.retryAfter.count()) <= 1, where.constData());
            QVERIFY2(qAbs(a.reset.count() - b.reset.count()) <= 1, where.constData());
        }
        QCOMPARE(redis->fallbackDecisions(), 0u);
        // The refill pace: a refused decision's Retry-After is the interval (600 s / 7 -> 86 s).
        const RateDecision refused = redis->hit(kScope, "k", limit, 1);
        QVERIFY(!refused.allowed);
        QVERIFY(refused.retryAfter.count() >= 80 && refused.retryAfter.count() <= 86);
    }

    void keysExpireWithTheirLimit()
    {
        const QByteArray prefix = uniquePrefix("rl-expiry");
        auto client = clientFor(testRedisUrl(), prefix);
        Redis::RedisRateLimiter limiter(client, nullptr);
        QVERIFY(limiter.hit(kScope, "short", RateLimit {2, std::chrono::seconds(1)}).allowed);
        auto keys = client->command({"KEYS", prefix + "rl:*"});
        SHOP_VERIFY_OK(keys);
        QCOMPARE(keys->elements.size(), 1);
        // No address or account name in the key.
        QVERIFY(!keys->elements.first().string.contains("short"));
        QTRY_VERIFY_WITH_TIMEOUT(client->command({"KEYS", prefix + "rl:*"})->elements.isEmpty(),
                                 10000);
    }

    // Redis unreachable: the local limiter decides (per instance), nothing fails.
    void fallsBackWhenRedisIsDown()
    {
        const quint16 closed = freeTcpPort();
        auto client = clientFor(QStringLiteral("redis://127.0.0.1:%1/0").arg(closed),
                                uniquePrefix("rl-down"));
        Redis::RedisRateLimiter limiter(client, std::make_shared<Http::InMemoryRateLimiter>());
        const RateLimit limit {3, std::chrono::seconds(900)};
        int allowed = 0;
        for (int i = 0; i < 10; ++i) {
            allowed += limiter.hit(kScope, "k", limit).allowed ? 1 : 0;
        }
        QCOMPARE(allowed, 3);
        QCOMPARE(limiter.fallbackDecisions(), 10u);
    }
};

QTEST_GUILESS_MAIN(TestRedisRateLimiter)
#include "tst_redisratelimiter.moc"
