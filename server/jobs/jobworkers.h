#pragma once

#include "config/serverconfig.h"
#include "jobs.h"

#include <QMutex>
#include <QWaitCondition>

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

class QThread;

namespace Shop::Db {
class NotificationListener;
}

namespace Shop::Jobs {

struct WorkerOptions
{
    int workers = 2;
    std::chrono::milliseconds lease = std::chrono::minutes(5); // a claim held longer is reclaimed
    std::chrono::milliseconds grace = std::chrono::seconds(30); // shutdown waits this long
    std::chrono::milliseconds poll = std::chrono::seconds(5); // fallback when NOTIFY is missed
    std::chrono::milliseconds statsInterval = std::chrono::minutes(1); // shop.jobs.queue log
    // Done jobs finished longer ago than this are deleted (0: kept forever), at most
    // pruneBatch rows per statement and pruneBatches statements per poll interval and pool.
    std::chrono::hours keepDone = std::chrono::hours(168);
    int pruneBatch = 1000;
    int pruneBatches = 10;
    // A worker claims as many due jobs at once as it expects to run within batchBudget (from the
    // handler time per job of its recent batches), 1 to maxBatch; a batch still running after
    // 20 x batchBudget puts its unstarted jobs back for others. maxBatch 1: one job per claim.
    std::chrono::milliseconds batchBudget = std::chrono::milliseconds(50);
    int maxBatch = 100;
    // At most this many jobs a second for the whole pool (each of its workers gets its share); 0:
    // no cap. A backlog then drains at a steady pace instead of taking every core the HTTP server
    // and PostgreSQL could use for requests. Handlers slower than the pace are not slowed.
    int maxRate = 3000;
};

// A pool of job workers: one QThread per worker, each with its own database connection
// (Db::openConnection under its own name), plus a NotificationListener on shop_jobs that wakes
// idle workers. Every worker loops: claim the oldest due jobs (FOR UPDATE SKIP LOCKED; a batch
// sized to the handlers' speed, see WorkerOptions), run their handlers one after the other, record
// failures at once and completions with the next claim (one statement: finish the batch, claim the
// next); when nothing is due it sleeps until a NOTIFY, the next scheduled
// run_at or the poll interval, whichever is first. Once per poll interval one worker of the pool
// reclaims expired leases and deletes old done jobs (keepDone). Several pools (in one process or
// many) share the table without running a job twice.
class JobWorkers final
{
public:
    JobWorkers(Server::DatabaseConfig database, std::shared_ptr<const Registry> registry,
               WorkerOptions options);
    ~JobWorkers(); // stop()
    JobWorkers(const JobWorkers &) = delete;
    JobWorkers &operator=(const JobWorkers &) = delete;

    void start();
    // Stops claiming, waits up to the grace period for running handlers, then puts the jobs still
    // running back in the queue (attempt not counted), tells their handlers (Job::isCancelled)
    // and waits for the threads. Safe to call twice and without start().
    void stop();
    // Wakes idle workers (the NOTIFY callback does this).
    void wake();

    // "host:pid:pool-uuid": the prefix of every locked_by this pool writes.
    [[nodiscard]] const QString &id() const { return m_id; }
    [[nodiscard]] qint64 processed() const { return m_processed.load(); }

private:
    void run(int index);
    void sleep(quint64 seenGeneration, std::chrono::milliseconds timeout);
    // Waits `duration` (not cut short by wake(), only by stop()).
    void pause(std::chrono::milliseconds duration);
    // Runs a claimed batch; appends the jobs that completed to done (recorded by the next claim,
    // or earlier when the batch runs long). Returns the handler time per job in milliseconds.
    double runBatch(QSqlDatabase &db, const QString &worker, QList<Job> &jobs, QList<qint64> &done);
    // Runs one job; true when it completed (Outcome::done: to be recorded by the caller).
    bool handle(QSqlDatabase &db, const QString &worker, const Job &job);
    void recordDone(QSqlDatabase &db, const QString &worker, QList<qint64> &done);
    void maybeLogStats(QSqlDatabase &db);
    void maybeReclaim(QSqlDatabase &db);
    void maybePrune(QSqlDatabase &db);
    void maybeAnalyze(QSqlDatabase &db, qint64 claimMs);

    const Server::DatabaseConfig m_database;
    const std::shared_ptr<const Registry> m_registry;
    const WorkerOptions m_options;
    const QString m_id;

    QMutex m_mutex;
    QWaitCondition m_wakeup;
    quint64 m_generation = 0; // under m_mutex; increased by wake()
    std::atomic<bool> m_stopping {false};
    std::atomic<bool> m_cancelled {false};
    std::atomic<qint64> m_processed {0};
    std::atomic<qint64> m_nextStatsMs {0};
    std::atomic<qint64> m_nextReclaimMs {0};
    std::atomic<qint64> m_nextPruneMs {0};
    std::atomic<qint64> m_nextAnalyzeMs {0};
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::unique_ptr<Db::NotificationListener> m_listener;
};

} // namespace Shop::Jobs
