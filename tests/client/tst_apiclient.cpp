#include "callwaiter.h"
#include "client/apiclient.h"
#include "client/authenticator.h"
#include "support/externalserver.h"
#include "support/fakenetwork.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <array>

using namespace Shop;
using namespace Shop::Client;
using namespace std::chrono_literals;
using Tests::CallWaiter;
using Tests::CannedReply;

namespace {

// Accepts connections and never answers: a server that hangs.
class HangingServer final : public QTcpServer
{
public:
    HangingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                ++connections;
                m_sockets.append(socket); // keep it open, read nothing back
            }
        });
    }
    int connections = 0;

private:
    QList<QPointer<QTcpSocket>> m_sockets;
};

QByteArray problemJson(const QString &code, int status, const QString &detail)
{
    return QJsonDocument(
               QJsonObject {{QStringLiteral("type"), QString(QStringLiteral("/problems/") + code)},
                            {QStringLiteral("title"), detail},
                            {QStringLiteral("status"), status},
                            {QStringLiteral("code"), code},
                            {QStringLiteral("detail"), detail}})
        .toJson(QJsonDocument::Compact);
}

CannedReply ok(const QByteArray &json = R"({"ok":true})")
{
    return CannedReply {200, "application/json", json, QNetworkReply::NoError};
}

CannedReply unavailable()
{
    return CannedReply {503, "application/problem+json",
                        problemJson(QStringLiteral("unavailable"), 503,
                                    QStringLiteral("The database cannot be reached.")),
                        QNetworkReply::NoError};
}

CannedReply unauthorized()
{
    return CannedReply {401, "application/problem+json",
                        problemJson(QStringLiteral("unauthorized"), 401,
                                    QStringLiteral("The access token has expired.")),
                        QNetworkReply::NoError};
}

RetryPolicy fastRetries(int attempts, std::chrono::milliseconds initial = 50ms)
{
    RetryPolicy policy;
    policy.maxAttempts = attempts;
    policy.initialDelay = initial;
    policy.multiplier = 2.0;
    policy.maxDelay = 5000ms;
    return policy;
}

// A bearer token that refresh() replaces after a short while (or fails to), counting refreshes.
class FakeAuthenticator final : public Authenticator
{
public:
    void authorize(QNetworkRequest &request) override
    {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    void refresh(std::function<void(bool ok)> done) override
    {
        ++refreshes;
        QTimer::singleShot(20ms, this, [this, done = std::move(done)] {
            if (refreshSucceeds) {
                token = "fresh";
            }
            done(refreshSucceeds);
        });
    }

    QByteArray token = "stale";
    bool refreshSucceeds = true;
    int refreshes = 0;
};

// The fake server's side of bearer authentication: only the fresh token is accepted.
CannedReply freshTokenOnly(const QNetworkRequest &request)
{
    return request.rawHeader("Authorization") == "Bearer fresh" ? ok() : unauthorized();
}

} // namespace

// The transport on its own, against a fake network with canned answers (and, for timeouts and
// refused connections, real sockets without a server): the generic request, retries and backoff,
// problem+json errors, cancellation, and the authentication hook.
class TestApiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendBuildsTheRequest();
    void postCarriesJsonAndIdempotencyKey();
    void nonIdempotentRetriedOnlyWithKey_data();
    void nonIdempotentRetriedOnlyWithKey();
    void responseHeadersAndStatus();
    void health();
    void healthWithoutRetries();
    void newerCallSupersedesOlder();
    void cancelDropsCallback();
    void deadContextDropsCallback();
    void resolveImageUrls();

    void timeoutIsRetriedThenReported();
    void connectionRefusedRetriesWithBackoff();
    void garbageBodyIsAnError();
    void unavailableRetriedThenSuccess();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();

    void unauthorizedWithoutAuthenticatorIsAnError();
    void authorizeOnEveryAttempt();
    void unauthorizedRefreshesAndRetriesOnce();
    void rawBodyIsSentAgainAfterARefresh();
    void failedRefreshIsAnError();
    void secondUnauthorizedIsFinal();
    void concurrentUnauthorizedShareOneRefresh();
    void sentBeforeARefreshRetriesWithoutAnother();
    void cancelWhileWaitingForRefresh();
    void authenticatorGoneDuringRefresh();
    void unauthenticatedRequestSkipsTheAuthenticator();
};

