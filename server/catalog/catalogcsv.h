#pragma once

#include "adminproductlist.h"
#include "catalogadmin.h"
#include "catalogcache.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace Shop::Catalog {

// One bad cell or record of an uploaded CSV.
struct CsvRowError
{
    qint64 row = 0; // the record's line in the file (the header is line 1)
    QString column; // a column of ProductImportRow::columns(), or "" for the whole record
    QString code; // required, invalid, too_long, duplicate
    QString message;
};

struct CsvImportReport
{
    bool dryRun = true;
    qint64 rows = 0;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    QList<CsvRowError> errors; // the first kMaxErrors
};

// The staff's CSV import and export (POST /api/admin/products/import,
// GET /api/admin/products/export.csv): the columns and rules of import-products
// (ProductImportRow, ProductImporter), on the calling worker's connection.
//
// CSV injection: spreadsheets run a cell that starts with = + - @ (or a tab or carriage return)
// as a formula. The export puts a ' before such a cell (and before a run of 's followed by one of
// those, so the mapping can be undone exactly); the import takes one leading ' off such a cell.
// An export therefore imports back unchanged, and opens safely in a spreadsheet.
class CatalogCsv final
{
public:
    static constexpr qint64 kMaxBytes = 20 * 1024 * 1024;
    static constexpr int kMaxErrors = 1000;

    CatalogCsv(std::shared_ptr<CatalogCache> cache, Currency storeCurrency);
    Q_DISABLE_COPY_MOVE(CatalogCsv)

    // Checks every row (row-level errors), then runs the import in one transaction: rolled back
    // for a dry run (the counts are what an apply would do, for the valid rows), committed with
    // its audit entry (product.import) otherwise. An apply with errors writes nothing: a
    // Validation error carrying the errors ("row_errors"). A file that is not CSV (an unclosed
    // quote, invalid UTF-8), has a bad header or is too large is a BadRequest / PayloadTooLarge.
    [[nodiscard]] Result<CsvImportReport> import(const QByteArray &csv, bool dryRun,
                                                 const Actor &actor);
    // Every product the query's filters match (page and limit are ignored), in the import's
    // columns, in the query's order.
    [[nodiscard]] Result<QByteArray> exportCsv(const AdminProductQuery &query) const;

    [[nodiscard]] static QJsonObject toJson(const CsvImportReport &report);
    [[nodiscard]] static QJsonObject toJson(const CsvRowError &error);

    // The export's and import's cell mapping (see above).
    [[nodiscard]] static QString protectCell(const QString &cell);
    [[nodiscard]] static QString unprotectCell(const QString &cell);

private:
    std::shared_ptr<CatalogCache> m_cache;
    Currency m_currency;
};

} // namespace Shop::Catalog
