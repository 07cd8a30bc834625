// Which cached catalog answers a product's change alters (CacheDependency::affectedBy), the
// notification payloads the products trigger sends (CatalogChange), and the dependencies' text
// form for the Redis tier. Pure rules, no database: the trigger's side is tested against
// PostgreSQL in tst_catalognotifications, the caches in tst_inprocesscatalogcache and
// tst_rediscache.

#include "catalog/catalogchange.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Catalog;

namespace {

const CategoryId kA = *CategoryId::parse(u"aaaaaaaa-0000-4000-8000-000000000001");
const CategoryId kA1 = *CategoryId::parse(u"aaaaaaaa-0000-4000-8000-000000000011"); // under A
const CategoryId kB = *CategoryId::parse(u"bbbbbbbb-0000-4000-8000-000000000002");
const ProductId kX = *ProductId::parse(u"00000000-0000-4000-8000-00000000000a");
const ProductId kY = *ProductId::parse(u"00000000-0000-4000-8000-00000000000b");
const ProductId kZ = *ProductId::parse(u"00000000-0000-4000-8000-00000000000c"); // shown nowhere

ProductFacts facts(CategoryId category, qint64 price, bool inStock = true,
                   const QString &brand = QStringLiteral("Acme"))
{
    return {category, price, inStock, brand};
}

ProductChange change(std::optional<ProductFacts> before, std::optional<ProductFacts> after,
                     bool nameChanged = false, bool textChanged = false)
{
    return {kX, std::move(before), std::move(after), nameChanged, textChanged};
}

ProductQuery query(const char *text)
{
    auto parsed = ProductQuery::fromQueryString(text);
    Q_ASSERT(parsed);
    return *parsed;
}

// A list of the query (category a = {A, A1}), with `shown` on its page.
CacheDependencyPtr list(const char *text, const QList<ProductId> &shown = {kY})
{
    const ProductQuery q = query(text);
    return CacheDependency::list(
        q, q.category.isEmpty() ? QList<CategoryId> {} : QList<CategoryId> {kA, kA1}, shown);
}

CacheDependencyPtr count(const char *text)
{
    const ProductQuery q = query(text);
    return CacheDependency::count(
        q, q.category.isEmpty() ? QList<CategoryId> {} : QList<CategoryId> {kA, kA1});
}

} // namespace

Q_DECLARE_METATYPE(Shop::Catalog::CacheDependencyPtr)
Q_DECLARE_METATYPE(Shop::Catalog::ProductChange)

class TestCatalogChange final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void affectedBy_data();
    void affectedBy();
    void encodedDependencyJudgesAlike_data() { affectedBy_data(); }
    void encodedDependencyJudgesAlike();
    void malformedDependencies();
    void payloads_data();
    void payloads();
    void payloadRoundTrip();
    void sourceNamesTheNotification();
    void between();
};

