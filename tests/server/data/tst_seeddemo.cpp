#include "db/database.h"
#include "db/democatalog.h"
#include "db/demostore.h"
#include "media/productimage.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMetaEnum>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace Shop;
using namespace Shop::Server;
using Shop::Server::Db::DemoCategorySpec;
using Shop::Server::Db::DemoDepartmentSpec;
using Shop::Server::Db::DemoStore;
using Shop::Server::Media::ProductImage;
using Shop::Server::Media::ProductShape;
using Shop::Tests::TestDatabase;

namespace {

qint64 scalar(const QString &sql)
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto query = Db::exec(*db, sql);
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toLongLong();
}

QString text(const QString &sql)
{
    auto db = Db::threadConnection();
    if (!db) {
        return {};
    }
    auto query = Db::exec(*db, sql);
    if (!query || !query->next()) {
        return {};
    }
    return query->value(0).toString();
}

// Empty when the bytes are a well-formed SVG document, else what is wrong.
QString svgProblem(const QByteArray &svg)
{
    QXmlStreamReader xml(svg);
    bool sawRoot = false;
    int elements = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            ++elements;
            if (!sawRoot) {
                sawRoot = true;
                if (xml.name() != u"svg" || xml.namespaceUri() != u"http://www.w3.org/2000/svg") {
                    return QStringLiteral("the root is not an SVG element");
                }
                if (xml.attributes().value(QLatin1String("viewBox")) != u"0 0 400 400") {
                    return QStringLiteral("no 400 x 400 viewBox");
                }
            }
        }
    }
    if (xml.hasError()) {
        return xml.errorString() + QStringLiteral(" at line %1").arg(xml.lineNumber());
    }
    if (elements < 8) {
        return QStringLiteral("only %1 elements: not a drawing").arg(elements);
    }
    return {};
}

} // namespace

class TestSeedDemo final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void generationIsDeterministic();
    void everyShapeDrawsValidSvg_data();
    void everyShapeDrawsValidSvg();
    void everyCategoryHasItsOwnShape();
    void categoryShapes_data();
    void categoryShapes();
    void categoriesOfADepartmentLookDifferent_data();
    void categoriesOfADepartmentLookDifferent();
    void imagesAreSmall();
    void captionIsEscaped();
    void seedsTheStore();
    void categoryTree();
    void productsVary();
    void everyProductHasItsOwnImage();
    void imagesAreValidSvg();
    void seedingAgainChangesNothing();

private:
    std::unique_ptr<TestDatabase> m_db;
    Db::DemoStoreSummary m_first;
};

void TestSeedDemo::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
}

void TestSeedDemo::cleanupTestCase()
{
    m_db.reset();
}

void TestSeedDemo::generationIsDeterministic()
{
    const DemoStore a(Currency {});
    const DemoStore b(Currency {});
    QCOMPARE(a.products().size(), DemoStore::DefaultProductCount);
    QCOMPARE(a.products().size(), b.products().size());
    for (qsizetype i = 0; i < a.products().size(); ++i) {
        QCOMPARE(a.products().at(i).sku, b.products().at(i).sku);
        QCOMPARE(a.products().at(i).name, b.products().at(i).name);
        QCOMPARE(a.products().at(i).price, b.products().at(i).price);
        QCOMPARE(a.products().at(i).image.toSvg(), b.products().at(i).image.toSvg());
    }
    QSet<QString> skus;
    for (const DemoStore::Product &p : a.products()) {
        skus.insert(p.sku);
        QCOMPARE(p.imageUrl,
                 QStringLiteral("/media/products/") + p.sku.toLower() + QStringLiteral(".svg"));
        QVERIFY2(p.description.contains(p.colorName.toLower()), qPrintable(p.description));
    }
    QCOMPARE(skus.size(), a.products().size());
}

void TestSeedDemo::everyShapeDrawsValidSvg_data()
{
    QTest::addColumn<int>("shape");
    const QMetaEnum shapes = QMetaEnum::fromType<ProductShape>();
    QCOMPARE(shapes.keyCount(), Media::ProductShapeCount);
    for (int shape = 0; shape < Media::ProductShapeCount; ++shape) {
        QTest::newRow(shapes.valueToKey(shape)) << shape;
    }
}

