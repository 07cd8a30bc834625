#include "productimporter.h"

#include "csvreader.h"
#include "db/database.h"
#include "db/transaction.h"
#include "productimportrow.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlQuery>

#include <optional>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcImport, "shop.catalog.import")

constexpr int StagingColumns = 12;
constexpr int MediaBatch = 100; // 4 bound values each

QString stagingInsert(qsizetype rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO shop_import_rows (line, sku, name, description, price, category_slug, "
        "category_name, brand, stock_quantity, image_url, is_active, created_at) VALUES ");
    const QString tuple = QStringLiteral("(?,?,?,?,?,?,?,?,?,?,?,?)");
    sql.reserve(sql.size() + rows * (tuple.size() + 1));
    for (qsizetype i = 0; i < rows; ++i) {
        if (i > 0) {
            sql += u',';
        }
        sql += tuple;
    }
    return sql;
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// "(?, ?), (?, ?), ..." for a multi-row VALUES list of bound placeholders.
QString variableList(qsizetype rows, const QString &tuple)
{
    QStringList tuples;
    tuples.reserve(rows);
    for (qsizetype i = 0; i < rows; ++i) {
        tuples << tuple;
    }
    return tuples.join(u',');
}

Result<void> createStagingTable(const QSqlDatabase &db)
{
    auto staged = Db::exec(db,
                           QStringLiteral("CREATE TEMP TABLE shop_import_rows ("
                                          " line bigint NOT NULL,"
                                          " sku text NOT NULL,"
                                          " name text NOT NULL,"
                                          " description text NOT NULL,"
                                          " price bigint NOT NULL,"
                                          " category_slug text,"
                                          " category_name text,"
                                          " brand text,"
                                          " stock_quantity integer NOT NULL,"
                                          " image_url text,"
                                          " is_active boolean,"
                                          " created_at timestamptz) ON COMMIT DROP"));
    if (!staged) {
        return fail(staged.error());
    }
    return {};
}

// Sends rows to the staging table in multi-row INSERTs; a full batch's statement is prepared once.
class Stager final
{
public:
    Stager(const QSqlDatabase &db, int batchRows)
        : m_db(db)
        , m_batchRows(batchRows)
    { }

    [[nodiscard]] Result<void> insert(const QList<ProductImportRow> &batch)
    {
        if (batch.isEmpty()) {
            return {};
        }
        std::optional<QSqlQuery> partial;
        QSqlQuery *query = nullptr;
        if (batch.size() == m_batchRows) {
            if (!m_fullBatch) {
                m_fullBatch.emplace(m_db);
                if (!m_fullBatch->prepare(stagingInsert(batch.size()))) {
                    return fail(
                        Db::sqlError(m_db, m_fullBatch->lastError(), u"prepare import batch"));
                }
            }
            query = &*m_fullBatch;
        } else {
            partial.emplace(m_db);
            if (!partial->prepare(stagingInsert(batch.size()))) {
                return fail(Db::sqlError(m_db, partial->lastError(), u"prepare import batch"));
            }
            query = &*partial;
        }
        int position = 0;
        for (const ProductImportRow &row : batch) {
            query->bindValue(position++, row.line);
            query->bindValue(position++, row.sku);
            query->bindValue(position++, row.name);
            // An empty description is '' (the column is NOT NULL); a null QString binds as NULL.
            query->bindValue(position++,
                             row.description.isEmpty() ? QStringLiteral("") : row.description);
            query->bindValue(position++, row.price.minorUnits());
            query->bindValue(position++, textOrNull(row.categorySlug));
            query->bindValue(position++, textOrNull(row.categoryName));
            query->bindValue(position++, textOrNull(row.brand));
            query->bindValue(position++, row.stockQuantity);
            query->bindValue(position++, textOrNull(row.imageUrl));
            query->bindValue(position++,
                             row.active ? QVariant(*row.active)
                                        : QVariant(QMetaType::fromType<bool>()));
            query->bindValue(position++,
                             row.createdAt.isValid() ? QVariant(row.createdAt)
                                                     : QVariant(QMetaType::fromType<QDateTime>()));
        }
        Q_ASSERT(position == batch.size() * StagingColumns);
        if (auto inserted = Db::exec(*query, u"insert import batch"); !inserted) {
            return fail(inserted.error());
        }
        return {};
    }

private:
    QSqlDatabase m_db;
    int m_batchRows;
    std::optional<QSqlQuery> m_fullBatch; // prepared once, reused for every full batch
};

// The given categories by slug: created, or renamed; then each one's parent set (by slug; none for
// an empty parent slug) where it differs.
Result<qint64> upsertCategories(const QSqlDatabase &db, const QList<ImportCategory> &categories)
{
    if (categories.isEmpty()) {
        return 0;
    }
    QVariantList values;
    for (const ImportCategory &category : categories) {
        values << category.name << category.slug;
    }
    auto created = Db::exec(
        db,
        QStringLiteral("WITH upserted AS (INSERT INTO categories AS c (name, slug) VALUES ")
            + variableList(categories.size(), QStringLiteral("(?, ?)"))
            + QStringLiteral(" ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name"
                             " WHERE c.name IS DISTINCT FROM EXCLUDED.name"
                             " RETURNING (c.xmax = 0) AS created)"
                             " SELECT count(*) FILTER (WHERE created) FROM upserted"),
        values);
    if (!created) {
        return fail(created.error());
    }
    const qint64 count = created->next() ? created->value(0).toLongLong() : 0;
    values.clear();
    for (const ImportCategory &category : categories) {
        values << category.slug << textOrNull(category.parentSlug);
    }
    auto parents = Db::exec(
        db,
        QStringLiteral("UPDATE categories AS c SET parent_id = p.id FROM (VALUES ")
            + variableList(categories.size(), QStringLiteral("(CAST(? AS text), CAST(? AS text))"))
            + QStringLiteral(") AS v (slug, parent) LEFT JOIN categories p ON p.slug = v.parent"
                             " WHERE c.slug = v.slug AND c.parent_id IS DISTINCT FROM p.id"),
        values);
    if (!parents) {
        return fail(parents.error());
    }
    return count;
}

// Files served at /media/<path>: created, or replaced where the etag differs.
Result<void> upsertMedia(const QSqlDatabase &db, const QList<ImportMedia> &media)
{
    for (qsizetype start = 0; start < media.size(); start += MediaBatch) {
        const qsizetype count = std::min<qsizetype>(MediaBatch, media.size() - start);
        QVariantList values;
        values.reserve(count * 4);
        for (qsizetype i = start; i < start + count; ++i) {
            const ImportMedia &file = media.at(i);
            values << file.path << file.contentType << file.data << file.etag;
        }
        auto written = Db::exec(
            db,
            QStringLiteral("INSERT INTO media AS m (path, content_type, data, etag) VALUES ")
                + variableList(count, QStringLiteral("(?, ?, CAST(? AS bytea), ?)"))
                + QStringLiteral(" ON CONFLICT (path) DO UPDATE SET content_type = "
                                 "EXCLUDED.content_type, data = EXCLUDED.data, etag = "
                                 "EXCLUDED.etag WHERE m.etag IS DISTINCT FROM EXCLUDED.etag"),
            values);
        if (!written) {
            return fail(written.error());
        }
    }
    return {};
}

} // namespace

