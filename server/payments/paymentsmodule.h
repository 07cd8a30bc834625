#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"
#include "paymentsservice.h"

#include <memory>

namespace Shop::Jobs {
class Registry;
}

namespace Shop::Payments {

// The payments module: Stripe PaymentIntents for orders, the signed webhook (exactly once per
// event), refunds, and the jobs that finish what a request or a webhook could not (refunds when
// Stripe is unreachable, the refund of a cancelled paid order, the cancellation of an expired
// order's intent, the reconciliation of intents left processing). docs/payments.md.
class PaymentsModule final : public Http::ServerModule
{
public:
    PaymentsModule(const Server::ServerConfig &config, Jobs::Registry &jobs);
    ~PaymentsModule() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("payments"); }
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;

private:
    std::unique_ptr<PaymentsService> m_service;
};

} // namespace Shop::Payments
