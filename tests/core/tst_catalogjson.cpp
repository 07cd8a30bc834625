#include "serialize/catalogjson.h"
#include "serialize/problemjson.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Shop;
using namespace Qt::StringLiterals;

class TestCatalogJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void productRoundTrip();
    void productWireNames();
    void malformedProductsAreErrors_data();
    void malformedProductsAreErrors();
    void categoryTreeRoundTrip();
    void pageRoundTrip();
    void brandRoundTrip();
    void malformedBrandsAreErrors_data();
    void malformedBrandsAreErrors();
    void problemRoundTrip();
    void problemExtensions();
    void unknownProblemCodeIsInternal();
};

namespace {

Product sampleProduct()
{
    Product p;
    p.id = ProductId::generate();
    p.sku = u"ELE004-0000005"_s;
    p.name = u"Beacon Smartwatch L304"_s;
    p.description = u"Made for commuting. \"Quoted\" and ünïcode."_s;
    p.brand = u"Beacon"_s;
    p.categoryId = CategoryId::generate();
    p.categorySlug = u"smartwatches"_s;
    p.categoryName = u"Smartwatches"_s;
    p.price = Money(31099, *Currency::fromCode(u"USD"));
    p.stockQuantity = 297;
    p.imageUrl = u"/media/products/ele004-0000005.svg"_s;
    p.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    p.updatedAt = p.createdAt.addDays(1);
    return p;
}

void compareProducts(const Product &a, const Product &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.sku, b.sku);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.description, b.description);
    QCOMPARE(a.brand, b.brand);
    QCOMPARE(a.categoryId, b.categoryId);
    QCOMPARE(a.categorySlug, b.categorySlug);
    QCOMPARE(a.categoryName, b.categoryName);
    QCOMPARE(a.price, b.price);
    QCOMPARE(a.stockQuantity, b.stockQuantity);
    QCOMPARE(a.imageUrl, b.imageUrl);
    QCOMPARE(a.isActive, b.isActive);
    QCOMPARE(a.createdAt, b.createdAt);
    QCOMPARE(a.updatedAt, b.updatedAt);
}

} // namespace

void TestCatalogJson::productRoundTrip()
{
    const Product p = sampleProduct();
    // Through text, as on the wire.
    const QByteArray wire = QJsonDocument(Json::toJson(p)).toJson(QJsonDocument::Compact);
    const auto back = Json::productFromJson(QJsonDocument::fromJson(wire).object());
    SHOP_VERIFY_OK(back);
    compareProducts(*back, p);

    Product bare = p;
    bare.categoryId.reset();
    bare.brand.clear();
    bare.imageUrl.clear();
    const auto bareBack = Json::productFromJson(Json::toJson(bare));
    SHOP_VERIFY_OK(bareBack);
    QVERIFY(!bareBack->categoryId.has_value());
    QVERIFY(bareBack->brand.isEmpty());
}

void TestCatalogJson::productWireNames()
{
    const QJsonObject o = Json::toJson(sampleProduct());
    QCOMPARE(o.value(u"price"_s).toInteger(), 31099);
    QCOMPARE(o.value(u"currency"_s).toString(), u"USD"_s);
    QCOMPARE(o.value(u"stock_quantity"_s).toInt(), 297);
    QCOMPARE(o.value(u"in_stock"_s).toBool(), true);
    QCOMPARE(o.value(u"created_at"_s).toString(), u"2026-01-02T03:04:05.678Z"_s);
    for (const QString &key : o.keys()) {
        QVERIFY2(key == key.toLower(), qPrintable(key)); // snake_case
    }
    Product noBrand = sampleProduct();
    noBrand.brand.clear();
    QVERIFY(Json::toJson(noBrand).value(u"brand"_s).isNull());
}

void TestCatalogJson::malformedProductsAreErrors_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("bad id") << u"id"_s << QJsonValue(u"not-a-uuid"_s);
    QTest::newRow("missing price") << u"price"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("price as string") << u"price"_s << QJsonValue(u"12.34"_s);
    QTest::newRow("unknown currency") << u"currency"_s << QJsonValue(u"XYZ"_s);
}

void TestCatalogJson::malformedProductsAreErrors()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject o = Json::toJson(sampleProduct());
    if (value.isUndefined()) {
        o.remove(key);
    } else {
        o.insert(key, value);
    }
    QVERIFY(!Json::productFromJson(o).has_value());
}

void TestCatalogJson::categoryTreeRoundTrip()
{
    Category child {CategoryId::generate(), u"Laptops"_s, u"laptops"_s, {}, 12, {}};
    Category root {CategoryId::generate(), u"Computers"_s, u"computers"_s, {}, 40, {}};
    child.parentId = root.id;
    root.children = {child};
    const auto back = Json::categoriesFromJson(Json::toJson(QList<Category> {root}));
    SHOP_VERIFY_OK(back);
    QCOMPARE(back->size(), 1);
    QCOMPARE(back->first().slug, u"computers"_s);
    QCOMPARE(back->first().productCount, 40);
    QVERIFY(!back->first().parentId.has_value());
    QCOMPARE(back->first().children.size(), 1);
    QCOMPARE(back->first().children.first().parentId, std::optional<CategoryId>(root.id));
    QCOMPARE(back->first().children.first().name, u"Laptops"_s);
}