void TestCatalogChange::affectedBy_data()
{
    QTest::addColumn<CacheDependencyPtr>("dependency");
    QTest::addColumn<ProductChange>("change");
    QTest::addColumn<bool>("affected");

    const auto price = [](qint64 from, qint64 to, CategoryId category = kA1) {
        return change(facts(category, from), facts(category, to));
    };

    // A product's detail: its own changes only.
    QTest::newRow("detail: its price") << CacheDependency::product(kX) << price(500, 600) << true;
    QTest::newRow("detail: another product")
        << CacheDependency::product(kY) << price(500, 600) << false;
    QTest::newRow("detail: deactivated")
        << CacheDependency::product(kX) << change(facts(kA1, 500), std::nullopt) << true;

    // The plain list (newest first): what it shows, and products entering or leaving.
    QTest::newRow("list: a price elsewhere") << list("") << price(500, 600) << false;
    QTest::newRow("list: a price on the page") << list("", {kX, kY}) << price(500, 600) << true;
    QTest::newRow("list: a name elsewhere")
        << list("") << change(facts(kA1, 500), facts(kA1, 500), true, true) << false;
    QTest::newRow("list: sold out elsewhere")
        << list("") << change(facts(kA1, 500, true), facts(kA1, 500, false)) << false;
    QTest::newRow("list: a product created")
        << list("") << change(std::nullopt, facts(kA1, 500)) << true;
    QTest::newRow("list: a product deactivated")
        << list("") << change(facts(kA1, 500), std::nullopt) << true;
    QTest::newRow("list: an inactive product stays inactive")
        << list("") << change(std::nullopt, std::nullopt) << false;
    QTest::newRow("list: moved to another category") << list("") << price(500, 500, kB) << false;

    // Orders: a product that matches and whose sort key changed moves.
    QTest::newRow("by price: a price") << list("sort=price_asc") << price(500, 600) << true;
    QTest::newRow("by price desc: a price") << list("sort=price_desc") << price(500, 600) << true;
    QTest::newRow("by price: the same price, another brand")
        << list("sort=price_asc")
        << change(facts(kA1, 500), facts(kA1, 500, true, QStringLiteral("Other")), false, true)
        << false;
    QTest::newRow("by name: a price") << list("sort=name") << price(500, 600) << false;
    QTest::newRow("by name: a name")
        << list("sort=name") << change(facts(kA1, 500), facts(kA1, 500), true, true) << true;
    QTest::newRow("newest: a name")
        << list("sort=newest") << change(facts(kA1, 500), facts(kA1, 500), true, true) << false;

    // The benchmark's filtered list: category a, 10.00-200.00, in stock, by price.
    const char *filtered = "category=a&min_price=1000&max_price=20000&in_stock=true&sort=price_asc";
    QTest::newRow("filtered: a price in another category")
        << list(filtered) << price(5000, 6000, kB) << false;
    QTest::newRow("filtered: a price in a subcategory moves it")
        << list(filtered) << price(5000, 6000) << true;
    QTest::newRow("filtered: a price below the range stays below")
        << list(filtered) << price(100, 200) << false;
    QTest::newRow("filtered: into the range") << list(filtered) << price(100, 5000) << true;
    QTest::newRow("filtered: out of the range") << list(filtered) << price(5000, 30000) << true;
    QTest::newRow("filtered: moved into the category")
        << list(filtered) << change(facts(kB, 5000), facts(kA, 5000)) << true;
    QTest::newRow("filtered: sold out")
        << list(filtered) << change(facts(kA1, 5000, true), facts(kA1, 5000, false)) << true;
    QTest::newRow("filtered: sold out in another category")
        << list(filtered) << change(facts(kB, 5000, true), facts(kB, 5000, false)) << false;
    const char *byCategory = "category=a&min_price=1000&max_price=20000";
    QTest::newRow("category, newest: a price within the range")
        << list(byCategory) << price(5000, 6000) << false;
    QTest::newRow("category, newest: a price out of the range")
        << list(byCategory) << price(5000, 30000) << true;

    // Brands compare without regard to case.
    QTest::newRow("brand: another spelling of it")
        << list("brand=acme")
        << change(facts(kA1, 500, true, QStringLiteral("Acme")),
                  facts(kA1, 500, true, QStringLiteral("ACME")), false, true)
        << false;
    QTest::newRow("brand: another brand")
        << list("brand=acme")
        << change(facts(kA1, 500, true, QStringLiteral("Acme")),
                  facts(kA1, 500, true, QStringLiteral("Other")), false, true)
        << true;
    QTest::newRow("brand: created with another brand")
        << list("brand=acme")
        << change(std::nullopt, facts(kA1, 500, true, QStringLiteral("Other"))) << false;
    QTest::newRow("brand: beyond ASCII, PostgreSQL decides")
        << list("brand=%C3%89lan")
        << change(facts(kA1, 500, true, QStringLiteral("Elan")),
                  facts(kA1, 500, true, QStringLiteral("ÉLAN")), false, true)
        << true;

    // Searches: whether the words match is PostgreSQL's to say.
    QTest::newRow("search: a price elsewhere") << list("search=lamp") << price(500, 600) << false;
    QTest::newRow("search: a description")
        << list("search=lamp") << change(facts(kA1, 500), facts(kA1, 500), false, true) << true;
    QTest::newRow("search: a product created")
        << list("search=lamp") << change(std::nullopt, facts(kA1, 500)) << true;
    QTest::newRow("search by price: a price")
        << list("search=lamp&sort=price_asc") << price(500, 600) << true;
    QTest::newRow("search in a category: created elsewhere")
        << list("search=lamp&category=a") << change(std::nullopt, facts(kB, 500)) << false;

    // An image: the answers showing the product only.
    const ProductChange image = ProductChange::contentOf(kX);
    QTest::newRow("image: its detail") << CacheDependency::product(kX) << image << true;
    QTest::newRow("image: a page showing it") << list(filtered, {kX}) << image << true;
    QTest::newRow("image: a page without it") << list(filtered) << image << false;
    QTest::newRow("image: a search without it") << list("search=lamp") << image << false;
    QTest::newRow("image: a total") << count(filtered) << image << false;
    QTest::newRow("image: the category tree") << CacheDependency::categories() << image << false;
    QTest::newRow("image: the brands") << CacheDependency::brands() << image << false;

    // A filter's total: entering or leaving only.
    QTest::newRow("count: a price") << count("") << price(500, 600) << false;
    QTest::newRow("count: deactivated")
        << count("") << change(facts(kA1, 500), std::nullopt) << true;
    QTest::newRow("count: into the category")
        << count("category=a") << change(facts(kB, 500), facts(kA1, 500)) << true;
    QTest::newRow("count: within the category")
        << count("category=a") << change(facts(kA1, 500), facts(kA, 500)) << false;
    QTest::newRow("count: into the price range")
        << count("min_price=1000") << price(500, 1000) << true;
    QTest::newRow("count: in stock, sold out")
        << count("in_stock=true") << change(facts(kA1, 500, true), facts(kA1, 500, false)) << true;
    QTest::newRow("count: a search, its text")
        << count("search=lamp") << change(facts(kA1, 500), facts(kA1, 500), true, true) << true;

    // The facets: counts of active products per category, per brand.
    QTest::newRow("categories: a price")
        << CacheDependency::categories() << price(500, 600) << false;
    QTest::newRow("categories: moved")
        << CacheDependency::categories() << change(facts(kA1, 500), facts(kB, 500)) << true;
    QTest::newRow("categories: created")
        << CacheDependency::categories() << change(std::nullopt, facts(kB, 500)) << true;
    QTest::newRow("brands: a price") << CacheDependency::brands() << price(500, 600) << false;
    QTest::newRow("brands: a brand")
        << CacheDependency::brands()
        << change(facts(kA1, 500), facts(kA1, 500, true, QStringLiteral("acme")), false, true)
        << true;
    QTest::newRow("brands: moved")
        << CacheDependency::brands() << change(facts(kA1, 500), facts(kB, 500)) << true;
}

