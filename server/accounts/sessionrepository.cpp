#include "sessionrepository.h"

#include "auth/tokens.h"
#include "db/database.h"
#include "db/transaction.h"

#include <QLoggingCategory>

namespace Shop::Accounts::SessionRepository {

Q_LOGGING_CATEGORY(lcSessions, "shop.accounts.sessions")

namespace {

Error invalidSession()
{
    return Error {
        ErrorCode::Unauthorized, QStringLiteral("Your session has ended; sign in again."), {}, {}};
}

Result<QByteArray> insertToken(QSqlDatabase &db, const QString &sessionId, std::chrono::seconds ttl)
{
    const QByteArray token = Auth::randomToken();
    auto q = Db::exec(db,
                      QStringLiteral("INSERT INTO refresh_tokens (token_digest, session_id, "
                                     "expires_at) VALUES (?, ?::uuid, now() + ? * interval '1 "
                                     "second')"),
                      {Auth::tokenDigest(token), sessionId, qint64(ttl.count())});
    if (!q) {
        return fail(q.error());
    }
    return token;
}

} // namespace

Result<NewSession> create(QSqlDatabase &db, const QString &userId, std::chrono::seconds refreshTtl,
                          const QString &userAgent, const QString &ip)
{
    auto q = Db::exec(
        db,
        QStringLiteral("INSERT INTO sessions (user_id, expires_at, user_agent, ip) "
                       "VALUES (?::uuid, now() + ? * interval '1 second', coalesce(?, ''), "
                       "coalesce(?, '')) "
                       "RETURNING id::text"),
        {userId, qint64(refreshTtl.count()), userAgent.left(300), ip.left(64)});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::internal(QStringLiteral("no session id returned")));
    }
    NewSession session;
    session.sessionId = q->value(0).toString();
    auto token = insertToken(db, session.sessionId, refreshTtl);
    if (!token) {
        return fail(token.error());
    }
    session.refreshToken = *token;
    return session;
}

Result<Rotated> rotate(QSqlDatabase &db, const QByteArray &refreshToken,
                       std::chrono::seconds refreshTtl)
{
    auto tx = Db::Transaction::begin(db);
    if (!tx) {
        return fail(tx.error());
    }
    // The token row is locked: two concurrent refreshes with one token cannot both succeed.
    auto q =
        Db::exec(db,
                 QStringLiteral(
                     "SELECT rt.session_id::text, rt.used_at IS NOT NULL, rt.expires_at <= now(), "
                     "s.revoked_at IS NOT NULL OR s.expires_at <= now(), u.is_active, u.id::text, "
                     "u.email, u.first_name, u.last_name, u.role, u.language, u.created_at "
                     "FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id "
                     "JOIN users u ON u.id = s.user_id WHERE rt.token_digest = ? "
                     "FOR UPDATE OF rt, s"),
                 {Auth::tokenDigest(refreshToken)});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(invalidSession());
    }
    const QString sessionId = q->value(0).toString();
    const bool used = q->value(1).toBool();
    const bool expired = q->value(2).toBool();
    const bool sessionOver = q->value(3).toBool();
    const bool active = q->value(4).toBool();
    if (used) {
        if (!sessionOver) {
            qCWarning(lcSessions,
                      "A used refresh token of session %ls was presented again: "
                      "revoking the session.",
                      qUtf16Printable(sessionId));
            auto revoked = revoke(db, sessionId, QStringLiteral("refresh token reuse"));
            if (!revoked) {
                return fail(revoked.error());
            }
            if (auto committed = tx->commit(); !committed) {
                return fail(committed.error());
            }
        }
        return fail(invalidSession());
    }
    if (expired || sessionOver || !active) {
        return fail(invalidSession());
    }
    Rotated rotated;
    rotated.user.id = q->value(5).toString();
    rotated.user.email = q->value(6).toString();
    rotated.user.firstName = q->value(7).toString();
    rotated.user.lastName = q->value(8).toString();
    rotated.user.role = q->value(9).toString();
    rotated.user.isActive = true;
    rotated.user.language = q->value(10).toString();
    rotated.user.createdAt = q->value(11).toDateTime();
    auto markUsed = Db::exec(
        db, QStringLiteral("UPDATE refresh_tokens SET used_at = now() WHERE token_digest = ?"),
        {Auth::tokenDigest(refreshToken)});
    if (!markUsed) {
        return fail(markUsed.error());
    }
    auto touched =
        Db::exec(db, QStringLiteral("UPDATE sessions SET last_used_at = now() WHERE id = ?::uuid"),
                 {sessionId});
    if (!touched) {
        return fail(touched.error());
    }
    auto token = insertToken(db, sessionId, refreshTtl);
    if (!token) {
        return fail(token.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    rotated.session = {sessionId, *token};
    return rotated;
}

Result<std::optional<QString>> revokeByToken(QSqlDatabase &db, const QByteArray &refreshToken,
                                             const QString &reason)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE sessions SET revoked_at = now(), revoked_reason = ? "
                                     "WHERE id = (SELECT session_id FROM refresh_tokens WHERE "
                                     "token_digest = ?) AND revoked_at IS NULL RETURNING id::text"),
                      {reason, Auth::tokenDigest(refreshToken)});
    if (!q) {
        return fail(q.error());
    }
    return q->next() ? std::optional<QString>(q->value(0).toString()) : std::nullopt;
}

