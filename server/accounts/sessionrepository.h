#pragma once

#include "accountrows.h"
#include "error.h"

#include <QSqlDatabase>

#include <chrono>
#include <optional>

namespace Shop::Accounts::SessionRepository {

// Sessions (refresh-token families), refresh tokens and password resets. Tokens are stored as
// SHA-256 digests only (Auth::tokenDigest); the raw token exists in the client's cookie or the
// email and nowhere else.

struct NewSession
{
    QString sessionId;
    QByteArray refreshToken; // raw: for the cookie, never stored
};

// A new session with its first refresh token (caller's transaction).
[[nodiscard]] Result<NewSession> create(QSqlDatabase &db, const QString &userId,
                                        std::chrono::seconds refreshTtl, const QString &userAgent,
                                        const QString &ip);

struct Rotated
{
    User user;
    NewSession session; // the same session id with a new refresh token
};

// Uses a refresh token once, in its own transaction: the token is marked used and a new one
// issued for the same session. Unauthorized when the token is unknown, expired, its session is
// revoked or expired, or its user deactivated. A token presented again after it was used revokes
// its whole session ("refresh token reuse") and is Unauthorized too.
[[nodiscard]] Result<Rotated> rotate(QSqlDatabase &db, const QByteArray &refreshToken,
                                     std::chrono::seconds refreshTtl);

// Revokes the session the refresh token belongs to (logout); no error when there is none.
[[nodiscard]] Result<std::optional<QString>>
revokeByToken(QSqlDatabase &db, const QByteArray &refreshToken, const QString &reason);
[[nodiscard]] Result<void> revoke(QSqlDatabase &db, const QString &sessionId,
                                  const QString &reason);
// Every live session of the user except `keep` (may be empty); returns how many.
[[nodiscard]] Result<int> revokeAllOfUser(QSqlDatabase &db, const QString &userId,
                                          const QString &reason, const QString &keep = QString());
// Session ids revoked at most `age` ago (the revocation set's start).
[[nodiscard]] Result<QStringList> recentlyRevoked(QSqlDatabase &db, std::chrono::seconds age);
// Whether a session is revoked or expired (the slow path when revocations can't be observed).
[[nodiscard]] Result<bool> isRevoked(QSqlDatabase &db, const QString &sessionId);

// Password resets. issueReset() makes a token for the user (earlier unused ones of the user are
// withdrawn) and returns it raw, for the email; consumeReset() uses a token once and returns its
// user, or BadRequest when it is unknown, used or expired.
[[nodiscard]] Result<QByteArray> issueReset(QSqlDatabase &db, const QString &userId,
                                            std::chrono::seconds ttl);
[[nodiscard]] Result<QString> consumeReset(QSqlDatabase &db, const QByteArray &token);
// Whether the token would be accepted now (before hashing a new password for it).
[[nodiscard]] Result<bool> isResetUsable(QSqlDatabase &db, const QByteArray &token);

} // namespace Shop::Accounts::SessionRepository
