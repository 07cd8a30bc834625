#include "db/database.h"
#include "db/migrations.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Db;
using Shop::Db::Migration;
using Shop::Tests::TestDatabase;

namespace {

// A fresh, unmigrated database and a connection of this thread to it.
struct FreshDatabase
{
    std::unique_ptr<TestDatabase> database;
    QSqlDatabase connection;
};

Result<FreshDatabase> freshDatabase()
{
    auto db = TestDatabase::create({.migrate = false, .configureDb = true});
    if (!db) {
        return fail(db.error());
    }
    auto connection = Db::threadConnection();
    if (!connection) {
        return fail(connection.error());
    }
    return FreshDatabase {std::move(*db), *connection};
}

int scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    auto query = Db::exec(db, sql, values);
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toInt();
}

Migration extra(const QString &file, const QByteArray &sql)
{
    auto migration = Migration::fromFile(file, sql);
    Q_ASSERT(migration);
    return *migration;
}

} // namespace

class TestMigrations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bundledMigrationsAreValid();
    void fileNames_data();
    void fileNames();
    void freshDatabaseGetsAll();
    void secondRunAppliesNothing();
    void tamperedChecksumIsDetected();
    void newMigrationIsAppliedOnTop();
    void failingMigrationIsRolledBack();
    void databaseFromNewerBuildIsRefused();
    void migrationOutOfOrderIsRefused();
    void concurrentMigrateIsSafe();

private:
    QList<Migration> m_bundled;
};

void TestMigrations::initTestCase()
{
    auto bundled = Db::bundledMigrations();
    SHOP_VERIFY_OK(bundled);
    m_bundled = *bundled;
}

void TestMigrations::bundledMigrationsAreValid()
{
    QVERIFY(!m_bundled.isEmpty());
    QCOMPARE(m_bundled.first().version, 1);
    QCOMPARE(m_bundled.first().name, QStringLiteral("0001_initial"));
    for (qsizetype i = 0; i < m_bundled.size(); ++i) {
        const Migration &m = m_bundled.at(i);
        QVERIFY(!m.sql.isEmpty());
        QCOMPARE(m.checksum.size(), 64);
        QCOMPARE(m.checksum,
                 QString::fromLatin1(
                     QCryptographicHash::hash(m.sql, QCryptographicHash::Sha256).toHex()));
        if (i > 0) {
            QVERIFY(m.version > m_bundled.at(i - 1).version);
        }
    }
}

void TestMigrations::fileNames_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("version");
    QTest::newRow("good") << "0002_add_reviews.sql" << true << 2;
    QTest::newRow("digits in name") << "0010_v2_index.sql" << true << 10;
    QTest::newRow("three digits") << "002_x.sql" << false << 0;
    QTest::newRow("hyphen") << "0002-x.sql" << false << 0;
    QTest::newRow("upper case") << "0002_Reviews.sql" << false << 0;
    QTest::newRow("no name") << "0002.sql" << false << 0;
    QTest::newRow("other extension") << "0002_x.txt" << false << 0;
    QTest::newRow("version zero") << "0000_x.sql" << false << 0;
}

void TestMigrations::fileNames()
{
    QFETCH(QString, file);
    QFETCH(bool, ok);
    QFETCH(int, version);
    auto migration = Migration::fromFile(file, "SELECT 1;");
    QCOMPARE(bool(migration), ok);
    if (ok) {
        QCOMPARE(migration->version, version);
        QCOMPARE(migration->name, file.chopped(4));
    } else {
        QVERIFY(migration.error().message.contains(file));
    }
}

