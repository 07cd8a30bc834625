#include "db/database.h"
#include "db/transaction.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Db;
using Shop::Tests::TestDatabase;

namespace {

qint64 backendPid(const QSqlDatabase &db)
{
    auto query = Db::exec(db, QStringLiteral("SELECT pg_backend_pid()"));
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toLongLong();
}

qint64 categoryCount(const QString &slugPrefix)
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto query = Db::exec(*db, QStringLiteral("SELECT count(*) FROM categories WHERE slug LIKE ?"),
                          {QString(slugPrefix + u'%')});
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toLongLong();
}

Result<QSqlQuery> insertCategory(const QSqlDatabase &db, const QString &slug)
{
    return Db::exec(db, QStringLiteral("INSERT INTO categories (name, slug) VALUES (?, ?)"),
                    {slug, slug});
}

} // namespace

class TestDatabaseLayer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sameConnectionWithinThread();
    void oneConnectionPerThreadRemovedAtThreadEnd();
    void failedStatementReportsUnavailableThenReconnects();
    void terminatedConnectionIsReopenedWithoutFailing();
    void transactionBeginReconnects();
    void transactionRollsBackOnDestruction();
    void transactionCommits();
    void nestedTransactionsAreSavepoints();
    void commitOfFailedTransactionFails();
    void errorMapping_data();
    void errorMapping();
    void execCachedReusesStatement();
    void unreachableServerIsUnavailable();

private:
    void terminate(qint64 pid);

    std::unique_ptr<TestDatabase> m_db;
};

void TestDatabaseLayer::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
}

void TestDatabaseLayer::cleanupTestCase()
{
    m_db.reset();
}

void TestDatabaseLayer::terminate(qint64 pid)
{
    auto killed =
        Db::exec(m_db->maintenance(), QStringLiteral("SELECT pg_terminate_backend(?)"), {pid});
    SHOP_VERIFY_OK(killed);
    QVERIFY(killed->next());
    QVERIFY(killed->value(0).toBool());
    // pg_terminate_backend only signals; wait until the backend is gone.
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        auto alive =
            Db::exec(m_db->maintenance(),
                     QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"), {pid});
        QVERIFY(alive && alive->next());
        if (alive->value(0).toInt() == 0) {
            return;
        }
        QThread::msleep(10);
    }
    QFAIL("the terminated backend did not go away");
}

void TestDatabaseLayer::sameConnectionWithinThread()
{
    auto first = Db::threadConnection();
    SHOP_VERIFY_OK(first);
    auto second = Db::threadConnection();
    SHOP_VERIFY_OK(second);
    QCOMPARE(first->connectionName(), second->connectionName());
    QVERIFY(first->isOpen());
    QCOMPARE(first->databaseName(), m_db->name());
    QCOMPARE(backendPid(*first), backendPid(*second));
}

void TestDatabaseLayer::oneConnectionPerThreadRemovedAtThreadEnd()
{
    constexpr int ThreadCount = 4;
    QList<qint64> pids(ThreadCount, -1);
    QStringList names(ThreadCount);
    QList<QThread *> threads;
    for (int i = 0; i < ThreadCount; ++i) {
        threads << QThread::create([i, &pids, &names] {
            auto db = Db::threadConnection();
            if (!db) {
                return;
            }
            names[i] = db->connectionName();
            pids[i] = backendPid(*db);
            // a second call in the same thread is the same session
            auto again = Db::threadConnection();
            if (!again || backendPid(*again) != pids[i]) {
                pids[i] = -2;
            }
        });
    }
    for (QThread *thread : threads) {
        thread->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(30000));
        delete thread;
    }
    auto mine = Db::threadConnection();
    SHOP_VERIFY_OK(mine);
    QSet<qint64> distinct {backendPid(*mine)};
    for (int i = 0; i < ThreadCount; ++i) {
        QVERIFY2(pids[i] > 0, "a thread had no working connection of its own");
        distinct.insert(pids[i]);
        QVERIFY(!names[i].isEmpty());
        // Removed by the time QThread::wait() returned, so a joined pool holds no connection that
        // could be torn down while the process exits.
        QVERIFY2(!QSqlDatabase::connectionNames().contains(names[i]), qPrintable(names[i]));
    }
    QCOMPARE(distinct.size(), ThreadCount + 1);

    // ...and the server sessions are gone too.
    QElapsedTimer timer;
    timer.start();
    int sessions = -1;
    while (timer.elapsed() < 10000) {
        auto count = Db::exec(m_db->maintenance(),
                              QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname "
                                             "= ?"),
                              {m_db->name()});
        QVERIFY(count && count->next());
        sessions = count->value(0).toInt();
        if (sessions == 1) {
            break;
        }
        QThread::msleep(10);
    }
    QCOMPARE(sessions, 1); // this thread's only
}

