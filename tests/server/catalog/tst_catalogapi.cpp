// The catalog HTTP API of the whole shop-server (TestServer) over real sockets, against a fresh
// PostgreSQL database holding the known fixture: listing, filters, search, sorting, paging,
// categories, product detail, media with revalidation, every kind of bad input (a 4xx problem
// naming the field, never a 5xx), and cache invalidation by changes from another session.

#include "catalogfixture.h"
#include "db/database.h"
#include "sqlsession.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Shop;
using namespace Shop::Server;
using Shop::Tests::HttpReply;
using Shop::Tests::TestDatabase;
using Shop::Tests::TestServer;

namespace {

QStringList skus(const HttpReply &reply)
{
    QStringList result;
    for (const QJsonValue &item : reply.json().value(QStringLiteral("items")).toArray()) {
        result << item[QStringLiteral("sku")].toString();
    }
    return result;
}

QStringList list(const char *spaceSeparated)
{
    return QString::fromUtf8(spaceSeparated).split(u' ', Qt::SkipEmptyParts);
}

QStringList problemFields(const HttpReply &reply)
{
    QStringList fields;
    for (const QJsonValue &error : reply.json().value(QStringLiteral("errors")).toArray()) {
        fields << error[QStringLiteral("field")].toString();
    }
    fields.sort();
    return fields;
}

// "Acer=2 Asus=1 ...": the brands of a /api/brands answer in order with their counts.
QStringList brandOutline(const HttpReply &reply)
{
    QStringList result;
    for (const QJsonValue &item : reply.json().value(QStringLiteral("items")).toArray()) {
        result << item[QStringLiteral("name")].toString() + u'='
                + QString::number(item[QStringLiteral("product_count")].toInteger());
    }
    return result;
}

QByteArray describe(const HttpReply &reply)
{
    return QByteArray::number(reply.status) + ' ' + reply.body.left(300);
}

} // namespace

class TestCatalogApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void listing_data();
    void listing();
    void listingShape();
    void pagination_data();
    void pagination();
    void badInput_data();
    void badInput();
    void oddInputAnswered_data();
    void oddInputAnswered();

    void categories();
    void brands_data();
    void brands();
    void brandsShape();
    void brandsBadInput_data();
    void brandsBadInput();

    void productDetail_data();
    void productDetail();

    void media_data();
    void media();
    void mediaHead();

    void cacheHitThenInvalidated_data();
    void cacheHitThenInvalidated();

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Tests::SqlSession> m_writer;
};

void TestCatalogApi::initTestCase()
{
    const auto ready = Tests::createCatalogDatabase(m_db, m_writer);
    QVERIFY2(ready, WHY(ready));

    ServerConfig config;
    config.database = m_db->config();
    config.database.poolSize = 4;
    m_server = std::make_unique<TestServer>(config);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
}

void TestCatalogApi::cleanupTestCase()
{
    m_server.reset();
    m_writer.reset();
    m_db.reset();
}

