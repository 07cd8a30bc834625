#include "catalogrepository.h"

#include "db/database.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcRepo, "shop.catalog.repository")

// The columns of a Product, in the order productFromRow() reads them. Timestamps come as
// milliseconds since the epoch, made into UTC QDateTimes: QPSQL would turn a timestamptz into a
// local-time QDateTime, and every local-time conversion (there and back to UTC for the JSON) asks
// the C library about the system time zone. Uncached product list, 64 connections, median of 3:
// 1,263 req/s with QPSQL's QDateTime, 1,720 req/s with this.
const QString kProductColumns = QStringLiteral(
    "p.id, p.sku, p.name, p.description, p.brand, p.category_id, c.slug, c.name, p.price, "
    "p.currency, p.stock_quantity, p.image_url, p.is_active, "
    "(extract(epoch FROM p.created_at) * 1000)::bigint, "
    "(extract(epoch FROM p.updated_at) * 1000)::bigint");

QDateTime utcFromMSecs(const QVariant &msecs)
{
    return msecs.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(msecs.toLongLong(), Qt::UTC);
}

Product productFromRow(const QSqlQuery &q)
{
    Product p;
    if (const auto id = ProductId::parse(q.value(0).toString())) {
        p.id = *id;
    }
    p.sku = q.value(1).toString();
    p.name = q.value(2).toString();
    p.description = q.value(3).toString();
    p.brand = q.value(4).toString();
    if (const auto categoryId = CategoryId::parse(q.value(5).toString())) {
        p.categoryId = *categoryId;
    }
    p.categorySlug = q.value(6).toString();
    p.categoryName = q.value(7).toString();
    const QString code = q.value(9).toString().trimmed();
    const auto currency = Currency::fromCode(code);
    if (!currency) {
        qCWarning(lcRepo).noquote() << "product" << p.sku << "has an unknown currency" << code;
    }
    p.price = Money(q.value(8).toLongLong(), currency.value_or(Currency()));
    p.stockQuantity = q.value(10).toInt();
    p.imageUrl = q.value(11).toString();
    p.isActive = q.value(12).toBool();
    p.createdAt = utcFromMSecs(q.value(13));
    p.updatedAt = utcFromMSecs(q.value(14));
    return p;
}

// A WHERE clause with its bound values, built from fixed SQL fragments only.
struct Filter
{
    QStringList conditions;
    QVariantList values;

    void add(const QString &condition, const QVariantList &bound = {})
    {
        conditions << condition;
        values << bound;
    }
    [[nodiscard]] QString where() const { return conditions.join(QStringLiteral(" AND ")); }
};

// The PostgreSQL array literal for a list of ids, bound as one value and cast with ::uuid[].
QString uuidArray(const QList<CategoryId> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (const CategoryId &id : ids) {
        parts << id.toString();
    }
    return u'{' + parts.join(u',') + u'}';
}

// The FROM item that defines s.q, the search query, from the words of the search:
//   word AND word ...  where each word is  english(w:*) OR simple(w:*)
// The 'english' form is stemmed, so "laptops" finds "laptop"; the 'simple' form (added only
// when it differs) keeps prefixes the stemmer would cut differently. A stop word ("the") is
// left out; with no word left s.q is NULL, which matches nothing.
// Everything is built from immutable functions of the bound words, so PostgreSQL folds it into
// one tsquery constant when it plans the statement (and estimates with the real words). The
// to_tsvector() guards keep to_tsquery() away from stop words: it would log a NOTICE for each,
// and so would an empty tsquery.
QString searchSource(const QStringList &tokens, QVariantList &values)
{
    QStringList forms;
    QStringList words;
    QStringList joined;
    for (int i = 0; i < tokens.size(); ++i) {
        for (const QLatin1String config : {QLatin1String("english"), QLatin1String("simple")}) {
            forms << QStringLiteral("CASE WHEN length(to_tsvector('%1', ?)) = 0 THEN NULL "
                                    "ELSE to_tsquery('%1', ?) END AS %2%3")
                         .arg(config, config == QLatin1String("english") ? u"e" : u"s")
                         .arg(i);
            values << tokens.at(i) << QString(tokens.at(i) + QStringLiteral(":*"));
        }
        words << QStringLiteral("CASE WHEN e%1 IS NULL THEN NULL WHEN s%1 IS NULL OR e%1 = s%1 "
                                "THEN e%1 ELSE e%1 || s%1 END AS w%1")
                     .arg(i);
        joined << QStringLiteral("coalesce(' & (' || w%1::text || ')', '')").arg(i);
    }
    return QStringLiteral("(SELECT CASE WHEN x = '' THEN NULL ELSE substr(x, 4)::tsquery END AS q "
                          "FROM (SELECT %1 AS x FROM (SELECT %2 FROM (SELECT %3) AS t) AS u) AS v"
                          ") AS s")
        .arg(joined.join(QStringLiteral(" || ")), words.join(QStringLiteral(", ")),
             forms.join(QStringLiteral(", ")));
}

