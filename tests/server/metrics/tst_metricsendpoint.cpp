// GET /metrics of the REAL shop-server (ExternalServer: the binary, a fresh PostgreSQL database,
// shop-sandbox for the emails), scraped over a real socket on its own port and read with the
// strict exposition-format parser (promtext.h): every line valid, TYPE before samples, histogram
// invariants. Then the counters must have moved as the requests made them: three GETs of a
// route, a 404, a 429 of the auth rate limit, an email job enqueued by a registration and run.

#include "promtext.h"
#include "support/externalserver.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Shop;
using namespace Shop::Tests;

class TestMetricsEndpoint final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scrapeParsesAndCountersMove();
    void onlyMetricsIsServed();
    void cleanupTestCase();

private:
    [[nodiscard]] std::optional<PromText> scrape(QString *error);

    std::unique_ptr<ExternalServer> m_server;
    quint16 m_metricsPort = 0;
};

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QList<std::pair<QByteArray, QByteArray>> kJsonHeaders {
    {"Content-Type", "application/json"}, {"X-Requested-With", "XMLHttpRequest"}};

double valueOr0(const PromText &prom, const QByteArray &name,
                const QMap<QByteArray, QString> &labels = {})
{
    return prom.value(name, labels).value_or(0);
}

} // namespace

void TestMetricsEndpoint::initTestCase()
{
    m_metricsPort = ExternalServer::freePort();
    QVERIFY(m_metricsPort != 0);
    ExternalServer::Options options;
    options.sandbox = true; // the welcome email is a job that really sends
    options.environment.insert(QStringLiteral("SHOP_METRICS_LISTEN"),
                               QStringLiteral("127.0.0.1:%1").arg(m_metricsPort));
    // Register (1) and two sign-ins (2, 3) are allowed; the next is refused by the auth class.
    options.environment.insert(QStringLiteral("SHOP_RATELIMIT_AUTH_PER_15MIN"),
                               QStringLiteral("3"));
    m_server = std::make_unique<ExternalServer>();
    QVERIFY2(m_server->start(options), qPrintable(m_server->errorString()));
}

void TestMetricsEndpoint::cleanupTestCase()
{
    m_server.reset();
}

std::optional<PromText> TestMetricsEndpoint::scrape(QString *error)
{
    HttpClient client(m_metricsPort);
    if (!client.isConnected()) {
        *error = QStringLiteral("cannot connect to the metrics port");
        return std::nullopt;
    }
    const HttpReply reply = client.request("GET", "/metrics", {}, {}, 30000);
    if (reply.status != 200) {
        *error = QStringLiteral("GET /metrics answered %1").arg(reply.status);
        return std::nullopt;
    }
    if (reply.header("content-type") != "text/plain; version=0.0.4; charset=utf-8") {
        *error = QStringLiteral("Content-Type %1")
                     .arg(QString::fromLatin1(reply.header("content-type")));
        return std::nullopt;
    }
    return PromText::parse(reply.body, error);
}