void TestCatalogApi::listing_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("total");

    const QStringList all = Tests::fixtureNewest();
    QTest::newRow("default: newest, inactive hidden") << QByteArray() << all << 11;
    QTest::newRow("category with subcategories")
        << QByteArray("category=electronics") << list("LAP-1 LAP-2 LAP-3 AUD-1 AUD-2 CMP-1") << 6;
    QTest::newRow("category leaf")
        << QByteArray("category=laptops") << list("LAP-1 LAP-2 LAP-3") << 3;
    QTest::newRow("unknown category: empty page")
        << QByteArray("category=unknown-slug") << QStringList() << 0;
    QTest::newRow("brand any case") << QByteArray("brand=ACER") << list("LAP-2 LAP-3") << 2;
    QTest::newRow("brand with space and utf-8")
        << QByteArray("brand=%20W%C3%BCsthof%20") << list("KIT-1 KIT-3") << 2;
    QTest::newRow("price range inclusive")
        << QByteArray("min_price=8900&max_price=9900") << list("AUD-2 KIT-1 KIT-3") << 3;
    QTest::newRow("in stock") << QByteArray("in_stock=true")
                              << list("LAP-1 LAP-3 AUD-1 CMP-1 KIT-1 KIT-3 KIT-2 HOM-1 NOC-1") << 9;
    QTest::newRow("out of stock") << QByteArray("in_stock=false") << list("LAP-2 AUD-2") << 2;
    QTest::newRow("in stock as 1")
        << QByteArray("in_stock=1") << list("LAP-1 LAP-3 AUD-1 CMP-1 KIT-1 KIT-3 KIT-2 HOM-1 NOC-1")
        << 9;
    QTest::newRow("combined") << QByteArray(
        "category=home&min_price=5000&in_stock=true&sort=price_desc")
                              << list("KIT-2 KIT-3 KIT-1") << 3;
    QTest::newRow("sort price_asc")
        << QByteArray("sort=price_asc")
        << list("NOC-1 HOM-1 KIT-1 KIT-3 AUD-2 CMP-1 KIT-2 AUD-1 LAP-3 LAP-1 LAP-2") << 11;
    QTest::newRow("sort price_desc")
        << QByteArray("sort=price_desc")
        << list("LAP-2 LAP-1 LAP-3 AUD-1 KIT-2 CMP-1 AUD-2 KIT-3 KIT-1 HOM-1 NOC-1") << 11;
    QTest::newRow("sort name") << QByteArray(
        "sort=name") << list("AUD-2 LAP-3 KIT-2 KIT-1 HOM-1 LAP-2 NOC-1 KIT-3 CMP-1 AUD-1 LAP-1")
                               << 11;
    QTest::newRow("sort newest") << QByteArray("sort=newest") << all << 11;
    // Search: name matches (weight A) rank above the description-only match of AUD-1.
    QTest::newRow("search relevance")
        << QByteArray("search=laptop") << list("LAP-1 LAP-2 LAP-3 AUD-1") << 4;
    QTest::newRow("search prefix")
        << QByteArray("search=lapt") << list("LAP-1 LAP-2 LAP-3 AUD-1") << 4;
    QTest::newRow("search with plus for space")
        << QByteArray("search=gaming+lapt") << list("LAP-2") << 1;
    QTest::newRow("search and filter")
        << QByteArray("search=laptop&brand=acer&sort=price_asc") << list("LAP-3 LAP-2") << 2;
    QTest::newRow("search nothing") << QByteArray("search=unicorn") << QStringList() << 0;
}

void TestCatalogApi::listing()
{
    QFETCH(QByteArray, query);
    QFETCH(QStringList, expected);
    QFETCH(int, total);

    const HttpReply reply = m_server->get("/api/products?" + query);
    QVERIFY2(reply.status == 200, describe(reply).constData());
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(skus(reply), expected);
    QCOMPARE(reply.json().value(QStringLiteral("total")).toInt(), total);
}

void TestCatalogApi::listingShape()
{
    const HttpReply reply = m_server->get("/api/products?limit=1&page=1&search=zenbook");
    QVERIFY2(reply.status == 200, describe(reply).constData());
    const QJsonObject page = reply.json();
    QCOMPARE(page.value(QStringLiteral("page")).toInt(), 1);
    QCOMPARE(page.value(QStringLiteral("limit")).toInt(), 1);
    QCOMPARE(page.value(QStringLiteral("total")).toInt(), 1);
    const QJsonObject p = page.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(p.value(QStringLiteral("id")).toString(), Tests::fixtureId(1));
    QCOMPARE(p.value(QStringLiteral("name")).toString(), QStringLiteral("Zenbook Laptop 14"));
    QCOMPARE(p.value(QStringLiteral("price")).toInteger(), 99900);
    QCOMPARE(p.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(p.value(QStringLiteral("stock_quantity")).toInt(), 5);
    QCOMPARE(p.value(QStringLiteral("in_stock")).toBool(), true);
    QCOMPARE(p.value(QStringLiteral("category_slug")).toString(), QStringLiteral("laptops"));
    QCOMPARE(p.value(QStringLiteral("category_name")).toString(), QStringLiteral("Laptops"));
    QCOMPARE(p.value(QStringLiteral("image_url")).toString(),
             QStringLiteral("/media/products/lap-1.svg"));
    QCOMPARE(p.value(QStringLiteral("created_at")).toString(),
             QStringLiteral("2026-01-30T12:00:00.000Z"));
    QVERIFY(!reply.body.contains('\n'));
}

void TestCatalogApi::pagination_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("total");

    const QStringList all = Tests::fixtureNewest();
    QTest::newRow("first page") << QByteArray("limit=4") << all.mid(0, 4) << 11;
    QTest::newRow("second page") << QByteArray("limit=4&page=2") << all.mid(4, 4) << 11;
    QTest::newRow("last partial page") << QByteArray("limit=4&page=3") << all.mid(8) << 11;
    QTest::newRow("beyond the end keeps the total")
        << QByteArray("limit=4&page=4") << QStringList() << 11;
    QTest::newRow("largest page number")
        << QByteArray("page=10000&limit=100") << QStringList() << 11;
    QTest::newRow("largest limit") << QByteArray("limit=100") << all << 11;
    QTest::newRow("smallest limit") << QByteArray("limit=1&page=11") << all.mid(10) << 11;
    QTest::newRow("search beyond the end")
        << QByteArray("search=laptop&limit=3&page=3") << QStringList() << 4;
    QTest::newRow("search last partial page")
        << QByteArray("search=laptop&limit=3&page=2") << list("AUD-1") << 4;
}

