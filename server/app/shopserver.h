#pragma once

#include "config/serverconfig.h"
#include "error.h"
#include "http/httpserver.h"
#include "http/router.h"
#include "metrics/metrics.h"
#include "metrics/metricsserver.h"
#include "modules.h"

#include <memory>

namespace Shop::Server {

// shop-server assembled: its modules (modules.cpp), the router with their routes and the OpenAPI
// document describing them, and the HTTP server on top. The modules' background work starts
// with start() and stops when the server is destroyed, after the HTTP server. Lives in the thread
// that creates it (its event loop serves the sockets). The database must be configured first
// (Db::configure(); tests: TestDatabase).
class ShopServer final
{
public:
    explicit ShopServer(const ServerConfig &config);
    ~ShopServer();

    Q_DISABLE_COPY_MOVE(ShopServer)

    // Listens on config.http.address and port; returns the bound port. With metricsListen set,
    // GET /metrics listens there too (its own thread); failing to listen there fails start().
    [[nodiscard]] Result<quint16> start();
    [[nodiscard]] Result<quint16> start(const QHostAddress &address, quint16 port);
    // Stops accepting; idle connections close now, busy ones after their answers. The HTTP
    // server emits drained() when the last connection is gone.
    void shutdown();

    [[nodiscard]] Http::HttpServer &http() { return *m_http; }
    [[nodiscard]] const Http::Router &router() const { return m_router; }
    [[nodiscard]] const ServerConfig &config() const { return m_config; }
    [[nodiscard]] const ModuleList &modules() const { return m_modules; }
    // The metrics listener's port; 0 when metrics are off.
    [[nodiscard]] quint16 metricsPort() const { return m_metrics ? m_metrics->port() : 0; }

private:
    ServerConfig m_config;
    Http::Router m_router;
    ModuleList m_modules; // outlive the HTTP server: it calls their routes
    bool m_modulesStarted = false;
    std::unique_ptr<Http::HttpServer> m_http; // destroyed first: it uses the routes above
    Metrics::CollectorHandle m_httpMetrics; // the worker pool and connections, at scrape time
    std::unique_ptr<Metrics::MetricsServer> m_metrics; // null: metrics off
};

// Worker threads for a configured pool size (0: 2 x CPU cores, at least 4).
[[nodiscard]] int workerThreadCount(const ServerConfig &config);

} // namespace Shop::Server
