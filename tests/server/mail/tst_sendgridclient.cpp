// The SendGrid v3 transport against an in-test fake of SendGrid's API (a router on a real socket):
// the documented JSON body and Authorization header, and what each answer becomes (202 sent with
// its message id; 400, 401 dead with the error body; 429 retried after Retry-After; 500, a
// timeout and a dropped connection retried). Nothing logged holds the key or the message.

#include "mail/sendgridclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Http;
using namespace Shop::Mail;
using namespace Shop::Tests;
using Status = SendOutcome::Status;

namespace {

const QString kKey = QStringLiteral("SG.test-key-7f3a9c");

// What the fake answers next, and what it received last.
struct FakeSendGrid
{
    QMutex mutex;
    int status = 202;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    int delayMs = 0;
    int requests = 0;
    Request last;
};

FakeSendGrid g_fake;

Router makeRouter()
{
    Router router;
    router.post(QStringLiteral("/v3/mail/send"), [](const Request &request) -> Reply {
        int delayMs = 0;
        Response response;
        {
            QMutexLocker lock(&g_fake.mutex);
            ++g_fake.requests;
            g_fake.last = request;
            delayMs = g_fake.delayMs;
            response = g_fake.body.isEmpty()
                ? Response::bytes(QByteArray(), QByteArray(), g_fake.status)
                : Response::jsonBytes(g_fake.body, g_fake.status);
            for (const auto &[name, value] : g_fake.headers) {
                response.setHeader(name, value);
            }
        }
        if (delayMs > 0) {
            QThread::msleep(delayMs);
        }
        return response;
    });
    return router;
}

void answerNext(int status, const QByteArray &body = {},
                const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int delayMs = 0)
{
    QMutexLocker lock(&g_fake.mutex);
    g_fake.status = status;
    g_fake.body = body;
    g_fake.headers = headers;
    g_fake.delayMs = delayMs;
}

Message message()
{
    Message m;
    m.kind = Kind::OrderConfirmation;
    m.to = QStringLiteral("ada@example.com");
    m.toName = QStringLiteral("Ada <Lovelace>");
    m.replyTo = QStringLiteral("help@corner.example");
    m.subject = QStringLiteral("Your order A-1001");
    m.text = QStringLiteral("secret text part ü");
    m.html = QStringLiteral("<p>secret html part</p>");
    return m;
}

// Everything logged while it lives.
struct LogCapture
{
    static inline QMutex mutex;
    static inline QStringList lines;
    QtMessageHandler previous;
    LogCapture()
    {
        QMutexLocker lock(&mutex);
        lines.clear();
        previous =
            qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) {
                QMutexLocker lock(&mutex);
                lines << m;
            });
    }
    ~LogCapture() { qInstallMessageHandler(previous); }
    QString all() const
    {
        QMutexLocker lock(&mutex);
        return lines.join(u'\n');
    }
};

} // namespace

class TestSendGridClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sendsTheDocumentedRequest();
    void accepted();
    void sendsFromAWorkerThread();
    void reusesOneConnectionPerThread();
    void answers_data();
    void answers();
    void retryAfterAsDate();
    void timeoutIsRetried();
    void droppedConnectionIsRetried();
    void nothingListeningIsRetried();
    void logsHoldNoKeyAndNoMessage();
    void openSslBackendIsAvailable();

private:
    SendGridClient client(int timeoutMs = 10000) const
    {
        Server::MailConfig config;
        config.sendgridApiKey = kKey;
        config.sendgridBaseUrl = m_server->url();
        config.fromAddress = QStringLiteral("shop@corner.example");
        config.fromName = QStringLiteral("Corner Shop");
        return SendGridClient(config, timeoutMs);
    }

    Router m_router = makeRouter();
    std::unique_ptr<TestServer> m_server;
};

void TestSendGridClient::initTestCase()
{
    m_server = std::make_unique<TestServer>(m_router);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
}

void TestSendGridClient::cleanupTestCase()
{
    m_server.reset();
}

void TestSendGridClient::sendsTheDocumentedRequest()
{
    answerNext(202, {}, {{"X-Message-Id", "msg-1"}});
    const SendOutcome outcome = client().send(message());
    QCOMPARE(int(outcome.status), int(Status::Sent));

    QMutexLocker lock(&g_fake.mutex);
    const Request &r = g_fake.last;
    QCOMPARE(r.method, QByteArrayLiteral("POST"));
    QCOMPARE(r.header("authorization"), QByteArrayLiteral("Bearer ") + kKey.toUtf8());
    QVERIFY(r.header("content-type").startsWith("application/json"));
    QJsonParseError error;
    const QJsonObject body = QJsonDocument::fromJson(r.body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "personalizations": [{"to": [{"email": "ada@example.com", "name": "Ada <Lovelace>"}]}],
        "from": {"email": "shop@corner.example", "name": "Corner Shop"},
        "reply_to": {"email": "help@corner.example"},
        "subject": "Your order A-1001",
        "content": [{"type": "text/plain", "value": "secret text part \u00fc"},
                    {"type": "text/html", "value": "<p>secret html part</p>"}],
        "categories": ["order_confirmation"]
    })")
                                     .object();
    QCOMPARE(body, expected);
    QCOMPARE(SendGridClient::requestBody(message(),
                                         [] {
                                             Server::MailConfig c;
                                             c.fromAddress = QStringLiteral("shop@corner.example");
                                             c.fromName = QStringLiteral("Corner Shop");
                                             return c;
                                         }()),
             r.body);
}

