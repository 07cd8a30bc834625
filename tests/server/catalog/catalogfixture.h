#pragma once

// A small, fully known catalog for the catalog tests. Ids are fixed so that tiebreaks on id are
// predictable: product N has id 00000000-0000-0000-0000-0000000000NN (hex).
//
// Categories (active product counts including descendants in brackets):
//   Electronics [6]            Garden [0]           Home [4]
//     Audio [2]                                       Kitchen [3]
//     Computers [4]
//       Laptops [3]
//       Tablets [0]
//
// Products, newest first (created N days ago; KIT-1 and KIT-3 share a timestamp):
//   01 LAP-1  Zenbook Laptop 14    Asus     99900  stock 5   laptops    1d
//   02 LAP-2  Gaming Laptop 17     Acer    149900  stock 0   laptops    2d
//   03 LAP-3  Budget Laptop 15     Acer     49900  stock 12  laptops    3d
//   04 LAP-4  Old Laptop           Acer     19900  stock 3   laptops    4d   INACTIVE
//   05 AUD-1  Wireless Headphones  Sony     29900  stock 7   audio      5d   ("laptop" in
//   description) 06 AUD-2  Bluetooth Speaker    JBL       9900  stock 0   audio      6d 07 CMP-1
//   USB-C Dock           Dell     19900  stock 2   computers  7d 08 KIT-1  Chef Knife Wüsthof 8900
//   stock 10  kitchen    8d 0a KIT-3  Paring Knife         Wüsthof   8900  stock 6   kitchen    8d
//   09 KIT-2  Cast Iron Pan        Lodge    19900  stock 4   kitchen    9d
//   0b HOM-1  Desk Lamp            IKEA      2900  stock 20  home       10d
//   0c NOC-1  Mystery Box          (none)    1000  stock 1   (none)     11d
// 11 active products. One media file: products/lap-1.svg.

#include "error.h"
#include "sqlsession.h"
#include "testdatabase.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <memory>

