#include "catalogmodule.h"

#include "catalogadmin.h"
#include "catalogcsv.h"
#include "catalogroutes.h"
#include "catalogservice.h"
#include "db/notificationlistener.h"
#include "inprocesscatalogcache.h"
#include "mediadecoder.h"
#include "productimages.h"
#include "redis/redisclient.h"
#include "rediscatalogcache.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

namespace Shop::Catalog {

namespace {
Q_LOGGING_CATEGORY(lcModule, "shop.catalog.module")
// Uploads that may wait for a decoding thread, per thread; more get 503 + Retry-After.
constexpr int kQueuedDecodesPerWorker = 4;
} // namespace

CatalogModule::CatalogModule(const Server::ServerConfig &config)
{
    std::shared_ptr<CatalogCache> cache;
    if (config.cache.enabled) {
        cache = std::make_shared<InProcessCatalogCache>(config.cache.maxEntries);
        if (auto redis = Redis::Client::forConfig(config)) {
            // Redis behind the memory tier, shared by every instance (docs/caching.md).
            m_redis = redis;
            cache = std::make_shared<RedisCatalogCache>(cache, std::move(redis));
            qCInfo(lcModule) << "response cache: memory, then Redis";
        }
        // Any committed catalog change, from any instance, drops what it alters (a few products'
        // changes: the answers that depend on them; anything else: everything); while changes
        // cannot be observed the cache is not trusted, and it starts from empty afterwards.
        m_listener = std::make_unique<Db::NotificationListener>(
            config.database, QString::fromLatin1(kChangesChannel),
            Db::NotificationListener::Callbacks {
                .notified =
                    [cache](const QString &payload) {
                        cache->invalidate(CatalogChange::fromPayload(payload.toUtf8()));
                    },
                .connectedChanged = [cache](bool connected) { cache->setLive(connected); },
            });
    } else {
        qCInfo(lcModule) << "response cache disabled";
    }
    m_service = std::make_shared<CatalogService>(cache, config.cache);
    // The configuration was checked when it was loaded; USD for anything it let through.
    m_admin = std::make_shared<CatalogAdmin>(
        m_service->cache(), Currency::fromCode(config.currency).value_or(Currency()));
    m_media.images = std::make_shared<ProductImages>(m_service->cache());
    m_media.csv = std::make_shared<CatalogCsv>(
        m_service->cache(), Currency::fromCode(config.currency).value_or(Currency()));
    // Uploaded images are decoded on a pool of their own, a few waiting at most per thread.
    m_media.decoder = std::make_shared<MediaDecoder>(
        config.media.workers, kQueuedDecodesPerWorker * config.media.workers);
    // Uploads accept at least what every route accepts.
    m_media.maxUploadBytes = std::max(config.http.maxUploadBytes, config.http.maxBodyBytes);
}

CatalogModule::~CatalogModule()
{
    stop();
}

QString CatalogModule::name() const
{
    return QStringLiteral("catalog");
}

void CatalogModule::registerRoutes(Http::Router &router)
{
    registerCatalogRoutes(router, m_service);
    registerCatalogAdminRoutes(router, m_admin);
    registerCatalogMediaRoutes(router, m_media);
}

namespace {

QJsonObject readFragment(const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcModule).noquote() << "missing resource" << resource;
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

// `extra`'s members added to `into`, one level down: the operations of a path item, the entries
// of a components section.
void mergeSections(QJsonObject &into, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        QJsonObject section = into.value(it.key()).toObject();
        const QJsonObject add = it.value().toObject();
        for (auto member = add.begin(); member != add.end(); ++member) {
            section.insert(member.key(), member.value());
        }
        into.insert(it.key(), section);
    }
}

} // namespace

// The public catalog's fragment and the staff's (openapi-admin.json), which adds operations to
// some of the same paths.
QJsonObject CatalogModule::openApi() const
{
    QJsonObject document = readFragment(QStringLiteral(":/openapi/catalog/openapi.json"));
    const QJsonObject admin = readFragment(QStringLiteral(":/openapi/catalog/openapi-admin.json"));
    for (const QString &key : {QStringLiteral("paths"), QStringLiteral("components")}) {
        QJsonObject part = document.value(key).toObject();
        mergeSections(part, admin.value(key).toObject());
        document.insert(key, part);
    }
    return document;
}

void CatalogModule::start()
{
    if (m_listener && !m_listener->isRunning()) {
        m_listener->start();
    }
    if (const std::shared_ptr<CatalogCache> &cache = m_service->cache()) {
        m_metrics = Metrics::CollectorHandle([cache, redis = m_redis](Metrics::Exposition &out) {
            using Type = Metrics::Exposition::Type;
            const QByteArray help = "Cache lookups by tier, cache and result.";
            const auto lookups = [&](const QString &tier, const QString &name, quint64 hits,
                                     quint64 misses) {
                out.add("shop_cache_requests_total", help, Type::Counter,
                        {{"tier", tier}, {"cache", name}, {"result", QStringLiteral("hit")}},
                        double(hits));
                out.add("shop_cache_requests_total", help, Type::Counter,
                        {{"tier", tier}, {"cache", name}, {"result", QStringLiteral("miss")}},
                        double(misses));
            };
            const CatalogCache::Stats stats = cache->stats();
            lookups(QStringLiteral("memory"), QStringLiteral("catalog"), stats.hits, stats.misses);
            out.add("shop_cache_entries", "Entries held by a cache tier.", Type::Gauge,
                    {{"tier", QStringLiteral("memory")}, {"cache", QStringLiteral("catalog")}},
                    double(stats.entries));
            out.add("shop_cache_bytes", "Bytes held by a cache tier (keys and values).",
                    Type::Gauge,
                    {{"tier", QStringLiteral("memory")}, {"cache", QStringLiteral("catalog")}},
                    double(stats.bytes));
            if (redis) {
                // The Redis client is one per process (Redis::Client::forConfig), shared by the
                // catalog, the cart cache and the rate limiter: its figures are reported once,
                // here.
                const Redis::Stats r = redis->stats();
                lookups(QStringLiteral("redis"), QStringLiteral("catalog"), r.catalog.hits,
                        r.catalog.misses);
                lookups(QStringLiteral("redis"), QStringLiteral("cart"), r.cart.hits,
                        r.cart.misses);
                out.add("shop_redis_up", "1 when the last Redis command succeeded.", Type::Gauge,
                        {}, r.up ? 1.0 : 0.0);
                out.add("shop_redis_errors_total",
                        "Redis connection failures, timeouts and protocol errors.", Type::Counter,
                        {}, double(r.errors));
                out.add("shop_redis_skipped_total",
                        "Redis commands not sent because Redis was down (served from "
                        "PostgreSQL instead).",
                        Type::Counter, {}, double(r.skipped));
            }
        });
    }
}

void CatalogModule::stop()
{
    m_metrics.reset();
    if (m_listener) {
        m_listener->stop();
    }
}

} // namespace Shop::Catalog