void TestMetricsEndpoint::scrapeParsesAndCountersMove()
{
    QString error;
    const std::optional<PromText> before = scrape(&error);
    QVERIFY2(before, qPrintable(error));
    // Families present from the start.
    for (const char *family :
         {"shop_http_requests_total", "shop_http_request_duration_seconds",
          "shop_worker_pool_queue_depth", "shop_db_pool_connections",
          "shop_db_query_duration_seconds", "shop_webhook_lag_seconds", "shop_emails_sent_total",
          "shop_emails_failed_total", "shop_cache_requests_total"}) {
        QVERIFY2(before->families().contains(family), family);
    }
    QCOMPARE(before->families().value("shop_http_request_duration_seconds").type,
             QByteArray("histogram"));

    const QMap<QByteArray, QString> categories200 {{"route", QStringLiteral("/api/categories")},
                                                   {"method", QStringLiteral("GET")},
                                                   {"status", QStringLiteral("200")}};
    const QMap<QByteArray, QString> unmatched404 {{"route", QStringLiteral("unmatched")},
                                                  {"method", QStringLiteral("GET")},
                                                  {"status", QStringLiteral("404")}};
    const QMap<QByteArray, QString> login429 {{"route", QStringLiteral("/api/auth/login")},
                                              {"method", QStringLiteral("POST")},
                                              {"status", QStringLiteral("429")}};
    const QMap<QByteArray, QString> mailDone {{"kind", QStringLiteral("mail")},
                                              {"outcome", QStringLiteral("done")}};

    // A connection per request: an error answer may close its connection.
    struct Api
    {
        quint16 port;
        HttpReply request(const QByteArray &method, const QByteArray &target,
                          const QList<std::pair<QByteArray, QByteArray>> &headers,
                          const QByteArray &body, int timeoutMs)
        {
            HttpClient client(port);
            return client.request(method, target, headers, body, timeoutMs);
        }
    } api {m_server->port()};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(api.request("GET", "/api/categories", {}, {}, 30000).status, 200);
    }
    QCOMPARE(api.request("GET", "/api/categories/../../etc", {}, {}, 30000).status, 400);
    QCOMPARE(api.request("GET", "/no/such/thing", {}, {}, 30000).status, 404);
    const HttpReply registered =
        api.request("POST", "/api/auth/register", kJsonHeaders,
                    json({{QStringLiteral("email"), QStringLiteral("metrics@example.com")},
                          {QStringLiteral("password"), QStringLiteral("a long enough secret 1")},
                          {QStringLiteral("first_name"), QStringLiteral("Ada")},
                          {QStringLiteral("last_name"), QStringLiteral("Lovelace")}}),
                    30000);
    QVERIFY2(registered.status == 201, registered.body.constData());
    const QByteArray wrong =
        json({{QStringLiteral("email"), QStringLiteral("metrics@example.com")},
              {QStringLiteral("password"), QStringLiteral("not the password")}});
    QCOMPARE(api.request("POST", "/api/auth/login", kJsonHeaders, wrong, 30000).status, 401);
    QCOMPARE(api.request("POST", "/api/auth/login", kJsonHeaders, wrong, 30000).status, 401);
    const HttpReply limited = api.request("POST", "/api/auth/login", kJsonHeaders, wrong, 30000);
    QCOMPARE(limited.status, 429);

    std::optional<PromText> after = scrape(&error);
    QVERIFY2(after, qPrintable(error));
    QCOMPARE(valueOr0(*after, "shop_http_requests_total", categories200),
             valueOr0(*before, "shop_http_requests_total", categories200) + 3);
    QCOMPARE(valueOr0(*after, "shop_http_requests_total", unmatched404),
             valueOr0(*before, "shop_http_requests_total", unmatched404) + 1);
    QCOMPARE(valueOr0(*after, "shop_http_requests_total", login429), 1.0);
    QCOMPARE(
        valueOr0(*after, "shop_http_requests_total",
                 {{"route", QStringLiteral("/api/auth/login")}, {"status", QStringLiteral("401")}}),
        2.0);
    // The raw path never becomes a label: only route patterns and "unmatched".
    for (const PromSample &s : after->families().value("shop_http_requests_total").samples) {
        QVERIFY2(!s.labels.value("route").contains(u"no/such"),
                 qPrintable(s.labels.value("route")));
        QVERIFY2(!s.labels.value("route").contains(u"etc"), qPrintable(s.labels.value("route")));
    }
    QVERIFY(valueOr0(*after, "shop_http_request_duration_seconds_count",
                     {{"route", QStringLiteral("/api/categories")}})
            >= 3);
    QCOMPARE(valueOr0(*after, "shop_rate_limit_rejections_total",
                      {{"scope", QStringLiteral("ip.auth")}}),
             1.0);
    QVERIFY(valueOr0(*after, "shop_db_query_duration_seconds_count")
            > valueOr0(*before, "shop_db_query_duration_seconds_count"));
    QVERIFY(valueOr0(*after, "shop_db_pool_connections", {{"state", QStringLiteral("open")}}) >= 1);
    QVERIFY(after->value("shop_worker_pool_queue_depth").has_value());
    // The catalog cache saw the three category lookups (the first a miss, the others hits).
    QVERIFY(valueOr0(*after, "shop_cache_requests_total",
                     {{"tier", QStringLiteral("memory")}, {"cache", QStringLiteral("catalog")}})
            >= valueOr0(*before, "shop_cache_requests_total",
                        {{"tier", QStringLiteral("memory")}, {"cache", QStringLiteral("catalog")}})
                + 3);

    // The welcome email: a job enqueued by the registration, run by a worker, sent to the sandbox.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            after = scrape(&error);
            return after && valueOr0(*after, "shop_jobs_processed_total", mailDone) >= 1
                && valueOr0(*after, "shop_emails_sent_total") >= 1;
        }(),
        30000);
    QVERIFY2(after, qPrintable(error));
    QCOMPARE(valueOr0(*after, "shop_emails_failed_total"), 0.0);
}

void TestMetricsEndpoint::onlyMetricsIsServed()
{
    HttpClient other(m_metricsPort);
    QVERIFY(other.isConnected());
    QCOMPARE(other.request("GET", "/", {}, {}, 30000).status, 404);
    HttpClient post(m_metricsPort);
    const HttpReply refused = post.request("POST", "/metrics", {}, "x", 30000);
    QCOMPARE(refused.status, 405);
    QCOMPARE(refused.header("allow"), QByteArray("GET, HEAD"));
    HttpClient head(m_metricsPort);
    QVERIFY(head.send("HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n"));
    const HttpReply headReply = head.read(30000, true);
    QCOMPARE(headReply.status, 200);
    QVERIFY(headReply.body.isEmpty());
    // The API port does not serve the metrics.
    HttpClient api(m_server->port());
    QCOMPARE(api.request("GET", "/metrics", {}, {}, 30000).status, 404);
}

QTEST_GUILESS_MAIN(TestMetricsEndpoint)
#include "tst_metricsendpoint.moc"
