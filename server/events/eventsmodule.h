#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"

#include <memory>

namespace Shop::Db {
class NotificationListener;
}

namespace Shop::Events {

class EventHub;

// The staff's live feed and dashboard (docs/events.md): GET /api/admin/events (Server-Sent
// Events fed by admin_events through LISTEN shop_admin_events, from any instance) and
// GET /api/admin/dashboard (summary tables kept by triggers, migration 0012).
class EventsModule final : public Http::ServerModule
{
public:
    static constexpr auto kChannel = "shop_admin_events";

    explicit EventsModule(const Server::ServerConfig &config);
    ~EventsModule() override;

    [[nodiscard]] QString name() const override;
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;
    void start() override;
    void stop() override;

    [[nodiscard]] EventHub &hub() const { return *m_hub; }

private:
    const Server::ServerConfig m_config;
    std::unique_ptr<EventHub> m_hub;
    std::unique_ptr<Db::NotificationListener> m_listener;
    std::unique_ptr<Db::NotificationListener> m_jobsListener;
};

} // namespace Shop::Events
