#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"
#include "jobs.h"
#include "metrics/metrics.h"

#include <memory>

namespace Shop::Jobs {

class JobWorkers;
class Waker;

// The jobs module: no routes, only the worker pool ([jobs] in the configuration). Other modules
// register their handlers in the shared Registry (built in server/app/modules.cpp) before
// start(), and enqueue with Jobs::enqueue() in their own transactions.
class JobsModule final : public Http::ServerModule
{
public:
    JobsModule(const Server::ServerConfig &config, std::shared_ptr<Registry> registry);
    ~JobsModule() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("jobs"); }
    void registerRoutes(Http::Router &) override { }
    [[nodiscard]] QJsonObject openApi() const override { return {}; }
    void start() override;
    void stop() override;

private:
    const Server::ServerConfig m_config;
    const std::shared_ptr<Registry> m_registry;
    std::unique_ptr<JobWorkers> m_workers;
    std::unique_ptr<Waker> m_waker;
    Metrics::CollectorHandle m_metrics; // shop_jobs_* gauges, sampled at scrape time
};

} // namespace Shop::Jobs