void TestDatabaseLayer::failedStatementReportsUnavailableThenReconnects()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const qint64 before = backendPid(*db);
    QVERIFY(before > 0);
    terminate(before);

    // The handle we still hold: its statement fails cleanly as Unavailable, no crash.
    auto failed = Db::exec(*db, QStringLiteral("SELECT 1"));
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::Unavailable);

    auto again = Db::threadConnection();
    SHOP_VERIFY_OK(again);
    const qint64 after = backendPid(*again);
    QVERIFY(after > 0);
    QVERIFY(after != before);
}

void TestDatabaseLayer::terminatedConnectionIsReopenedWithoutFailing()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const qint64 before = backendPid(*db);
    terminate(before);
    QThread::msleep(50); // let the FATAL message / EOF arrive on our socket

    // threadConnection() notices the dead session without a query and reconnects.
    auto again = Db::threadConnection();
    SHOP_VERIFY_OK(again);
    auto query = Db::exec(*again, QStringLiteral("SELECT pg_backend_pid()"));
    SHOP_VERIFY_OK(query);
    QVERIFY(query->next());
    QVERIFY(query->value(0).toLongLong() != before);
}

void TestDatabaseLayer::transactionBeginReconnects()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const qint64 before = backendPid(*db);
    terminate(before);

    Db::Transaction tx(*db); // BEGIN on a dead session: reconnects and retries once
    QVERIFY2(tx.isActive(), qPrintable(tx.error().message));
    QVERIFY(insertCategory(*db, QStringLiteral("reconnected-tx")));
    QVERIFY(tx.commit());
    QCOMPARE(categoryCount(QStringLiteral("reconnected-tx")), 1);
}

void TestDatabaseLayer::transactionRollsBackOnDestruction()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    {
        Db::Transaction tx(*db);
        QVERIFY(tx.isActive());
        QVERIFY(insertCategory(*db, QStringLiteral("rolled-back-a")));
        QVERIFY(insertCategory(*db, QStringLiteral("rolled-back-b")));
        QCOMPARE(categoryCount(QStringLiteral("rolled-back")), 2); // visible inside
    } // no commit
    QCOMPARE(categoryCount(QStringLiteral("rolled-back")), 0);

    {
        auto tx = Db::Transaction::begin(*db);
        QVERIFY(tx);
        QVERIFY(insertCategory(*db, QStringLiteral("rolled-back-c")));
        tx->rollback();
        QVERIFY(!tx->isActive());
        QVERIFY(!tx->commit()); // nothing left to commit
    }
    QCOMPARE(categoryCount(QStringLiteral("rolled-back")), 0);
}

void TestDatabaseLayer::transactionCommits()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    {
        Db::Transaction tx(*db);
        QVERIFY(insertCategory(*db, QStringLiteral("committed-a")));
        auto committed = tx.commit();
        SHOP_VERIFY_OK(committed);
        QVERIFY(!tx.isActive());
    }
    QCOMPARE(categoryCount(QStringLiteral("committed-a")), 1);
}

void TestDatabaseLayer::nestedTransactionsAreSavepoints()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    {
        Db::Transaction outer(*db);
        QCOMPARE(outer.depth(), 0);
        QVERIFY(insertCategory(*db, QStringLiteral("nested-outer")));
        {
            Db::Transaction inner(*db);
            QVERIFY(inner.isActive());
            QCOMPARE(inner.depth(), 1);
            QVERIFY(insertCategory(*db, QStringLiteral("nested-inner-dropped")));
            // a failing statement inside the savepoint...
            QVERIFY(!insertCategory(*db, QStringLiteral("nested-outer")));
        } // ...rolled back to the savepoint: the outer transaction is still usable
        {
            Db::Transaction inner(*db);
            QVERIFY(insertCategory(*db, QStringLiteral("nested-inner-kept")));
            QVERIFY(inner.commit());
        }
        QVERIFY(outer.commit());
    }
    QCOMPARE(categoryCount(QStringLiteral("nested-outer")), 1);
    QCOMPARE(categoryCount(QStringLiteral("nested-inner-dropped")), 0);
    QCOMPARE(categoryCount(QStringLiteral("nested-inner-kept")), 1);
}

void TestDatabaseLayer::commitOfFailedTransactionFails()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const QString countStatements = QStringLiteral("SELECT count(*) FROM pg_prepared_statements");
    auto before = Db::exec(*db, countStatements);
    QVERIFY(before && before->next());
    {
        Db::Transaction tx(*db);
        QVERIFY(insertCategory(*db, QStringLiteral("aborted-a")));
        QVERIFY(!insertCategory(*db, QStringLiteral("Not A Slug"))); // check violation
        auto committed = tx.commit();
        QVERIFY(!committed); // PostgreSQL turns COMMIT into ROLLBACK
    }
    QCOMPARE(categoryCount(QStringLiteral("aborted-")), 0);
    // and the connection is usable afterwards, without leftover server-side statements from the
    // statement that failed inside the transaction
    auto after = Db::exec(*db, countStatements);
    QVERIFY(after && after->next());
    QCOMPARE(after->value(0).toInt(), before->value(0).toInt());
}