ProductImporter::ProductImporter(ProductImportOptions options)
    : m_options(std::move(options))
{
    m_options.batchRows = std::clamp(m_options.batchRows, 1, 5000);
}

Result<ProductImportSummary> ProductImporter::run(const QSqlDatabase &db, QIODevice *device)
{
    QElapsedTimer timer;
    timer.start();
    ProductImportSummary summary;
    ProductImportProgress progress;
    progress.bytesTotal = device->isSequential() ? 0 : device->size();
    const auto report = [&] {
        if (m_progress) {
            m_progress(progress);
        }
    };

    CsvReader reader(device);
    auto header = reader.next();
    if (!header) {
        return fail(Error::badRequest(QStringLiteral("The file is empty: it has no header line.")));
    }
    if (!*header) {
        return fail(Error::badRequest(header->error().message));
    }
    auto columns = ProductImportRow::parseHeader(**header);
    if (!columns) {
        return fail(Error::badRequest(
            QStringLiteral("line %1: %2").arg(reader.recordLine()).arg(columns.error().message)));
    }

    Db::Transaction tx(db);
    if (!tx.isActive()) {
        return fail(tx.error());
    }
    if (auto staged = createStagingTable(db); !staged) {
        return fail(staged.error());
    }

    QList<ProductImportRow> batch;
    batch.reserve(m_options.batchRows);
    Stager stager(db, m_options.batchRows);
    QHash<QString, qint64> lineOfSku;
    qint64 invalidCount = 0;

    const auto reject = [&](qint64 line, const QString &reason) {
        ++invalidCount;
        if (summary.skipped.size() < MaxListedRows) {
            summary.skipped.append({line, reason});
        }
    };

    const auto flush = [&]() -> Result<void> {
        if (batch.isEmpty()) {
            return {};
        }
        if (invalidCount > 0 && !m_options.skipInvalid) {
            batch.clear(); // nothing will be imported; keep validating to list every bad row
            return {};
        }
        if (auto inserted = stager.insert(batch); !inserted) {
            return fail(inserted.error());
        }
        batch.clear();
        return {};
    };

    while (true) {
        auto record = reader.next();
        if (!record) {
            break;
        }
        if (!*record) {
            return fail(Error::badRequest(record->error().message
                                          + QStringLiteral(". Nothing was imported.")));
        }
        ++summary.rowsRead;
        const qint64 line = reader.recordLine();
        auto row = ProductImportRow::parse(**record, *columns, m_options.currency, line);
        if (!row) {
            reject(line, row.error().message);
            continue;
        }
        if (const auto seen = lineOfSku.constFind(row->sku); seen != lineOfSku.constEnd()) {
            reject(line,
                   QStringLiteral("sku: %1 already appears on line %2").arg(row->sku).arg(*seen));
            continue;
        }
        lineOfSku.insert(row->sku, line);
        batch.append(std::move(*row));
        if (batch.size() >= m_options.batchRows) {
            if (auto flushed = flush(); !flushed) {
                return fail(flushed.error());
            }
            progress.rowsRead = summary.rowsRead;
            progress.bytesRead = reader.bytesRead();
            report();
        }
    }
    if (auto flushed = flush(); !flushed) {
        return fail(flushed.error());
    }

    if (invalidCount > 0 && !m_options.skipInvalid) {
        tx.rollback();
        QList<FieldError> invalid;
        for (const SkippedImportRow &row : std::as_const(summary.skipped)) {
            invalid.append({QStringLiteral("line %1").arg(row.line), row.reason});
        }
        return fail(
            Error::validation(invalid,
                              QStringLiteral("%1 of %2 rows are invalid; nothing was imported.")
                                  .arg(invalidCount)
                                  .arg(summary.rowsRead)));
    }
    summary.skippedCount = invalidCount;

    progress.rowsRead = summary.rowsRead;
    progress.bytesRead = reader.bytesRead();
    progress.writing = true;
    report();
    return merge(db, tx, timer, std::move(summary), {});
}

