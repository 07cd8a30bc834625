// shop-sandbox over real sockets: SendGrid's mail send (202, 400, 401, 413), the inbox page and
// its JSON twin, the failure and delay switches; then the real binary's command line and signals.

#include "sandbox/sandboxserver.h"
#include "sandbox/sendgridservice.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Shop;
using namespace Shop::Sandbox;
using namespace Shop::Tests;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QByteArray kKey = QByteArrayLiteral("SG.test-key");
constexpr qint64 kMaxBody = 64 * 1024;

QByteArray mail(const QString &subject, const QString &to = u"ada@example.org"_qs,
                const QString &html = u"<p>Hello</p>"_qs)
{
    const QJsonObject object {
        {u"from"_qs, QJsonObject {{u"email"_qs, u"shop@example.com"_qs}}},
        {u"personalizations"_qs,
         QJsonArray {QJsonObject {{u"to"_qs, QJsonArray {QJsonObject {{u"email"_qs, to}}}}}}},
        {u"subject"_qs, subject},
        {u"content"_qs,
         QJsonArray {QJsonObject {{u"type"_qs, u"text/plain"_qs}, {u"value"_qs, u"Hello <you>"_qs}},
                     QJsonObject {{u"type"_qs, u"text/html"_qs}, {u"value"_qs, html}}}},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QList<std::pair<QByteArray, QByteArray>> sendHeaders(const QByteArray &key = kKey,
                                                     const QByteArray &type = "application/json")
{
    QList<std::pair<QByteArray, QByteArray>> headers {{"Content-Type", type}};
    if (!key.isNull()) {
        headers.append({"Authorization", "Bearer " + key});
    }
    return headers;
}

QByteArray firstErrorField(const HttpReply &reply)
{
    const QJsonValue field =
        reply.json().value(u"errors"_qs).toArray().at(0).toObject().value(u"field"_qs);
    return field.isNull() ? QByteArrayLiteral("null") : field.toString().toUtf8();
}

} // namespace

class TestSandbox final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_server;

    HttpReply send(const QByteArray &body,
                   const QList<std::pair<QByteArray, QByteArray>> &headers = sendHeaders(),
                   int timeoutMs = 10000)
    {
        return m_server->request("POST", "/v3/mail/send", headers, body, timeoutMs);
    }

    QJsonArray messages()
    {
        const HttpReply reply = m_server->get("/api/messages");
        return reply.json().value(u"messages"_qs).toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.sendGridKeys = {QString::fromLatin1(kKey), u"SG.second"_qs};
        options.maxBodyBytes = kMaxBody;
        m_sandbox = std::make_unique<SandboxServer>(options);
        m_server = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    }

    void init()
    {
        QCOMPARE(m_server->request("DELETE", "/api/messages").status, 204);
        QCOMPARE(m_server->request("DELETE", "/api/sendgrid/failures").status, 204);
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_sandbox.reset();
    }

    void acceptsAMail()
    {
        const HttpReply reply = send(mail(u"Welcome"_qs));
        QCOMPARE(reply.status, 202);
        QVERIFY(reply.body.isEmpty());
        const QByteArray id = reply.header("x-message-id");
        QVERIFY(id.size() >= 16);

        const QJsonArray list = messages();
        QCOMPARE(list.size(), 1);
        const QJsonObject message = list.at(0).toObject();
        QCOMPARE(message.value(u"id"_qs).toString().toLatin1(), id);
        QCOMPARE(message.value(u"from"_qs).toString(), u"shop@example.com"_qs);
        QCOMPARE(message.value(u"to"_qs).toArray(), QJsonArray {u"ada@example.org"_qs});
        QCOMPARE(message.value(u"subject"_qs).toString(), u"Welcome"_qs);
        QCOMPARE(message.value(u"text"_qs).toString(), u"Hello <you>"_qs);
        QCOMPARE(message.value(u"html"_qs).toString(), u"<p>Hello</p>"_qs);
        const QDateTime received =
            QDateTime::fromString(message.value(u"received_at"_qs).toString(), Qt::ISODateWithMs);
        QVERIFY(received.isValid());
        QVERIFY(qAbs(received.secsTo(QDateTime::currentDateTimeUtc())) < 120);

        // The second key is accepted as well.
        QCOMPARE(send(mail(u"Again"_qs), sendHeaders("SG.second")).status, 202);
        QCOMPARE(messages().size(), 2);
    }

    void refusesInvalidMail_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("field");

        const auto edit = [](const std::function<void(QJsonObject &)> &change) {
            QJsonObject object = QJsonDocument::fromJson(mail(u"S"_qs)).object();
            change(object);
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        };
        const QByteArray json = "application/json";
        QTest::newRow("missing from") << edit([](QJsonObject &o) { o.remove(u"from"_qs); }) << json
                                      << QByteArray("from.email");
        QTest::newRow("bad from email") << edit([](QJsonObject &o) {
            o.insert(u"from"_qs, QJsonObject {{u"email"_qs, u"nobody"_qs}});
        }) << json << QByteArray("from.email");
        QTest::newRow("bad to email")
            << mail(u"S"_qs, u"ada@"_qs) << json << QByteArray("personalizations.0.to.0.email");
        QTest::newRow("no personalizations")
            << edit([](QJsonObject &o) { o.remove(u"personalizations"_qs); }) << json
            << QByteArray("personalizations");
        QTest::newRow("no content") << edit([](QJsonObject &o) { o.remove(u"content"_qs); }) << json
                                    << QByteArray("content");
        QTest::newRow("html before text") << edit([](QJsonObject &o) {
            QJsonArray content = o.value(u"content"_qs).toArray();
            content.append(content.takeAt(0));
            o.insert(u"content"_qs, content);
        }) << json << QByteArray("content");
        QTest::newRow("missing subject") << edit([](QJsonObject &o) { o.remove(u"subject"_qs); })
                                         << json << QByteArray("subject");
        QTest::newRow("malformed json") << QByteArray("{\"from\": {") << json << QByteArray("null");
        QTest::newRow("not json at all")
            << QByteArray("\x01\xff<html>") << json << QByteArray("null");
        QTest::newRow("wrong content type")
            << mail(u"S"_qs) << QByteArray("text/plain") << QByteArray("null");
    }

    void refusesInvalidMail()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, field);
        const HttpReply reply = send(body, sendHeaders(kKey, contentType));
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("content-type").startsWith("application/json"));
        const QJsonArray errors = reply.json().value(u"errors"_qs).toArray();
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors.at(0).toObject().contains(u"message"_qs));
        QVERIFY(errors.at(0).toObject().contains(u"help"_qs));
        QCOMPARE(firstErrorField(reply), field);
        QVERIFY(reply.header("x-message-id").isEmpty());
        QCOMPARE(messages().size(), 0);
    }

    void refusesWithoutAValidKey_data()
    {
        QTest::addColumn<Headers>("headers");
        QTest::newRow("no authorization") << sendHeaders(QByteArray());
        QTest::newRow("wrong key") << sendHeaders("SG.wrong");
        QTest::newRow("empty key") << sendHeaders("");
        QTest::newRow("basic scheme")
            << Headers {{"Content-Type", "application/json"}, {"Authorization", "Basic " + kKey}};
    }

    void refusesWithoutAValidKey()
    {
        QFETCH(Headers, headers);
        const HttpReply reply = send(mail(u"S"_qs), headers);
        QCOMPARE(reply.status, 401);
        const QJsonArray errors = reply.json().value(u"errors"_qs).toArray();
        QCOMPARE(errors.size(), 1);
        QVERIFY(!errors.at(0).toObject().value(u"message"_qs).toString().isEmpty());
        QVERIFY(errors.at(0).toObject().value(u"field"_qs).isNull());
        QCOMPARE(messages().size(), 0);
    }

    void refusesOversizedBodies()
    {
        const QByteArray big = mail(u"Big"_qs, u"ada@example.org"_qs, QString(int(kMaxBody), u'x'));
        const HttpReply reply = send(big);
        QCOMPARE(reply.status, 413);
        QCOMPARE(messages().size(), 0);
        // Just under the limit is fine.
        QCOMPARE(send(mail(u"Fits"_qs, u"ada@example.org"_qs, QString(int(kMaxBody) - 1024, u'x')))
                     .status,
                 202);
    }

    void failsTheNextRequestsOnDemand()
    {
        HttpReply set = m_server->request("POST", "/api/sendgrid/failures",
                                          {{"Content-Type", "application/json"}},
                                          "{\"count\": 2, \"status\": 500}");
        QCOMPARE(set.status, 204);
        QCOMPARE(send(mail(u"One"_qs)).status, 500);
        QCOMPARE(send(mail(u"Two"_qs)).status, 500);
        QCOMPARE(send(mail(u"Three"_qs)).status, 202);
        QCOMPARE(messages().size(), 1);
        QCOMPARE(messages().at(0).toObject().value(u"subject"_qs).toString(), u"Three"_qs);

        set = m_server->request("POST", "/api/sendgrid/failures",
                                {{"Content-Type", "application/json"}},
                                "{\"count\": 1, \"status\": 429, \"retry_after\": 7}");
        QCOMPARE(set.status, 204);
        const HttpReply limited = send(mail(u"Limited"_qs));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("retry-after"), QByteArray("7"));
        QVERIFY(!limited.json().value(u"errors"_qs).toArray().isEmpty());
        QCOMPARE(send(mail(u"After"_qs)).status, 202);

        // Reset clears a pending switch.
        QCOMPARE(m_server
                     ->request("POST", "/api/sendgrid/failures",
                               {{"Content-Type", "application/json"}},
                               "{\"count\": 5, \"status\": 503}")
                     .status,
                 204);
        QCOMPARE(m_server->request("DELETE", "/api/sendgrid/failures").status, 204);
        QCOMPARE(send(mail(u"Reset"_qs)).status, 202);
    }

    void delaysTheNextRequestsOnDemand()
    {
        QCOMPARE(m_server
                     ->request("POST", "/api/sendgrid/failures",
                               {{"Content-Type", "application/json"}},
                               "{\"count\": 1, \"delay_ms\": 600}")
                     .status,
                 204);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(send(mail(u"Slow"_qs)).status, 202);
        QVERIFY(clock.elapsed() >= 550);
        QCOMPARE(messages().size(), 1);
    }

    void refusesBadSwitches_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("status out of range")
            << QByteArray("{\"count\": 1, \"status\": 200}") << 422;
        QTest::newRow("nothing to do") << QByteArray("{\"count\": 1}") << 422;
        QTest::newRow("negative count") << QByteArray("{\"count\": -1, \"status\": 500}") << 422;
        QTest::newRow("huge delay") << QByteArray("{\"count\": 1, \"delay_ms\": 1e9}") << 422;
        QTest::newRow("malformed") << QByteArray("{") << 400;
    }

    void refusesBadSwitches()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HttpReply reply = m_server->request("POST", "/api/sendgrid/failures",
                                                  {{"Content-Type", "application/json"}}, body);
        QCOMPARE(reply.status, status);
        QCOMPARE(send(mail(u"Unaffected"_qs)).status, 202);
    }

    void inboxPageEscapesAndListsNewestFirst()
    {
        QCOMPARE(send(mail(u"First mail"_qs)).status, 202);
        QCOMPARE(send(mail(u"<script>alert(1)</script>"_qs, u"eve@example.org"_qs,
                           u"<script>alert(2)</script><p onclick=\"x()\">\"hi\"</p>"_qs))
                     .status,
                 202);
        const HttpReply page = m_server->get("/");
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("content-type").startsWith("text/html"));
        QVERIFY(page.header("content-security-policy").contains("default-src 'none'"));
        QVERIFY(!page.body.contains("<script>"));
        QVERIFY(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        const qsizetype newest = page.body.indexOf("&lt;script&gt;alert(1)");
        const qsizetype oldest = page.body.indexOf("First mail");
        QVERIFY(newest > 0 && oldest > 0);
        QVERIFY(newest < oldest);
        QVERIFY(page.body.contains("Mail (SendGrid)"));

        const QJsonArray list = messages();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toObject().value(u"subject"_qs).toString(),
                 u"<script>alert(1)</script>"_qs);
        const QString id = list.at(0).toObject().value(u"id"_qs).toString();
        const HttpReply view = m_server->get("/messages/" + id.toLatin1());
        QCOMPARE(view.status, 200);
        QVERIFY(view.header("content-security-policy").contains("default-src 'none'"));
        QVERIFY(!view.body.contains("<script>"));
        QVERIFY(!view.body.contains("<p onclick"));
        // The HTML part only inside a sandboxed srcdoc iframe (no allow-scripts), escaped.
        static const QRegularExpression iframe(u"<iframe sandbox srcdoc=\"([^\"]*)\"></iframe>"_qs);
        const QRegularExpressionMatch match = iframe.match(QString::fromUtf8(view.body));
        QVERIFY(match.hasMatch());
        QVERIFY(match.captured(1).contains(u"&lt;script&gt;alert(2)"_qs));
        QVERIFY(match.captured(1).contains(u"onclick=&quot;x()&quot;"_qs));
        QVERIFY(view.body.contains("<pre>Hello &lt;you&gt;</pre>"));
        QCOMPARE(m_server->get("/messages/nope").status, 404);
    }

    void clearsTheInbox()
    {
        QCOMPARE(send(mail(u"One"_qs)).status, 202);
        QCOMPARE(messages().size(), 1);
        QCOMPARE(m_server->request("DELETE", "/api/messages").status, 204);
        QCOMPARE(messages().size(), 0);
        QVERIFY(m_server->get("/").body.contains("No messages yet"));
    }

    // The real executable: prints its address, serves, refuses bad options, stops on SIGTERM.
    void binaryRunsAndStops()
    {
        QProcess bad;
        bad.start(QStringLiteral(SHOP_SANDBOX_BINARY), {u"--port"_qs, u"nope"_qs});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);

        QProcess process;
        process.start(QStringLiteral(SHOP_SANDBOX_BINARY),
                      {u"--port"_qs, u"0"_qs, u"--sendgrid-key"_qs, u"SG.bin"_qs,
                       u"--max-body-bytes"_qs, u"4096"_qs});
        QVERIFY(process.waitForStarted(30000));
        QByteArray output;
        static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_qs);
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((output += process.readAllStandardOutput(),
                                  (match = listening.match(QString::fromUtf8(output))).hasMatch()),
                                 30000);
        const quint16 port = quint16(match.captured(1).toUInt());
        HttpClient client(port);
        QVERIFY(client.isConnected());
        const HttpReply reply = client.request(
            "POST", "/v3/mail/send",
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer SG.bin"}},
            mail(u"From the binary"_qs), 15000);
        QCOMPARE(reply.status, 202);
        HttpClient tooBig(port);
        QCOMPARE(
            tooBig
                .request("POST", "/v3/mail/send",
                         {{"Content-Type", "application/json"}, {"Authorization", "Bearer SG.bin"}},
                         QByteArray(5000, 'x'), 15000)
                .status,
            413);
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
