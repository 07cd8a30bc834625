#include "jobworkers.h"

#include "metrics/metrics.h"

#include "db/database.h"
#include "db/notificationlistener.h"
#include "http/requestcontext.h"
#include "jobrepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QThread>
#include <QUuid>

#include <algorithm>

namespace Shop::Jobs {

namespace {
Q_LOGGING_CATEGORY(lcWorkers, "shop.jobs.workers")
Q_LOGGING_CATEGORY(lcQueue, "shop.jobs.queue")

using namespace std::chrono_literals;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

JobWorkers::JobWorkers(Server::DatabaseConfig database, std::shared_ptr<const Registry> registry,
                       WorkerOptions options)
    : m_database(std::move(database))
    , m_registry(std::move(registry))
    , m_options(options)
    , m_id(QStringLiteral("%1:%2:%3")
               .arg(QHostInfo::localHostName())
               .arg(QCoreApplication::applicationPid())
               .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8)))
{ }

JobWorkers::~JobWorkers()
{
    stop();
}

void JobWorkers::start()
{
    if (!m_threads.empty()) {
        return;
    }
    m_stopping = false;
    m_cancelled = false;
    m_listener = std::make_unique<Db::NotificationListener>(
        m_database, NotifyChannel,
        Db::NotificationListener::Callbacks {[this](const QString &) { wake(); },
                                             [this](bool) {
                                                 wake();
                                             }});
    m_listener->start();
    for (int i = 0; i < m_options.workers; ++i) {
        std::unique_ptr<QThread> thread(QThread::create([this, i] { run(i); }));
        thread->setObjectName(QStringLiteral("shop-job-worker-%1").arg(i));
        thread->start();
        m_threads.push_back(std::move(thread));
    }
    qCInfo(lcWorkers).noquote() << "started" << m_options.workers << "job workers as" << m_id;
}

void JobWorkers::wake()
{
    QMutexLocker locker(&m_mutex);
    ++m_generation;
    m_wakeup.wakeAll();
}

void JobWorkers::sleep(quint64 seenGeneration, std::chrono::milliseconds timeout)
{
    QMutexLocker locker(&m_mutex);
    if (m_generation != seenGeneration || m_stopping) {
        return;
    }
    m_wakeup.wait(&m_mutex, QDeadlineTimer(timeout));
}

void JobWorkers::stop()
{
    if (m_threads.empty()) {
        m_listener.reset();
        return;
    }
    m_stopping = true;
    wake();
    if (m_listener) {
        m_listener->stop();
    }
    QDeadlineTimer grace(m_options.grace);
    bool allFinished = true;
    for (auto &thread : m_threads) {
        allFinished = thread->wait(grace) && allFinished;
    }
    if (!allFinished) {
        const QString name = QStringLiteral("shop-jobs-release-%1").arg(m_id);
        int released = 0;
        {
            auto db = Db::openConnection(m_database, name);
            if (db) {
                auto n = JobRepository::release(*db, m_id + u':');
                released = n.value_or(0);
                if (!n) {
                    qCWarning(lcWorkers).noquote()
                        << "cannot release unfinished jobs:" << n.error().message;
                }
                db->close();
            } else {
                qCWarning(lcWorkers).noquote()
                    << "cannot release unfinished jobs:" << db.error().message
                    << "(they are reclaimed when their lease expires)";
            }
        }
        QSqlDatabase::removeDatabase(name);
        qCWarning(lcWorkers) << "grace period over:" << released
                             << "running jobs put back in the queue";
        m_cancelled = true;
        for (auto &thread : m_threads) {
            thread->wait();
        }
    }
    m_threads.clear();
    m_listener.reset();
    qCInfo(lcWorkers).noquote() << "job workers stopped:" << m_id;
}

