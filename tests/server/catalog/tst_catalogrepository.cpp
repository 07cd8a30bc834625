// CatalogRepository against a real PostgreSQL database with the known fixture catalog: filters,
// category subtrees, search, ordering with the id tiebreak, totals and paging, inactive products.

#include "catalog/catalogrepository.h"
#include "catalogfixture.h"
#include "db/database.h"
#include "testdatabase.h"

#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Shop;
using namespace Shop::Catalog;
using Shop::Tests::TestDatabase;

namespace {

QStringList skus(const Page<Product> &page)
{
    QStringList result;
    for (const Product &p : page.items) {
        result << p.sku;
    }
    return result;
}

QStringList list(const char *spaceSeparated)
{
    return QString::fromUtf8(spaceSeparated).split(u' ', Qt::SkipEmptyParts);
}

// "Acer=2 Asus=1 ...": the brands in order with their counts.
QStringList outline(const QList<Brand> &brands)
{
    QStringList result;
    for (const Brand &brand : brands) {
        result << brand.name + u'=' + QString::number(brand.productCount);
    }
    return result;
}

} // namespace

class TestCatalogRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void searchTokens_data();
    void searchTokens();

    void findProducts_data();
    void findProducts();

    void paging_data();
    void paging();
    void knownTotal_data();
    void knownTotal();
    void pagesCoverEverythingOnce_data();
    void pagesCoverEverythingOnce();

    void productMapping();
    void timestampsAreUtcToTheMillisecond();
    void findProduct_data();
    void findProduct();

    void categories();
    void categorySubtree_data();
    void categorySubtree();

    void brands_data();
    void brands();
    void brandsLeaveOutBlankAndMergeCase();
    void brandCountsMatchTheBrandFilter();

    void findMedia();
    void metacharactersLeaveTheTableAlone_data();
    void metacharactersLeaveTheTableAlone();

private:
    [[nodiscard]] Page<Product> find(const QByteArray &rawQuery);

    std::unique_ptr<TestDatabase> m_db;
    CatalogRepository m_repository;
};

void TestCatalogRepository::initTestCase()
{
    auto db = TestDatabase::create();
    QVERIFY2(db, WHY(db));
    m_db = std::move(*db);
    auto connection = Db::threadConnection();
    QVERIFY2(connection, WHY(connection));
    const QString error = Tests::seedCatalogFixture(*connection);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCatalogRepository::cleanupTestCase()
{
    m_db.reset();
}

Page<Product> TestCatalogRepository::find(const QByteArray &rawQuery)
{
    const auto query = ProductQuery::fromQueryString(rawQuery);
    if (!query) {
        qWarning() << "bad test query" << rawQuery << query.error().message;
        return {};
    }
    auto page = m_repository.findProducts(*query);
    if (!page) {
        qWarning() << "findProducts failed:" << page.error().message;
        return {.total = -1};
    }
    return *page;
}

void TestCatalogRepository::searchTokens_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("tokens");

    QTest::newRow("words") << QStringLiteral("Lapt 15\"") << list("lapt 15");
    QTest::newRow("sql") << QStringLiteral("'; DROP TABLE products;--")
                         << list("drop table products");
    QTest::newRow("tsquery operators") << QStringLiteral("a & | b") << list("a b");
    QTest::newRow("prefix syntax") << QStringLiteral("foo:*") << list("foo");
    QTest::newRow("only punctuation") << QStringLiteral("( ) ! : * \\ '") << QStringList();
    QTest::newRow("hyphen splits") << QStringLiteral("usb-c") << list("usb c");
    QTest::newRow("unicode letters") << QStringLiteral("Wüsthof café") << list("wüsthof café");
    QTest::newRow("duplicates") << QStringLiteral("knife KNIFE knife") << list("knife");
    QTest::newRow("at most 8") << QStringLiteral("a1 a2 a3 a4 a5 a6 a7 a8 a9 a10")
                               << list("a1 a2 a3 a4 a5 a6 a7 a8");
    QTest::newRow("nul and controls")
        << QStringLiteral("ab") + QChar(0) + QStringLiteral("cd\tef") << list("ab cd ef");
    QTest::newRow("empty") << QString() << QStringList();
}

