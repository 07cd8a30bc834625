#include "jobsmodule.h"

#include "jobworkers.h"

namespace Shop::Jobs {

JobsModule::JobsModule(const Server::ServerConfig &config, std::shared_ptr<Registry> registry)
    : m_config(config)
    , m_registry(std::move(registry))
{ }

JobsModule::~JobsModule()
{
    stop();
}

void JobsModule::start()
{
    if (m_workers || m_config.jobs.workers <= 0) {
        return;
    }
    WorkerOptions options;
    options.workers = m_config.jobs.workers;
    options.lease = std::chrono::seconds(m_config.jobs.leaseSec);
    options.grace = std::chrono::seconds(m_config.jobs.graceSec);
    options.poll = std::chrono::milliseconds(m_config.jobs.pollMs);
    options.keepDone = std::chrono::hours(m_config.jobs.keepDoneHours);
    options.maxRate = m_config.jobs.maxRate;
    m_workers = std::make_unique<JobWorkers>(m_config.database, m_registry, options);
    m_workers->start();
}

void JobsModule::stop()
{
    m_workers.reset(); // stops and waits (grace period)
}

} // namespace Shop::Jobs
