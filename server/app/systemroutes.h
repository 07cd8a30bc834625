#pragma once

#include "http/servermodule.h"

#include <QByteArray>

namespace Shop::Server {

// The server's own routes:
//   GET /health/live (event loop): 200 {"status":"ok"} while the process answers HTTP.
//   GET /health/ready (worker pool): 200 when PostgreSQL is reachable and no migration is
//   pending, else 503 problem saying which.
class SystemModule final : public Http::ServerModule
{
public:
    SystemModule() = default;

    [[nodiscard]] QString name() const override { return QStringLiteral("system"); }
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;
};

// GET /api/openapi.json (event loop): `document`, the description of every module's routes.
void registerOpenApiRoute(Http::Router &router, QByteArray document);

} // namespace Shop::Server