void TestCatalogChange::affectedBy()
{
    QFETCH(CacheDependencyPtr, dependency);
    QFETCH(ProductChange, change);
    QFETCH(bool, affected);

    QCOMPARE(dependency->affectedBy(change), affected);
    QCOMPARE(dependency->affectedBy(CatalogChange::of({change})), affected);
    // Among other changes that alter nothing, and as part of everything.
    ProductChange unrelated {kZ, std::nullopt, std::nullopt};
    QCOMPARE(dependency->affectedBy(CatalogChange::of({unrelated, change})), affected);
    QVERIFY(dependency->affectedBy(CatalogChange::all()));
}

// The Redis tier stores the dependency as text next to the value: read back, it judges every
// change as the original does.
void TestCatalogChange::encodedDependencyJudgesAlike()
{
    QFETCH(CacheDependencyPtr, dependency);
    QFETCH(ProductChange, change);
    QFETCH(bool, affected);

    const QByteArray text = dependency->encode();
    const CacheDependencyPtr decoded = CacheDependency::decode(text);
    QVERIFY2(decoded, text.constData());
    QCOMPARE(decoded->kind(), dependency->kind());
    QCOMPARE(decoded->products(), dependency->products());
    QCOMPARE(decoded->affectedBy(change), affected);
    QCOMPARE(decoded->encode().size(), text.size());
}