void TestCatalogRepository::searchTokens()
{
    QFETCH(QString, search);
    QFETCH(QStringList, tokens);
    QCOMPARE(CatalogRepository::searchTokens(search), tokens);
}

void TestCatalogRepository::findProducts_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QStringList>("expected"); // SKUs in order
    QTest::addColumn<qint64>("total");

    const QStringList all = Tests::fixtureNewest();
    QTest::newRow("everything, newest first") << QByteArray() << all << qint64(11);
    QTest::newRow("relevance without search is newest")
        << QByteArray("sort=relevance") << all << qint64(11);
    QTest::newRow("newest") << QByteArray("sort=newest") << all << qint64(11);

    // Category subtrees.
    QTest::newRow("category root") << QByteArray("category=electronics")
                                   << list("LAP-1 LAP-2 LAP-3 AUD-1 AUD-2 CMP-1") << qint64(6);
    QTest::newRow("category middle")
        << QByteArray("category=computers") << list("LAP-1 LAP-2 LAP-3 CMP-1") << qint64(4);
    QTest::newRow("category leaf")
        << QByteArray("category=laptops") << list("LAP-1 LAP-2 LAP-3") << qint64(3);
    QTest::newRow("category empty") << QByteArray("category=tablets") << QStringList() << qint64(0);
    QTest::newRow("category unknown")
        << QByteArray("category=no-such-thing") << QStringList() << qint64(0);

    // Brand: exact, case-insensitive; inactive LAP-4 never shows.
    QTest::newRow("brand") << QByteArray("brand=Acer") << list("LAP-2 LAP-3") << qint64(2);
    QTest::newRow("brand other case")
        << QByteArray("brand=aCER") << list("LAP-2 LAP-3") << qint64(2);
    QTest::newRow("brand utf-8") << QByteArray("brand=W%C3%BCsthof") << list("KIT-1 KIT-3")
                                 << qint64(2);
    QTest::newRow("brand is not a prefix") << QByteArray("brand=Ace") << QStringList() << qint64(0);
    QTest::newRow("brand with NUL") << QByteArray("brand=%00") << QStringList() << qint64(0);

    // Prices are inclusive minor units.
    QTest::newRow("price exact") << QByteArray("min_price=19900&max_price=19900")
                                 << list("CMP-1 KIT-2") << qint64(2);
    QTest::newRow("min price") << QByteArray("min_price=99900") << list("LAP-1 LAP-2") << qint64(2);
    QTest::newRow("max price") << QByteArray("max_price=2900") << list("HOM-1 NOC-1") << qint64(2);
    QTest::newRow("price range empty")
        << QByteArray("min_price=150000") << QStringList() << qint64(0);

    QTest::newRow("in stock") << QByteArray("in_stock=true")
                              << list("LAP-1 LAP-3 AUD-1 CMP-1 KIT-1 KIT-3 KIT-2 HOM-1 NOC-1")
                              << qint64(9);
    QTest::newRow("out of stock") << QByteArray("in_stock=false") << list("LAP-2 AUD-2")
                                  << qint64(2);

    QTest::newRow("combined filters")
        << QByteArray("category=electronics&in_stock=true&max_price=50000")
        << list("LAP-3 AUD-1 CMP-1") << qint64(3);
    QTest::newRow("combined with brand and sort")
        << QByteArray("category=computers&brand=acer&sort=price_asc") << list("LAP-3 LAP-2")
        << qint64(2);

    // Sort orders, id as the final tiebreak (KIT-1/KIT-3 share a price and a timestamp,
    // CMP-1/KIT-2 a price).
    QTest::newRow("price_asc")
        << QByteArray("sort=price_asc")
        << list("NOC-1 HOM-1 KIT-1 KIT-3 AUD-2 CMP-1 KIT-2 AUD-1 LAP-3 LAP-1 LAP-2") << qint64(11);
    QTest::newRow("price_desc")
        << QByteArray("sort=price_desc")
        << list("LAP-2 LAP-1 LAP-3 AUD-1 KIT-2 CMP-1 AUD-2 KIT-3 KIT-1 HOM-1 NOC-1") << qint64(11);
    QTest::newRow("name") << QByteArray("sort=name")
                          << list("AUD-2 LAP-3 KIT-2 KIT-1 HOM-1 LAP-2 NOC-1 KIT-3 CMP-1 AUD-1 "
                                  "LAP-1")
                          << qint64(11);

    // Search: name (weight A) ranks above description (C); prefixes and stems match.
    const QStringList laptop = list("LAP-1 LAP-2 LAP-3 AUD-1");
    QTest::newRow("search word") << QByteArray("search=laptop") << laptop << qint64(4);
    QTest::newRow("search prefix") << QByteArray("search=lapt") << laptop << qint64(4);
    QTest::newRow("search plural") << QByteArray("search=laptops") << laptop << qint64(4);
    QTest::newRow("search upper case") << QByteArray("search=LAPTOP") << laptop << qint64(4);
    QTest::newRow("search stem prefix")
        << QByteArray("search=wireles") << list("AUD-1") << qint64(1);
    QTest::newRow("search brand utf-8")
        << QByteArray("search=w%C3%BCsth") << list("KIT-1 KIT-3") << qint64(2);
    QTest::newRow("search two words all must match")
        << QByteArray("search=stainless+knife") << list("KIT-1") << qint64(1);
    QTest::newRow("search description only")
        << QByteArray("search=docking") << list("CMP-1") << qint64(1);
    QTest::newRow("search no match") << QByteArray("search=unicorn") << QStringList() << qint64(0);
    QTest::newRow("search punctuation only")
        << QByteArray("search=%21%21%21") << QStringList() << qint64(0);
    QTest::newRow("search stop word only")
        << QByteArray("search=the") << QStringList() << qint64(0);
    QTest::newRow("search inactive hidden")
        << QByteArray("search=discontinued") << QStringList() << qint64(0);
    QTest::newRow("search in category")
        << QByteArray("search=knife&category=home") << list("KIT-1 KIT-3") << qint64(2);
    QTest::newRow("search with filters")
        << QByteArray("search=laptop&in_stock=true&max_price=60000") << list("LAP-3 AUD-1")
        << qint64(2);
    QTest::newRow("search sorted by price") << QByteArray("search=laptop&sort=price_asc")
                                            << list("AUD-1 LAP-3 LAP-1 LAP-2") << qint64(4);
    QTest::newRow("search sorted by price desc ties by id desc")
        << QByteArray("search=knife&sort=price_desc") << list("KIT-3 KIT-1") << qint64(2);
    QTest::newRow("search sorted by name")
        << QByteArray("search=laptop&sort=name") << list("LAP-3 LAP-2 AUD-1 LAP-1") << qint64(4);
    QTest::newRow("search sorted by newest")
        << QByteArray("search=knife&sort=newest") << list("KIT-1 KIT-3") << qint64(2);
    QTest::newRow("search sql metacharacters")
        << QByteArray("search=%27%3B+DROP+TABLE+products%3B--") << QStringList() << qint64(0);
    QTest::newRow("search tsquery operators")
        << QByteArray("search=knife+%26+%7C+%21") << list("KIT-1 KIT-3") << qint64(2);
    QTest::newRow("search tsquery prefix syntax")
        << QByteArray("search=knif%3A*") << list("KIT-1 KIT-3") << qint64(2);
    QTest::newRow("search letters with digits and fractions")
        << QByteArray("search=ipx7+x2y+%C2%BD+5.3") << QStringList() << qint64(0);
    QTest::newRow("search stop word and word")
        << QByteArray("search=the+knife") << list("KIT-1 KIT-3") << qint64(2);
    QTest::newRow("search parenthesis") << QByteArray("search=%28") << QStringList() << qint64(0);
    QTest::newRow("search backslash and quote")
        << QByteArray("search=knife%5C%27") << list("KIT-1 KIT-3") << qint64(2);
}

