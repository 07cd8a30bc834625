#include "catalogadminrepository.h"

#include "catalogrepository.h"
#include "db/database.h"

#include <QSqlQuery>

namespace Shop::Catalog::CatalogAdminRepository {

namespace {

// A NULL of the type for an empty text or a missing id.
QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant nullableId(const std::optional<CategoryId> &id)
{
    return id ? QVariant(id->toString()) : QVariant(QMetaType(QMetaType::QString));
}

QDateTime utcFromMSecs(const QVariant &msecs)
{
    return msecs.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(msecs.toLongLong(), Qt::UTC);
}

const QString kCategoryColumns =
    QStringLiteral("id, name, slug, parent_id, (extract(epoch FROM created_at) * 1000)::bigint");

AdminCategory categoryFromRow(const QSqlQuery &q)
{
    AdminCategory c;
    if (const auto id = CategoryId::parse(q.value(0).toString())) {
        c.id = *id;
    }
    c.name = q.value(1).toString();
    c.slug = q.value(2).toString();
    if (!q.value(3).isNull()) {
        c.parentId = CategoryId::parse(q.value(3).toString());
    }
    c.createdAt = utcFromMSecs(q.value(4));
    return c;
}

const QString kMovementColumns = QStringLiteral(
    "id, product_id, delta, reason, note, coalesce(actor_id::text, ''), resulting_stock, "
    "(extract(epoch FROM created_at) * 1000)::bigint");

StockMovement movementFromRow(const QSqlQuery &q)
{
    StockMovement m;
    m.id = q.value(0).toLongLong();
    if (const auto id = ProductId::parse(q.value(1).toString())) {
        m.productId = *id;
    }
    m.delta = q.value(2).toInt();
    m.reason = q.value(3).toString();
    m.note = q.value(4).toString();
    m.actorId = q.value(5).toString();
    m.resultingStock = q.value(6).toInt();
    m.createdAt = utcFromMSecs(q.value(7));
    return m;
}

QVariantList productValues(const ProductFields &f)
{
    return {f.sku,
            f.name,
            f.description,
            f.price,
            f.currency,
            nullableId(f.categoryId),
            nullableText(f.brand),
            nullableText(f.imageUrl),
            f.isActive};
}

Result<std::optional<int>> optionalInt(Result<QSqlQuery> q)
{
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return std::optional<int>();
    }
    return std::optional<int>(q->value(0).toInt());
}

} // namespace

Result<std::optional<AdminProduct>> findProduct(QSqlDatabase &db, const ProductId &id, bool lock)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT %1, p.revision FROM products p "
                                     "LEFT JOIN categories c ON c.id = p.category_id "
                                     "WHERE p.id = ?::uuid%2")
                          .arg(CatalogRepository::productColumns(),
                               lock ? QStringLiteral(" FOR UPDATE OF p") : QString()),
                      {id.toString()});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return std::optional<AdminProduct>();
    }
    return std::optional<AdminProduct>(
        AdminProduct {CatalogRepository::productFromQuery(*q), q->value(15).toLongLong()});
}

Result<QList<AdminProduct>> findProductsBySku(QSqlDatabase &db, const QStringList &skus)
{
    QList<AdminProduct> products;
    if (skus.isEmpty()) {
        return products;
    }
    auto q = Db::exec(db,
                      QStringLiteral("SELECT %1, p.revision FROM products p "
                                     "LEFT JOIN categories c ON c.id = p.category_id "
                                     "WHERE p.sku = ANY(?::text[])")
                          .arg(CatalogRepository::productColumns()),
                      {QString(u'{' + skus.join(u',') + u'}')});
    if (!q) {
        return fail(q.error());
    }
    while (q->next()) {
        products.append(
            AdminProduct {CatalogRepository::productFromQuery(*q), q->value(15).toLongLong()});
    }
    return products;
}

