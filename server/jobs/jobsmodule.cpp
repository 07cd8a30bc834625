#include "jobsmodule.h"

#include "jobworkers.h"
#include "waker.h"

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
    if (!m_workers && m_config.jobs.workers > 0) {
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
    if (!m_waker) {
        // Every serving process wakes the workers of all instances after its deferred commits,
        // whether or not it runs workers itself (m_workers is set before, reset after).
        m_waker = std::make_unique<Waker>(m_config.database, [workers = m_workers.get()] {
            if (workers) {
                workers->wake();
            }
        });
        m_waker->start();
        Waker::install(m_waker.get());
    }
}

void JobsModule::stop()
{
    if (m_waker) {
        Waker::uninstall(m_waker.get());
        m_waker.reset(); // sends a NOTIFY still asked for
    }
    m_workers.reset(); // stops and waits (grace period)
}

} // namespace Shop::Jobs