void TestDatabaseLayer::errorMapping_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("code");

    const QString parent = QStringLiteral(
        "INSERT INTO categories (id, name, slug) VALUES "
        "('00000000-0000-0000-0000-0000000000aa', 'Parent', 'map-parent') ON CONFLICT DO NOTHING");
    QTest::newRow("duplicate slug -> conflict")
        << parent
        << QStringLiteral("INSERT INTO categories (name, slug) VALUES ('x', 'map-parent')")
        << int(ErrorCode::Conflict);
    QTest::newRow("check violation -> validation")
        << QString()
        << QStringLiteral("INSERT INTO categories (name, slug) VALUES ('x', 'Bad Slug')")
        << int(ErrorCode::Validation);
    QTest::newRow("not null -> validation")
        << QString() << QStringLiteral("INSERT INTO categories (name, slug) VALUES (NULL, 'nn')")
        << int(ErrorCode::Validation);
    QTest::newRow("missing parent -> validation")
        << QString()
        << QStringLiteral("INSERT INTO categories (name, slug, parent_id) VALUES ('x', 'orphan', "
                          "'00000000-0000-0000-0000-0000000000ff')")
        << int(ErrorCode::Validation);
    QTest::newRow("still referenced -> conflict")
        << parent
            + QStringLiteral("; INSERT INTO categories (name, slug, parent_id) VALUES ('c', "
                             "'map-child', '00000000-0000-0000-0000-0000000000aa') ON CONFLICT "
                             "DO NOTHING")
        << QStringLiteral(
               "DELETE FROM categories WHERE id = '00000000-0000-0000-0000-0000000000aa'")
        << int(ErrorCode::Conflict);
    QTest::newRow("bad uuid text -> validation")
        << QString() << QStringLiteral("SELECT * FROM categories WHERE id = 'nope'::uuid")
        << int(ErrorCode::Validation);
    QTest::newRow("syntax error -> internal")
        << QString() << QStringLiteral("SELEKT 1") << int(ErrorCode::Internal);
    QTest::newRow("unknown table -> internal")
        << QString() << QStringLiteral("SELECT * FROM no_such_table") << int(ErrorCode::Internal);
}

void TestDatabaseLayer::errorMapping()
{
    QFETCH(QString, setup);
    QFETCH(QString, sql);
    QFETCH(int, code);

    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    if (!setup.isEmpty()) {
        for (const QString &statement : setup.split(QStringLiteral("; "))) {
            auto prepared = Db::exec(*db, statement);
            SHOP_VERIFY_OK(prepared);
        }
    }
    auto result = Db::exec(*db, sql);
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY(!result.error().message.isEmpty());
    // Nothing of the SQL or the database's own text reaches the message clients see.
    QVERIFY2(!result.error().message.contains(QLatin1String("categories")),
             qPrintable(result.error().message));
    QVERIFY(!result.error().message.contains(QLatin1String("SQLSTATE")));
}

void TestDatabaseLayer::execCachedReusesStatement()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const QString sql = QStringLiteral("SELECT ?::int + 1");
    auto first = Db::execCached(*db, sql, {1});
    SHOP_VERIFY_OK(first);
    QVERIFY((*first)->next());
    QCOMPARE((*first)->value(0).toInt(), 2);
    auto second = Db::execCached(*db, sql, {41});
    SHOP_VERIFY_OK(second);
    QCOMPARE(*second, *first); // the same prepared statement
    QVERIFY((*second)->next());
    QCOMPARE((*second)->value(0).toInt(), 42);

    auto prepared = Db::exec(*db,
                             QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE "
                                            "statement LIKE '%$1::int + 1%'"));
    QVERIFY(prepared && prepared->next());
    QCOMPARE(prepared->value(0).toInt(), 1);
}

void TestDatabaseLayer::unreachableServerIsUnavailable()
{
    const DatabaseConfig good = Db::configuration();
    DatabaseConfig bad = good;
    bad.host = QStringLiteral("127.0.0.1");
    bad.port = 1; // nothing listens there
    bad.user = QStringLiteral("shop");
    bad.password = QStringLiteral("s3cret-password");
    bad.options = QStringLiteral("connect_timeout=2");
    Db::configure(bad);
    auto db = Db::threadConnection();
    Db::configure(good);
    QVERIFY(!db);
    QCOMPARE(db.error().code, ErrorCode::Unavailable);
    // What clients may see says what is wrong; where, and why, is for the log only.
    QCOMPARE(db.error().message, QStringLiteral("The database cannot be reached."));
    QVERIFY2(db.error().logDetail.contains(QLatin1String("127.0.0.1:1")),
             qPrintable(db.error().logDetail));
    QVERIFY(!db.error().logDetail.contains(QLatin1String("s3cret")));

    auto restored = Db::threadConnection();
    SHOP_VERIFY_OK(restored);
    QVERIFY(Db::exec(*restored, QStringLiteral("SELECT 1")));
}

QTEST_GUILESS_MAIN(TestDatabaseLayer)
#include "tst_database.moc"
