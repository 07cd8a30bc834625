#pragma once

#include "request.h"
#include "response.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Shop::Http {

// Conditional GET (RFC 9110 §8.8.3, §13.1.2): entity tags and If-None-Match.

// A strong entity tag for these bytes: a quoted SHA-1 of the content.
[[nodiscard]] QByteArray entityTagFor(QByteArrayView content);

// `tag` as the ETag header wants it: kept when it already is a valid (possibly weak) quoted tag,
// quoted when it is a bare token of tag characters; empty when it cannot be one.
[[nodiscard]] QByteArray normalizedEntityTag(QByteArrayView tag);

// Whether an If-None-Match field value matches `etag` with the weak comparison: "*" or any
// listed tag equal to ours once "W/" is ignored.
[[nodiscard]] bool ifNoneMatchMatches(QByteArrayView ifNoneMatch, QByteArrayView etag);

// The answer to a GET or HEAD of a representation with this entity tag: 304 Not Modified with no
// body when the request's If-None-Match matches, else `full`. Either way it carries the ETag and
// the given Cache-Control (when not empty).
[[nodiscard]] Response conditionalResponse(const Request &request, const QByteArray &etag,
                                           Response full, const QByteArray &cacheControl = {});

} // namespace Shop::Http
