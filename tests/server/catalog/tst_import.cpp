#include "catalog/productimporter.h"
#include "catalog/productimportrow.h"
#include "csvreader.h"
#include "db/database.h"
#include "demo/cataloggenerator.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Catalog;
using Shop::Catalog::ProductImporter;
using Shop::Catalog::ProductImportRow;
using Shop::Catalog::ProductImportSummary;
using Shop::Tests::TestDatabase;

namespace {

const QByteArray Header =
    "sku,name,description,price,category_slug,category_name,brand,stock_quantity,image_url\n";

QByteArray goodRow(int n)
{
    return QStringLiteral("SKU-%1,Product %1,Description %1,%1.99,cat-%2,Category %2,Brand,%1,"
                          "https://cdn.example.com/p/%1.jpg\n")
        .arg(n)
        .arg(n % 3)
        .toUtf8();
}

Result<ProductImportSummary> importBytes(const QByteArray &csv, bool skipInvalid = false,
                                         int batchRows = 1000)
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    ProductImporter importer(
        {.currency = Currency(), .skipInvalid = skipInvalid, .batchRows = batchRows});
    return importer.run(*db, &buffer);
}

qint64 scalar(const QString &sql, const QVariantList &values = {})
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto query = Db::exec(*db, sql, values);
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toLongLong();
}

qint64 productCount()
{
    return scalar(QStringLiteral("SELECT count(*) FROM products"));
}

qint64 categoryCount()
{
    return scalar(QStringLiteral("SELECT count(*) FROM categories"));
}

// Categories whose active (or active in-stock) count in product_counts, kept by the triggers
// of migration 0002, differs from a real count over products: 0 when they agree.
qint64 productCountMismatches()
{
    return scalar(QStringLiteral(
        "SELECT count(*) FROM ("
        "  SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000') AS c,"
        "         count(*) AS a, count(*) FILTER (WHERE stock_quantity > 0) AS s"
        "  FROM products WHERE is_active GROUP BY 1) AS r "
        "FULL JOIN ("
        "  SELECT category_id AS c, sum(active) AS a, sum(active_in_stock) AS s"
        "  FROM product_counts GROUP BY 1"
        "  HAVING sum(active) <> 0 OR sum(active_in_stock) <> 0) AS k USING (c) "
        "WHERE r.a IS DISTINCT FROM k.a OR r.s IS DISTINCT FROM k.s"));
}

QStringList record(const QString &sku = QStringLiteral("ABC-1"))
{
    return {sku,
            QStringLiteral("Lamp"),
            QStringLiteral("A lamp."),
            QStringLiteral("12.50"),
            QStringLiteral("table-lamps"),
            QStringLiteral("Table Lamps"),
            QStringLiteral("Lumina"),
            QStringLiteral("7"),
            QStringLiteral("https://cdn.example.com/lamp.jpg")};
}

QList<int> identityColumns()
{
    return {0, 1, 2, 3, 4, 5, 6, 7, 8};
}

} // namespace

class TestImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void header_data();
    void header();
    void rowRules_data();
    void rowRules();

    void importsGoodFile();
    void badRowImportsNothing_data();
    void badRowImportsNothing();
    void listsEveryBadRow();
    void invalidCsvImportsNothing_data();
    void invalidCsvImportsNothing();
    void skipInvalidImportsTheRest();
    void reimportUpdatesInsteadOfDuplicating();
    void quotedFieldsKeepCommasQuotesAndNewlines();
    void keepsExistingCategories();
    void batchesOfAnySize_data();
    void batchesOfAnySize();
    void generatorIsDeterministic();
    void generatedCatalog();

private:
    std::unique_ptr<TestDatabase> m_db;
};

void TestImport::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
}

void TestImport::init()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QVERIFY(Db::exec(*db, QStringLiteral("TRUNCATE products, categories CASCADE")));
}

void TestImport::cleanupTestCase()
{
    m_db.reset();
}

