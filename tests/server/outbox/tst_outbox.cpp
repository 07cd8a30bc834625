// Email end to end: a mail job composes its message when it runs, sends it through the SendGrid
// client to shop-sandbox (in process, on a real socket) and its outcome follows SendGrid's answer:
// 202 done, 500 and timeouts retried, 429 retried no sooner than Retry-After, 400 and 401 dead at
// once with the reason, and dead after the last attempt. A rolled-back enqueue sends nothing.
// Finally the real thing: `shop-server mail-test` queues the four sample emails and a running
// `shop-server serve` process delivers them to the inbox.

#include "db/database.h"
#include "db/transaction.h"
#include "jobs/jobs.h"
#include "jobs/jobworkers.h"
#include "outbox/mailjob.h"
#include "outbox/outbox.h"
#include "outbox/outboxmodule.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/sendgridservice.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <signal.h>

using namespace Shop;
using namespace std::chrono_literals;
using Shop::Tests::TestDatabase;
using Shop::Tests::TestServer;

namespace {

const QString kKey = QStringLiteral("SG.sandbox-test-key");

} // namespace

class TestOutbox final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void sentEmailArrivesInTheInbox();
    void rolledBackEnqueueSendsNothing();
    void serverErrorIsRetried();
    void rateLimitWaitsForRetryAfter();
    void timeoutIsRetried();
    void badRequestIsDeadAtOnce();
    void wrongKeyIsDeadAtOnce();
    void persistentFailureEndsDead();
    void composerErrorsDecideTheJob();
    void shopServerProcessSendsSampleEmails();

private:
    // Workers running the mail kind with a fast backoff (the production policy waits minutes).
    void startWorkers(const QString &apiKey = kKey, int timeoutSec = 10);
    [[nodiscard]] qint64 enqueueSample(const QString &templateName, const QString &to,
                                       int maxAttempts = 5);
    [[nodiscard]] QJsonArray inbox() const;
    [[nodiscard]] QString jobText(qint64 id, const QString &column) const;
    [[nodiscard]] qint64 jobNumber(qint64 id, const QString &column) const;
    void setFailures(const QJsonObject &body) const;

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_sandboxHttp;
    std::shared_ptr<Outbox::Composers> m_composers;
    std::unique_ptr<Jobs::JobWorkers> m_workers;
};

void TestOutbox::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    Sandbox::SandboxOptions options;
    options.sendGridKeys = {kKey};
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    m_sandboxHttp = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
    QVERIFY2(m_sandboxHttp->isRunning(), qPrintable(m_sandboxHttp->errorString()));
}

void TestOutbox::init()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QVERIFY(Db::exec(*db, QStringLiteral("DELETE FROM jobs")).has_value());
    QCOMPARE(m_sandboxHttp->request("DELETE", "/api/messages").status, 204);
    QCOMPARE(m_sandboxHttp->request("DELETE", "/api/sendgrid/failures").status, 204);
}

void TestOutbox::cleanup()
{
    m_workers.reset();
}

void TestOutbox::cleanupTestCase()
{
    m_workers.reset();
    m_sandboxHttp.reset();
    m_sandbox.reset();
    m_db.reset();
}

void TestOutbox::startWorkers(const QString &apiKey, int timeoutSec)
{
    Server::MailConfig mail;
    mail.sendgridBaseUrl = m_sandboxHttp->url();
    mail.sendgridApiKey = apiKey;
    mail.fromAddress = QStringLiteral("shop@corner.example");
    mail.fromName = QStringLiteral("Corner Shop");
    Server::StoreConfig store;
    store.name = QStringLiteral("Corner Shop");
    store.supportEmail = QStringLiteral("help@corner.example");

    m_composers = std::make_shared<Outbox::Composers>();
    m_composers->add(Outbox::SampleEmail, Outbox::sampleComposer(store));
    m_composers->add(QStringLiteral("gone"),
                     [](const Jobs::Job &) -> Result<std::optional<Mail::Message>> {
                         return fail(Error::notFound(QStringLiteral("the customer was deleted")));
                     });
    m_composers->add(
        QStringLiteral("flaky"), [](const Jobs::Job &job) -> Result<std::optional<Mail::Message>> {
            if (job.attempt == 1) {
                return fail(Error::unavailable(QStringLiteral("database briefly away")));
            }
            Mail::Message message;
            message.to = QStringLiteral("flaky@example.com");
            message.subject = QStringLiteral("Second time lucky");
            message.text = QStringLiteral("text");
            message.html = QStringLiteral("<p>html</p>");
            return std::optional<Mail::Message>(message);
        });
    m_composers->add(QStringLiteral("nothing"),
                     [](const Jobs::Job &) -> Result<std::optional<Mail::Message>> {
                         return std::optional<Mail::Message>(); // nothing to send any more
                     });
    auto registry = std::make_shared<Jobs::Registry>();
    registry->add(Outbox::MailJobKind,
                  Outbox::MailJob(m_composers,
                                  std::make_shared<Mail::SendGridClient>(mail, timeoutSec * 1000)),
                  Jobs::KindPolicy {100ms, 400ms});
    Jobs::WorkerOptions options;
    options.workers = 2;
    options.poll = 200ms;
    options.grace = 5s;
    m_workers = std::make_unique<Jobs::JobWorkers>(m_db->config(), registry, options);
    m_workers->start();
}