Result<ProductImportSummary> ProductImporter::merge(const QSqlDatabase &db, Db::Transaction &tx,
                                                    const QElapsedTimer &timer,
                                                    ProductImportSummary summary,
                                                    const QList<ImportMedia> &media)
{
    const qint64 stagedAt = timer.elapsed();

    auto categories =
        Db::exec(db,
                 QStringLiteral("WITH wanted AS ("
                                "  SELECT DISTINCT ON (category_slug) category_slug, "
                                "         category_name"
                                "  FROM shop_import_rows WHERE category_slug IS NOT NULL"
                                "  ORDER BY category_slug, line),"
                                " created AS ("
                                "  INSERT INTO categories (name, slug)"
                                "  SELECT category_name, category_slug FROM wanted"
                                "  ON CONFLICT (slug) DO NOTHING RETURNING 1)"
                                " SELECT count(*) FROM created"));
    if (!categories) {
        return fail(categories.error());
    }
    if (categories->next()) {
        summary.categoriesCreated = categories->value(0).toLongLong();
    }

    // Existing SKUs first, as one join (far cheaper than a speculative insertion per row when
    // most rows are known), and only where something changed.
    auto updated = Db::exec(
        db,
        QStringLiteral(
            "UPDATE products AS p SET"
            "  name = r.name, description = r.description, price = r.price,"
            "  currency = CAST(? AS char(3)), category_id = c.id, brand = r.brand,"
            "  stock_quantity = r.stock_quantity, image_url = r.image_url,"
            "  is_active = coalesce(r.is_active, p.is_active)"
            " FROM shop_import_rows r LEFT JOIN categories c ON c.slug = r.category_slug"
            " WHERE p.sku = r.sku"
            "  AND (p.name, p.description, p.price, p.currency, p.category_id, p.brand,"
            "       p.stock_quantity, p.image_url, p.is_active)"
            "   IS DISTINCT FROM (r.name, r.description, r.price, CAST(? AS char(3)), c.id,"
            "       r.brand, r.stock_quantity, r.image_url,"
            "       coalesce(r.is_active, p.is_active))"),
        {m_options.currency.code(), m_options.currency.code()});
    if (!updated) {
        return fail(updated.error());
    }
    summary.updated = updated->numRowsAffected();

    // Then the new SKUs. ON CONFLICT covers a SKU another session inserted in the meantime.
    auto inserted = Db::exec(
        db,
        QStringLiteral(
            "WITH merged AS ("
            "  INSERT INTO products AS p (sku, name, description, price, currency, category_id,"
            "                             brand, stock_quantity, image_url, is_active, created_at)"
            "  SELECT r.sku, r.name, r.description, r.price, CAST(? AS char(3)), c.id, r.brand,"
            "         r.stock_quantity, r.image_url, coalesce(r.is_active, true),"
            "         coalesce(r.created_at, now())"
            "  FROM shop_import_rows r LEFT JOIN categories c ON c.slug = r.category_slug"
            "  WHERE NOT EXISTS (SELECT 1 FROM products x WHERE x.sku = r.sku)"
            "  ORDER BY r.line"
            "  ON CONFLICT (sku) DO UPDATE SET"
            "    name = EXCLUDED.name, description = EXCLUDED.description,"
            "    price = EXCLUDED.price, currency = EXCLUDED.currency,"
            "    category_id = EXCLUDED.category_id, brand = EXCLUDED.brand,"
            "    stock_quantity = EXCLUDED.stock_quantity, image_url = EXCLUDED.image_url"
            "  RETURNING (p.xmax = 0) AS inserted)"
            " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
            " FROM merged"),
        {m_options.currency.code()});
    if (!inserted) {
        return fail(inserted.error());
    }
    if (inserted->next()) {
        summary.inserted = inserted->value(0).toLongLong();
        summary.updated += inserted->value(1).toLongLong();
    }
    summary.unchanged =
        summary.rowsRead - summary.skippedCount - summary.inserted - summary.updated;

    if (auto written = upsertMedia(db, media); !written) {
        return fail(written.error());
    }
    const qint64 mergedAt = timer.elapsed();
    if (auto committed = tx.commit(); !committed) {
        return fail(committed.error());
    }
    summary.milliseconds = timer.elapsed();
    qCInfo(lcImport) << "import phases: read, validate and stage" << stagedAt << "ms; merge"
                     << mergedAt - stagedAt << "ms; commit" << summary.milliseconds - mergedAt
                     << "ms";
    qCInfo(lcImport) << "imported" << summary.rowsRead << "rows:" << summary.inserted << "inserted,"
                     << summary.updated << "updated," << summary.unchanged << "unchanged,"
                     << summary.skippedCount << "skipped," << summary.categoriesCreated
                     << "categories created in" << summary.milliseconds << "ms";
    return summary;
}