void TestApiClient::sendBuildsTheRequest()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return ok(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test/store")));

    ApiRequest request = ApiRequest::get(QStringLiteral("api/things/7"), "a=1&b=x%20y");
    request.headers.append(std::pair<QByteArray, QByteArray>("X-Trace", "abc"));
    CallWaiter<ApiResponse> waiter;
    client.send(request, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE((*waiter.result)->status, 200);
    QCOMPARE((*waiter.result)->json.object().value(QStringLiteral("ok")).toBool(), true);

    QCOMPARE(network.requestCount(), 1);
    QCOMPARE(network.requestMethods().first(), QByteArray("GET"));
    QCOMPARE(network.requestUrls().first().toString(QUrl::FullyEncoded),
             QStringLiteral("http://shop.test/store/api/things/7?a=1&b=x%20y"));
    const QNetworkRequest sent = network.lastRequest();
    QCOMPARE(sent.rawHeader("X-Trace"), QByteArray("abc"));
    QVERIFY(sent.rawHeader("Accept").startsWith("application/json"));
    QVERIFY(!sent.hasRawHeader("Idempotency-Key"));
    QVERIFY(!sent.hasRawHeader("Authorization"));
    QCOMPARE(sent.transferTimeout(), int(ApiClient::kDefaultTimeout.count()));
    QVERIFY(network.requestBodies().first().isEmpty());
}

void TestApiClient::postCarriesJsonAndIdempotencyKey()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return CannedReply {201, "application/json", R"({"id":"c1"})", QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));

    const QByteArray key = ApiClient::newIdempotencyKey();
    QCOMPARE(key.size(), 36); // a UUID without braces
    QVERIFY(key != ApiClient::newIdempotencyKey());
    ApiRequest request = ApiRequest::post(
        QStringLiteral("api/cart/items"),
        QJsonDocument(QJsonObject {{QStringLiteral("sku"), QStringLiteral("A-1")}}));
    request.idempotencyKey = key;
    QVERIFY(request.isRepeatable());
    CallWaiter<ApiResponse> waiter;
    client.send(request, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE((*waiter.result)->status, 201);
    QCOMPARE((*waiter.result)->json.object().value(QStringLiteral("id")).toString(),
             QStringLiteral("c1"));

    QCOMPARE(network.requestMethods(), QList<QByteArray> {"POST"});
    QCOMPARE(network.requestBodies().first(), QByteArray(R"({"sku":"A-1"})"));
    QCOMPARE(network.lastRequest().rawHeader("Idempotency-Key"), key);
    QCOMPARE(network.lastRequest().header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArray("application/json"));

    // Other methods go out as they are named.
    for (const QByteArray &method :
         {QByteArray("PUT"), QByteArray("PATCH"), QByteArray("DELETE")}) {
        ApiRequest other = ApiRequest::get(QStringLiteral("api/cart/items/1"));
        other.method = method;
        if (method != "DELETE") {
            other.body = QJsonDocument(QJsonObject {{QStringLiteral("quantity"), 2}});
        }
        CallWaiter<ApiResponse> done;
        client.send(other, this, done.callback());
        QVERIFY(done.wait());
        SHOP_VERIFY_OK(*done.result);
        QCOMPARE(network.requestMethods().last(), method);
    }
    QCOMPARE(network.requestBodies().at(2), QByteArray(R"({"quantity":2})")); // PATCH
}

void TestApiClient::nonIdempotentRetriedOnlyWithKey_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<int>("expectedRequests");

    QTest::newRow("GET") << QByteArray("GET") << false << 3;
    QTest::newRow("PUT") << QByteArray("PUT") << false << 3;
    QTest::newRow("DELETE") << QByteArray("DELETE") << false << 3;
    QTest::newRow("POST") << QByteArray("POST") << false << 1;
    QTest::newRow("PATCH") << QByteArray("PATCH") << false << 1;
    QTest::newRow("POST + Idempotency-Key") << QByteArray("POST") << true << 3;
}

