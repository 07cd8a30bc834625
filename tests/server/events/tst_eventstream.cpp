// The streaming hook of the HTTP platform (server/http/eventstream.h) on a real socket, without a
// database: a route answering Response::eventStream():
// - the head is written once (200, text/event-stream, no Content-Length, Connection: close,
//   no-store, X-Accel-Buffering: no), then the initial text, then what the server thread sends;
// - ": keepalive" comments after the interval without output;
// - a client that disconnects mid-stream: closed() is emitted, the stream is gone, later sends
//   are ignored (no write after close; run under ASan);
// - close() ends the answer; a pipelined request after the stream is never answered;
// - shutdown() of the server closes open streams and the server drains;
// - credentials are checked again: a stream whose authenticator stops accepting it ends.

#include "http/eventstream.h"
#include "http/httpserver.h"
#include "sseclient.h"
#include "testserver.h"

#include <QPointer>
#include <QTest>

#include <atomic>

using namespace Shop;
using namespace Shop::Tests;

namespace {

// Accepts "Bearer good" while `accept` is set.
class SwitchAuthenticator final : public Http::RequestAuthenticator
{
public:
    explicit SwitchAuthenticator(std::shared_ptr<std::atomic_bool> accept)
        : m_accept(std::move(accept))
    { }
    bool hasCredentials(const Http::Request &request) const override
    {
        return !request.header("authorization").isEmpty();
    }
    Result<Http::Principal> authenticate(const Http::Request &request) const override
    {
        if (!m_accept->load() || request.header("authorization") != "Bearer good") {
            return fail(Error {ErrorCode::Unauthorized, QStringLiteral("no"), {}, {}});
        }
        return Http::Principal {QStringLiteral("u1"),
                                QStringLiteral("s1"),
                                QStringLiteral("admin"),
                                {QStringLiteral("*")}};
    }

private:
    std::shared_ptr<std::atomic_bool> m_accept;
};

} // namespace

class TestEventStream final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void headInitialKeepaliveAndEvents();
    void clientDisconnectFreesTheStream();
    void closeEndsTheAnswer();
    void shutdownClosesStreams();
    void credentialsAreCheckedAgain();

private:
    // Server thread only.
    QList<QPointer<Http::EventStream>> m_streams;
    std::atomic<int> m_opened {0};
    std::atomic<int> m_closed {0};
    std::shared_ptr<std::atomic_bool> m_accept;
    Http::Router m_router;
    std::unique_ptr<TestServer> m_server;

    void sendToAll(const QByteArray &text)
    {
        m_server->runInServerThread([&] {
            for (const QPointer<Http::EventStream> &stream : std::as_const(m_streams)) {
                if (stream) {
                    stream->send(text);
                }
            }
        });
    }
};

void TestEventStream::init()
{
    m_streams.clear();
    m_opened = 0;
    m_closed = 0;
    m_accept = std::make_shared<std::atomic_bool>(true);
    m_router = Http::Router();
    Http::Route route;
    route.method = "GET";
    route.pattern = QStringLiteral("/events");
    route.permission = QStringLiteral("read:dashboard");
    route.handler = [this](const Http::Request &request) -> Http::Reply {
        Http::StreamBody body;
        body.initial = "retry: 2000\n\n";
        body.keepaliveMs = 150;
        body.recheckIntervalMs = 100;
        body.credentials = request;
        body.permission = QStringLiteral("read:dashboard");
        body.opened = [this](Http::EventStream *stream) {
            ++m_opened;
            m_streams.append(stream);
            connect(stream, &Http::EventStream::closed, stream, [this] { ++m_closed; });
        };
        return Http::Response::eventStream(std::move(body));
    };
    m_router.add(route);
    Http::Route plain;
    plain.method = "GET";
    plain.pattern = QStringLiteral("/plain");
    plain.handler = [](const Http::Request &) -> Http::Reply {
        return Http::Response::json(QJsonObject {{QStringLiteral("ok"), true}});
    };
    m_router.add(plain);
    auto accept = m_accept;
    m_server = std::make_unique<TestServer>([this, accept]() -> Result<TestServer::Started> {
        auto http = std::make_shared<Http::HttpServer>(m_router, Server::HttpConfig {}, 2);
        http->setAuthenticator(std::make_shared<SwitchAuthenticator>(accept));
        const Result<quint16> port = http->start(QHostAddress::LocalHost, 0);
        if (!port) {
            return fail(port.error());
        }
        return TestServer::Started {http, http.get(), *port};
    });
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
}

void TestEventStream::cleanup()
{
    m_server.reset();
}

