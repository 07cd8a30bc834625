#pragma once

#include "catalogroutes.h"
#include "config/serverconfig.h"
#include "http/servermodule.h"
#include "metrics/metrics.h"

#include <memory>

namespace Shop::Db {
class NotificationListener;
}

namespace Shop::Redis {
class Client;
}

namespace Shop::Catalog {

class CatalogAdmin;
class CatalogService;

// The catalog module: products, categories, brands and product images. Owns its service, its
// response cache and the listener that keeps the cache honest (channel shop_catalog_changed, sent
// on commit by statement triggers on products and categories, by any server instance).
class CatalogModule final : public Http::ServerModule
{
public:
    static constexpr auto kChangesChannel = "shop_catalog_changed";

    explicit CatalogModule(const Server::ServerConfig &config);
    ~CatalogModule() override;

    [[nodiscard]] QString name() const override;
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;
    void start() override;
    void stop() override;

    [[nodiscard]] const std::shared_ptr<CatalogService> &service() const { return m_service; }
    [[nodiscard]] const std::shared_ptr<CatalogAdmin> &admin() const { return m_admin; }
    // Null when the cache is disabled.
    [[nodiscard]] Db::NotificationListener *listener() const { return m_listener.get(); }

private:
    std::shared_ptr<CatalogService> m_service;
    std::shared_ptr<CatalogAdmin> m_admin; // the staff's changes (catalogadmin.h)
    std::unique_ptr<Db::NotificationListener> m_listener;
    Metrics::CollectorHandle m_metrics; // the cache's hits and misses, read at scrape time
    std::shared_ptr<Redis::Client> m_redis; // the second tier's client, when Redis is configured
    MediaRouteServices m_media; // images and CSV (productimages.h, catalogcsv.h)
};

} // namespace Shop::Catalog
