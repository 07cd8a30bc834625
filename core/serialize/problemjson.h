#pragma once

// RFC 9457 problem details as the wire format of Shop::Error:
//   { "type": "/problems/validation", "title": "...", "status": 422, "detail": "...",
//     "code": "validation", "errors": [ { "field": "limit", "message": "...", "code": "..." } ],
//     "request_id": "..." }
// The server adds "status", "instance" and "request_id"; this file knows no HTTP status codes.

#include "error.h"

#include <QJsonObject>

namespace Shop::Json {

[[nodiscard]] QJsonObject problemBody(const Error &error, const QString &title);
// Reads a problem document back into an Error (the client side). Unknown codes become Internal.
[[nodiscard]] Error errorFromProblem(const QJsonObject &problem);

} // namespace Shop::Json
