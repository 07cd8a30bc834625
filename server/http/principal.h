#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

namespace Shop::Http {

struct Request;

// Who sent a request, as the request authenticator established it. Empty (not authenticated) for
// anonymous requests.
struct Principal
{
    QString userId;
    QString sessionId;
    QString role;
    QStringList permissions; // "read:account", ...; "*" grants everything

    [[nodiscard]] bool isAuthenticated() const { return !userId.isEmpty(); }
    [[nodiscard]] bool has(QStringView permission) const
    {
        return permissions.contains(QStringLiteral("*")) || permissions.contains(permission);
    }
};

// Turns a request's credentials into a Principal. The HTTP server calls it on its event loop for
// every request to a route with a permission, and for any request that carries credentials, so it
// must not block (verify a signature, look up an in-memory set; no SQL). The accounts module
// provides it.
class RequestAuthenticator
{
public:
    virtual ~RequestAuthenticator() = default;
    // True when the request carries credentials this authenticator reads (e.g. a bearer token).
    [[nodiscard]] virtual bool hasCredentials(const Request &request) const = 0;
    // The principal, or Unauthorized with a message safe for clients (the reason in logDetail).
    [[nodiscard]] virtual Result<Principal> authenticate(const Request &request) const = 0;
};

} // namespace Shop::Http
