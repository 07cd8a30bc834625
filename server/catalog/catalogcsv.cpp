#include "catalogcsv.h"

#include "audit/audit.h"
#include "catalogadmin.h"
#include "catalogadminrepository.h"
#include "csvreader.h"
#include "db/database.h"
#include "db/transaction.h"
#include "productimporter.h"
#include "productimportrow.h"

#include <QBuffer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcCsv, "shop.catalog.csv")

bool isFormulaStart(QChar c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

// Starts with a formula character, perhaps after a run of single quotes.
bool needsProtection(QStringView cell)
{
    qsizetype i = 0;
    while (i < cell.size() && cell.at(i) == u'\'') {
        ++i;
    }
    return i < cell.size() && isFormulaStart(cell.at(i));
}

void appendCsvField(QByteArray &out, const QString &field)
{
    out += '"';
    out += QString(field).replace(u'"', QStringLiteral("\"\"")).toUtf8();
    out += '"';
}

void appendCsvRecord(QByteArray &out, const QStringList &fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        appendCsvField(out, fields.at(i));
    }
    out += "\r\n";
}

// The header: plain column names, as import-products' files have them.
void appendCsvHeader(QByteArray &out)
{
    out += ProductImportRow::columns().join(u',').toUtf8() + "\r\n";
}

QString codeOrInvalid(const QString &code)
{
    return code.isEmpty() ? QStringLiteral("invalid") : code;
}

} // namespace

CatalogCsv::CatalogCsv(std::shared_ptr<CatalogCache> cache, Currency storeCurrency)
    : m_cache(std::move(cache))
    , m_currency(std::move(storeCurrency))
{ }

QString CatalogCsv::protectCell(const QString &cell)
{
    return needsProtection(cell) ? u'\'' + cell : cell;
}

QString CatalogCsv::unprotectCell(const QString &cell)
{
    if (cell.startsWith(u'\'') && needsProtection(QStringView(cell).sliced(1))) {
        return cell.sliced(1);
    }
    return cell;
}

QJsonObject CatalogCsv::toJson(const CsvRowError &e)
{
    return {{QStringLiteral("row"), e.row},
            {QStringLiteral("column"), e.column},
            {QStringLiteral("code"), e.code},
            {QStringLiteral("message"), e.message}};
}

QJsonObject CatalogCsv::toJson(const CsvImportReport &report)
{
    QJsonArray errors;
    for (const CsvRowError &e : report.errors) {
        errors.append(toJson(e));
    }
    return {{QStringLiteral("dry_run"), report.dryRun},
            {QStringLiteral("rows"), report.rows},
            {QStringLiteral("created"), report.created},
            {QStringLiteral("updated"), report.updated},
            {QStringLiteral("unchanged"), report.unchanged},
            {QStringLiteral("errors"), errors}};
}