void TestImport::header_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("mentions");

    const QStringList standard = ProductImportRow::columns();
    QTest::newRow("standard order") << standard << true << QString();
    QStringList reordered = standard;
    std::reverse(reordered.begin(), reordered.end());
    QTest::newRow("any order") << reordered << true << QString();
    QStringList bom = standard;
    bom.first().prepend(QChar(0xfeff));
    QTest::newRow("byte order mark") << bom << true << QString();
    QStringList missing = standard;
    missing.removeAll(QStringLiteral("price"));
    QTest::newRow("missing column") << missing << false << QStringLiteral("price is missing");
    QStringList unknown = standard;
    unknown << QStringLiteral("colour");
    QTest::newRow("unknown column") << unknown << false << QStringLiteral("\"colour\"");
    QStringList twice = standard;
    twice << QStringLiteral("sku");
    QTest::newRow("repeated column") << twice << false << QStringLiteral("sku appears twice");
    QTest::newRow("data instead of a header")
        << record() << false << QStringLiteral("unknown column \"ABC-1\"");
}

void TestImport::header()
{
    QFETCH(QStringList, names);
    QFETCH(bool, ok);
    QFETCH(QString, mentions);
    auto columns = ProductImportRow::parseHeader(names);
    QCOMPARE(bool(columns), ok);
    if (ok) {
        QCOMPARE(columns->size(), ProductImportRow::columns().size());
        // every column found where the header put it
        for (qsizetype c = 0; c < columns->size(); ++c) {
            QCOMPARE(QString(names.at(columns->at(c))).remove(QChar(0xfeff)),
                     ProductImportRow::columns().at(c));
        }
    } else {
        QVERIFY2(columns.error().message.contains(mentions), qPrintable(columns.error().message));
    }
}