void TestApiClient::nonIdempotentRetriedOnlyWithKey()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, withKey);
    QFETCH(int, expectedRequests);

    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return unavailable(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(3, 10ms));
    ApiRequest request = ApiRequest::get(QStringLiteral("api/orders"));
    request.method = method;
    if (withKey) {
        request.idempotencyKey = "key-1";
    }
    CallWaiter<ApiResponse> waiter;
    client.send(request, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unavailable);
    QCOMPARE(network.requestCount(), expectedRequests);
    if (withKey) {
        // Every repeat carries the same key, so the server can answer it from the first.
        QCOMPARE(network.requestHeaders("Idempotency-Key"),
                 QList<QByteArray>(expectedRequests, "key-1"));
    }
}

void TestApiClient::responseHeadersAndStatus()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return CannedReply {204, "application/json", {}, QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/empty")), this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE((*waiter.result)->status, 204);
    QVERIFY((*waiter.result)->json.isNull());
    QCOMPARE((*waiter.result)->header("content-type"), QByteArray("application/json"));
    QVERIFY((*waiter.result)->header("X-Missing").isEmpty());
}

void TestApiClient::health()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return ok(R"({"status":"ready"})"); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CallWaiter<HealthStatus> waiter;
    client.health(this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QVERIFY((*waiter.result)->ready);
    QCOMPARE((*waiter.result)->status, QStringLiteral("ready"));

    // Any 2xx body will do: a proxy's plain "OK" still means ready.
    network.setScript([](const QNetworkRequest &, int) {
        return CannedReply {200, "text/plain", "OK", QNetworkReply::NoError};
    });
    CallWaiter<HealthStatus> plain;
    client.health(this, plain.callback());
    QVERIFY(plain.wait());
    SHOP_VERIFY_OK(*plain.result);
    QVERIFY((*plain.result)->ready);
}

void TestApiClient::healthWithoutRetries()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return CannedReply {503, "application/problem+json",
                            problemJson(QStringLiteral("unavailable"), 503,
                                        QStringLiteral("1 database migration is pending.")),
                            QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(4));
    CallOptions options;
    options.retry = false;
    CallWaiter<HealthStatus> waiter;
    client.health(this, waiter.callback(), options);
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unavailable);
    QCOMPARE(network.requestCount(), 1);
    QCOMPARE(network.requestUrls().first().path(), QStringLiteral("/health/ready"));
}

void TestApiClient::newerCallSupersedesOlder()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return ok(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    ApiRequest first = ApiRequest::get(QStringLiteral("api/products"), "search=a");
    first.options.supersedeKey = QStringLiteral("search");
    ApiRequest second = ApiRequest::get(QStringLiteral("api/products"), "search=laptop");
    second.options.supersedeKey = QStringLiteral("search");
    CallWaiter<ApiResponse> older;
    CallWaiter<ApiResponse> newer;
    client.send(first, this, older.callback());
    client.send(second, this, newer.callback());
    QVERIFY(newer.wait());
    SHOP_VERIFY_OK(*newer.result);
    QTest::qWait(100);
    QCOMPARE(older.calls, 0);
    QCOMPARE(newer.calls, 1);
    QCOMPARE(client.pendingCount(), 0);
}

void TestApiClient::cancelDropsCallback()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return ok(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CallWaiter<ApiResponse> waiter;
    const auto id = client.send(ApiRequest::get(QStringLiteral("api/x")), this, waiter.callback());
    QCOMPARE(client.pendingCount(), 1);
    client.cancel(id);
    QCOMPARE(client.pendingCount(), 0);
    QTest::qWait(100);
    QCOMPARE(waiter.calls, 0);
}

void TestApiClient::deadContextDropsCallback()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return ok(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CallWaiter<ApiResponse> waiter;
    auto *context = new QObject;
    client.send(ApiRequest::get(QStringLiteral("api/x")), context, waiter.callback());
    delete context;
    QTRY_COMPARE(client.pendingCount(), 0);
    QCOMPARE(waiter.calls, 0);
}

void TestApiClient::resolveImageUrls()
{
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8080")));
    QCOMPARE(client.resolve(QStringLiteral("/media/products/a.svg")).toString(),
             QStringLiteral("http://127.0.0.1:8080/media/products/a.svg"));
    QCOMPARE(client.resolve(QStringLiteral("https://cdn.example.com/x.png")).toString(),
             QStringLiteral("https://cdn.example.com/x.png"));
    QVERIFY(client.resolve(QString()).isEmpty());

    // A server below a path prefix keeps the prefix.
    ApiClient prefixed;
    prefixed.setBaseUrl(QUrl(QStringLiteral("http://shop.example/store")));
    QCOMPARE(prefixed.resolve(QStringLiteral("/media/x.svg")).toString(),
             QStringLiteral("http://shop.example/store/media/x.svg"));
}