void TestCatalogApi::pagination()
{
    QFETCH(QByteArray, query);
    QFETCH(QStringList, expected);
    QFETCH(int, total);

    const HttpReply reply = m_server->get("/api/products?" + query);
    QVERIFY2(reply.status == 200, describe(reply).constData());
    QCOMPARE(skus(reply), expected);
    QCOMPARE(reply.json().value(QStringLiteral("total")).toInt(), total);
}

void TestCatalogApi::badInput_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("fields");

    const QStringList page {QStringLiteral("page")};
    const QStringList limit {QStringLiteral("limit")};
    QTest::newRow("page=0") << QByteArray("page=0") << 422 << page;
    QTest::newRow("page=-1") << QByteArray("page=-1") << 422 << page;
    QTest::newRow("page=abc") << QByteArray("page=abc") << 422 << page;
    QTest::newRow("page too large") << QByteArray("page=10001") << 422 << page;
    QTest::newRow("page overflow") << QByteArray("page=99999999999999999999999") << 422 << page;
    QTest::newRow("limit=0") << QByteArray("limit=0") << 422 << limit;
    QTest::newRow("limit=1000") << QByteArray("limit=1000") << 422 << limit;
    QTest::newRow("limit=abc") << QByteArray("limit=abc") << 422 << limit;
    QTest::newRow("limit empty") << QByteArray("limit=") << 422 << limit;
    QTest::newRow("limit=1.5") << QByteArray("limit=1.5") << 422 << limit;
    QTest::newRow("page and limit")
        << QByteArray("page=0&limit=0") << 422
        << QStringList {QStringLiteral("limit"), QStringLiteral("page")};
    QTest::newRow("min_price > max_price") << QByteArray("min_price=5000&max_price=100") << 422
                                           << QStringList {QStringLiteral("min_price")};
    QTest::newRow("negative min_price")
        << QByteArray("min_price=-1") << 422 << QStringList {QStringLiteral("min_price")};
    QTest::newRow("negative max_price")
        << QByteArray("max_price=-100") << 422 << QStringList {QStringLiteral("max_price")};
    QTest::newRow("decimal price")
        << QByteArray("max_price=19.99") << 422 << QStringList {QStringLiteral("max_price")};
    QTest::newRow("unknown sort") << QByteArray("sort=cheapest") << 422
                                  << QStringList {QStringLiteral("sort")};
    QTest::newRow("sort with sql") << QByteArray("sort=price%3B+DROP+TABLE+products") << 422
                                   << QStringList {QStringLiteral("sort")};
    QTest::newRow("in_stock=maybe")
        << QByteArray("in_stock=maybe") << 422 << QStringList {QStringLiteral("in_stock")};
    QTest::newRow("10 KB search") << QByteArray("search=") + QByteArray(10 * 1024, 'a') << 422
                                  << QStringList {QStringLiteral("search")};
    QTest::newRow("category not a slug")
        << QByteArray("category=Not+A+Slug") << 422 << QStringList {QStringLiteral("category")};
    QTest::newRow("category with sql") << QByteArray("category=x%27%3B+DROP+TABLE+categories%3B--")
                                       << 422 << QStringList {QStringLiteral("category")};
    QTest::newRow("invalid utf-8 %C3%28")
        << QByteArray("search=%C3%28") << 400 << QStringList {QStringLiteral("search")};
    QTest::newRow("invalid utf-8 %FF")
        << QByteArray("search=%FF") << 400 << QStringList {QStringLiteral("search")};
    QTest::newRow("invalid utf-8 in brand")
        << QByteArray("brand=ab%FFcd") << 400 << QStringList {QStringLiteral("brand")};
    QTest::newRow("overlong utf-8")
        << QByteArray("search=%C0%AF") << 400 << QStringList {QStringLiteral("search")};
}

