#include "http/request.h"
#include "http/response.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Http;

class TestRequest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonObject_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code"); // -1: success
        QTest::addColumn<QString>("detailPart");

        QTest::newRow("object") << QByteArray("application/json") << QByteArray(R"({"a":1})") << -1
                                << QString();
        QTest::newRow("charset parameter") << QByteArray("application/json; charset=utf-8")
                                           << QByteArray(R"({"a":1})") << -1 << QString();
        QTest::newRow("case and spaces")
            << QByteArray("  Application/JSON ;x=y") << QByteArray(R"({"a":1})") << -1 << QString();
        QTest::newRow("no content type")
            << QByteArray() << QByteArray(R"({"a":1})") << int(ErrorCode::UnsupportedMediaType)
            << QStringLiteral("no Content-Type");
        QTest::newRow("text") << QByteArray("text/plain") << QByteArray(R"({"a":1})")
                              << int(ErrorCode::UnsupportedMediaType)
                              << QStringLiteral("text/plain");
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                              << QByteArray("a=1") << int(ErrorCode::UnsupportedMediaType)
                              << QStringLiteral("application/json");
        QTest::newRow("json prefix is not json")
            << QByteArray("application/jsonx") << QByteArray(R"({"a":1})")
            << int(ErrorCode::UnsupportedMediaType) << QString();
        QTest::newRow("malformed")
            << QByteArray("application/json") << QByteArray(R"({"a":)")
            << int(ErrorCode::BadRequest) << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("application/json") << QByteArray("[1,2]")
                               << int(ErrorCode::BadRequest) << QStringLiteral("JSON object");
        QTest::newRow("scalar") << QByteArray("application/json") << QByteArray("42")
                                << int(ErrorCode::BadRequest) << QString();
        QTest::newRow("empty") << QByteArray("application/json") << QByteArray()
                               << int(ErrorCode::BadRequest) << QStringLiteral("empty");
        QTest::newRow("blank") << QByteArray("application/json") << QByteArray(" \r\n")
                               << int(ErrorCode::BadRequest) << QStringLiteral("empty");
    }

    void jsonObject()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, detailPart);

        Request request;
        request.method = "POST";
        if (!contentType.isNull()) {
            request.headers.append({QByteArrayLiteral("content-type"), contentType});
        }
        request.body = body;
        const Result<QJsonObject> result = request.jsonObject();
        if (code < 0) {
            QVERIFY(result.has_value());
            QCOMPARE(result->value(u"a").toInt(), 1);
            return;
        }
        QVERIFY(!result.has_value());
        QCOMPARE(int(result.error().code), code);
        QVERIFY2(result.error().message.contains(detailPart), qPrintable(result.error().message));
    }

    void headerLookupIgnoresCase()
    {
        Request request;
        request.headers = {{"x-one", "1"}, {"x-two", "2"}, {"x-one", "again"}};
        QCOMPARE(request.header("X-One"), QByteArray("1"));
        QCOMPARE(request.header("x-TWO"), QByteArray("2"));
        QVERIFY(request.header("x-three").isNull());
        request.pathParams.insert(QStringLiteral("id"), QStringLiteral("7"));
        QCOMPARE(request.pathParam(QStringLiteral("id")), QStringLiteral("7"));
        QCOMPARE(request.pathParam(QStringLiteral("nope")), QString());
    }

    void responseFactories()
    {
        const Response object = Response::json(QJsonObject {{QStringLiteral("a"), 1}}, 201);
        QCOMPARE(object.status, 201);
        QCOMPARE(object.contentType, QByteArray("application/json"));
        QCOMPARE(object.body, QByteArray(R"({"a":1})")); // compact
        QCOMPARE(Response::json(QJsonArray {1, 2}).body, QByteArray("[1,2]"));
        QCOMPARE(Response::noContent().status, 204);
        QVERIFY(Response::noContent().body.isEmpty());
        const Response bytes = Response::bytes("image/svg+xml", "<svg/>");
        QCOMPARE(bytes.status, 200);
        QCOMPARE(bytes.contentType, QByteArray("image/svg+xml"));
    }

    void setHeaderReplaces()
    {
        Response response;
        response.headers = {{"Vary", "a"}, {"X-A", "1"}, {"vary", "b"}};
        response.setHeader("VARY", "c");
        QCOMPARE(response.headers.size(), 2);
        QCOMPARE(response.header("vary"), QByteArray("c"));
        QCOMPARE(response.headers.at(0).first, QByteArray("Vary")); // kept in place
        response.setHeader("X-B", "2");
        QCOMPARE(response.header("x-b"), QByteArray("2"));
        QCOMPARE(response.headers.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestRequest)
#include "tst_request.moc"