void TestCatalogChange::malformedDependencies()
{
    for (const QByteArray &text :
         {QByteArray(), QByteArray("{}"), QByteArray("[]"), QByteArray("{\"k\":\"nope\"}"),
          QByteArray("{\"k\":\"product\"}"), QByteArray("{\"k\":\"list\",\"i\":[\"x\"]}"),
          QByteArray("{\"k\":\"list\",\"c\":7}"), QByteArray("{\"k\":\"list\",\"o\":\"up\"}"),
          QByteArray("{\"k\":\"product\""), QByteArray("not json")}) {
        QVERIFY2(!CacheDependency::decode(text), text.constData());
    }
}

void TestCatalogChange::payloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("everything");
    QTest::addColumn<int>("products");

    // As PostgreSQL's jsonb prints the trigger's array (migration 0015).
    QTest::newRow("a price") << QByteArray(
        R"([{"a": {"c": "aaaaaaaa-0000-4000-8000-000000000011", "p": 600, )"
        R"("r": "Acme", "s": true}, "b": {"c": "aaaaaaaa-0000-4000-8000-)"
        R"(000000000011", "p": 500, "r": "Acme", "s": true}, )"
        R"("n": false, "t": false, "id": "00000000-0000-4000-8000-00000000000a"}])")
                             << false << 1;
    QTest::newRow("created, no category, no brand")
        << QByteArray(R"([{"a": {"c": null, "p": 100, "r": null, "s": false}, "b": null, )"
                      R"("n": false, "t": false, "id": "00000000-0000-4000-8000-00000000000a"}])")
        << false << 1;
    QTest::newRow("two") << QByteArray(
        R"([{"a": null, "b": null, "id": "00000000-0000-4000-8000-00000000000a"},)"
        R"({"a": null, "b": null, "id": "00000000-0000-4000-8000-00000000000b"}])")
                         << false << 2;
    QTest::newRow("a table's name") << QByteArray("products") << true << 0;
    QTest::newRow("categories") << QByteArray("categories") << true << 0;
    QTest::newRow("empty") << QByteArray() << true << 0;
    QTest::newRow("broken json") << QByteArray("[{\"id\": ") << true << 0;
    QTest::newRow("no id") << QByteArray(R"([{"a": null}])") << true << 0;
    QTest::newRow("bad id") << QByteArray(R"([{"id": "x"}])") << true << 0;
    QTest::newRow("bad category") << QByteArray(
        R"([{"id": "00000000-0000-4000-8000-00000000000a", "a": {"c": 5, "p": 1}}])")
                                  << true << 0;
    QTest::newRow("no price") << QByteArray(
        R"([{"id": "00000000-0000-4000-8000-00000000000a", "a": {"c": null}}])")
                              << true << 0;
    QTest::newRow("facts not an object")
        << QByteArray(R"([{"id": "00000000-0000-4000-8000-00000000000a", "a": 3}])") << true << 0;

    // Migration 0017: the transaction's id with the array.
    QTest::newRow("with a transaction id")
        << QByteArray(R"({"p": [{"id": "00000000-0000-4000-8000-00000000000a"}], "x": "812"})")
        << false << 1;
    QTest::newRow("transaction id not a string")
        << QByteArray(R"({"p": [{"id": "00000000-0000-4000-8000-00000000000a"}], "x": 812})")
        << true << 0;
    QTest::newRow("no transaction id")
        << QByteArray(R"({"p": [{"id": "00000000-0000-4000-8000-00000000000a"}]})") << true << 0;
    QTest::newRow("changes not an array") << QByteArray(R"({"p": {}, "x": "812"})") << true << 0;
    QTest::newRow("a bad change with a transaction id")
        << QByteArray(R"({"p": [{"id": "nope"}], "x": "812"})") << true << 0;
}

void TestCatalogChange::payloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, everything);
    QFETCH(int, products);

    const CatalogChange change = CatalogChange::fromPayload(payload);
    QCOMPARE(change.everything, everything);
    QCOMPARE(change.products.size(), products);
}