namespace Shop::Tests {

// The error message of a failed Result, empty for a value. For QVERIFY2, whose message argument
// Qt 6.4 evaluates even when the check passes (so result.error() there would be undefined
// behaviour on success): QVERIFY2(r, WHY(r)).
template<typename T>
QByteArray whyText(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}
#define WHY(result) Shop::Tests::whyText(result).constData()

inline QString fixtureId(int n)
{
    return QStringLiteral("00000000-0000-0000-0000-%1").arg(n, 12, 16, QLatin1Char('0'));
}

// All SKUs of active products, newest first (the default order).
inline QStringList fixtureNewest()
{
    return {QStringLiteral("LAP-1"), QStringLiteral("LAP-2"), QStringLiteral("LAP-3"),
            QStringLiteral("AUD-1"), QStringLiteral("AUD-2"), QStringLiteral("CMP-1"),
            QStringLiteral("KIT-1"), QStringLiteral("KIT-3"), QStringLiteral("KIT-2"),
            QStringLiteral("HOM-1"), QStringLiteral("NOC-1")};
}

inline const char *kFixtureSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

// Empties the catalog tables and inserts the fixture. Returns an error text, empty on success.
inline QString seedCatalogFixture(const QSqlDatabase &db)
{
    const QStringList statements {
        QStringLiteral("DELETE FROM media"),
        QStringLiteral("DELETE FROM products"),
        QStringLiteral("DELETE FROM categories"),
        QStringLiteral(
            "INSERT INTO categories (id, name, slug, parent_id) VALUES "
            "('10000000-0000-0000-0000-000000000001', 'Electronics', 'electronics', NULL), "
            "('10000000-0000-0000-0000-000000000002', 'Home', 'home', NULL), "
            "('10000000-0000-0000-0000-000000000003', 'Garden', 'garden', NULL)"),
        QStringLiteral("INSERT INTO categories (id, name, slug, parent_id) VALUES "
                       "('10000000-0000-0000-0000-000000000011', 'Computers', 'computers', "
                       " '10000000-0000-0000-0000-000000000001'), "
                       "('10000000-0000-0000-0000-000000000012', 'Audio', 'audio', "
                       " '10000000-0000-0000-0000-000000000001'), "
                       "('10000000-0000-0000-0000-000000000021', 'Kitchen', 'kitchen', "
                       " '10000000-0000-0000-0000-000000000002')"),
        QStringLiteral("INSERT INTO categories (id, name, slug, parent_id) VALUES "
                       "('10000000-0000-0000-0000-000000000111', 'Laptops', 'laptops', "
                       " '10000000-0000-0000-0000-000000000011'), "
                       "('10000000-0000-0000-0000-000000000112', 'Tablets', 'tablets', "
                       " '10000000-0000-0000-0000-000000000011')"),
        QStringLiteral(
            "INSERT INTO products (id, sku, name, brand, description, price, stock_quantity, "
            "category_id, is_active, image_url, created_at) "
            "SELECT v.id::uuid, v.sku, v.name, v.brand, v.description, v.price, v.stock, "
            "c.id, v.active, v.image, "
            "timestamptz '2026-01-31 12:00:00+00' - v.age * interval '1 day' "
            "FROM (VALUES "
            "('00000000-0000-0000-0000-000000000001', 'LAP-1', 'Zenbook Laptop 14', 'Asus', "
            " 'Thin and light ultrabook with a bright screen', 99900, 5, 'laptops', true, "
            " '/media/products/lap-1.svg', 1), "
            "('00000000-0000-0000-0000-000000000002', 'LAP-2', 'Gaming Laptop 17', 'Acer', "
            " 'RGB keyboard and a fast GPU', 149900, 0, 'laptops', true, NULL, 2), "
            "('00000000-0000-0000-0000-000000000003', 'LAP-3', 'Budget Laptop 15', 'Acer', "
            " 'Good value for school', 49900, 12, 'laptops', true, NULL, 3), "
            "('00000000-0000-0000-0000-000000000004', 'LAP-4', 'Old Laptop', 'Acer', "
            " 'Discontinued', 19900, 3, 'laptops', false, NULL, 4), "
            "('00000000-0000-0000-0000-000000000005', 'AUD-1', 'Wireless Headphones', 'Sony', "
            " 'Noise cancelling, ideal for laptop users on the go', 29900, 7, 'audio', true, "
            " NULL, 5), "
            "('00000000-0000-0000-0000-000000000006', 'AUD-2', 'Bluetooth Speaker', 'JBL', "
            " 'Portable speaker for parties', 9900, 0, 'audio', true, NULL, 6), "
            "('00000000-0000-0000-0000-000000000007', 'CMP-1', 'USB-C Dock', 'Dell', "
            " 'Docking station for computers', 19900, 2, 'computers', true, NULL, 7), "
            "('00000000-0000-0000-0000-000000000008', 'KIT-1', 'Chef Knife', 'Wüsthof', "
            " 'Forged stainless steel blade', 8900, 10, 'kitchen', true, NULL, 8), "
            "('00000000-0000-0000-0000-00000000000a', 'KIT-3', 'Paring Knife', 'Wüsthof', "
            " 'Small blade for fruit', 8900, 6, 'kitchen', true, NULL, 8), "
            "('00000000-0000-0000-0000-000000000009', 'KIT-2', 'Cast Iron Pan', 'Lodge', "
            " 'Pre-seasoned skillet', 19900, 4, 'kitchen', true, NULL, 9), "
            "('00000000-0000-0000-0000-00000000000b', 'HOM-1', 'Desk Lamp', 'IKEA', "
            " 'LED lamp with a dimmer', 2900, 20, 'home', true, NULL, 10), "
            "('00000000-0000-0000-0000-00000000000c', 'NOC-1', 'Mystery Box', NULL, "
            " 'A surprise', 1000, 1, NULL, true, NULL, 11)"
            ") AS v (id, sku, name, brand, description, price, stock, slug, active, image, age) "
            "LEFT JOIN categories c ON c.slug = v.slug"),
        QStringLiteral("INSERT INTO media (path, content_type, data, etag) VALUES "
                       "('products/lap-1.svg', 'image/svg+xml', "
                       "convert_to('<svg xmlns=\"http://www.w3.org/2000/svg\"/>', 'UTF8'), "
                       "'abc123')"),
    };
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            return q.lastError().text() + QStringLiteral(" in: ") + sql.left(80);
        }
    }
    return {};
}

// The usual start of a catalog test: a fresh migrated database, a writer session of its own (what
// another client such as psql would be) and, with `seed`, the fixture catalog written through it.
inline Result<void> createCatalogDatabase(std::unique_ptr<TestDatabase> &db,
                                          std::unique_ptr<SqlSession> &writer, bool seed = true)
{
    auto created = TestDatabase::create();
    if (!created) {
        return fail(created.error());
    }
    db = std::move(*created);
    auto opened = SqlSession::open(db->config(), QStringLiteral("writer"));
    if (!opened) {
        return fail(opened.error());
    }
    writer = std::move(*opened);
    if (seed) {
        if (const QString error = seedCatalogFixture(writer->database()); !error.isEmpty()) {
            return fail(Error::internal(error));
        }
    }
    return {};
}

} // namespace Shop::Tests
