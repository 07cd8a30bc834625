#pragma once

#include <QLoggingCategory>

namespace Shop::Sandbox {

// shop.sandbox.server: start, stop, options. shop.sandbox.sendgrid: accepted and refused mail
// sends (ids and statuses only; never keys or message bodies).
Q_DECLARE_LOGGING_CATEGORY(lcSandboxServer)
Q_DECLARE_LOGGING_CATEGORY(lcSandboxSendGrid)

} // namespace Shop::Sandbox
