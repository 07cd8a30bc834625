// Per-route-class request limits of the HTTP server over real sockets (an in-process server with
// test routes, the limiter on a fake clock): 429 with Retry-After and RateLimit headers before the
// handler runs, other clients (addresses behind a trusted proxy, IPv6 /64s, accounts) unaffected,
// X-Forwarded-For ignored from untrusted peers, and the response helpers.

#include "http/httpserver.h"
#include "http/requestlimits.h"
#include "testserver.h"

#include <QJsonObject>
#include <QTest>

#include <atomic>

using namespace Shop;
using namespace Shop::Http;
using namespace Shop::Tests;
using namespace std::chrono_literals;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

std::atomic<int> g_handled {0}; // handler and fast path runs

Reply ok(const Request &)
{
    g_handled.fetch_add(1);
    return Response::json(QJsonObject {{QStringLiteral("ok"), true}});
}

Router makeRouter()
{
    Router router;
    router.get(QStringLiteral("/catalog"), ok, Execution::WorkerPool, {}, kRateClassCatalog);
    router.get(
        QStringLiteral("/catalog-fast"), ok, Execution::WorkerPool,
        [](const Request &) -> std::optional<Response> {
            g_handled.fetch_add(1);
            return Response::json(QJsonObject {{QStringLiteral("fast"), true}});
        },
        kRateClassCatalog);
    router.get(QStringLiteral("/catalog-loop"), ok, Execution::EventLoop, {}, kRateClassCatalog);
    router.get(
        QStringLiteral("/catalog-missing"),
        [](const Request &) -> Reply {
            g_handled.fetch_add(1);
            return fail(Error::notFound(QStringLiteral("Nothing here.")));
        },
        Execution::WorkerPool, {}, kRateClassCatalog);
    router.post(QStringLiteral("/write"), ok, kRateClassAnonWrite);
    router.post(QStringLiteral("/login"), ok, kRateClassAuth);
    router.get(QStringLiteral("/odd"), ok, Execution::WorkerPool, {}, QStringLiteral("odd"));
    router.get(QStringLiteral("/free"), ok);
    return router;
}

Server::HttpConfig limitedConfig()
{
    Server::HttpConfig config;
    config.rateLimit.catalogPerMin = 5; // one every 12 s
    config.rateLimit.anonWritePer15Min = 3; // one every 300 s
    config.rateLimit.authPer15Min = 2;
    config.rateLimit.accountPerMin = 4; // one every 15 s
    config.rateLimit.trustedProxies = {QStringLiteral("127.0.0.1")};
    return config;
}

struct FakeClock
{
    std::shared_ptr<std::atomic<qint64>> ns = std::make_shared<std::atomic<qint64>>(1000000000000);
    void advance(std::chrono::nanoseconds by) { ns->fetch_add(by.count()); }
};

// The account key the accounts module will provide: here a fixed table of tokens.
QByteArray accountOf(const Request &request)
{
    const QByteArray authorization = request.header("authorization");
    if (authorization == "Bearer token-a") {
        return QByteArrayLiteral("account-a");
    }
    if (authorization == "Bearer token-b") {
        return QByteArrayLiteral("account-b");
    }
    return {}; // unknown or invalid token
}

std::unique_ptr<TestServer> startServer(const Router &router, const Server::HttpConfig &config,
                                        const FakeClock &clock)
{
    return std::make_unique<TestServer>([&]() -> Result<TestServer::Started> {
        auto http = std::make_shared<HttpServer>(router, config, 2);
        InMemoryRateLimiter::Options options;
        options.clock = [ns = clock.ns] {
            return std::chrono::nanoseconds(ns->load());
        };
        http->requestLimits().setLimiter(std::make_shared<InMemoryRateLimiter>(options));
        http->requestLimits().setAccountKey(accountOf);
        const Result<quint16> port = http->start(QHostAddress::LocalHost, 0);
        if (!port) {
            return fail(port.error());
        }
        return TestServer::Started {http, http.get(), *port};
    });
}

int headerInt(const HttpReply &reply, const char *name)
{
    bool ok = false;
    const int value = reply.header(name).toInt(&ok);
    return ok ? value : -1;
}

} // namespace