void TestCatalogRepository::findProducts()
{
    QFETCH(QByteArray, query);
    QFETCH(QStringList, expected);
    QFETCH(qint64, total);

    const Page<Product> page = find(query);
    QCOMPARE(skus(page), expected);
    QCOMPARE(page.total, total);
    for (const Product &p : page.items) {
        QVERIFY(p.isActive);
    }
}

void TestCatalogRepository::paging_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<qint64>("total");

    const QStringList all = Tests::fixtureNewest();
    QTest::newRow("first page") << QByteArray("limit=5") << all.mid(0, 5) << qint64(11);
    QTest::newRow("middle page") << QByteArray("limit=5&page=2") << all.mid(5, 5) << qint64(11);
    QTest::newRow("last partial page")
        << QByteArray("limit=5&page=3") << all.mid(10, 1) << qint64(11);
    QTest::newRow("beyond the end") << QByteArray("limit=5&page=4") << QStringList() << qint64(11);
    QTest::newRow("far beyond the end")
        << QByteArray("limit=100&page=10000") << QStringList() << qint64(11);
    QTest::newRow("exact last page") << QByteArray("limit=11") << all << qint64(11);
    QTest::newRow("full page then nothing")
        << QByteArray("limit=11&page=2") << QStringList() << qint64(11);
    QTest::newRow("filtered beyond the end")
        << QByteArray("category=laptops&limit=2&page=3") << QStringList() << qint64(3);
    QTest::newRow("search page 2")
        << QByteArray("search=laptop&limit=3&page=2") << list("AUD-1") << qint64(4);
    QTest::newRow("search beyond the end")
        << QByteArray("search=laptop&limit=2&page=3") << QStringList() << qint64(4);
    QTest::newRow("search full first page")
        << QByteArray("search=laptop&limit=2") << list("LAP-1 LAP-2") << qint64(4);
}

