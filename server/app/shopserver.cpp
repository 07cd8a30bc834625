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
    m_metrics.reset(); // no scrape runs while the modules stop
    m_httpMetrics.reset();
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
    if (!m_httpMetrics.isSet()) {
        m_httpMetrics = Metrics::CollectorHandle([http = m_http.get()](Metrics::Exposition &out) {
            using Type = Metrics::Exposition::Type;
            out.add("shop_worker_pool_queue_depth", "Requests waiting for an HTTP worker thread.",
                    Type::Gauge, {}, http->queuedRequests());
            out.add("shop_worker_pool_running", "Requests being handled on HTTP worker threads.",
                    Type::Gauge, {}, http->runningRequests());
            out.add("shop_worker_pool_threads", "HTTP worker threads.", Type::Gauge, {},
                    http->workerThreads());
            out.add("shop_http_open_connections", "Open client connections.", Type::Gauge, {},
                    http->openConnections());
        });
    }
    if (!m_config.metricsListen.isEmpty() && !m_metrics) {
        auto metrics = std::make_unique<Metrics::MetricsServer>();
        if (Result<quint16> listening = metrics->start(m_config.metricsListen); !listening) {
            return fail(listening.error());
        }
        m_metrics = std::move(metrics);
    }
    return m_http->start(address, port);
}

void ShopServer::shutdown()
{
    m_http->shutdown();
}

} // namespace Shop::Server
