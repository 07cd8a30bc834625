#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"
#include "jobs/jobs.h"
#include "outbox.h"

#include <memory>

namespace Shop::Outbox {

// The outbox module: the "mail" job kind (compose, then send through SendGrid, or shop-sandbox in
// the demo) in the shared job registry. No routes. Modules that send email add their composers
// to composers() while the module list is built (server/app/modules.cpp), before start().
class OutboxModule final : public Http::ServerModule
{
public:
    OutboxModule(const Server::ServerConfig &config, Jobs::Registry &registry);

    [[nodiscard]] QString name() const override { return QStringLiteral("outbox"); }
    void registerRoutes(Http::Router &) override { }
    [[nodiscard]] QJsonObject openApi() const override { return {}; }
    void start() override;
    void stop() override { }

    [[nodiscard]] Composers &composers() { return *m_composers; }

private:
    const Server::MailConfig m_mail;
    const Server::ServerMode m_mode;
    std::shared_ptr<Composers> m_composers;
};

} // namespace Shop::Outbox
