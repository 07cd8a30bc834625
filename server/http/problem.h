#pragma once

#include "error.h"
#include "response.h"

#include <QByteArray>
#include <QString>

namespace Shop::Http {

// The one place that maps Shop::ErrorCode to an HTTP status.
[[nodiscard]] int httpStatus(ErrorCode code);
// "Not Found" for 404; "Unknown" for codes this server never sends.
[[nodiscard]] QByteArray reasonPhrase(int status);

// An RFC 9457 problem response (application/problem+json, Cache-Control: no-store) for an error
// that happened while answering the request for `instance` (its path). The body carries "status",
// "instance" and "request_id" besides core's problemBody(). An Internal error never shows its
// message: the caller logs it with the request id instead.
[[nodiscard]] Response problemResponse(const Error &error, const QString &instance,
                                       const QString &requestId);
// A problem response for a protocol-level status that may have no ErrorCode of its own (431,
// 417, 501, 505): the code is the ErrorCode mapped to `status` when there is one, else
// bad-request; "status" and "title" are the real ones.
[[nodiscard]] Response statusProblem(int status, const QString &detail, const QString &instance,
                                     const QString &requestId);

} // namespace Shop::Http
