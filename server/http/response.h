#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace Shop::Http {

struct StreamBody; // eventstream.h

struct Response
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // extra headers; Content-Length is added
    // Set: a long-lived text/event-stream answer instead of `body` (eventstream.h).
    std::shared_ptr<const StreamBody> stream;

    [[nodiscard]] static Response json(const QJsonObject &object, int status = 200);
    [[nodiscard]] static Response json(const QJsonArray &array, int status = 200);
    // One page of a paged list: {"items": [...], "page", "limit", "total"}.
    [[nodiscard]] static Response page(const QJsonArray &items, int page, int limit, qint64 total);
    // Pre-serialised JSON (for cached responses).
    [[nodiscard]] static Response jsonBytes(QByteArray body, int status = 200);
    [[nodiscard]] static Response bytes(QByteArray contentType, QByteArray body, int status = 200);
    [[nodiscard]] static Response noContent();
    // 200 text/event-stream, Cache-Control: no-store, X-Accel-Buffering: no (eventstream.h).
    [[nodiscard]] static Response eventStream(StreamBody body);

    void setHeader(const QByteArray &name, const QByteArray &value); // replaces
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

// What handlers return: a response, or an error that problem.cpp turns into problem+json.
using Reply = Result<Response>;

} // namespace Shop::Http