void TestCatalogApi::badInput()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(QStringList, fields);

    const HttpReply reply = m_server->get("/api/products?" + query);
    QVERIFY2(reply.status == status, describe(reply).constData());
    QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(problemFields(reply), fields);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toInt(), status);
}

void TestCatalogApi::oddInputAnswered_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("total"); // -1: any

    QTest::newRow("sql in search") << QByteArray("search=%27%3B+DROP+TABLE+products%3B--") << 0;
    QTest::newRow("tsquery operators") << QByteArray("search=a+%26+%7C+b") << -1;
    QTest::newRow("tsquery prefix") << QByteArray("search=foo%3A*") << 0;
    QTest::newRow("open parenthesis") << QByteArray("search=%28") << 0;
    QTest::newRow("only punctuation") << QByteArray("search=%21%40%23%24%25%5E") << 0;
    QTest::newRow("backslash") << QByteArray("search=%5C") << 0;
    QTest::newRow("empty search") << QByteArray("search=") << 11;
    QTest::newRow("blank search") << QByteArray("search=+++") << 11;
    QTest::newRow("unknown parameters ignored") << QByteArray("foo=bar&page=1&x") << 11;
    QTest::newRow("invalid utf-8 parameter name ignored") << QByteArray("%FF=1") << 11;
    QTest::newRow("repeated parameter") << QByteArray("limit=2&limit=3") << 11;
    QTest::newRow("empty price means none") << QByteArray("min_price=&max_price=") << 11;
    QTest::newRow("nul in brand") << QByteArray("brand=%00") << 0;
    QTest::newRow("200-character search") << QByteArray("search=") + QByteArray(200, 'k') << 0;
    QTest::newRow("many words") << QByteArray("search=a+b+c+d+e+f+g+h+i+j+k+l+m+n+o+p") << -1;
    QTest::newRow("emoji") << QByteArray("search=%F0%9F%98%80") << 0;
}

void TestCatalogApi::oddInputAnswered()
{
    QFETCH(QByteArray, query);
    QFETCH(int, total);

    const HttpReply reply = m_server->get("/api/products?" + query);
    QVERIFY2(reply.status == 200, describe(reply).constData());
    if (total >= 0) {
        QCOMPARE(reply.json().value(QStringLiteral("total")).toInt(), total);
    }
    // The table is still there and whole.
    QCOMPARE(m_server->get("/api/products").json().value(QStringLiteral("total")).toInt(), 11);
}

void TestCatalogApi::categories()
{
    const HttpReply reply = m_server->get("/api/categories");
    QVERIFY2(reply.status == 200, describe(reply).constData());
    const QJsonArray roots = reply.jsonArray();
    QStringList outline;
    const std::function<void(const QJsonArray &, int)> walk = [&](const QJsonArray &level,
                                                                  int depth) {
        for (const QJsonValue &value : level) {
            const QJsonObject c = value.toObject();
            outline << QString(depth * 2, u' ') + c.value(QStringLiteral("slug")).toString() + u'='
                    + QString::number(c.value(QStringLiteral("product_count")).toInt());
            walk(c.value(QStringLiteral("children")).toArray(), depth + 1);
        }
    };
    walk(roots, 0);
    const QStringList expected {
        QStringLiteral("electronics=6"), QStringLiteral("  audio=2"),
        QStringLiteral("  computers=4"), QStringLiteral("    laptops=3"),
        QStringLiteral("    tablets=0"), QStringLiteral("garden=0"),
        QStringLiteral("home=4"),        QStringLiteral("  kitchen=3"),
    };
    QCOMPARE(outline, expected);
    QCOMPARE(roots.at(0)[QStringLiteral("parent_id")].type(), QJsonValue::Null);
    QCOMPARE(roots.at(0)[QStringLiteral("children")][0][QStringLiteral("parent_id")].toString(),
             roots.at(0)[QStringLiteral("id")].toString());
}

