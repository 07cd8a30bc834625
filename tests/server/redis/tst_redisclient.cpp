// Redis::Client against real redis-servers: commands, pipelines, Lua scripts with the NOSCRIPT
// fallback, binary-safe values, the command timeout against a server that never answers, and
// "Redis went away": a redis-server of the test's own killed and started again, the client skipping
// it meanwhile (no reconnect per call), logging once each way and reconnecting by itself.

#include "redistestsupport.h"
#include "support/resultcheck.h"

#include <QMutex>

#include <atomic>

using namespace Shop;
using namespace Shop::Tests;
using Shop::Redis::Reply;

namespace {

// Counts the client's "unavailable" and "back" log lines (and passes every message on).
struct LogCounter
{
    static inline std::atomic<int> down {0};
    static inline std::atomic<int> back {0};
    static inline QtMessageHandler previous = nullptr;

    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (context.category && qstrcmp(context.category, "shop.redis.client") == 0) {
            if (text.contains(u"Redis unavailable")) {
                ++down;
            } else if (text.contains(u"Redis is back")) {
                ++back;
            }
        }
        if (previous) {
            previous(type, context, text);
        }
    }
};

} // namespace

class TestRedisClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        SHOP_REQUIRE_TEST_REDIS();
        LogCounter::previous = qInstallMessageHandler(&LogCounter::handler);
    }

    void cleanupTestCase() { qInstallMessageHandler(LogCounter::previous); }

    void endpoints()
    {
        auto tcp = Redis::Endpoint::fromUrl(QStringLiteral("redis://:secret@10.0.0.5:6380/3"));
        SHOP_VERIFY_OK(tcp);
        QCOMPARE(tcp->host, QStringLiteral("10.0.0.5"));
        QCOMPARE(tcp->port, 6380);
        QCOMPARE(tcp->db, 3);
        QCOMPARE(tcp->password, QByteArray("secret"));
        QVERIFY(!tcp->display().contains(u"secret"));
        auto unix = Redis::Endpoint::fromUrl(QStringLiteral("unix:///run/redis/redis.sock?db=2"));
        SHOP_VERIFY_OK(unix);
        QCOMPARE(unix->socketPath, QStringLiteral("/run/redis/redis.sock"));
        QCOMPARE(unix->db, 2);
        QVERIFY(!Redis::Endpoint::fromUrl(QStringLiteral("http://localhost/")));
        QVERIFY(!Redis::Endpoint::fromUrl(QStringLiteral("redis://host/x")));
    }

    void commandsPipelinesAndScripts()
    {
        auto client = clientFor(testRedisUrl(), uniquePrefix("client"));
        QVERIFY(client);
        const QByteArray key = client->key("value");
        const QByteArray binary("a\0b\r\n\xff", 6);
        auto set = client->command({"SET", key, binary, "EX", "60"});
        SHOP_VERIFY_OK(set);
        QCOMPARE(set->type, Reply::Type::Status);
        auto get = client->command({"GET", key});
        SHOP_VERIFY_OK(get);
        QCOMPARE(get->type, Reply::Type::String);
        QCOMPARE(get->string, binary);
        auto missing = client->command({"GET", client->key("missing")});
        SHOP_VERIFY_OK(missing);
        QVERIFY(missing->isNil());

        auto replies = client->pipeline({{"INCR", client->key("n")},
                                         {"INCR", client->key("n")},
                                         {"LPUSH", key, "x"}}); // WRONGTYPE: a reply, not a failure
        SHOP_VERIFY_OK(replies);
        QCOMPARE(replies->size(), 3);
        QCOMPARE(replies->at(0).integer, 1);
        QCOMPARE(replies->at(1).integer, 2);
        QVERIFY(replies->at(2).isError());
        QVERIFY(client->isUp());

        // A script the server does not know yet (SCRIPT FLUSH): EVALSHA answers NOSCRIPT, EVAL
        // runs.
        const Redis::Script script(
            QByteArrayLiteral("return {redis.call('INCRBY', KEYS[1], ARGV[1]), 'ok'}"));
        SHOP_VERIFY_OK(client->command({"SCRIPT", "FLUSH"}));
        for (int i = 1; i <= 2; ++i) {
            auto result = client->eval(script, {client->key("script")}, {"5"});
            SHOP_VERIFY_OK(result);
            QCOMPARE(result->type, Reply::Type::Array);
            QCOMPARE(result->elements.at(0).integer, 5 * i);
            QCOMPARE(result->elements.at(1).string, QByteArray("ok"));
        }
        const Redis::Stats stats = client->stats();
        QVERIFY(stats.up);
        QCOMPARE(stats.errors, 0u);
        QVERIFY(stats.commands >= 8);
    }

    // A server that accepts connections but never answers: the call fails after about the
    // timeout, Redis counts as down, and the next calls do not wait at all.
    void commandTimeout()
    {
        QTcpServer silent; // listening: the kernel completes the handshake, nobody answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        auto client = clientFor(QStringLiteral("redis://127.0.0.1:%1/0").arg(silent.serverPort()),
                                uniquePrefix("timeout"), 300);
        QElapsedTimer timer;
        timer.start();
        auto reply = client->command({"PING"});
        const qint64 elapsed = timer.elapsed();
        QVERIFY(!reply);
        QVERIFY2(elapsed >= 250 && elapsed < 5000, qPrintable(QString::number(elapsed)));
        QVERIFY(!client->isUp());
        timer.restart();
        for (int i = 0; i < 100; ++i) {
            QVERIFY(!client->command({"PING"}));
        }
        QVERIFY2(timer.elapsed() < 250, "calls while down must be skipped, not retried");
        const Redis::Stats stats = client->stats();
        QCOMPARE(stats.errors, 1u);
        QCOMPARE(stats.skipped, 100u);

        // Nothing listening at all: refused at once.
        const quint16 closed = freeTcpPort();
        auto refused = clientFor(QStringLiteral("redis://127.0.0.1:%1/0").arg(closed),
                                 uniquePrefix("refused"), 300);
        QVERIFY(!refused->command({"PING"}));
        QVERIFY(!refused->isUp());
    }

    void reconnectsAfterRedisRestarts()
    {
        OwnRedis redis;
        QVERIFY(redis.start());
        auto client = clientFor(redis.url(), uniquePrefix("restart"), 500);
        std::atomic<int> reconnects {0};
        client->onReconnect([&] { ++reconnects; });
        SHOP_VERIFY_OK(client->command({"SET", client->key("k"), "v"}));
        QVERIFY(client->isUp());
        QCOMPARE(reconnects.load(), 1); // the first connection counts: the cache starts afresh

        const int downBefore = LogCounter::down.load();
        const int backBefore = LogCounter::back.load();
        redis.stop();
        // Every call fails (or is skipped) while it is gone; the log says so once.
        for (int i = 0; i < 200; ++i) {
            QVERIFY(!client->command({"GET", client->key("k")}));
            if (i % 20 == 0) {
                QThread::msleep(20);
            }
        }
        QVERIFY(!client->isUp());
        QCOMPARE(LogCounter::down.load() - downBefore, 1);
        const Redis::Stats down = client->stats();
        QVERIFY2(down.errors < 20, "no reconnect attempt per call while down");
        QVERIFY(down.skipped > 150);
        QCOMPARE(down.downEvents, 1u);

        QVERIFY(redis.start()); // same port, empty (no persistence)
        QTRY_VERIFY_WITH_TIMEOUT(bool(client->command({"PING"})), 20000);
        QVERIFY(client->isUp());
        QCOMPARE(LogCounter::back.load() - backBefore, 1);
        QCOMPARE(LogCounter::down.load() - downBefore, 1);
        QCOMPARE(reconnects.load(), 2);
        auto value = client->command({"GET", client->key("k")});
        SHOP_VERIFY_OK(value);
        QVERIFY(value->isNil());
    }

    // Many threads share one client: each call gets a connection of its own from the pool.
    void threadsShareThePool()
    {
        auto client = clientFor(testRedisUrl(), uniquePrefix("threads"));
        const QByteArray counter = client->key("counter");
        std::atomic<int> failures {0};
        QList<QThread *> threads;
        for (int t = 0; t < 8; ++t) {
            threads.append(QThread::create([&] {
                for (int i = 0; i < 200; ++i) {
                    if (!client->command({"INCR", counter})) {
                        ++failures;
                    }
                }
            }));
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QCOMPARE(failures.load(), 0);
        auto total = client->command({"GET", counter});
        SHOP_VERIFY_OK(total);
        QCOMPARE(total->string, QByteArray("1600"));
    }
};

QTEST_GUILESS_MAIN(TestRedisClient)
#include "tst_redisclient.moc"
