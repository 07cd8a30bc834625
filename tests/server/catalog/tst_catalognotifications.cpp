// The catalog's change notifications against a real PostgreSQL database: the statement triggers
// on products and categories notify shop_catalog_changed on commit, for changes made through
// another connection, and stay silent for rolled-back ones and for updates that change nothing a
// catalog answer depends on (stock not crossing zero, an inactive product). A change of a few
// products names them with what decides where they appear (migration 0015); larger ones, deletes
// and categories send the table's name. (The listener itself, reconnecting included, is tested in
// tests/server/db/tst_notificationlistener.)

#include "catalog/catalogchange.h"
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
    void changeNamesTheProduct();
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
    // Sorted; "products:N" stands for a payload naming N products' changes.
    QTest::addColumn<QStringList>("tables");

    QTest::newRow("update product")
        << QStringLiteral("UPDATE products SET price = price + 1 WHERE sku = 'LAP-1'")
        << QStringList {QStringLiteral("products:1")};
    // Stock matters to the catalog when it crosses zero (sold out, back in stock): LAP-1 has 5.
    QTest::newRow("sold out") << QStringLiteral(
        "UPDATE products SET stock_quantity = 0 WHERE sku = 'LAP-1'")
                              << QStringList {QStringLiteral("products:1")};
    QTest::newRow("back in stock")
        << QStringLiteral("UPDATE products SET stock_quantity = 3 WHERE sku = 'LAP-1'")
        << QStringList {QStringLiteral("products:1")};
    QTest::newRow("one row of several")
        << QStringLiteral("UPDATE products SET stock_quantity = stock_quantity + 1, "
                          "name = CASE sku WHEN 'LAP-2' THEN name || '!' ELSE name END "
                          "WHERE sku IN ('LAP-1', 'LAP-2', 'LAP-3')")
        << QStringList {QStringLiteral("products:1")};
    QTest::newRow("deactivate product")
        << QStringLiteral("UPDATE products SET is_active = false WHERE sku = 'NOC-1'")
        << QStringList {QStringLiteral("products:1")};
    QTest::newRow("insert product")
        << QStringLiteral("INSERT INTO products (sku, name, price) VALUES ('NEW-1', 'New', 100)")
        << QStringList {QStringLiteral("products:1")};
    QTest::newRow("two products") << QStringLiteral(
        "UPDATE products SET price = price + 1 WHERE sku IN ('LAP-1', 'LAP-2')")
                                  << QStringList {QStringLiteral("products:2")};
    // More than 16 products: everything, as before.
    QTest::newRow("many products inserted")
        << QStringLiteral("INSERT INTO products (sku, name, price) "
                          "SELECT 'MANY-' || i, 'Many ' || i, 100 FROM generate_series(1, 17) i")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("many products updated")
        << QStringLiteral("UPDATE products SET price = price + 1 WHERE sku LIKE 'MANY-%'")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("16 products updated")
        << QStringLiteral("UPDATE products SET price = price + 1 WHERE sku IN (SELECT sku FROM "
                          "products WHERE sku LIKE 'MANY-%' ORDER BY sku LIMIT 16)")
        << QStringList {QStringLiteral("products:16")};
    // Names that would not fit NOTIFY's 8,000 bytes: everything.
    QTest::newRow("long brands") << QStringLiteral(
        "UPDATE products SET brand = repeat(chr(232), 100) "
        "WHERE sku IN (SELECT sku FROM products WHERE sku LIKE 'MANY-%' "
        "ORDER BY sku LIMIT 16)") << QStringList {QStringLiteral("products:16")};
    QTest::newRow("long brands before and after")
        << QStringLiteral("UPDATE products SET brand = repeat(chr(233), 100) "
                          "WHERE sku IN (SELECT sku FROM products WHERE sku LIKE 'MANY-%' "
                          "ORDER BY sku LIMIT 16)")
        << QStringList {QStringLiteral("products")};
    QTest::newRow("many products deleted")
        << QStringLiteral("DELETE FROM products WHERE sku LIKE 'MANY-%'")
        << QStringList {QStringLiteral("products")};
    // A product's images: the product, by id alone.
    QTest::newRow("image added") << QStringLiteral(
        "WITH m AS (INSERT INTO media (path, content_type, data, etag) "
        "VALUES ('images/n.png', 'image/png', '\\x00', 'n') RETURNING path) "
        "INSERT INTO product_images (product_id, media_path, thumbnail_path, "
        "content_type, width, height, bytes, position) "
        "SELECT p.id, m.path, m.path, 'image/png', 1, 1, 1, 0 "
        "FROM products p, m WHERE p.sku = 'LAP-1'")
                                 << QStringList {QStringLiteral("products:1")};
    QTest::newRow("image removed") << QStringLiteral("DELETE FROM product_images")
                                   << QStringList {QStringLiteral("products:1")};
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
    // The public catalog shows an inactive product nowhere.
    QTest::newRow("inactive product created") << QStringLiteral(
        "INSERT INTO products (sku, name, price, is_active) VALUES ('OFF-1', 'Off', 100, false)");
    QTest::newRow("inactive product changed")
        << QStringLiteral("UPDATE products SET price = 5, name = 'Still off' WHERE sku = 'OFF-1'");
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
        QStringList sorted;
        for (const QString &payload : std::as_const(m_changes)) {
            const Catalog::CatalogChange change =
                Catalog::CatalogChange::fromPayload(payload.toUtf8());
            sorted << (payload.startsWith(u'{') && !change.everything
                           ? QStringLiteral("products:%1").arg(change.products.size())
                           : payload);
        }
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