struct Order
{
    QString inner; // ORDER BY inside the ranked sub-select (columns of p and rank)
    QString outer; // ORDER BY of the final rows (columns of p and m)
};

Order orderFor(ProductSort sort, bool searching)
{
    switch (sort) {
    case ProductSort::PriceAsc:
        return {QStringLiteral("p.price, p.id"), QStringLiteral("p.price, p.id")};
    case ProductSort::PriceDesc:
        // id descending too, so PostgreSQL can read idx_products_price (price, id) backwards.
        return {QStringLiteral("p.price DESC, p.id DESC"),
                QStringLiteral("p.price DESC, p.id DESC")};
    case ProductSort::Name:
        return {QStringLiteral("p.name, p.id"), QStringLiteral("p.name, p.id")};
    case ProductSort::Relevance:
        if (searching) {
            return {QStringLiteral("rank DESC, p.id"), QStringLiteral("m.rank DESC, m.id")};
        }
        [[fallthrough]]; // without a search there is no relevance: newest first
    case ProductSort::Newest:
        break;
    }
    return {QStringLiteral("p.created_at DESC, p.id"), QStringLiteral("p.created_at DESC, p.id")};
}

} // namespace

const QString &CatalogRepository::productColumns()
{
    return kProductColumns;
}

Product CatalogRepository::productFromQuery(const QSqlQuery &query)
{
    return productFromRow(query);
}

QStringList CatalogRepository::searchTokens(QStringView search)
{
    QStringList tokens;
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty() && tokens.size() < kMaxSearchTokens && !tokens.contains(current)) {
            tokens << current;
        }
        current.clear();
    };
    for (const QChar c : search) {
        // Letters and decimal digits only: everything else separates words. Surrogate pairs
        // (letters outside the BMP) are separators too, which keeps each token valid UTF-16.
        if (c.isLetter() || c.isDigit()) {
            current += c.toLower();
        } else {
            flush();
        }
    }
    flush();
    return tokens;
}

