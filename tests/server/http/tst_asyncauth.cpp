// The HTTP server's asynchronous routes and per-route access control, over real sockets:
// - an async handler may answer from another thread, later, or continue on the worker pool;
//   a handler that drops its Responder gets a 500 instead of a hanging client; the server counts
//   pending async requests as busy until they are answered;
// - a route with a permission needs credentials the authenticator accepts (401 with
//   WWW-Authenticate otherwise) and the permission (403); the handler sees the principal; a
//   public route is anonymous without credentials and 401 with bad ones.

#include "http/httpserver.h"
#include "testserver.h"

#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <thread>

using namespace Shop;
using namespace Shop::Http;
using Shop::Tests::TestServer;

namespace {

// Bearer tokens of the form "user:<id>:<role>"; "bad" tokens are refused.
class FakeAuthenticator final : public RequestAuthenticator
{
public:
    bool hasCredentials(const Request &request) const override
    {
        return request.header("authorization").startsWith("Bearer ");
    }
    Result<Principal> authenticate(const Request &request) const override
    {
        const QByteArray header = request.header("authorization");
        const QList<QByteArray> parts = header.mid(7).split(':');
        if (!header.startsWith("Bearer ") || parts.size() != 3 || parts.at(0) != "user") {
            Error error {ErrorCode::Unauthorized, QStringLiteral("Sign in again."), {}, {}};
            error.logDetail = QStringLiteral("malformed test token");
            return fail(error);
        }
        Principal principal;
        principal.userId = QString::fromLatin1(parts.at(1));
        principal.sessionId = QStringLiteral("s-") + principal.userId;
        principal.role = QString::fromLatin1(parts.at(2));
        principal.permissions = principal.role == u"admin"
            ? QStringList {QStringLiteral("*")}
            : QStringList {QStringLiteral("read:account")};
        return principal;
    }
};

Response principalAnswer(const Request &request)
{
    return Response::json(QJsonObject {{QStringLiteral("user"), request.principal.userId},
                                       {QStringLiteral("role"), request.principal.role}});
}

} // namespace

class TestAsyncAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void answersFromAnotherThread();
    void continuesOnTheWorkerPool();
    void droppedResponderIs500();
    void pendingAsyncKeepsTheServerBusy();
    void routeWithoutAuthenticatorIs401();
    void accessControl_data();
    void accessControl();

private:
    Router m_router;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestServer> m_noAuthServer;
    std::atomic<bool> m_release {false};
};

void TestAsyncAuth::initTestCase()
{
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/later"),
                        .asyncHandler = [](const Request &, Responder responder) {
                            std::thread([responder] {
                                QThread::msleep(50);
                                responder.respond(Response::json(QJsonObject {
                                    {QStringLiteral("from"), QStringLiteral("thread")}}));
                                responder.respond(Response::noContent()); // ignored
                            }).detach();
                        }});
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/continued"),
                        .asyncHandler = [](const Request &, Responder responder) {
                            std::thread([responder] {
                                responder.continueOnWorker([]() -> Reply {
                                    return Response::json(QJsonObject {
                                        {QStringLiteral("from"), QStringLiteral("worker")}});
                                });
                            }).detach();
                        }});
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/dropped"),
                        .asyncHandler = [](const Request &, Responder) {
                        }});
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/held"),
                        .asyncHandler = [this](const Request &, Responder responder) {
                            std::thread([this, responder] {
                                while (!m_release.load()) {
                                    QThread::msleep(5);
                                }
                                responder.respond(Response::noContent());
                            }).detach();
                        }});
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/me"),
                        .handler = principalAnswer,
                        .permission = QStringLiteral("authenticated")});
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/account"),
                        .handler = principalAnswer,
                        .permission = QStringLiteral("read:account")});
    m_router.add(Route {.method = "GET",
                        .pattern = QStringLiteral("/admin"),
                        .handler = principalAnswer,
                        .permission = QStringLiteral("write:users")});
    m_router.add(
        Route {.method = "GET", .pattern = QStringLiteral("/public"), .handler = principalAnswer});
    m_server = std::make_unique<TestServer>([this]() -> Result<TestServer::Started> {
        auto http = std::make_shared<HttpServer>(m_router, Server::HttpConfig {}, 2);
        http->setAuthenticator(std::make_shared<FakeAuthenticator>());
        auto port = http->start(QHostAddress::LocalHost, 0);
        if (!port) {
            return fail(port.error());
        }
        return TestServer::Started {http, http.get(), *port};
    });
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_noAuthServer = std::make_unique<TestServer>(m_router, Server::HttpConfig {}, 2);
    QVERIFY2(m_noAuthServer->isRunning(), qPrintable(m_noAuthServer->errorString()));
}

