#pragma once

#include "catalog/product.h"
#include "error.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Shop::Catalog {

// A product as staff see it: active or not, with its revision (the entity tag of the admin
// routes; 0009_catalog_admin.sql says when it changes).
struct AdminProduct
{
    Product product;
    qint64 revision = 0;
};

// What staff set on a product (POST and PUT /api/products): every catalog column but the stock.
struct ProductFields
{
    QString sku;
    QString name;
    QString description;
    qint64 price = 0; // minor units of currency
    QString currency; // ISO 4217
    std::optional<CategoryId> categoryId;
    QString brand; // empty: none (NULL)
    QString imageUrl; // empty: none (NULL)
    bool isActive = true;
};

// A category as staff see it.
struct AdminCategory
{
    CategoryId id;
    QString name;
    QString slug;
    std::optional<CategoryId> parentId;
    QDateTime createdAt;
};

// One stock movement (stock_movements).
struct StockMovement
{
    qint64 id = 0;
    ProductId productId;
    int delta = 0;
    QString reason; // received, counted, damaged, returned (order, cancel: the orders module)
    QString note;
    QString actorId; // empty: nobody known
    int resultingStock = 0;
    QDateTime createdAt;
};

// The SQL of the staff's catalog writes, on the caller's connection and in the caller's
// transaction; every statement prepared with bound values. Errors are Db::sqlError's.
namespace CatalogAdminRepository {

// The product, active or not; with lock, its row is locked (FOR UPDATE) until the transaction
// ends. nullopt when there is none.
[[nodiscard]] Result<std::optional<AdminProduct>> findProduct(QSqlDatabase &db, const ProductId &id,
                                                              bool lock);
// The new product's id. A taken SKU is a Conflict (the unique constraint).
[[nodiscard]] Result<ProductId> insertProduct(QSqlDatabase &db, const ProductFields &fields,
                                              int stockQuantity);
// Writes every field; the revision goes up when any of them changed (the trigger).
[[nodiscard]] Result<void> updateProduct(QSqlDatabase &db, const ProductId &id,
                                         const ProductFields &fields);
[[nodiscard]] Result<void> setProductActive(QSqlDatabase &db, const ProductId &id, bool active);
// Whether another product (not `except`) has this SKU.
[[nodiscard]] Result<bool> skuTaken(QSqlDatabase &db, const QString &sku,
                                    const std::optional<ProductId> &except);

// Adds delta to the stock in one conditional statement when the result stays within 0 to
// 2147483647: the new stock, or nullopt when the product is missing or the result would leave
// that range (the row is not changed then). Safe against concurrent orders and adjustments: the
// row lock of the UPDATE orders them, and each sees the other's committed stock.
[[nodiscard]] Result<std::optional<int>> addStock(QSqlDatabase &db, const ProductId &id,
                                                  qint64 delta);
// Sets the stock (a count sent with PUT); the caller holds the row lock (findProduct with lock).
[[nodiscard]] Result<void> setStock(QSqlDatabase &db, const ProductId &id, int stock);
// The current stock, or nullopt for an unknown product.
[[nodiscard]] Result<std::optional<int>> stock(QSqlDatabase &db, const ProductId &id);
[[nodiscard]] Result<StockMovement> insertMovement(QSqlDatabase &db, const StockMovement &movement);
// The product's movements, newest first.
[[nodiscard]] Result<QList<StockMovement>> movements(QSqlDatabase &db, const ProductId &id,
                                                     int limit);

[[nodiscard]] Result<std::optional<AdminCategory>> findCategory(QSqlDatabase &db,
                                                                const CategoryId &id, bool lock);
[[nodiscard]] Result<bool> slugTaken(QSqlDatabase &db, const QString &slug,
                                     const std::optional<CategoryId> &except);
[[nodiscard]] Result<AdminCategory> insertCategory(QSqlDatabase &db, const AdminCategory &category);
[[nodiscard]] Result<AdminCategory> updateCategory(QSqlDatabase &db, const AdminCategory &category);
[[nodiscard]] Result<void> deleteCategory(QSqlDatabase &db, const CategoryId &id);
// Whether `id` is `ancestor` or lies below it: moving `ancestor` under `id` would make a cycle.
[[nodiscard]] Result<bool> isInSubtree(QSqlDatabase &db, const CategoryId &id,
                                       const CategoryId &ancestor);
// Products (active or not) in the category itself, and its child categories.
[[nodiscard]] Result<std::pair<qint64, qint64>> categoryUsage(QSqlDatabase &db,
                                                              const CategoryId &id);
// Serialises the moves of categories (a transaction-scoped advisory lock), so that two moves at
// once cannot make a cycle that neither would make alone.
[[nodiscard]] Result<void> lockCategoryTree(QSqlDatabase &db);

// The email of the acting user for the audit log ("" when unknown).
[[nodiscard]] Result<QString> actorEmail(QSqlDatabase &db, const QString &userId);

// The products with these SKUs (active or not; unknown SKUs are left out), in one statement. The
// SKUs must pass ProductRules::checkSku (they are joined into an array literal).
[[nodiscard]] Result<QList<AdminProduct>> findProductsBySku(QSqlDatabase &db,
                                                            const QStringList &skus);

} // namespace CatalogAdminRepository

} // namespace Shop::Catalog
