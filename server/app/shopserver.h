#pragma once

#include "catalog/catalogmodule.h"
#include "config/serverconfig.h"
#include "error.h"
#include "http/httpserver.h"
#include "http/router.h"

#include <memory>

namespace Shop::Server {

// shop-server assembled: the router with the health, OpenAPI and catalog routes, and the HTTP
// server on top. Lives in the thread that creates it (its event loop serves the sockets). The
// database must be configured first (Db::configure(); tests: TestDatabase).
class ShopServer final
{
public:
    explicit ShopServer(const ServerConfig &config);
    ~ShopServer();

    Q_DISABLE_COPY_MOVE(ShopServer)

    // Listens on config.http.address and port; returns the bound port.
    [[nodiscard]] Result<quint16> start();
    [[nodiscard]] Result<quint16> start(const QHostAddress &address, quint16 port);
    // Stops accepting; idle connections close now, busy ones after their answers. The HTTP
    // server emits drained() when the last connection is gone.
    void shutdown();

    [[nodiscard]] Http::HttpServer &http() { return *m_http; }
    [[nodiscard]] const Http::Router &router() const { return m_router; }
    [[nodiscard]] const ServerConfig &config() const { return m_config; }

private:
    ServerConfig m_config;
    Http::Router m_router;
    std::unique_ptr<CatalogModule> m_catalog;
    std::unique_ptr<Http::HttpServer> m_http; // destroyed first: it uses the routes above
};

// Every route of shop-server on `router`; the returned module owns the catalog's state and must
// outlive the server using the router. (ShopServer uses this; so does the OpenAPI test.)
[[nodiscard]] std::unique_ptr<CatalogModule> registerAllRoutes(Http::Router &router,
                                                               const ServerConfig &config);

// Worker threads for a configured pool size (0: 2 x CPU cores, at least 4).
[[nodiscard]] int workerThreadCount(const ServerConfig &config);

} // namespace Shop::Server
