#pragma once

#include "config/serverconfig.h"
#include "http/router.h"

#include <memory>

namespace Shop::Server {

// The catalog part of the server: products, categories, brands, product images. Owns its service
// and cache; registers its routes on the router. Lives as long as the HTTP server.
class CatalogModule
{
public:
    virtual ~CatalogModule() = default;
};

[[nodiscard]] std::unique_ptr<CatalogModule> registerCatalogModule(Http::Router &router,
                                                                   const ServerConfig &config);

} // namespace Shop::Server