Result<ProductImportSummary> ProductImporter::run(const QSqlDatabase &db,
                                                  const ProductImportBatch &batch)
{
    QElapsedTimer timer;
    timer.start();
    ProductImportSummary summary;
    ProductImportProgress progress;

    Db::Transaction tx(db);
    if (!tx.isActive()) {
        return fail(tx.error());
    }
    auto categories = upsertCategories(db, batch.categories);
    if (!categories) {
        return fail(categories.error());
    }
    if (auto staged = createStagingTable(db); !staged) {
        return fail(staged.error());
    }
    Stager stager(db, m_options.batchRows);
    for (qsizetype start = 0; start < batch.rows.size(); start += m_options.batchRows) {
        if (auto inserted = stager.insert(batch.rows.mid(start, m_options.batchRows)); !inserted) {
            return fail(inserted.error());
        }
        summary.rowsRead = progress.rowsRead =
            std::min<qsizetype>(start + m_options.batchRows, batch.rows.size());
        if (m_progress) {
            m_progress(progress);
        }
    }
    progress.writing = true;
    if (m_progress) {
        m_progress(progress);
    }
    auto merged = merge(db, tx, timer, std::move(summary), batch.media);
    if (!merged) {
        return fail(merged.error());
    }
    merged->categoriesCreated += *categories;
    return merged;
}

} // namespace Shop::Catalog
