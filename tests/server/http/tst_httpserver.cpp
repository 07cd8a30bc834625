// The HTTP server over real sockets: an in-process server (its own thread, port 0) with test
// routes, driven by raw HTTP/1.1 clients so that every byte on the wire is under control.

#include "http/httpserver.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

using namespace Shop;
using namespace Shop::Http;
using namespace Shop::Tests;

#if defined(__SANITIZE_ADDRESS__)
// ASan's quarantine keeps freed memory resident, which the memory test would count as growth.
extern "C" const char *__asan_default_options()
{
    return "quarantine_size_mb=4";
}
#endif

namespace {

std::atomic<int> g_slowStarted {0};

Router makeRouter()
{
    Router router;
    router.get(
        QStringLiteral("/hello"),
        [](const Request &) -> Reply {
            return Response::json(QJsonObject {{QStringLiteral("hello"), QStringLiteral("world")}});
        },
        Execution::EventLoop);
    router.get(QStringLiteral("/fast"), [](const Request &) -> Reply {
        return Response::json(QJsonObject {{QStringLiteral("fast"), true}});
    });
    router.get(QStringLiteral("/slow"), [](const Request &request) -> Reply {
        g_slowStarted.fetch_add(1);
        const int ms = std::clamp(
            QUrlQuery(QString::fromLatin1(request.rawQuery)).queryItemValue(u"ms"_qs).toInt(), 0,
            5000);
        QThread::msleep(ms > 0 ? ms : 1000);
        return Response::json(QJsonObject {{QStringLiteral("slept"), ms}});
    });
    router.post(QStringLiteral("/echo"), [](const Request &request) -> Reply {
        auto object = request.jsonObject();
        if (!object) {
            return fail(object.error());
        }
        return Response::json(*object);
    });
    // An upload route with a body limit of its own (256 KiB; the server's default is 64 KiB) and a
    // more specific route under it that declares none.
    const auto bodySize = [](const Request &request) -> Reply {
        return Response::json(QJsonObject {{QStringLiteral("bytes"), request.body.size()}});
    };
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/upload/{name}"),
                      .handler = bodySize,
                      .maxBodyBytes = 256 * 1024});
    router.add(
        Route {.method = "POST", .pattern = QStringLiteral("/upload/plain"), .handler = bodySize});
    router.get(QStringLiteral("/items/{id}"), [](const Request &request) -> Reply {
        return Response::json(QJsonObject {{QStringLiteral("id"), request.pathParam(u"id"_qs)}});
    });
    router.del(QStringLiteral("/items/{id}"),
               [](const Request &) -> Reply { return Response::noContent(); });
    router.get(QStringLiteral("/internal"), [](const Request &) -> Reply {
        return fail(Error::internal(QStringLiteral("secret detail: password=hunter2")));
    });
    router.get(QStringLiteral("/throw"),
               [](const Request &) -> Reply { throw std::runtime_error("boom"); });
    router.get(
        QStringLiteral("/throw-loop"),
        [](const Request &) -> Reply { throw std::runtime_error("boom on the loop"); },
        Execution::EventLoop);
    router.get(
        QStringLiteral("/cached"),
        [](const Request &) -> Reply {
            return Response::json(QJsonObject {{QStringLiteral("from"), QStringLiteral("worker")}});
        },
        Execution::WorkerPool,
        [](const Request &request) -> std::optional<Response> {
            if (request.header("x-cache-hit").isEmpty()) {
                return std::nullopt;
            }
            return Response::json(QJsonObject {{QStringLiteral("from"), QStringLiteral("fast")}});
        });
    router.get(
        QStringLiteral("/bytes"),
        [](const Request &) -> Reply {
            return Response::bytes(QByteArrayLiteral("text/plain"), QByteArray(1000, 'b'));
        },
        Execution::EventLoop);
    return router;
}

Server::HttpConfig testConfig()
{
    Server::HttpConfig config;
    config.maxBodyBytes = 64 * 1024;
    config.maxHeaderBytes = 4096;
    config.headerTimeoutMs = 300;
    config.idleTimeoutMs = 800;
    config.maxConnections = 2000;
    config.maxQueuedRequests = 5000;
    config.corsOrigins = {QStringLiteral("https://shop.example")};
    return config;
}

QByteArray rawGet(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n";
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// A blocking POSIX TCP client with 3 s send/receive timeouts.
class BlockingSocket final
{
public:
    explicit BlockingSocket(quint16 port)
        : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        timeval timeout {3, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~BlockingSocket() { ::close(m_fd); }
    Q_DISABLE_COPY_MOVE(BlockingSocket)

    [[nodiscard]] bool isConnected() const { return m_connected; }
    bool send(const QByteArray &bytes)
    {
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n =
                ::send(m_fd, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n <= 0) {
                return false;
            }
            done += n;
        }
        return true;
    }
    // Reads up to the end of a response head (or until the timeout or EOF).
    QByteArray readHead(int timeoutMs)
    {
        QByteArray data;
        QElapsedTimer clock;
        clock.start();
        char buffer[4096];
        while (!data.contains("\r\n\r\n") && clock.elapsed() < timeoutMs) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                break;
            }
            data.append(buffer, n);
        }
        return data;
    }

