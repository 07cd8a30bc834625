#include "request.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Shop::Http {

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

Result<QJsonObject> Request::jsonObject() const
{
    const QByteArray contentType = header("content-type");
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mediaType =
        (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    if (mediaType != "application/json") {
        return fail(Error {ErrorCode::UnsupportedMediaType,
                           contentType.isEmpty()
                               ? QStringLiteral("The request has no Content-Type; send the body as "
                                                "application/json.")
                               : QStringLiteral("The Content-Type %1 is not supported; send the "
                                                "body as application/json.")
                                     .arg(QString::fromLatin1(mediaType)),
                           {}});
    }
    if (body.trimmed().isEmpty()) {
        return fail(Error::badRequest(
            QStringLiteral("The request body is empty; a JSON object is expected.")));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(Error::badRequest(QStringLiteral("The request body is not valid JSON: %1 at "
                                                     "byte %2.")
                                          .arg(parseError.errorString())
                                          .arg(parseError.offset)));
    }
    if (!document.isObject()) {
        return fail(
            Error::badRequest(QStringLiteral("The request body must be a JSON object ({...}).")));
    }
    return document.object();
}

} // namespace Shop::Http
