#include "catalogmodule.h"

#include "catalogroutes.h"
#include "catalogservice.h"
#include "db/notificationlistener.h"
#include "inprocesscatalogcache.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Catalog {

namespace {
Q_LOGGING_CATEGORY(lcModule, "shop.catalog.module")
}

CatalogModule::CatalogModule(const Server::ServerConfig &config)
{
    std::shared_ptr<CatalogCache> cache;
    if (config.cache.enabled) {
        cache = std::make_shared<InProcessCatalogCache>(config.cache.maxEntries);
        // Any committed catalog change, from any instance, empties the cache; while changes
        // cannot be observed the cache is not trusted, and it starts from empty afterwards.
        m_listener = std::make_unique<Db::NotificationListener>(
            config.database, QString::fromLatin1(kChangesChannel),
            Db::NotificationListener::Callbacks {
                .notified = [cache](const QString &) { cache->invalidateAll(); },
                .connectedChanged = [cache](bool connected) { cache->setLive(connected); },
            });
    } else {
        qCInfo(lcModule) << "response cache disabled";
    }
    m_service = std::make_shared<CatalogService>(std::move(cache), config.cache);
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
}

QJsonObject CatalogModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/catalog/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

void CatalogModule::start()
{
    if (m_listener && !m_listener->isRunning()) {
        m_listener->start();
    }
}

void CatalogModule::stop()
{
    if (m_listener) {
        m_listener->stop();
    }
}

} // namespace Shop::Catalog
