#pragma once

#include "ratelimiter.h"
#include "response.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace Shop::Metrics {
class RouteMetrics;
}

namespace Shop::Http {

// What the server remembers about one request while it is being answered: enough to finish the
// response headers, write it in order on the right connection and log it. Internal to server/http.
struct Exchange
{
    quint64 connectionId = 0;
    quint64 sequence = 0; // position of the request on its connection, from 0
    QByteArray method;
    QString path; // decoded path; the problem "instance" and the access log (never the query)
    QString requestId;
    QByteArray origin; // the Origin header, when sent
    QHostAddress remoteAddress;
    qint64 startedAtMs = 0; // server clock, first byte of the request
    bool head = false; // HEAD: the answer has no body
    bool keepAlive = true; // false: close after the answer
    int minorVersion = 1; // HTTP/1.<minorVersion>
    std::optional<RateDecision> rate; // the route's rate limit: RateLimit-* headers on the answer
    Metrics::RouteMetrics *metrics = nullptr; // counts the answer (route pattern or "unmatched")
};

struct Outgoing
{
    Exchange exchange;
    Response response; // finished: all headers but Date, Content-Length and Connection
    bool close = false; // close the connection after this answer
};

} // namespace Shop::Http