void TestApiClient::timeoutIsRetriedThenReported()
{
    HangingServer hanging;
    QVERIFY(hanging.listen(QHostAddress::LocalHost));
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(hanging.serverPort())));
    client.setTimeout(300ms);
    client.setRetryPolicy(fastRetries(2));
    QSignalSpy retries(&client, &ApiClient::retrying);

    QElapsedTimer clock;
    clock.start();
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/products")), this, waiter.callback());
    QVERIFY(waiter.wait(10000));
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Timeout);
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries.first().at(2).value<Error>().code, ErrorCode::Timeout);
    QCOMPARE(hanging.connections, 2);
    // Two attempts of 300 ms each plus the 50 ms pause.
    QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed())));
}

void TestApiClient::connectionRefusedRetriesWithBackoff()
{
    const quint16 closedPort = Tests::ExternalServer::freePort();
    Tests::FakeNetwork network; // counts and passes every request to the real network
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
    client.setRetryPolicy(fastRetries(4, 100ms));
    QSignalSpy retries(&client, &ApiClient::retrying);
    QSignalSpy reachability(&client, &ApiClient::reachabilityChanged);

    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/products")), this, waiter.callback());
    QVERIFY(waiter.wait(10000));
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unavailable);
    QVERIFY(waiter.result->error().isRetryable());
    QCOMPARE(network.requestCount(), 4);
    QCOMPARE(retries.size(), 3);
    // Exponential backoff: 100, 200, 400 ms between the attempts.
    const QList<qint64> expected {100, 200, 400};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(retries.at(i).at(3).toLongLong(), expected[i]);
        const qint64 gap = network.requestTimes().at(i + 1) - network.requestTimes().at(i);
        // The retry timer is a Qt::CoarseTimer, which may fire up to 5 % early.
        QVERIFY2(gap >= expected[i] * 95 / 100 - 2,
                 qPrintable(QStringLiteral("gap %1: %2 ms").arg(i).arg(gap)));
    }
    QCOMPARE(reachability.size(), 1);
    QCOMPARE(reachability.first().first().toBool(), false);
}

void TestApiClient::garbageBodyIsAnError()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return CannedReply {200, "text/html", "<html><body>Welcome to nginx!</body></html>",
                            QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(3));
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/products")), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Internal);
    QVERIFY(waiter.result->error().message.contains(QStringLiteral("cannot be read")));
    QCOMPARE(network.requestCount(), 1); // not retried: the answer will not change
}

void TestApiClient::unavailableRetriedThenSuccess()
{
    Tests::FakeNetwork network;
    network.setScript(
        [](const QNetworkRequest &, int number) { return number <= 2 ? unavailable() : ok(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(4));
    QSignalSpy retries(&client, &ApiClient::retrying);
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/products")), this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(network.requestCount(), 3);
    QCOMPARE(retries.size(), 2);
    QCOMPARE(retries.first().at(1).toInt(), 2);
    QCOMPARE(retries.first().at(2).value<Error>().code, ErrorCode::Unavailable);
    QCOMPARE(retries.first().at(2).value<Error>().message,
             QStringLiteral("The database cannot be reached."));
    // Every attempt carries the transfer timeout.
    QCOMPARE(network.lastRequest().transferTimeout(), int(ApiClient::kDefaultTimeout.count()));
}

void TestApiClient::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expectedCode");

    QTest::newRow("404 problem") << 404 << QByteArray("application/problem+json")
                                 << problemJson(QStringLiteral("not-found"), 404,
                                                QStringLiteral("No such product."))
                                 << int(ErrorCode::NotFound);
    QTest::newRow("422 with fields")
        << 422 << QByteArray("application/problem+json")
        << QByteArray(R"({"type":"/problems/validation","code":"validation","status":422,)"
                      R"("detail":"Invalid.","errors":[{"field":"page","message":"too big"}]})")
        << int(ErrorCode::Validation);
    QTest::newRow("429 plain") << 429 << QByteArray("text/plain") << QByteArray("slow down")
                               << int(ErrorCode::TooManyRequests);
    QTest::newRow("500 html") << 500 << QByteArray("text/html") << QByteArray("<h1>oops</h1>")
                              << int(ErrorCode::Internal);
}

void TestApiClient::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, expectedCode);

    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &, int) {
        return CannedReply {status, contentType, body, QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(4));
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/products")), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(int(waiter.result->error().code), expectedCode);
    QCOMPARE(network.requestCount(), 1);
    if (status == 422) {
        QCOMPARE(waiter.result->error().fieldErrors.size(), 1);
        QCOMPARE(waiter.result->error().fieldErrors.first().field, QStringLiteral("page"));
    }
}

