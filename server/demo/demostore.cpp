#include "demostore.h"

#include "cart/cartrepository.h"
#include "catalog/productimporter.h"
#include "commerce/pricing.h"
#include "db/transaction.h"
#include "democatalog.h"
#include "validation.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Demo {

namespace {

Q_LOGGING_CATEGORY(lcStore, "shop.demo.store")

using Catalog::ImportMedia;
using Catalog::ProductImportBatch;
using Catalog::ProductImporter;
using Catalog::ProductImportProgress;
using Catalog::ProductImportRow;

constexpr int ProductBatch = 1000; // rows per staging INSERT

// The demo tax rates, checked by the shared rules (TaxTable::fromJson), as repository rows.
Result<QList<Cart::CartRepository::TaxRateRow>> demoTaxRates()
{
    QFile file(QStringLiteral(":/demo/tax_rates.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::internal(QStringLiteral("The demo tax rates are missing.")));
    }
    auto table = Commerce::TaxTable::fromJson(QJsonDocument::fromJson(file.readAll()).array());
    if (!table) {
        return fail(table.error());
    }
    QList<Cart::CartRepository::TaxRateRow> rows;
    for (const QJsonValue &rate : table->toJson()) {
        rows.append({rate[QStringLiteral("country")].toString(),
                     rate[QStringLiteral("region")].toString(),
                     rate[QStringLiteral("rate_ppm")].toInt()});
    }
    return rows;
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

    // Everything goes through the catalog's importer, in one transaction: the category tree, the
    // products (with their active flag and creation date) and their pictures.
    ProductImportBatch batch;
    QList<QStringList> categorySlugs;
    for (const DemoDepartment &dept : departments) {
        const QString parent = slugify(dept.name);
        batch.categories.append({parent, dept.name, {}});
        ++summary.departments;
        QStringList slugs;
        for (const DemoCategory &category : dept.categories) {
            slugs.append(slugify(category.name));
            batch.categories.append({slugs.last(), category.name, parent});
            ++summary.categories;
        }
        categorySlugs.append(slugs);
    }

    batch.rows.reserve(m_products.size());
    batch.media.reserve(m_products.size());
    for (const Product &p : std::as_const(m_products)) {
        ProductImportRow row;
        row.line = batch.rows.size() + 1;
        row.sku = p.sku;
        row.name = p.name;
        row.description = p.description;
        row.price = p.price;
        row.categorySlug = categorySlugs.at(p.department).at(p.category);
        row.categoryName = departments.at(p.department).categories.at(p.category).name;
        row.brand = p.brand;
        row.stockQuantity = p.stockQuantity;
        row.imageUrl = p.imageUrl;
        row.active = p.active;
        row.createdAt = p.createdAt;
        batch.rows.append(std::move(row));

        const QByteArray svg = p.image.toSvg();
        batch.media.append(
            {p.imagePath, ProductImage::contentType(), svg,
             QString::fromLatin1(
                 QCryptographicHash::hash(svg, QCryptographicHash::Sha256).toHex())});
        ++summary.images;
        summary.imageBytes += svg.size();
    }

    ProductImporter importer({.currency = m_currency, .batchRows = ProductBatch});
    const int total = int(m_products.size());
    importer.setProgressHandler([this, total](const ProductImportProgress &progress) {
        if (m_progress) {
            m_progress(int(progress.rowsRead), total);
        }
    });
    auto imported = importer.run(db, batch);
    if (!imported) {
        return fail(imported.error());
    }
    summary.products = imported->rowsRead;
    summary.productsCreated = imported->inserted;

    auto rates = demoTaxRates();
    if (!rates) {
        return fail(rates.error());
    }
    auto tx = Db::Transaction::begin(db);
    if (!tx) {
        return fail(tx.error());
    }
    auto written = Cart::CartRepository::upsertTaxRates(db, *rates);
    if (!written) {
        return fail(written.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    summary.taxRates = *written;
    summary.milliseconds = timer.elapsed();
    qCInfo(lcStore) << "demo store:" << summary.products << "products," << summary.productsCreated
                    << "new," << summary.images << "images," << summary.taxRates << "tax rates in"
                    << summary.milliseconds << "ms";
    return summary;
}

} // namespace Shop::Demo
