#include "response.h"

#include "eventstream.h"

#include <QJsonDocument>

namespace Shop::Http {

Response Response::json(const QJsonObject &object, int status)
{
    return jsonBytes(QJsonDocument(object).toJson(QJsonDocument::Compact), status);
}

Response Response::json(const QJsonArray &array, int status)
{
    return jsonBytes(QJsonDocument(array).toJson(QJsonDocument::Compact), status);
}

Response Response::page(const QJsonArray &items, int page, int limit, qint64 total)
{
    return json(QJsonObject {{QStringLiteral("items"), items},
                             {QStringLiteral("page"), page},
                             {QStringLiteral("limit"), limit},
                             {QStringLiteral("total"), total}});
}

Response Response::jsonBytes(QByteArray body, int status)
{
    return bytes(QByteArrayLiteral("application/json"), std::move(body), status);
}

Response Response::bytes(QByteArray contentType, QByteArray body, int status)
{
    Response response;
    response.status = status;
    response.contentType = std::move(contentType);
    response.body = std::move(body);
    return response;
}

Response Response::noContent()
{
    Response response;
    response.status = 204;
    return response;
}

void Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    qsizetype first = -1;
    for (qsizetype i = headers.size() - 1; i >= 0; --i) {
        if (QByteArrayView(headers.at(i).first).compare(name, Qt::CaseInsensitive) == 0) {
            if (first >= 0) {
                headers.removeAt(first); // a later duplicate would contradict the new value
            }
            first = i;
        }
    }
    if (first >= 0) {
        headers[first].second = value;
    } else {
        headers.append({name, value});
    }
}

QByteArray Response::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

Response Response::eventStream(StreamBody body)
{
    Response response;
    response.contentType = QByteArrayLiteral("text/event-stream");
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no"));
    response.stream = std::make_shared<const StreamBody>(std::move(body));
    return response;
}

} // namespace Shop::Http