void TestApiClient::unauthorizedWithoutAuthenticatorIsAnError()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return unauthorized(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/account")), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unauthorized);
    QCOMPARE(waiter.result->error().message, QStringLiteral("The access token has expired."));
    QCOMPARE(network.requestCount(), 1);
}

void TestApiClient::authorizeOnEveryAttempt()
{
    Tests::FakeNetwork network;
    network.setScript(
        [](const QNetworkRequest &, int number) { return number == 1 ? unavailable() : ok(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(3, 10ms));
    FakeAuthenticator auth;
    auth.token = "t1";
    client.setAuthenticator(&auth);
    QCOMPARE(client.authenticator(), &auth);
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/account")), this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(network.requestHeaders("Authorization"),
             (QList<QByteArray> {"Bearer t1", "Bearer t1"}));
    QCOMPARE(auth.refreshes, 0);
}

void TestApiClient::unauthorizedRefreshesAndRetriesOnce()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &request, int) { return freshTokenOnly(request); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    QSignalSpy retries(&client, &ApiClient::retrying);
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/account")), this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(auth.refreshes, 1);
    QCOMPARE(network.requestHeaders("Authorization"),
             (QList<QByteArray> {"Bearer stale", "Bearer fresh"}));
    QCOMPARE(retries.size(), 0); // not a transient failure
}

// Bytes that are not JSON (an image, a CSV file) go out as they are with their Content-Type, and
// a 401 (the access token expired) sends them again, whole, after the refresh.
void TestApiClient::rawBodyIsSentAgainAfterARefresh()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &request, int) { return freshTokenOnly(request); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    QByteArray bytes("\x89PNG\r\n\x1a\n", 8);
    bytes += QByteArray(100000, '\0');
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("api/admin/products/1/images");
    request.rawBody = bytes;
    request.contentType = "image/png";
    CallWaiter<ApiResponse> waiter;
    client.send(request, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(auth.refreshes, 1);
    QCOMPARE(network.requestMethods(), (QList<QByteArray> {"POST", "POST"}));
    QCOMPARE(network.requestBodies(), (QList<QByteArray> {bytes, bytes}));
    QCOMPARE(network.lastRequest().header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArray("image/png"));
    QCOMPARE(network.requestHeaders("Authorization"),
             (QList<QByteArray> {"Bearer stale", "Bearer fresh"}));
}

void TestApiClient::failedRefreshIsAnError()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &request, int) { return freshTokenOnly(request); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    auth.refreshSucceeds = false;
    client.setAuthenticator(&auth);
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/account")), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unauthorized);
    QCOMPARE(waiter.result->error().message, QStringLiteral("The access token has expired."));
    QCOMPARE(auth.refreshes, 1);
    QCOMPARE(network.requestCount(), 1);
    QCOMPARE(client.pendingCount(), 0);
}

void TestApiClient::secondUnauthorizedIsFinal()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return unauthorized(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/account")), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unauthorized);
    QTest::qWait(100); // no loop behind the answer
    QCOMPARE(auth.refreshes, 1);
    QCOMPARE(network.requestCount(), 2);
    QCOMPARE(client.pendingCount(), 0);
}