void TestCatalogApi::brands_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("category"); // the same filter for /api/products
    QTest::addColumn<QStringList>("expected");

    // LAP-4 (Acer, inactive) and NOC-1 (no brand) are not counted.
    const QStringList all = list("Acer=2 Asus=1 Dell=1 IKEA=1 JBL=1 Lodge=1 Sony=1 Wüsthof=2");
    QTest::newRow("all, sorted by name") << QByteArray() << QByteArray() << all;
    QTest::newRow("empty category means all") << QByteArray("category=") << QByteArray() << all;
    QTest::newRow("category with subcategories")
        << QByteArray("category=electronics") << QByteArray("electronics")
        << list("Acer=2 Asus=1 Dell=1 JBL=1 Sony=1");
    QTest::newRow("category leaf")
        << QByteArray("category=laptops") << QByteArray("laptops") << list("Acer=2 Asus=1");
    QTest::newRow("category without products")
        << QByteArray("category=garden") << QByteArray("garden") << QStringList();
    // As /api/products?category=unknown-slug: 200 with nothing in it.
    QTest::newRow("unknown category")
        << QByteArray("category=unknown-slug") << QByteArray("unknown-slug") << QStringList();
    QTest::newRow("other parameters ignored") << QByteArray("page=0&brand=Acer&category=kitchen&x")
                                              << QByteArray("kitchen") << list("Lodge=1 Wüsthof=2");
}

void TestCatalogApi::brands()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, category);
    QFETCH(QStringList, expected);

    for (int round = 0; round < 2; ++round) { // the second one may come from the cache
        const HttpReply reply = m_server->get("/api/brands?" + query);
        QVERIFY2(reply.status == 200, describe(reply).constData());
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        QVERIFY(!reply.header("x-cache").isEmpty());
        QCOMPARE(brandOutline(reply), expected);
    }
    // Each count is what the brand filter of the product list finds.
    for (const QString &brand : std::as_const(expected)) {
        const QByteArray filter =
            "category=" + category + "&brand=" + QUrl::toPercentEncoding(brand.section(u'=', 0, 0));
        const HttpReply products = m_server->get("/api/products?" + filter);
        QVERIFY2(products.status == 200, describe(products).constData());
        QCOMPARE(QString::number(products.json().value(QStringLiteral("total")).toInt()),
                 brand.section(u'=', 1));
    }
}

void TestCatalogApi::brandsShape()
{
    const HttpReply reply = m_server->get("/api/brands?category=laptops");
    QVERIFY2(reply.status == 200, describe(reply).constData());
    QCOMPARE(reply.body,
             QByteArray(R"({"items":[{"name":"Acer","product_count":2},)"
                        R"({"name":"Asus","product_count":1}]})"));
    const HttpReply none = m_server->get("/api/brands?category=unknown-slug");
    QVERIFY2(none.status == 200, describe(none).constData());
    QCOMPARE(none.body, QByteArray(R"({"items":[]})"));
}

void TestCatalogApi::brandsBadInput_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");

    // The same problems as /api/products gives for these categories (see badInput).
    QTest::newRow("category not a slug") << QByteArray("category=Not+A+Slug") << 422;
    QTest::newRow("category with sql")
        << QByteArray("category=x%27%3B+DROP+TABLE+categories%3B--") << 422;
    QTest::newRow("category too long") << QByteArray("category=") + QByteArray(101, 'a') << 422;
    QTest::newRow("category with trailing hyphen") << QByteArray("category=laptops-") << 422;
    QTest::newRow("invalid utf-8") << QByteArray("category=%FF") << 400;
    QTest::newRow("overlong utf-8") << QByteArray("category=%C0%AF") << 400;
}

void TestCatalogApi::brandsBadInput()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);

    const HttpReply reply = m_server->get("/api/brands?" + query);
    QVERIFY2(reply.status == status, describe(reply).constData());
    QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(problemFields(reply), QStringList {QStringLiteral("category")});
    QCOMPARE(reply.json().value(QStringLiteral("status")).toInt(), status);

    // Exactly the problem the product list gives for the same parameter.
    const HttpReply products = m_server->get("/api/products?" + query);
    QCOMPARE(products.status, reply.status);
    QCOMPARE(reply.json().value(QStringLiteral("code")),
             products.json().value(QStringLiteral("code")));
    QCOMPARE(reply.json().value(QStringLiteral("errors")),
             products.json().value(QStringLiteral("errors")));
    // The table is still there and whole.
    QCOMPARE(brandOutline(m_server->get("/api/brands?category=laptops")), list("Acer=2 Asus=1"));
}