void TestEventStream::headInitialKeepaliveAndEvents()
{
    SseClient client(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
    QCOMPARE(client.status, 200);
    QCOMPARE(client.header("content-type"), QByteArrayLiteral("text/event-stream"));
    QCOMPARE(client.header("cache-control"), QByteArrayLiteral("no-store"));
    QCOMPARE(client.header("x-accel-buffering"), QByteArrayLiteral("no"));
    QCOMPARE(client.header("connection"), QByteArrayLiteral("close"));
    QVERIFY(!client.hasHeader("content-length"));
    QVERIFY(!client.header("x-request-id").isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.load(), 1, 10000);
    client.pump(600);

    sendToAll("id: 1\nevent: hello\ndata: {\"n\":1}\n\n");
    sendToAll("id: 2\nevent: hello\ndata: {\"n\":2}\n\n");
    SseEvent event;
    QVERIFY(client.next(event, 10000));
    QCOMPARE(event.id, QByteArrayLiteral("1"));
    QCOMPARE(event.type, QByteArrayLiteral("hello"));
    QCOMPARE(event.json()[u"n"].toInt(), 1);
    QCOMPARE(client.retryMs, 2000); // parsed on the way to the first event
    QVERIFY2(client.comments >= 1, qPrintable(QString::number(client.comments)));
    QVERIFY(client.next(event, 10000));
    QCOMPARE(event.id, QByteArrayLiteral("2"));

    // A plain route on another connection still works meanwhile.
    QCOMPARE(m_server->get("/plain").status, 200);
}

void TestEventStream::clientDisconnectFreesTheStream()
{
    {
        SseClient client(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
        QCOMPARE(client.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.load(), 1, 10000);
        client.disconnect();
    }
    // Sends while the server has not noticed yet, and after: never a write after close.
    for (int i = 0; i < 20; ++i) {
        sendToAll("event: x\ndata: {}\n\n");
        QTest::qWait(20);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_closed.load(), 1, 10000);
    QVERIFY(m_server->waitForOpenConnections(0, 10000));
    bool allGone = false;
    for (int i = 0; i < 100 && !allGone; ++i) {
        m_server->runInServerThread([&] {
            allGone = std::all_of(m_streams.cbegin(), m_streams.cend(),
                                  [](const QPointer<Http::EventStream> &s) { return s.isNull(); });
        });
        QTest::qWait(50);
    }
    QVERIFY(allGone);
    sendToAll("event: x\ndata: {}\n\n"); // ignored
}

void TestEventStream::closeEndsTheAnswer()
{
    SseClient client(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
    QCOMPARE(client.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.load(), 1, 10000);
    sendToAll("id: 9\nevent: last\ndata: {}\n\n");
    m_server->runInServerThread([&] {
        for (const QPointer<Http::EventStream> &stream : std::as_const(m_streams)) {
            if (stream) {
                QVERIFY(stream->isOpen());
                stream->close();
                QVERIFY(!stream->isOpen());
            }
        }
    });
    SseEvent event;
    QVERIFY(client.next(event, 10000));
    QCOMPARE(event.type, QByteArrayLiteral("last"));
    QVERIFY(client.waitForClosed(10000));
    QCOMPARE(m_closed.load(), 1);
}

void TestEventStream::shutdownClosesStreams()
{
    SseClient one(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
    SseClient two(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
    QCOMPARE(one.status, 200);
    QCOMPARE(two.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.load(), 2, 10000);
    bool drained = false;
    m_server->runInServerThread([&] {
        connect(m_server->http(), &Http::HttpServer::drained, m_server->http(),
                [&drained] { drained = true; });
        m_server->http()->shutdown();
    });
    QVERIFY(one.waitForClosed(10000));
    QVERIFY(two.waitForClosed(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->http()->isIdle(), 10000);
    QCOMPARE(m_closed.load(), 2);
    bool seen = false;
    for (int i = 0; i < 100 && !seen; ++i) {
        m_server->runInServerThread([&] { seen = drained; });
        QTest::qWait(20);
    }
    QVERIFY(seen);
}

void TestEventStream::credentialsAreCheckedAgain()
{
    SseClient client(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
    QCOMPARE(client.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.load(), 1, 10000);
    client.pump(400);
    QVERIFY(!client.isClosed());
    m_accept->store(false); // the token expired or was revoked
    QVERIFY(client.waitForClosed(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_closed.load(), 1, 10000);
    SseClient refused(m_server->port(), "/events", {{"Authorization", "Bearer good"}});
    QCOMPARE(refused.status, 401);
}

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
