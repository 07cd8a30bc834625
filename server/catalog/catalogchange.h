#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"

#include <QByteArray>
#include <QList>
#include <QSet>

#include <memory>
#include <optional>

namespace Shop::Catalog {

// What decides where a product appears in the public catalog: the filters of a list, the counts
// of the category tree and of the brands. Of an active product only (an inactive one appears
// nowhere).
struct ProductFacts
{
    std::optional<CategoryId> category;
    qint64 price = 0; // minor units
    bool inStock = false;
    QString brand;

    [[nodiscard]] static ProductFacts of(const Product &product);
    friend bool operator==(const ProductFacts &, const ProductFacts &) = default;
};

// One product's committed change, as the products trigger reports it (migration 0015).
struct ProductChange
{
    ProductId id;
    std::optional<ProductFacts> before; // nullopt: not shown (no such product, or inactive)
    std::optional<ProductFacts> after;
    bool nameChanged = false; // the name order
    bool textChanged = false; // name, brand or description: what a search matches and ranks

    // The change from `before` to `after` (either nullopt: the product did not or does not exist).
    [[nodiscard]] static ProductChange between(const std::optional<Product> &before,
                                               const std::optional<Product> &after);
    // A change of what the answers showing the product show, not of where it appears (its
    // images): no facts on either side, so it alters only the answers that show it.
    [[nodiscard]] static ProductChange contentOf(const ProductId &id);
};

// One notification of shop_catalog_changed: either some products' changes, or everything (a
// category changed, a statement changed many products, or a payload this version does not know).
// Payloads: the committing transaction's id and a JSON array of product changes (migration 0017;
// an image change: {"id"} alone, contentOf())
//   {"p": [{"id": "<uuid>", "b": {"c": "<category uuid>"|null, "p": <price>, "s": <in stock>,
//     "r": "<brand>"|null}|null, "a": {...}|null, "n": <name changed>, "t": <text changed>}, ...],
//    "x": "<transaction id>"}
// or the array alone (0015, and toPayload()), or anything else (the table's name: "products",
// "categories", "product_images").
struct CatalogChange
{
    bool everything = true;
    QList<ProductChange> products;
    // Which notification this is: "<transaction id>:<hash of the payload>", the same on every
    // instance that hears it and different for any other (PostgreSQL sends a transaction's equal
    // payloads once). Empty for a change not read from a notification with a transaction id (an
    // instance applying its own staff change).
    QByteArray source;

    [[nodiscard]] static CatalogChange all() { return {}; }
    [[nodiscard]] static CatalogChange of(QList<ProductChange> products);
    // A malformed array counts as everything: a change is never lost.
    [[nodiscard]] static CatalogChange fromPayload(QByteArrayView payload);
    // The array form (everything: "products"); fromPayload(toPayload()) gives the change back.
    [[nodiscard]] QByteArray toPayload() const;
};

// What a cached catalog answer depends on, so that a product's change drops only the answers it
// can alter (docs/caching.md, "Invalidation"):
// - a product's detail: that product's changes;
// - a list page: the changes of the products it shows, and those of any product that enters or
//   leaves its filter or moves in its order (whose sort key changed while it matches);
// - a filter's total: products entering or leaving the filter;
// - the category tree: a product's category or visibility; the brands: also its brand.
// Where a rule cannot tell (a search: whether the words match is PostgreSQL's to say) it answers
// "affected". Immutable once made: shared between the cache tiers and threads.
class CacheDependency final
{
public:
    enum class Kind { Product, List, Count, Categories, Brands };

    [[nodiscard]] static std::shared_ptr<const CacheDependency> product(const ProductId &id);
    // `subtree`: the ids the query's category slug stands for (empty without a category filter).
    // `shown`: the products on the page.
    [[nodiscard]] static std::shared_ptr<const CacheDependency>
    list(const ProductQuery &query, const QList<CategoryId> &subtree,
         const QList<ProductId> &shown);
    [[nodiscard]] static std::shared_ptr<const CacheDependency>
    count(const ProductQuery &query, const QList<CategoryId> &subtree);
    [[nodiscard]] static std::shared_ptr<const CacheDependency> categories();
    [[nodiscard]] static std::shared_ptr<const CacheDependency> brands();

    [[nodiscard]] Kind kind() const { return m_kind; }
    // Product: the product; List: the products on the page.
    [[nodiscard]] const QSet<ProductId> &products() const { return m_shown; }
    [[nodiscard]] bool affectedBy(const ProductChange &change) const;
    [[nodiscard]] bool affectedBy(const CatalogChange &change) const;

    // A compact text form for the shared tier (Redis), and back (nullptr when malformed).
    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static std::shared_ptr<const CacheDependency> decode(QByteArrayView text);

private:
    enum class Truth { No, Yes, Unknown };
    [[nodiscard]] Truth matches(const std::optional<ProductFacts> &facts) const;
    [[nodiscard]] bool membershipMayChange(const ProductChange &change) const;
    [[nodiscard]] bool orderMayChange(const ProductChange &change) const;

    Kind m_kind = Kind::Product;
    QSet<ProductId> m_shown; // Product: the product; List: the page's products
    // The filter (List, Count).
    bool m_byCategory = false;
    QSet<CategoryId> m_subtree;
    QString m_brand; // empty: any
    std::optional<qint64> m_minPrice;
    std::optional<qint64> m_maxPrice;
    std::optional<bool> m_inStock;
    bool m_searching = false;
    ProductSort m_sort = ProductSort::Relevance; // List
};

using CacheDependencyPtr = std::shared_ptr<const CacheDependency>;

} // namespace Shop::Catalog