void TestMigrations::freshDatabaseGetsAll()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;

    auto pending = Db::pendingMigrations(db);
    SHOP_VERIFY_OK(pending);
    QCOMPARE(*pending, int(m_bundled.size()));

    auto report = Db::migrate(db);
    SHOP_VERIFY_OK(report);
    QCOMPARE(report->applied.size(), m_bundled.size());
    QCOMPARE(report->alreadyApplied, 0);
    QCOMPARE(report->schemaVersion, m_bundled.last().version);
    for (qsizetype i = 0; i < m_bundled.size(); ++i) {
        QCOMPARE(report->applied.at(i).name, m_bundled.at(i).name);
    }

    auto rows = Db::exec(db,
                         QStringLiteral("SELECT version, name, checksum, applied_at FROM "
                                        "schema_migrations ORDER BY version"));
    SHOP_VERIFY_OK(rows);
    for (const Migration &m : m_bundled) {
        QVERIFY(rows->next());
        QCOMPARE(rows->value(0).toInt(), m.version);
        QCOMPARE(rows->value(1).toString(), m.name);
        QCOMPARE(rows->value(2).toString(), m.checksum);
        QVERIFY(rows->value(3).toDateTime().isValid());
    }
    QVERIFY(!rows->next());

    // The schema is really there.
    for (const char *table : {"users", "categories", "products", "carts", "cart_items", "orders",
                              "order_items", "addresses", "payments", "media"}) {
        QCOMPARE(scalar(db,
                        QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                       "WHERE table_name = ?"),
                        {QString::fromLatin1(table)}),
                 1);
    }
    pending = Db::pendingMigrations(db);
    SHOP_VERIFY_OK(pending);
    QCOMPARE(*pending, 0);
}

void TestMigrations::secondRunAppliesNothing()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;
    QVERIFY(Db::migrate(db));
    auto before = Db::exec(db,
                           QStringLiteral("SELECT string_agg(version || ':' || applied_at, ',' "
                                          "ORDER BY version) FROM schema_migrations"));
    QVERIFY(before && before->next());
    const QString snapshot = before->value(0).toString();

    auto report = Db::migrate(db);
    SHOP_VERIFY_OK(report);
    QVERIFY(report->applied.isEmpty());
    QCOMPARE(report->alreadyApplied, int(m_bundled.size()));
    QCOMPARE(report->schemaVersion, m_bundled.last().version);

    auto after = Db::exec(db,
                          QStringLiteral("SELECT string_agg(version || ':' || applied_at, ',' "
                                         "ORDER BY version) FROM schema_migrations"));
    QVERIFY(after && after->next());
    QCOMPARE(after->value(0).toString(), snapshot);
}

void TestMigrations::tamperedChecksumIsDetected()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;
    QVERIFY(Db::migrate(db));
    QVERIFY(Db::exec(db,
                     QStringLiteral("UPDATE schema_migrations SET checksum = ? WHERE version = 1"),
                     {QString(64, u'0')}));

    auto report = Db::migrate(db);
    QVERIFY(!report);
    QCOMPARE(report.error().code, ErrorCode::Conflict);
    QVERIFY2(report.error().message.contains(QLatin1String("0001_initial")),
             qPrintable(report.error().message));
    QVERIFY(report.error().message.contains(QLatin1String("changed")));

    auto pending = Db::pendingMigrations(db);
    QVERIFY(!pending); // a readiness probe reports it too
    QCOMPARE(pending.error().code, ErrorCode::Conflict);

    // Also when the file changed instead of the record: same check from the other side.
    QVERIFY(Db::exec(db,
                     QStringLiteral("UPDATE schema_migrations SET checksum = ? WHERE version = "
                                    "1"),
                     {m_bundled.first().checksum}));
    QList<Migration> edited = m_bundled;
    edited.first().sql += "\n-- an innocent comment\n";
    edited.first().checksum = QString::fromLatin1(
        QCryptographicHash::hash(edited.first().sql, QCryptographicHash::Sha256).toHex());
    QVERIFY(!Db::migrate(db, edited));
    QVERIFY(Db::migrate(db, m_bundled));
}

void TestMigrations::newMigrationIsAppliedOnTop()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;
    QVERIFY(Db::migrate(db));

    QList<Migration> next = m_bundled;
    next << extra(QStringLiteral("9001_test_extra.sql"),
                  "CREATE TABLE test_extra (id integer PRIMARY KEY);\n"
                  "INSERT INTO test_extra VALUES (1), (2);\n");
    auto pending = Db::pendingMigrations(db, next);
    SHOP_VERIFY_OK(pending);
    QCOMPARE(*pending, 1);
    auto report = Db::migrate(db, next);
    SHOP_VERIFY_OK(report);
    QCOMPARE(report->applied.size(), 1);
    QCOMPARE(report->applied.first().name, QStringLiteral("9001_test_extra"));
    QCOMPARE(report->schemaVersion, 9001);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM test_extra")), 2);
}

