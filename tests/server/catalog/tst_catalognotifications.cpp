// The catalog's change notifications against a real PostgreSQL database: the statement triggers
// on products and categories notify shop_catalog_changed with the table's name on commit, for
// changes made through another connection, and stay silent for rolled-back ones and for updates
// that change nothing a catalog answer depends on (stock not crossing zero). (The listener
// itself, reconnecting included, is tested in tests/server/db/tst_notificationlistener.)

#include "catalog/catalogmodule.h"
#include "catalogfixture.h"
#include "db/database.h"
#include "db/notificationlistener.h"
#include "sqlsession.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Shop;
using Shop::Db::NotificationListener;
using Shop::Tests::TestDatabase;

class TestCatalogNotifications final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void notifiesCommittedChanges_data();
    void notifiesCommittedChanges();
    void silentChanges_data();
    void silentChanges();
    void rolledBackChangeIsSilent();
    void largeUpdateAfterSmallOnes();

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Tests::SqlSession>
        m_writer; // a separate session, as another server or an admin would be
    std::unique_ptr<NotificationListener> m_listener;
    QObject m_receiver; // lives in the test thread: the signals arrive queued
    QStringList m_changes;
    QList<bool> m_connectedChanges;
};

void TestCatalogNotifications::initTestCase()
{
    const auto ready = Tests::createCatalogDatabase(m_db, m_writer);
    QVERIFY2(ready, WHY(ready));

    m_listener = std::make_unique<NotificationListener>(
        m_db->config(), QString::fromLatin1(Catalog::CatalogModule::kChangesChannel),
        NotificationListener::Callbacks {}, std::chrono::milliseconds(100));
    connect(m_listener.get(), &NotificationListener::notified, &m_receiver,
            [this](const QString &table) { m_changes << table; });
    connect(m_listener.get(), &NotificationListener::connectedChanged, &m_receiver,
            [this](bool connected) { m_connectedChanges << connected; });
    QVERIFY(!m_listener->isConnected());
    m_listener->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_listener->isConnected(), 10000);
    QVERIFY(m_listener->backendPid() > 0);
    QTRY_COMPARE(m_connectedChanges, QList<bool> {true});
}

void TestCatalogNotifications::init()
{
    QVERIFY(m_listener && m_listener->isConnected());
    // Notifications arrive in commit order: once this marker is here, nothing of the previous
    // test is still on its way.
    const QString marker =
        QStringLiteral("marker-%1")
            .arg(QTest::currentDataTag() ? QString::fromUtf8(QTest::currentDataTag())
                                         : QString::fromUtf8(QTest::currentTestFunction()));
    QSqlQuery q(m_writer->database());
    QVERIFY(q.prepare(QStringLiteral("SELECT pg_notify('shop_catalog_changed', ?)")));
    q.addBindValue(marker);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QTRY_VERIFY_WITH_TIMEOUT(m_changes.contains(marker), 10000);
    m_changes.clear();
    m_connectedChanges.clear();
}

void TestCatalogNotifications::cleanupTestCase()
{
    m_listener.reset();
    m_writer.reset();
    m_db.reset();
}

void TestCatalogNotifications::notifiesCommittedChanges_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("tables"); // sorted

    QTest::newRow("update product")
        << QStringLiteral("UPDATE products SET price = price + 1 WHERE sku = 'LAP-1'")
        << QStringList {QStringLiteral("products")};
    // Stock matters to the catalog when it crosses zero (sold out, back in stock): LAP-1 has 5.
    QTest::newRow("sold out") << QStringLiteral(
        "UPDATE products SET stock_quantity = 0 WHERE sku = 'LAP-1'")
                              << QStringList {QStringLiteral("products")};
    QTest::newRow("back in stock")
        << QStringLiteral("UPDATE products SET stock_quantity = 3 WHERE sku = 'LAP-1'")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("one row of several")
        << QStringLiteral("UPDATE products SET stock_quantity = stock_quantity + 1, "
                          "name = CASE sku WHEN 'LAP-2' THEN name || '!' ELSE name END "
                          "WHERE sku IN ('LAP-1', 'LAP-2', 'LAP-3')")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("deactivate product")
        << QStringLiteral("UPDATE products SET is_active = false WHERE sku = 'NOC-1'")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("insert product")
        << QStringLiteral("INSERT INTO products (sku, name, price) VALUES ('NEW-1', 'New', 100)")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("delete product") << QStringLiteral("DELETE FROM products WHERE sku = 'NEW-1'")
                                    << QStringList {QStringLiteral("products")};
    QTest::newRow("insert category")
        << QStringLiteral("INSERT INTO categories (name, slug) VALUES ('Toys', 'toys')")
        << QStringList {QStringLiteral("categories")};
    QTest::newRow("rename category")
        << QStringLiteral("UPDATE categories SET name = 'Toys & Games' WHERE slug = 'toys'")
        << QStringList {QStringLiteral("categories")};
    // ON DELETE SET NULL runs an UPDATE on products too, which changes no product here.
    QTest::newRow("delete category") << QStringLiteral("DELETE FROM categories WHERE slug = 'toys'")
                                     << QStringList {QStringLiteral("categories")};
}

