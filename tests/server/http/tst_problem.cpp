#include "http/problem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Shop;
using namespace Shop::Http;

class TestProblem final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusOfEveryCode_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("name");
        QTest::newRow("bad request") << ErrorCode::BadRequest << 400 << "bad-request";
        QTest::newRow("validation") << ErrorCode::Validation << 422 << "validation";
        QTest::newRow("not found") << ErrorCode::NotFound << 404 << "not-found";
        QTest::newRow("method") << ErrorCode::MethodNotAllowed << 405 << "method-not-allowed";
        QTest::newRow("conflict") << ErrorCode::Conflict << 409 << "conflict";
        QTest::newRow("precondition failed")
            << ErrorCode::PreconditionFailed << 412 << "precondition-failed";
        QTest::newRow("unauthorized") << ErrorCode::Unauthorized << 401 << "unauthorized";
        QTest::newRow("forbidden") << ErrorCode::Forbidden << 403 << "forbidden";
        QTest::newRow("too large") << ErrorCode::PayloadTooLarge << 413 << "payload-too-large";
        QTest::newRow("media type")
            << ErrorCode::UnsupportedMediaType << 415 << "unsupported-media-type";
        QTest::newRow("request timeout") << ErrorCode::RequestTimeout << 408 << "request-timeout";
        QTest::newRow("too many") << ErrorCode::TooManyRequests << 429 << "too-many-requests";
        QTest::newRow("unavailable") << ErrorCode::Unavailable << 503 << "unavailable";
        QTest::newRow("timeout") << ErrorCode::Timeout << 504 << "timeout";
        QTest::newRow("internal") << ErrorCode::Internal << 500 << "internal";
    }

    void statusOfEveryCode()
    {
        QFETCH(ErrorCode, code);
        QFETCH(int, status);
        QFETCH(QString, name);
        QCOMPARE(httpStatus(code), status);

        const Error error {code, QStringLiteral("what happened"), {}};
        const Response response =
            problemResponse(error, QStringLiteral("/api/x"), QStringLiteral("req-1"));
        QCOMPARE(response.status, status);
        QCOMPARE(response.contentType, QByteArray("application/problem+json"));
        QCOMPARE(response.header("cache-control"), QByteArray("no-store"));
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(body.value(u"status").toInt(), status);
        QCOMPARE(body.value(u"code").toString(), name);
        QCOMPARE(body.value(u"type").toString(), u"/problems/" + name);
        QCOMPARE(body.value(u"title").toString(), QString::fromLatin1(reasonPhrase(status)));
        QCOMPARE(body.value(u"instance").toString(), QStringLiteral("/api/x"));
        QCOMPARE(body.value(u"request_id").toString(), QStringLiteral("req-1"));
        if (code == ErrorCode::Internal) {
            QVERIFY(!body.value(u"detail").toString().contains(u"what happened"));
            QVERIFY(body.value(u"detail").toString().contains(u"request id"));
        } else {
            QCOMPARE(body.value(u"detail").toString(), QStringLiteral("what happened"));
        }
    }

    void everyCodeHasAClientErrorOrServerErrorStatus()
    {
        for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
            const int status = httpStatus(ErrorCode(i));
            QVERIFY2(status >= 400 && status <= 599, qPrintable(errorCodeName(ErrorCode(i))));
            QVERIFY(reasonPhrase(status) != "Unknown");
        }
    }

    void fieldErrorsAreListed()
    {
        const Error error =
            Error::validation({{QStringLiteral("limit"), QStringLiteral("too big")},
                               {QStringLiteral("page"), QStringLiteral("not a number")}});
        const QJsonObject body =
            QJsonDocument::fromJson(
                problemResponse(error, QStringLiteral("/p"), QStringLiteral("r")).body)
                .object();
        const QJsonArray errors = body.value(u"errors").toArray();
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0).toObject().value(u"field").toString(), QStringLiteral("limit"));
        QCOMPARE(errors.at(1).toObject().value(u"message").toString(),
                 QStringLiteral("not a number"));
    }

    void internalHidesFieldErrors()
    {
        Error error = Error::internal(QStringLiteral("SELECT failed: relation secret_table"));
        error.fieldErrors.append({QStringLiteral("sql"), QStringLiteral("secret")});
        const Response response = problemResponse(error, QStringLiteral("/p"), QStringLiteral("r"));
        QVERIFY(!response.body.contains("secret"));
        QVERIFY(!response.body.contains("errors"));
    }

    void logDetailIsNeverSent()
    {
        for (Error error : {Error::unavailable(QStringLiteral("The database cannot be reached.")),
                            Error::internal(QStringLiteral("Query failed.")),
                            Error::badRequest(QStringLiteral("Bad."))}) {
            error.logDetail = QStringLiteral("postgresql://shop:***@db:5432/shop: timeout");
            const Response response =
                problemResponse(error, QStringLiteral("/p"), QStringLiteral("r"));
            QVERIFY2(!response.body.contains("postgresql"), response.body.constData());
        }
    }

    void statusProblem_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("431 has no code of its own") << 431 << "bad-request";
        QTest::newRow("417") << 417 << "bad-request";
        QTest::newRow("501") << 501 << "bad-request";
        QTest::newRow("505") << 505 << "bad-request";
        QTest::newRow("413 maps back to its code") << 413 << "payload-too-large";
        QTest::newRow("408") << 408 << "request-timeout";
        QTest::newRow("400") << 400 << "bad-request";
    }

    void statusProblem()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        const Response response = Http::statusProblem(status, QStringLiteral("detail text"),
                                                      QStringLiteral("/x"), QStringLiteral("id"));
        QCOMPARE(response.status, status);
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(body.value(u"status").toInt(), status);
        QCOMPARE(body.value(u"code").toString(), code);
        QCOMPARE(body.value(u"title").toString(), QString::fromLatin1(reasonPhrase(status)));
        QCOMPARE(body.value(u"detail").toString(), QStringLiteral("detail text"));
    }

    void reasonPhrases_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("phrase");
        QTest::newRow("200") << 200 << QByteArray("OK");
        QTest::newRow("204") << 204 << QByteArray("No Content");
        QTest::newRow("304") << 304 << QByteArray("Not Modified");
        QTest::newRow("413") << 413 << QByteArray("Content Too Large");
        QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large");
        QTest::newRow("503") << 503 << QByteArray("Service Unavailable");
        QTest::newRow("unknown") << 299 << QByteArray("Unknown");
    }

    void reasonPhrases()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, phrase);
        QCOMPARE(reasonPhrase(status), phrase);
    }
};

QTEST_GUILESS_MAIN(TestProblem)
#include "tst_problem.moc"