void TestImport::rowRules_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("badField"); // empty: the row is valid

    enum { Sku, Name, Description, Price, Slug, CategoryName, Brand, Stock, Image };
    QTest::newRow("valid") << int(Sku) << QStringLiteral("ABC-1") << QString();
    QTest::newRow("sku with dot and underscore")
        << int(Sku) << QStringLiteral("a.b_c-9") << QString();
    QTest::newRow("sku empty") << int(Sku) << QString() << QStringLiteral("sku");
    QTest::newRow("sku with space") << int(Sku) << QStringLiteral("AB C") << QStringLiteral("sku");
    QTest::newRow("sku starting with hyphen")
        << int(Sku) << QStringLiteral("-AB") << QStringLiteral("sku");
    QTest::newRow("sku 64 long") << int(Sku) << QString(64, u'A') << QString();
    QTest::newRow("sku 65 long") << int(Sku) << QString(65, u'A') << QStringLiteral("sku");
    QTest::newRow("name empty") << int(Name) << QStringLiteral("  ") << QStringLiteral("name");
    QTest::newRow("name 300") << int(Name) << QString(300, u'n') << QString();
    QTest::newRow("name 301") << int(Name) << QString(301, u'n') << QStringLiteral("name");
    // 300 emoji are 600 UTF-16 units but 300 characters, as PostgreSQL counts
    QString emoji;
    for (int i = 0; i < 300; ++i) {
        emoji += QString::fromUcs4(U"\U0001F4A1");
    }
    QTest::newRow("name 300 emoji") << int(Name) << emoji << QString();
    QTest::newRow("name with line break")
        << int(Name) << QStringLiteral("a\nb") << QStringLiteral("name");
    QTest::newRow("description empty") << int(Description) << QString() << QString();
    QTest::newRow("description with line breaks")
        << int(Description) << QStringLiteral("line 1\nline 2") << QString();
    QTest::newRow("description 20000") << int(Description) << QString(20000, u'd') << QString();
    QTest::newRow("description 20001")
        << int(Description) << QString(20001, u'd') << QStringLiteral("description");
    QTest::newRow("price whole") << int(Price) << QStringLiteral("12") << QString();
    QTest::newRow("price zero") << int(Price) << QStringLiteral("0.00") << QString();
    QTest::newRow("price empty") << int(Price) << QString() << QStringLiteral("price");
    QTest::newRow("price comma") << int(Price) << QStringLiteral("12,50")
                                 << QStringLiteral("price");
    QTest::newRow("price negative")
        << int(Price) << QStringLiteral("-1.00") << QStringLiteral("price");
    QTest::newRow("price three decimals")
        << int(Price) << QStringLiteral("1.234") << QStringLiteral("price");
    QTest::newRow("price with symbol")
        << int(Price) << QStringLiteral("$5") << QStringLiteral("price");
    QTest::newRow("slug bad") << int(Slug) << QStringLiteral("Table Lamps")
                              << QStringLiteral("category_slug");
    QTest::newRow("slug double hyphen")
        << int(Slug) << QStringLiteral("a--b") << QStringLiteral("category_slug");
    QTest::newRow("category name missing")
        << int(CategoryName) << QString() << QStringLiteral("category_name");
    QTest::newRow("category name 201")
        << int(CategoryName) << QString(201, u'c') << QStringLiteral("category_name");
    QTest::newRow("brand empty") << int(Brand) << QString() << QString();
    QTest::newRow("brand 101") << int(Brand) << QString(101, u'b') << QStringLiteral("brand");
    QTest::newRow("stock zero") << int(Stock) << QStringLiteral("0") << QString();
    QTest::newRow("stock max") << int(Stock) << QStringLiteral("2147483647") << QString();
    QTest::newRow("stock too big")
        << int(Stock) << QStringLiteral("2147483648") << QStringLiteral("stock_quantity");
    QTest::newRow("stock negative")
        << int(Stock) << QStringLiteral("-1") << QStringLiteral("stock_quantity");
    QTest::newRow("stock decimal")
        << int(Stock) << QStringLiteral("1.5") << QStringLiteral("stock_quantity");
    QTest::newRow("stock plus sign")
        << int(Stock) << QStringLiteral("+3") << QStringLiteral("stock_quantity");
    QTest::newRow("stock empty") << int(Stock) << QString() << QStringLiteral("stock_quantity");
    QTest::newRow("image empty") << int(Image) << QString() << QString();
    QTest::newRow("image local path")
        << int(Image) << QStringLiteral("/media/products/a.svg") << QString();
    QTest::newRow("image ftp") << int(Image) << QStringLiteral("ftp://example.com/a.jpg")
                               << QStringLiteral("image_url");
    QTest::newRow("image relative")
        << int(Image) << QStringLiteral("images/a.jpg") << QStringLiteral("image_url");
    QTest::newRow("image too long")
        << int(Image) << QStringLiteral("https://example.com/") + QString(2000, u'x')
        << QStringLiteral("image_url");
}

void TestImport::rowRules()
{
    QFETCH(int, column);
    QFETCH(QString, value);
    QFETCH(QString, badField);

    QStringList fields = record();
    fields[column] = value;
    auto row = ProductImportRow::parse(fields, identityColumns(), Currency(), 5);
    if (badField.isEmpty()) {
        SHOP_VERIFY_OK(row);
        QCOMPARE(row->line, 5);
        return;
    }
    QVERIFY(!row);
    QCOMPARE(row.error().code, ErrorCode::Validation);
    QCOMPARE(row.error().fieldErrors.size(), 1);
    QCOMPARE(row.error().fieldErrors.first().field, badField);
    QVERIFY2(row.error().message.startsWith(badField + u':'), qPrintable(row.error().message));
}