// Changes no catalog answer depends on send nothing (migration 0007): above all the stock an
// order takes or a cancellation gives back without crossing zero, so that placing orders neither
// flushes every instance's catalog cache nor commits one order at a time.
void TestCatalogNotifications::silentChanges_data()
{
    QTest::addColumn<QString>("sql");

    QTest::newRow("stock taken") << QStringLiteral(
        "UPDATE products SET stock_quantity = stock_quantity - 1 "
        "WHERE sku = 'LAP-1' AND stock_quantity > 1");
    QTest::newRow("stock given back")
        << QStringLiteral("UPDATE products SET stock_quantity = stock_quantity + 2 "
                          "WHERE sku IN ('LAP-1', 'LAP-2')");
    QTest::newRow("sold-out product stays sold out")
        << QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE stock_quantity = 0");
    QTest::newRow("same values") << QStringLiteral(
        "UPDATE products SET name = name, price = price");
    QTest::newRow("no row") << QStringLiteral("UPDATE products SET price = 1 WHERE sku = 'NONE'");
}

void TestCatalogNotifications::silentChanges()
{
    QFETCH(QString, sql);

    QVERIFY(m_writer->exec(sql));
    // Notifications arrive in commit order: once a later marker is here, the change's would
    // have been too.
    QVERIFY(m_writer->exec(QStringLiteral("SELECT pg_notify('shop_catalog_changed', 'after')")));
    QTRY_VERIFY_WITH_TIMEOUT(m_changes.contains(QStringLiteral("after")), 5000);
    QCOMPARE(m_changes, QStringList {QStringLiteral("after")});
}

void TestCatalogNotifications::notifiesCommittedChanges()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, tables);

    QVERIFY(m_writer->exec(sql));
    const auto received = [this] {
        QStringList sorted = m_changes;
        sorted.sort();
        return sorted;
    };
    QTRY_COMPARE_WITH_TIMEOUT(received(), tables, 5000);
}

void TestCatalogNotifications::rolledBackChangeIsSilent()
{
    QVERIFY(m_writer->database().transaction());
    QVERIFY(m_writer->exec(QStringLiteral("UPDATE products SET price = price + 1")));
    QVERIFY(m_writer->database().rollback());
    // A committed change afterwards: once its notification is here, the rolled-back one would
    // have been too.
    QVERIFY(
        m_writer->exec(QStringLiteral("UPDATE categories SET name = name WHERE slug = 'garden'")));
    QTRY_VERIFY_WITH_TIMEOUT(m_changes.contains(QStringLiteral("categories")), 5000);
    QCOMPARE(m_changes, QStringList {QStringLiteral("categories")});
}

// The trigger's comparison stays linear whatever plan PL/pgSQL cached: after many one-row updates
// (the orders' pattern: a generic plan is cached after five), a 20,000-row stock update that
// crosses no zero finishes well inside the statement timeout (a cached nested-loop join over the
// two transition tables took minutes) and stays silent; one that crosses zero notifies.
void TestCatalogNotifications::largeUpdateAfterSmallOnes()
{
    QVERIFY(m_writer->exec(QStringLiteral(
        "INSERT INTO products (sku, name, description, price, stock_quantity) "
        "SELECT 'BULK-' || i, 'Bulk item ' || i, repeat('A fine description. ', 10), 100, 50 "
        "FROM generate_series(1, 20000) AS i")));
    QTRY_VERIFY_WITH_TIMEOUT(m_changes.contains(QStringLiteral("products")), 5000);
    for (int i = 0; i < 12; ++i) {
        QVERIFY(m_writer->exec(QStringLiteral("UPDATE products SET stock_quantity = "
                                              "stock_quantity - 1 WHERE sku = 'BULK-%1'")
                                   .arg(i + 1)));
    }
    QVERIFY(m_writer->exec(QStringLiteral("SET statement_timeout = '60s'")));
    QVERIFY(m_writer->exec(QStringLiteral(
        "UPDATE products SET stock_quantity = stock_quantity + 5 WHERE sku LIKE 'BULK-%'")));
    m_changes.clear();
    QVERIFY(m_writer->exec(QStringLiteral("SELECT pg_notify('shop_catalog_changed', 'after')")));
    QTRY_VERIFY_WITH_TIMEOUT(m_changes.contains(QStringLiteral("after")), 5000);
    QCOMPARE(m_changes, QStringList {QStringLiteral("after")});
    m_changes.clear();
    QVERIFY(m_writer->exec(
        QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE sku LIKE 'BULK-%'")));
    QTRY_COMPARE_WITH_TIMEOUT(m_changes, QStringList {QStringLiteral("products")}, 5000);
    QVERIFY(m_writer->exec(QStringLiteral("RESET statement_timeout")));
    QVERIFY(m_writer->exec(QStringLiteral("DELETE FROM products WHERE sku LIKE 'BULK-%'")));
}

QTEST_GUILESS_MAIN(TestCatalogNotifications)
#include "tst_catalognotifications.moc"
