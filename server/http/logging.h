#pragma once

#include <QLoggingCategory>

namespace Shop::Http {

// shop.http.server: start, stop, handler failures. shop.http.limits: requests refused by a limit
// (size, time, connection count, queue). shop.http.access: one line per answered request.
Q_DECLARE_LOGGING_CATEGORY(lcHttpServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttpLimits)
Q_DECLARE_LOGGING_CATEGORY(lcHttpAccess)

} // namespace Shop::Http