void TestImport::importsGoodFile()
{
    QByteArray csv = Header;
    csv += "LAMP-1,Desk Lamp,Bright.,12.34,table-lamps,Table Lamps,Lumina,7,/media/lamp.svg\n";
    csv += "LAMP-2,Floor Lamp,,0.99,table-lamps,Table Lamps,,0,\n";
    csv += "RUG-1,Rug,Soft.,1500,area-rugs,Area Rugs,Weave,500,https://cdn.example.com/rug.jpg\n";
    auto summary = importBytes(csv);
    SHOP_VERIFY_OK(summary);
    QCOMPARE(summary->rowsRead, 3);
    QCOMPARE(summary->inserted, 3);
    QCOMPARE(summary->updated, 0);
    QCOMPARE(summary->unchanged, 0);
    QCOMPARE(summary->skippedCount, 0);
    QCOMPARE(summary->categoriesCreated, 2);
    QCOMPARE(productCount(), 3);
    QCOMPARE(categoryCount(), 2);

    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    auto row = Db::exec(*db,
                        QStringLiteral("SELECT p.price, p.currency, c.slug, c.name, p.brand, "
                                       "p.stock_quantity, p.image_url, p.description "
                                       "FROM products p JOIN categories c ON c.id = p.category_id "
                                       "WHERE sku = ?"),
                        {QStringLiteral("LAMP-2")});
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toLongLong(), 99); // cents, exact
    QCOMPARE(row->value(1).toString(), QStringLiteral("USD"));
    QCOMPARE(row->value(2).toString(), QStringLiteral("table-lamps"));
    QCOMPARE(row->value(3).toString(), QStringLiteral("Table Lamps"));
    QVERIFY(row->value(4).isNull()); // empty brand -> NULL
    QCOMPARE(row->value(5).toInt(), 0);
    QVERIFY(row->value(6).isNull());
    QCOMPARE(row->value(7).toString(), QString());
    QCOMPARE(scalar(QStringLiteral("SELECT price FROM products WHERE sku = 'RUG-1'")), 150000);
}

void TestImport::badRowImportsNothing_data()
{
    QTest::addColumn<QByteArray>("badRow");
    QTest::addColumn<QString>("reason");

    QTest::newRow("too few fields") << QByteArray("BAD-1,Name,Desc,1.00,cat,Cat,Brand,5\n")
                                    << QStringLiteral("has 8 fields, the header has 9");
    QTest::newRow("too many fields") << QByteArray("BAD-1,Name,Desc,1.00,cat,Cat,Brand,5,,extra\n")
                                     << QStringLiteral("has 10 fields");
    QTest::newRow("bad price") << QByteArray("BAD-1,Name,Desc,1.2.3,cat,Cat,Brand,5,\n")
                               << QStringLiteral("price:");
    QTest::newRow("bad sku") << QByteArray("BAD 1,Name,Desc,1.00,cat,Cat,Brand,5,\n")
                             << QStringLiteral("sku:");
    QTest::newRow("empty name") << QByteArray("BAD-1,,Desc,1.00,cat,Cat,Brand,5,\n")
                                << QStringLiteral("name: is empty");
    QTest::newRow("bad slug") << QByteArray("BAD-1,Name,Desc,1.00,Cat!,Cat,Brand,5,\n")
                              << QStringLiteral("category_slug:");
    QTest::newRow("negative stock") << QByteArray("BAD-1,Name,Desc,1.00,cat,Cat,Brand,-5,\n")
                                    << QStringLiteral("stock_quantity:");
    QTest::newRow("bad image url")
        << QByteArray("BAD-1,Name,Desc,1.00,cat,Cat,Brand,5,javascript:alert(1)\n")
        << QStringLiteral("image_url:");
    QTest::newRow("duplicate sku in the file")
        << QByteArray("SKU-1,Again,Desc,1.00,cat,Cat,Brand,5,\n")
        << QStringLiteral("sku: SKU-1 already appears on line 2");
}

