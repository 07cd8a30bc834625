// Two real `shop-server serve` processes (2 job workers each) on one database drain 1,000 no-op
// jobs: every job is done after exactly one attempt, and both servers stop cleanly on SIGTERM.
// A server killed with SIGKILL in the middle of a job leaves its claim; another server reclaims
// it when the lease has expired and runs it to the end once.

#include "db/database.h"
#include "db/transaction.h"
#include "jobs/jobs.h"
#include "testdatabase.h"

#include <QProcess>
#include <QTest>

#include <signal.h>

using namespace Shop;
using Shop::Tests::TestDatabase;

class TestJobProcesses final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void twoServersRunEachJobOnce();
    void killedServersJobIsReclaimed();

private:
    [[nodiscard]] qint64 scalar(const QString &sql);
    void startServer(QProcess &process, const QString &leaseSec = QStringLiteral("300"));

    std::unique_ptr<TestDatabase> m_db;
};

void TestJobProcesses::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(SHOP_SERVER_BINARY)), SHOP_SERVER_BINARY);
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
}

void TestJobProcesses::cleanupTestCase()
{
    m_db.reset();
}

qint64 TestJobProcesses::scalar(const QString &sql)
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto q = Db::exec(*db, sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

void TestJobProcesses::startServer(QProcess &process, const QString &leaseSec)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHOP_DATABASE_URL"), m_db->url());
    env.insert(QStringLiteral("SHOP_DATABASE_POOL_SIZE"), QStringLiteral("2"));
    env.insert(QStringLiteral("SHOP_HTTP_ADDRESS"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("SHOP_HTTP_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("SHOP_JOBS_WORKERS"), QStringLiteral("2"));
    env.insert(QStringLiteral("SHOP_JOBS_POLL_MS"), QStringLiteral("500"));
    env.insert(QStringLiteral("SHOP_JOBS_LEASE_SEC"), leaseSec);
    env.insert(QStringLiteral("SHOP_LOG_RULES"), QStringLiteral("shop.http.access=false"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(SHOP_SERVER_BINARY), {QStringLiteral("serve")});
    QVERIFY(process.waitForStarted(10000));
    QVERIFY2(process.waitForReadyRead(60000), "no listening line");
}

void TestJobProcesses::twoServersRunEachJobOnce()
{
    QProcess first;
    QProcess second;
    startServer(first);
    startServer(second);
    {
        auto db = Db::threadConnection();
        SHOP_VERIFY_OK(db);
        Db::Transaction tx(*db);
        QVERIFY(tx.isActive());
        for (int i = 0; i < 1000; ++i) {
            const auto job = Jobs::enqueue(*db, {.kind = Jobs::NoopKind});
            SHOP_VERIFY_OK(job);
        }
        const auto committed = tx.commit();
        SHOP_VERIFY_OK(committed);
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'done'")), 1000, 180000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE attempts <> 1")), 0);
    for (QProcess *process : {&first, &second}) {
        ::kill(pid_t(process->processId()), SIGTERM);
        QVERIFY(process->waitForFinished(60000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
    }
}

void TestJobProcesses::killedServersJobIsReclaimed()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QSqlDatabase conn = *db;
    QVERIFY(Db::exec(conn, QStringLiteral("DELETE FROM jobs")).has_value());
    QProcess doomed;
    startServer(doomed, QStringLiteral("5"));
    const auto job = Jobs::enqueue(
        conn, {.kind = Jobs::NoopKind, .payload = {{QStringLiteral("sleep_ms"), 4000}}});
    SHOP_VERIFY_OK(job);
    const QString lockedBy = QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'running' "
                                            "AND locked_by LIKE '%:%1:%'")
                                 .arg(doomed.processId());
    QTRY_COMPARE_WITH_TIMEOUT(scalar(lockedBy), 1, 60000);
    ::kill(pid_t(doomed.processId()), SIGKILL);
    QVERIFY(doomed.waitForFinished(30000));
    QCOMPARE(doomed.exitStatus(), QProcess::CrashExit);
    // The claim outlives its process.
    QCOMPARE(scalar(lockedBy), 1);

    QProcess survivor;
    startServer(survivor, QStringLiteral("5"));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = "
                                                    "'done' AND attempts = 2 AND last_error "
                                                    "LIKE 'lease expired%'")),
                              1, 120000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs")), 1);
    ::kill(pid_t(survivor.processId()), SIGTERM);
    QVERIFY(survivor.waitForFinished(60000));
    QCOMPARE(survivor.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestJobProcesses)
#include "tst_jobprocesses.moc"