Result<Page<Product>> CatalogRepository::findProducts(const ProductQuery &query,
                                                      std::optional<qint64> knownTotal,
                                                      ProductVisibility visibility,
                                                      const QString &sku,
                                                      QList<CategoryId> *subtreeOut) const
{
    Page<Product> page;
    page.page = query.page;
    page.limit = query.limit;

    const QStringList tokens = searchTokens(query.search);
    const bool searching = !query.search.isEmpty();
    if (searching && tokens.isEmpty()) {
        return page; // nothing searchable (only punctuation): no product matches
    }
    if (query.brand.contains(QChar(0))) {
        return page; // PostgreSQL text cannot hold NUL, so no brand matches
    }

    Filter filter;
    switch (visibility) {
    case ProductVisibility::Active:
        filter.add(QStringLiteral("p.is_active"));
        break;
    case ProductVisibility::Inactive:
        filter.add(QStringLiteral("NOT p.is_active"));
        break;
    case ProductVisibility::All:
        filter.add(QStringLiteral("true"));
        break;
    }
    QString categories; // the category subtree as a uuid[] literal, when filtering by category
    if (!query.category.isEmpty()) {
        auto subtree = categorySubtree(query.category);
        if (!subtree) {
            return fail(subtree.error());
        }
        if (subtreeOut) {
            *subtreeOut = *subtree;
        }
        if (subtree->isEmpty()) {
            return page; // unknown category: an empty page, like any filter matching nothing
        }
        categories = uuidArray(*subtree);
        filter.add(QStringLiteral("p.category_id = ANY(?::uuid[])"), {categories});
    }
    if (!query.brand.isEmpty()) {
        filter.add(QStringLiteral("lower(p.brand) = lower(?)"), {query.brand});
    }
    if (query.minPrice) {
        filter.add(QStringLiteral("p.price >= ?"), {*query.minPrice});
    }
    if (query.maxPrice) {
        filter.add(QStringLiteral("p.price <= ?"), {*query.maxPrice});
    }
    if (query.inStock) {
        filter.add(*query.inStock ? QStringLiteral("p.stock_quantity > 0")
                                  : QStringLiteral("p.stock_quantity = 0"));
    }
    if (!sku.isEmpty()) {
        // products_sku_key (the UNIQUE constraint) finds the one row; the other filters apply to
        // it.
        filter.add(QStringLiteral("p.sku = ?"), {sku});
    }

    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    const Order order = orderFor(query.sort, searching);

    if (searching) {
        // One pass over the matches: PostgreSQL has to rank every match anyway, so the window
        // count costs little here. The sub-select p computes the rank (only when sorting by
        // it) below the window (OFFSET 0 keeps it there) and carries only the columns the
        // orders need, so the window buffers small rows and not the matches' search vectors:
        // those made it spill to disk ("steel", 28,000 matches of 100,000: 55 ms -> 42 ms).
        // The page's full rows are joined afterwards.
        QVariantList values;
        const QString source = searchSource(tokens, values);
        filter.add(QStringLiteral("p.search_vector @@ s.q"));
        values << filter.values << query.limit << query.offset();
        const bool byRank = query.sort == ProductSort::Relevance;
        const QString sql =
            QStringLiteral("SELECT %1, m.total FROM ("
                           "SELECT p.id, p.rank, count(*) OVER () AS total FROM ("
                           "SELECT p.id, p.price, p.name, p.created_at, %2 AS rank "
                           "FROM products p CROSS JOIN %3 WHERE %4 OFFSET 0"
                           ") AS p ORDER BY %5 LIMIT ? OFFSET ?"
                           ") AS m JOIN products p ON p.id = m.id "
                           "LEFT JOIN categories c ON c.id = p.category_id ORDER BY %6")
                .arg(kProductColumns,
                     byRank ? QStringLiteral("ts_rank(p.search_vector, s.q)")
                            : QStringLiteral("0::real"),
                     source, filter.where(), order.inner, order.outer);
        auto q = Db::exec(*db, sql, values);
        if (!q) {
            return fail(q.error());
        }
        while (q->next()) {
            page.items.append(productFromRow(*q));
            page.total = q->value(15).toLongLong();
        }
        if (!page.items.isEmpty() || query.offset() == 0) {
            return page;
        }
        if (knownTotal) {
            page.total = *knownTotal;
            return page;
        }
        // A page beyond the end: count on its own.
        QVariantList countValues;
        const QString countSource = searchSource(tokens, countValues);
        countValues << filter.values;
        auto count =
            Db::exec(*db,
                     QStringLiteral("SELECT count(*) FROM products p CROSS JOIN %1 WHERE %2")
                         .arg(countSource, filter.where()),
                     countValues);
        if (!count) {
            return fail(count.error());
        }
        page.total = count->next() ? count->value(0).toLongLong() : 0;
        return page;
    }

    // Without a search the order usually follows an index (newest, price, name): the page's
    // ids are read from it (an index-only scan when only is_active filters, so a deep page does
    // not fetch the rows it skips: page 50 in 0.5 ms instead of 2-12 ms) and only the page's
    // rows are fetched. The total comes with the page, in the same statement and snapshot:
    // filtered by category and stock only, it is a sum over product_counts (kept by triggers,
    // migration 0002: 0.1 ms instead of 8 ms for the whole catalog); otherwise a count.
    // Not Db::execCached(): after five executions of one prepared statement PostgreSQL may
    // switch to a generic plan, planned without the LIMIT, OFFSET, category ids and prices,
    // and it does for the filtered list (7 ms against 0.9 ms with the values; the plain list
    // would take 33 ms). A statement prepared per call is planned with its values.
    QString totalSql;
    QVariantList totalValues;
    // product_counts counts active products only.
    const bool summed = query.brand.isEmpty() && !query.minPrice && !query.maxPrice
        && visibility == ProductVisibility::Active && sku.isEmpty();
    if (summed) {
        const QString column = !query.inStock ? QStringLiteral("active")
            : *query.inStock                  ? QStringLiteral("active_in_stock")
                                              : QStringLiteral("active - active_in_stock");
        totalSql =
            QStringLiteral("SELECT coalesce(sum(%1), 0)::bigint FROM product_counts").arg(column);
        if (!categories.isEmpty()) {
            totalSql += QStringLiteral(" WHERE category_id = ANY(?::uuid[])");
            totalValues << categories;
        }
    } else {
        totalSql = QStringLiteral("SELECT count(*) FROM products p WHERE %1").arg(filter.where());
        totalValues = filter.values;
    }
    // An expensive count is left out where the page may make it unnecessary (a last page).
    const bool withTotal = !knownTotal && (summed || query.offset() == 0);

    QVariantList values = withTotal ? totalValues : QVariantList();
    values << filter.values << query.limit << query.offset();
    auto q = Db::exec(
        *db,
        QStringLiteral("SELECT %1, %2 FROM (SELECT p.id FROM products p WHERE %3 "
                       "ORDER BY %4 LIMIT ? OFFSET ?) AS k JOIN products p ON p.id = k.id "
                       "LEFT JOIN categories c ON c.id = p.category_id ORDER BY %4")
            .arg(kProductColumns, withTotal ? u'(' + totalSql + u')' : QStringLiteral("NULL"),
                 filter.where(), order.outer),
        values);
    if (!q) {
        return fail(q.error());
    }
    std::optional<qint64> counted;
    while (q->next()) {
        page.items.append(productFromRow(*q));
        if (withTotal) {
            counted = q->value(15).toLongLong();
        }
    }
    if (!page.items.isEmpty() && page.items.size() < query.limit) {
        page.total = query.offset() + page.items.size(); // the last page: no need to count
        return page;
    }
    if (page.items.isEmpty() && query.offset() == 0) {
        return page;
    }
    if (knownTotal || counted) {
        page.total = knownTotal ? *knownTotal : *counted;
        return page;
    }
    // A page beyond the end, or a later page with an expensive count.
    auto count = Db::exec(*db, totalSql, totalValues);
    if (!count) {
        return fail(count.error());
    }
    page.total = count->next() ? count->value(0).toLongLong() : 0;
    return page;
}