Result<ProductId> insertProduct(QSqlDatabase &db, const ProductFields &fields, int stockQuantity)
{
    QVariantList values = productValues(fields);
    values << stockQuantity;
    auto q = Db::exec(
        db,
        QStringLiteral("INSERT INTO products (sku, name, description, price, "
                       "currency, category_id, brand, image_url, is_active, "
                       "stock_quantity) VALUES (?, ?, coalesce(?, ''), ?, ?, ?::uuid, ?, ?, ?, "
                       "?) "
                       "RETURNING id"),
        values);
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::internal(QStringLiteral("The product was not inserted.")));
    }
    const auto id = ProductId::parse(q->value(0).toString());
    if (!id) {
        return fail(Error::internal(QStringLiteral("The new product has no id.")));
    }
    return *id;
}

Result<void> updateProduct(QSqlDatabase &db, const ProductId &id, const ProductFields &fields)
{
    QVariantList values = productValues(fields);
    values << id.toString();
    auto q = Db::exec(
        db,
        QStringLiteral("UPDATE products SET sku = ?, name = ?, description = coalesce(?, ''), "
                       "price = ?, currency = ?, category_id = ?::uuid, brand = ?, "
                       "image_url = ?, is_active = ? WHERE id = ?::uuid"),
        values);
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<void> setProductActive(QSqlDatabase &db, const ProductId &id, bool active)
{
    auto q = Db::exec(db, QStringLiteral("UPDATE products SET is_active = ? WHERE id = ?::uuid"),
                      {active, id.toString()});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<bool> skuTaken(QSqlDatabase &db, const QString &sku, const std::optional<ProductId> &except)
{
    const QVariant other =
        except ? QVariant(except->toString()) : QVariant(QMetaType(QMetaType::QString));
    auto q = Db::exec(db,
                      QStringLiteral("SELECT EXISTS (SELECT 1 FROM products WHERE sku = ? "
                                     "AND (?::uuid IS NULL OR id <> ?::uuid))"),
                      {sku, other, other});
    if (!q) {
        return fail(q.error());
    }
    return q->next() && q->value(0).toBool();
}

Result<std::optional<int>> addStock(QSqlDatabase &db, const ProductId &id, qint64 delta)
{
    // One statement: the row lock serialises it with orders and other adjustments, and the
    // condition is evaluated on the latest committed stock (READ COMMITTED re-checks the row
    // after waiting for its lock), so no update is lost and the stock never leaves its range.
    return optionalInt(Db::exec(db,
                                QStringLiteral("UPDATE products SET stock_quantity = "
                                               "stock_quantity + ?::integer WHERE id = ?::uuid "
                                               "AND stock_quantity::bigint + ?::bigint "
                                               "BETWEEN 0 AND 2147483647 "
                                               "RETURNING stock_quantity"),
                                {delta, id.toString(), delta}));
}

Result<void> setStock(QSqlDatabase &db, const ProductId &id, int stock)
{
    auto q =
        Db::exec(db, QStringLiteral("UPDATE products SET stock_quantity = ? WHERE id = ?::uuid"),
                 {stock, id.toString()});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<std::optional<int>> stock(QSqlDatabase &db, const ProductId &id)
{
    return optionalInt(
        Db::exec(db, QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?::uuid"),
                 {id.toString()}));
}

Result<StockMovement> insertMovement(QSqlDatabase &db, const StockMovement &m)
{
    auto q = Db::exec(
        db,
        QStringLiteral("INSERT INTO stock_movements (product_id, delta, reason, "
                       "note, actor_id, resulting_stock) VALUES (?::uuid, ?, ?, coalesce(?, ''), "
                       "?::uuid, ?) RETURNING %1")
            .arg(kMovementColumns),
        {m.productId.toString(), m.delta, m.reason, m.note, nullableText(m.actorId),
         m.resultingStock});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::internal(QStringLiteral("The stock movement was not recorded.")));
    }
    return movementFromRow(*q);
}

Result<QList<StockMovement>> movements(QSqlDatabase &db, const ProductId &id, int limit)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT %1 FROM stock_movements WHERE product_id = ?::uuid "
                                     "ORDER BY created_at DESC, id DESC LIMIT ?")
                          .arg(kMovementColumns),
                      {id.toString(), limit});
    if (!q) {
        return fail(q.error());
    }
    QList<StockMovement> list;
    while (q->next()) {
        list.append(movementFromRow(*q));
    }
    return list;
}

