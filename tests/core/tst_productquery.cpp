#include "catalog/productquery.h"
#include "support/resultcheck.h"

#include <QTest>

using namespace Shop;
using namespace Qt::StringLiterals;

class TestProductQuery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void invalidUtf8IsBadRequest();
    void canonicalStringRoundTrips_data();
    void canonicalStringRoundTrips();
    void equalQueriesGiveEqualKeys();
    void brandQuery_data();
    void brandQuery();
};

void TestProductQuery::defaults()
{
    const auto query = ProductQuery::fromQueryString("");
    SHOP_VERIFY_OK(query);
    QCOMPARE(query->page, 1);
    QCOMPARE(query->limit, 20);
    QCOMPARE(query->sort, ProductSort::Relevance);
    QVERIFY(!query->minPrice && !query->maxPrice && !query->inStock);
    QCOMPARE(query->offset(), 0);
    QCOMPARE(query->toQueryString(), QByteArray());
}

void TestProductQuery::valid_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("category");
    QTest::addColumn<qint64>("minPrice"); // -1: not set
    QTest::addColumn<qint64>("maxPrice");
    QTest::addColumn<int>("inStock"); // -1 unset, 0 false, 1 true
    QTest::addColumn<ProductSort>("sort");

    QTest::newRow("paging") << QByteArray("page=3&limit=50") << 3 << 50 << ""
                            << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("limit bounds") << QByteArray("limit=1") << 1 << 1 << ""
                                  << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("limit max") << QByteArray("limit=100&page=10000") << 10000 << 100 << ""
                               << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("percent-encoded search")
        << QByteArray("search=red%20shoe") << 1 << 20 << "red shoe"
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("plus is space")
        << QByteArray("search=red+shoe") << 1 << 20 << "red shoe"
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("encoded plus stays")
        << QByteArray("search=c%2B%2B") << 1 << 20 << "c++"
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("utf8 search") << QByteArray("search=K%C3%BCche") << 1 << 20 << "Küche"
                                 << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("whitespace collapsed")
        << QByteArray("search=%20%20a%20%20%20b%20") << 1 << 20 << "a b"
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("sql metacharacters are just text")
        << QByteArray("search=%27%3B%20DROP%20TABLE%20products%3B--") << 1 << 20
        << "'; DROP TABLE products;--"
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("category and prices")
        << QByteArray("category=laptops&min_price=1000&max_price=5000&in_stock=true") << 1 << 20
        << ""
        << "laptops" << qint64(1000) << qint64(5000) << 1 << ProductSort::Relevance;
    QTest::newRow("equal prices") << QByteArray("min_price=500&max_price=500") << 1 << 20 << ""
                                  << "" << qint64(500) << qint64(500) << -1
                                  << ProductSort::Relevance;
    QTest::newRow("in_stock false")
        << QByteArray("in_stock=0") << 1 << 20 << ""
        << "" << qint64(-1) << qint64(-1) << 0 << ProductSort::Relevance;
    QTest::newRow("empty optional values ignored")
        << QByteArray("min_price=&max_price=&in_stock=&sort=") << 1 << 20 << ""
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("sort price_desc")
        << QByteArray("sort=price_desc") << 1 << 20 << ""
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::PriceDesc;
    QTest::newRow("sort newest") << QByteArray("sort=newest") << 1 << 20 << ""
                                 << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Newest;
    QTest::newRow("unknown parameters ignored")
        << QByteArray("utm_source=x&foo&=bar&&page=2") << 2 << 20 << ""
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
    QTest::newRow("last duplicate wins")
        << QByteArray("page=2&page=5") << 5 << 20 << ""
        << "" << qint64(-1) << qint64(-1) << -1 << ProductSort::Relevance;
}

void TestProductQuery::valid()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, page);
    QFETCH(int, limit);
    QFETCH(QString, search);
    QFETCH(QString, category);
    QFETCH(qint64, minPrice);
    QFETCH(qint64, maxPrice);
    QFETCH(int, inStock);
    QFETCH(ProductSort, sort);

    const auto query = ProductQuery::fromQueryString(raw);
    SHOP_VERIFY_OK(query);
    QCOMPARE(query->page, page);
    QCOMPARE(query->limit, limit);
    QCOMPARE(query->search, search);
    QCOMPARE(query->category, category);
    QCOMPARE(query->minPrice.value_or(-1), minPrice);
    QCOMPARE(query->maxPrice.value_or(-1), maxPrice);
    QCOMPARE(query->inStock ? int(*query->inStock) : -1, inStock);
    QCOMPARE(query->sort, sort);
}

