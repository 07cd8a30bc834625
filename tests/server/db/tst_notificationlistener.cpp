// Db::NotificationListener against a real PostgreSQL database: it delivers the payloads of
// committed NOTIFYs on its channel (through callbacks on its own thread and through signals),
// ignores other channels and rolled-back transactions, reports when it is disconnected, and
// reconnects and LISTENs again after its session is terminated.

#include "db/database.h"
#include "db/notificationlistener.h"
#include "testdatabase.h"

#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Shop;
using Shop::Db::NotificationListener;
using Shop::Tests::TestDatabase;

namespace {
const QString kChannel = QStringLiteral("shop_test_channel");
}

class TestNotificationListener final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void deliversCommittedPayloads();
    void callbacksRunOnTheListenerThread();
    void ignoresOtherChannels();
    void rolledBackNotifyIsSilent();
    void reconnectsAfterTermination();
    void stopReportsDisconnected();

private:
    [[nodiscard]] bool notify(const QString &channel, const QString &payload);

    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_writer; // another session, as another server instance would be
    std::unique_ptr<NotificationListener> m_listener;
    QObject m_receiver; // lives in the test thread: the signals arrive queued
    QStringList m_payloads;
    QList<bool> m_connectedChanges;

    QMutex m_mutex; // guards what the callbacks record
    QStringList m_callbackPayloads;
    QList<QThread *> m_callbackThreads;
};

bool TestNotificationListener::notify(const QString &channel, const QString &payload)
{
    QSqlQuery q(m_writer);
    return q.prepare(QStringLiteral("SELECT pg_notify(?, ?)")) && (q.addBindValue(channel), true)
        && (q.addBindValue(payload), true) && q.exec();
}

void TestNotificationListener::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    auto writer = Db::openConnection(m_db->config(), QStringLiteral("writer"));
    SHOP_VERIFY_OK(writer);
    m_writer = *writer;

    m_listener = std::make_unique<NotificationListener>(m_db->config(), kChannel,
                                                        NotificationListener::Callbacks {
                                                            .notified =
                                                                [this](const QString &payload) {
                                                                    QMutexLocker lock(&m_mutex);
                                                                    m_callbackPayloads << payload;
                                                                    m_callbackThreads
                                                                        << QThread::currentThread();
                                                                },
                                                            .connectedChanged = {},
                                                        },
                                                        std::chrono::milliseconds(100));
    QCOMPARE(m_listener->channel(), kChannel);
    connect(m_listener.get(), &NotificationListener::notified, &m_receiver,
            [this](const QString &payload) { m_payloads << payload; });
    connect(m_listener.get(), &NotificationListener::connectedChanged, &m_receiver,
            [this](bool connected) { m_connectedChanges << connected; });
    QVERIFY(!m_listener->isConnected());
    m_listener->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_listener->isConnected(), 10000);
    QVERIFY(m_listener->backendPid() > 0);
    QTRY_COMPARE(m_connectedChanges, QList<bool> {true});
}

void TestNotificationListener::init()
{
    QVERIFY(m_listener && m_listener->isConnected());
    // Notifications arrive in commit order: once this marker is here, nothing of the previous
    // test is still on its way.
    const QString marker =
        QStringLiteral("marker-") + QString::fromUtf8(QTest::currentTestFunction());
    QVERIFY(notify(kChannel, marker));
    QTRY_VERIFY_WITH_TIMEOUT(m_payloads.contains(marker), 10000);
    m_payloads.clear();
    m_connectedChanges.clear();
    QMutexLocker lock(&m_mutex);
    m_callbackPayloads.clear();
    m_callbackThreads.clear();
}

void TestNotificationListener::cleanupTestCase()
{
    m_listener.reset();
    m_writer = {};
    QSqlDatabase::removeDatabase(QStringLiteral("writer"));
    m_db.reset();
}

void TestNotificationListener::deliversCommittedPayloads()
{
    QVERIFY(notify(kChannel, QStringLiteral("one")));
    QVERIFY(m_writer.transaction());
    QVERIFY(notify(kChannel, QStringLiteral("two")));
    QVERIFY(notify(kChannel, QStringLiteral("three")));
    QVERIFY(m_writer.commit());
    QTRY_COMPARE_WITH_TIMEOUT(
        m_payloads,
        (QStringList {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}),
        5000);
}

void TestNotificationListener::callbacksRunOnTheListenerThread()
{
    QVERIFY(notify(kChannel, QStringLiteral("threaded")));
    QTRY_VERIFY_WITH_TIMEOUT(m_payloads.contains(QStringLiteral("threaded")), 5000);
    QMutexLocker lock(&m_mutex);
    QCOMPARE(m_callbackPayloads, QStringList {QStringLiteral("threaded")});
    QCOMPARE(m_callbackThreads, QList<QThread *> {m_listener.get()});
}

void TestNotificationListener::ignoresOtherChannels()
{
    QVERIFY(notify(QStringLiteral("shop_other_channel"), QStringLiteral("elsewhere")));
    QVERIFY(notify(kChannel, QStringLiteral("after")));
    QTRY_VERIFY_WITH_TIMEOUT(m_payloads.contains(QStringLiteral("after")), 5000);
    QCOMPARE(m_payloads, QStringList {QStringLiteral("after")});
}

void TestNotificationListener::rolledBackNotifyIsSilent()
{
    QVERIFY(m_writer.transaction());
    QVERIFY(notify(kChannel, QStringLiteral("rolled back")));
    QVERIFY(m_writer.rollback());
    QVERIFY(notify(kChannel, QStringLiteral("committed")));
    QTRY_VERIFY_WITH_TIMEOUT(m_payloads.contains(QStringLiteral("committed")), 5000);
    QCOMPARE(m_payloads, QStringList {QStringLiteral("committed")});
}

void TestNotificationListener::reconnectsAfterTermination()
{
    const int pid = m_listener->backendPid();
    const int connects = m_listener->connectCount();
    {
        QSqlQuery kill(m_db->maintenance());
        QVERIFY(kill.prepare(QStringLiteral("SELECT pg_terminate_backend(?)")));
        kill.addBindValue(pid);
        QVERIFY2(kill.exec() && kill.next() && kill.value(0).toBool(),
                 qPrintable(kill.lastError().text()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_listener->connectCount(), connects + 1, 10000);
    QTRY_VERIFY(m_listener->isConnected());
    QVERIFY(m_listener->backendPid() != pid);
    QTRY_COMPARE(m_connectedChanges, (QList<bool> {false, true}));

    // Listening again: payloads are delivered as before.
    QVERIFY(notify(kChannel, QStringLiteral("again")));
    QTRY_COMPARE_WITH_TIMEOUT(m_payloads, QStringList {QStringLiteral("again")}, 5000);
}

void TestNotificationListener::stopReportsDisconnected()
{
    m_listener->stop();
    m_listener->stop(); // twice is fine
    QVERIFY(!m_listener->isRunning());
    QVERIFY(!m_listener->isConnected());
    QTRY_COMPARE(m_connectedChanges, QList<bool> {false});
    QVERIFY(notify(kChannel, QStringLiteral("unheard")));
    QTest::qWait(300);
    QVERIFY(m_payloads.isEmpty());

    // And it can start again.
    m_listener->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_listener->isConnected(), 10000);
    QVERIFY(notify(kChannel, QStringLiteral("heard")));
    QTRY_COMPARE_WITH_TIMEOUT(m_payloads, QStringList {QStringLiteral("heard")}, 5000);
}

QTEST_GUILESS_MAIN(TestNotificationListener)
#include "tst_notificationlistener.moc"