void TestSeedDemo::everyShapeDrawsValidSvg()
{
    QFETCH(int, shape);
    QSet<QByteArray> variants;
    // Every combination of the variant bits that matter: pattern, pose, options, counts.
    for (quint32 variant = 0; variant < 64; ++variant) {
        ProductImage image;
        image.shape = ProductShape(shape);
        image.color = variant % 2 ? 0xf2f1ec : 0x243b6b; // very light and dark products
        image.variant = variant * 0x9e3779b9u;
        image.caption = QStringLiteral("Brand X100"); // only the drawing varies
        const QByteArray svg = image.toSvg();
        const QString problem = svgProblem(svg);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + u'\n' + QString::fromUtf8(svg)));
        QVERIFY2(svg.size() < 4096, qPrintable(QString::number(svg.size())));
        QVERIFY(!svg.contains("$C") && !svg.contains("$A") && !svg.contains("%1"));
        variants.insert(svg);
    }
    // Pattern, pose, size, position and options combine into thousands of looks; a few of these
    // 64 may coincide (products are told apart by their caption as well).
    QVERIFY2(variants.size() >= 56, qPrintable(QString::number(variants.size())));
}

namespace {

// The same picture with everything but the shape fixed: what the drawing itself looks like.
QByteArray plainDrawing(ProductShape shape)
{
    ProductImage image;
    image.shape = shape;
    return image.toSvg();
}

const DemoCategorySpec *findCategory(const char *name)
{
    for (const DemoDepartmentSpec &dept : Db::demoDepartments()) {
        for (const DemoCategorySpec &category : dept.categories) {
            if (qstrcmp(category.name, name) == 0) {
                return &category;
            }
        }
    }
    return nullptr;
}

} // namespace

void TestSeedDemo::everyCategoryHasItsOwnShape()
{
    // Every category names a drawn shape, no two categories of a department share one, and every
    // shape is drawn for some category (no dead drawings).
    QSet<int> used;
    int categories = 0;
    for (const DemoDepartmentSpec &dept : Db::demoDepartments()) {
        QHash<int, const char *> inDepartment;
        for (const DemoCategorySpec &category : dept.categories) {
            const int shape = int(category.shape);
            QVERIFY2(shape >= 0 && shape < Media::ProductShapeCount, category.name);
            QVERIFY2(!inDepartment.contains(shape),
                     qPrintable(QStringLiteral("%1 and %2 share a shape")
                                    .arg(QLatin1String(inDepartment.value(shape)),
                                         QLatin1String(category.name))));
            inDepartment.insert(shape, category.name);
            used.insert(shape);
            ++categories;
        }
    }
    QCOMPARE(categories, 200);
    QCOMPARE(used.size(), Media::ProductShapeCount);
}

void TestSeedDemo::categoryShapes_data()
{
    // Categories whose pictures used to show another department member's object.
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<int>("shape");
    QTest::newRow("bulb") << QByteArray("Smart Bulbs") << int(ProductShape::Bulb);
    QTest::newRow("lamp") << QByteArray("Table Lamps") << int(ProductShape::TableLamp);
    QTest::newRow("jump starter") << QByteArray("Jump Starters") << int(ProductShape::JumpStarter);
    QTest::newRow("saw") << QByteArray("Circular Saws") << int(ProductShape::CircularSaw);
    QTest::newRow("diaper bag") << QByteArray("Diaper Bags") << int(ProductShape::DiaperBag);
    QTest::newRow("drill") << QByteArray("Cordless Drills") << int(ProductShape::Drill);
    QTest::newRow("earbuds") << QByteArray("Earbuds") << int(ProductShape::Earbuds);
    QTest::newRow("shampoo") << QByteArray("Shampoos") << int(ProductShape::Bottle);
}

void TestSeedDemo::categoryShapes()
{
    QFETCH(QByteArray, category);
    QFETCH(int, shape);
    const DemoCategorySpec *spec = findCategory(category.constData());
    QVERIFY2(spec, category.constData());
    QCOMPARE(int(spec->shape), shape);
}

void TestSeedDemo::categoriesOfADepartmentLookDifferent_data()
{
    QTest::addColumn<int>("department");
    const auto &departments = Db::demoDepartments();
    for (int d = 0; d < int(departments.size()); ++d) {
        QTest::newRow(departments.at(size_t(d)).name) << d;
    }
}