void TestCatalogRepository::paging()
{
    QFETCH(QByteArray, query);
    QFETCH(QStringList, expected);
    QFETCH(qint64, total);

    const Page<Product> page = find(query);
    QCOMPARE(skus(page), expected);
    QCOMPARE(page.total, total);
}

void TestCatalogRepository::knownTotal_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<qint64>("total"); // with 99 passed as the known total

    QTest::newRow("full page: not counted") << QByteArray("limit=2") << qint64(99);
    QTest::newRow("beyond the end: not counted") << QByteArray("limit=5&page=9") << qint64(99);
    QTest::newRow("last partial page: exact anyway") << QByteArray("limit=5&page=3") << qint64(11);
    QTest::newRow("search: counted in the same pass")
        << QByteArray("search=laptop&limit=2") << qint64(4);
    QTest::newRow("search beyond the end: not counted")
        << QByteArray("search=laptop&limit=2&page=5") << qint64(99);
}

void TestCatalogRepository::knownTotal()
{
    QFETCH(QByteArray, query);
    QFETCH(qint64, total);

    const auto parsed = ProductQuery::fromQueryString(query);
    QVERIFY2(parsed, WHY(parsed));
    const auto page = m_repository.findProducts(*parsed, 99);
    QVERIFY2(page, WHY(page));
    QCOMPARE(page->total, total);
}

void TestCatalogRepository::pagesCoverEverythingOnce_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("count");

    for (const char *sort : {"relevance", "newest", "price_asc", "price_desc", "name"}) {
        QTest::addRow("%s", sort) << QByteArray("sort=") + sort << 11;
        QTest::addRow("search %s", sort) << QByteArray("search=k&sort=") + sort << -1;
    }
}

void TestCatalogRepository::pagesCoverEverythingOnce()
{
    QFETCH(QByteArray, query);
    QFETCH(int, count);

    // Pages of one row: any unstable order would repeat or skip a row somewhere.
    const Page<Product> whole = find(query + "&limit=100");
    QVERIFY(whole.total > 0);
    if (count >= 0) {
        QCOMPARE(whole.total, qint64(count));
    }
    QStringList paged;
    for (int page = 1; page <= whole.total + 1; ++page) {
        const Page<Product> one = find(query + "&limit=1&page=" + QByteArray::number(page));
        QCOMPARE(one.total, whole.total);
        paged << skus(one);
    }
    QCOMPARE(paged, skus(whole));
    QCOMPARE(QSet<QString>(paged.cbegin(), paged.cend()).size(), paged.size());
}

