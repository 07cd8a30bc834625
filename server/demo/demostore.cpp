#include "demostore.h"

#include "db/database.h"
#include "db/transaction.h"
#include "democatalog.h"
#include "validation.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlQuery>

namespace Shop::Demo {

namespace {

Q_LOGGING_CATEGORY(lcStore, "shop.demo.store")

using Server::Db::exec;
using Server::Db::Transaction;

constexpr int ProductBatch = 300; // 11 bound values each
constexpr int MediaBatch = 100; // 4 bound values each

// "(?, ?), (?, ?), ..." for a multi-row VALUES list of bound placeholders.
QString variableList(int rows, const QString &tuple)
{
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        tuples << tuple;
    }
    return tuples.join(u',');
}

} // namespace

DemoStore::DemoStore(Currency currency, int productCount)
    : m_currency(std::move(currency))
{
    int categories = 0;
    for (const DemoDepartment &dept : demoWords().departments) {
        categories += int(dept.categories.size());
    }
    const int count = std::max(productCount, categories);
    DemoProductGenerator generator(m_currency);
    m_products.reserve(count);
    for (int i = 0; i < count; ++i) {
        m_products.append(generator.next());
    }
}

Result<DemoStoreSummary> DemoStore::seed(const QSqlDatabase &db)
{
    QElapsedTimer timer;
    timer.start();
    DemoStoreSummary summary;
    const QList<DemoDepartment> &departments = demoWords().departments;

    Transaction tx(db);
    if (!tx.isActive()) {
        return fail(tx.error());
    }

    // 1. Departments (parents), one statement.
    QVariantList values;
    for (const DemoDepartment &dept : departments) {
        const QString &name = dept.name;
        values << name << slugify(name);
    }
    auto parents = exec(db,
                        QStringLiteral("INSERT INTO categories (name, slug, parent_id) VALUES ")
                            + variableList(int(departments.size()), QStringLiteral("(?, ?, NULL)"))
                            + QStringLiteral(" ON CONFLICT (slug) DO UPDATE SET name = "
                                             "EXCLUDED.name, parent_id = NULL RETURNING slug, id"),
                        values);
    if (!parents) {
        return fail(parents.error());
    }
    QHash<QString, QString> idOfSlug;
    while (parents->next()) {
        idOfSlug.insert(parents->value(0).toString(), parents->value(1).toString());
        ++summary.departments;
    }

    // 2. Categories (children), one statement.
    values.clear();
    int childCount = 0;
    for (const DemoDepartment &dept : departments) {
        const QString parentId = idOfSlug.value(slugify(dept.name));
        for (const DemoCategory &category : dept.categories) {
            const QString &name = category.name;
            values << name << slugify(name) << parentId;
            ++childCount;
        }
    }
    auto children = exec(db,
                         QStringLiteral("INSERT INTO categories (name, slug, parent_id) VALUES ")
                             + variableList(childCount, QStringLiteral("(?, ?, CAST(? AS uuid))"))
                             + QStringLiteral(" ON CONFLICT (slug) DO UPDATE SET name = "
                                              "EXCLUDED.name, parent_id = EXCLUDED.parent_id "
                                              "RETURNING slug, id"),
                         values);
    if (!children) {
        return fail(children.error());
    }
    while (children->next()) {
        idOfSlug.insert(children->value(0).toString(), children->value(1).toString());
        ++summary.categories;
    }

    // 3. Products and their pictures, in batches.
    const int total = int(m_products.size());
    for (int start = 0; start < total; start += ProductBatch) {
        const int count = std::min(ProductBatch, total - start);
        QVariantList productValues;
        QVariantList mediaValues;
        productValues.reserve(count * 11);
        for (int i = start; i < start + count; ++i) {
            const Product &p = m_products.at(i);
            const DemoDepartment &dept = departments.at(p.department);
            const QString categorySlug = slugify(dept.categories.at(p.category).name);
            productValues << p.sku << p.name << p.description << p.price.minorUnits()
                          << m_currency.code() << idOfSlug.value(categorySlug) << p.brand
                          << p.stockQuantity << p.imageUrl << p.active << p.createdAt;
        }
        auto products = exec(
            db,
            QStringLiteral("INSERT INTO products AS p (sku, name, description, price, currency, "
                           "category_id, brand, stock_quantity, image_url, is_active, created_at) "
                           "VALUES ")
                + variableList(count,
                               QStringLiteral("(?, ?, ?, ?, CAST(? AS char(3)), CAST(? AS uuid), "
                                              "?, ?, ?, ?, ?)"))
                + QStringLiteral(
                    " ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = "
                    "EXCLUDED.description, price = EXCLUDED.price, currency = EXCLUDED.currency, "
                    "category_id = EXCLUDED.category_id, brand = EXCLUDED.brand, stock_quantity "
                    "= EXCLUDED.stock_quantity, image_url = EXCLUDED.image_url, is_active = "
                    "EXCLUDED.is_active WHERE (p.name, p.description, p.price, p.currency, "
                    "p.category_id, p.brand, p.stock_quantity, p.image_url, p.is_active) IS "
                    "DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.price, "
                    "EXCLUDED.currency, EXCLUDED.category_id, EXCLUDED.brand, "
                    "EXCLUDED.stock_quantity, EXCLUDED.image_url, EXCLUDED.is_active) "
                    "RETURNING (p.xmax = 0)"),
            productValues);
        if (!products) {
            return fail(products.error());
        }
        while (products->next()) {
            if (products->value(0).toBool()) {
                ++summary.productsCreated;
            }
        }
        summary.products += count;

        for (int mediaStart = start; mediaStart < start + count; mediaStart += MediaBatch) {
            const int mediaCount = std::min(MediaBatch, start + count - mediaStart);
            mediaValues.clear();
            for (int i = mediaStart; i < mediaStart + mediaCount; ++i) {
                const Product &p = m_products.at(i);
                const QByteArray svg = p.image.toSvg();
                const QString etag = QString::fromLatin1(
                    QCryptographicHash::hash(svg, QCryptographicHash::Sha256).toHex());
                mediaValues << p.imagePath << ProductImage::contentType() << svg << etag;
                ++summary.images;
                summary.imageBytes += svg.size();
            }
            auto media =
                exec(db,
                     QStringLiteral("INSERT INTO media AS m (path, content_type, data, "
                                    "etag) VALUES ")
                         + variableList(mediaCount, QStringLiteral("(?, ?, CAST(? AS bytea), ?)"))
                         + QStringLiteral(" ON CONFLICT (path) DO UPDATE SET "
                                          "content_type = EXCLUDED.content_type, data = "
                                          "EXCLUDED.data, etag = EXCLUDED.etag WHERE "
                                          "m.etag IS DISTINCT FROM EXCLUDED.etag"),
                     mediaValues);
            if (!media) {
                return fail(media.error());
            }
        }
        if (m_progress) {
            m_progress(start + count, total);
        }
    }

    if (auto committed = tx.commit(); !committed) {
        return fail(committed.error());
    }
    summary.milliseconds = timer.elapsed();
    qCInfo(lcStore) << "demo store:" << summary.products << "products," << summary.productsCreated
                    << "new," << summary.images << "images in" << summary.milliseconds << "ms";
    return summary;
}

} // namespace Shop::Demo