Result<void> revoke(QSqlDatabase &db, const QString &sessionId, const QString &reason)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE sessions SET revoked_at = now(), revoked_reason = ? "
                                     "WHERE id = ?::uuid AND revoked_at IS NULL"),
                      {reason, sessionId});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<int> revokeAllOfUser(QSqlDatabase &db, const QString &userId, const QString &reason,
                            const QString &keep)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE sessions SET revoked_at = now(), revoked_reason = ? "
                                     "WHERE user_id = ?::uuid AND revoked_at IS NULL AND id::text "
                                     "<> coalesce(?, '')"),
                      {reason, userId, keep});
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected();
}

Result<QStringList> recentlyRevoked(QSqlDatabase &db, std::chrono::seconds age)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT id::text FROM sessions WHERE revoked_at > now() - ? * "
                                     "interval '1 second'"),
                      {qint64(age.count())});
    if (!q) {
        return fail(q.error());
    }
    QStringList ids;
    while (q->next()) {
        ids.append(q->value(0).toString());
    }
    return ids;
}

Result<bool> isRevoked(QSqlDatabase &db, const QString &sessionId)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT revoked_at IS NOT NULL OR expires_at <= now() FROM "
                                     "sessions WHERE id = ?::uuid"),
                      {sessionId});
    if (!q) {
        return fail(q.error());
    }
    return q->next() ? q->value(0).toBool() : true;
}

Result<QByteArray> issueReset(QSqlDatabase &db, const QString &userId, std::chrono::seconds ttl)
{
    auto withdrawn = Db::exec(db,
                              QStringLiteral("UPDATE password_resets SET used_at = now() WHERE "
                                             "user_id = ?::uuid AND used_at IS NULL"),
                              {userId});
    if (!withdrawn) {
        return fail(withdrawn.error());
    }
    const QByteArray token = Auth::randomToken();
    auto q = Db::exec(db,
                      QStringLiteral("INSERT INTO password_resets (user_id, token_digest, "
                                     "expires_at) VALUES (?::uuid, ?, now() + ? * interval '1 "
                                     "second')"),
                      {userId, Auth::tokenDigest(token), qint64(ttl.count())});
    if (!q) {
        return fail(q.error());
    }
    return token;
}

namespace {

Error invalidResetToken()
{
    return Error::badRequest(
        QStringLiteral("This password reset link is invalid, used or expired; ask for a new one."));
}

} // namespace

Result<QString> consumeReset(QSqlDatabase &db, const QByteArray &token)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE password_resets SET used_at = now() WHERE "
                                     "token_digest = ? AND used_at IS NULL AND expires_at > now() "
                                     "RETURNING user_id::text"),
                      {Auth::tokenDigest(token)});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(invalidResetToken());
    }
    return q->value(0).toString();
}

Result<bool> isResetUsable(QSqlDatabase &db, const QByteArray &token)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT 1 FROM password_resets r JOIN users u ON u.id = "
                                     "r.user_id WHERE r.token_digest = ? AND r.used_at IS NULL "
                                     "AND r.expires_at > now() AND u.is_active"),
                      {Auth::tokenDigest(token)});
    if (!q) {
        return fail(q.error());
    }
    return q->next();
}

} // namespace Shop::Accounts::SessionRepository