void TestSendGridClient::accepted()
{
    answerNext(202, {}, {{"X-Message-Id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}});
    const SendOutcome outcome = client().send(message());
    QCOMPARE(int(outcome.status), int(Status::Sent));
    QCOMPARE(outcome.httpStatus, 202);
    QCOMPARE(outcome.messageId,
             QByteArrayLiteral("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"));
    QVERIFY(outcome.error.isEmpty());
}

void TestSendGridClient::sendsFromAWorkerThread()
{
    // As a job worker calls it: on a thread of its own with no event loop running.
    answerNext(202, {}, {{"X-Message-Id", "from-worker"}});
    const SendGridClient sender = client();
    SendOutcome outcome;
    std::unique_ptr<QThread> worker(QThread::create([&] { outcome = sender.send(message()); }));
    worker->start();
    QVERIFY(worker->wait(30000));
    QCOMPARE(int(outcome.status), int(Status::Sent));
    QCOMPARE(outcome.messageId, QByteArrayLiteral("from-worker"));
}

void TestSendGridClient::reusesOneConnectionPerThread()
{
    // Consecutive sends from one thread share a kept-alive connection (one source port); another
    // thread has its own. The per-thread managers are deleted when their threads finish (LSan
    // in the sanitizer build reports them otherwise).
    answerNext(202, {}, {{"X-Message-Id", "reused"}});
    const auto lastPort = [] {
        QMutexLocker lock(&g_fake.mutex);
        return g_fake.last.remotePort;
    };
    const SendGridClient sender = client();
    QList<quint16> first;
    QList<quint16> second;
    for (QList<quint16> *ports : {&first, &second}) {
        std::unique_ptr<QThread> worker(QThread::create([&] {
            for (int i = 0; i < 3; ++i) {
                const SendOutcome outcome = sender.send(message());
                QCOMPARE(int(outcome.status), int(Status::Sent));
                ports->append(lastPort());
            }
        }));
        worker->start();
        QVERIFY(worker->wait(30000));
    }
    QCOMPARE(first.size(), 3);
    QCOMPARE(second.size(), 3);
    QVERIFY(first.at(0) != 0);
    QCOMPARE(first.at(1), first.at(0));
    QCOMPARE(first.at(2), first.at(0));
    QCOMPARE(second.at(1), second.at(0));
    QCOMPARE(second.at(2), second.at(0));
    QVERIFY(second.at(0) != first.at(0)); // a new thread, a new connection
}

void TestSendGridClient::answers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("expected");
    QTest::addColumn<int>("expectedRetryAfter");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("400 dead, body recorded")
        << 400
        << QByteArrayLiteral(R"({"errors":[{"message":"The from email does not contain a valid )"
                             R"(address.","field":"from.email","help":"http://sendgrid.com/x"}]})")
        << QByteArray() << int(Status::Dead) << -1 << QStringLiteral("from.email");
    QTest::newRow("401 dead")
        << 401
        << QByteArrayLiteral(R"({"errors":[{"message":"The provided authorization grant is )"
                             R"(invalid, expired, or revoked","field":null,"help":null}]})")
        << QByteArray() << int(Status::Dead) << -1 << QStringLiteral("authorization grant");
    QTest::newRow("413 dead") << 413 << QByteArrayLiteral(R"({"errors":[{"message":"too big"}]})")
                              << QByteArray() << int(Status::Dead) << -1 << QStringLiteral("413");
    QTest::newRow("429 retry after 7 s")
        << 429 << QByteArrayLiteral(R"({"errors":[{"message":"too many requests"}]})")
        << QByteArrayLiteral("7") << int(Status::Retry) << 7 << QStringLiteral("429");
    QTest::newRow("429 without Retry-After")
        << 429 << QByteArray() << QByteArray() << int(Status::Retry) << -1 << QStringLiteral("429");
    QTest::newRow("500 retry") << 500 << QByteArray() << QByteArray() << int(Status::Retry) << -1
                               << QStringLiteral("500");
    QTest::newRow("503 retry after 30 s") << 503 << QByteArray() << QByteArrayLiteral("30")
                                          << int(Status::Retry) << 30 << QStringLiteral("503");
}