void TestCatalogRepository::productMapping()
{
    const Page<Product> page = find("search=zenbook");
    QCOMPARE(page.items.size(), 1);
    const Product &p = page.items.first();
    QCOMPARE(p.id.toString(), Tests::fixtureId(1));
    QCOMPARE(p.sku, QStringLiteral("LAP-1"));
    QCOMPARE(p.name, QStringLiteral("Zenbook Laptop 14"));
    QCOMPARE(p.brand, QStringLiteral("Asus"));
    QCOMPARE(p.description, QStringLiteral("Thin and light ultrabook with a bright screen"));
    QVERIFY(p.categoryId.has_value());
    QCOMPARE(p.categoryId->toString(), QStringLiteral("10000000-0000-0000-0000-000000000111"));
    QCOMPARE(p.categorySlug, QStringLiteral("laptops"));
    QCOMPARE(p.categoryName, QStringLiteral("Laptops"));
    QCOMPARE(p.price.minorUnits(), 99900);
    QCOMPARE(p.price.currency().code(), QStringLiteral("USD"));
    QCOMPARE(p.stockQuantity, 5);
    QCOMPARE(p.imageUrl, QStringLiteral("/media/products/lap-1.svg"));
    QCOMPARE(p.createdAt.toUTC(), QDateTime(QDate(2026, 1, 30), QTime(12, 0), Qt::UTC));
    QVERIFY(p.updatedAt.isValid());

    const Page<Product> none = find("search=mystery");
    QCOMPARE(none.items.size(), 1);
    QVERIFY(!none.items.first().categoryId.has_value());
    QVERIFY(none.items.first().categorySlug.isEmpty());
    QVERIFY(none.items.first().brand.isEmpty());
}

// Timestamps are read as milliseconds since the epoch (no local-time conversion on the server);
// whatever the session's time zone and the value's offset, the product carries the same instant,
// in UTC, to the millisecond.
void TestCatalogRepository::timestampsAreUtcToTheMillisecond()
{
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    const auto exec = [&](const QString &sql) {
        QSqlQuery q(*db);
        const bool ok = q.exec(sql);
        if (!ok) {
            qWarning() << q.lastError().text();
        }
        return ok;
    };
    const auto cleanup = qScopeGuard([&] {
        exec(QStringLiteral("DELETE FROM products WHERE sku = 'TMP-TIME'"));
        exec(QStringLiteral("RESET TIME ZONE"));
    });
    QVERIFY(exec(QStringLiteral("SET TIME ZONE 'America/St_Johns'"))); // -03:30 / -02:30
    QVERIFY(exec(QStringLiteral(
        "INSERT INTO products (sku, name, brand, price, created_at, updated_at) VALUES "
        "('TMP-TIME', 'Chronometer Zq', 'Tempus', 100, '2026-03-04 05:06:07.089+01', "
        "'1999-12-31 23:59:59.999-05')")));
    const Page<Product> page = find("search=chronometer");
    QCOMPARE(page.items.size(), 1);
    const Product &p = page.items.first();
    QCOMPARE(p.createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(p.createdAt, QDateTime(QDate(2026, 3, 4), QTime(4, 6, 7, 89), Qt::UTC));
    QCOMPARE(p.updatedAt, QDateTime(QDate(2000, 1, 1), QTime(4, 59, 59, 999), Qt::UTC));
}

void TestCatalogRepository::findProduct_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("sku"); // empty: not found

    QTest::newRow("active") << Tests::fixtureId(1) << QStringLiteral("LAP-1");
    QTest::newRow("uncategorised") << Tests::fixtureId(12) << QStringLiteral("NOC-1");
    QTest::newRow("inactive") << Tests::fixtureId(4) << QString();
    QTest::newRow("unknown") << Tests::fixtureId(99) << QString();
}

