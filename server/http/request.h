#pragma once

#include "error.h"
#include "principal.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Shop::Http {

// An HTTP request, copied out of QHttpServerRequest on the event loop so that a handler may run
// on any thread and outlive the connection it came from.
struct Request
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded path, "/api/products/abc"
    QByteArray rawQuery; // still percent-encoded, "page=2&search=red%20shoe"
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QHostAddress remoteAddress;
    quint16 remotePort = 0; // with remoteAddress: which connection the request came on
    QString requestId;
    QHash<QString, QString> pathParams; // filled by the router: {"id": "abc"}
    // Filled by the server before the handler runs: who sent the request (empty: anonymous).
    Principal principal;

    // First value of a header, by case-insensitive name; empty when absent.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] QString pathParam(const QString &name) const { return pathParams.value(name); }
    // The body as a JSON object: 415 unless Content-Type is JSON, 400 when malformed.
    [[nodiscard]] Result<QJsonObject> jsonObject() const;
};

} // namespace Shop::Http