void TestProductQuery::invalid_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QStringList>("fields");

    const QByteArray longSearch = "search=" + QByteArray(10 * 1024, 'a');
    QTest::newRow("page 0") << QByteArray("page=0") << QStringList {u"page"_s};
    QTest::newRow("page negative") << QByteArray("page=-1") << QStringList {u"page"_s};
    QTest::newRow("page too deep") << QByteArray("page=10001") << QStringList {u"page"_s};
    QTest::newRow("page huge") << QByteArray("page=99999999999999999999")
                               << QStringList {u"page"_s};
    QTest::newRow("page float") << QByteArray("page=1.5") << QStringList {u"page"_s};
    QTest::newRow("page empty") << QByteArray("page=") << QStringList {u"page"_s};
    QTest::newRow("limit 0") << QByteArray("limit=0") << QStringList {u"limit"_s};
    QTest::newRow("limit 1000") << QByteArray("limit=1000") << QStringList {u"limit"_s};
    QTest::newRow("limit abc") << QByteArray("limit=abc") << QStringList {u"limit"_s};
    QTest::newRow("limit with space") << QByteArray("limit=%2010") << QStringList {u"limit"_s};
    QTest::newRow("10 KB search") << longSearch << QStringList {u"search"_s};
    QTest::newRow("category with spaces")
        << QByteArray("category=a%20b") << QStringList {u"category"_s};
    QTest::newRow("category injection")
        << QByteArray("category=%27%20OR%201%3D1--") << QStringList {u"category"_s};
    QTest::newRow("negative price") << QByteArray("min_price=-5") << QStringList {u"min_price"_s};
    QTest::newRow("decimal price") << QByteArray("max_price=12.50") << QStringList {u"max_price"_s};
    QTest::newRow("min over max") << QByteArray("min_price=5000&max_price=1000")
                                  << QStringList {u"min_price"_s};
    QTest::newRow("in_stock yes") << QByteArray("in_stock=yes") << QStringList {u"in_stock"_s};
    QTest::newRow("unknown sort") << QByteArray("sort=popularity") << QStringList {u"sort"_s};
    QTest::newRow("several at once")
        << QByteArray("page=0&limit=1000&sort=x") << QStringList {u"page"_s, u"limit"_s, u"sort"_s};
}

void TestProductQuery::invalid()
{
    QFETCH(QByteArray, raw);
    QFETCH(QStringList, fields);

    const auto query = ProductQuery::fromQueryString(raw);
    QVERIFY(!query.has_value());
    QCOMPARE(query.error().code, ErrorCode::Validation);
    QStringList reported;
    for (const FieldError &e : query.error().fieldErrors) {
        reported << e.field;
        QVERIFY2(!e.message.isEmpty(), qPrintable(e.field));
    }
    QCOMPARE(reported, fields);
}

void TestProductQuery::invalidUtf8IsBadRequest()
{
    for (const QByteArray &raw :
         {QByteArray("search=%C3%28"), QByteArray("search=%FF"), QByteArray("brand=%ED%A0%80")}) {
        const auto query = ProductQuery::fromQueryString(raw);
        QVERIFY2(!query.has_value(), raw.constData());
        QCOMPARE(query.error().code, ErrorCode::BadRequest);
        QCOMPARE(query.error().fieldErrors.size(), 1);
    }
}

void TestProductQuery::canonicalStringRoundTrips_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("all") << QByteArray(
        "sort=name&page=2&limit=10&search=red%20shoe&category=shoes"
        "&brand=Apex%20%26%20Co&min_price=1&max_price=2&in_stock=false");
    QTest::newRow("unicode") << QByteArray("search=K%C3%BCche%2B");
}

void TestProductQuery::canonicalStringRoundTrips()
{
    QFETCH(QByteArray, raw);
    const auto query = ProductQuery::fromQueryString(raw);
    SHOP_VERIFY_OK(query);
    const auto again = ProductQuery::fromQueryString(query->toQueryString());
    SHOP_VERIFY_OK(again);
    QCOMPARE(*again, *query);
}

void TestProductQuery::equalQueriesGiveEqualKeys()
{
    const auto a = ProductQuery::fromQueryString("limit=20&page=1&search=a+b&sort=relevance");
    const auto b = ProductQuery::fromQueryString("search=a%20%20b");
    QVERIFY(a && b);
    QCOMPARE(a->toQueryString(), b->toQueryString());
}

// GET /api/brands: only `category`, parsed and checked like ProductQuery's; other parameters
// (paging, sorting) do not apply and are ignored.
void TestProductQuery::brandQuery_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("category"); // when valid
    QTest::addColumn<int>("error"); // -1: valid, else the ErrorCode
    QTest::addColumn<QByteArray>("key");

    const int valid = -1;
    QTest::newRow("none") << QByteArray() << QString() << valid << QByteArray();
    QTest::newRow("category") << QByteArray("category=audio") << QStringLiteral("audio") << valid
                              << QByteArray("category=audio");
    QTest::newRow("empty category is none")
        << QByteArray("category=") << QString() << valid << QByteArray();
    QTest::newRow("other parameters ignored")
        << QByteArray("page=0&limit=abc&category=audio") << QStringLiteral("audio") << valid
        << QByteArray("category=audio");
    QTest::newRow("malformed slug") << QByteArray("category=Not%20A%20Slug") << QString()
                                    << int(ErrorCode::Validation) << QByteArray();
    QTest::newRow("sql metacharacters") << QByteArray("category=a'%3B--") << QString()
                                        << int(ErrorCode::Validation) << QByteArray();
    QTest::newRow("invalid utf-8")
        << QByteArray("category=%C3%28") << QString() << int(ErrorCode::BadRequest) << QByteArray();
}

void TestProductQuery::brandQuery()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, category);
    QFETCH(int, error);
    QFETCH(QByteArray, key);
    const auto query = BrandQuery::fromQueryString(raw);
    if (error >= 0) {
        QVERIFY(!query.has_value());
        QCOMPARE(int(query.error().code), error);
        if (query.error().code == ErrorCode::Validation) {
            QCOMPARE(query.error().fieldErrors.size(), 1);
            QCOMPARE(query.error().fieldErrors.first().field, QStringLiteral("category"));
        }
        return;
    }
    SHOP_VERIFY_OK(query);
    QCOMPARE(query->category, category);
    QCOMPARE(query->toQueryString(), key);
    // The key parses back to the same query.
    const auto again = BrandQuery::fromQueryString(query->toQueryString());
    SHOP_VERIFY_OK(again);
    QVERIFY(*again == *query);
}

QTEST_GUILESS_MAIN(TestProductQuery)
#include "tst_productquery.moc"
