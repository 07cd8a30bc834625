#pragma once

#include "http/router.h"

namespace Shop::Server {

// GET /health/live (event loop): 200 {"status":"ok"} while the process answers HTTP.
// GET /health/ready (worker pool): 200 when PostgreSQL is reachable and no migration is
// pending, else 503 problem saying which.
void registerHealthRoutes(Http::Router &router);

// GET /api/openapi.json (event loop): the OpenAPI document assembled from the built-in base and
// fragments (openapidocument.h); docs/openapi.json is a copy.
void registerOpenApiRoute(Http::Router &router);
// The assembled OpenAPI document as served (empty, and logged, if it cannot be assembled).
[[nodiscard]] QByteArray openApiDocument();

} // namespace Shop::Server
