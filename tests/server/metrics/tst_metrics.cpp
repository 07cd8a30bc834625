// The metrics registry and its text rendering (server/metrics/metrics.h), read back with the
// strict parser of the exposition format (promtext.h): escaping, histogram buckets, counters by
// route and status, collectors added and removed.

#include "metrics/metrics.h"
#include "promtext.h"

#include <QTest>
#include <QThread>

#include <thread>
#include <vector>

using namespace Shop;
using Shop::Tests::PromText;

class TestMetrics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyRegistryParses();
    void routeCountsAndHistogram();
    void histogramBucketsAreCumulative();
    void labelValuesAreEscaped();
    void collectorsComeAndGo();
    void concurrentCountsAddUp();
    void parserRefusesBrokenText_data();
    void parserRefusesBrokenText();
};

namespace {

PromText parsed(const QByteArray &text)
{
    QString error;
    std::optional<PromText> prom = PromText::parse(text, &error);
    if (!prom) {
        qFatal("not valid exposition text (%s):\n%s", qPrintable(error), text.constData());
    }
    return *prom;
}

double valueOf(const PromText &prom, const QByteArray &name,
               const QMap<QByteArray, QString> &labels = {})
{
    return prom.value(name, labels).value_or(-1);
}

} // namespace

void TestMetrics::emptyRegistryParses()
{
    const PromText prom = parsed(Metrics::registry().render());
    QVERIFY(prom.families().contains("shop_db_query_duration_seconds"));
    QCOMPARE(prom.families().value("shop_db_query_duration_seconds").type, QByteArray("histogram"));
    QCOMPARE(prom.families().value("shop_emails_sent_total").type, QByteArray("counter"));
    QCOMPARE(prom.families().value("shop_db_pool_connections").type, QByteArray("gauge"));
}

void TestMetrics::routeCountsAndHistogram()
{
    Metrics::RouteMetrics &route =
        Metrics::registry().route(QStringLiteral("/api/products/{id}"), "GET");
    QCOMPARE(&route, &Metrics::registry().route(QStringLiteral("/api/products/{id}"), "GET"));
    route.record(200, std::chrono::microseconds(300));
    route.record(200, std::chrono::milliseconds(30));
    route.record(404, std::chrono::seconds(20));
    const PromText prom = parsed(Metrics::registry().render());
    const QMap<QByteArray, QString> labels {{"route", QStringLiteral("/api/products/{id}")},
                                            {"method", QStringLiteral("GET")}};
    auto with = [&labels](const char *name, const QString &value) {
        auto l = labels;
        l.insert(name, value);
        return l;
    };
    QCOMPARE(valueOf(prom, "shop_http_requests_total", with("status", QStringLiteral("200"))), 2.0);
    QCOMPARE(valueOf(prom, "shop_http_requests_total", with("status", QStringLiteral("404"))), 1.0);
    QVERIFY(!prom.value("shop_http_requests_total", with("status", QStringLiteral("500"))));
    QCOMPARE(valueOf(prom, "shop_http_request_duration_seconds_count", labels), 3.0);
    QCOMPARE(valueOf(prom, "shop_http_request_duration_seconds_bucket",
                     with("le", QStringLiteral("0.001"))),
             1.0);
    QCOMPARE(
        prom.value("shop_http_request_duration_seconds_bucket", with("le", QStringLiteral("0.05"))),
        2.0);
    QCOMPARE(
        prom.value("shop_http_request_duration_seconds_bucket", with("le", QStringLiteral("10"))),
        2.0);
    QCOMPARE(
        prom.value("shop_http_request_duration_seconds_bucket", with("le", QStringLiteral("+Inf"))),
        3.0);
    QVERIFY(qAbs(*prom.value("shop_http_request_duration_seconds_sum", labels) - 20.0303) < 1e-9);
}

void TestMetrics::histogramBucketsAreCumulative()
{
    Metrics::Histogram histogram({0.5, 0.1, 1}); // unsorted on purpose
    histogram.observeSeconds(0.05);
    histogram.observeSeconds(0.1); // on the bound: counts in le="0.1"
    histogram.observeSeconds(0.7);
    histogram.observeSeconds(100);
    histogram.observeSeconds(-1); // clamped to 0
    const Metrics::Histogram::Snapshot s = histogram.snapshot();
    QCOMPARE(s.upperBounds, (std::vector<double> {0.1, 0.5, 1}));
    QCOMPARE(s.cumulative, (std::vector<quint64> {3, 3, 4, 5}));
    QCOMPARE(s.count, quint64(5));
    QVERIFY(qAbs(s.sumSeconds - 100.85) < 1e-9);
    Metrics::Exposition out;
    out.addHistogram("test_seconds", "A test.", {{"a", QStringLiteral("b")}}, s);
    const PromText prom = parsed(out.text());
    QCOMPARE(valueOf(prom, "test_seconds_bucket", {{"le", QStringLiteral("+Inf")}}), 5.0);
    QCOMPARE(valueOf(prom, "test_seconds_count"), 5.0);
}