private:
    int m_fd;
    bool m_connected = false;
};

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs) {
            return false;
        }
        QThread::msleep(5);
    }
    return true;
}

} // namespace

class TestHttpServer final : public QObject
{
    Q_OBJECT

private:
    Router m_router = makeRouter();
    std::unique_ptr<TestServer> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(m_router, testConfig(), 4);
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void cleanup()
    {
        // Every test closes its connections; none may leak into the next one.
        QVERIFY2(m_server->waitForOpenConnections(0, 5000),
                 qPrintable(QString::number(m_server->openConnections())));
    }

    void eventLoopAndWorkerRoutes()
    {
        HttpReply hello = m_server->get("/hello");
        QCOMPARE(hello.status, 200);
        QCOMPARE(hello.header("content-type"), QByteArray("application/json"));
        QCOMPARE(hello.body, QByteArray(R"({"hello":"world"})"));
        QVERIFY(!hello.header("date").isEmpty());
        HttpReply fast = m_server->get("/fast");
        QCOMPARE(fast.status, 200);
        QCOMPARE(fast.json().value(u"fast").toBool(), true);
        HttpReply item = m_server->get("/items/a%20b");
        QCOMPARE(item.json().value(u"id").toString(), QStringLiteral("a b"));
        item = m_server->get("/items/%E2%82%AC");
        QCOMPARE(item.json().value(u"id").toString(), QStringLiteral("\u20ac"));
        QCOMPARE(m_server->request("DELETE", "/items/1").status, 204);
    }

    void fastPath()
    {
        QCOMPARE(m_server->get("/cached").json().value(u"from").toString(), u"worker");
        QCOMPARE(m_server->get("/cached", {{"X-Cache-Hit", "1"}}).json().value(u"from").toString(),
                 u"fast");
    }

    void unknownRoute404()
    {
        const HttpReply reply = m_server->get("/nope?token=secret");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(reply.header("cache-control"), QByteArray("no-store"));
        const QJsonObject body = reply.json();
        QCOMPARE(body.value(u"status").toInt(), 404);
        QCOMPARE(body.value(u"code").toString(), u"not-found");
        QCOMPARE(body.value(u"type").toString(), u"/problems/not-found");
        QCOMPARE(body.value(u"title").toString(), u"Not Found");
        QCOMPARE(body.value(u"instance").toString(), u"/nope");
        QCOMPARE(body.value(u"request_id").toString().toLatin1(), reply.header("x-request-id"));
    }

