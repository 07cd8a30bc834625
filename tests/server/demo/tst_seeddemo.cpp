#include "db/database.h"
#include "demo/democatalog.h"
#include "demo/demostore.h"
#include "demo/productimage.h"
#include "demo/svgtemplate.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace Shop;
using namespace Shop::Demo;
using Shop::Demo::DemoCategory;
using Shop::Demo::DemoDepartment;
using Shop::Demo::DemoStore;
using Shop::Demo::ProductImage;
using Shop::Demo::SvgTemplate;
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
    void templatesAreWellFormed_data();
    void templatesAreWellFormed();
    void templateEscapesValues();
    void templateConditions_data();
    void templateConditions();
    void seedsTheStore();
    void categoryTree();
    void productsVary();
    void everyProductHasItsOwnImage();
    void imagesAreValidSvg();
    void seedingAgainChangesNothing();
    void demoTaxRates();

private:
    std::unique_ptr<TestDatabase> m_db;
    Demo::DemoStoreSummary m_first;
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
    QTest::addColumn<QString>("shape");
    const QStringList shapes = ProductImage::shapes();
    QCOMPARE(shapes.size(), 200);
    for (const QString &shape : shapes) {
        QTest::newRow(qPrintable(shape)) << shape;
    }
}

void TestSeedDemo::everyShapeDrawsValidSvg()
{
    QFETCH(QString, shape);
    QSet<QByteArray> variants;
    // Every combination of the variant bits that matter: pattern, pose, options, counts.
    for (quint32 variant = 0; variant < 64; ++variant) {
        ProductImage image;
        image.shape = shape;
        image.color = variant % 2 ? 0xf2f1ec : 0x243b6b; // very light and dark products
        image.variant = variant * 0x9e3779b9u;
        image.caption = QStringLiteral("Brand X100"); // only the drawing varies
        const QByteArray svg = image.toSvg();
        const QString problem = svgProblem(svg);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + u'\n' + QString::fromUtf8(svg)));
        QVERIFY2(svg.size() < 4096, qPrintable(QString::number(svg.size())));
        QVERIFY(!svg.contains('{') && !svg.contains('}') && !svg.contains("demo:"));
        variants.insert(svg);
    }
    // Pattern, pose, size, position and options combine into thousands of looks; a few of these
    // 64 may coincide (products are told apart by their caption as well).
    QVERIFY2(variants.size() >= 56, qPrintable(QString::number(variants.size())));
}