void TestMetrics::labelValuesAreEscaped()
{
    const QString nasty = QStringLiteral("a\"b\\c\nd {x=\"1\"} Größe");
    Metrics::Exposition out;
    out.add("test_total", "Help with a \\ backslash\nand a line feed.",
            Metrics::Exposition::Type::Counter, {{"scope", nasty}}, 7);
    const QByteArray text = out.text();
    QVERIFY(text.contains(R"(# HELP test_total Help with a \\ backslash\nand a line feed.)"));
    QVERIFY(text.contains(R"(test_total{scope="a\"b\\c\nd {x=\"1\"} Größe"} 7)"));
    const PromText prom = parsed(text);
    QCOMPARE(valueOf(prom, "test_total", {{"scope", nasty}}), 7.0);
    QCOMPARE(Metrics::Exposition::formatValue(0.25), QByteArray("0.25"));
    QCOMPARE(Metrics::Exposition::formatValue(3), QByteArray("3"));
    QCOMPARE(Metrics::Exposition::formatValue(qInf()), QByteArray("+Inf"));
}

void TestMetrics::collectorsComeAndGo()
{
    {
        const Metrics::CollectorHandle handle([](Metrics::Exposition &out) {
            out.add("test_collected", "Collected at scrape time.", Metrics::Exposition::Type::Gauge,
                    {{"kind", QStringLiteral("a")}}, 1);
            out.add("test_collected", "Collected at scrape time.", Metrics::Exposition::Type::Gauge,
                    {{"kind", QStringLiteral("b")}}, 2);
        });
        const PromText prom = parsed(Metrics::registry().render());
        QCOMPARE(valueOf(prom, "test_collected"), 3.0);
        QCOMPARE(prom.families().value("test_collected").samples.size(), 2);
    }
    QVERIFY(!parsed(Metrics::registry().render()).families().contains("test_collected"));
}

void TestMetrics::concurrentCountsAddUp()
{
    Metrics::RouteMetrics &route = Metrics::registry().route(QStringLiteral("/concurrent"), "POST");
    std::atomic<quint64> &scope =
        Metrics::registry().rateLimitRejections().counter({QStringLiteral("test.concurrent")});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&route, &scope] {
            for (int i = 0; i < 10000; ++i) {
                route.record(201, std::chrono::microseconds(i));
                scope.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    const PromText prom = parsed(Metrics::registry().render());
    QCOMPARE(
        prom.value("shop_http_requests_total",
                   {{"route", QStringLiteral("/concurrent")}, {"status", QStringLiteral("201")}}),
        40000.0);
    QCOMPARE(valueOf(prom, "shop_http_request_duration_seconds_count",
                     {{"route", QStringLiteral("/concurrent")}}),
             40000.0);
    QCOMPARE(valueOf(prom, "shop_rate_limit_rejections_total",
                     {{"scope", QStringLiteral("test.concurrent")}}),
             40000.0);
}

void TestMetrics::parserRefusesBrokenText_data()
{
    // The parser must be able to fail, or the endpoint test proves nothing.
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("no final LF") << QByteArray("# TYPE a gauge\na 1");
    QTest::newRow("sample before TYPE") << QByteArray("a 1\n# TYPE a gauge\n");
    QTest::newRow("no TYPE") << QByteArray("a 1\n");
    QTest::newRow("blank line") << QByteArray("# TYPE a gauge\n\na 1\n");
    QTest::newRow("bad value") << QByteArray("# TYPE a gauge\na one\n");
    QTest::newRow("bad escape") << QByteArray("# TYPE a gauge\na{x=\"\\t\"} 1\n");
    QTest::newRow("unquoted label") << QByteArray("# TYPE a gauge\na{x=1} 1\n");
    QTest::newRow("series twice") << QByteArray("# TYPE a gauge\na 1\na 2\n");
    QTest::newRow("split family") << QByteArray(
        "# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n");
    QTest::newRow("counter name") << QByteArray("# TYPE a counter\na 1\n");
    QTest::newRow("TYPE twice") << QByteArray("# TYPE a gauge\n# TYPE a gauge\na 1\n");
    QTest::newRow("histogram without +Inf")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n");
    QTest::newRow("histogram +Inf != count") << QByteArray(
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n");
    QTest::newRow("histogram not cumulative")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\n"
                      "h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n");
    QTest::newRow("histogram le order")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n"
                      "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n");
    QTest::newRow("histogram without sum")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n");
}

void TestMetrics::parserRefusesBrokenText()
{
    QFETCH(QByteArray, text);
    QString error;
    QVERIFY2(!PromText::parse(text, &error), text.constData());
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
