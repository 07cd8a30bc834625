#include "shopserver.h"

#include "openapidocument.h"
#include "systemroutes.h"

#include <QLoggingCategory>
#include <QThread>

namespace Shop::Server {

namespace {
Q_LOGGING_CATEGORY(lcModules, "shop.server.modules")
}

int workerThreadCount(const ServerConfig &config)
{
    return config.database.poolSize > 0 ? config.database.poolSize
                                        : std::max(4, 2 * QThread::idealThreadCount());
}

ShopServer::ShopServer(const ServerConfig &config)
    : m_config(config)
{
    m_modules = createModules(m_config);
    for (const auto &module : m_modules) {
        module->registerRoutes(m_router);
    }
    if (Result<QJsonObject> document = openApiDocument(m_modules)) {
        registerOpenApiRoute(m_router, openApiJson(*document));
    } else {
        qCCritical(lcModules).noquote() << "no OpenAPI document:" << document.error().message;
        registerOpenApiRoute(m_router, {});
    }
    m_http =
        std::make_unique<Http::HttpServer>(m_router, m_config.http, workerThreadCount(m_config));
    for (const auto &module : m_modules) {
        if (auto authenticator = module->authenticator()) {
            m_http->setAuthenticator(std::move(authenticator));
            break;
        }
    }
}

ShopServer::~ShopServer()
{
    m_http.reset();
    for (auto it = m_modules.rbegin(); it != m_modules.rend(); ++it) {
        (*it)->stop();
    }
    m_modules.clear();
}

Result<quint16> ShopServer::start()
{
    return start(m_config.http.address, m_config.http.port);
}

Result<quint16> ShopServer::start(const QHostAddress &address, quint16 port)
{
    if (!m_modulesStarted) {
        m_modulesStarted = true;
        for (const auto &module : m_modules) {
            qCDebug(lcModules).noquote() << "starting" << module->name();
            module->start();
        }
    }
    return m_http->start(address, port);
}

void ShopServer::shutdown()
{
    m_http->shutdown();
}

} // namespace Shop::Server
