#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <chrono>

namespace Shop::Db {

// Idempotency-Key for the routes that must act once per key (POST /api/orders, the staff's
// POST /api/admin/products/{id}/stock), with Stripe's semantics (per user and scope, table
// idempotency_keys; the scope names the route, so one key sent to two routes is two keys):
// - the first request with a key claims it ('running') in its own short transaction, so that a
//   duplicate arriving meanwhile sees the claim and is refused with 409;
// - the answer of a request that ran (the order placed, or refused for stock or an empty cart) is
//   stored with the key, in the same transaction as the order; the same key with the same body
//   replays it, byte for byte; the same key with another body is refused with 422;
// - a request that did not run to an answer (invalid input, the database unavailable, a bug)
//   releases its claim, so that the client may retry with the same key;
// - a claim left 'running' by a process that died is taken over after kStaleClaim.
// Keys are kept at least 24 hours (prune()). The route decides which refusals are final (stored
// and replayed) and writes the replayed response (status, body, and its own headers).
namespace Idempotency {

// The scopes in use (idempotency_keys.scope, 1-64 characters).
inline const QString kScopeOrders = QStringLiteral("orders"); // POST /api/orders
inline const QString kScopeStock = QStringLiteral("catalog.stock"); // POST .../products/{id}/stock

inline constexpr std::chrono::seconds kStaleClaim {120};

// A key as clients send it: 1 to 255 printable ASCII characters (Stripe allows 255).
[[nodiscard]] bool isValidKey(const QByteArray &key);

// The digest that tells "the same request" from "another request with the same key": SHA-256 of
// the body as parsed (members sorted, no spacing: the same JSON whatever its formatting), after
// `target` and a newline when `target` is not empty (the path's resource: the same body for
// another product is another request).
[[nodiscard]] QByteArray requestDigest(const QJsonObject &body, const QString &target = {});

struct Claim
{
    enum class State {
        Proceed, // the key is ours: run the request, then store() or release()
        Replay, // the first answer: status and body
        InFlight, // the first request with this key is still running (409)
        Mismatch, // the key was used with another body (422)
    };
    State state = State::Proceed;
    int status = 0;
    QByteArray body;
};

// Claims the key (autocommit: call it outside a transaction; its statement commits without
// waiting for the WAL flush, which inside a transaction would apply to the whole transaction).
[[nodiscard]] Result<Claim> claim(QSqlDatabase &db, const QString &userId, const QString &scope,
                                  const QString &key, const QByteArray &requestDigest);
// Stores the answer: inside the request's own transaction for a success, so that the order and
// its answer commit together; on its own for a refusal.
[[nodiscard]] Result<void> store(QSqlDatabase &db, const QString &userId, const QString &scope,
                                 const QString &key, int status, const QByteArray &body);
// Gives the key up (autocommit).
[[nodiscard]] Result<void> release(QSqlDatabase &db, const QString &userId, const QString &scope,
                                   const QString &key);
// Deletes up to 1,000 keys (of every scope) older than `age` (at least 24 hours); returns how
// many.
[[nodiscard]] Result<qint64> prune(QSqlDatabase &db, std::chrono::hours age);

} // namespace Idempotency

} // namespace Shop::Db
