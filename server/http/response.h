#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Shop::Http {

struct Response
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // extra headers; Content-Length is added

    [[nodiscard]] static Response json(const QJsonObject &object, int status = 200);
    [[nodiscard]] static Response json(const QJsonArray &array, int status = 200);
    // One page of a paged list: {"items": [...], "page", "limit", "total"}.
    [[nodiscard]] static Response page(const QJsonArray &items, int page, int limit, qint64 total);
    // Pre-serialised JSON (for cached responses).
    [[nodiscard]] static Response jsonBytes(QByteArray body, int status = 200);
    [[nodiscard]] static Response bytes(QByteArray contentType, QByteArray body, int status = 200);
    [[nodiscard]] static Response noContent();

    void setHeader(const QByteArray &name, const QByteArray &value); // replaces
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

// What handlers return: a response, or an error that problem.cpp turns into problem+json.
using Reply = Result<Response>;

} // namespace Shop::Http