void TestAsyncAuth::cleanupTestCase()
{
    m_release.store(true);
    m_server.reset();
    m_noAuthServer.reset();
}

void TestAsyncAuth::answersFromAnotherThread()
{
    const auto reply = m_server->get("/later");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("from")).toString(), QStringLiteral("thread"));
}

void TestAsyncAuth::continuesOnTheWorkerPool()
{
    const auto reply = m_server->get("/continued");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("from")).toString(), QStringLiteral("worker"));
}

void TestAsyncAuth::droppedResponderIs500()
{
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("never answered")));
    const auto reply = m_server->get("/dropped");
    QCOMPARE(reply.status, 500);
    QVERIFY(reply.header("content-type").startsWith("application/problem+json"));
}

void TestAsyncAuth::pendingAsyncKeepsTheServerBusy()
{
    m_release.store(false);
    HttpServer *http = m_server->http();
    std::thread client([this] {
        const auto reply = m_server->get("/held");
        QCOMPARE(reply.status, 204);
    });
    QTRY_COMPARE(http->pendingAsync(), 1);
    QVERIFY(!http->isIdle());
    m_release.store(true);
    client.join();
    QTRY_COMPARE(http->pendingAsync(), 0);
}

void TestAsyncAuth::routeWithoutAuthenticatorIs401()
{
    const auto reply = m_noAuthServer->get("/me", {{"Authorization", "Bearer user:u1:user"}});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.header("www-authenticate"), QByteArrayLiteral("Bearer"));
    QCOMPARE(m_noAuthServer->get("/public").status, 200);
}

void TestAsyncAuth::accessControl_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("user");

    QTest::newRow("me anonymous") << QByteArray("/me") << QByteArray() << 401 << QString();
    QTest::newRow("me bad token") << QByteArray("/me") << QByteArray("Bearer nonsense") << 401
                                  << QString();
    QTest::newRow("me basic auth")
        << QByteArray("/me") << QByteArray("Basic dTpw") << 401 << QString();
    QTest::newRow("me user") << QByteArray("/me") << QByteArray("Bearer user:u1:user") << 200
                             << QStringLiteral("u1");
    QTest::newRow("account user") << QByteArray("/account") << QByteArray("Bearer user:u1:user")
                                  << 200 << QStringLiteral("u1");
    QTest::newRow("admin route, customer")
        << QByteArray("/admin") << QByteArray("Bearer user:u1:user") << 403 << QString();
    QTest::newRow("admin route, admin")
        << QByteArray("/admin") << QByteArray("Bearer user:a1:admin") << 200
        << QStringLiteral("a1");
    QTest::newRow("public anonymous") << QByteArray("/public") << QByteArray() << 200 << QString();
    QTest::newRow("public signed in") << QByteArray("/public") << QByteArray("Bearer user:u2:user")
                                      << 200 << QStringLiteral("u2");
    QTest::newRow("public bad token")
        << QByteArray("/public") << QByteArray("Bearer nonsense") << 401 << QString();
}

void TestAsyncAuth::accessControl()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, user);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty()) {
        headers.append({"Authorization", authorization});
    }
    const auto reply = m_server->get(path, headers);
    QCOMPARE(reply.status, status);
    if (status == 401) {
        QVERIFY(reply.header("www-authenticate").startsWith("Bearer"));
        QVERIFY(reply.header("content-type").startsWith("application/problem+json"));
    } else if (status == 200) {
        QCOMPARE(reply.json().value(QStringLiteral("user")).toString(), user);
    }
}

QTEST_GUILESS_MAIN(TestAsyncAuth)
#include "tst_asyncauth.moc"
