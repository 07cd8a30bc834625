// product_counts (migration 0002): the per-category counts of active (and active in-stock)
// products that the triggers on products keep, compared with real counts after every kind of
// change, under concurrent writers, and as list totals of CatalogRepository.

#include "catalog/catalogrepository.h"
#include "catalogfixture.h"
#include "db/database.h"
#include "testdatabase.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Catalog;
using Shop::Tests::TestDatabase;

namespace {

// Rows where product_counts and a real count over products differ (empty: they agree), as
// "category: counted/kept active, counted/kept in stock".
QStringList countMismatches(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT r.c, r.a, k.a, r.s, k.s FROM ("
            "  SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000') AS c,"
            "         count(*) AS a, count(*) FILTER (WHERE stock_quantity > 0) AS s"
            "  FROM products WHERE is_active GROUP BY 1) AS r "
            "FULL JOIN ("
            "  SELECT category_id AS c, sum(active) AS a, sum(active_in_stock) AS s"
            "  FROM product_counts GROUP BY 1"
            "  HAVING sum(active) <> 0 OR sum(active_in_stock) <> 0) AS k USING (c) "
            "WHERE r.a IS DISTINCT FROM k.a OR r.s IS DISTINCT FROM k.s"))) {
        return {q.lastError().text()};
    }
    QStringList result;
    while (q.next()) {
        result << QStringLiteral("%1: %2/%3, %4/%5")
                      .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toString(), q.value(4).toString());
    }
    return result;
}

QString execAll(const QSqlDatabase &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            return sql + QStringLiteral(": ") + q.lastError().text();
        }
    }
    return {};
}

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        return -1;
    }
    return q.value(0).toLongLong();
}

} // namespace

class TestProductCounts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void countsFollowChanges_data();
    void countsFollowChanges();
    void rolledBackChangesLeaveNoTrace();
    void repeatableReadWritersAddRows();
    void concurrentWriters();
    void listTotalsMatchRealCounts_data();
    void listTotalsMatchRealCounts();

private:
    std::unique_ptr<TestDatabase> m_db;
    CatalogRepository m_repository;
};

void TestProductCounts::initTestCase()
{
    auto db = TestDatabase::create();
    QVERIFY2(db, WHY(db));
    m_db = std::move(*db);
}

void TestProductCounts::cleanupTestCase()
{
    m_db.reset();
}

void TestProductCounts::init()
{
    auto connection = Db::threadConnection();
    QVERIFY2(connection, WHY(connection));
    const QString error = Tests::seedCatalogFixture(*connection);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(countMismatches(*connection), QStringList());
}

void TestProductCounts::countsFollowChanges_data()
{
    QTest::addColumn<QStringList>("statements");
    const auto row = [](const char *name, const QStringList &statements) {
        QTest::newRow(name) << statements;
    };
    row("insert active and inactive",
        {QStringLiteral("INSERT INTO products (sku, name, price, category_id, stock_quantity, "
                        "is_active) VALUES "
                        "('N-1', 'New one', 100, '10000000-0000-0000-0000-000000000021', 3, true),"
                        "('N-2', 'New two', 100, '10000000-0000-0000-0000-000000000021', 0, true),"
                        "('N-3', 'Hidden', 100, '10000000-0000-0000-0000-000000000021', 9, false),"
                        "('N-4', 'No category', 100, NULL, 1, true)")});
    row("delete",
        {QStringLiteral("DELETE FROM products WHERE sku IN ('LAP-1', 'LAP-4', 'NOC-1')")});
    row("move to another category",
        {QStringLiteral("UPDATE products SET category_id = '10000000-0000-0000-0000-000000000002' "
                        "WHERE sku IN ('LAP-1', 'LAP-2', 'LAP-4')")});
    row("move to no category",
        {QStringLiteral("UPDATE products SET category_id = NULL WHERE sku LIKE 'KIT-%'")});
    row("deactivate and activate",
        {QStringLiteral("UPDATE products SET is_active = NOT is_active "
                        "WHERE sku IN ('LAP-3', 'LAP-4', 'AUD-2')")});
    row("stock crosses zero both ways",
        {QStringLiteral("UPDATE products SET stock_quantity = CASE WHEN stock_quantity = 0 "
                        "THEN 7 ELSE 0 END WHERE sku IN ('LAP-1', 'LAP-2', 'AUD-1', 'AUD-2')")});
    row("stock changes without crossing zero",
        {QStringLiteral("UPDATE products SET stock_quantity = stock_quantity + 1"),
         QStringLiteral("UPDATE products SET stock_quantity = stock_quantity - 1 "
                        "WHERE stock_quantity > 1")});
    row("everything in one statement",
        {QStringLiteral("UPDATE products SET is_active = (sku <> 'HOM-1'), stock_quantity = 0, "
                        "category_id = '10000000-0000-0000-0000-000000000003' "
                        "WHERE sku IN ('HOM-1', 'LAP-4', 'CMP-1')")});
    row("category deleted (products set to no category)",
        {QStringLiteral("DELETE FROM categories WHERE slug = 'audio'")});
    row("several statements in one transaction",
        {QStringLiteral("BEGIN"),
         QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE sku = 'LAP-1'"),
         QStringLiteral("UPDATE products SET category_id = NULL WHERE sku = 'LAP-1'"),
         QStringLiteral("DELETE FROM products WHERE sku = 'LAP-3'"),
         QStringLiteral("INSERT INTO products (sku, name, price) VALUES ('N-1', 'New', 1)"),
         QStringLiteral("COMMIT")});
    row("upsert",
        {QStringLiteral(
            "INSERT INTO products (sku, name, price, stock_quantity) VALUES "
            "('LAP-2', 'Gaming Laptop 17', 149900, 4), ('N-9', 'Nine', 5, 0) "
            "ON CONFLICT (sku) DO UPDATE SET stock_quantity = excluded.stock_quantity")});
    row("truncate", {QStringLiteral("TRUNCATE products CASCADE")});
}

