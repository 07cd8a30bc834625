// InMemoryRateLimiter (GCRA) on a fake clock: exact counts at the boundary, refill at the
// configured pace, peek and reset, cost, separate scopes and keys, 16 threads on one key, sweeping,
// and the policy when the table is full.

#include "http/ratelimiter.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace Shop::Http;
using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand (thread-safe).
struct FakeClock
{
    std::shared_ptr<std::atomic<qint64>> ns = std::make_shared<std::atomic<qint64>>(1000000000000);

    void advance(std::chrono::nanoseconds by) { ns->fetch_add(by.count()); }
    [[nodiscard]] InMemoryRateLimiter::Clock clock() const
    {
        return [ns = ns] {
            return std::chrono::nanoseconds(ns->load());
        };
    }
};

InMemoryRateLimiter::Options optionsWith(const FakeClock &clock)
{
    InMemoryRateLimiter::Options options;
    options.clock = clock.clock();
    return options;
}

const QString kScope = QStringLiteral("test.scope");

QByteArray keyNumber(int i)
{
    return QByteArrayLiteral("key-") + QByteArray::number(i);
}

} // namespace

class TestRateLimiter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstIsExactlyTheLimit_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("windowSec");
        QTest::addColumn<int>("retryAfterSec"); // window / limit, rounded up
        QTest::newRow("seed: 100 per 15 min") << 100 << 900 << 9;
        QTest::newRow("catalog: 1200 per min") << 1200 << 60 << 1;
        QTest::newRow("login: 5 per 15 min") << 5 << 900 << 180;
        QTest::newRow("1 per min") << 1 << 60 << 60;
        QTest::newRow("7 per 10 s (not a divisor)") << 7 << 10 << 2;
        QTest::newRow("huge: 100,000,000 per min") << 100000000 << 60 << 1;
    }

    void burstIsExactlyTheLimit()
    {
        QFETCH(int, limit);
        QFETCH(int, windowSec);
        QFETCH(int, retryAfterSec);
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {limit, std::chrono::seconds(windowSec)};
        const int burst = std::min(limit, 20000); // the huge limit: check its start only
        for (int i = 1; i <= burst; ++i) {
            const RateDecision d = limiter.hit(kScope, "client", rate);
            if (!d.allowed || d.remaining != limit - i || d.limit != limit) {
                QFAIL(qPrintable(QStringLiteral("hit %1: allowed %2, remaining %3")
                                     .arg(i)
                                     .arg(d.allowed)
                                     .arg(d.remaining)));
            }
            QVERIFY(d.reset.count() >= 1 && d.reset.count() <= windowSec);
        }
        if (burst < limit) {
            return;
        }
        const RateDecision refused = limiter.hit(kScope, "client", rate);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.remaining, 0);
        QCOMPARE(refused.limit, limit);
        QCOMPARE(refused.retryAfter, std::chrono::seconds(retryAfterSec));
        QCOMPARE(refused.reset, std::chrono::seconds(windowSec));
    }

    // After the burst, one more request every window / limit, exactly at the boundary.
    void refillsAtTheConfiguredPace()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {100, 900s}; // one every 9 s
        for (int i = 0; i < 100; ++i) {
            QVERIFY(limiter.hit(kScope, "ip", rate).allowed);
        }
        QVERIFY(!limiter.hit(kScope, "ip", rate).allowed);

        clock.advance(9s - 1ns);
        RateDecision d = limiter.hit(kScope, "ip", rate);
        QVERIFY(!d.allowed);
        QCOMPARE(d.retryAfter, 1s); // 1 ns, rounded up
        clock.advance(1ns); // exactly 9 s: one more
        d = limiter.hit(kScope, "ip", rate);
        QVERIFY(d.allowed);
        QCOMPARE(d.remaining, 0);
        QVERIFY(!limiter.hit(kScope, "ip", rate).allowed);

        // Half a window later: 50 more, not 51.
        clock.advance(450s);
        int allowed = 0;
        while (limiter.hit(kScope, "ip", rate).allowed) {
            ++allowed;
        }
        QCOMPARE(allowed, 50);

        // A whole window of silence: the full burst again, and no more.
        clock.advance(900s);
        allowed = 0;
        while (limiter.hit(kScope, "ip", rate).allowed) {
            ++allowed;
        }
        QCOMPARE(allowed, 100);
    }

    // The documented bound: over any interval L at most limit + L * limit / window.
    void longRunRateIsExact()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {10, 60s}; // one every 6 s
        int allowed = 0;
        // A client trying every second for 10 minutes.
        for (int second = 0; second < 600; ++second) {
            while (limiter.hit(kScope, "greedy", rate).allowed) {
                ++allowed;
            }
            clock.advance(1s);
        }
        QCOMPARE(allowed, 10 + 600 / 6 - 1); // burst, then one every 6 s (the last one at 600 s)
    }

    void refusedHitsAreNotCounted()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {2, 60s};
        QVERIFY(limiter.hit(kScope, "k", rate).allowed);
        QVERIFY(limiter.hit(kScope, "k", rate).allowed);
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(!limiter.hit(kScope, "k", rate).allowed);
        }
        clock.advance(30s); // one interval: hammering did not push it back
        QVERIFY(limiter.hit(kScope, "k", rate).allowed);
    }

    void peekDoesNotCount()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {5, 900s};
        for (int i = 0; i < 100; ++i) {
            const RateDecision d = limiter.peek(kScope, "account", rate);
            QVERIFY(d.allowed);
            QCOMPARE(d.remaining, 5);
            QCOMPARE(d.reset, 0s);
        }
        QCOMPARE(limiter.size(), 0);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(limiter.hit(kScope, "account", rate).allowed);
            QCOMPARE(limiter.peek(kScope, "account", rate).remaining, 4 - i);
        }
        const RateDecision locked = limiter.peek(kScope, "account", rate);
        QVERIFY(!locked.allowed);
        QCOMPARE(locked.retryAfter, 180s);
        QCOMPARE(limiter.peek(kScope, "account", rate).retryAfter, 180s); // still not counted
        clock.advance(180s);
        QVERIFY(limiter.peek(kScope, "account", rate).allowed);
    }

    void resetGivesTheFullLimitBack()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {5, 900s};
        for (int i = 0; i < 5; ++i) {
            QVERIFY(limiter.hit(kScope, "account", rate).allowed);
        }
        QVERIFY(!limiter.hit(kScope, "account", rate).allowed);
        limiter.reset(kScope, "account");
        QCOMPARE(limiter.size(), 0);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(limiter.hit(kScope, "account", rate).allowed);
        }
        QVERIFY(!limiter.hit(kScope, "account", rate).allowed);
        limiter.reset(kScope, "never-seen"); // harmless
    }

    void scopesAndKeysAreSeparate()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {1, 60s};
        QVERIFY(limiter.hit(u"ip.catalog", "1.2.3.4", rate).allowed);
        QVERIFY(!limiter.hit(u"ip.catalog", "1.2.3.4", rate).allowed);
        QVERIFY(limiter.hit(u"ip.auth", "1.2.3.4", rate).allowed); // another scope
        QVERIFY(limiter.hit(u"ip.catalog", "1.2.3.5", rate).allowed); // another key
        // Concatenations that read alike are different buckets.
        QVERIFY(limiter.hit(u"ab", "c", rate).allowed);
        QVERIFY(limiter.hit(u"a", "bc", rate).allowed);
        QVERIFY(limiter.hit(u"", "abc", rate).allowed);
        QVERIFY(limiter.hit(u"abc", "", rate).allowed);
        QVERIFY(limiter.hit(u"x", QByteArrayView("\0\1", 2), rate).allowed);
        QVERIFY(limiter.hit(u"x", QByteArrayView("\0\2", 2), rate).allowed);
        QCOMPARE(limiter.size(), 9);
    }

    void costCountsSeveralRequests()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {5, 50s};
        RateDecision d = limiter.hit(kScope, "k", rate, 3);
        QVERIFY(d.allowed);
        QCOMPARE(d.remaining, 2);
        d = limiter.hit(kScope, "k", rate, 3);
        QVERIFY(!d.allowed); // 3 > 2: refused, not counted
        QCOMPARE(d.remaining, 2);
        QCOMPARE(d.retryAfter, 10s); // one more request's worth
        QVERIFY(limiter.hit(kScope, "k", rate, 2).allowed);
        QVERIFY(!limiter.hit(kScope, "k", rate, 1).allowed);
        // Above the limit: never allowed, even when fresh.
        QVERIFY(!limiter.hit(kScope, "other", rate, 6).allowed);
        QVERIFY(limiter.hit(kScope, "other", rate, 5).allowed);
        // Cost 0 counts nothing.
        QVERIFY(limiter.hit(kScope, "free", rate, 0).allowed);
        QCOMPARE(limiter.peek(kScope, "free", rate).remaining, 5);
    }

    void zeroLimitRefusesEverything()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateDecision d = limiter.hit(kScope, "k", RateLimit {0, 60s});
        QVERIFY(!d.allowed);
        QCOMPARE(d.retryAfter, 60s);
        QCOMPARE(limiter.size(), 0);
    }

    void realClock()
    {
        InMemoryRateLimiter limiter;
        const RateLimit rate {3, 3600s};
        QVERIFY(limiter.hit(kScope, "k", rate).allowed);
        QVERIFY(limiter.hit(kScope, "k", rate).allowed);
        QVERIFY(limiter.hit(kScope, "k", rate).allowed);
        const RateDecision d = limiter.hit(kScope, "k", rate);
        QVERIFY(!d.allowed);
        QVERIFY(d.retryAfter > 1000s && d.retryAfter <= 1200s);
    }

    // 16 threads hammering one key: exactly `limit` allowed, none lost or doubled; 16 threads on
    // their own keys each get their own limit.
    void threadsHammeringOneKey()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {5000, 3600s};
        constexpr int kThreads = 16;
        constexpr int kHitsEach = 2000;
        std::atomic<int> allowed {0};
        std::atomic<int> ownAllowed {0};
        std::atomic<bool> go {false};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                while (!go.load()) {
                    std::this_thread::yield();
                }
                const QByteArray own = keyNumber(t);
                for (int i = 0; i < kHitsEach; ++i) {
                    if (limiter.hit(kScope, "shared", rate).allowed) {
                        allowed.fetch_add(1);
                    }
                    if (limiter.hit(kScope, own, RateLimit {1000, 3600s}).allowed) {
                        ownAllowed.fetch_add(1);
                    }
                }
            });
        }
        go.store(true);
        for (std::thread &thread : threads) {
            thread.join();
        }
        QCOMPARE(allowed.load(), 5000);
        QCOMPARE(ownAllowed.load(), kThreads * 1000);
        QCOMPARE(limiter.size(), kThreads + 1);
    }

    void sweepFreesExpiredEntries()
    {
        FakeClock clock;
        InMemoryRateLimiter limiter(optionsWith(clock));
        const RateLimit rate {10, 60s}; // an entry lives 6 s after one hit
        for (int i = 0; i < 10000; ++i) {
            QVERIFY(limiter.hit(kScope, keyNumber(i), rate).allowed);
        }
        // One key stays busy: 10 hits keep it alive for a minute.
        for (int i = 0; i < 9; ++i) {
            QVERIFY(limiter.hit(kScope, "busy", rate).allowed);
        }
        QCOMPARE(limiter.size(), 10001);
        clock.advance(5s);
        QCOMPARE(limiter.sweep(), 0); // nothing has its full limit back yet
        clock.advance(1s);
        QCOMPARE(limiter.sweep(), 10000);
        QCOMPARE(limiter.size(), 1);
        // The busy key's state is kept: 9 hits at 0 s, 6 s later 1 + 1 back.
        QCOMPARE(limiter.peek(kScope, "busy", rate).remaining, 2);
    }

    // Without sweep(): a shard sweeps itself when a new key arrives after sweepInterval.
    void shardsSweepThemselves()
    {
        FakeClock clock;
        InMemoryRateLimiter::Options options = optionsWith(clock);
        options.sweepInterval = 60s;
        InMemoryRateLimiter limiter(options);
        const RateLimit rate {10, 60s};
        for (int i = 0; i < 5000; ++i) {
            QVERIFY(limiter.hit(kScope, keyNumber(i), rate).allowed);
        }
        QCOMPARE(limiter.size(), 5000);
        clock.advance(61s);
        // New keys, enough that every one of the 16 shards sees one.
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(limiter.hit(u"other", keyNumber(i), rate).allowed);
        }
        QCOMPARE(limiter.size(), 1000);
    }

    void capacityIsHard_data()
    {
        QTest::addColumn<bool>("refuse");
        QTest::newRow("fail open (default)") << false;
        QTest::newRow("fail closed") << true;
    }

    void capacityIsHard()
    {
        QFETCH(bool, refuse);
        FakeClock clock;
        InMemoryRateLimiter::Options options = optionsWith(clock);
        options.maxEntries = 64; // 4 per shard
        if (refuse) {
            options.whenFull = InMemoryRateLimiter::WhenFull::Refuse;
        }
        InMemoryRateLimiter limiter(options);
        QCOMPARE(limiter.capacity(), 64);
        const RateLimit rate {1, 600s};
        constexpr int kKeys = 2000;
        int firstAllowed = 0;
        for (int i = 0; i < kKeys; ++i) {
            if (limiter.hit(kScope, keyNumber(i), rate).allowed) {
                ++firstAllowed;
            }
        }
        QCOMPARE(limiter.size(), 64); // every shard filled, none beyond its share
        QCOMPARE(limiter.untrackedDecisions(), quint64(kKeys - 64));
        QCOMPARE(firstAllowed, refuse ? 64 : kKeys);

        // Tracked keys keep being limited; untracked ones are decided by the policy again.
        int tracked = 0;
        int secondAllowed = 0;
        for (int i = 0; i < kKeys; ++i) {
            const RateDecision d = limiter.hit(kScope, keyNumber(i), rate);
            if (d.allowed) {
                ++secondAllowed;
            } else {
                QVERIFY(d.retryAfter >= 1s);
            }
            if (!limiter.peek(kScope, keyNumber(i), rate).allowed) {
                ++tracked;
            }
        }
        QCOMPARE(tracked, 64);
        QCOMPARE(secondAllowed, refuse ? 0 : kKeys - 64);

        // Once the tracked keys have their limit back, the table takes new keys again.
        clock.advance(601s);
        int newlyTracked = 0;
        for (int i = 0; i < 500; ++i) {
            const QByteArray key = QByteArrayLiteral("late-") + QByteArray::number(i);
            QVERIFY(limiter.hit(kScope, key, rate).allowed || refuse);
            if (!limiter.peek(kScope, key, rate).allowed) {
                ++newlyTracked;
            }
        }
        QCOMPARE(newlyTracked, 64);
        QCOMPARE(limiter.size(), 64);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
