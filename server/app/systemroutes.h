#pragma once

#include "http/router.h"

namespace Shop::Server {

// GET /health/live (event loop): 200 {"status":"ok"} while the process answers HTTP.
// GET /health/ready (worker pool): 200 when PostgreSQL is reachable and no migration is
// pending, else 503 problem saying which.
void registerHealthRoutes(Http::Router &router);

// GET /api/openapi.json (event loop): docs/openapi.json, built into the binary.
void registerOpenApiRoute(Http::Router &router);
// The embedded OpenAPI document (empty if the resource is missing).
[[nodiscard]] QByteArray openApiDocument();

} // namespace Shop::Server