void JobWorkers::run(int index)
{
    const QString worker = QStringLiteral("%1:%2").arg(m_id).arg(index);
    const QString connectionName = QStringLiteral("shop-jobs-%1-%2").arg(m_id).arg(index);
    const double budgetMs = double(m_options.batchBudget.count());
    {
        std::optional<QSqlDatabase> db;
        std::unique_ptr<JobRepository::Claimer> claimer; // on db, prepared once
        QList<qint64> done; // completed, not yet recorded (kept across a reconnect)
        double perJobMs = budgetMs; // recent handler time per job: the first claim takes one
        while (!m_stopping) {
            quint64 generation;
            {
                QMutexLocker locker(&m_mutex);
                generation = m_generation;
            }
            if (!db || !db->isOpen()) {
                claimer.reset();
                auto opened = Db::openConnection(m_database, connectionName);
                if (!opened) {
                    qCWarning(lcWorkers).noquote()
                        << worker << "cannot connect:" << opened.error().message;
                    sleep(generation, std::min<std::chrono::milliseconds>(m_options.poll, 5s));
                    continue;
                }
                db = *opened;
                claimer = std::make_unique<JobRepository::Claimer>(*db);
                // A pool starting (or reconnecting) reclaims what dead workers left behind.
                if (auto reclaimed = JobRepository::reclaimExpired(*db); reclaimed && *reclaimed) {
                    qCInfo(lcWorkers) << *reclaimed << "jobs with expired leases back in the queue";
                }
            }
            maybeLogStats(*db);
            maybeReclaim(*db);
            maybePrune(*db);
            const int limit = std::clamp(int(budgetMs / std::max(perJobMs, 0.01)), 1,
                                         std::max(m_options.maxBatch, 1));
            QElapsedTimer claimTimer;
            claimTimer.start();
            auto claimed = claimer->claim(worker, m_options.lease, limit, done);
            maybeAnalyze(*db, claimTimer.elapsed());
            if (!claimed) {
                qCWarning(lcWorkers).noquote()
                    << worker << "cannot claim a job:" << claimed.error().message;
                if (claimed.error().code == ErrorCode::Unavailable) {
                    claimer.reset();
                    db->close();
                }
                sleep(generation, 1s);
                continue;
            }
            if (claimed->finished < done.size()) {
                qCWarning(lcWorkers).noquote()
                    << done.size() - claimed->finished
                    << "jobs completed after their claim was lost (they may run again)";
            }
            done.clear();
            if (!claimed->jobs.isEmpty()) {
                const qsizetype count = claimed->jobs.size();
                const double measured = runBatch(*db, worker, claimed->jobs, done);
                perJobMs = (perJobMs + measured) / 2.0;
                if (m_options.maxRate > 0) {
                    // This worker's share of the rate: the batch may not have taken less time.
                    const double workerRate =
                        double(m_options.maxRate) / std::max(m_options.workers, 1);
                    const qint64 minimumMs = qint64(1000.0 * double(count) / workerRate);
                    if (const qint64 left = minimumMs - claimTimer.elapsed(); left > 0) {
                        pause(std::chrono::milliseconds(left));
                    }
                }
                continue;
            }
            std::chrono::milliseconds timeout = m_options.poll;
            if (auto due = JobRepository::nextDue(*db); due && *due) {
                timeout = std::min(timeout, std::max<std::chrono::milliseconds>(**due, 1ms));
            }
            sleep(generation, timeout);
        }
        claimer.reset();
        if (db) {
            if (db->isOpen()) {
                recordDone(*db, worker, done);
            }
            db->close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
}

void JobWorkers::pause(std::chrono::milliseconds duration)
{
    const QDeadlineTimer deadline(duration);
    QMutexLocker locker(&m_mutex);
    while (!m_stopping && !deadline.hasExpired()) {
        m_wakeup.wait(&m_mutex, deadline);
    }
}

double JobWorkers::runBatch(QSqlDatabase &db, const QString &worker, QList<Job> &jobs,
                            QList<qint64> &done)
{
    QElapsedTimer batch;
    batch.start();
    QElapsedTimer sinceRecorded;
    sinceRecorded.start();
    int ran = 0;
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        if (i > 0 && (m_stopping || batch.elapsed() > 20 * m_options.batchBudget.count())) {
            // Shutdown, or slower handlers than the batch was sized for: the jobs not started go
            // back to the queue at once instead of waiting behind this worker.
            QList<qint64> rest;
            for (qsizetype j = i; j < jobs.size(); ++j) {
                rest.append(jobs.at(j).id);
            }
            if (auto n = JobRepository::unclaim(db, rest, worker); !n) {
                qCWarning(lcWorkers).noquote()
                    << "cannot put back" << rest.size()
                    << "claimed jobs (their lease will expire):" << n.error().message;
            }
            break;
        }
        if (!done.isEmpty() && sinceRecorded.elapsed() >= m_options.batchBudget.count()) {
            // Completions wait for the next claim only briefly.
            recordDone(db, worker, done);
            sinceRecorded.restart();
        }
        jobs[i].database = db;
        if (handle(db, worker, jobs.at(i))) {
            done.append(jobs.at(i).id);
        }
        ++ran;
    }
    return double(batch.nsecsElapsed()) / 1e6 / std::max(ran, 1);
}

void JobWorkers::recordDone(QSqlDatabase &db, const QString &worker, QList<qint64> &done)
{
    if (done.isEmpty()) {
        return;
    }
    auto n = JobRepository::finish(db, done, worker);
    if (!n) {
        // The claims stay; their leases expire and other workers run the jobs again.
        qCWarning(lcWorkers).noquote()
            << done.size() << "jobs ran but were not recorded as done:" << n.error().message;
    } else if (*n < done.size()) {
        qCWarning(lcWorkers).noquote()
            << done.size() - *n << "jobs completed after their claim was lost";
    }
    done.clear();
}

bool JobWorkers::handle(QSqlDatabase &db, const QString &worker, const Job &claimed)
{
    Job job = claimed;
    job.cancelled = &m_cancelled;
    // The job's log lines (and the jobs it enqueues) carry the id of the request behind it.
    const Http::RequestIdScope scope(job.requestId);
    Outcome outcome;
    if (const Handler *handler = m_registry->handler(job.kind)) {
        outcome = (*handler)(job);
    } else {
        outcome = Outcome::dead(QStringLiteral("no handler for job kind \"%1\"").arg(job.kind));
    }
    ++m_processed;
    Metrics::registry()
        .jobsRun()
        .counter({job.kind,
                  outcome.kind == Outcome::Kind::Done        ? QStringLiteral("done")
                      : outcome.kind == Outcome::Kind::Retry ? QStringLiteral("retry")
                                                             : QStringLiteral("dead")})
        .fetch_add(1, std::memory_order_relaxed);
    Result<bool> recorded = true;
    switch (outcome.kind) {
    case Outcome::Kind::Done:
        return true;
    case Outcome::Kind::Retry:
        if (job.attempt >= job.maxAttempts) {
            recorded = JobRepository::bury(
                db, job.id, worker,
                QStringLiteral("%1 (after %2 attempts)").arg(outcome.error).arg(job.attempt));
        } else {
            const auto after =
                outcome.after.value_or(backoff(m_registry->policy(job.kind), job.attempt));
            recorded = JobRepository::reschedule(db, job.id, worker, outcome.error, after);
        }
        break;
    case Outcome::Kind::Dead:
        recorded = JobRepository::bury(db, job.id, worker, outcome.error);
        break;
    }
    if (!recorded) {
        // The claim stays; its lease expires and another worker runs the job again.
        qCWarning(lcWorkers).noquote()
            << "job" << job.id
            << "ran but its outcome was not recorded:" << recorded.error().message;
    } else if (!*recorded) {
        qCWarning(lcWorkers).noquote()
            << "job" << job.id << "(" << job.kind << ") finished after its claim was lost";
    } else {
        qCInfo(lcWorkers).noquote()
            << "job" << job.id << job.kind << "attempt" << job.attempt
            << (outcome.kind == Outcome::Kind::Dead ? "dead:" : "failed:") << outcome.error;
    }
    return false;
}

void JobWorkers::maybeReclaim(QSqlDatabase &db)
{
    // Once per poll interval per pool, busy or idle.
    qint64 next = m_nextReclaimMs.load();
    const qint64 now = nowMs();
    if (now < next
        || !m_nextReclaimMs.compare_exchange_strong(next, now + m_options.poll.count())) {
        return;
    }
    if (auto reclaimed = JobRepository::reclaimExpired(db); reclaimed && *reclaimed) {
        qCWarning(lcWorkers) << *reclaimed << "jobs with expired leases back in the queue";
    }
}

void JobWorkers::maybePrune(QSqlDatabase &db)
{
    // Once per poll interval per pool, like maybeReclaim; a few batches of the oldest done jobs,
    // each its own short statement, so that a large backlog (the first run after raising the
    // throughput, or after enabling pruning) goes over several intervals instead of holding a
    // worker for long.
    qint64 next = m_nextPruneMs.load();
    const qint64 now = nowMs();
    if (now < next || !m_nextPruneMs.compare_exchange_strong(next, now + m_options.poll.count())) {
        return;
    }
    for (const auto &[name, task] : m_registry->housekeeping()) {
        if (m_stopping) {
            break;
        }
        auto removed = task(db);
        if (!removed) {
            qCWarning(lcWorkers).noquote()
                << "housekeeping" << name << "failed:" << removed.error().message;
        } else if (*removed > 0) {
            qCInfo(lcWorkers).noquote()
                << "housekeeping" << name << "removed" << *removed << "rows";
        }
    }
    if (m_options.keepDone.count() <= 0) {
        return;
    }
    qint64 pruned = 0;
    for (int batch = 0; batch < m_options.pruneBatches && !m_stopping; ++batch) {
        auto deleted = JobRepository::pruneDone(db, m_options.keepDone, m_options.pruneBatch);
        if (!deleted) {
            qCWarning(lcWorkers).noquote()
                << "cannot delete old done jobs:" << deleted.error().message;
            break;
        }
        pruned += *deleted;
        if (*deleted < m_options.pruneBatch) {
            break;
        }
    }
    if (pruned > 0) {
        qCInfo(lcWorkers) << pruned << "done jobs older than" << m_options.keepDone.count()
                          << "hours deleted";
    }
}

void JobWorkers::maybeAnalyze(QSqlDatabase &db, qint64 claimMs)
{
    // The claim is an index scan in (run_at, id) order over the queued jobs, a few rows per
    // batch. When the planner's statistics say there are few queued jobs and a burst has just
    // brought many (autovacuum analyzes only a while later), it may read and sort all of them on
    // every claim instead (seen: 250 ms per claim with 100,000 queued). A slow claim refreshes
    // the statistics, at most once a minute per pool.
    constexpr qint64 SlowClaimMs = 100;
    if (claimMs < SlowClaimMs) {
        return;
    }
    qint64 next = m_nextAnalyzeMs.load();
    const qint64 now = nowMs();
    if (now < next || !m_nextAnalyzeMs.compare_exchange_strong(next, now + 60000)) {
        return;
    }
    qCInfo(lcWorkers) << "a claim took" << claimMs << "ms: refreshing the statistics of jobs";
    if (auto analyzed = JobRepository::analyze(db); !analyzed) {
        qCWarning(lcWorkers).noquote()
            << "cannot analyze the jobs table:" << analyzed.error().message;
    }
}

void JobWorkers::maybeLogStats(QSqlDatabase &db)
{
    qint64 next = m_nextStatsMs.load();
    const qint64 now = nowMs();
    if (now < next
        || !m_nextStatsMs.compare_exchange_strong(next, now + m_options.statsInterval.count())) {
        return;
    }
    auto s = JobRepository::stats(db);
    if (!s) {
        return;
    }
    qCInfo(lcQueue).noquote() << QStringLiteral(
                                     "queue: %1 due, %2 scheduled, %3 running, %4 dead; oldest "
                                     "due job waiting %5 ms")
                                     .arg(s->due)
                                     .arg(s->scheduled)
                                     .arg(s->running)
                                     .arg(s->dead)
                                     .arg(s->oldestDueAge ? s->oldestDueAge->count() : 0);
}

} // namespace Shop::Jobs
