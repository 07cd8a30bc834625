#pragma once

#include "error.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <chrono>

namespace Shop::Orders {

// Idempotency-Key for POST /api/orders, with Stripe's semantics (per user, table
// idempotency_keys):
// - the first request with a key claims it ('running') in its own short transaction, so that a
//   duplicate arriving meanwhile sees the claim and is refused with 409;
// - the answer of a request that ran (the order placed, or refused for stock or an empty cart) is
//   stored with the key, in the same transaction as the order; the same key with the same body
//   replays it, byte for byte; the same key with another body is refused with 422;
// - a request that did not run to an answer (invalid input, the database unavailable, a bug)
//   releases its claim, so that the client may retry with the same key;
// - a claim left 'running' by a process that died is taken over after kStaleClaim.
// Keys are kept at least 24 hours (prune()).
namespace Idempotency {

inline constexpr std::chrono::seconds kStaleClaim {120};

// A key as clients send it: 1 to 255 printable ASCII characters (Stripe allows 255).
[[nodiscard]] bool isValidKey(const QByteArray &key);

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
[[nodiscard]] Result<Claim> claim(QSqlDatabase &db, const QString &userId, const QString &key,
                                  const QByteArray &requestDigest);
// Stores the answer: inside the request's own transaction for a success, so that the order and
// its answer commit together; on its own for a refusal.
[[nodiscard]] Result<void> store(QSqlDatabase &db, const QString &userId, const QString &key,
                                 int status, const QByteArray &body);
// Gives the key up (autocommit).
[[nodiscard]] Result<void> release(QSqlDatabase &db, const QString &userId, const QString &key);
// Deletes up to 1,000 keys older than `age` (at least 24 hours); returns how many.
[[nodiscard]] Result<qint64> prune(QSqlDatabase &db, std::chrono::hours age);

} // namespace Idempotency

} // namespace Shop::Orders
