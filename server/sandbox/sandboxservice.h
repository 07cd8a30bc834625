#pragma once

#include "http/router.h"

#include <QString>

namespace Shop::Sandbox {

// One emulated third party (SendGrid now, Stripe with the payments module). SandboxServer
// registers every service's routes on one router and shows each service as a tab of the inbox
// page. Handlers run on the HTTP worker threads: a service's state must be thread-safe.
class SandboxService
{
public:
    virtual ~SandboxService() = default;

    // "mail": the tab's id in "/?tab=mail"; also the prefix of the service's own pages.
    [[nodiscard]] virtual QString tabId() const = 0;
    [[nodiscard]] virtual QString tabTitle() const = 0;
    // The tab's content, escaped HTML (everything taken from requests must be escaped).
    [[nodiscard]] virtual QString renderTab() const = 0;
    virtual void registerRoutes(Http::Router &router) = 0;
};

} // namespace Shop::Sandbox
