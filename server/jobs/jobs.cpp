#include "jobs.h"

#include "db/database.h"
#include "http/requestcontext.h"
#include "waker.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>

namespace Shop::Jobs {

Result<Enqueued> enqueue(QSqlDatabase &db, const JobRequest &request)
{
    if (request.kind.isEmpty() || request.kind.size() > 100) {
        return fail(Error::badRequest(QStringLiteral("A job kind has 1 to 100 characters.")));
    }
    if (request.maxAttempts < 1) {
        return fail(Error::badRequest(QStringLiteral("A job has at least one attempt.")));
    }
    const QVariant runAtMs = request.runAt ? QVariant(double(request.runAt->toMSecsSinceEpoch()))
                                           : QVariant(QMetaType(QMetaType::Double));
    const QVariant key = request.uniqueKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                     : QVariant(request.uniqueKey);
    const QString payload =
        QString::fromUtf8(QJsonDocument(request.payload).toJson(QJsonDocument::Compact));
    // A prepared statement of the thread's connection where there is one (jobs are enqueued in
    // hot paths such as checkout): one round trip instead of three.
    auto inserted = Db::run(
        db,
        QStringLiteral(
            "INSERT INTO jobs (kind, payload, run_at, unique_key, max_attempts, "
            "request_id) "
            "VALUES (?, ?::jsonb, COALESCE(to_timestamp(?::float8 / 1000.0), now()), ?, ?, "
            "NULLIF(?, '')) "
            "ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL "
            "AND state IN ('queued', 'running') DO NOTHING RETURNING id"),
        {request.kind, payload, runAtMs, key, request.maxAttempts, Http::currentRequestId()});
    if (!inserted) {
        return fail(inserted.error());
    }
    if ((*inserted)->next()) {
        return Enqueued {(*inserted)->value(0).toLongLong(), true};
    }
    auto existing = Db::run(db,
                            QStringLiteral("SELECT id FROM jobs WHERE unique_key = ? "
                                           "AND state IN ('queued', 'running')"),
                            {request.uniqueKey});
    if (!existing) {
        return fail(existing.error());
    }
    // 0 when the pending job finished between the two statements.
    return Enqueued {(*existing)->next() ? (*existing)->value(0).toLongLong() : 0, false};
}

Result<void> deferWake(QSqlDatabase &db)
{
    // Transaction-local: the trigger shop_jobs_inserted (migration 0007) reads it.
    auto q = Db::run(db, QStringLiteral("SELECT set_config('shop.jobs_wake', 'deferred', true)"));
    if (!q) {
        return fail(q.error());
    }
    return {};
}

void wakeAfterCommit()
{
    Waker::requestInstalled();
}

Outcome Outcome::fromResult(const Result<void> &result)
{
    if (result) {
        return done();
    }
    const QString message = result.error().message;
    return result.error().isRetryable() ? retry(message) : dead(message);
}

std::chrono::milliseconds backoff(const KindPolicy &policy, int failedAttempts)
{
    const int shift = std::clamp(failedAttempts - 1, 0, 30);
    const double full = std::min(double(policy.backoffBase.count()) * double(1LL << shift),
                                 double(policy.backoffMax.count()));
    const double half = full / 2.0;
    return std::chrono::milliseconds(
        qint64(half + QRandomGenerator::global()->generateDouble() * half));
}

Registry::Registry()
{
    // {"sleep_ms": N} (at most a minute) makes it take that long: shutdown and crash tests.
    add(NoopKind, [](const Job &job) {
        const int sleepMs = std::clamp(job.payload.value(u"sleep_ms").toInt(), 0, 60000);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < sleepMs && !job.isCancelled()) {
            QThread::msleep(std::min<qint64>(50, sleepMs - timer.elapsed()));
        }
        return Outcome::done();
    });
}

void Registry::add(const QString &kind, Handler handler, KindPolicy policy)
{
    m_kinds.insert(kind, Entry {std::move(handler), policy});
}

const Handler *Registry::handler(const QString &kind) const
{
    const auto it = m_kinds.constFind(kind);
    return it == m_kinds.cend() ? nullptr : &it->handler;
}

void Registry::addHousekeeping(const QString &name, Housekeeping task)
{
    m_housekeeping.append({name, std::move(task)});
}

KindPolicy Registry::policy(const QString &kind) const
{
    return m_kinds.value(kind).policy;
}

} // namespace Shop::Jobs