Result<std::optional<Product>> CatalogRepository::findProduct(const ProductId &id) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto q = Db::execCached(*db,
                            QStringLiteral("SELECT %1 FROM products p "
                                           "LEFT JOIN categories c ON c.id = p.category_id "
                                           "WHERE p.id = ? AND p.is_active")
                                .arg(kProductColumns),
                            {id.toString()});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<Product>();
    }
    return std::optional<Product>(productFromRow(**q));
}

Result<QList<Category>> CatalogRepository::categories() const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    // tree: every (category, descendant-or-self) pair. UNION, not UNION ALL, so a cycle in
    // parent_id (possible through updates) ends the recursion instead of looping. direct: the
    // active products of each category itself, from product_counts (kept by triggers) rather
    // than a count over every product.
    auto q =
        Db::exec(*db,
                 QStringLiteral("WITH RECURSIVE tree (root, id) AS ("
                                "  SELECT id, id FROM categories"
                                "  UNION"
                                "  SELECT t.root, c.id FROM tree t"
                                "  JOIN categories c ON c.parent_id = t.id"
                                "), direct AS ("
                                "  SELECT category_id, sum(active) AS n FROM product_counts"
                                "  GROUP BY category_id"
                                "), total AS ("
                                "  SELECT t.root, sum(d.n) AS n FROM tree t"
                                "  JOIN direct d ON d.category_id = t.id GROUP BY t.root"
                                ") "
                                "SELECT c.id, c.name, c.slug, c.parent_id, coalesce(total.n, 0) "
                                "FROM categories c LEFT JOIN total ON total.root = c.id "
                                "ORDER BY c.name, c.id"));
    if (!q) {
        return fail(q.error());
    }
    QList<Category> result;
    while (q->next()) {
        Category c;
        if (const auto id = CategoryId::parse(q->value(0).toString())) {
            c.id = *id;
        }
        c.name = q->value(1).toString();
        c.slug = q->value(2).toString();
        if (const auto parent = CategoryId::parse(q->value(3).toString())) {
            c.parentId = *parent;
        }
        c.productCount = q->value(4).toLongLong();
        result.append(std::move(c));
    }
    return result;
}