Result<CsvImportReport> CatalogCsv::import(const QByteArray &csv, bool dryRun, const Actor &actor)
{
    if (csv.size() > kMaxBytes) {
        Error error {ErrorCode::PayloadTooLarge,
                     QStringLiteral("The file is larger than %1 bytes (20 MiB).").arg(kMaxBytes),
                     {},
                     {},
                     {}};
        error.extensions.insert(QStringLiteral("reason"), QStringLiteral("too-large"));
        return fail(error);
    }
    CsvImportReport report;
    report.dryRun = dryRun;
    qint64 errorCount = 0;
    QSet<qint64> badRows;
    const auto addError = [&](qint64 row, const QString &column, const QString &code,
                              const QString &message) {
        ++errorCount;
        badRows.insert(row);
        if (report.errors.size() < kMaxErrors) {
            report.errors.append({row, column, code, message});
        }
    };

    // Pass 1: every record checked with the import's rules; the valid ones, with their cells
    // unprotected, become the file the importer reads.
    QByteArray copy = csv;
    QBuffer input(&copy);
    input.open(QIODevice::ReadOnly);
    CsvReader reader(&input);
    auto header = reader.next();
    if (!header) {
        return fail(Error::badRequest(QStringLiteral("The file is empty: it has no header line.")));
    }
    if (!*header) {
        return fail(Error::badRequest(header->error().message));
    }
    auto columns = ProductImportRow::parseHeader(**header);
    if (!columns) {
        return fail(Error::badRequest(columns.error().message));
    }
    QByteArray valid;
    appendCsvHeader(valid);
    QList<int> ordered;
    for (int i = 0; i < ProductImportRow::columns().size(); ++i) {
        ordered << i;
    }
    QHash<QString, qint64> lineOfSku;
    while (true) {
        auto record = reader.next();
        if (!record) {
            break;
        }
        if (!*record) {
            return fail(Error::badRequest(record->error().message
                                          + QStringLiteral(". Nothing was imported.")));
        }
        ++report.rows;
        const qint64 line = reader.recordLine();
        QStringList cells = **record;
        for (QString &cell : cells) {
            cell = unprotectCell(cell);
        }
        auto row = ProductImportRow::parse(cells, *columns, m_currency, line);
        if (!row) {
            if (row.error().fieldErrors.isEmpty()) {
                addError(line, QString(), QStringLiteral("invalid"), row.error().message);
            }
            for (const FieldError &fe : row.error().fieldErrors) {
                addError(line, fe.field, codeOrInvalid(fe.code), fe.message);
            }
            continue;
        }
        if (const auto seen = lineOfSku.constFind(row->sku); seen != lineOfSku.constEnd()) {
            addError(line, QStringLiteral("sku"), QStringLiteral("duplicate"),
                     QStringLiteral("%1 already appears on line %2").arg(row->sku).arg(*seen));
            continue;
        }
        lineOfSku.insert(row->sku, line);
        QStringList reordered;
        for (int column = 0; column < columns->size(); ++column) {
            reordered << cells.at(columns->at(column));
        }
        appendCsvRecord(valid, reordered);
    }
    if (errorCount > 0 && !dryRun) {
        QJsonArray rowErrors;
        QList<FieldError> fieldErrors;
        for (const CsvRowError &e : std::as_const(report.errors)) {
            rowErrors.append(toJson(e));
            fieldErrors.append({e.column.isEmpty() ? QStringLiteral("row") : e.column,
                                QStringLiteral("line %1: %2").arg(e.row).arg(e.message), e.code});
        }
        Error error = Error::validation(fieldErrors,
                                        QStringLiteral("%1 of %2 rows have errors; nothing was "
                                                       "imported.")
                                            .arg(badRows.size())
                                            .arg(report.rows));
        error.extensions.insert(QStringLiteral("row_errors"), rowErrors);
        return fail(error);
    }

    // Pass 2: the importer, in a transaction of ours (its own becomes a savepoint): rolled back
    // for a dry run, committed with the audit entry otherwise.
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto tx = Db::Transaction::begin(*db);
    if (!tx) {
        return fail(tx.error());
    }
    // A real run audits each product it creates or changes, before and after, as the product
    // routes do: the file's products as they are now (the transaction sees them until it
    // commits), then again after the importer.
    const QStringList skus = lineOfSku.keys();
    QHash<QString, AdminProduct> before;
    if (!dryRun) {
        auto existing = CatalogAdminRepository::findProductsBySku(*db, skus);
        if (!existing) {
            return fail(existing.error());
        }
        for (AdminProduct &p : *existing) {
            before.insert(p.product.sku, std::move(p));
        }
    }
    ProductImportOptions options;
    options.currency = m_currency;
    ProductImporter importer(options);
    QBuffer validInput(&valid);
    validInput.open(QIODevice::ReadOnly);
    auto summary = importer.run(*db, &validInput);
    if (!summary) {
        return fail(summary.error());
    }
    report.created = summary->inserted;
    report.updated = summary->updated;
    report.unchanged = summary->unchanged;
    if (dryRun) {
        tx->rollback();
        return report;
    }
    auto email = CatalogAdminRepository::actorEmail(*db, actor.userId);
    if (!email) {
        return fail(email.error());
    }
    auto after = CatalogAdminRepository::findProductsBySku(*db, skus);
    if (!after) {
        return fail(after.error());
    }
    std::sort(after->begin(), after->end(), [&](const AdminProduct &a, const AdminProduct &b) {
        return lineOfSku.value(a.product.sku) < lineOfSku.value(b.product.sku); // file order
    });
    QList<Audit::Entry> changes;
    for (const AdminProduct &p : std::as_const(*after)) {
        const auto old = before.constFind(p.product.sku);
        const QJsonObject oldForm =
            old == before.constEnd() ? QJsonObject() : CatalogAdmin::auditForm(*old);
        const QJsonObject newForm = CatalogAdmin::auditForm(p);
        if (oldForm == newForm) {
            continue; // unchanged
        }
        Audit::Entry change;
        change.actorId = actor.userId;
        change.actorEmail = *email;
        change.action = QStringLiteral("product.import");
        change.targetType = QStringLiteral("product");
        change.targetId = p.product.id.toString();
        change.before = oldForm;
        change.after = newForm;
        change.requestId = actor.requestId;
        changes.append(std::move(change));
    }
    if (auto logged = Audit::recordMany(*db, changes); !logged) {
        return fail(logged.error());
    }
    // Then the import itself, with its counts.
    Audit::Entry entry;
    entry.actorId = actor.userId;
    entry.actorEmail = *email;
    entry.action = QStringLiteral("product.import");
    entry.targetType = QStringLiteral("catalog");
    entry.targetId = QStringLiteral("csv-import");
    entry.after = {{QStringLiteral("rows"), report.rows},
                   {QStringLiteral("created"), report.created},
                   {QStringLiteral("updated"), report.updated},
                   {QStringLiteral("unchanged"), report.unchanged},
                   {QStringLiteral("categories_created"), summary->categoriesCreated}};
    if (auto logged = Audit::record(*db, entry); !logged) {
        return fail(logged.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    if (m_cache && (report.created > 0 || report.updated > 0)) {
        m_cache->invalidateAll();
    }
    qCInfo(lcCsv) << "CSV import:" << report.rows << "rows," << report.created << "created,"
                  << report.updated << "updated";
    return report;
}

Result<QByteArray> CatalogCsv::exportCsv(const AdminProductQuery &filters) const
{
    QByteArray out;
    appendCsvHeader(out);
    AdminProductQuery query = filters;
    query.query.limit = 1000; // internal pages, larger than a client may ask for
    query.query.page = 1;
    const CatalogRepository repository;
    while (true) {
        auto page = repository.findProducts(query.query, std::nullopt, query.visibility, query.sku);
        if (!page) {
            return fail(page.error());
        }
        for (const Product &p : std::as_const(page->items)) {
            QStringList cells {
                p.sku,          p.name,         p.description, p.price.toDecimalString(),
                p.categorySlug, p.categoryName, p.brand,       QString::number(p.stockQuantity),
                p.imageUrl};
            for (QString &cell : cells) {
                cell = protectCell(cell);
            }
            appendCsvRecord(out, cells);
        }
        if (page->items.size() < query.query.limit) {
            break;
        }
        ++query.query.page;
    }
    return out;
}

} // namespace Shop::Catalog
