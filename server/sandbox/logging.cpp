#include "logging.h"

namespace Shop::Sandbox {

Q_LOGGING_CATEGORY(lcSandboxServer, "shop.sandbox.server")
Q_LOGGING_CATEGORY(lcSandboxSendGrid, "shop.sandbox.sendgrid")
Q_LOGGING_CATEGORY(lcSandboxStripe, "shop.sandbox.stripe")
Q_LOGGING_CATEGORY(lcSandboxStripeWebhooks, "shop.sandbox.stripe.webhooks")

} // namespace Shop::Sandbox
