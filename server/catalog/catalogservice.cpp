#include "catalogservice.h"

#include "serialize/catalogjson.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcService, "shop.catalog.service")

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Error productNotFound()
{
    return Error::notFound(QStringLiteral("There is no product with this id."));
}

// The media table's own rule for paths (CHECK constraint in 0001_initial.sql).
bool isStorablePath(QStringView path)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._/-]*$"));
    return path.size() <= 300 && pattern.match(path).hasMatch();
}

} // namespace

struct CatalogService::Flight
{
    quint64 generation = 0;
    std::mutex mutex;
    std::condition_variable finished;
    std::optional<Result<QByteArray>> result;
};

CatalogService::CatalogService(std::shared_ptr<CatalogCache> cache,
                               const Server::CacheConfig &config)
    : m_cache(config.enabled ? std::move(cache) : nullptr)
    , m_listTtl(config.productListTtlSec)
    , m_productTtl(config.productTtlSec)
    , m_categoriesTtl(config.categoriesTtlSec)
{ }

QByteArray CatalogService::productListKey(const ProductQuery &query)
{
    return QByteArrayLiteral("products?") + query.toQueryString();
}

QByteArray CatalogService::productCountKey(const ProductQuery &query)
{
    ProductQuery filters = query;
    filters.page = 1;
    filters.limit = ProductQuery::kDefaultLimit;
    filters.sort = ProductSort::Relevance;
    return QByteArrayLiteral("count?") + filters.toQueryString();
}

QByteArray CatalogService::productKey(const ProductId &id)
{
    return QByteArrayLiteral("product/") + id.toString().toLatin1();
}

QByteArray CatalogService::categoriesKey()
{
    return QByteArrayLiteral("categories");
}

QByteArray CatalogService::brandsKey(const BrandQuery &query)
{
    return QByteArrayLiteral("brands?") + query.toQueryString();
}

Result<Page<Product>> CatalogService::products(const ProductQuery &query) const
{
    return m_repository.findProducts(query);
}

Result<QByteArray> CatalogService::productList(const ProductQuery &query)
{
    return throughCache(productListKey(query), m_listTtl,
                        [&](CacheDependencyPtr &dependency) -> Result<QByteArray> {
                            // The total depends on the filters only, so every page and order of one
                            // filter set shares one count (counting is most of the cost of an
                            // unsearched list page).
                            const bool caching = m_cache && m_cache->isLive();
                            const QByteArray countKey = productCountKey(query);
                            const quint64 generation = caching ? m_cache->generation() : 0;
                            std::optional<qint64> knownTotal;
                            if (caching) {
                                if (const auto cached = m_cache->fetch(countKey)) {
                                    bool ok = false;
                                    const qint64 total = cached->toLongLong(&ok);
                                    if (ok) {
                                        knownTotal = total;
                                    }
                                }
                            }
                            QList<CategoryId> subtree;
                            auto page = m_repository.findProducts(
                                query, knownTotal, ProductVisibility::Active, {}, &subtree);
                            if (!page) {
                                return fail(page.error());
                            }
                            if (caching && !knownTotal) {
                                m_cache->insert(countKey, QByteArray::number(page->total),
                                                m_listTtl, generation,
                                                CacheDependency::count(query, subtree));
                            }
                            QList<ProductId> shown;
                            shown.reserve(page->items.size());
                            for (const Product &product : std::as_const(page->items)) {
                                shown.append(product.id);
                            }
                            dependency = CacheDependency::list(query, subtree, shown);
                            return compact(Shop::Json::toJson(*page));
                        });
}

Result<QByteArray> CatalogService::product(QStringView idText)
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return fail(productNotFound());
    }
    return throughCache(productKey(*id), m_productTtl,
                        [&](CacheDependencyPtr &dependency) -> Result<QByteArray> {
                            dependency = CacheDependency::product(*id);
                            auto product = m_repository.findProduct(*id);
                            if (!product) {
                                return fail(product.error());
                            }
                            if (!product->has_value()) {
                                return fail(productNotFound());
                            }
                            return compact(Shop::Json::toJson(**product));
                        });
}

Result<QList<Category>> CatalogService::categoryTree() const
{
    auto flat = m_repository.categories();
    if (!flat) {
        return fail(flat.error());
    }
    return buildTree(*flat);
}

Result<QByteArray> CatalogService::categories()
{
    return throughCache(categoriesKey(), m_categoriesTtl,
                        [&](CacheDependencyPtr &dependency) -> Result<QByteArray> {
                            dependency = CacheDependency::categories();
                            auto tree = categoryTree();
                            if (!tree) {
                                return fail(tree.error());
                            }
                            return compact(Shop::Json::toJson(*tree));
                        });
}

Result<QList<Brand>> CatalogService::brandList(const BrandQuery &query) const
{
    return m_repository.brands(query.category);
}