void TestCatalogRepository::findProduct()
{
    QFETCH(QString, id);
    QFETCH(QString, sku);

    const auto parsed = ProductId::parse(id);
    QVERIFY(parsed);
    // Twice: the second run reuses the statement prepared by the first.
    for (int i = 0; i < 2; ++i) {
        const auto product = m_repository.findProduct(*parsed);
        QVERIFY2(product, WHY(product));
        QCOMPARE(product->has_value(), !sku.isEmpty());
        if (product->has_value()) {
            QCOMPARE((*product)->sku, sku);
            QCOMPARE((*product)->id, *parsed);
        }
    }
}

void TestCatalogRepository::categories()
{
    const auto categories = m_repository.categories();
    QVERIFY2(categories, WHY(categories));
    QStringList got;
    for (const Category &c : *categories) {
        got << QStringLiteral("%1=%2%3")
                   .arg(c.slug)
                   .arg(c.productCount)
                   .arg(c.parentId ? QStringLiteral("^") + c.parentId->toString().right(3)
                                   : QString());
    }
    // Ordered by name; counts include descendants and leave LAP-4 (inactive) and NOC-1
    // (uncategorised) out.
    const QStringList expected {
        QStringLiteral("audio=2^001"),   QStringLiteral("computers=4^001"),
        QStringLiteral("electronics=6"), QStringLiteral("garden=0"),
        QStringLiteral("home=4"),        QStringLiteral("kitchen=3^002"),
        QStringLiteral("laptops=3^011"), QStringLiteral("tablets=0^011"),
    };
    QCOMPARE(got, expected);
}

void TestCatalogRepository::categorySubtree_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QStringList>("ids"); // last three hex digits

    QTest::newRow("root") << QStringLiteral("electronics") << list("001 011 012 111 112");
    QTest::newRow("middle") << QStringLiteral("computers") << list("011 111 112");
    QTest::newRow("leaf") << QStringLiteral("laptops") << list("111");
    QTest::newRow("unknown") << QStringLiteral("nothing") << QStringList();
}

void TestCatalogRepository::categorySubtree()
{
    QFETCH(QString, slug);
    QFETCH(QStringList, ids);

    const auto subtree = m_repository.categorySubtree(slug);
    QVERIFY2(subtree, WHY(subtree));
    QStringList got;
    for (const CategoryId &id : *subtree) {
        got << id.toString().right(3);
    }
    got.sort();
    QCOMPARE(got, ids);
}

void TestCatalogRepository::brands_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QStringList>("expected");

    // LAP-4 (Acer, inactive) and NOC-1 (no brand) never count.
    QTest::newRow("all") << QString()
                         << list("Acer=2 Asus=1 Dell=1 IKEA=1 JBL=1 Lodge=1 Sony=1 Wüsthof=2");
    QTest::newRow("root with subcategories")
        << QStringLiteral("electronics") << list("Acer=2 Asus=1 Dell=1 JBL=1 Sony=1");
    QTest::newRow("middle") << QStringLiteral("computers") << list("Acer=2 Asus=1 Dell=1");
    QTest::newRow("leaf") << QStringLiteral("laptops") << list("Acer=2 Asus=1");
    QTest::newRow("parent with own products")
        << QStringLiteral("home") << list("IKEA=1 Lodge=1 Wüsthof=2");
    QTest::newRow("empty category") << QStringLiteral("tablets") << QStringList();
    QTest::newRow("unknown category") << QStringLiteral("no-such-category") << QStringList();
}

void TestCatalogRepository::brands()
{
    QFETCH(QString, category);
    QFETCH(QStringList, expected);

    // Twice: the second run reuses the statement prepared by the first.
    for (int i = 0; i < 2; ++i) {
        const auto brands = m_repository.brands(category);
        QVERIFY2(brands, WHY(brands));
        QCOMPARE(outline(*brands), expected);
    }
}