Result<std::optional<AdminCategory>> findCategory(QSqlDatabase &db, const CategoryId &id, bool lock)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT %1 FROM categories WHERE id = ?::uuid%2")
                          .arg(kCategoryColumns, lock ? QStringLiteral(" FOR UPDATE") : QString()),
                      {id.toString()});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return std::optional<AdminCategory>();
    }
    return std::optional<AdminCategory>(categoryFromRow(*q));
}

Result<bool> slugTaken(QSqlDatabase &db, const QString &slug,
                       const std::optional<CategoryId> &except)
{
    const QVariant other = nullableId(except);
    auto q = Db::exec(db,
                      QStringLiteral("SELECT EXISTS (SELECT 1 FROM categories WHERE slug = ? "
                                     "AND (?::uuid IS NULL OR id <> ?::uuid))"),
                      {slug, other, other});
    if (!q) {
        return fail(q.error());
    }
    return q->next() && q->value(0).toBool();
}

Result<AdminCategory> insertCategory(QSqlDatabase &db, const AdminCategory &c)
{
    auto q = Db::exec(db,
                      QStringLiteral("INSERT INTO categories (name, slug, parent_id) VALUES "
                                     "(?, ?, ?::uuid) RETURNING %1")
                          .arg(kCategoryColumns),
                      {c.name, c.slug, nullableId(c.parentId)});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::internal(QStringLiteral("The category was not inserted.")));
    }
    return categoryFromRow(*q);
}

Result<AdminCategory> updateCategory(QSqlDatabase &db, const AdminCategory &c)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE categories SET name = ?, slug = ?, parent_id = "
                                     "?::uuid WHERE id = ?::uuid RETURNING %1")
                          .arg(kCategoryColumns),
                      {c.name, c.slug, nullableId(c.parentId), c.id.toString()});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::internal(QStringLiteral("The category was not updated.")));
    }
    return categoryFromRow(*q);
}

Result<void> deleteCategory(QSqlDatabase &db, const CategoryId &id)
{
    auto q =
        Db::exec(db, QStringLiteral("DELETE FROM categories WHERE id = ?::uuid"), {id.toString()});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<bool> isInSubtree(QSqlDatabase &db, const CategoryId &id, const CategoryId &ancestor)
{
    // Walks up from `id`; the depth limit ends the walk even on a table that somehow holds a
    // cycle already.
    auto q = Db::exec(db,
                      QStringLiteral("WITH RECURSIVE up (id, parent_id, depth) AS ("
                                     "SELECT id, parent_id, 0 FROM categories WHERE id = ?::uuid "
                                     "UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM "
                                     "categories c JOIN up ON c.id = up.parent_id "
                                     "WHERE up.depth < 10000) "
                                     "SELECT EXISTS (SELECT 1 FROM up WHERE id = ?::uuid)"),
                      {id.toString(), ancestor.toString()});
    if (!q) {
        return fail(q.error());
    }
    return q->next() && q->value(0).toBool();
}

Result<std::pair<qint64, qint64>> categoryUsage(QSqlDatabase &db, const CategoryId &id)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT (SELECT count(*) FROM products WHERE category_id = "
                                     "?::uuid), (SELECT count(*) FROM categories WHERE "
                                     "parent_id = ?::uuid)"),
                      {id.toString(), id.toString()});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return std::pair<qint64, qint64>(0, 0);
    }
    return std::pair<qint64, qint64>(q->value(0).toLongLong(), q->value(1).toLongLong());
}

Result<void> lockCategoryTree(QSqlDatabase &db)
{
    // An arbitrary constant of the catalog's own ("cat tree").
    auto q = Db::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(?::bigint)"),
                      {qint64(0x6361742074726565)});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<QString> actorEmail(QSqlDatabase &db, const QString &userId)
{
    if (userId.isEmpty()) {
        return QString();
    }
    auto q = Db::exec(db, QStringLiteral("SELECT email FROM users WHERE id = ?::uuid"), {userId});
    if (!q) {
        return fail(q.error());
    }
    return q->next() ? q->value(0).toString() : QString();
}

} // namespace Shop::Catalog::CatalogAdminRepository
