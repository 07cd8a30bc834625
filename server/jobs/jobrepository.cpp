#include "jobrepository.h"

#include "db/database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTimeZone>

namespace Shop::Jobs::JobRepository {

namespace {

QDateTime fromEpochMs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

Result<bool> updatedOne(Result<QSqlQuery> query)
{
    if (!query) {
        return fail(query.error());
    }
    return query->numRowsAffected() == 1;
}

QString idArray(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids) {
        parts << QString::number(id);
    }
    return u'{' + parts.join(u',') + u'}';
}

} // namespace

namespace {

// One statement (one commit): record the jobs this worker ran to completion (those it still
// holds), then claim the oldest due jobs. The single-row SELECT on the left keeps a row when
// nothing was claimed, so that the count of finished jobs always comes back.
const QString &claimSql()
{
    static const QString sql = QStringLiteral(
        "WITH finished AS (UPDATE jobs SET state = 'done', locked_by = NULL, "
        "locked_until = NULL, finished_at = now(), updated_at = now() "
        "WHERE id = ANY(?::bigint[]) AND state = 'running' AND locked_by = ? RETURNING 1), "
        "claimed AS (UPDATE jobs SET state = 'running', attempts = attempts + 1, "
        "locked_by = ?, locked_until = now() + make_interval(secs => ?::float8), "
        "started_at = now(), updated_at = now() "
        "WHERE id = ANY(ARRAY(SELECT id FROM jobs WHERE state = 'queued' AND run_at <= now() "
        "ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED)) "
        "RETURNING id, kind, payload, attempts, max_attempts, unique_key, run_at, request_id) "
        "SELECT (SELECT count(*) FROM finished), c.id, c.kind, c.payload::text, c.attempts, "
        "c.max_attempts, c.unique_key, c.request_id FROM (SELECT 1) AS one "
        "LEFT JOIN claimed c ON true "
        "ORDER BY c.run_at, c.id");
    return sql;
}

QVariantList claimValues(const QString &worker, std::chrono::milliseconds lease, int limit,
                         const QList<qint64> &done)
{
    return {idArray(done), worker, worker, double(lease.count()) / 1000.0, std::max(limit, 1)};
}

Claimed readClaimed(QSqlQuery &q)
{
    Claimed claimed;
    while (q.next()) {
        claimed.finished = q.value(0).toInt();
        if (q.value(1).isNull()) {
            continue;
        }
        Job job;
        job.id = q.value(1).toLongLong();
        job.kind = q.value(2).toString();
        job.payload = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        job.attempt = q.value(4).toInt();
        job.maxAttempts = q.value(5).toInt();
        job.uniqueKey = q.value(6).toString();
        job.requestId = q.value(7).toString();
        claimed.jobs.append(std::move(job));
    }
    return claimed;
}

} // namespace

Result<Claimed> claim(QSqlDatabase &db, const QString &worker, std::chrono::milliseconds lease,
                      int limit, const QList<qint64> &done)
{
    auto q = Db::exec(db, claimSql(), claimValues(worker, lease, limit, done));
    if (!q) {
        return fail(q.error());
    }
    return readClaimed(*q);
}

Claimer::Claimer(QSqlDatabase db)
    : m_db(std::move(db))
{ }

Claimer::~Claimer() = default;

Result<Claimed> Claimer::claim(const QString &worker, std::chrono::milliseconds lease, int limit,
                               const QList<qint64> &done)
{
    if (!m_query) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        if (!query->prepare(claimSql())) {
            return fail(Db::sqlError(m_db, query->lastError(), u"claim jobs"));
        }
        m_query = std::move(query);
    }
    const QVariantList values = claimValues(worker, lease, limit, done);
    for (qsizetype i = 0; i < values.size(); ++i) {
        m_query->bindValue(int(i), values.at(i));
    }
    if (!m_query->exec()) {
        const Error error = Db::sqlError(m_db, m_query->lastError(), u"claim jobs");
        m_query.reset(); // prepared again next time (the connection may have been reopened)
        return fail(error);
    }
    Claimed claimed = readClaimed(*m_query);
    m_query->finish();
    return claimed;
}

Result<int> finish(QSqlDatabase &db, const QList<qint64> &ids, const QString &worker)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE jobs SET state = 'done', locked_by = NULL, "
                                     "locked_until = NULL, finished_at = now(), "
                                     "updated_at = now() "
                                     "WHERE id = ANY(?::bigint[]) AND state = 'running' "
                                     "AND locked_by = ?"),
                      {idArray(ids), worker});
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected();
}

