#pragma once

#include "error.h"
#include "money.h"
#include "productimportrow.h"

#include <QIODevice>
#include <QList>
#include <QSqlDatabase>

#include <functional>

class QElapsedTimer;

namespace Shop::Db {
class Transaction;
}

namespace Shop::Catalog {

struct ProductImportOptions
{
    Currency currency; // prices in the file are in this currency (the store's)
    bool skipInvalid = false; // import the valid rows and list the others instead of failing
    int batchRows = 1000; // rows per multi-row INSERT (10 bound values each)
};

// A category an import from code creates or updates before its rows, by slug: the name is set, and
// the parent (by slug; empty: none), which must be in the same list before it or exist already.
struct ImportCategory
{
    QString slug;
    QString name;
    QString parentSlug;
};

// A file the server serves at /media/<path>, created or replaced (where the etag differs).
struct ImportMedia
{
    QString path; // "products/ele003-d00042.svg"
    QString contentType;
    QByteArray data;
    QString etag; // e.g. the SHA-256 of data in hex
};

// What an import from code (the demo store) writes, in one transaction: categories first, then the
// rows (as the CSV's, plus active and createdAt, see ProductImportRow), then media files.
struct ProductImportBatch
{
    QList<ImportCategory> categories;
    QList<ProductImportRow> rows; // trusted to follow ProductImportRow's rules; SKUs unique
    QList<ImportMedia> media;
};

struct ProductImportProgress
{
    qint64 rowsRead = 0;
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0; // 0 when unknown (a pipe)
    bool writing = false; // reading is done; the rows are being merged into the catalog
};

struct SkippedImportRow
{
    qint64 line = 0;
    QString reason;
};

struct ProductImportSummary
{
    qint64 rowsRead = 0; // data rows (without the header)
    qint64 inserted = 0; // new products
    qint64 updated = 0; // existing SKUs whose data changed
    qint64 unchanged = 0; // existing SKUs with identical data
    qint64 categoriesCreated = 0;
    qint64 skippedCount = 0; // invalid rows left out (only with skipInvalid)
    QList<SkippedImportRow> skipped; // the first MaxListedRows of them
    qint64 milliseconds = 0;
};

// Imports products from CSV (see ProductImportRow for the columns and rules) in ONE transaction:
// every row is validated; categories are created by slug as needed (name from the file, parent
// none; existing categories are kept as they are); products are upserted by SKU. Rows go to the
// database in batches of multi-row INSERTs with bound values into a temporary table, which two
// set-based statements then merge into categories and products.
//
// Invalid rows: without skipInvalid nothing is imported and the error is a Validation error whose
// fieldErrors are {"line N", reason} for each bad row (the first MaxListedRows). A file that is not
// valid CSV (an unclosed quote, invalid UTF-8) or has a bad header is always an error.
class ProductImporter final
{
public:
    static constexpr qsizetype MaxListedRows = 1000;
    using ProgressHandler = std::function<void(const ProductImportProgress &)>;

    explicit ProductImporter(ProductImportOptions options);

    // Called after every batch and once when writing starts.
    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }

    [[nodiscard]] Result<ProductImportSummary> run(const QSqlDatabase &db, QIODevice *device);

    // The same merge for rows made in code; summary.categoriesCreated counts the batch's new
    // categories as well. Progress: rowsRead after every batch of rows sent.
    [[nodiscard]] Result<ProductImportSummary> run(const QSqlDatabase &db,
                                                   const ProductImportBatch &batch);

private:
    [[nodiscard]] Result<ProductImportSummary> merge(const QSqlDatabase &db, Db::Transaction &tx,
                                                     const QElapsedTimer &timer,
                                                     ProductImportSummary summary,
                                                     const QList<ImportMedia> &media);

    ProductImportOptions m_options;
    ProgressHandler m_progress;
};

} // namespace Shop::Catalog
