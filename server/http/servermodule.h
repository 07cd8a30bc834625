#pragma once

#include "principal.h"
#include "router.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace Shop::Http {

// One part of the server: a set of routes, the OpenAPI description of those routes, and the
// background work it owns (listeners, job workers, timers).
//
// The server builds its modules from one list (server/app/modules.cpp, one line per module),
// then, in this order: registerRoutes() on every module, start() on every module, serves, and at
// shutdown stop() on every module in reverse order once the HTTP server has drained. A module is
// destroyed after its stop(); its route handlers are never called after that.
//
// A module keeps its own state (service, repository, cache) and shares nothing with other modules
// through the server: adding a module changes no other module and no member of the server.
class ServerModule
{
public:
    virtual ~ServerModule() = default;

    // Short, lower case, stable: "catalog", "system". Used in logs.
    [[nodiscard]] virtual QString name() const = 0;

    // Adds the module's routes. Called once, before the server accepts connections.
    virtual void registerRoutes(Router &router) = 0;

    // The OpenAPI 3.1 description of the module's routes, merged into the served document:
    // {"paths": {...}, "components": {"schemas": {...}}}. Empty for a module without routes.
    [[nodiscard]] virtual QJsonObject openApi() const = 0;

    // The module that checks credentials (the accounts module) returns its authenticator; the
    // server uses the first one a module offers. Everyone else: nullptr.
    [[nodiscard]] virtual std::shared_ptr<const RequestAuthenticator> authenticator() const
    {
        return nullptr;
    }

    // Starts background work (threads, listeners, timers). Called after registerRoutes().
    virtual void start() { }
    // Ends background work and waits for it; must be safe to call without start() and twice.
    virtual void stop() { }

protected:
    ServerModule() = default;
    Q_DISABLE_COPY_MOVE(ServerModule)
};

} // namespace Shop::Http
