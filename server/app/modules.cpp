#include "modules.h"

#include "accounts/accountsmodule.h"
#include "audit/auditmodule.h"
#include "cart/cartmodule.h"
#include "catalog/catalogmodule.h"
#include "catalog/productimages.h"
#include "events/dashboard.h"
#include "events/eventsmodule.h"
#include "jobs/jobsmodule.h"
#include "openapidocument.h"
#include "orders/ordersmodule.h"
#include "outbox/outboxmodule.h"
#include "payments/paymentsmodule.h"
#include "systemroutes.h"

#include <QDateTime>

namespace Shop::Server {

ModuleList createModules(const ServerConfig &config)
{
    ModuleList modules;
    modules.push_back(std::make_unique<SystemModule>());
    modules.push_back(std::make_unique<Catalog::CatalogModule>(config));
    // The job handlers of every module; modules that enqueue jobs add theirs to it.
    auto jobHandlers = std::make_shared<Jobs::Registry>();
    // Image files no product uses any more, after their grace period (catalog/productimages.h).
    jobHandlers->addHousekeeping(QStringLiteral("unused images"), [](QSqlDatabase &db) {
        return Catalog::ProductImages::removeUnused(db);
    });
    // The dashboard's 30-day top products window moves on at midnight UTC (events/dashboard.h).
    jobHandlers->addHousekeeping(QStringLiteral("dashboard window"), [](QSqlDatabase &db) {
        return Events::rollDashboardWindow(db, QDateTime::currentDateTimeUtc().date());
    });
    // Email as jobs; modules that send email add their composers to outbox->composers().
    auto outbox = std::make_unique<Outbox::OutboxModule>(config, *jobHandlers);
    modules.push_back(std::make_unique<Accounts::AccountsModule>(config, outbox->composers()));
    modules.push_back(
        std::make_unique<Orders::OrdersModule>(config, *jobHandlers, outbox->composers()));
    modules.push_back(std::make_unique<Audit::AuditModule>());
    modules.push_back(std::make_unique<Cart::CartModule>(config));
    modules.push_back(std::make_unique<Payments::PaymentsModule>(config, *jobHandlers));
    modules.push_back(std::move(outbox));
    modules.push_back(std::make_unique<Events::EventsModule>(config));
    // Last: its workers start when every handler is registered, and stop first.
    modules.push_back(std::make_unique<Jobs::JobsModule>(config, jobHandlers));
    return modules;
}

Result<QJsonObject> openApiDocument(const ModuleList &modules)
{
    QList<OpenApiFragment> fragments;
    for (const auto &module : modules) {
        fragments.append({module->name(), module->openApi()});
    }
    return assembleOpenApi(fragments);
}

Result<QJsonObject> builtInOpenApi()
{
    ServerConfig config;
    config.cache.enabled = false; // no listener: nothing here touches the database
    return openApiDocument(createModules(config));
}

} // namespace Shop::Server