void TestCatalogJson::pageRoundTrip()
{
    Page<Product> page;
    page.items = {sampleProduct(), sampleProduct()};
    page.page = 3;
    page.limit = 2;
    page.total = 7;
    QCOMPARE(page.pageCount(), 4);
    const auto back = Json::productPageFromJson(Json::toJson(page));
    SHOP_VERIFY_OK(back);
    QCOMPARE(back->items.size(), 2);
    QCOMPARE(back->page, 3);
    QCOMPARE(back->limit, 2);
    QCOMPARE(back->total, 7);
    QVERIFY(!Json::productPageFromJson(QJsonObject {{u"items"_s, 5}}).has_value());
}

void TestCatalogJson::brandRoundTrip()
{
    const QList<Brand> brands {{u"Acme"_s, 12}, {u"Wüsthof \"Classic\""_s, 1}, {u"zeta"_s, 0}};
    const QJsonObject json = Json::toJson(brands);
    QCOMPARE(json.keys(), QStringList {u"items"_s});
    const QJsonObject first = json.value(u"items"_s).toArray().first().toObject();
    QCOMPARE(first.value(u"name"_s).toString(), u"Acme"_s);
    QCOMPARE(first.value(u"product_count"_s).toInteger(), 12);
    QCOMPARE(first.keys(), (QStringList {u"name"_s, u"product_count"_s}));

    // Through text, as on the wire.
    const QByteArray wire = QJsonDocument(json).toJson(QJsonDocument::Compact);
    const auto back = Json::brandListFromJson(QJsonDocument::fromJson(wire).object());
    SHOP_VERIFY_OK(back);
    QCOMPARE(*back, brands);

    const auto empty = Json::brandListFromJson(Json::toJson(QList<Brand>()));
    SHOP_VERIFY_OK(empty);
    QVERIFY(empty->isEmpty());
}

void TestCatalogJson::malformedBrandsAreErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("no items") << QByteArray(R"({})");
    QTest::newRow("items not an array") << QByteArray(R"({"items":{}})");
    QTest::newRow("item not an object") << QByteArray(R"({"items":["Acme"]})");
    QTest::newRow("no name") << QByteArray(R"({"items":[{"product_count":1}]})");
    QTest::newRow("empty name") << QByteArray(R"({"items":[{"name":"","product_count":1}]})");
    QTest::newRow("name not a string") << QByteArray(R"({"items":[{"name":7,"product_count":1}]})");
    QTest::newRow("no count") << QByteArray(R"({"items":[{"name":"Acme"}]})");
    QTest::newRow("count as string")
        << QByteArray(R"({"items":[{"name":"Acme","product_count":"1"}]})");
}

void TestCatalogJson::malformedBrandsAreErrors()
{
    QFETCH(QByteArray, json);
    const auto brands = Json::brandListFromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!brands.has_value());
    QCOMPARE(brands.error().code, ErrorCode::BadRequest);
}

void TestCatalogJson::problemRoundTrip()
{
    const Error error = Error::validation({{u"limit"_s, u"must be from 1 to 100"_s},
                                           {u"password"_s, u"is too short"_s, u"too_short"_s}});
    const QJsonObject body = Json::problemBody(error, u"Invalid request"_s);
    const QJsonArray errors = body.value(u"errors"_s).toArray();
    QVERIFY(!errors.at(0).toObject().contains(u"code"_s)); // no code: no member
    QCOMPARE(errors.at(1).toObject().value(u"code"_s).toString(), u"too_short"_s);
    QCOMPARE(body.value(u"type"_s).toString(), u"/problems/validation"_s);
    QCOMPARE(body.value(u"title"_s).toString(), u"Invalid request"_s);
    const Error back = Json::errorFromProblem(body);
    QCOMPARE(back.code, ErrorCode::Validation);
    QCOMPARE(back.message, error.message);
    QCOMPARE(back.fieldErrors, error.fieldErrors);
    QVERIFY(back.extensions.isEmpty());
}

void TestCatalogJson::problemExtensions()
{
    Error error = Error::conflict(u"Some items are out of stock."_s);
    const QJsonArray lines {QJsonObject {{u"product_id"_s, u"p1"_s}, {u"available"_s, 2}}};
    error.extensions.insert(u"lines"_s, lines);
    // A standard member is never overridden by an extension.
    error.extensions.insert(u"title"_s, u"spoofed"_s);
    error.extensions.insert(u"status"_s, 200);
    const QJsonObject body = Json::problemBody(error, u"Conflict"_s);
    QCOMPARE(body.value(u"lines"_s).toArray(), lines);
    QCOMPARE(body.value(u"title"_s).toString(), u"Conflict"_s);
    QVERIFY(!body.contains(u"status"_s));
    QJsonObject served = body;
    served.insert(u"status"_s, 409);
    served.insert(u"request_id"_s, u"r1"_s);
    const Error back = Json::errorFromProblem(served);
    QCOMPARE(back.code, ErrorCode::Conflict);
    QCOMPARE(back.extensions, (QJsonObject {{u"lines"_s, lines}}));
}

void TestCatalogJson::unknownProblemCodeIsInternal()
{
    const Error back =
        Json::errorFromProblem(QJsonObject {{u"title"_s, u"Teapot"_s}, {u"code"_s, u"teapot"_s}});
    QCOMPARE(back.code, ErrorCode::Internal);
    QCOMPARE(back.message, u"Teapot"_s);
}

QTEST_GUILESS_MAIN(TestCatalogJson)
#include "tst_catalogjson.moc"