void TestMigrations::failingMigrationIsRolledBack()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;

    QList<Migration> list = m_bundled;
    // The error is in the second statement of the file: every statement's result is checked.
    list << extra(QStringLiteral("9001_partly_broken.sql"),
                  "CREATE TABLE half_done (id integer);\n"
                  "INSERT INTO half_done VALUES ('not a number');\n");
    list << extra(QStringLiteral("9002_after.sql"), "CREATE TABLE after_broken (id integer);\n");
    auto report = Db::migrate(db, list);
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(QLatin1String("9001_partly_broken")),
             qPrintable(report.error().message));

    // the bundled ones went in, the broken one left nothing behind, the later one never ran
    QCOMPARE(scalar(db, QStringLiteral("SELECT max(version) FROM schema_migrations")),
             m_bundled.last().version);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE "
                                   "table_name IN ('half_done', 'after_broken')")),
             0);
    // The lock was released: another migrate can run right away.
    auto retry = Db::migrate(db);
    SHOP_VERIFY_OK(retry);
    QVERIFY(retry->applied.isEmpty());
}

void TestMigrations::databaseFromNewerBuildIsRefused()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;
    QVERIFY(Db::migrate(db));
    QVERIFY(Db::exec(db,
                     QStringLiteral("INSERT INTO schema_migrations (version, name, checksum) "
                                    "VALUES (9999, '9999_future', 'x')")));
    auto report = Db::migrate(db);
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(QLatin1String("9999_future")),
             qPrintable(report.error().message));
}

void TestMigrations::migrationOutOfOrderIsRefused()
{
    auto fresh = freshDatabase();
    SHOP_VERIFY_OK(fresh);
    QSqlDatabase &db = fresh->connection;
    QList<Migration> list = m_bundled;
    list << extra(QStringLiteral("9005_later.sql"), "SELECT 1;");
    QVERIFY(Db::migrate(db, list));
    list << extra(QStringLiteral("9003_forgotten.sql"), "CREATE TABLE forgotten (id integer);");
    auto report = Db::migrate(db, list);
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(QLatin1String("9003_forgotten")),
             qPrintable(report.error().message));
}

void TestMigrations::concurrentMigrateIsSafe()
{
    auto database = TestDatabase::create({.migrate = false, .configureDb = false});
    SHOP_VERIFY_OK(database);
    const DatabaseConfig config = (*database)->config();

    constexpr int Migrators = 4;
    QList<int> applied(Migrators, -1);
    QStringList errors(Migrators);
    QList<QThread *> threads;
    for (int i = 0; i < Migrators; ++i) {
        threads << QThread::create([i, config, &applied, &errors] {
            const QString name = QStringLiteral("migrator-%1").arg(i);
            {
                auto db = Db::openConnection(config, name);
                if (!db) {
                    errors[i] = db.error().message;
                    return;
                }
                auto report = Db::migrate(*db);
                if (report) {
                    applied[i] = int(report->applied.size());
                } else {
                    errors[i] = report.error().message;
                }
                db->close();
            }
            QSqlDatabase::removeDatabase(name);
        });
    }
    for (QThread *thread : threads) {
        thread->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    int total = 0;
    int winners = 0;
    for (int i = 0; i < Migrators; ++i) {
        QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i]));
        total += applied[i];
        winners += applied[i] > 0 ? 1 : 0;
    }
    QCOMPARE(total, int(m_bundled.size()));
    QCOMPARE(winners, 1);

    const QString name = QStringLiteral("migration-check");
    {
        auto db = Db::openConnection(config, name);
        SHOP_VERIFY_OK(db);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM schema_migrations")),
                 int(m_bundled.size()));
        db->close();
    }
    QSqlDatabase::removeDatabase(name);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