void TestApiClient::concurrentUnauthorizedShareOneRefresh()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &request, int) { return freshTokenOnly(request); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    std::array<CallWaiter<ApiResponse>, 3> waiters;
    for (int i = 0; i < 3; ++i) {
        client.send(ApiRequest::get(QStringLiteral("api/things/%1").arg(i)), this,
                    waiters[size_t(i)].callback());
    }
    for (auto &waiter : waiters) {
        QVERIFY(waiter.wait());
        SHOP_VERIFY_OK(*waiter.result);
    }
    QCOMPARE(auth.refreshes, 1);
    QCOMPARE(network.requestCount(), 6);
    QCOMPARE(network.requestHeaders("Authorization").count("Bearer fresh"), 3);
}

void TestApiClient::sentBeforeARefreshRetriesWithoutAnother()
{
    // The first call's 401 starts a refresh; the second was sent before it and answered after
    // it finished: it is repeated with the new token without a second refresh.
    Tests::FakeNetwork network;
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    network.setScript([](const QNetworkRequest &request, int) -> std::optional<CannedReply> {
        if (request.url().path().endsWith(QLatin1String("slow"))
            && request.rawHeader("Authorization") == "Bearer stale") {
            return std::nullopt; // goes out on the real network below
        }
        return freshTokenOnly(request);
    });
    // "slow" is answered by a socket that waits until the refresh is over, then says 401.
    QTcpServer slowServer;
    QVERIFY(slowServer.listen(QHostAddress::LocalHost));
    QPointer<QTcpSocket> slowSocket;
    connect(&slowServer, &QTcpServer::newConnection, this,
            [&] { slowSocket = slowServer.nextPendingConnection(); });
    ApiClient::RequestId slowId = 0;
    CallWaiter<ApiResponse> first;
    CallWaiter<ApiResponse> slow;
    client.send(ApiRequest::get(QStringLiteral("api/first")), this, first.callback());
    {
        // Same client, other host: only for the slow call.
        ApiRequest request = ApiRequest::get(QStringLiteral("api/slow"));
        const QUrl base = client.baseUrl();
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(slowServer.serverPort())));
        slowId = client.send(request, this, slow.callback());
        client.setBaseUrl(base);
    }
    QVERIFY(slowId != 0);
    QVERIFY(first.wait());
    SHOP_VERIFY_OK(*first.result);
    QCOMPARE(auth.refreshes, 1);
    QTRY_VERIFY(slowSocket);
    QTRY_VERIFY(slowSocket->bytesAvailable() > 0);
    slowSocket->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/problem+json\r\n"
                      "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
    QVERIFY(slow.wait());
    // Repeated (to the fake network's "slow", with the fresh token) and answered there.
    SHOP_VERIFY_OK(*slow.result);
    QCOMPARE(auth.refreshes, 1);
}

void TestApiClient::cancelWhileWaitingForRefresh()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &request, int) { return freshTokenOnly(request); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    CallWaiter<ApiResponse> cancelled;
    const auto id =
        client.send(ApiRequest::get(QStringLiteral("api/account")), this, cancelled.callback());
    QTRY_COMPARE(auth.refreshes, 1);
    client.cancel(id);
    QCOMPARE(client.pendingCount(), 0);
    QTest::qWait(100); // the refresh finishes
    QCOMPARE(cancelled.calls, 0);
    QCOMPARE(network.requestCount(), 1);
}

void TestApiClient::authenticatorGoneDuringRefresh()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &request, int) { return freshTokenOnly(request); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    auto *auth = new FakeAuthenticator;
    client.setAuthenticator(auth);
    CallWaiter<ApiResponse> waiter;
    client.send(ApiRequest::get(QStringLiteral("api/account")), this, waiter.callback());
    QTRY_COMPARE(auth->refreshes, 1);
    delete auth; // signed out meanwhile
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unauthorized);
    QVERIFY(!client.authenticator());
}

void TestApiClient::unauthenticatedRequestSkipsTheAuthenticator()
{
    // The sign-in calls themselves: no bearer token, and their 401 is the answer, not a refresh.
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return unauthorized(); });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    FakeAuthenticator auth;
    client.setAuthenticator(&auth);
    ApiRequest request = ApiRequest::post(QStringLiteral("api/auth/login"), QJsonDocument());
    request.authenticate = false;
    CallWaiter<ApiResponse> waiter;
    client.send(request, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unauthorized);
    QCOMPARE(auth.refreshes, 0);
    QCOMPARE(network.requestCount(), 1);
    QVERIFY(!network.lastRequest().hasRawHeader("Authorization"));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
