#pragma once

#include "http/servermodule.h"

namespace Shop::Audit {

// GET /api/admin/audit: the audit log, newest first, filtered by actor, target and time
// (permission read:audit, so admins only).
class AuditModule final : public Http::ServerModule
{
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("audit"); }
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;
};

} // namespace Shop::Audit