void TestCatalogChange::payloadRoundTrip()
{
    const ProductChange first =
        change(facts(kA1, 500), facts(kB, 1'000'000'000'000, false, QStringLiteral("Zoë \"Q\"")),
               true, true);
    const ProductChange second {kY, std::nullopt, ProductFacts {std::nullopt, 0, false, {}}};
    const CatalogChange original = CatalogChange::of({first, second});
    const CatalogChange parsed = CatalogChange::fromPayload(original.toPayload());
    QVERIFY(!parsed.everything);
    QCOMPARE(parsed.products.size(), 2);
    QCOMPARE(parsed.products.at(0).id, kX);
    QCOMPARE(parsed.products.at(0).before, first.before);
    QCOMPARE(parsed.products.at(0).after, first.after);
    QVERIFY(parsed.products.at(0).nameChanged);
    QVERIFY(parsed.products.at(0).textChanged);
    QCOMPARE(parsed.products.at(1).id, kY);
    QVERIFY(!parsed.products.at(1).before);
    QCOMPARE(parsed.products.at(1).after, second.after);
    QCOMPARE(CatalogChange::all().toPayload(), QByteArray("products"));
    QVERIFY(CatalogChange::fromPayload(CatalogChange::all().toPayload()).everything);
}

// The same notification heard by two instances has the same source; any other has another.
void TestCatalogChange::sourceNamesTheNotification()
{
    const QByteArray mug = R"([{"id": "00000000-0000-4000-8000-00000000000a"}])";
    const QByteArray pen = R"([{"id": "00000000-0000-4000-8000-00000000000b"}])";
    const auto payload = [](const QByteArray &changes,
                            const QByteArray &transaction) -> QByteArray {
        return R"({"p": )" + changes + R"(, "x": ")" + transaction + R"("})";
    };
    const QByteArray source = CatalogChange::fromPayload(payload(mug, "812")).source;
    QVERIFY(source.startsWith("812:"));
    QCOMPARE(CatalogChange::fromPayload(payload(mug, "812")).source, source);
    QVERIFY(CatalogChange::fromPayload(payload(mug, "813")).source != source);
    QVERIFY(CatalogChange::fromPayload(payload(pen, "812")).source != source);
    // Without a transaction id (0015's array, toPayload()), and a whole invalidation: none.
    QVERIFY(CatalogChange::fromPayload(mug).source.isEmpty());
    QVERIFY(CatalogChange::fromPayload("products").source.isEmpty());
}

void TestCatalogChange::between()
{
    Product before;
    before.id = kX;
    before.name = QStringLiteral("Lamp");
    before.description = QStringLiteral("Bright");
    before.brand = QStringLiteral("Acme");
    before.categoryId = kA1;
    before.price = Money(500, *Currency::fromCode(QStringLiteral("USD")));
    before.stockQuantity = 3;

    Product after = before;
    after.price = Money(600, before.price.currency());
    ProductChange change = ProductChange::between(before, after);
    QCOMPARE(change.id, kX);
    QCOMPARE(change.before, facts(kA1, 500));
    QCOMPARE(change.after, facts(kA1, 600));
    QVERIFY(!change.nameChanged);
    QVERIFY(!change.textChanged);

    after.description = QStringLiteral("Brighter");
    change = ProductChange::between(before, after);
    QVERIFY(!change.nameChanged);
    QVERIFY(change.textChanged);
    after.name = QStringLiteral("Lamp 2");
    QVERIFY(ProductChange::between(before, after).nameChanged);

    after.isActive = false; // deactivated: shown before only
    change = ProductChange::between(before, after);
    QVERIFY(change.before);
    QVERIFY(!change.after);
    change = ProductChange::between(std::nullopt, before); // created
    QCOMPARE(change.id, kX);
    QVERIFY(!change.before);
    QCOMPARE(change.after, facts(kA1, 500));
    after.stockQuantity = 0;
    after.isActive = true;
    QVERIFY(!ProductChange::between(before, after).after->inStock);
}

QTEST_GUILESS_MAIN(TestCatalogChange)
#include "tst_catalogchange.moc"