void TestSeedDemo::categoriesOfADepartmentLookDifferent()
{
    // Products of different categories in one department get the drawings of their categories,
    // and different shapes draw differently, whatever the colour, pose or caption.
    QFETCH(int, department);
    const DemoDepartmentSpec &dept = Db::demoDepartments().at(size_t(department));
    const DemoStore store(Currency {});
    QHash<int, const DemoStore::Product *> firstOfCategory;
    for (const DemoStore::Product &p : store.products()) {
        if (p.department != department) {
            continue;
        }
        QCOMPARE(p.image.shape, dept.categories.at(size_t(p.category)).shape);
        if (!firstOfCategory.contains(p.category)) {
            firstOfCategory.insert(p.category, &p);
        }
    }
    QCOMPARE(firstOfCategory.size(), qsizetype(dept.categories.size()));
    for (auto a = firstOfCategory.cbegin(); a != firstOfCategory.cend(); ++a) {
        for (auto b = std::next(a); b != firstOfCategory.cend(); ++b) {
            const ProductShape shapeA = a.value()->image.shape;
            const ProductShape shapeB = b.value()->image.shape;
            if (shapeA == shapeB) {
                continue;
            }
            QVERIFY2(
                plainDrawing(shapeA) != plainDrawing(shapeB),
                qPrintable(a.value()->name + QStringLiteral(" looks like ") + b.value()->name));
            QVERIFY(a.value()->image.toSvg() != b.value()->image.toSvg());
        }
    }
}

void TestSeedDemo::imagesAreSmall()
{
    const DemoStore store(Currency {});
    qint64 total = 0;
    qsizetype largest = 0;
    for (const DemoStore::Product &p : store.products()) {
        const QByteArray svg = p.image.toSvg();
        QVERIFY2(svg.size() < 4096, qPrintable(p.sku + u' ' + QString::number(svg.size())));
        largest = std::max(largest, svg.size());
        total += svg.size();
    }
    const qint64 average = total / store.products().size();
    QVERIFY2(average < 2500, qPrintable(QString::number(average)));
    qInfo("demo pictures: %lld bytes on average, %lld at most", average, qint64(largest));
}

void TestSeedDemo::captionIsEscaped()
{
    ProductImage image;
    image.shape = ProductShape::Laptop; // no text in the drawing itself
    image.caption = QStringLiteral("Tom & Jerry's <Best> \"Lamp\"");
    const QByteArray svg = image.toSvg();
    QVERIFY2(svgProblem(svg).isEmpty(), svg.constData());
    QXmlStreamReader xml(svg);
    QString caption;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"text") {
            caption = xml.readElementText();
            break;
        }
    }
    QCOMPARE(caption, image.caption);
}

void TestSeedDemo::seedsTheStore()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    DemoStore store(Currency {});
    QList<int> progress;
    store.setProgressHandler([&progress](int done, int total) {
        progress << done;
        QCOMPARE(total, DemoStore::DefaultProductCount);
    });
    auto summary = store.seed(*db);
    SHOP_VERIFY_OK(summary);
    m_first = *summary;
    QCOMPARE(summary->departments, 20);
    QCOMPARE(summary->categories, 200);
    QCOMPARE(summary->products, DemoStore::DefaultProductCount);
    QCOMPARE(summary->productsCreated, DemoStore::DefaultProductCount);
    QCOMPARE(summary->images, DemoStore::DefaultProductCount);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), DemoStore::DefaultProductCount);
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));

    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM products")) >= 2000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products")),
             DemoStore::DefaultProductCount);
    qInfo("seeded %lld products with %lld KB of images in %lld ms", summary->products,
          summary->imageBytes / 1024, summary->milliseconds);
}

void TestSeedDemo::categoryTree()
{
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM categories WHERE parent_id IS NULL")), 20);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM categories WHERE parent_id IS NOT NULL")),
             200);
    // two levels: every child's parent is a top-level department with exactly 10 children
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM categories c JOIN categories p ON p.id = "
                                   "c.parent_id WHERE p.parent_id IS NOT NULL")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM (SELECT parent_id FROM categories WHERE "
                                   "parent_id IS NOT NULL GROUP BY parent_id HAVING count(*) = 10) "
                                   "d")),
             20);
    QCOMPARE(text(QStringLiteral("SELECT p.slug FROM categories c JOIN categories p ON p.id = "
                                 "c.parent_id WHERE c.slug = 'headphones'")),
             QStringLiteral("electronics"));
    // products sit in the child categories, and every child category has products
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products p JOIN categories c ON c.id = "
                                   "p.category_id WHERE c.parent_id IS NULL")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products WHERE category_id IS NULL")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT category_id) FROM products")), 200);
}

