#pragma once

#include "response.h"

#include <QByteArray>

namespace Shop::Http {

// The stored first answer of a request made again with the same Idempotency-Key (Db::Idempotency,
// docs/orders.md): its status and body byte for byte, as JSON or problem+json, marked
// `Idempotent-Replayed: true`. Routes add their own headers (an order's Location).
[[nodiscard]] Response idempotentReplay(int status, const QByteArray &body);

} // namespace Shop::Http
