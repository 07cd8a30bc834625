// The catalog's HTTP routes: thin adapters between Http::Request/Response and CatalogService.
//
//   GET /api/products          ProductQuery parameters; 400/422 problems name the field
//   GET /api/products/{id}     404 for a malformed, unknown or inactive id
//   GET /api/categories        the category tree with product counts
//   GET /api/brands            brands with product counts; ?category=<slug> as for products
//   GET /media/{path...}       stored files with ETag, Cache-Control and 304 revalidation
//
// The JSON routes have a fast path on the event loop that answers cache hits without a worker
// hop; misses and errors go to the worker pool, which looks in the cache once more before it
// computes (a worker also asks the shared Redis tier, when there is one). X-Cache tells which
// happened: HIT when the answer was found in a cache (memory or Redis), MISS when it was computed.
// The service only returns bytes; this file decides the header.

#include "catalogroutes.h"

#include "catalogservice.h"
#include "http/conditional.h"

namespace Shop::Catalog {

namespace {

const QByteArray kXCache = QByteArrayLiteral("X-Cache");
const QByteArray kMediaCacheControl = QByteArrayLiteral("public, max-age=86400");

Http::Response jsonResponse(QByteArray body, bool fromCache)
{
    Http::Response response = Http::Response::jsonBytes(std::move(body));
    response.setHeader(kXCache, fromCache ? QByteArrayLiteral("HIT") : QByteArrayLiteral("MISS"));
    return response;
}

// On a worker: the cached bytes (HIT), or freshly computed ones (MISS), or the problem.
template<typename Cached, typename Compute>
Http::Reply cachedOrComputed(Cached cached, Compute compute)
{
    if (std::optional<QByteArray> hit = cached()) {
        return jsonResponse(std::move(*hit), true);
    }
    Result<QByteArray> body = compute();
    if (!body) {
        return fail(body.error());
    }
    return jsonResponse(std::move(*body), false);
}

// A GET route whose answer depends on a parsed query string (Query::fromQueryString): a worker
// computes it, or answers the problem when the query is invalid; the event loop answers cache
// hits itself, without a worker.
template<typename Query, typename Compute, typename Cached>
void addQueryRoute(Http::Router &router, const QString &path, Compute compute, Cached cached)
{
    router.get(
        path,
        [compute, cached](const Http::Request &request) -> Http::Reply {
            auto query = Query::fromQueryString(request.rawQuery);
            if (!query) {
                return fail(query.error());
            }
            return cachedOrComputed([&] { return cached(*query, true); },
                                    [&] { return compute(*query); });
        },
        Http::Execution::WorkerPool,
        [cached](const Http::Request &request) -> std::optional<Http::Response> {
            auto query = Query::fromQueryString(request.rawQuery);
            if (!query) {
                return std::nullopt; // the worker answers with the problem
            }
            if (auto hit = cached(*query, false)) {
                return jsonResponse(std::move(*hit), true);
            }
            return std::nullopt;
        },
        Http::kRateClassCatalog);
}

} // namespace

void registerCatalogRoutes(Http::Router &router, const std::shared_ptr<CatalogService> &service)
{
    addQueryRoute<ProductQuery>(
        router, QStringLiteral("/api/products"),
        [service](const ProductQuery &query) { return service->productList(query); },
        [service](const ProductQuery &query, bool shared) {
            return service->cachedProductList(query, shared);
        });

    router.get(
        QStringLiteral("/api/products/{id}"),
        [service](const Http::Request &request) -> Http::Reply {
            const QString id = request.pathParam(QStringLiteral("id"));
            return cachedOrComputed([&] { return service->cachedProduct(id, true); },
                                    [&] { return service->product(id); });
        },
        Http::Execution::WorkerPool,
        [service](const Http::Request &request) -> std::optional<Http::Response> {
            if (auto hit = service->cachedProduct(request.pathParam(QStringLiteral("id")))) {
                return jsonResponse(std::move(*hit), true);
            }
            return std::nullopt;
        },
        Http::kRateClassCatalog);

    router.get(
        QStringLiteral("/api/categories"),
        [service](const Http::Request &) -> Http::Reply {
            return cachedOrComputed([&] { return service->cachedCategories(true); },
                                    [&] { return service->categories(); });
        },
        Http::Execution::WorkerPool,
        [service](const Http::Request &) -> std::optional<Http::Response> {
            if (auto hit = service->cachedCategories()) {
                return jsonResponse(std::move(*hit), true);
            }
            return std::nullopt;
        },
        Http::kRateClassCatalog);

    addQueryRoute<BrandQuery>(
        router, QStringLiteral("/api/brands"),
        [service](const BrandQuery &query) { return service->brands(query); },
        [service](const BrandQuery &query, bool shared) {
            return service->cachedBrands(query, shared);
        });

    router.get(
        QStringLiteral("/media/{path...}"),
        [service](const Http::Request &request) -> Http::Reply {
            auto file = service->media(request.pathParam(QStringLiteral("path")));
            if (!file) {
                return fail(file.error());
            }
            QByteArray etag = Http::normalizedEntityTag(file->etag);
            if (etag.isEmpty()) {
                etag = Http::entityTagFor(file->data);
            }
            return Http::conditionalResponse(
                request, etag, Http::Response::bytes(file->contentType, std::move(file->data)),
                kMediaCacheControl);
        },
        Http::Execution::WorkerPool, {}, Http::kRateClassCatalog);
}

} // namespace Shop::Catalog