void TestImport::badRowImportsNothing()
{
    QFETCH(QByteArray, badRow);
    QFETCH(QString, reason);

    // Lines: 1 header, 2-3 good, 4-5 a good row whose description spans two lines, 6 the bad
    // row, 7 good. Line numbers are physical lines, as an editor shows them.
    QByteArray csv = Header + goodRow(1) + goodRow(2);
    csv += "SKU-3,Two lines,\"first line\nsecond line\",3.00,cat-0,Category 0,Brand,3,\n";
    csv += badRow + goodRow(4);

    const qint64 categoriesBefore = categoryCount();
    auto summary = importBytes(csv, false, 2); // small batches: rows before the bad one were sent
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, ErrorCode::Validation);
    QVERIFY2(summary.error().message.contains(QLatin1String("nothing was imported")),
             qPrintable(summary.error().message));
    QCOMPARE(summary.error().fieldErrors.size(), 1);
    QCOMPARE(summary.error().fieldErrors.first().field, QStringLiteral("line 6"));
    QVERIFY2(summary.error().fieldErrors.first().message.contains(reason),
             qPrintable(summary.error().fieldErrors.first().message));
    QCOMPARE(productCount(), 0);
    QCOMPARE(categoryCount(), categoriesBefore);
}

void TestImport::listsEveryBadRow()
{
    QByteArray csv = Header;
    for (int i = 1; i <= 20; ++i) {
        csv += i % 5 == 0 ? QByteArray("X,Name,Desc,oops,cat,Cat,Brand,1,\n") : goodRow(i);
    }
    auto summary = importBytes(csv);
    QVERIFY(!summary);
    QCOMPARE(summary.error().fieldErrors.size(), 4);
    QStringList lines;
    for (const FieldError &error : summary.error().fieldErrors) {
        lines << error.field;
    }
    QCOMPARE(lines,
             (QStringList {QStringLiteral("line 6"), QStringLiteral("line 11"),
                           QStringLiteral("line 16"), QStringLiteral("line 21")}));
    QVERIFY(summary.error().message.startsWith(QLatin1String("4 of 20 rows are invalid")));
    QCOMPARE(productCount(), 0);
}

void TestImport::invalidCsvImportsNothing_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty file") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("bad header") << QByteArray("sku,name\nA,B\n") << QStringLiteral("line 1:");
    QTest::newRow("unclosed quote")
        << QByteArray(Header + goodRow(1) + "SKU-2,\"never closed,x,1.00,c,C,B,1,\n" + goodRow(3))
        << QStringLiteral("line 3");
    QTest::newRow("invalid UTF-8")
        << QByteArray(Header + goodRow(1) + "SKU-2,Caf\xe9,x,1.00,c,C,B,1,\n")
        << QStringLiteral("line 3");
    QTest::newRow("stray quote") << QByteArray(Header + goodRow(1) + goodRow(2)
                                               + "SKU-3,ab\"c,x,1.00,c,C,B,1,\n")
                                 << QStringLiteral("line 4");
}

void TestImport::invalidCsvImportsNothing()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, mentions);
    auto summary = importBytes(csv, true); // not even with --skip-invalid
    QVERIFY(!summary);
    QVERIFY2(summary.error().message.contains(mentions), qPrintable(summary.error().message));
    QCOMPARE(productCount(), 0);
    QCOMPARE(categoryCount(), 0);
}

void TestImport::skipInvalidImportsTheRest()
{
    QByteArray csv = Header + goodRow(1);
    csv += "BAD-2,Name,Desc,free,cat,Cat,Brand,1,\n";
    csv += goodRow(3);
    csv += "BAD-4,Name,Desc,1.00,cat,Cat,Brand\n";
    csv += goodRow(5) + goodRow(1); // the repeated SKU-1 on line 7 is skipped too
    auto summary = importBytes(csv, true);
    SHOP_VERIFY_OK(summary);
    QCOMPARE(summary->rowsRead, 6);
    QCOMPARE(summary->inserted, 3);
    QCOMPARE(summary->skippedCount, 3);
    QCOMPARE(summary->skipped.size(), 3);
    QCOMPARE(summary->skipped.at(0).line, 3);
    QVERIFY(summary->skipped.at(0).reason.startsWith(QLatin1String("price:")));
    QCOMPARE(summary->skipped.at(1).line, 5);
    QVERIFY(summary->skipped.at(1).reason.contains(QLatin1String("has 7 fields")));
    QCOMPARE(summary->skipped.at(2).line, 7);
    QCOMPARE(productCount(), 3);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products WHERE sku LIKE 'BAD%'")), 0);
}

