#pragma once

#include "error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

namespace Shop::Jobs {

// What to enqueue. kind names a handler in the Registry; payload is stored as JSONB (ids, not
// secrets or message bodies). runAt schedules the job (default: now). A non-empty uniqueKey
// allows one pending (queued or running) job per key.
struct JobRequest
{
    QString kind;
    QJsonObject payload;
    std::optional<QDateTime> runAt;
    QString uniqueKey;
    int maxAttempts = 5;
};

struct Enqueued
{
    qint64 id = 0; // the new job, or the pending job holding the unique key
    bool created = false; // false: a job with the same unique key was already pending
};

// Inserts the job on db inside the caller's transaction (if any): a rolled-back transaction
// leaves no job, a committed one wakes the workers (NOTIFY shop_jobs). A duplicate unique key
// while a job with that key is pending is not an error: created is false and id names that job.
[[nodiscard]] Result<Enqueued> enqueue(QSqlDatabase &db, const JobRequest &request);

// For hot paths (placing an order): the jobs the current transaction on db enqueues send no
// NOTIFY at commit, because PostgreSQL commits notifying transactions one at a time (a lock held
// through the WAL flush). The caller then calls wakeAfterCommit() once the transaction committed
// (not after a rollback). Until then the jobs wait for a worker's poll, so never forget it.
[[nodiscard]] Result<void> deferWake(QSqlDatabase &db);
// Wakes this process's workers at once and every instance's within 50 ms (Waker: one NOTIFY for
// many commits, outside their transactions). Thread-safe; does not block on the database.
void wakeAfterCommit();

// A claimed job, as a handler sees it.
struct Job
{
    qint64 id = 0;
    QString kind;
    QJsonObject payload;
    int attempt = 0; // 1 for the first run
    int maxAttempts = 0;
    QString uniqueKey;
    // The X-Request-Id of the request that enqueued the job (empty when none did); the worker
    // runs the handler under it (http/requestcontext.h), so the job's log lines carry it.
    QString requestId;
    // The worker's own connection (not in a transaction), for handlers that use the database.
    QSqlDatabase database;
    // Set when the server shuts down and the grace period is over: a long handler should return
    // (Outcome::retry) soon; its job has already been put back in the queue.
    const std::atomic<bool> *cancelled = nullptr;

    [[nodiscard]] bool isCancelled() const { return cancelled && cancelled->load(); }
};

// What a handler reports.
struct Outcome
{
    enum class Kind { Done, Retry, Dead };
    Kind kind = Kind::Done;
    QString error; // Retry, Dead: recorded as last_error (no secrets, no message bodies)
    std::optional<std::chrono::milliseconds> after; // Retry: instead of the kind's backoff

    [[nodiscard]] static Outcome done() { return {}; }
    [[nodiscard]] static Outcome
    retry(QString error, std::optional<std::chrono::milliseconds> after = std::nullopt)
    {
        return {Kind::Retry, std::move(error), after};
    }
    [[nodiscard]] static Outcome dead(QString error) { return {Kind::Dead, std::move(error), {}}; }
    // Result<void> as an outcome: success is done, a retryable error (unavailable, conflict)
    // is retried, any other error is dead.
    [[nodiscard]] static Outcome fromResult(const Result<void> &result);
};

using Handler = std::function<Outcome(const Job &)>;

// Backoff after the n-th failed attempt: base * 2^(n-1), at most max, with "equal jitter"
// (half of it fixed, half random), so retries of many jobs that failed together spread out.
struct KindPolicy
{
    std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    std::chrono::milliseconds backoffMax = std::chrono::hours(1);
};

[[nodiscard]] std::chrono::milliseconds backoff(const KindPolicy &policy, int failedAttempts);

// The handlers per kind. Filled before the workers start (module construction), read-only while
// they run. The built-in kind "noop" completes at once (tests, the benchmark), or after
// payload "sleep_ms" milliseconds (at most 60,000; shutdown and crash tests).
class Registry final
{
public:
    Registry();

    void add(const QString &kind, Handler handler, KindPolicy policy = {});
    [[nodiscard]] bool contains(const QString &kind) const { return m_kinds.contains(kind); }
    [[nodiscard]] const Handler *handler(const QString &kind) const;
    [[nodiscard]] KindPolicy policy(const QString &kind) const;

    // Periodic upkeep of other modules' tables (old idempotency keys, ...), run by the workers
    // after pruning their own done jobs (once per poll interval per pool), on a worker's
    // connection. A task removes a bounded batch per run and returns how many rows it removed.
    using Housekeeping = std::function<Result<qint64>(QSqlDatabase &db)>;
    void addHousekeeping(const QString &name, Housekeeping task);
    [[nodiscard]] const QList<std::pair<QString, Housekeeping>> &housekeeping() const
    {
        return m_housekeeping;
    }

private:
    struct Entry
    {
        Handler handler;
        KindPolicy policy;
    };
    QHash<QString, Entry> m_kinds;
    QList<std::pair<QString, Housekeeping>> m_housekeeping;
};

inline const QString NoopKind = QStringLiteral("noop");
inline const QString NotifyChannel = QStringLiteral("shop_jobs");

} // namespace Shop::Jobs