void TestCatalogApi::productDetail_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("sku");

    QTest::newRow("active") << Tests::fixtureId(1).toLatin1() << 200 << QStringLiteral("LAP-1");
    QTest::newRow("no category") << Tests::fixtureId(12).toLatin1() << 200
                                 << QStringLiteral("NOC-1");
    QTest::newRow("upper case") << Tests::fixtureId(11).toUpper().toLatin1() << 200
                                << QStringLiteral("HOM-1");
    QTest::newRow("inactive") << Tests::fixtureId(4).toLatin1() << 404 << QString();
    QTest::newRow("unknown") << Tests::fixtureId(0x77).toLatin1() << 404 << QString();
    QTest::newRow("malformed") << QByteArray("abc") << 404 << QString();
    QTest::newRow("number") << QByteArray("42") << 404 << QString();
    QTest::newRow("almost a uuid")
        << QByteArray("00000000-0000-0000-0000-00000000000g") << 404 << QString();
    QTest::newRow("braces") << QByteArray("%7B00000000-0000-0000-0000-000000000001%7D") << 404
                            << QString();
    QTest::newRow("sql") << QByteArray("1%27%20OR%20%271%27=%271") << 404 << QString();
    QTest::newRow("invalid utf-8 (refused by the HTTP layer)")
        << QByteArray("%FF%FE") << 400 << QString();
}

void TestCatalogApi::productDetail()
{
    QFETCH(QByteArray, id);
    QFETCH(int, status);
    QFETCH(QString, sku);

    for (int round = 0; round < 2; ++round) { // the second one may come from the cache
        const HttpReply reply = m_server->get("/api/products/" + id);
        QVERIFY2(reply.status == status, describe(reply).constData());
        if (status == 200) {
            QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
            QCOMPARE(reply.json().value(QStringLiteral("sku")).toString(), sku);
            QCOMPARE(reply.json().value(QStringLiteral("is_active")).toBool(), true);
        } else {
            QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
            QCOMPARE(reply.json().value(QStringLiteral("code")).toString(),
                     status == 404 ? QStringLiteral("not-found") : QStringLiteral("bad-request"));
        }
    }
}

void TestCatalogApi::media_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("ifNoneMatch"); // empty: not sent
    QTest::addColumn<int>("status");

    const QByteArray svg("products/lap-1.svg");
    QTest::newRow("found") << svg << QByteArray() << 200;
    QTest::newRow("revalidated") << svg << QByteArray("\"abc123\"") << 304;
    QTest::newRow("revalidated weak") << svg << QByteArray("W/\"abc123\"") << 304;
    QTest::newRow("revalidated in a list") << svg << QByteArray("\"x\", \"abc123\"") << 304;
    QTest::newRow("revalidated star") << svg << QByteArray("*") << 304;
    QTest::newRow("changed") << svg << QByteArray("\"other\"") << 200;
    QTest::newRow("unknown") << QByteArray("products/none.svg") << QByteArray() << 404;
    QTest::newRow("unknown folder") << QByteArray("nothing/here/at/all.png") << QByteArray() << 404;
    // ".." segments are refused by the HTTP layer already; inside a name by the catalog.
    QTest::newRow("encoded dot dot")
        << QByteArray("products/%2e%2e/%2e%2e/etc/passwd") << QByteArray() << 400;
    QTest::newRow("encoded slash dot dot") << QByteArray("..%2fsecret") << QByteArray() << 400;
    QTest::newRow("dot dot in a name") << QByteArray("products/lap-1..svg") << QByteArray() << 400;
    QTest::newRow("upper case") << QByteArray("products/LAP-1.svg") << QByteArray() << 404;
}

void TestCatalogApi::media()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(int, status);

    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!ifNoneMatch.isEmpty()) {
        headers.append({QByteArrayLiteral("If-None-Match"), ifNoneMatch});
    }
    const HttpReply reply = m_server->get("/media/" + path, headers);
    QVERIFY2(reply.status == status, describe(reply).constData());
    if (status == 200 || status == 304) {
        QCOMPARE(reply.header("etag"), QByteArray("\"abc123\""));
        QCOMPARE(reply.header("cache-control"), QByteArray("public, max-age=86400"));
    }
    if (status == 200) {
        QCOMPARE(reply.header("content-type"), QByteArray("image/svg+xml"));
        QCOMPARE(reply.body, QByteArray(Tests::kFixtureSvg));
    } else if (status == 304) {
        QVERIFY(reply.body.isEmpty());
    } else {
        QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
    }
    if (status == 400 && path.endsWith("..svg")) {
        QCOMPARE(problemFields(reply), QStringList {QStringLiteral("path")});
    }
}