// A facet with counts like the category tree, so it lives as long (an invalidation drops it
// sooner on any catalog change).
Result<QByteArray> CatalogService::brands(const BrandQuery &query)
{
    return throughCache(brandsKey(query), m_categoriesTtl,
                        [&](CacheDependencyPtr &dependency) -> Result<QByteArray> {
                            dependency = CacheDependency::brands();
                            auto brands = brandList(query);
                            if (!brands) {
                                return fail(brands.error());
                            }
                            return compact(Shop::Json::toJson(*brands));
                        });
}

Result<MediaFile> CatalogService::media(QStringView path) const
{
    if (path.contains(QLatin1String(".."))) {
        Error error = Error::badRequest(QStringLiteral("A media path must not contain \"..\"."));
        error.fieldErrors.append(
            {QStringLiteral("path"), QStringLiteral("must not contain \"..\"")});
        return fail(error);
    }
    const auto notFound = [] {
        return Error::notFound(QStringLiteral("There is no such file."));
    };
    if (!isStorablePath(path)) {
        return fail(notFound()); // no stored file can have this name
    }
    auto file = m_repository.findMedia(path.toString());
    if (!file) {
        return fail(file.error());
    }
    if (!file->has_value()) {
        return fail(notFound());
    }
    return std::move(**file);
}

std::optional<QByteArray> CatalogService::lookup(const QByteArray &key, bool shared) const
{
    if (!m_cache) {
        return std::nullopt;
    }
    return shared ? m_cache->fetch(key) : m_cache->find(key);
}

std::optional<QByteArray> CatalogService::cachedProductList(const ProductQuery &query,
                                                            bool shared) const
{
    return lookup(productListKey(query), shared);
}

std::optional<QByteArray> CatalogService::cachedProduct(QStringView idText, bool shared) const
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return std::nullopt;
    }
    return lookup(productKey(*id), shared);
}

std::optional<QByteArray> CatalogService::cachedCategories(bool shared) const
{
    return lookup(categoriesKey(), shared);
}

std::optional<QByteArray> CatalogService::cachedBrands(const BrandQuery &query, bool shared) const
{
    return lookup(brandsKey(query), shared);
}

Result<QByteArray> CatalogService::throughCache(const QByteArray &key, std::chrono::seconds ttl,
                                                const Compute &compute)
{
    CacheDependencyPtr dependency;
    if (!m_cache || !m_cache->isLive()) {
        return compute(dependency);
    }
    if (auto hit = m_cache->fetch(key)) {
        return std::move(*hit);
    }
    // Taken before reading the database: insert() drops the value if an invalidation came in
    // between, so a read from before a change is never cached after it.
    const quint64 generation = m_cache->generation();

    std::shared_ptr<Flight> flight;
    bool leader = false;
    {
        std::lock_guard lock(m_flightsMutex);
        const auto it = m_flights.constFind(key);
        if (it != m_flights.cend() && it.value()->generation == generation) {
            flight = it.value();
        } else {
            flight = std::make_shared<Flight>();
            flight->generation = generation;
            m_flights.insert(key, flight);
            leader = true;
        }
    }

    if (!leader) {
        std::unique_lock lock(flight->mutex);
        flight->finished.wait(lock, [&] { return flight->result.has_value(); });
        return *flight->result;
    }

    Result<QByteArray> result = compute(dependency);
    if (result) {
        m_cache->insert(key, *result, ttl, generation, std::move(dependency));
    } else if (result.error().code != ErrorCode::NotFound) {
        qCDebug(lcService).noquote() << "not cached:" << key << result.error().message;
    }
    {
        std::lock_guard lock(m_flightsMutex);
        const auto it = m_flights.constFind(key);
        if (it != m_flights.cend() && it.value() == flight) {
            m_flights.erase(it);
        }
    }
    {
        std::lock_guard lock(flight->mutex);
        flight->result = result;
    }
    flight->finished.notify_all();
    return result;
}

QList<Category> CatalogService::buildTree(const QList<Category> &flat)
{
    QHash<CategoryId, qsizetype> indexById;
    indexById.reserve(flat.size());
    for (qsizetype i = 0; i < flat.size(); ++i) {
        indexById.insert(flat.at(i).id, i);
    }
    QHash<CategoryId, QList<qsizetype>> childrenOf;
    QList<qsizetype> roots;
    for (qsizetype i = 0; i < flat.size(); ++i) {
        const Category &c = flat.at(i);
        if (c.parentId && indexById.contains(*c.parentId)) {
            childrenOf[*c.parentId].append(i);
        } else {
            roots.append(i);
        }
    }
    // From the roots only: a node in a parent_id cycle has its parent in the cycle, so it is
    // never reached and the recursion always ends.
    const std::function<Category(qsizetype)> build = [&](qsizetype i) {
        Category c = flat.at(i);
        c.children.clear();
        for (const qsizetype child : childrenOf.value(c.id)) {
            c.children.append(build(child));
        }
        return c;
    };
    QList<Category> tree;
    tree.reserve(roots.size());
    for (const qsizetype root : roots) {
        tree.append(build(root));
    }
    return tree;
}

} // namespace Shop::Catalog
