#pragma once

#include "jobs.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

class QSqlQuery;

#include <chrono>
#include <memory>
#include <optional>

namespace Shop::Jobs {

// A row of the jobs table, for `shop-server jobs list`.
struct JobRow
{
    qint64 id = 0;
    QString kind;
    QString state; // queued, running, done, dead
    int attempts = 0;
    int maxAttempts = 0;
    QDateTime runAt;
    QString uniqueKey;
    QString lockedBy;
    QString lastError;
    QDateTime createdAt;
};

struct QueueStats
{
    qint64 due = 0; // queued with run_at <= now
    qint64 scheduled = 0; // queued with run_at in the future
    qint64 running = 0;
    qint64 dead = 0;
    std::optional<std::chrono::milliseconds> oldestDueAge;
};

// The not-done jobs of one kind, for the metrics.
struct KindStats
{
    QString kind;
    qint64 due = 0; // queued with run_at <= now
    qint64 scheduled = 0; // queued with run_at in the future
    qint64 running = 0;
    qint64 dead = 0;
    double oldestDueAgeSec = 0; // 0 without due jobs
};

// Every SQL statement on the jobs table, prepared and bound.
namespace JobRepository {

// What claim() returns: the jobs now held, oldest first, and how many of the done ids were
// recorded (fewer than given when the worker no longer held some: their lease expired and they
// were reclaimed, or shutdown released them).
struct Claimed
{
    QList<Job> jobs;
    int finished = 0;
};

// In one statement and one commit: records the jobs in done (ids this worker ran to completion)
// as done, then claims up to limit of the oldest due queued jobs for worker, each leased until
// now + lease, attempts increased and started_at = now(). done may be empty.
[[nodiscard]] Result<Claimed> claim(QSqlDatabase &db, const QString &worker,
                                    std::chrono::milliseconds lease, int limit,
                                    const QList<qint64> &done = {});

// claim() with the statement prepared once on a worker's own connection and reused: one round
// trip (EXECUTE) per claim instead of three (PREPARE, EXECUTE, DEALLOCATE), which is most of
// what an idle worker does between a NOTIFY and the start of the job. Destroy it before the
// connection is closed or removed; after a failed claim it prepares again.
class Claimer final
{
public:
    explicit Claimer(QSqlDatabase db);
    ~Claimer();
    Claimer(const Claimer &) = delete;
    Claimer &operator=(const Claimer &) = delete;

    [[nodiscard]] Result<Claimed> claim(const QString &worker, std::chrono::milliseconds lease,
                                        int limit, const QList<qint64> &done = {});

private:
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_query;
};
// Puts running jobs whose lease expired back in the queue (or dead when out of attempts).
[[nodiscard]] Result<int> reclaimExpired(QSqlDatabase &db);
// Deletes at most limit done jobs whose finished_at is more than olderThan ago, oldest first;
// returns how many. Dead jobs are never deleted here.
[[nodiscard]] Result<int> pruneDone(QSqlDatabase &db, std::chrono::hours olderThan, int limit);
// Records the outcome of jobs this worker holds; false / fewer when it no longer holds them (the
// lease expired and the job was reclaimed, or shutdown released it).
[[nodiscard]] Result<int> finish(QSqlDatabase &db, const QList<qint64> &ids, const QString &worker);
[[nodiscard]] Result<bool> reschedule(QSqlDatabase &db, qint64 id, const QString &worker,
                                      const QString &error, std::chrono::milliseconds after);
[[nodiscard]] Result<bool> bury(QSqlDatabase &db, qint64 id, const QString &worker,
                                const QString &error);
// Puts jobs this worker claimed but did not start back in the queue (run_at unchanged, the
// attempt not counted), for other workers to take.
[[nodiscard]] Result<int> unclaim(QSqlDatabase &db, const QList<qint64> &ids,
                                  const QString &worker);
// Puts the jobs the workers hold back in the queue, the attempt not counted (shutdown).
[[nodiscard]] Result<int> release(QSqlDatabase &db, const QString &workerPrefix);
// Refreshes the planner's statistics of the jobs table (ANALYZE jobs).
[[nodiscard]] Result<void> analyze(QSqlDatabase &db);
// Time until the next scheduled job is due (nullopt: none queued).
[[nodiscard]] Result<std::optional<std::chrono::milliseconds>> nextDue(QSqlDatabase &db);
[[nodiscard]] Result<QueueStats> stats(QSqlDatabase &db);
// The same per kind (kinds with no job that is not done are left out).
[[nodiscard]] Result<QList<KindStats>> statsByKind(QSqlDatabase &db);

// Operators (shop-server jobs).
[[nodiscard]] Result<QList<JobRow>> list(QSqlDatabase &db, bool includeDone, int limit);
// A dead job back to queued, due now, with fresh attempts. NotFound unless it is dead.
[[nodiscard]] Result<void> retryDead(QSqlDatabase &db, qint64 id);
// Deletes a job that is not running. NotFound when there is none, Conflict when it runs.
[[nodiscard]] Result<void> discard(QSqlDatabase &db, qint64 id);

} // namespace JobRepository

} // namespace Shop::Jobs
