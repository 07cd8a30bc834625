// The catalog's HTTP routes: thin adapters between Http::Request/Response and CatalogService.
//
//   GET /api/products          ProductQuery parameters; 400/422 problems name the field
//   GET /api/products/{id}     404 for a malformed, unknown or inactive id
//   GET /api/categories        the category tree with product counts
//   GET /api/brands            brands with product counts; ?category=<slug> as for products
//   GET /media/{path...}       stored files with ETag, Cache-Control and 304 revalidation
//
// The JSON routes have a fast path on the event loop that answers cache hits without a worker
// hop; misses and errors go to the worker pool. X-Cache: HIT or MISS tells which happened.

#include "catalogchangelistener.h"
#include "catalogmodule.h"
#include "catalogservice.h"
#include "inprocesscatalogcache.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

namespace Shop::Server {

namespace {

Q_LOGGING_CATEGORY(lcRoutes, "shop.catalog.routes")

const QByteArray kXCache = QByteArrayLiteral("X-Cache");
const QByteArray kMediaCacheControl = QByteArrayLiteral("public, max-age=86400");

Http::Response jsonResponse(QByteArray body, bool fromCache)
{
    Http::Response response = Http::Response::jsonBytes(std::move(body));
    response.setHeader(kXCache, fromCache ? QByteArrayLiteral("HIT") : QByteArrayLiteral("MISS"));
    return response;
}

Http::Reply toReply(const Result<CatalogService::Body> &body)
{
    if (!body) {
        return fail(body.error());
    }
    return jsonResponse(body->body, body->fromCache);
}

// An entity tag as the ETag header wants it: the stored one when it already is a valid
// (possibly weak) quoted tag, quoted when it is a bare token, or derived from the bytes.
QByteArray entityTag(const MediaFile &file)
{
    const auto isTagChar = [](char c) {
        return c == '!' || (c >= '#' && c <= '~'); // etagc without obs-text: no '"', no controls
    };
    QByteArray tag = file.etag.trimmed();
    QByteArray opaque = tag.startsWith("W/") ? tag.mid(2) : tag;
    if (opaque.size() >= 2 && opaque.startsWith('"') && opaque.endsWith('"')) {
        opaque = opaque.mid(1, opaque.size() - 2);
        if (std::all_of(opaque.cbegin(), opaque.cend(), isTagChar)) {
            return tag;
        }
    } else if (!tag.isEmpty() && std::all_of(tag.cbegin(), tag.cend(), isTagChar)) {
        return '"' + tag + '"';
    }
    return '"' + QCryptographicHash::hash(file.data, QCryptographicHash::Sha1).toHex() + '"';
}

// If-None-Match with the weak comparison of RFC 9110: "*" or any listed tag equal to ours once
// "W/" is ignored.
bool noneMatch(QByteArrayView ifNoneMatch, QByteArrayView etag)
{
    const auto opaque = [](QByteArrayView tag) {
        tag = tag.trimmed();
        return tag.startsWith("W/") ? tag.sliced(2) : tag;
    };
    const QByteArrayView ours = opaque(etag);
    for (const QByteArray &candidate : ifNoneMatch.toByteArray().split(',')) {
        const QByteArrayView theirs = QByteArrayView(candidate).trimmed();
        if (theirs == "*" || opaque(theirs) == ours) {
            return true;
        }
    }
    return false;
}

class CatalogModuleImpl final : public CatalogModule
{
public:
    explicit CatalogModuleImpl(const ServerConfig &config)
    {
        std::shared_ptr<CatalogCache> cache;
        if (config.cache.enabled) {
            cache = std::make_shared<InProcessCatalogCache>(config.cache.maxEntries);
            m_listener = std::make_unique<CatalogChangeListener>(config.database);
            QObject::connect(
                m_listener.get(), &CatalogChangeListener::catalogChanged, m_listener.get(),
                [cache](const QString &) { cache->invalidateAll(); }, Qt::DirectConnection);
            QObject::connect(
                m_listener.get(), &CatalogChangeListener::connectedChanged, m_listener.get(),
                [cache](bool connected) { cache->setLive(connected); }, Qt::DirectConnection);
            m_listener->start();
        } else {
            qCInfo(lcRoutes) << "response cache disabled";
        }
        m_service = std::make_shared<CatalogService>(std::move(cache), config.cache);
    }
    ~CatalogModuleImpl() override
    {
        if (m_listener) {
            m_listener->stop();
        }
    }
    Q_DISABLE_COPY_MOVE(CatalogModuleImpl)

