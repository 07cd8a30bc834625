// Conditional GET in the HTTP platform: entity tags as the ETag header wants them, If-None-Match
// with the weak comparison of RFC 9110, and the 304 answer with no body.

#include "http/conditional.h"

#include <QTest>

using namespace Shop;

class TestConditional final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entityTagForContent()
    {
        const QByteArray tag = Http::entityTagFor("hello");
        QCOMPARE(tag, QByteArray("\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\""));
        QCOMPARE(Http::entityTagFor("hello"), tag); // stable
        QVERIFY(Http::entityTagFor("hello!") != tag);
    }

    void normalizedEntityTag_data()
    {
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<QByteArray>("expected"); // empty: not usable as a tag

        QTest::newRow("quoted") << QByteArray("\"abc\"") << QByteArray("\"abc\"");
        QTest::newRow("weak") << QByteArray("W/\"abc\"") << QByteArray("W/\"abc\"");
        QTest::newRow("bare token") << QByteArray("abc123") << QByteArray("\"abc123\"");
        QTest::newRow("spaces around") << QByteArray("  \"x\" ") << QByteArray("\"x\"");
        QTest::newRow("empty quoted") << QByteArray("\"\"") << QByteArray("\"\"");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("space inside") << QByteArray("a b") << QByteArray();
        QTest::newRow("quote inside") << QByteArray("\"a\"b\"") << QByteArray();
        QTest::newRow("control") << QByteArray("a\x01") << QByteArray();
        QTest::newRow("header injection") << QByteArray("a\r\nSet-Cookie: x") << QByteArray();
    }

    void normalizedEntityTag()
    {
        QFETCH(QByteArray, stored);
        QFETCH(QByteArray, expected);
        QCOMPARE(Http::normalizedEntityTag(stored), expected);
    }

    void ifNoneMatch_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("etag");
        QTest::addColumn<bool>("matches");

        QTest::newRow("same") << QByteArray("\"v1\"") << QByteArray("\"v1\"") << true;
        QTest::newRow("other") << QByteArray("\"v2\"") << QByteArray("\"v1\"") << false;
        QTest::newRow("star") << QByteArray("*") << QByteArray("\"v1\"") << true;
        QTest::newRow("list") << QByteArray("\"a\", \"v1\"") << QByteArray("\"v1\"") << true;
        QTest::newRow("list, none") << QByteArray("\"a\",\"b\"") << QByteArray("\"v1\"") << false;
        QTest::newRow("weak theirs") << QByteArray("W/\"v1\"") << QByteArray("\"v1\"") << true;
        QTest::newRow("weak ours") << QByteArray("\"v1\"") << QByteArray("W/\"v1\"") << true;
        QTest::newRow("unquoted") << QByteArray("v1") << QByteArray("\"v1\"") << false;
        QTest::newRow("empty items") << QByteArray(",,") << QByteArray("\"v1\"") << false;
        QTest::newRow("no etag") << QByteArray("*") << QByteArray() << false;
    }

    void ifNoneMatch()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, etag);
        QFETCH(bool, matches);
        QCOMPARE(Http::ifNoneMatchMatches(header, etag), matches);
    }

    void conditionalResponse_data()
    {
        QTest::addColumn<QByteArray>("ifNoneMatch"); // empty: no header
        QTest::addColumn<int>("status");

        QTest::newRow("no header") << QByteArray() << 200;
        QTest::newRow("matching") << QByteArray("\"v1\"") << 304;
        QTest::newRow("stale") << QByteArray("\"v0\"") << 200;
    }

    void conditionalResponse()
    {
        QFETCH(QByteArray, ifNoneMatch);
        QFETCH(int, status);

        Http::Request request;
        request.method = QByteArrayLiteral("GET");
        if (!ifNoneMatch.isEmpty()) {
            request.headers.append({QByteArrayLiteral("if-none-match"), ifNoneMatch});
        }
        const Http::Response response = Http::conditionalResponse(
            request, QByteArrayLiteral("\"v1\""),
            Http::Response::bytes(QByteArrayLiteral("text/plain"), QByteArrayLiteral("body")),
            QByteArrayLiteral("public, max-age=60"));
        QCOMPARE(response.status, status);
        QCOMPARE(response.body.isEmpty(), status == 304);
        QCOMPARE(response.header("ETag"), QByteArray("\"v1\""));
        QCOMPARE(response.header("Cache-Control"), QByteArray("public, max-age=60"));
    }
};

QTEST_GUILESS_MAIN(TestConditional)
#include "tst_conditional.moc"