// A product's change names it, with what decides where it appears before and after, as the
// caches read it (CatalogChange::fromPayload).
void TestCatalogNotifications::changeNamesTheProduct()
{
    QVERIFY(m_writer->exec(QStringLiteral(
        "INSERT INTO products (sku, name, description, brand, price, stock_quantity, category_id) "
        "SELECT 'NAMED-1', 'Named', 'Plain', 'Acme', 1500, 4, id FROM categories "
        "WHERE slug = 'garden'")));
    QTRY_COMPARE_WITH_TIMEOUT(m_changes.size(), 1, 5000);
    Catalog::CatalogChange change = Catalog::CatalogChange::fromPayload(m_changes.at(0).toUtf8());
    QVERIFY2(!change.everything, qPrintable(m_changes.at(0)));
    QCOMPARE(change.products.size(), 1);
    const ProductId id = change.products.at(0).id;
    QVERIFY(!change.products.at(0).before);
    QVERIFY(change.products.at(0).after);
    const Catalog::ProductFacts created = *change.products.at(0).after;
    QCOMPARE(created.price, 1500);
    QVERIFY(created.inStock);
    QCOMPARE(created.brand, QStringLiteral("Acme"));
    QVERIFY(created.category.has_value());

    // The notification names its transaction (0017), so that the instances hearing it log it
    // once in Redis.
    QVERIFY(!change.source.isEmpty());
    const QByteArray insertSource = change.source;

    m_changes.clear();
    QVERIFY(m_writer->database().transaction());
    QSqlQuery transaction(m_writer->database());
    QVERIFY(transaction.exec(QStringLiteral("SELECT pg_current_xact_id()::text")));
    QVERIFY(transaction.next());
    const QByteArray transactionId = transaction.value(0).toString().toUtf8();
    QVERIFY(m_writer->exec(QStringLiteral(
        "UPDATE products SET price = 1700, stock_quantity = 0, description = 'Fancy', "
        "category_id = NULL WHERE sku = 'NAMED-1'")));
    QVERIFY(m_writer->database().commit());
    QTRY_COMPARE_WITH_TIMEOUT(m_changes.size(), 1, 5000);
    change = Catalog::CatalogChange::fromPayload(m_changes.at(0).toUtf8());
    QVERIFY2(change.source.startsWith(QByteArray(transactionId + ':')), change.source.constData());
    QVERIFY(change.source != insertSource);
    QCOMPARE(change.products.size(), 1);
    const Catalog::ProductChange &updated = change.products.at(0);
    QCOMPARE(updated.id, id);
    QCOMPARE(updated.before, std::optional<Catalog::ProductFacts>(created));
    QCOMPARE(
        updated.after,
        std::optional<Catalog::ProductFacts>({std::nullopt, 1700, false, QStringLiteral("Acme")}));
    QVERIFY(!updated.nameChanged);
    QVERIFY(updated.textChanged);

    m_changes.clear();
    QVERIFY(m_writer->exec(QStringLiteral(
        "UPDATE products SET name = 'Renamed', is_active = false WHERE sku = 'NAMED-1'")));
    QTRY_COMPARE_WITH_TIMEOUT(m_changes.size(), 1, 5000);
    change = Catalog::CatalogChange::fromPayload(m_changes.at(0).toUtf8());
    QCOMPARE(change.products.size(), 1);
    QVERIFY(change.products.at(0).before);
    QVERIFY(!change.products.at(0).after); // deactivated: shown nowhere
    QVERIFY(change.products.at(0).nameChanged);
    QVERIFY(m_writer->exec(QStringLiteral("DELETE FROM products WHERE sku = 'NAMED-1'")));
    QTRY_COMPARE_WITH_TIMEOUT(m_changes.size(), 2, 5000);
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
