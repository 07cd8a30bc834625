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

// The OpenAPI document served at /api/openapi.json: the embedded base document with every module's
// paths and schemas merged in.
[[nodiscard]] QByteArray openApiDocument(const ModuleList &modules);

} // namespace Shop::Server