qint64 TestOutbox::enqueueSample(const QString &templateName, const QString &to, int maxAttempts)
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    QJsonObject payload = Outbox::samplePayload(templateName, to, QStringLiteral("en"));
    payload.insert(QStringLiteral("email"), Outbox::SampleEmail);
    auto queued = Jobs::enqueue(
        *db, {.kind = Outbox::MailJobKind, .payload = payload, .maxAttempts = maxAttempts});
    return queued ? queued->id : -1;
}

QJsonArray TestOutbox::inbox() const
{
    return m_sandboxHttp->get("/api/messages").json().value(QStringLiteral("messages")).toArray();
}

QString TestOutbox::jobText(qint64 id, const QString &column) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return {};
    }
    // `column` is one of this test's literals, never input.
    auto q =
        Db::exec(*db, QStringLiteral("SELECT %1::text FROM jobs WHERE id = ?").arg(column), {id});
    return q && q->next() ? q->value(0).toString() : QString();
}

qint64 TestOutbox::jobNumber(qint64 id, const QString &column) const
{
    return jobText(id, column).toLongLong();
}

void TestOutbox::setFailures(const QJsonObject &body) const
{
    const auto reply = m_sandboxHttp->request("POST", "/api/sendgrid/failures",
                                              {{"Content-Type", "application/json"}},
                                              QJsonDocument(body).toJson(QJsonDocument::Compact));
    QCOMPARE(reply.status, 204);
}

void TestOutbox::sentEmailArrivesInTheInbox()
{
    startWorkers();
    const qint64 id =
        enqueueSample(QStringLiteral("order_confirmation"), QStringLiteral("ada@example.com"));
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("done"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 1);
    const QJsonArray messages = inbox();
    QCOMPARE(messages.size(), 1);
    const QJsonObject message = messages.first().toObject();
    QCOMPARE(message.value(QStringLiteral("to")).toArray().first().toString(),
             QStringLiteral("ada@example.com"));
    QVERIFY2(message.value(QStringLiteral("subject")).toString().contains(u"SAMPLE-1001"),
             qPrintable(message.value(QStringLiteral("subject")).toString()));
    QVERIFY(message.value(QStringLiteral("text")).toString().contains(u"Merino Socks"));
    QVERIFY(message.value(QStringLiteral("html")).toString().contains(u"Merino Socks"));
}

void TestOutbox::rolledBackEnqueueSendsNothing()
{
    startWorkers();
    {
        auto db = Db::threadConnection();
        SHOP_VERIFY_OK(db);
        Db::Transaction tx(*db);
        QVERIFY(tx.isActive());
        const auto queued = Outbox::enqueueMail(
            *db, Outbox::SampleEmail,
            Outbox::samplePayload(QStringLiteral("welcome"), QStringLiteral("no@example.com"),
                                  QStringLiteral("en")));
        SHOP_VERIFY_OK(queued);
        // tx rolls back here: the change that would have caused the email did not happen.
    }
    // A later email goes out; the rolled-back one never does.
    const qint64 id = enqueueSample(QStringLiteral("welcome"), QStringLiteral("yes@example.com"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("done"), 30000);
    const QJsonArray messages = inbox();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(QStringLiteral("to")).toArray().first().toString(),
             QStringLiteral("yes@example.com"));
}