Result<int> unclaim(QSqlDatabase &db, const QList<qint64> &ids, const QString &worker)
{
    auto q = Db::exec(
        db,
        QStringLiteral("UPDATE jobs SET state = 'queued', attempts = greatest(attempts - 1, 0), "
                       "locked_by = NULL, locked_until = NULL, updated_at = now() "
                       "WHERE id = ANY(?::bigint[]) AND state = 'running' AND locked_by = ?"),
        {idArray(ids), worker});
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected();
}

Result<int> reclaimExpired(QSqlDatabase &db)
{
    auto q =
        Db::exec(db,
                 QStringLiteral(
                     "UPDATE jobs SET "
                     "state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END, "
                     "last_error = 'lease expired (the worker holding it stopped): ' || locked_by, "
                     "finished_at = CASE WHEN attempts >= max_attempts THEN now() END, "
                     "locked_by = NULL, locked_until = NULL, updated_at = now() "
                     "WHERE state = 'running' AND locked_until < now()"));
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected();
}

Result<int> pruneDone(QSqlDatabase &db, std::chrono::hours olderThan, int limit)
{
    // Oldest first through idx_jobs_done_finished (finished_at WHERE state = 'done'); rows
    // another pool is deleting at the same moment are skipped, not waited for.
    auto q = Db::exec(
        db,
        QStringLiteral("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'done' "
                       "AND finished_at < now() - make_interval(hours => ?::int) "
                       "ORDER BY finished_at LIMIT ? FOR UPDATE SKIP LOCKED)"),
        {int(olderThan.count()), limit});
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected();
}

Result<bool> reschedule(QSqlDatabase &db, qint64 id, const QString &worker, const QString &error,
                        std::chrono::milliseconds after)
{
    return updatedOne(Db::exec(
        db,
        QStringLiteral("UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL, "
                       "run_at = now() + make_interval(secs => ?::float8), last_error = ?, "
                       "updated_at = now() WHERE id = ? AND state = 'running' AND locked_by = ?"),
        {double(after.count()) / 1000.0, error, id, worker}));
}

Result<bool> bury(QSqlDatabase &db, qint64 id, const QString &worker, const QString &error)
{
    return updatedOne(Db::exec(
        db,
        QStringLiteral("UPDATE jobs SET state = 'dead', locked_by = NULL, locked_until = NULL, "
                       "last_error = ?, finished_at = now(), updated_at = now() "
                       "WHERE id = ? AND state = 'running' AND locked_by = ?"),
        {error, id, worker}));
}

Result<int> release(QSqlDatabase &db, const QString &workerPrefix)
{
    auto q = Db::exec(
        db,
        QStringLiteral("UPDATE jobs SET state = 'queued', attempts = greatest(attempts - 1, 0), "
                       "locked_by = NULL, locked_until = NULL, run_at = now(), updated_at = now() "
                       "WHERE state = 'running' AND starts_with(locked_by, ?)"),
        {workerPrefix});
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected();
}

Result<void> analyze(QSqlDatabase &db)
{
    auto q = Db::exec(db, QStringLiteral("ANALYZE jobs"));
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<std::optional<std::chrono::milliseconds>> nextDue(QSqlDatabase &db)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT (extract(epoch FROM min(run_at) - now()) "
                                     "* 1000)::bigint FROM jobs WHERE state = 'queued'"));
    if (!q) {
        return fail(q.error());
    }
    if (!q->next() || q->value(0).isNull()) {
        return std::optional<std::chrono::milliseconds>();
    }
    return std::optional<std::chrono::milliseconds>(
        std::chrono::milliseconds(std::max<qint64>(0, q->value(0).toLongLong())));
}