    void wrongMethod405_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("put on get route")
            << QByteArray("PUT") << QByteArray("/hello") << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("get on post route")
            << QByteArray("GET") << QByteArray("/echo") << QByteArray("POST, OPTIONS");
        QTest::newRow("post on get and delete") << QByteArray("POST") << QByteArray("/items/1")
                                                << QByteArray("GET, HEAD, DELETE, OPTIONS");
        QTest::newRow("unknown method")
            << QByteArray("BREW") << QByteArray("/hello") << QByteArray("GET, HEAD, OPTIONS");
    }

    void wrongMethod405()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, allow);
        const HttpReply reply = m_server->request(method, target);
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.header("allow"), allow);
        QCOMPARE(reply.json().value(u"code").toString(), u"method-not-allowed");
    }

    void jsonBodies_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("object") << QByteArray("application/json; charset=utf-8")
                                << QByteArray(R"({"a":[1,2]})") << 200 << QString();
        QTest::newRow("malformed") << QByteArray("application/json") << QByteArray(R"({"a":)")
                                   << 400 << QStringLiteral("bad-request");
        QTest::newRow("not an object") << QByteArray("application/json") << QByteArray("[1]") << 400
                                       << QStringLiteral("bad-request");
        QTest::newRow("no body") << QByteArray("application/json") << QByteArray() << 400
                                 << QStringLiteral("bad-request");
        QTest::newRow("text") << QByteArray("text/plain") << QByteArray(R"({"a":1})") << 415
                              << QStringLiteral("unsupported-media-type");
        QTest::newRow("no content type") << QByteArray() << QByteArray(R"({"a":1})") << 415
                                         << QStringLiteral("unsupported-media-type");
    }

    void jsonBodies()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!contentType.isEmpty()) {
            headers.append({"Content-Type", contentType});
        }
        const HttpReply reply = m_server->request("POST", "/echo", headers, body);
        QCOMPARE(reply.status, status);
        if (status == 200) {
            QCOMPARE(reply.body, body);
        } else {
            QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
            QCOMPARE(reply.json().value(u"code").toString(), code);
            QVERIFY(!reply.json().value(u"detail").toString().isEmpty());
        }
    }

    void oversizedBodyIsRefusedBeforeItIsSent()
    {
        // A plain blocking socket: unlike QTcpSocket it keeps sending after the server's FIN.
        BlockingSocket client(m_server->port());
        QVERIFY(client.isConnected());
        QVERIFY(
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Content-Length: 50000000\r\n\r\n"));
        QElapsedTimer clock;
        clock.start();
        const QByteArray head = client.readHead(2000);
        QVERIFY2(head.startsWith("HTTP/1.1 413 "), head.constData());
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(head.contains("\r\nConnection: close\r\n"));
        QVERIFY(head.contains("\r\nContent-Type: application/problem+json\r\n"));

        // The client sends the body anyway: the server reads and discards it (no stall), and
        // its memory does not grow with it.
        const qint64 before = residentBytes();
        const QByteArray chunk(64 * 1024, 'x');
        qint64 sent = 0;
        while (sent < 32 * 1024 * 1024 && client.send(chunk)) {
            sent += chunk.size();
        }
        const qint64 grown = residentBytes() - before;
        QVERIFY2(sent >= 16 * 1024 * 1024, qPrintable(QString::number(sent)));
        QVERIFY2(
            grown < 8 * 1024 * 1024,
            qPrintable(QStringLiteral("grew by %1 bytes while %2 were sent").arg(grown).arg(sent)));
        QCOMPARE(m_server->get("/hello").status, 200);
    }

    void oversizedBodyWithExpectContinue()
    {
        HttpClient client(m_server->port());
        QVERIFY(client.send("PUT /echo HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                            "Content-Length: 10000000\r\n\r\n"));
        const HttpReply reply = client.read(2000);
        QCOMPARE(reply.status, 413); // no 100 Continue first
        QVERIFY(client.waitForClosed(3000));
    }

    void chunkedBodies()
    {
        HttpClient client(m_server->port());
        QVERIFY(
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"
                        "5\r\n{\"a\":\r\n3;ext=1\r\n\"b\"\r\n1\r\n}\r\n0\r\n\r\n"));
        const HttpReply reply = client.read();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, QByteArray(R"({"a":"b"})"));
        QCOMPARE(client.request("GET", "/hello").status, 200); // still in sync
    }

    void trickledChunkedBody()
    {
        HttpClient client(m_server->port());
        const QByteArray request =
            "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
            "5\r\n{\"a\":\r\n3\r\n\"b\"\r\n1\r\n}\r\n0\r\n\r\n"
            + rawGet("/items/9");
        for (qsizetype i = 0; i < request.size(); i += 3) {
            QVERIFY(client.send(request.mid(i, 3)));
            QThread::msleep(2);
        }
        const HttpReply echo = client.read();
        QCOMPARE(echo.status, 200);
        QCOMPARE(echo.body, QByteArray(R"({"a":"b"})"));
        QCOMPARE(client.read().json().value(u"id").toString(), u"9");
    }

    void chunkedBodyOverTheLimit()
    {
        HttpClient client(m_server->port());
        QVERIFY(
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"));
        const QByteArray chunk = "2000\r\n" + QByteArray(0x2000, 'x') + "\r\n";
        for (int i = 0; i < 12 && client.send(chunk); ++i) {
            // 12 x 8 KiB = 96 KiB, over the 64 KiB limit
        }
        const HttpReply reply = client.read(3000);
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.json().value(u"code").toString(), u"payload-too-large");
        QVERIFY(client.waitForClosed(3000));
    }

    void routeBodyLimits_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("bytes");
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("limit"); // named in the 413 problem
        const int kib = 1024;
        QTest::newRow("default route under the default")
            << QByteArray("/upload/plain") << 60 * kib << false << 200 << 0;
        QTest::newRow("default route over the default")
            << QByteArray("/upload/plain") << 100 * kib << false << 413 << 64 * kib;
        QTest::newRow("json route over the default")
            << QByteArray("/echo") << 100 * kib << false << 413 << 64 * kib;
        QTest::newRow("upload route over the default")
            << QByteArray("/upload/a") << 200 * kib << false << 200 << 0;
        QTest::newRow("upload route at its limit")
            << QByteArray("/upload/a") << 256 * kib << false << 200 << 0;
        QTest::newRow("upload route over its limit")
            << QByteArray("/upload/a") << 256 * kib + 1 << false << 413 << 256 * kib;
        QTest::newRow("unknown route: the default")
            << QByteArray("/nowhere") << 100 * kib << false << 413 << 64 * kib;
        QTest::newRow("unknown route under the default")
            << QByteArray("/nowhere") << 10 * kib << false << 404 << 0;
        QTest::newRow("wrong method: the default")
            << QByteArray("/hello") << 100 * kib << false << 413 << 64 * kib;
        QTest::newRow("chunked upload over the default")
            << QByteArray("/upload/a") << 192 * kib << true << 200 << 0;
        QTest::newRow("chunked upload over its limit")
            << QByteArray("/upload/a") << 300 * kib << true << 413 << 256 * kib;
        QTest::newRow("chunked default route over the default")
            << QByteArray("/upload/plain") << 100 * kib << true << 413 << 64 * kib;
    }

    void routeBodyLimits()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, bytes);
        QFETCH(bool, chunked);
        QFETCH(int, status);
        QFETCH(int, limit);
        HttpClient client(m_server->port());
        QVERIFY(client.isConnected());
        QByteArray head = "POST " + target
            + " HTTP/1.1\r\nHost: test\r\n"
              "Content-Type: application/octet-stream\r\n";
        head += chunked ? QByteArray("Transfer-Encoding: chunked\r\n\r\n")
                        : "Content-Length: " + QByteArray::number(bytes) + "\r\n\r\n";
        QVERIFY(client.send(head));
        if (!chunked && status == 413) {
            // Refused from the head alone: the body is never sent.
            const HttpReply reply = client.read(5000);
            QCOMPARE(reply.status, 413);
            QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
            QCOMPARE(reply.json().value(u"code").toString(), u"payload-too-large");
            QVERIFY2(reply.json().value(u"detail").toString().contains(QString::number(limit)),
                     reply.body.constData());
            QVERIFY(client.waitForClosed(3000));
            return;
        }
        if (chunked) {
            const QByteArray chunk = "4000\r\n" + QByteArray(0x4000, 'x') + "\r\n";
            int sent = 0;
            while (sent + 0x4000 <= bytes && client.send(chunk)) {
                sent += 0x4000;
            }
            if (sent == bytes) {
                QVERIFY(client.send("0\r\n\r\n"));
            }
        } else {
            QVERIFY(client.send(QByteArray(bytes, 'x')));
        }
        const HttpReply reply = client.read(10000);
        QCOMPARE(reply.status, status);
        if (status == 200) {
            QCOMPARE(reply.json().value(u"bytes").toInt(), bytes);
        } else if (status == 413) {
            QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
            QCOMPARE(reply.json().value(u"code").toString(), u"payload-too-large");
            QVERIFY2(reply.json().value(u"detail").toString().contains(QString::number(limit)),
                     reply.body.constData());
            QVERIFY(client.waitForClosed(3000));
        }
    }

    void expectContinue()
    {
        const QByteArray body = R"({"x":1})";
        HttpClient client(m_server->port());
        QVERIFY(
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Expect: 100-continue\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n"));
        const HttpReply interim = client.read(1000);
        QCOMPARE(interim.status, 100);
        QVERIFY(interim.elapsedMs < 500);
        QVERIFY(client.send(body));
        const HttpReply reply = client.read();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, body);
    }

    void headerTimeout()
    {
        HttpClient client(m_server->port());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.send("GET /hello HTTP/1.1\r\nHost: te"));
        const HttpReply reply = client.read(3000);
        QCOMPARE(reply.status, 408);
        QVERIFY2(clock.elapsed() >= 280 && clock.elapsed() < 2000,
                 qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(reply.json().value(u"code").toString(), u"request-timeout");
        QVERIFY(client.waitForClosed(3000));
    }

    void idleTimeout()
    {
        HttpClient client(m_server->port());
        QCOMPARE(client.request("GET", "/hello").status, 200);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.waitForClosed(3000));
        QVERIFY2(clock.elapsed() >= 700 && clock.elapsed() < 2500,
                 qPrintable(QString::number(clock.elapsed())));
        QVERIFY(client.pending().isEmpty()); // closed without an answer
    }

    void silentConnectionCloses()
    {
        HttpClient client(m_server->port());
        QVERIFY(client.isConnected());
        QVERIFY(client.waitForClosed(3000));
        QVERIFY(client.pending().isEmpty());
    }

    void slowBodyTimesOut()
    {
        HttpClient client(m_server->port());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Content-Length: 5000\r\n\r\n{\"a\":\""));
        const HttpReply reply = client.read(3000);
        QCOMPARE(reply.status, 408);
        QVERIFY2(clock.elapsed() >= 280 && clock.elapsed() < 2000,
                 qPrintable(QString::number(clock.elapsed())));
        QVERIFY(reply.json().value(u"detail").toString().contains(u"slowly"));
        QVERIFY(client.waitForClosed(3000));
    }

    void steadyBodyIsAccepted()
    {
        // 5 KB in 1 KB pieces, 100 ms apart: slower than one window, fast enough per window.
        const QByteArray body = QByteArray("{\"a\":\"") + QByteArray(5000 - 8, 'y') + "\"}";
        HttpClient client(m_server->port());
        QVERIFY(
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        "Content-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n"));
        for (qsizetype i = 0; i < body.size(); i += 1000) {
            QThread::msleep(100);
            QVERIFY(client.send(body.mid(i, 1000)));
        }
        const HttpReply reply = client.read();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body.size(), body.size());
    }

    void connectionCap()
    {
        Server::HttpConfig config = testConfig();
        config.maxConnections = 3;
        TestServer server(m_router, config, 2);
        QVERIFY(server.isRunning());
        auto a = std::make_unique<HttpClient>(server.port());
        HttpClient b(server.port());
        HttpClient c(server.port());
        QCOMPARE(a->request("GET", "/hello").status, 200);
        QCOMPARE(b.request("GET", "/hello").status, 200);
        QCOMPARE(c.request("GET", "/hello").status, 200);

        HttpClient refused(server.port());
        const HttpReply reply = refused.read(2000);
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.header("retry-after"), QByteArray("1"));
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QCOMPARE(reply.json().value(u"code").toString(), u"unavailable");
        QVERIFY(refused.waitForClosed(3000));

        a.reset(); // a slot frees up
        QVERIFY(server.waitForOpenConnections(2, 3000));
        HttpClient d(server.port());
        QCOMPARE(d.request("GET", "/hello").status, 200);
    }

    void requestId_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::addColumn<bool>("echoed");
        QTest::newRow("valid") << QByteArray("abc-123_X.y") << true;
        QTest::newRow("one char") << QByteArray("a") << true;
        QTest::newRow("128 chars") << QByteArray(128, 'r') << true;
        QTest::newRow("none") << QByteArray() << false;
        QTest::newRow("129 chars") << QByteArray(129, 'r') << false;
        QTest::newRow("space") << QByteArray("has space") << false;
        QTest::newRow("punctuation") << QByteArray("bad!") << false;
        QTest::newRow("non-ascii") << QByteArray("\xc3\xbc") << false;
        QTest::newRow("header injection") << QByteArray("a%0d%0aX-Evil:1") << false;
    }

    void requestId()
    {
        QFETCH(QByteArray, sent);
        QFETCH(bool, echoed);
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!sent.isEmpty()) {
            headers.append({"X-Request-Id", sent});
        }
        const HttpReply ok = m_server->get("/hello", headers);
        const HttpReply problem = m_server->get("/nope", headers);
        for (const HttpReply &reply : {ok, problem}) {
            const QByteArray id = reply.header("x-request-id");
            if (echoed) {
                QCOMPARE(id, sent);
            } else {
                QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                             .match(QString::fromLatin1(id))
                             .hasMatch(),
                         id.constData());
            }
        }
        QCOMPARE(problem.json().value(u"request_id").toString().toLatin1(),
                 problem.header("x-request-id"));
        if (!echoed) {
            QVERIFY(ok.header("x-request-id") != problem.header("x-request-id"));
        }
    }

    void securityHeaders_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("json");
        QTest::newRow("json") << QByteArray("/hello") << 200 << true;
        QTest::newRow("problem") << QByteArray("/nope") << 404 << true;
        QTest::newRow("internal") << QByteArray("/internal") << 500 << true;
        QTest::newRow("text") << QByteArray("/bytes") << 200 << false;
    }

    void securityHeaders()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(bool, json);
        const HttpReply reply = m_server->get(target);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(reply.header("referrer-policy"), QByteArray("no-referrer"));
        QVERIFY(!reply.header("x-request-id").isEmpty());
        QVERIFY(reply.header("server").isNull());
        QCOMPARE(reply.header("cache-control"), QByteArray("no-store"));
        if (json) {
            QCOMPARE(reply.header("content-security-policy"),
                     QByteArray("default-src 'none'; frame-ancestors 'none'"));
        }
    }

    void cors()
    {
        const HttpReply allowed = m_server->get("/hello", {{"Origin", "https://shop.example"}});
        QCOMPARE(allowed.header("access-control-allow-origin"), QByteArray("https://shop.example"));
        QVERIFY(allowed.header("vary").contains("Origin"));
        QVERIFY(allowed.header("access-control-expose-headers").contains("X-Request-Id"));

        const HttpReply denied = m_server->get("/hello", {{"Origin", "https://evil.example"}});
        QCOMPARE(denied.status, 200);
        QVERIFY(denied.header("access-control-allow-origin").isNull());
        QVERIFY(denied.header("access-control-expose-headers").isNull());
        QVERIFY(denied.header("vary").contains("Origin"));

        const HttpReply error = m_server->get("/nope", {{"Origin", "https://shop.example"}});
        QCOMPARE(error.header("access-control-allow-origin"), QByteArray("https://shop.example"));
    }

    void corsPreflight()
    {
        const HttpReply preflight =
            m_server->request("OPTIONS", "/echo",
                              {{"Origin", "https://shop.example"},
                               {"Access-Control-Request-Method", "POST"},
                               {"Access-Control-Request-Headers", "content-type, x-request-id"}});
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("access-control-allow-origin"),
                 QByteArray("https://shop.example"));
        QVERIFY(preflight.header("access-control-allow-methods").contains("POST"));
        QVERIFY(preflight.header("access-control-allow-headers").contains("Content-Type"));
        QVERIFY(preflight.header("access-control-allow-headers").contains("X-Request-Id"));
        QCOMPARE(preflight.header("access-control-max-age"), QByteArray("600"));
        QCOMPARE(preflight.header("allow"), QByteArray("POST, OPTIONS"));
        QVERIFY(preflight.body.isEmpty());

        const HttpReply denied = m_server->request(
            "OPTIONS", "/echo",
            {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
        QCOMPARE(denied.status, 204);
        for (const auto &[name, value] : denied.headers) {
            QVERIFY2(!name.startsWith("access-control-"), name.constData());
        }

        const HttpReply unknown = m_server->request(
            "OPTIONS", "/nope",
            {{"Origin", "https://shop.example"}, {"Access-Control-Request-Method", "GET"}});
        QCOMPARE(unknown.status, 404);

        const HttpReply plain = m_server->request("OPTIONS", "/items/3");
        QCOMPARE(plain.status, 204);
        QCOMPARE(plain.header("allow"), QByteArray("GET, HEAD, DELETE, OPTIONS"));
    }

    void internalErrorHidesDetail()
    {
        const HttpReply reply = m_server->get("/internal");
        QCOMPARE(reply.status, 500);
        QCOMPARE(reply.json().value(u"code").toString(), u"internal");
        QVERIFY(!reply.body.contains("hunter2"));
        QVERIFY(!reply.body.contains("secret"));
        QCOMPARE(reply.json().value(u"request_id").toString().toLatin1(),
                 reply.header("x-request-id"));
    }

    void throwingHandler_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("worker pool") << QByteArray("/throw");
        QTest::newRow("event loop") << QByteArray("/throw-loop");
    }

    void throwingHandler()
    {
        QFETCH(QByteArray, target);
        for (int i = 0; i < 3; ++i) {
            const HttpReply reply = m_server->get(target);
            QCOMPARE(reply.status, 500);
            QVERIFY(!reply.body.contains("boom"));
        }
        QCOMPARE(m_server->get("/hello").status, 200);
        QCOMPARE(m_server->get("/fast").status, 200);
    }

    void pipelinedRequestsAnswerInOrder()
    {
        HttpClient client(m_server->port());
        QVERIFY(
            client.send(rawGet("/slow?ms=300") + rawGet("/hello")
                        + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                          "Content-Length: 7\r\n\r\n{\"n\":3}"
                        + rawGet("/items/4") + rawGet("/nope")));
        const HttpReply first = client.read();
        QCOMPARE(first.json().value(u"slept").toInt(), 300);
        QCOMPARE(client.read().json().value(u"hello").toString(), u"world");
        QCOMPARE(client.read().json().value(u"n").toInt(), 3);
        QCOMPARE(client.read().json().value(u"id").toString(), u"4");
        QCOMPARE(client.read().status, 404);
    }

    void pipelineFloodIsThrottled()
    {
        // 300 requests in one go: the connection is read only while few of its requests are
        // being answered, so it cannot fill the worker queue; all are answered, in order.
        constexpr int kRequests = 300;
        QByteArray flood;
        for (int i = 0; i < kRequests; ++i) {
            flood += rawGet("/slow?ms=" + QByteArray::number(i % 2 + 1),
                            "X-Request-Id: n" + QByteArray::number(i) + "\r\n");
        }
        HttpClient client(m_server->port());
        QVERIFY(client.send(flood));
        int most = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 300) {
            most = std::max(most, m_server->queuedRequests() + m_server->http()->runningRequests());
            QThread::usleep(200);
        }
        QVERIFY2(most > 0 && most <= 16, qPrintable(QString::number(most)));
        for (int i = 0; i < kRequests; ++i) {
            const HttpReply reply = client.read(5000);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.header("x-request-id"), "n" + QByteArray::number(i));
        }
        QCOMPARE(client.request("GET", "/hello").status, 200);
    }

    void pipelinedFailureAfterValidRequests()
    {
        HttpClient client(m_server->port());
        QVERIFY(
            client.send(rawGet("/slow?ms=200") + rawGet("/hello")
                        + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 90000000\r\n\r\n"));
        QCOMPARE(client.read().status, 200);
        QCOMPARE(client.read().status, 200);
        const HttpReply refused = client.read();
        QCOMPARE(refused.status, 413);
        QVERIFY(client.waitForClosed(3000));
    }

    void connectionClose()
    {
        HttpClient client(m_server->port());
        QVERIFY(client.send(rawGet("/hello", "Connection: close\r\n") + rawGet("/hello")));
        const HttpReply reply = client.read();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QVERIFY(client.waitForClosed(1000));
        QVERIFY(client.pending().isEmpty()); // the second request is not answered
    }

    void http10()
    {
        HttpClient client(m_server->port());
        QVERIFY(client.send("GET /hello HTTP/1.0\r\n\r\n"));
        const HttpReply reply = client.read();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QVERIFY(client.waitForClosed(1000));

        HttpClient keepAlive(m_server->port());
        for (int i = 0; i < 2; ++i) {
            QVERIFY(keepAlive.send("GET /fast HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
            const HttpReply again = keepAlive.read();
            QCOMPARE(again.status, 200);
            QCOMPARE(again.header("connection"), QByteArray("keep-alive"));
        }
    }

    void keepAliveServesManyRequests()
    {
        HttpClient client(m_server->port());
        for (int i = 0; i < 20; ++i) {
            const HttpReply reply = client.request("GET", "/items/" + QByteArray::number(i));
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value(u"id").toString(), QString::number(i));
        }
        QCOMPARE(m_server->openConnections(), 1);
    }

    void head()
    {
        HttpClient client(m_server->port());
        QVERIFY(client.send("HEAD /bytes HTTP/1.1\r\nHost: test\r\n\r\n"
                            "HEAD /fast HTTP/1.1\r\nHost: test\r\n\r\n"
                            + rawGet("/hello")));
        const HttpReply bytes = client.read(5000, true);
        QCOMPARE(bytes.status, 200);
        QCOMPARE(bytes.header("content-length"), QByteArray("1000"));
        QCOMPARE(bytes.header("content-type"), QByteArray("text/plain"));
        QVERIFY(bytes.body.isEmpty());
        const HttpReply fast = client.read(5000, true);
        QCOMPARE(fast.status, 200);
        QCOMPARE(fast.header("content-length"),
                 QByteArray::number(QByteArray(R"({"fast":true})").size()));
        const HttpReply hello = client.read(); // in sync: no body bytes were sent for the HEADs
        QCOMPARE(hello.json().value(u"hello").toString(), u"world");
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("closes");
        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400 << true;
        QTest::newRow("no host") << QByteArray("GET /hello HTTP/1.1\r\n\r\n") << 400 << true;
        QTest::newRow("length and chunked")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << 400 << true;
        QTest::newRow("length list")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3, 3\r\n\r\nabc")
            << 400 << true;
        QTest::newRow("websocket upgrade") << rawGet("/hello",
                                                     "Connection: Upgrade\r\nUpgrade: websocket\r\n"
                                                     "Sec-WebSocket-Version: 13\r\n")
                                           << 400 << true;
        QTest::newRow("h2c upgrade is ignored")
            << rawGet("/hello",
                      "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                      "HTTP2-Settings: AAMAAABkAAQAAP__\r\n")
            << 200 << false;
        QTest::newRow("bad length")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3x\r\n\r\n") << 400
            << true;
        QTest::newRow("http/2") << QByteArray("GET /hello HTTP/2.0\r\nHost: t\r\n\r\n") << 505
                                << true;
        QTest::newRow("gzip") << QByteArray("POST /echo HTTP/1.1\r\nHost: t\r\n"
                                            "Transfer-Encoding: gzip\r\n\r\n")
                              << 501 << true;
        QTest::newRow("folded header") << QByteArray("GET /hello HTTP/1.1\r\nHost: t\r\nX: 1\r\n"
                                                     "\t2\r\n\r\n")
                                       << 400 << true;
        QTest::newRow("head too large") << QByteArray("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: ")
                + QByteArray(5000, 'b')
                + "\r\n\r\n" << 431 << true;
        QTest::newRow("dot segments") << rawGet("/items/../hello") << 400 << false;
        QTest::newRow("encoded dot segments") << rawGet("/items/%2e%2e/hello") << 400 << false;
        QTest::newRow("invalid utf-8") << rawGet("/items/%ff") << 400 << false;
        QTest::newRow("encoded NUL") << rawGet("/items/a%00") << 400 << false;
        QTest::newRow("relative target") << rawGet("hello") << 400 << false;
        QTest::newRow("absolute form") << rawGet("http://test/hello?x=1") << 200 << false;
        QTest::newRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n") << 404
                                  << false;
    }

    void badRequests()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(bool, closes);
        HttpClient client(m_server->port());
        QVERIFY(client.send(raw));
        const HttpReply reply = client.read(3000);
        QCOMPARE(reply.status, status);
        if (status >= 400) {
            QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
            QCOMPARE(reply.json().value(u"status").toInt(), status);
        }
        if (closes) {
            QCOMPARE(reply.header("connection"), QByteArray("close"));
            QVERIFY(client.waitForClosed(3000));
        } else {
            QCOMPARE(client.request("GET", "/hello").status, 200);
        }
    }

    void slowRequestDoesNotDelayOthers()
    {
        HttpClient slow(m_server->port());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(slow.send(rawGet("/slow?ms=2000")));
        QThread::msleep(50);
        // Generous bounds (a loaded CI machine, sanitizers), still far below the slow request.
        const HttpReply fast = m_server->get("/fast");
        QCOMPARE(fast.status, 200);
        QVERIFY2(fast.elapsedMs < 600, qPrintable(QString::number(fast.elapsedMs)));
        const HttpReply loop = m_server->get("/hello");
        QCOMPARE(loop.status, 200);
        QVERIFY2(loop.elapsedMs < 600, qPrintable(QString::number(loop.elapsedMs)));
        QVERIFY(clock.elapsed() < 1800); // both answered while the slow one still sleeps
        QCOMPARE(slow.read(4000).json().value(u"slept").toInt(), 2000);
    }

    void hammer()
    {
        const int slowBefore = g_slowStarted.load();
        constexpr int kAbandoning = 300;
        constexpr int kHalfRequests = 100;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < kAbandoning + kHalfRequests; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(socket->waitForConnected(3000));
            socket->write(i < kAbandoning ? rawGet("/slow?ms=200")
                                          : QByteArray("GET /hello HTTP/1.1\r\nHos"));
            QVERIFY(socket->waitForBytesWritten(3000));
            if (i < kAbandoning) {
                socket->abort(); // gone at once
            } else {
                sockets.push_back(std::move(socket)); // vanish a little later, half-way
            }
        }
        sockets.clear();

        const HttpReply reply = m_server->get("/hello");
        QCOMPARE(reply.status, 200);
        QVERIFY2(m_server->waitForOpenConnections(0, 10000),
                 qPrintable(QString::number(m_server->openConnections())));
        QVERIFY(waitUntil([&] { return m_server->queuedRequests() == 0; }, 10000));
        // Requests of clients that left are skipped, not run: most never reached a worker.
        const int ran = g_slowStarted.load() - slowBefore;
        QVERIFY2(ran < kAbandoning / 2, qPrintable(QString::number(ran)));
        QCOMPARE(m_server->get("/fast").status, 200);
        QCOMPARE(m_server->get("/hello").status, 200);
    }

    void fullQueueAnswers503()
    {
        Server::HttpConfig config = testConfig();
        config.maxQueuedRequests = 2;
        TestServer server(m_router, config, 1);
        QVERIFY(server.isRunning());
        HttpClient running(server.port());
        QVERIFY(running.send(rawGet("/slow?ms=800")));
        QVERIFY(waitUntil([&] { return server.http()->runningRequests() == 1; }, 3000));
        HttpClient queued1(server.port());
        HttpClient queued2(server.port());
        QVERIFY(queued1.send(rawGet("/slow?ms=10")));
        QVERIFY(queued2.send(rawGet("/slow?ms=10")));
        QVERIFY(waitUntil([&] { return server.queuedRequests() == 2; }, 3000));

        const HttpReply refused = server.get("/fast");
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        QCOMPARE(refused.json().value(u"code").toString(), u"unavailable");
        QVERIFY(refused.elapsedMs < 500);
        QCOMPARE(server.get("/hello").status, 200); // the event loop still answers

        QCOMPARE(running.read(3000).status, 200);
        QCOMPARE(queued1.read(3000).status, 200);
        QCOMPARE(queued2.read(3000).status, 200);
        QCOMPARE(server.get("/fast").status, 200);
    }

    void shutdownFinishesInFlightRequests()
    {
        TestServer server(m_router, testConfig(), 2);
        QVERIFY(server.isRunning());
        HttpClient busy(server.port());
        HttpClient idle(server.port());
        QCOMPARE(idle.request("GET", "/hello").status, 200);
        QVERIFY(busy.send(rawGet("/slow?ms=400")));
        QVERIFY(waitUntil([&] { return server.http()->runningRequests() == 1; }, 3000));
        server.runInServerThread([&] { server.http()->shutdown(); });
        QVERIFY(idle.waitForClosed(1000)); // idle connections close at once
        const HttpReply reply = busy.read(3000);
        QCOMPARE(reply.status, 200); // the request in flight is answered
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QVERIFY(busy.waitForClosed(3000));
        QVERIFY(server.waitForOpenConnections(0, 3000));
        HttpClient late(server.port());
        QVERIFY(!late.isConnected() || late.waitForClosed(1000)); // no longer accepting
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