class TestRequestLimits final : public QObject
{
    Q_OBJECT

private:
    Router m_router = makeRouter();

    static void verifyRefused(const HttpReply &reply, int limit, int retryAfter)
    {
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.header("content-type"), QByteArrayLiteral("application/problem+json"));
        QCOMPARE(headerInt(reply, "retry-after"), retryAfter);
        QCOMPARE(headerInt(reply, "ratelimit-limit"), limit);
        QCOMPARE(headerInt(reply, "ratelimit-remaining"), 0);
        QVERIFY(headerInt(reply, "ratelimit-reset") >= retryAfter);
        QCOMPARE(reply.header("cache-control"), QByteArrayLiteral("no-store"));
        const QJsonObject problem = reply.json();
        QCOMPARE(problem.value(u"status").toInt(), 429);
        QCOMPARE(problem.value(u"code").toString(), QStringLiteral("too-many-requests"));
        QCOMPARE(problem.value(u"title").toString(), QStringLiteral("Too Many Requests"));
        QCOMPARE(problem.value(u"request_id").toString().toLatin1(), reply.header("x-request-id"));
        QVERIFY(problem.value(u"detail").toString().contains(QString::number(retryAfter)));
    }

private Q_SLOTS:
    void routeClassReaches429()
    {
        FakeClock clock;
        auto server = startServer(m_router, limitedConfig(), clock);
        QVERIFY2(server->isRunning(), qPrintable(server->errorString()));

        // Five catalog requests, over the three ways a route can run, share one bucket.
        const QByteArrayList targets {"/catalog", "/catalog-fast", "/catalog-loop", "/catalog",
                                      "/catalog-fast"};
        for (int i = 0; i < 5; ++i) {
            const HttpReply reply = server->get(targets.at(i));
            QCOMPARE(reply.status, 200);
            QCOMPARE(headerInt(reply, "ratelimit-limit"), 5);
            QCOMPARE(headerInt(reply, "ratelimit-remaining"), 4 - i);
            QCOMPARE(headerInt(reply, "ratelimit-reset"), 12 * (i + 1));
            QVERIFY(reply.header("retry-after").isEmpty());
        }
        const int handled = g_handled.load();
        for (const char *target : {"/catalog", "/catalog-fast", "/catalog-loop"}) {
            verifyRefused(server->get(target), 5, 12);
        }
        QCOMPARE(g_handled.load(), handled); // refused before the handler or fast path ran

        // Errors of a limited route carry the headers too, and count.
        clock.advance(12s);
        const HttpReply missing = server->get("/catalog-missing");
        QCOMPARE(missing.status, 404);
        QCOMPARE(headerInt(missing, "ratelimit-remaining"), 0);
        verifyRefused(server->get("/catalog"), 5, 12);

        // Routes without a class are not limited, and say nothing about limits.
        for (int i = 0; i < 20; ++i) {
            const HttpReply reply = server->get("/free");
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.header("ratelimit-limit").isEmpty());
        }

        // Another class has its own bucket: the seed-like anon-write limit (300 s per request).
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(server->request("POST", "/write").status, 200);
        }
        verifyRefused(server->request("POST", "/write"), 3, 300);
        QCOMPARE(server->request("POST", "/login").status, 200);
        QCOMPARE(server->request("POST", "/login").status, 200);
        verifyRefused(server->request("POST", "/login"), 2, 450);
        // A class without a limit of its own gets the anon-write limit, in its own bucket.
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(server->get("/odd").status, 200);
        }
        verifyRefused(server->get("/odd"), 3, 300);

        // Time gives requests back at the configured pace: one per 12 s.
        clock.advance(12s);
        QCOMPARE(server->get("/catalog").status, 200);
        verifyRefused(server->get("/catalog"), 5, 12);
        clock.advance(60s);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(server->get("/catalog").status, 200);
        }
        QCOMPARE(server->get("/catalog").status, 429);
    }

    // Behind a trusted proxy, each forwarded client has its own bucket; IPv6 clients per /64.
    void otherClientsAreNotAffected()
    {
        FakeClock clock;
        auto server = startServer(m_router, limitedConfig(), clock);
        QVERIFY2(server->isRunning(), qPrintable(server->errorString()));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(server->get("/catalog").status, 200);
        }
        QCOMPARE(server->get("/catalog").status, 429);

        const Headers other {{"X-Forwarded-For", "198.51.100.7"}};
        for (int i = 0; i < 5; ++i) {
            const HttpReply reply = server->get("/catalog", other);
            QCOMPARE(reply.status, 200);
            QCOMPARE(headerInt(reply, "ratelimit-remaining"), 4 - i);
        }
        verifyRefused(server->get("/catalog", other), 5, 12);
        // A client's own X-Forwarded-For entry, left of the proxy's, changes nothing.
        QCOMPARE(server->get("/catalog", {{"X-Forwarded-For", "203.0.113.1, 198.51.100.7"}}).status,
                 429);
        QCOMPARE(server->get("/catalog", {{"X-Forwarded-For", "198.51.100.8"}}).status, 200);

        // IPv6: one /64 is one client.
        for (int i = 0; i < 5; ++i) {
            const QByteArray address = "2001:db8:0:1::" + QByteArray::number(i + 1);
            QCOMPARE(server->get("/catalog", {{"X-Forwarded-For", address}}).status, 200);
        }
        QCOMPARE(server->get("/catalog", {{"X-Forwarded-For", "2001:db8:0:1:ffff::9"}}).status,
                 429);
        QCOMPARE(server->get("/catalog", {{"X-Forwarded-For", "2001:db8:0:2::1"}}).status, 200);
    }

    // From a peer that is not a configured proxy, X-Forwarded-For is the client's word: ignored.
    void forwardedForFromAnUntrustedPeerIsIgnored()
    {
        FakeClock clock;
        Server::HttpConfig config = limitedConfig();
        config.rateLimit.trustedProxies = {QStringLiteral("10.0.0.0/8")};
        auto server = startServer(m_router, config, clock);
        QVERIFY2(server->isRunning(), qPrintable(server->errorString()));
        for (int i = 0; i < 5; ++i) {
            const QByteArray spoofed = "198.51.100." + QByteArray::number(i + 1);
            QCOMPARE(server->get("/catalog", {{"X-Forwarded-For", spoofed}}).status, 200);
        }
        verifyRefused(server->get("/catalog", {{"X-Forwarded-For", "198.51.100.99"}}), 5, 12);
    }

    // Signed-in clients count per account, whatever their address; an unknown token is anonymous.
    void accountsAreLimitedPerAccount()
    {
        FakeClock clock;
        auto server = startServer(m_router, limitedConfig(), clock);
        QVERIFY2(server->isRunning(), qPrintable(server->errorString()));
        const Headers a {{"Authorization", "Bearer token-a"}};
        const Headers b {{"Authorization", "Bearer token-b"}};
        for (int i = 0; i < 4; ++i) {
            const HttpReply reply = server->get("/catalog", a);
            QCOMPARE(reply.status, 200);
            QCOMPARE(headerInt(reply, "ratelimit-limit"), 4);
            QCOMPARE(headerInt(reply, "ratelimit-remaining"), 3 - i);
        }
        verifyRefused(server->get("/catalog", a), 4, 15);
        // The account limit covers every class.
        verifyRefused(server->request("POST", "/write", a), 4, 15);

        // Another account, and anonymous requests from the same address, are unaffected.
        const HttpReply other = server->get("/catalog", b);
        QCOMPARE(other.status, 200);
        QCOMPARE(headerInt(other, "ratelimit-remaining"), 3);
        const HttpReply anonymous = server->get("/catalog");
        QCOMPARE(anonymous.status, 200);
        QCOMPARE(headerInt(anonymous, "ratelimit-limit"), 5);
        QCOMPARE(headerInt(anonymous, "ratelimit-remaining"), 4);

        // A token the hook does not know, or another scheme, counts against the address.
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(server->get("/catalog", {{"Authorization", "Bearer forged"}}).status, 200);
            QCOMPARE(server->get("/catalog", {{"Authorization", "Basic dXNlcjpwYXNz"}}).status,
                     200);
        }
        verifyRefused(server->get("/catalog", {{"Authorization", "Bearer forged"}}), 5, 12);
        QCOMPARE(server->get("/catalog", b).status, 200);

        clock.advance(15s);
        QCOMPARE(server->get("/catalog", a).status, 200);
        QCOMPARE(server->get("/catalog", a).status, 429);
    }

    void disabledLimitsNothing()
    {
        FakeClock clock;
        Server::HttpConfig config = limitedConfig();
        config.rateLimit.enabled = false;
        auto server = startServer(m_router, config, clock);
        QVERIFY2(server->isRunning(), qPrintable(server->errorString()));
        for (int i = 0; i < 20; ++i) {
            const HttpReply reply = server->get("/catalog");
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.header("ratelimit-limit").isEmpty());
            QCOMPARE(server->request("POST", "/write").status, 200);
        }
    }

    // The real clock and the default in-process limiter, as shop-server runs them.
    void defaultLimiter()
    {
        Server::HttpConfig config;
        config.rateLimit.catalogPerMin = 3;
        TestServer server(m_router, config);
        QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(server.get("/catalog").status, 200);
        }
        const HttpReply refused = server.get("/catalog");
        QCOMPARE(refused.status, 429);
        const int retryAfter = headerInt(refused, "retry-after");
        QVERIFY2(retryAfter >= 1 && retryAfter <= 20, refused.header("retry-after").constData());
    }

    void responseHelpers()
    {
        RateDecision decision;
        decision.allowed = false;
        decision.limit = 100;
        decision.remaining = 0;
        decision.retryAfter = 0s; // never below 1 on the wire
        decision.reset = 900s;
        Response response = tooManyRequestsResponse(decision, QStringLiteral("/api/auth/login"),
                                                    QStringLiteral("req-1"));
        QCOMPARE(response.status, 429);
        QCOMPARE(response.contentType, QByteArrayLiteral("application/problem+json"));
        QCOMPARE(response.header("retry-after"), QByteArrayLiteral("1"));
        QCOMPARE(response.header("ratelimit-limit"), QByteArrayLiteral("100"));
        QCOMPARE(response.header("ratelimit-remaining"), QByteArrayLiteral("0"));
        QCOMPARE(response.header("ratelimit-reset"), QByteArrayLiteral("900"));
        QVERIFY(response.body.contains("\"code\":\"too-many-requests\""));
        QVERIFY(response.body.contains("\"instance\":\"/api/auth/login\""));
        QVERIFY(response.body.contains("try again in 1 second."));

        decision.retryAfter = 180s;
        response = tooManyRequestsResponse(decision, QStringLiteral("/x"), QStringLiteral("r"),
                                           QStringLiteral("Too many failed sign-ins."));
        QCOMPARE(response.header("retry-after"), QByteArrayLiteral("180"));
        QVERIFY(response.body.contains("Too many failed sign-ins."));

        // Headers a handler set itself win.
        Response own = Response::noContent();
        own.setHeader("RateLimit-Limit", "5");
        own.setHeader("RateLimit-Remaining", "2");
        own.setHeader("RateLimit-Reset", "7");
        addRateLimitHeaders(own, decision);
        QCOMPARE(own.header("ratelimit-limit"), QByteArrayLiteral("5"));
        QCOMPARE(own.header("ratelimit-remaining"), QByteArrayLiteral("2"));
        QCOMPARE(own.headers.size(), 3);
    }

    void addressKeys()
    {
        QCOMPARE(RequestLimits::addressKey(QHostAddress(QStringLiteral("192.0.2.1"))),
                 QByteArray("\xc0\x00\x02\x01", 4));
        QCOMPARE(RequestLimits::addressKey(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))),
                 QByteArray("\xc0\x00\x02\x01", 4));
        QCOMPARE(RequestLimits::addressKey(QHostAddress(QStringLiteral("2001:db8:0:1::1"))),
                 RequestLimits::addressKey(QHostAddress(QStringLiteral("2001:db8:0:1:ab::9"))));
        QVERIFY(RequestLimits::addressKey(QHostAddress(QStringLiteral("2001:db8:0:1::1")))
                != RequestLimits::addressKey(QHostAddress(QStringLiteral("2001:db8:0:2::1"))));
        QCOMPARE(RequestLimits::addressKey(QHostAddress(QStringLiteral("2001:db8::1"))).size(), 8);
    }
};

QTEST_GUILESS_MAIN(TestRequestLimits)
#include "tst_requestlimits.moc"