void TestProductCounts::countsFollowChanges()
{
    QFETCH(QStringList, statements);
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    const QString error = execAll(*db, statements);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(countMismatches(*db), QStringList());
}

void TestProductCounts::rolledBackChangesLeaveNoTrace()
{
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    const qint64 rowsBefore = scalar(*db, QStringLiteral("SELECT count(*) FROM product_counts"));
    QString error = execAll(
        *db,
        {QStringLiteral("BEGIN"), QStringLiteral("DELETE FROM products WHERE sku = 'LAP-1'"),
         QStringLiteral("UPDATE products SET stock_quantity = 0"), QStringLiteral("ROLLBACK")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(countMismatches(*db), QStringList());
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM product_counts")), rowsBefore);
}

void TestProductCounts::repeatableReadWritersAddRows()
{
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    QString error =
        execAll(*db,
                {QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ"),
                 QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE sku LIKE 'LAP-%'"),
                 QStringLiteral("COMMIT"), QStringLiteral("BEGIN ISOLATION LEVEL SERIALIZABLE"),
                 QStringLiteral("UPDATE products SET is_active = false WHERE sku = 'LAP-3'"),
                 QStringLiteral("COMMIT")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(countMismatches(*db), QStringList());
    const QString laptops = QStringLiteral("'10000000-0000-0000-0000-000000000111'");
    QVERIFY(
        scalar(*db,
               QStringLiteral("SELECT count(*) FROM product_counts WHERE category_id = ") + laptops)
        > 1);
    // The next READ COMMITTED change to the category merges its rows again.
    error = execAll(*db,
                    {QStringLiteral("UPDATE products SET stock_quantity = 1 "
                                    "WHERE sku = 'LAP-1'")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(countMismatches(*db), QStringList());
    QCOMPARE(scalar(*db,
                    QStringLiteral("SELECT count(*) FROM product_counts WHERE category_id = ")
                        + laptops),
             1);
}

// Several connections change products at once, in transactions of several statements over the
// same categories, some of which roll back; afterwards the kept counts equal real counts.
void TestProductCounts::concurrentWriters()
{
    constexpr int Writers = 6;
    constexpr int Transactions = 60;
    const Server::DatabaseConfig config = m_db->config();
    QStringList errors(Writers);
    QList<QThread *> threads;
    for (int w = 0; w < Writers; ++w) {
        threads << QThread::create([w, config, &errors] {
            const QString name = QStringLiteral("counts-writer-%1").arg(w);
            {
                auto db = Db::openConnection(config, name);
                if (!db) {
                    errors[w] = db.error().message;
                    return;
                }
                QRandomGenerator random(quint32(1000 + w));
                const QStringList categories {
                    QStringLiteral("'10000000-0000-0000-0000-000000000021'"),
                    QStringLiteral("'10000000-0000-0000-0000-000000000012'"),
                    QStringLiteral("'10000000-0000-0000-0000-000000000002'"),
                    QStringLiteral("NULL")};
                const auto category = [&] {
                    return categories.at(random.bounded(int(categories.size())));
                };
                for (int t = 0; t < Transactions && errors[w].isEmpty(); ++t) {
                    QStringList statements {QStringLiteral("BEGIN")};
                    const QString sku = QStringLiteral("W%1-%2").arg(w).arg(t);
                    statements << QStringLiteral("INSERT INTO products (sku, name, price, "
                                                 "category_id, stock_quantity, is_active) "
                                                 "VALUES ('%1', 'Writer product', 100, %2, %3, %4)")
                                      .arg(sku, category())
                                      .arg(random.bounded(3))
                                      .arg(random.bounded(4) > 0 ? u"true" : u"false");
                    // Changes to the shared fixture rows and to other writers' rows.
                    statements << QStringLiteral("UPDATE products SET category_id = %1 WHERE "
                                                 "sku IN (SELECT sku FROM products WHERE sku "
                                                 "LIKE 'W%' ORDER BY random() LIMIT 3)")
                                      .arg(category());
                    statements << QStringLiteral(
                        "UPDATE products SET stock_quantity = CASE WHEN stock_quantity = 0 THEN 2 "
                        "ELSE 0 END WHERE sku = (SELECT sku FROM products ORDER BY random() "
                        "LIMIT 1)");
                    statements << QStringLiteral(
                        "UPDATE products SET is_active = NOT is_active WHERE sku = "
                        "(SELECT sku FROM products WHERE sku LIKE 'W%' ORDER BY random() LIMIT 1)");
                    if (random.bounded(5) == 0) {
                        statements << QStringLiteral(
                            "DELETE FROM products WHERE sku = (SELECT sku FROM products "
                            "WHERE sku LIKE 'W%' ORDER BY random() LIMIT 1)");
                    }
                    statements << (random.bounded(4) == 0 ? QStringLiteral("ROLLBACK")
                                                          : QStringLiteral("COMMIT"));
                    for (const QString &sql : statements) {
                        QSqlQuery q(*db);
                        if (!q.exec(sql)) {
                            // Two writers updating the same row: the later one waits, and a
                            // deadlock between them is possible; roll back and go on.
                            const QString code = q.lastError().nativeErrorCode();
                            if (code != QLatin1String("40P01")) {
                                errors[w] = sql + QStringLiteral(": ") + q.lastError().text();
                            }
                            QSqlQuery(*db).exec(QStringLiteral("ROLLBACK"));
                            break;
                        }
                    }
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
        QVERIFY(thread->wait(120000));
        delete thread;
    }
    for (const QString &error : std::as_const(errors)) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(*) FROM products WHERE sku LIKE 'W%'")) > 0);
    QCOMPARE(countMismatches(*db), QStringList());
    // Merging keeps the table small: about one row per category and concurrent writer at most.
    QVERIFY(scalar(*db, QStringLiteral("SELECT count(*) FROM product_counts")) <= 10 + 4 * Writers);
}

void TestProductCounts::listTotalsMatchRealCounts_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("where");
    const QString electronics = QStringLiteral(
        "category_id IN ('10000000-0000-0000-0000-000000000001', "
        "'10000000-0000-0000-0000-000000000011', '10000000-0000-0000-0000-000000000012', "
        "'10000000-0000-0000-0000-000000000111', '10000000-0000-0000-0000-000000000112')");
    QTest::newRow("all") << QByteArray("limit=2") << QStringLiteral("true");
    QTest::newRow("all, page 3") << QByteArray("limit=2&page=3") << QStringLiteral("true");
    QTest::newRow("in stock") << QByteArray("limit=2&in_stock=true")
                              << QStringLiteral("stock_quantity > 0");
    QTest::newRow("out of stock") << QByteArray("limit=1&in_stock=false&sort=name")
                                  << QStringLiteral("stock_quantity = 0");
    QTest::newRow("subtree") << QByteArray("limit=2&category=electronics&sort=price_desc")
                             << electronics;
    QTest::newRow("subtree in stock, page 2")
        << QByteArray("limit=2&page=2&category=electronics&in_stock=true")
        << electronics + QStringLiteral(" AND stock_quantity > 0");
    QTest::newRow("subtree with price (counted)")
        << QByteArray("limit=1&category=electronics&min_price=10000")
        << electronics + QStringLiteral(" AND price >= 10000");
    QTest::newRow("brand, page 2 (counted)")
        << QByteArray("limit=1&page=2&brand=acer") << QStringLiteral("lower(brand) = 'acer'");
}

void TestProductCounts::listTotalsMatchRealCounts()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, where);
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    // Change the catalog first, so that the kept counts have something to follow.
    const QString error =
        execAll(*db,
                {QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE sku = 'LAP-1'"),
                 QStringLiteral("UPDATE products SET is_active = true WHERE sku = 'LAP-4'"),
                 QStringLiteral("UPDATE products SET category_id = "
                                "'10000000-0000-0000-0000-000000000112' WHERE sku = 'CMP-1'")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto parsed = ProductQuery::fromQueryString(query);
    SHOP_VERIFY_OK(parsed);
    auto page = m_repository.findProducts(*parsed);
    QVERIFY2(page, WHY(page));
    const qint64 expected =
        scalar(*db, QStringLiteral("SELECT count(*) FROM products WHERE is_active AND ") + where);
    QVERIFY(expected > 0);
    QCOMPARE(page->total, expected);
    QVERIFY(!page->items.isEmpty());
}

QTEST_GUILESS_MAIN(TestProductCounts)
#include "tst_productcounts.moc"
