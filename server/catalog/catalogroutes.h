#pragma once

#include "http/router.h"

#include <memory>

namespace Shop::Catalog {

class CatalogService;

// The catalog's HTTP routes on `router`, answered by `service`.
void registerCatalogRoutes(Http::Router &router, const std::shared_ptr<CatalogService> &service);

} // namespace Shop::Catalog