void TestOutbox::serverErrorIsRetried()
{
    setFailures({{QStringLiteral("count"), 2}, {QStringLiteral("status"), 500}});
    startWorkers();
    const qint64 id = enqueueSample(QStringLiteral("welcome"), QStringLiteral("ada@example.com"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("done"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 3);
    QCOMPARE(inbox().size(), 1);
}

void TestOutbox::rateLimitWaitsForRetryAfter()
{
    setFailures({{QStringLiteral("count"), 1},
                 {QStringLiteral("status"), 429},
                 {QStringLiteral("retry_after"), 3}});
    startWorkers();
    const qint64 id = enqueueSample(QStringLiteral("welcome"), QStringLiteral("ada@example.com"));
    // After the 429 the job waits in the queue with run_at about 3 s ahead (the kind's own
    // backoff would be 100 ms).
    QTRY_VERIFY_WITH_TIMEOUT(jobNumber(id, QStringLiteral("attempts")) == 1
                                 && jobText(id, QStringLiteral("state")) == u"queued",
                             30000);
    const qint64 wait = jobNumber(
        id, QStringLiteral("(extract(epoch FROM run_at - clock_timestamp()) * 1000)::bigint"));
    QVERIFY2(wait > 1500 && wait <= 3500,
             qPrintable(QStringLiteral("run_at %1 ms ahead").arg(wait)));
    QVERIFY(jobText(id, QStringLiteral("last_error")).contains(u"429"));
    QCOMPARE(inbox().size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("done"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 2);
    QCOMPARE(inbox().size(), 1);
}

void TestOutbox::timeoutIsRetried()
{
    // The first send waits 4 s in the sandbox; the client gives up after 1 s and the job is
    // retried. The sandbox still delivers the late first request, so SendGrid-like at-least-once
    // delivery shows as two messages.
    setFailures({{QStringLiteral("count"), 1}, {QStringLiteral("delay_ms"), 4000}});
    startWorkers(kKey, 1);
    const qint64 id = enqueueSample(QStringLiteral("welcome"), QStringLiteral("ada@example.com"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("done"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 2);
    QVERIFY(jobText(id, QStringLiteral("last_error")).contains(u"within 1000 ms"));
}

void TestOutbox::badRequestIsDeadAtOnce()
{
    startWorkers();
    // A recipient SendGrid refuses: the sandbox validates like SendGrid and answers 400.
    const qint64 id = enqueueSample(QStringLiteral("welcome"), QStringLiteral("not-an-address"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("dead"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 1);
    const QString error = jobText(id, QStringLiteral("last_error"));
    QVERIFY2(error.contains(u"400") && error.contains(u"personalizations"), qPrintable(error));
    QCOMPARE(inbox().size(), 0);
}

void TestOutbox::wrongKeyIsDeadAtOnce()
{
    startWorkers(QStringLiteral("SG.wrong-key-123"));
    const qint64 id = enqueueSample(QStringLiteral("welcome"), QStringLiteral("ada@example.com"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("dead"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 1);
    const QString error = jobText(id, QStringLiteral("last_error"));
    QVERIFY2(error.contains(u"401"), qPrintable(error));
    QVERIFY(!error.contains(u"wrong-key"));
    QCOMPARE(inbox().size(), 0);
}

void TestOutbox::persistentFailureEndsDead()
{
    setFailures({{QStringLiteral("count"), 100}, {QStringLiteral("status"), 503}});
    startWorkers();
    const qint64 id =
        enqueueSample(QStringLiteral("welcome"), QStringLiteral("ada@example.com"), 3);
    QTRY_COMPARE_WITH_TIMEOUT(jobText(id, QStringLiteral("state")), QStringLiteral("dead"), 30000);
    QCOMPARE(jobNumber(id, QStringLiteral("attempts")), 3);
    QVERIFY(jobText(id, QStringLiteral("last_error")).contains(u"503"));
    QCOMPARE(inbox().size(), 0);
}

void TestOutbox::composerErrorsDecideTheJob()
{
    startWorkers();
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const auto gone = Outbox::enqueueMail(*db, QStringLiteral("gone"), {});
    const auto flaky = Outbox::enqueueMail(*db, QStringLiteral("flaky"), {});
    const auto unknown = Outbox::enqueueMail(*db, QStringLiteral("no-such-email"), {});
    const auto nothing = Outbox::enqueueMail(*db, QStringLiteral("nothing"), {});
    SHOP_VERIFY_OK(nothing);
    SHOP_VERIFY_OK(gone);
    SHOP_VERIFY_OK(flaky);
    SHOP_VERIFY_OK(unknown);
    QTRY_COMPARE_WITH_TIMEOUT(jobText(gone->id, QStringLiteral("state")), QStringLiteral("dead"),
                              30000);
    QVERIFY(jobText(gone->id, QStringLiteral("last_error")).contains(u"deleted"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(unknown->id, QStringLiteral("state")), QStringLiteral("dead"),
                              30000);
    QVERIFY(jobText(unknown->id, QStringLiteral("last_error")).contains(u"no-such-email"));
    QTRY_COMPARE_WITH_TIMEOUT(jobText(flaky->id, QStringLiteral("state")), QStringLiteral("done"),
                              30000);
    QCOMPARE(jobNumber(flaky->id, QStringLiteral("attempts")), 2);
    QTRY_COMPARE_WITH_TIMEOUT(jobText(nothing->id, QStringLiteral("state")), QStringLiteral("done"),
                              30000);
    QCOMPARE(inbox().size(), 1); // only the flaky one's
}

void TestOutbox::shopServerProcessSendsSampleEmails()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHOP_DATABASE_URL"), m_db->url());
    env.insert(QStringLiteral("SHOP_DATABASE_POOL_SIZE"), QStringLiteral("2"));
    env.insert(QStringLiteral("SHOP_HTTP_ADDRESS"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("SHOP_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("SHOP_MAIL_SENDGRID_BASE_URL"), m_sandboxHttp->url());
    env.insert(QStringLiteral("SHOP_MAIL_SENDGRID_API_KEY"), kKey);
    env.insert(QStringLiteral("SHOP_STORE_NAME"), QStringLiteral("Eckladen"));
    env.insert(QStringLiteral("SHOP_LOG_RULES"), QStringLiteral("shop.http.access=false"));

    QProcess queue;
    queue.setProcessEnvironment(env);
    queue.start(QStringLiteral(SHOP_SERVER_BINARY),
                {QStringLiteral("mail-test"), QStringLiteral("ada@example.com"),
                 QStringLiteral("--language"), QStringLiteral("de")});
    QVERIFY(queue.waitForFinished(60000));
    QCOMPARE(queue.exitCode(), 0);
    QVERIFY2(queue.readAllStandardOutput().contains("Queued 4 sample emails"),
             queue.readAllStandardError().constData());

    QProcess server;
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QStringLiteral(SHOP_SERVER_BINARY), {QStringLiteral("serve")});
    QVERIFY(server.waitForStarted(10000));
    // This process's emails are the ones naming its store. An email of an earlier case can still
    // reach the inbox after init() emptied it (a send the sandbox was holding, as the timeout
    // case makes it), so the others are left out.
    const auto ours = [this] {
        QJsonArray messages;
        for (const QJsonValue &value : inbox()) {
            if (value[QStringLiteral("text")].toString().contains(u"Eckladen")) {
                messages.append(value);
            }
        }
        return messages;
    };
    QTRY_VERIFY_WITH_TIMEOUT(ours().size() >= 4, 60000);
    QTest::qWait(500); // a fifth would be a duplicate: let it show
    QStringList subjects;
    for (const QJsonValue &value : ours()) {
        const QJsonObject message = value.toObject();
        QCOMPARE(message.value(QStringLiteral("to")).toArray().first().toString(),
                 QStringLiteral("ada@example.com"));
        subjects << message.value(QStringLiteral("subject")).toString();
    }
    QVERIFY2(subjects.size() == 4, qPrintable(subjects.join(u'|')));
    // German templates: e.g. "Willkommen bei Eckladen".
    QVERIFY2(subjects.join(u'|').contains(u"Willkommen"), qPrintable(subjects.join(u'|')));
    ::kill(pid_t(server.processId()), SIGTERM);
    QVERIFY(server.waitForFinished(60000));
    QCOMPARE(server.exitCode(), 0);

    // A bad address is refused before anything is queued.
    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(QStringLiteral(SHOP_SERVER_BINARY),
              {QStringLiteral("mail-test"), QStringLiteral("nope")});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
