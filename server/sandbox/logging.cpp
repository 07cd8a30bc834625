#include "logging.h"

namespace Shop::Sandbox {

Q_LOGGING_CATEGORY(lcSandboxServer, "shop.sandbox.server")
Q_LOGGING_CATEGORY(lcSandboxSendGrid, "shop.sandbox.sendgrid")

} // namespace Shop::Sandbox
