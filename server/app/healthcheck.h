#pragma once

#include "config/serverconfig.h"
#include "error.h"

#include <QString>

namespace Shop::Server {

struct HealthcheckResult
{
    int status = 0; // the HTTP status of GET /health/ready
    QString detail; // its "status" field, or the reason phrase
};

// `shop-server healthcheck`: asks the server configured in `config` (http/address and http/port;
// a wildcard address is probed on loopback) for GET /health/ready over plain HTTP, waiting up to
// `timeoutMs` in all. For container and load-balancer health checks on hosts without curl.
// An error means no HTTP answer at all (refused, timed out, not HTTP).
[[nodiscard]] Result<HealthcheckResult> checkHealth(const HttpConfig &config, int timeoutMs = 3000);

} // namespace Shop::Server
