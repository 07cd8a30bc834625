#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"
#include "ordersservice.h"

#include <memory>

namespace Shop::Outbox {
class Composers;
}

namespace Shop::Jobs {
class Registry;
}

namespace Shop::Orders {

// The orders module: checkout (POST /api/orders, exactly once per Idempotency-Key), the
// customer's and the staff's order routes (OrdersService), the expiry of unpaid orders (job
// order.expire), the order confirmation and shipping notification emails (outbox composers), and
// the removal of idempotency keys older than a day (the job workers' housekeeping).
class OrdersModule final : public Http::ServerModule
{
public:
    OrdersModule(const Server::ServerConfig &config, Jobs::Registry &jobs,
                 Outbox::Composers &composers);
    ~OrdersModule() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("orders"); }
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;

    // The module's settings from the server's configuration.
    [[nodiscard]] static OrdersSettings settingsFrom(const Server::ServerConfig &config);

private:
    Server::ServerConfig m_config;
    std::unique_ptr<OrdersService> m_service;
};

} // namespace Shop::Orders
