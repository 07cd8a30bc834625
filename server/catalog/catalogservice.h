#pragma once

#include "catalogcache.h"
#include "catalogrepository.h"
#include "config/serverconfig.h"

#include <QHash>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace Shop::Catalog {

// The catalog's rules: what the public API shows (active products only; categories as a tree
// with counts that include descendants), as compact JSON bytes, through the response cache.
// It knows nothing of HTTP: whether an answer counts as a cache hit is the routes' business.
// Thread-safe; the HTTP routes call it from worker threads and (the cached*() lookups) from the
// event loop.
class CatalogService final
{
public:
    // Without a cache (nullptr) every call reads the database.
    CatalogService(std::shared_ptr<CatalogCache> cache, const Server::CacheConfig &config);
    Q_DISABLE_COPY_MOVE(CatalogService)

    // {"items": [...], "page", "limit", "total"}.
    [[nodiscard]] Result<QByteArray> productList(const ProductQuery &query);
    // The product; NotFound for a malformed, unknown or inactive id.
    [[nodiscard]] Result<QByteArray> product(QStringView id);
    // [root categories, each with "children", sorted by name].
    [[nodiscard]] Result<QByteArray> categories();
    // {"items": [{"name", "product_count"}, ...]}: the brands of active products (in the
    // query's category and its subcategories), sorted by name.
    [[nodiscard]] Result<QByteArray> brands(const BrandQuery &query);
    // NotFound for an unknown path; BadRequest (field "path") for a path with "..".
    [[nodiscard]] Result<MediaFile> media(QStringView path) const;

    // Cache lookups only: never touch the database. nullopt on a miss. `shared` false (the event
    // loop): this process's memory only, never blocks; true (workers only): also the shared tier
    // behind it (Redis), which may wait for the network.
    [[nodiscard]] std::optional<QByteArray> cachedProductList(const ProductQuery &query,
                                                              bool shared = false) const;
    [[nodiscard]] std::optional<QByteArray> cachedProduct(QStringView id,
                                                          bool shared = false) const;
    [[nodiscard]] std::optional<QByteArray> cachedCategories(bool shared = false) const;
    [[nodiscard]] std::optional<QByteArray> cachedBrands(const BrandQuery &query,
                                                         bool shared = false) const;

    // Uncached, typed.
    [[nodiscard]] Result<Page<Product>> products(const ProductQuery &query) const;
    [[nodiscard]] Result<QList<Category>> categoryTree() const;
    [[nodiscard]] Result<QList<Brand>> brandList(const BrandQuery &query) const;

    // Nests a flat list (as CatalogRepository::categories() returns it) under the parents,
    // keeping the given order among siblings. Categories whose parent chain never reaches a root
    // (a cycle) are left out.
    [[nodiscard]] static QList<Category> buildTree(const QList<Category> &flat);

    // "products?<canonical query>", "count?<canonical filters>", "product/<uuid>", "categories",
    // "brands?<canonical query>".
    [[nodiscard]] static QByteArray productListKey(const ProductQuery &query);
    [[nodiscard]] static QByteArray productCountKey(const ProductQuery &query);
    [[nodiscard]] static QByteArray productKey(const ProductId &id);
    [[nodiscard]] static QByteArray categoriesKey();
    [[nodiscard]] static QByteArray brandsKey(const BrandQuery &query);

    [[nodiscard]] const std::shared_ptr<CatalogCache> &cache() const { return m_cache; }

private:
    struct Flight;
    // Computes an answer and says what it depends on (left nullptr: on every change).
    using Compute = std::function<Result<QByteArray>(CacheDependencyPtr &dependency)>;

    // The cached bytes under key, or compute() stored there. Concurrent misses for one key
    // (a burst after an invalidation) wait for a single computation instead of each querying.
    [[nodiscard]] Result<QByteArray> throughCache(const QByteArray &key, std::chrono::seconds ttl,
                                                  const Compute &compute);
    [[nodiscard]] std::optional<QByteArray> lookup(const QByteArray &key, bool shared) const;

    CatalogRepository m_repository;
    std::shared_ptr<CatalogCache> m_cache;
    const std::chrono::seconds m_listTtl;
    const std::chrono::seconds m_productTtl;
    const std::chrono::seconds m_categoriesTtl;

    std::mutex m_flightsMutex;
    QHash<QByteArray, std::shared_ptr<Flight>> m_flights;
};

} // namespace Shop::Catalog
