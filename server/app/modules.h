#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"

#include <memory>
#include <vector>

namespace Shop::Server {

using ModuleList = std::vector<std::unique_ptr<Http::ServerModule>>;

// Every module of shop-server, in the order their routes are registered and started (stopped in
// reverse). To add a module, add one line in modules.cpp; see docs/architecture.md.
[[nodiscard]] ModuleList createModules(const ServerConfig &config);

// The OpenAPI document served at /api/openapi.json: the built-in base document
// (server/app/openapi/base.json) with every module's fragment (ServerModule::openApi()) merged in.
[[nodiscard]] Result<QJsonObject> openApiDocument(const ModuleList &modules);
// The same for the modules of a default configuration, without touching the database: what
// `shop-server openapi` prints and docs/openapi.json holds.
[[nodiscard]] Result<QJsonObject> builtInOpenApi();

} // namespace Shop::Server
