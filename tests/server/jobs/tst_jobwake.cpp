// Waking job workers without a NOTIFY in the enqueuing transaction (Jobs::deferWake,
// Jobs::wakeAfterCommit, Jobs::Waker), against a real PostgreSQL database and a real LISTEN on
// shop_jobs: an ordinary enqueue notifies at commit; a deferred one does not, until
// wakeAfterCommit(); the deferral ends with its transaction; the waker wakes local workers at
// once, folds a burst of requests into a few NOTIFYs and never drops the last; without an
// installed waker wakeAfterCommit() notifies on the caller's connection.

#include "db/database.h"
#include "db/notificationlistener.h"
#include "db/transaction.h"
#include "jobs/jobs.h"
#include "jobs/waker.h"
#include "testdatabase.h"

#include <QObject>
#include <QTest>

#include <atomic>

using namespace Shop;
using namespace std::chrono_literals;
using Shop::Tests::TestDatabase;

class TestJobWake final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void plainEnqueueNotifiesAtCommit();
    void deferredEnqueueWaitsForWakeAfterCommit();
    void deferralEndsWithItsTransaction();
    void wakerFoldsABurstAndKeepsTheLast();
    void wakerWakesLocalWorkersAtOnce();
    void stopSendsWhatWasAskedFor();

private:
    // Notifications arrive in commit order: once this marker is here, everything committed before
    // it would have been too. Returns what arrived before the marker.
    QStringList receivedUpToMarker();
    bool enqueue(bool deferred);
    QSqlDatabase db();

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Db::NotificationListener> m_listener;
    QObject m_receiver;
    QStringList m_received;
    int m_markers = 0;
};

void TestJobWake::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    m_listener = std::make_unique<Db::NotificationListener>(
        m_db->config(), Jobs::NotifyChannel, Db::NotificationListener::Callbacks {}, 100ms);
    connect(m_listener.get(), &Db::NotificationListener::notified, &m_receiver,
            [this](const QString &payload) { m_received << payload; });
    m_listener->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_listener->isConnected(), 10000);
}

void TestJobWake::init()
{
    QVERIFY(m_listener->isConnected());
    receivedUpToMarker();
}

void TestJobWake::cleanupTestCase()
{
    m_listener.reset();
    Db::closeThreadConnection();
    m_db.reset();
}

QSqlDatabase TestJobWake::db()
{
    auto db = Db::threadConnection();
    return db ? *db : QSqlDatabase();
}

QStringList TestJobWake::receivedUpToMarker()
{
    const QString marker = QStringLiteral("marker-%1").arg(++m_markers);
    if (!Db::exec(db(), QStringLiteral("SELECT pg_notify('shop_jobs', ?)"), {marker})) {
        return {QStringLiteral("<could not send the marker>")};
    }
    if (!QTest::qWaitFor([&] { return m_received.contains(marker); }, 10000)) {
        return {QStringLiteral("<the marker did not arrive>")};
    }
    QStringList before = m_received.mid(0, m_received.indexOf(marker));
    m_received.clear();
    return before;
}

bool TestJobWake::enqueue(bool deferred)
{
    QSqlDatabase conn = db();
    auto tx = Db::Transaction::begin(conn);
    if (!tx) {
        return false;
    }
    if (deferred && !Jobs::deferWake(conn)) {
        return false;
    }
    return Jobs::enqueue(conn, {.kind = Jobs::NoopKind}) && tx->commit();
}

void TestJobWake::plainEnqueueNotifiesAtCommit()
{
    QVERIFY(enqueue(false));
    QCOMPARE(receivedUpToMarker(), QStringList {QString()});
}

void TestJobWake::deferredEnqueueWaitsForWakeAfterCommit()
{
    QVERIFY(enqueue(true));
    QCOMPARE(receivedUpToMarker(), QStringList());
    // No waker installed in this process: wakeAfterCommit() notifies on this thread's connection.
    Jobs::wakeAfterCommit();
    QCOMPARE(receivedUpToMarker(), QStringList {QString()});
}

void TestJobWake::deferralEndsWithItsTransaction()
{
    QVERIFY(enqueue(true));
    QVERIFY(enqueue(false)); // same connection, next transaction: notifies again
    QCOMPARE(receivedUpToMarker(), QStringList {QString()});
    // A rolled-back deferral too.
    {
        QSqlDatabase conn = db();
        auto tx = Db::Transaction::begin(conn);
        QVERIFY(tx);
        SHOP_VERIFY_OK(Jobs::deferWake(conn));
        tx->rollback();
    }
    QVERIFY(enqueue(false));
    QCOMPARE(receivedUpToMarker(), QStringList {QString()});
}

void TestJobWake::wakerFoldsABurstAndKeepsTheLast()
{
    Jobs::Waker waker(m_db->config(), {}, 1s);
    waker.start();
    Jobs::Waker::install(&waker);
    for (int i = 0; i < 500; ++i) {
        Jobs::wakeAfterCommit();
    }
    // The first request is sent at once; the others are folded into it (when they came before
    // the thread took it) or into one more after the interval.
    QTRY_VERIFY_WITH_TIMEOUT(waker.sent() >= 1, 10000);
    QTest::qWait(1500);
    const qint64 burst = waker.sent();
    QVERIFY2(burst == 1 || burst == 2, QByteArray::number(burst).constData());
    QCOMPARE(receivedUpToMarker().size(), burst);

    // After a quiet interval a request goes out at once; the ones right after it wait for the
    // interval and go out together, not lost.
    Jobs::wakeAfterCommit();
    QTRY_COMPARE_WITH_TIMEOUT(waker.sent(), burst + 1, 10000);
    for (int i = 0; i < 100; ++i) {
        Jobs::wakeAfterCommit();
    }
    QTRY_COMPARE_WITH_TIMEOUT(waker.sent(), burst + 2, 10000);
    QTest::qWait(1500);
    QCOMPARE(waker.sent(), burst + 2);
    QCOMPARE(receivedUpToMarker(), (QStringList {QString(), QString()}));
    Jobs::Waker::uninstall(&waker);
    waker.stop();
}

void TestJobWake::wakerWakesLocalWorkersAtOnce()
{
    std::atomic<int> local {0};
    Jobs::Waker waker(
        m_db->config(), [&local] { ++local; }, 10s);
    waker.start();
    Jobs::Waker::install(&waker);
    for (int i = 0; i < 3; ++i) {
        Jobs::wakeAfterCommit();
    }
    QCOMPARE(local.load(), 3); // synchronously, whatever the NOTIFY interval
    Jobs::Waker::uninstall(&waker);
    // Uninstalled: requests no longer reach it.
    SHOP_VERIFY_OK(Db::threadConnection());
    Jobs::wakeAfterCommit();
    QCOMPARE(local.load(), 3);
    waker.stop();
}

void TestJobWake::stopSendsWhatWasAskedFor()
{
    Jobs::Waker waker(m_db->config(), {}, 10s);
    waker.start();
    waker.request();
    QTRY_COMPARE_WITH_TIMEOUT(waker.sent(), 1, 10000);
    waker.request(); // waits for the 10 s interval ...
    waker.stop(); // ... which stopping cuts short
    QCOMPARE(waker.sent(), 2);
    QCOMPARE(receivedUpToMarker(), (QStringList {QString(), QString()}));
}

QTEST_GUILESS_MAIN(TestJobWake)
#include "tst_jobwake.moc"
