#include "jobsmodule.h"

#include "jobworkers.h"
#include "waker.h"

#include "db/database.h"
#include "jobrepository.h"

namespace Shop::Jobs {

JobsModule::JobsModule(const Server::ServerConfig &config, std::shared_ptr<Registry> registry)
    : m_config(config)
    , m_registry(std::move(registry))
{ }

JobsModule::~JobsModule()
{
    stop();
}

namespace {

// Runs on the scraping thread (MetricsServer's, never the HTTP event loop), on its own
// connection. Without the database the jobs gauges are left out of that scrape.
void collectQueueMetrics(Metrics::Exposition &out)
{
    auto db = Db::threadConnection();
    if (!db) {
        return;
    }
    auto stats = JobRepository::statsByKind(*db);
    if (!stats) {
        return;
    }
    using Type = Metrics::Exposition::Type;
    for (const KindStats &s : std::as_const(*stats)) {
        const Metrics::Labels labels {{"kind", s.kind}};
        out.add("shop_jobs_queued", "Jobs waiting to run now (queued, run_at reached), by kind.",
                Type::Gauge, labels, double(s.due));
        out.add("shop_jobs_scheduled", "Jobs queued for later (run_at in the future), by kind.",
                Type::Gauge, labels, double(s.scheduled));
        out.add("shop_jobs_running", "Jobs claimed by a worker of any instance, by kind.",
                Type::Gauge, labels, double(s.running));
        out.add("shop_jobs_dead", "Jobs that gave up (need an operator), by kind.", Type::Gauge,
                labels, double(s.dead));
        out.add("shop_jobs_oldest_age_seconds",
                "Age of the oldest job waiting to run now (0: none waits), by kind.", Type::Gauge,
                labels, s.oldestDueAgeSec);
    }
}

} // namespace

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
    m_metrics = Metrics::CollectorHandle(collectQueueMetrics);
}

void JobsModule::stop()
{
    m_metrics.reset();
    if (m_waker) {
        Waker::uninstall(m_waker.get());
        m_waker.reset(); // sends a NOTIFY still asked for
    }
    m_workers.reset(); // stops and waits (grace period)
}

} // namespace Shop::Jobs
