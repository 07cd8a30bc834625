#pragma once

#include "config/serverconfig.h"
#include "http/router.h"
#include "sandboxservice.h"
#include "stripeservice.h"

#include <QHostAddress>
#include <QStringList>

#include <memory>
#include <vector>

namespace Shop::Sandbox {

class SendGridService;
class StripeService;

struct SandboxOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8025;
    QStringList sendGridKeys; // accepted API keys; empty: any non-empty bearer token
    qint64 maxBodyBytes = 30 * 1024 * 1024; // SendGrid's documented 30 MB total
    int workerThreads = 2;
    StripeOptions stripe; // keys, webhook endpoints and delivery (stripeservice.h)
};

// shop-sandbox's routes: every service's own routes plus the inbox page (GET /, one tab per
// service, "/?tab=<id>"). Build it, then serve router() with an Http::HttpServer configured with
// httpConfig(). The router is complete after construction and never changes.
class SandboxServer final
{
public:
    explicit SandboxServer(const SandboxOptions &options);
    ~SandboxServer();

    SandboxServer(const SandboxServer &) = delete;
    SandboxServer &operator=(const SandboxServer &) = delete;

    [[nodiscard]] const Http::Router &router() const { return m_router; }
    [[nodiscard]] Server::HttpConfig httpConfig() const;
    [[nodiscard]] SendGridService &sendGrid() { return *m_sendGrid; }
    [[nodiscard]] StripeService &stripe() { return *m_stripe; }

private:
    [[nodiscard]] Http::Response page(const Http::Request &request) const;

    SandboxOptions m_options;
    Http::Router m_router;
    std::vector<std::unique_ptr<SandboxService>> m_services;
    SendGridService *m_sendGrid = nullptr; // in m_services
    StripeService *m_stripe = nullptr; // in m_services
};

} // namespace Shop::Sandbox
