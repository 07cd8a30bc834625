#include "logging.h"

namespace Shop::Http {

Q_LOGGING_CATEGORY(lcHttpServer, "shop.http.server")
Q_LOGGING_CATEGORY(lcHttpLimits, "shop.http.limits")
Q_LOGGING_CATEGORY(lcHttpAccess, "shop.http.access")

} // namespace Shop::Http