void TestCatalogApi::mediaHead()
{
    Tests::HttpClient client(m_server->port());
    QVERIFY(client.isConnected());
    QVERIFY(client.send("HEAD /media/products/lap-1.svg HTTP/1.1\r\nHost: x\r\n\r\n"));
    const HttpReply head = client.read(5000, true);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("etag"), QByteArray("\"abc123\""));
    QVERIFY(head.body.isEmpty());
    // The connection is still usable: no stray body bytes.
    const HttpReply get = client.request("GET", "/media/products/lap-1.svg");
    QCOMPARE(get.status, 200);
    QCOMPARE(get.body, QByteArray(Tests::kFixtureSvg));
}

void TestCatalogApi::cacheHitThenInvalidated_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("undo");
    QTest::addColumn<QByteArray>("after");

    QTest::newRow("list") << QByteArray("/api/products?sort=price_asc&limit=3")
                          << QStringLiteral("UPDATE products SET price = 500 WHERE sku = 'LAP-2'")
                          << QStringLiteral(
                                 "UPDATE products SET price = 149900 WHERE sku = 'LAP-2'")
                          << QByteArray("\"sku\":\"LAP-2\"");
    QTest::newRow("search")
        << QByteArray("/api/products?search=lamp")
        << QStringLiteral("UPDATE products SET name = 'Desk Lamp Pro' WHERE sku = 'HOM-1'")
        << QStringLiteral("UPDATE products SET name = 'Desk Lamp' WHERE sku = 'HOM-1'")
        << QByteArray("Desk Lamp Pro");
    QTest::newRow("detail")
        << QByteArray("/api/products/") + Tests::fixtureId(6).toLatin1()
        << QStringLiteral("UPDATE products SET stock_quantity = 77 WHERE sku = 'AUD-2'")
        << QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE sku = 'AUD-2'")
        << QByteArray("\"stock_quantity\":77");
    QTest::newRow("detail deactivated")
        << QByteArray("/api/products/") + Tests::fixtureId(6).toLatin1()
        << QStringLiteral("UPDATE products SET is_active = false WHERE sku = 'AUD-2'")
        << QStringLiteral("UPDATE products SET is_active = true WHERE sku = 'AUD-2'")
        << QByteArray("not-found");
    QTest::newRow("brands of a category")
        << QByteArray("/api/brands?category=home")
        << QStringLiteral("UPDATE products SET brand = 'Fissler' WHERE sku = 'KIT-2'")
        << QStringLiteral("UPDATE products SET brand = 'Lodge' WHERE sku = 'KIT-2'")
        << QByteArray("{\"name\":\"Fissler\",\"product_count\":1}");
    QTest::newRow("brands: product deactivated")
        << QByteArray("/api/brands")
        << QStringLiteral("UPDATE products SET is_active = false WHERE sku = 'LAP-3'")
        << QStringLiteral("UPDATE products SET is_active = true WHERE sku = 'LAP-3'")
        << QByteArray("{\"name\":\"Acer\",\"product_count\":1}");
    QTest::newRow("categories")
        << QByteArray("/api/categories")
        << QStringLiteral("INSERT INTO categories (name, slug) VALUES ('Books', 'books')")
        << QStringLiteral("DELETE FROM categories WHERE slug = 'books'")
        << QByteArray("\"slug\":\"books\"");
}

void TestCatalogApi::cacheHitThenInvalidated()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, change);
    QFETCH(QString, undo);
    QFETCH(QByteArray, after);

    // The listener connects in the background; until then nothing is cached.
    const HttpReply first = m_server->get(target);
    QVERIFY2(first.status == 200, describe(first).constData());
    QVERIFY(!first.body.contains(after));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->get(target).header("x-cache"), QByteArray("HIT"), 10000);
    QCOMPARE(m_server->get(target).body, first.body);

    QVERIFY(m_writer->exec(change)); // committed by another session
    QTRY_VERIFY_WITH_TIMEOUT(m_server->get(target).body.contains(after), 5000);

    QVERIFY(m_writer->exec(undo));
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->get(target).body.contains(after), 5000);
}

QTEST_GUILESS_MAIN(TestCatalogApi)
#include "tst_catalogapi.moc"