namespace {

// The same picture with everything but the shape fixed: what the drawing itself looks like.
QByteArray plainDrawing(const QString &shape)
{
    ProductImage image;
    image.shape = shape;
    return image.toSvg();
}

const DemoCategory *findCategory(const QString &name)
{
    for (const DemoDepartment &dept : Demo::demoWords().departments) {
        for (const DemoCategory &category : dept.categories) {
            if (category.name == name) {
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
    QSet<QString> used;
    int categories = 0;
    const QStringList shapes = ProductImage::shapes();
    for (const DemoDepartment &dept : Demo::demoWords().departments) {
        QHash<QString, QString> inDepartment;
        for (const DemoCategory &category : dept.categories) {
            const QString &shape = category.shape;
            QVERIFY2(shapes.contains(shape), qPrintable(category.name + u' ' + shape));
            QVERIFY2(!inDepartment.contains(shape),
                     qPrintable(QStringLiteral("%1 and %2 share a shape")
                                    .arg(inDepartment.value(shape), category.name)));
            inDepartment.insert(shape, category.name);
            used.insert(shape);
            ++categories;
        }
    }
    QCOMPARE(categories, 200);
    QCOMPARE(used.size(), shapes.size());
}

void TestSeedDemo::categoryShapes_data()
{
    // Categories whose pictures used to show another department member's object.
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("shape");
    QTest::newRow("bulb") << QStringLiteral("Smart Bulbs") << QStringLiteral("bulb");
    QTest::newRow("lamp") << QStringLiteral("Table Lamps") << QStringLiteral("table-lamp");
    QTest::newRow("jump starter") << QStringLiteral("Jump Starters")
                                  << QStringLiteral("jump-starter");
    QTest::newRow("saw") << QStringLiteral("Circular Saws") << QStringLiteral("circular-saw");
    QTest::newRow("diaper bag") << QStringLiteral("Diaper Bags") << QStringLiteral("diaper-bag");
    QTest::newRow("drill") << QStringLiteral("Cordless Drills") << QStringLiteral("drill");
    QTest::newRow("earbuds") << QStringLiteral("Earbuds") << QStringLiteral("earbuds");
    QTest::newRow("shampoo") << QStringLiteral("Shampoos") << QStringLiteral("bottle");
}

void TestSeedDemo::categoryShapes()
{
    QFETCH(QString, category);
    QFETCH(QString, shape);
    const DemoCategory *spec = findCategory(category);
    QVERIFY2(spec, qPrintable(category));
    QCOMPARE(spec->shape, shape);
}

void TestSeedDemo::categoriesOfADepartmentLookDifferent_data()
{
    QTest::addColumn<int>("department");
    const auto &departments = Demo::demoWords().departments;
    QCOMPARE(departments.size(), 20);
    for (int d = 0; d < int(departments.size()); ++d) {
        QTest::newRow(qPrintable(departments.at(d).name)) << d;
    }
}

void TestSeedDemo::categoriesOfADepartmentLookDifferent()
{
    // Products of different categories in one department get the drawings of their categories,
    // and different shapes draw differently, whatever the colour, pose or caption.
    QFETCH(int, department);
    const DemoDepartment &dept = Demo::demoWords().departments.at(department);
    const DemoStore store(Currency {});
    QHash<int, const DemoStore::Product *> firstOfCategory;
    for (const DemoStore::Product &p : store.products()) {
        if (p.department != department) {
            continue;
        }
        QCOMPARE(p.image.shape, dept.categories.at(p.category).shape);
        if (!firstOfCategory.contains(p.category)) {
            firstOfCategory.insert(p.category, &p);
        }
    }
    QCOMPARE(firstOfCategory.size(), qsizetype(dept.categories.size()));
    for (auto a = firstOfCategory.cbegin(); a != firstOfCategory.cend(); ++a) {
        for (auto b = std::next(a); b != firstOfCategory.cend(); ++b) {
            const QString &shapeA = a.value()->image.shape;
            const QString &shapeB = b.value()->image.shape;
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
    image.shape = QStringLiteral("laptop"); // no text in the drawing itself
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

void TestSeedDemo::templatesAreWellFormed_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("picture.svg") << QStringLiteral(":/demo/picture.svg");
    const QDir shapes(QStringLiteral(":/demo/shapes"));
    for (const QString &file : shapes.entryList({QStringLiteral("*.svg")}, QDir::Files)) {
        QTest::newRow(qPrintable(file)) << shapes.filePath(file);
    }
}

void TestSeedDemo::templatesAreWellFormed()
{
    // Every template is an XML file (an editor or xmllint can check it) that the renderer reads.
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QXmlStreamReader xml(bytes);
    while (!xml.atEnd()) {
        xml.readNext();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    auto parsed = SvgTemplate::parse(QString::fromUtf8(bytes));
    SHOP_VERIFY_OK(parsed);
}

void TestSeedDemo::templateEscapesValues()
{
    // Every value put into a template is XML-escaped, in text and in attributes alike.
    auto parsed = SvgTemplate::parse(
        u"<demo:t xmlns:demo='urn:x'>\n<text fill='{fill}'>{text}</text>\n</demo:t>\n");
    SHOP_VERIFY_OK(parsed);
    QString out;
    parsed->render(out, {},
                   {{QStringLiteral("fill"), QStringLiteral("red' onload='x")},
                    {QStringLiteral("text"), QStringLiteral("<b>Tom & \"Jerry\"</b>")}});
    QCOMPARE(out,
             QStringLiteral("<text fill='red&apos; onload=&apos;x'>&lt;b&gt;Tom &amp; "
                            "&quot;Jerry&quot;&lt;/b&gt;</text>"));
    QXmlStreamReader xml(out);
    xml.readNextStartElement();
    QCOMPARE(xml.attributes().value(QLatin1String("fill")), u"red' onload='x");
    QCOMPARE(xml.readElementText(), QStringLiteral("<b>Tom & \"Jerry\"</b>"));

    // A caption cannot break out of the picture either.
    ProductImage image;
    image.shape = QStringLiteral("thermostat"); // text in the drawing as well
    image.caption = QStringLiteral("</text></svg><script>alert(1)</script>");
    const QByteArray svg = image.toSvg();
    QVERIFY2(svgProblem(svg).isEmpty(), svg.constData());
    QVERIFY(!svg.contains("<script"));
}

void TestSeedDemo::templateConditions_data()
{
    QTest::addColumn<QString>("test");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("option0");
    QTest::addColumn<bool>("shown");
    QTest::newRow("flag set") << QStringLiteral("option0") << 0 << 1 << true;
    QTest::newRow("flag unset") << QStringLiteral("option0") << 0 << 0 << false;
    QTest::newRow("not") << QStringLiteral("not option0") << 0 << 0 << true;
    QTest::newRow("equal") << QStringLiteral("count = 3") << 3 << 0 << true;
    QTest::newRow("not equal") << QStringLiteral("count = 3") << 4 << 0 << false;
    QTest::newRow("at least") << QStringLiteral("count >= 3") << 4 << 0 << true;
    QTest::newRow("below") << QStringLiteral("count >= 3") << 2 << 0 << false;
    QTest::newRow("and") << QStringLiteral("count >= 3 and option0") << 3 << 0 << false;
    QTest::newRow("or") << QStringLiteral("count = 1 or option0 and not count = 2") << 3 << 1
                        << true;
    QTest::newRow("unknown name") << QStringLiteral("pick") << 3 << 1 << false;
}

void TestSeedDemo::templateConditions()
{
    QFETCH(QString, test);
    QFETCH(int, count);
    QFETCH(int, option0);
    QFETCH(bool, shown);
    const QString text = u"<demo:t xmlns:demo='urn:x'>\n<a/>\n<demo:if test='" + test
        + u"'>\n  <b/>\n</demo:if>\n</demo:t>\n";
    auto parsed = SvgTemplate::parse(text);
    SHOP_VERIFY_OK(parsed);
    QString out;
    parsed->render(out, {{QStringLiteral("count"), count}, {QStringLiteral("option0"), option0}},
                   {});
    QCOMPARE(out, shown ? QStringLiteral("<a/><b/>") : QStringLiteral("<a/>"));
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

void TestSeedDemo::demoTaxRates()
{
    // The demo values of resources/demo/tax_rates.json, once each however often seed-demo runs.
    QCOMPARE(m_first.taxRates, 6);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM tax_rates")), 6);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT rate_ppm FROM tax_rates WHERE country = 'US' AND region = 'NY'")),
             88750);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT rate_ppm FROM tax_rates WHERE country = 'US' AND region = 'CA'")),
             72500);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT rate_ppm FROM tax_rates WHERE country = 'DE' AND region = ''")),
             190000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM tax_rates WHERE country = 'US' AND "
                                   "region = ''")),
             0);
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
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM tax_rates")), 6);
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