void TestImport::reimportUpdatesInsteadOfDuplicating()
{
    QByteArray csv = Header;
    for (int i = 1; i <= 10; ++i) {
        csv += goodRow(i);
    }
    auto first = importBytes(csv);
    SHOP_VERIFY_OK(first);
    QCOMPARE(first->inserted, 10);
    const qint64 idsBefore = scalar(QStringLiteral("SELECT count(DISTINCT id) FROM products"));

    auto same = importBytes(csv);
    SHOP_VERIFY_OK(same);
    QCOMPARE(same->inserted, 0);
    QCOMPARE(same->updated, 0);
    QCOMPARE(same->unchanged, 10);

    QByteArray changed = csv;
    changed.replace("SKU-4,Product 4,Description 4,4.99", "SKU-4,Product 4,Description 4,5.49");
    changed += goodRow(11);
    auto second = importBytes(changed);
    SHOP_VERIFY_OK(second);
    QCOMPARE(second->inserted, 1);
    QCOMPARE(second->updated, 1);
    QCOMPARE(second->unchanged, 9);
    QCOMPARE(second->categoriesCreated, 0);
    QCOMPARE(productCount(), 11);
    QCOMPARE(scalar(QStringLiteral("SELECT price FROM products WHERE sku = 'SKU-4'")), 549);
    // updated in place: the ten original rows kept their ids
    QCOMPARE(idsBefore, 10);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products WHERE sku <> 'SKU-11' AND "
                                   "created_at < updated_at")),
             1);
    QCOMPARE(productCountMismatches(), 0);
}

void TestImport::quotedFieldsKeepCommasQuotesAndNewlines()
{
    const QByteArray csv = Header
        + "Q-1,\"Lamp, brass\",\"He said \"\"bright\"\"\r\nand warm, too\",10.00,lamps,\"Lamps, "
          "Lights & More\",\"Brass, Co\",3,\n";
    auto summary = importBytes(csv);
    SHOP_VERIFY_OK(summary);
    QCOMPARE(summary->inserted, 1);
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    auto row = Db::exec(*db,
                        QStringLiteral("SELECT p.name, p.description, p.brand, c.name FROM "
                                       "products p JOIN categories c ON c.id = p.category_id"));
    QVERIFY(row && row->next());
    QCOMPARE(row->value(0).toString(), QStringLiteral("Lamp, brass"));
    QCOMPARE(row->value(1).toString(), QStringLiteral("He said \"bright\"\nand warm, too"));
    QCOMPARE(row->value(2).toString(), QStringLiteral("Brass, Co"));
    QCOMPARE(row->value(3).toString(), QStringLiteral("Lamps, Lights & More"));
}

void TestImport::keepsExistingCategories()
{
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QVERIFY(Db::exec(*db,
                     QStringLiteral("INSERT INTO categories (name, slug) VALUES ('Home', 'home'), "
                                    "('Lamps (curated)', 'lamps')")));
    QVERIFY(Db::exec(*db,
                     QStringLiteral("UPDATE categories SET parent_id = (SELECT id FROM "
                                    "categories WHERE slug = 'home') WHERE slug = 'lamps'")));
    auto summary = importBytes(Header + "L-1,Lamp,,1.00,lamps,Lamps,,1,\n");
    SHOP_VERIFY_OK(summary);
    QCOMPARE(summary->categoriesCreated, 0);
    // the curated name and the place in the tree stay
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM categories WHERE slug = 'lamps' AND "
                                   "name = 'Lamps (curated)' AND parent_id IS NOT NULL")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products p JOIN categories c ON c.id = "
                                   "p.category_id WHERE c.slug = 'lamps'")),
             1);
}