Result<QList<CategoryId>> CatalogRepository::categorySubtree(const QString &slug) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto q = Db::execCached(*db,
                            QStringLiteral("WITH RECURSIVE sub (id) AS ("
                                           "  SELECT id FROM categories WHERE slug = ?"
                                           "  UNION"
                                           "  SELECT c.id FROM categories c"
                                           "  JOIN sub ON c.parent_id = sub.id"
                                           ") SELECT id FROM sub"),
                            {slug});
    if (!q) {
        return fail(q.error());
    }
    QList<CategoryId> ids;
    while ((*q)->next()) {
        if (const auto id = CategoryId::parse((*q)->value(0).toString())) {
            ids.append(*id);
        }
    }
    return ids;
}

Result<QList<Brand>> CatalogRepository::brands(const QString &categorySlug) const
{
    Filter filter;
    filter.add(QStringLiteral("p.is_active"));
    filter.add(QStringLiteral("btrim(p.brand) <> ''")); // also leaves NULL out
    if (!categorySlug.isEmpty()) {
        auto subtree = categorySubtree(categorySlug);
        if (!subtree) {
            return fail(subtree.error());
        }
        if (subtree->isEmpty()) {
            return QList<Brand>(); // unknown category: nothing, like an empty product page
        }
        filter.add(QStringLiteral("p.category_id = ANY(?::uuid[])"), {uuidArray(*subtree)});
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    // Counted per spelling first, then per brand: the most frequent spelling names it (ties: the
    // first in sort order). On 100,000 products this is a hash aggregate over one (parallel)
    // scan, 56 ms for all brands; mode() over the lower(brand) groups sorted every row (107 ms,
    // spilling to disk). A category is read through idx_products_category (4 ms for 600 rows).
    auto q = Db::execCached(
        *db,
        QStringLiteral(
            "SELECT (array_agg(b.brand ORDER BY b.n DESC, b.brand))[1], sum(b.n)::bigint "
            "FROM (SELECT p.brand, count(*) AS n FROM products p WHERE %1 "
            "GROUP BY p.brand) AS b "
            "GROUP BY lower(b.brand) ORDER BY lower(b.brand)")
            .arg(filter.where()),
        filter.values);
    if (!q) {
        return fail(q.error());
    }
    QList<Brand> result;
    while ((*q)->next()) {
        result.append(Brand {(*q)->value(0).toString(), (*q)->value(1).toLongLong()});
    }
    return result;
}

Result<std::optional<MediaFile>> CatalogRepository::findMedia(const QString &path) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto q = Db::execCached(
        *db, QStringLiteral("SELECT content_type, data, etag FROM media WHERE path = ?"), {path});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<MediaFile>();
    }
    MediaFile file;
    file.path = path;
    file.contentType = (*q)->value(0).toString().toUtf8();
    file.data = (*q)->value(1).toByteArray();
    file.etag = (*q)->value(2).toString().toUtf8();
    return std::optional<MediaFile>(std::move(file));
}

} // namespace Shop::Catalog
