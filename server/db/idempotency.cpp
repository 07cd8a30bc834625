#include "idempotency.h"

#include "database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Shop::Db::Idempotency {

bool isValidKey(const QByteArray &key)
{
    if (key.isEmpty() || key.size() > 255) {
        return false;
    }
    for (const char c : key) {
        if (c < 0x21 || c > 0x7e) {
            return false;
        }
    }
    return true;
}

QByteArray requestDigest(const QJsonObject &body, const QString &target)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!target.isEmpty()) {
        hash.addData(target.toUtf8());
        hash.addData(QByteArrayView("\n"));
    }
    hash.addData(QJsonDocument(body).toJson(QJsonDocument::Compact));
    return hash.result();
}

Result<Claim> claim(QSqlDatabase &db, const QString &userId, const QString &scope,
                    const QString &key, const QByteArray &requestDigest)
{
    // Two rounds at most: a key pruned between the INSERT and the SELECT is claimed again.
    for (int round = 0; round < 2; ++round) {
        auto inserted =
            Db::run(db,
                    // Its own transaction, committed without waiting for the WAL flush: the
                    // order's commit, later in the WAL, flushes it, and a claim lost in a crash
                    // lost its order with it. One flush per order instead of two.
                    QStringLiteral("WITH async AS (SELECT set_config('synchronous_commit', 'off', "
                                   "true)) INSERT INTO idempotency_keys (user_id, scope, key, "
                                   "request_digest) SELECT ?::uuid, ?, ?, ? FROM async "
                                   "ON CONFLICT DO NOTHING RETURNING 1"),
                    {userId, scope, key, requestDigest});
        if (!inserted) {
            return fail(inserted.error());
        }
        if ((*inserted)->next()) {
            return Claim {};
        }
        auto existing =
            Db::run(db,
                    QStringLiteral("SELECT request_digest, state, response_status, response_body, "
                                   "updated_at < now() - make_interval(secs => ?) "
                                   "FROM idempotency_keys "
                                   "WHERE user_id = ?::uuid AND scope = ? AND key = ?"),
                    {qint64(kStaleClaim.count()), userId, scope, key});
        if (!existing) {
            return fail(existing.error());
        }
        if (!(*existing)->next()) {
            continue;
        }
        QSqlQuery &q = **existing;
        if (q.value(0).toByteArray() != requestDigest) {
            return Claim {Claim::State::Mismatch, 0, {}};
        }
        if (q.value(1).toString() == u"done") {
            return Claim {Claim::State::Replay, q.value(2).toInt(), q.value(3).toByteArray()};
        }
        if (!q.value(4).toBool()) {
            return Claim {Claim::State::InFlight, 0, {}};
        }
        // A claim whose request died with its process: take it over, unless another request
        // just did.
        auto taken =
            Db::run(db,
                    QStringLiteral("UPDATE idempotency_keys SET updated_at = now() "
                                   "WHERE user_id = ?::uuid AND scope = ? AND key = ? "
                                   "AND state = 'running' "
                                   "AND updated_at < now() - make_interval(secs => ?) RETURNING 1"),
                    {userId, scope, key, qint64(kStaleClaim.count())});
        if (!taken) {
            return fail(taken.error());
        }
        return (*taken)->next() ? Claim {} : Claim {Claim::State::InFlight, 0, {}};
    }
    return Claim {Claim::State::InFlight, 0, {}};
}

Result<void> store(QSqlDatabase &db, const QString &userId, const QString &scope,
                   const QString &key, int status, const QByteArray &body)
{
    auto q =
        Db::run(db,
                QStringLiteral("UPDATE idempotency_keys SET state = 'done', response_status = ?, "
                               "response_body = ?, updated_at = now() "
                               "WHERE user_id = ?::uuid AND scope = ? AND key = ?"),
                {status, body, userId, scope, key});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<void> release(QSqlDatabase &db, const QString &userId, const QString &scope,
                     const QString &key)
{
    auto q = Db::run(db,
                     QStringLiteral("DELETE FROM idempotency_keys WHERE user_id = ?::uuid "
                                    "AND scope = ? AND key = ? AND state = 'running'"),
                     {userId, scope, key});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<qint64> prune(QSqlDatabase &db, std::chrono::hours age)
{
    // A bounded batch per call (the jobs' housekeeping calls it once per poll interval); a claim
    // still 'running' after a day belonged to a process that died.
    const qint64 hours = std::max<qint64>(age.count(), 24);
    auto q = Db::run(
        db,
        QStringLiteral("DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY("
                       "SELECT ctid FROM idempotency_keys WHERE created_at < "
                       "now() - make_interval(hours => ?::int) ORDER BY created_at LIMIT 1000))"),
        {hours});
    if (!q) {
        return fail(q.error());
    }
    return qint64((*q)->numRowsAffected());
}

} // namespace Shop::Db::Idempotency