void TestImport::batchesOfAnySize_data()
{
    QTest::addColumn<int>("batchRows");
    QTest::addColumn<int>("rows");
    QTest::newRow("one per batch") << 1 << 7;
    QTest::newRow("exact multiple") << 5 << 20;
    QTest::newRow("partial last batch") << 8 << 21;
    QTest::newRow("one batch") << 1000 << 30;
}

void TestImport::batchesOfAnySize()
{
    QFETCH(int, batchRows);
    QFETCH(int, rows);
    QByteArray csv = Header;
    for (int i = 1; i <= rows; ++i) {
        csv += goodRow(i);
    }
    QList<qint64> progress;
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    ProductImporter importer({.currency = Currency(), .batchRows = batchRows});
    importer.setProgressHandler([&progress](const Catalog::ProductImportProgress &p) {
        progress << p.rowsRead;
        QVERIFY(p.bytesTotal > 0);
        QVERIFY(p.bytesRead <= p.bytesTotal);
    });
    auto summary = importer.run(*db, &buffer);
    SHOP_VERIFY_OK(summary);
    QCOMPARE(summary->inserted, rows);
    QCOMPARE(productCount(), rows);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), rows); // the last report (writing) has every row
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
}

void TestImport::generatorIsDeterministic()
{
    const auto generate = [](qint64 rows, quint64 seed) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        Demo::CatalogGenerator generator(Currency(), seed);
        auto written = generator.write(&buffer, rows);
        return written && *written == buffer.size() ? buffer.data() : QByteArray();
    };
    const QByteArray a = generate(500, 1);
    QVERIFY(!a.isEmpty());
    QCOMPARE(generate(500, 1), a);
    QVERIFY(generate(500, 2) != a);
    QVERIFY(generate(1000, 1).startsWith(a)); // more rows: the same first rows
    QCOMPARE(a.count('\n'), 501);
    QCOMPARE(generate(0, 1).count('\n'), 1); // the header alone

    QBuffer tooMany;
    tooMany.open(QIODevice::WriteOnly);
    Demo::CatalogGenerator generator;
    QVERIFY(!generator.write(&tooMany, Demo::CatalogGenerator::MaxRows + 1));
}

void TestImport::generatedCatalog()
{
    // Every row the project's generator (shop-server generate-catalog) writes is importable.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath(QStringLiteral("catalog.csv"));
    {
        QFile out(csvPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        Demo::CatalogGenerator generator;
        const auto written = generator.write(&out, 2000);
        SHOP_VERIFY_OK(written);
    }

    // What the file holds, read independently of the importer.
    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(&file);
    QVERIFY(reader.next()); // header
    QSet<QString> slugs;
    qint64 rows = 0;
    qint64 stock = 0;
    qint64 cents = 0;
    while (auto next = reader.next()) {
        QVERIFY(*next);
        const QStringList fields = **next;
        ++rows;
        slugs.insert(fields.at(4));
        stock += fields.at(7).toLongLong();
        const QStringList price = fields.at(3).split(u'.');
        cents +=
            price.at(0).toLongLong() * 100 + price.value(1).leftJustified(2, u'0').toLongLong();
    }
    file.seek(0);

    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    ProductImporter importer({.currency = Currency()});
    auto summary = importer.run(*db, &file);
    SHOP_VERIFY_OK(summary);
    QCOMPARE(rows, 2000);
    QCOMPARE(summary->rowsRead, 2000);
    QCOMPARE(summary->inserted, 2000);
    QCOMPARE(summary->skippedCount, 0);
    QCOMPARE(summary->categoriesCreated, slugs.size());
    QCOMPARE(productCount(), 2000);
    QCOMPARE(categoryCount(), slugs.size());
    QCOMPARE(scalar(QStringLiteral("SELECT sum(stock_quantity) FROM products")), stock);
    QCOMPARE(scalar(QStringLiteral("SELECT sum(price) FROM products")), cents);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM products WHERE category_id IS NULL")), 0);
    QCOMPARE(productCountMismatches(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT sum(active) FROM product_counts")), 2000);
}

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
