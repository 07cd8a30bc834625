#pragma once

#include "http/router.h"

#include <memory>

namespace Shop::Catalog {

class CatalogAdmin;
class CatalogService;

// The catalog's HTTP routes on `router`, answered by `service`.
void registerCatalogRoutes(Http::Router &router, const std::shared_ptr<CatalogService> &service);

// The staff's catalog routes (catalogadminroutes.cpp), answered by `admin`.
void registerCatalogAdminRoutes(Http::Router &router, const std::shared_ptr<CatalogAdmin> &admin);

} // namespace Shop::Catalog