Result<QueueStats> stats(QSqlDatabase &db)
{
    auto q = Db::exec(
        db,
        QStringLiteral("SELECT count(*) FILTER (WHERE state = 'queued' AND run_at <= now()), "
                       "count(*) FILTER (WHERE state = 'queued' AND run_at > now()), "
                       "count(*) FILTER (WHERE state = 'running'), "
                       "count(*) FILTER (WHERE state = 'dead'), "
                       "(extract(epoch FROM now() - min(run_at) FILTER (WHERE state = 'queued' "
                       "AND run_at <= now())) * 1000)::bigint "
                       "FROM jobs WHERE state <> 'done'"));
    if (!q) {
        return fail(q.error());
    }
    QueueStats s;
    if (q->next()) {
        s.due = q->value(0).toLongLong();
        s.scheduled = q->value(1).toLongLong();
        s.running = q->value(2).toLongLong();
        s.dead = q->value(3).toLongLong();
        if (!q->value(4).isNull()) {
            s.oldestDueAge = std::chrono::milliseconds(q->value(4).toLongLong());
        }
    }
    return s;
}

Result<QList<KindStats>> statsByKind(QSqlDatabase &db)
{
    auto q = Db::exec(
        db,
        QStringLiteral("SELECT kind, count(*) FILTER (WHERE state = 'queued' AND run_at <= now()), "
                       "count(*) FILTER (WHERE state = 'queued' AND run_at > now()), "
                       "count(*) FILTER (WHERE state = 'running'), "
                       "count(*) FILTER (WHERE state = 'dead'), "
                       "coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE state = "
                       "'queued' AND run_at <= now())), 0)::float8 "
                       "FROM jobs WHERE state <> 'done' GROUP BY kind ORDER BY kind"));
    if (!q) {
        return fail(q.error());
    }
    QList<KindStats> out;
    while (q->next()) {
        KindStats s;
        s.kind = q->value(0).toString();
        s.due = q->value(1).toLongLong();
        s.scheduled = q->value(2).toLongLong();
        s.running = q->value(3).toLongLong();
        s.dead = q->value(4).toLongLong();
        s.oldestDueAgeSec = q->value(5).toDouble();
        out.append(s);
    }
    return out;
}

Result<QList<JobRow>> list(QSqlDatabase &db, bool includeDone, int limit)
{
    auto q = Db::exec(
        db,
        QStringLiteral("SELECT id, kind, state, attempts, max_attempts, "
                       "(extract(epoch FROM run_at) * 1000)::bigint, unique_key, locked_by, "
                       "last_error, (extract(epoch FROM created_at) * 1000)::bigint "
                       "FROM jobs WHERE (? OR state <> 'done') "
                       "ORDER BY CASE state WHEN 'dead' THEN 0 WHEN 'running' THEN 1 "
                       "WHEN 'queued' THEN 2 ELSE 3 END, run_at, id LIMIT ?"),
        {includeDone, limit});
    if (!q) {
        return fail(q.error());
    }
    QList<JobRow> rows;
    while (q->next()) {
        JobRow row;
        row.id = q->value(0).toLongLong();
        row.kind = q->value(1).toString();
        row.state = q->value(2).toString();
        row.attempts = q->value(3).toInt();
        row.maxAttempts = q->value(4).toInt();
        row.runAt = fromEpochMs(q->value(5));
        row.uniqueKey = q->value(6).toString();
        row.lockedBy = q->value(7).toString();
        row.lastError = q->value(8).toString();
        row.createdAt = fromEpochMs(q->value(9));
        rows.append(row);
    }
    return rows;
}

Result<void> retryDead(QSqlDatabase &db, qint64 id)
{
    auto updated = updatedOne(Db::exec(
        db,
        QStringLiteral("UPDATE jobs SET state = 'queued', attempts = 0, run_at = now(), "
                       "finished_at = NULL, updated_at = now() WHERE id = ? AND state = 'dead'"),
        {id}));
    if (!updated) {
        return fail(updated.error());
    }
    if (!*updated) {
        return fail(Error::notFound(QStringLiteral("There is no dead job %1.").arg(id)));
    }
    return {};
}

Result<void> discard(QSqlDatabase &db, qint64 id)
{
    auto deleted = updatedOne(
        Db::exec(db, QStringLiteral("DELETE FROM jobs WHERE id = ? AND state <> 'running'"), {id}));
    if (!deleted) {
        return fail(deleted.error());
    }
    if (!*deleted) {
        auto running = Db::exec(db, QStringLiteral("SELECT 1 FROM jobs WHERE id = ?"), {id});
        if (running && running->next()) {
            return fail(Error::conflict(
                QStringLiteral("Job %1 is running; discard it when it has finished.").arg(id)));
        }
        return fail(Error::notFound(QStringLiteral("There is no job %1.").arg(id)));
    }
    return {};
}

} // namespace Shop::Jobs::JobRepository