void TestCatalogRepository::brandsLeaveOutBlankAndMergeCase()
{
    auto db = Db::threadConnection();
    QVERIFY2(db, WHY(db));
    const auto exec = [&](const QString &sql) {
        QSqlQuery q(*db);
        const bool ok = q.exec(sql);
        if (!ok) {
            qWarning() << q.lastError().text();
        }
        return ok;
    };
    const auto cleanup =
        qScopeGuard([&] { exec(QStringLiteral("DELETE FROM products WHERE sku LIKE 'TMP-%'")); });
    // Empty and blank brands, a lower-case brand (sorts between Asus and Dell, not after
    // Wüsthof), an upper-case spelling of Acer and an inactive one of Sony.
    QVERIFY(exec(QStringLiteral("INSERT INTO products (sku, name, brand, price, is_active) VALUES "
                                "('TMP-1', 'Empty brand', '', 100, true), "
                                "('TMP-2', 'Blank brand', '   ', 100, true), "
                                "('TMP-3', 'Small speaker', 'bose', 100, true), "
                                "('TMP-4', 'Shouting laptop', 'ACER', 100, true), "
                                "('TMP-5', 'Old radio', 'SONY', 100, false)")));

    const auto brands = m_repository.brands();
    QVERIFY2(brands, WHY(brands));
    // "Acer" is how most Acer products spell it.
    QCOMPARE(outline(*brands),
             list("Acer=3 Asus=1 bose=1 Dell=1 IKEA=1 JBL=1 Lodge=1 Sony=1 Wüsthof=2"));
    // Uncategorised products count for all brands only.
    const auto electronics = m_repository.brands(QStringLiteral("electronics"));
    QVERIFY2(electronics, WHY(electronics));
    QCOMPARE(outline(*electronics), list("Acer=2 Asus=1 Dell=1 JBL=1 Sony=1"));
}

void TestCatalogRepository::brandCountsMatchTheBrandFilter()
{
    for (const QString &category : {QString(), QStringLiteral("electronics")}) {
        const auto brands = m_repository.brands(category);
        QVERIFY2(brands, WHY(brands));
        QVERIFY(!brands->isEmpty());
        for (const Brand &brand : *brands) {
            ProductQuery query;
            query.category = category;
            query.brand = brand.name;
            const auto page = m_repository.findProducts(query);
            QVERIFY2(page, WHY(page));
            QCOMPARE(page->total, brand.productCount);
        }
    }
}

void TestCatalogRepository::findMedia()
{
    const auto file = m_repository.findMedia(QStringLiteral("products/lap-1.svg"));
    QVERIFY2(file, WHY(file));
    QVERIFY(file->has_value());
    QCOMPARE((*file)->contentType, QByteArray("image/svg+xml"));
    QCOMPARE((*file)->data, QByteArray(Tests::kFixtureSvg));
    QCOMPARE((*file)->etag, QByteArray("abc123"));

    const auto missing = m_repository.findMedia(QStringLiteral("products/none.svg"));
    QVERIFY2(missing, WHY(missing));
    QVERIFY(!missing->has_value());
}

void TestCatalogRepository::metacharactersLeaveTheTableAlone_data()
{
    QTest::addColumn<QByteArray>("search");
    QTest::addColumn<qint64>("total");

    QTest::newRow("drop table") << QByteArray("%27%3B+DROP+TABLE+products%3B--") << qint64(0);
    // Only the words count: "or" is a stop word, "1" a prefix of "14", "15" and "17".
    QTest::newRow("or 1=1") << QByteArray("%27%29+OR+1%3D1--") << qint64(3);
    QTest::newRow("quoted tsquery") << QByteArray("x%27%3A*+%7C+%27y") << qint64(0);
    QTest::newRow("backslashes") << QByteArray("%5C%5C%5C") << qint64(0);
    QTest::newRow("right-to-left override") << QByteArray("%E2%80%AE") << qint64(0);
    QTest::newRow("semicolon statement") << QByteArray("knife%3B+SELECT+pg_sleep(5)") << qint64(0);
}

void TestCatalogRepository::metacharactersLeaveTheTableAlone()
{
    QFETCH(QByteArray, search);
    QFETCH(qint64, total);

    QCOMPARE(find("search=" + search).total, total);
    QCOMPARE(find({}).total, qint64(11));
}

QTEST_GUILESS_MAIN(TestCatalogRepository)
#include "tst_catalogrepository.moc"