void TestSendGridClient::answers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, expected);
    QFETCH(int, expectedRetryAfter);
    QFETCH(QString, errorContains);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!retryAfter.isEmpty()) {
        headers.append({"Retry-After", retryAfter});
    }
    answerNext(status, body, headers);
    const SendOutcome outcome = client().send(message());
    QCOMPARE(int(outcome.status), expected);
    QCOMPARE(outcome.httpStatus, status);
    QCOMPARE(outcome.retryAfterSeconds, expectedRetryAfter);
    QVERIFY(outcome.messageId.isEmpty());
    QVERIFY2(outcome.error.contains(errorContains), qPrintable(outcome.error));
    if (expected == int(Status::Dead) && !body.isEmpty()) {
        QVERIFY2(outcome.error.contains(QString::fromUtf8(body)), qPrintable(outcome.error));
    }
}

void TestSendGridClient::retryAfterAsDate()
{
    const QByteArray date = QDateTime::currentDateTimeUtc()
                                .addSecs(120)
                                .toString(u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_qs)
                                .toLatin1();
    answerNext(429, {}, {{"Retry-After", date}});
    const SendOutcome outcome = client().send(message());
    QCOMPARE(int(outcome.status), int(Status::Retry));
    QVERIFY2(
        outcome.retryAfterSeconds >= 60 && outcome.retryAfterSeconds <= 121,
        qPrintable(QString::number(outcome.retryAfterSeconds) + u' ' + QString::fromLatin1(date)));
}

void TestSendGridClient::timeoutIsRetried()
{
    answerNext(202, {}, {}, 3000);
    const SendOutcome outcome = client(300).send(message());
    QCOMPARE(int(outcome.status), int(Status::Retry));
    QCOMPARE(outcome.httpStatus, 0);
    QVERIFY2(outcome.error.contains(u"300 ms"), qPrintable(outcome.error));
    answerNext(202);
}

void TestSendGridClient::droppedConnectionIsRetried()
{
    // A server that reads the request and closes the connection without an answer.
    QTcpServer dropper;
    QVERIFY(dropper.listen(QHostAddress::LocalHost));
    int dropped = 0;
    connect(&dropper, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = dropper.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &dropped] {
                socket->readAll();
                ++dropped;
                socket->abort();
                socket->deleteLater();
            });
        }
    });
    Server::MailConfig config;
    config.sendgridApiKey = kKey;
    config.sendgridBaseUrl = QStringLiteral("http://127.0.0.1:%1").arg(dropper.serverPort());
    const SendOutcome outcome = SendGridClient(config, 10000).send(message());
    QCOMPARE(int(outcome.status), int(Status::Retry));
    QCOMPARE(outcome.httpStatus, 0);
    QVERIFY2(outcome.error.startsWith(u"network error"), qPrintable(outcome.error));
    QVERIFY(dropped >= 1);
}

void TestSendGridClient::nothingListeningIsRetried()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    Server::MailConfig config;
    config.sendgridApiKey = kKey;
    config.sendgridBaseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const SendOutcome outcome = SendGridClient(config, 10000).send(message());
    QCOMPARE(int(outcome.status), int(Status::Retry));
    QVERIFY2(outcome.error.startsWith(u"network error"), qPrintable(outcome.error));
}

void TestSendGridClient::logsHoldNoKeyAndNoMessage()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shop.*.debug=true"));
    LogCapture capture;
    const Message m = message();
    answerNext(202, {}, {{"X-Message-Id", "m-2"}});
    QCOMPARE(int(client().send(m).status), int(Status::Sent));
    answerNext(429, {}, {{"Retry-After", "1"}});
    QCOMPARE(int(client().send(m).status), int(Status::Retry));
    answerNext(400, R"({"errors":[{"message":"bad","field":"subject"}]})");
    QCOMPARE(int(client().send(m).status), int(Status::Dead));
    answerNext(202);
    const QString log = capture.all();
    QVERIFY2(log.contains(u"m-2"), qPrintable(log)); // something was logged
    QVERIFY2(log.contains(u"order_confirmation"), qPrintable(log));
    for (const QString &secret : {kKey, m.subject, m.text, m.html, m.toName}) {
        QVERIFY2(!log.contains(secret), qPrintable(secret));
    }
    QLoggingCategory::setFilterRules(QString());
}

void TestSendGridClient::openSslBackendIsAvailable()
{
    // https:// base URLs (the real SendGrid) go through Qt's OpenSSL TLS backend.
    QVERIFY2(QSslSocket::availableBackends().contains(u"openssl"_qs),
             qPrintable(QSslSocket::availableBackends().join(u',')));
    QVERIFY(QSslSocket::supportsSsl());
}

QTEST_GUILESS_MAIN(TestSendGridClient)
#include "tst_sendgridclient.moc"
