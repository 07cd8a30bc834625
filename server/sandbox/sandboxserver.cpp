#include "sandboxserver.h"

#include "html.h"
#include "sendgridservice.h"
#include "stripeservice.h"

#include <QUrlQuery>

namespace Shop::Sandbox {

SandboxServer::SandboxServer(const SandboxOptions &options)
    : m_options(options)
{
    auto sendGrid = std::make_unique<SendGridService>(options.sendGridKeys);
    m_sendGrid = sendGrid.get();
    m_services.push_back(std::move(sendGrid));
    auto stripe = std::make_unique<StripeService>(options.stripe);
    m_stripe = stripe.get();
    m_services.push_back(std::move(stripe));

    for (const std::unique_ptr<SandboxService> &service : m_services) {
        service->registerRoutes(m_router);
    }
    m_router.get(QStringLiteral("/"),
                 [this](const Http::Request &request) -> Http::Reply { return page(request); });
}

SandboxServer::~SandboxServer() = default;

Server::HttpConfig SandboxServer::httpConfig() const
{
    Server::HttpConfig config;
    config.address = m_options.address;
    config.port = m_options.port;
    config.maxBodyBytes = m_options.maxBodyBytes;
    return config;
}

Http::Response SandboxServer::page(const Http::Request &request) const
{
    const QString wanted =
        QUrlQuery(QString::fromLatin1(request.rawQuery)).queryItemValue(QStringLiteral("tab"));
    QList<Tab> tabs;
    const SandboxService *active = m_services.front().get();
    for (const std::unique_ptr<SandboxService> &service : m_services) {
        tabs.append({service->tabId(), service->tabTitle()});
        if (service->tabId() == wanted) {
            active = service.get();
        }
    }
    return htmlResponse(renderPage(active->tabTitle(), tabs, active->tabId(), active->renderTab()));
}

} // namespace Shop::Sandbox