    [[nodiscard]] std::shared_ptr<CatalogService> service() const { return m_service; }

private:
    std::shared_ptr<CatalogService> m_service;
    std::unique_ptr<CatalogChangeListener> m_listener;
};

// A GET route whose answer depends on a parsed query string (Query::fromQueryString): a worker
// computes it, or answers the problem when the query is invalid; the event loop answers cache
// hits itself, without a worker.
template<typename Query, typename Compute, typename Cached>
void addQueryRoute(Http::Router &router, const QString &path, Compute compute, Cached cached)
{
    router.get(
        path,
        [compute](const Http::Request &request) -> Http::Reply {
            auto query = Query::fromQueryString(request.rawQuery);
            if (!query) {
                return fail(query.error());
            }
            return toReply(compute(*query));
        },
        Http::Execution::WorkerPool,
        [cached](const Http::Request &request) -> std::optional<Http::Response> {
            auto query = Query::fromQueryString(request.rawQuery);
            if (!query) {
                return std::nullopt; // the worker answers with the problem
            }
            if (auto hit = cached(*query)) {
                return jsonResponse(std::move(*hit), true);
            }
            return std::nullopt;
        });
}

} // namespace

std::unique_ptr<CatalogModule> registerCatalogModule(Http::Router &router,
                                                     const ServerConfig &config)
{
    auto module = std::make_unique<CatalogModuleImpl>(config);
    const std::shared_ptr<CatalogService> service = module->service();

    addQueryRoute<ProductQuery>(
        router, QStringLiteral("/api/products"),
        [service](const ProductQuery &query) { return service->productList(query); },
        [service](const ProductQuery &query) { return service->cachedProductList(query); });

    router.get(
        QStringLiteral("/api/products/{id}"),
        [service](const Http::Request &request) -> Http::Reply {
            return toReply(service->product(request.pathParam(QStringLiteral("id"))));
        },
        Http::Execution::WorkerPool,
        [service](const Http::Request &request) -> std::optional<Http::Response> {
            if (auto hit = service->cachedProduct(request.pathParam(QStringLiteral("id")))) {
                return jsonResponse(std::move(*hit), true);
            }
            return std::nullopt;
        });

    router.get(
        QStringLiteral("/api/categories"),
        [service](const Http::Request &) -> Http::Reply { return toReply(service->categories()); },
        Http::Execution::WorkerPool,
        [service](const Http::Request &) -> std::optional<Http::Response> {
            if (auto hit = service->cachedCategories()) {
                return jsonResponse(std::move(*hit), true);
            }
            return std::nullopt;
        });

    addQueryRoute<BrandQuery>(
        router, QStringLiteral("/api/brands"),
        [service](const BrandQuery &query) { return service->brands(query); },
        [service](const BrandQuery &query) { return service->cachedBrands(query); });

    router.get(QStringLiteral("/media/{path...}"),
               [service](const Http::Request &request) -> Http::Reply {
                   auto file = service->media(request.pathParam(QStringLiteral("path")));
                   if (!file) {
                       return fail(file.error());
                   }
                   const QByteArray etag = entityTag(*file);
                   const QByteArray ifNoneMatch = request.header("if-none-match");
                   Http::Response response = !ifNoneMatch.isEmpty() && noneMatch(ifNoneMatch, etag)
                       ? Http::Response::bytes({}, {}, 304)
                       : Http::Response::bytes(file->contentType, std::move(file->data));
                   response.setHeader(QByteArrayLiteral("ETag"), etag);
                   response.setHeader(QByteArrayLiteral("Cache-Control"), kMediaCacheControl);
                   return response;
               });

    return module;
}

} // namespace Shop::Server
