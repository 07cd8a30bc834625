#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "error.h"

#include <QByteArray>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shop::Catalog {

// A file the server serves itself from the media table (/media/<path>).
// Which products a list shows: the public lists only active ones; staff choose.
enum class ProductVisibility { Active, Inactive, All };

struct MediaFile
{
    QString path;
    QByteArray contentType;
    QByteArray data;
    QByteArray etag; // as stored; CatalogService quotes it for the ETag header
};

// The catalog's SQL, and nothing else: every statement prepared with bound values, run on the
// calling thread's own connection (Db::threadConnection()). Only active products are visible.
class CatalogRepository final
{
public:
    // At most this many search words are used; the rest are ignored.
    static constexpr int kMaxSearchTokens = 8;

    // The active products matching the query: one page in the query's order (id as the final
    // tiebreaker, so pages never repeat or skip rows) and the exact number of matches (also for
    // a page beyond the end). An unknown category slug or a search without usable words matches
    // nothing. knownTotal, when given, is taken as the total instead of counting (the caller
    // cached it from an earlier page of the same filters).
    // visibility: the staff's list (GET /api/admin/products) also shows inactive products.
    // sku: the staff's exact SKU filter (as the unique index on products.sku compares: case
    // matters); empty: any.
    // subtree: when given, set to the category ids the query's category slug stands for (empty
    // without a category filter or for an unknown slug).
    [[nodiscard]] Result<Page<Product>>
    findProducts(const ProductQuery &query, std::optional<qint64> knownTotal = std::nullopt,
                 ProductVisibility visibility = ProductVisibility::Active, const QString &sku = {},
                 QList<CategoryId> *subtree = nullptr) const;

    // An active product; nullopt when there is none with this id (or it is inactive).
    [[nodiscard]] Result<std::optional<Product>> findProduct(const ProductId &id) const;

    // Every category, flat, ordered by name (then id); productCount is the number of active
    // products in the category and all of its descendants.
    [[nodiscard]] Result<QList<Category>> categories() const;

    // The category with this slug and all of its descendants; empty when the slug is unknown.
    [[nodiscard]] Result<QList<CategoryId>> categorySubtree(const QString &slug) const;

    // The brands of active products with the number of active products of each, sorted by name
    // without regard to case. Products without a brand (NULL, empty or blank) are left out.
    // Spellings that differ only in case are one brand (as for the brand filter of
    // findProducts), named as most of its products spell it. With a category slug only the
    // products in that category and its descendants count; an unknown slug gives an empty list
    // (as findProducts gives an empty page).
    [[nodiscard]] Result<QList<Brand>> brands(const QString &categorySlug = {}) const;

    [[nodiscard]] Result<std::optional<MediaFile>> findMedia(const QString &path) const;

    // The words of a search as PostgreSQL prefix-query operands: split at every character that
    // is not a letter or digit (so no tsquery or SQL syntax survives), lower-cased, at most
    // kMaxSearchTokens. "Lapt 15\"" gives {"lapt", "15"}.
    [[nodiscard]] static QStringList searchTokens(QStringView search);

    // The select list of a product over "products p LEFT JOIN categories c ON c.id =
    // p.category_id" (15 columns), and the Product read from a row of it starting at column 0.
    // Shared with the staff's writes (CatalogAdminRepository).
    [[nodiscard]] static const QString &productColumns();
    [[nodiscard]] static Product productFromQuery(const QSqlQuery &query);
};

} // namespace Shop::Catalog
