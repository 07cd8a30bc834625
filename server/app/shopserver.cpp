#include "shopserver.h"

#include "systemroutes.h"

#include <QThread>

namespace Shop::Server {

std::unique_ptr<CatalogModule> registerAllRoutes(Http::Router &router, const ServerConfig &config)
{
    registerHealthRoutes(router);
    registerOpenApiRoute(router);
    return registerCatalogModule(router, config);
}

int workerThreadCount(const ServerConfig &config)
{
    return config.database.poolSize > 0 ? config.database.poolSize
                                        : std::max(4, 2 * QThread::idealThreadCount());
}

ShopServer::ShopServer(const ServerConfig &config)
    : m_config(config)
{
    m_catalog = registerAllRoutes(m_router, m_config);
    m_http =
        std::make_unique<Http::HttpServer>(m_router, m_config.http, workerThreadCount(m_config));
}

ShopServer::~ShopServer()
{
    m_http.reset();
    m_catalog.reset();
}

Result<quint16> ShopServer::start()
{
    return start(m_config.http.address, m_config.http.port);
}

Result<quint16> ShopServer::start(const QHostAddress &address, quint16 port)
{
    return m_http->start(address, port);
}

void ShopServer::shutdown()
{
    m_http->shutdown();
}

} // namespace Shop::Server