void TestSeedDemo::productsVary()
{
    const qint64 total = DemoStore::DefaultProductCount;
    const qint64 outOfStock =
        scalar(QStringLiteral("SELECT count(*) FROM products WHERE stock_quantity = 0"));
    const qint64 inactive =
        scalar(QStringLiteral("SELECT count(*) FROM products WHERE NOT is_active"));
    QVERIFY2(outOfStock > total / 50 && outOfStock < total / 5,
             qPrintable(QString::number(outOfStock)));
    QVERIFY2(inactive > 10 && inactive < total / 10, qPrintable(QString::number(inactive)));
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT stock_quantity) FROM products")) > 200);
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT price) FROM products")) > 1000);
    QVERIFY(scalar(QStringLiteral("SELECT min(price) FROM products")) >= 100);
    QVERIFY(scalar(QStringLiteral("SELECT max(price) FROM products")) > 100000);
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT brand) FROM products")) >= 40);
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT name) FROM products")), total);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products WHERE length(description) < 60")),
             0);
    // created over the past months, not all at once; none in the future
    const qint64 spreadDays = scalar(
        QStringLiteral("SELECT extract(day FROM max(created_at) - min(created_at)) FROM products"));
    QVERIFY2(spreadDays > 300, qPrintable(QString::number(spreadDays)));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products WHERE created_at > now()")), 0);
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT date_trunc('month', created_at)) FROM "
                                  "products"))
            >= 12);
}

void TestSeedDemo::everyProductHasItsOwnImage()
{
    const qint64 total = DemoStore::DefaultProductCount;
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM media")), total);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products p JOIN media m ON "
                                   "'/media/' || m.path = p.image_url WHERE m.path = 'products/' "
                                   "|| lower(p.sku) || '.svg'")),
             total);
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT md5(data)) FROM media")), total);
    QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT etag) FROM media")), total);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM media WHERE content_type <> "
                                   "'image/svg+xml'")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM media WHERE length(data) >= 4096")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM media WHERE etag <> "
                                   "encode(sha256(data), 'hex')")),
             0);
}

void TestSeedDemo::imagesAreValidSvg()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    auto rows = Db::exec(*db, QStringLiteral("SELECT path, data FROM media ORDER BY path"));
    SHOP_VERIFY_OK(rows);
    int checked = 0;
    while (rows->next()) {
        const QByteArray svg = rows->value(1).toByteArray();
        const QString problem = svgProblem(svg);
        QVERIFY2(problem.isEmpty(), qPrintable(rows->value(0).toString() + u": " + problem));
        ++checked;
    }
    QCOMPARE(checked, DemoStore::DefaultProductCount);
}

void TestSeedDemo::seedingAgainChangesNothing()
{
    const QString snapshotSql = QStringLiteral(
        "SELECT md5(string_agg(id::text || sku || name || price || stock_quantity || is_active "
        "|| created_at::text || coalesce(category_id::text, ''), ',' ORDER BY sku)) FROM products");
    const QString before = text(snapshotSql);
    const QString mediaBefore = text(QStringLiteral(
        "SELECT md5(string_agg(path || etag || created_at::text, ',' ORDER BY path)) FROM media"));
    const QString categoriesBefore = text(QStringLiteral(
        "SELECT md5(string_agg(id::text || slug || coalesce(parent_id::text, ''), ',' ORDER BY "
        "slug)) FROM categories"));
    QVERIFY(!before.isEmpty());

    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    DemoStore store(Currency {});
    auto again = store.seed(*db);
    SHOP_VERIFY_OK(again);
    QCOMPARE(again->productsCreated, 0);
    QCOMPARE(again->products, m_first.products);

    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products")),
             DemoStore::DefaultProductCount);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM categories")), 220);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM media")), DemoStore::DefaultProductCount);
    QCOMPARE(text(snapshotSql), before); // same ids, same data, created_at kept
    QCOMPARE(text(QStringLiteral("SELECT md5(string_agg(path || etag || created_at::text, ',' "
                                 "ORDER BY path)) FROM media")),
             mediaBefore);
    QCOMPARE(text(QStringLiteral("SELECT md5(string_agg(id::text || slug || "
                                 "coalesce(parent_id::text, ''), ',' ORDER BY slug)) FROM "
                                 "categories")),
             categoriesBefore);

    // A product an admin changed is put back to its demo values, not duplicated.
    QVERIFY(Db::exec(*db,
                     QStringLiteral("UPDATE products SET stock_quantity = stock_quantity + 1 "
                                    "WHERE sku = (SELECT min(sku) FROM products)")));
    auto third = store.seed(*db);
    SHOP_VERIFY_OK(third);
    QCOMPARE(third->productsCreated, 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products")),
             DemoStore::DefaultProductCount);
    const QString restored = text(snapshotSql);
    QCOMPARE(restored, before);
}

QTEST_GUILESS_MAIN(TestSeedDemo)
#include "tst_seeddemo.moc"
