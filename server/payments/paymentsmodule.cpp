#include "paymentsmodule.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Payments {

Q_LOGGING_CATEGORY(lcPaymentsModule, "shop.payments.module")

PaymentsModule::PaymentsModule(const Server::ServerConfig &config, Jobs::Registry &jobs)
    : m_service(std::make_unique<PaymentsService>(config.payments))
{
    m_service->registerJobs(jobs);
}

PaymentsModule::~PaymentsModule() = default;

void PaymentsModule::registerRoutes(Http::Router &router)
{
    m_service->registerRoutes(router);
}

QJsonObject PaymentsModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/payments/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcPaymentsModule, "The payments OpenAPI fragment is missing.");
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace Shop::Payments
