#include "problem.h"

#include "serialize/problemjson.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Shop::Http {

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return 400;
    case ErrorCode::Validation:
        return 422;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::MethodNotAllowed:
        return 405;
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::PreconditionFailed:
        return 412;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::UnsupportedMediaType:
        return 415;
    case ErrorCode::RequestTimeout:
        return 408;
    case ErrorCode::TooManyRequests:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Timeout:
        return 504;
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 412:
        return QByteArrayLiteral("Precondition Failed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 416:
        return QByteArrayLiteral("Range Not Satisfiable");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 428:
        return QByteArrayLiteral("Precondition Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

namespace {

Response buildProblem(int status, const Error &error, const QString &instance,
                      const QString &requestId)
{
    Error shown = error;
    if (error.code == ErrorCode::Internal) {
        shown.message = QStringLiteral("The server could not answer this request. Quote the "
                                       "request id when you report the problem.");
        shown.fieldErrors.clear();
    }
    QJsonObject body = Json::problemBody(shown, QString::fromLatin1(reasonPhrase(status)));
    body.insert(QStringLiteral("status"), status);
    body.insert(QStringLiteral("instance"), instance);
    body.insert(QStringLiteral("request_id"), requestId);
    Response response = Response::bytes(QByteArrayLiteral("application/problem+json"),
                                        QJsonDocument(body).toJson(QJsonDocument::Compact), status);
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (status == 503) {
        // Unavailable is temporary by definition (the database restarting, the server busy): say
        // when to try again, so clients and proxies back off instead of hammering or giving up.
        // Callers that know better set their own value afterwards.
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("2"));
    }
    return response;
}

} // namespace

Response problemResponse(const Error &error, const QString &instance, const QString &requestId)
{
    return buildProblem(httpStatus(error.code), error, instance, requestId);
}

Response statusProblem(int status, const QString &detail, const QString &instance,
                       const QString &requestId)
{
    ErrorCode code = status >= 500 ? ErrorCode::Internal : ErrorCode::BadRequest;
    bool mapped = false;
    for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
        if (httpStatus(ErrorCode(i)) == status) {
            code = ErrorCode(i);
            mapped = true;
            break;
        }
    }
    if (!mapped) {
        // 501/505 are about what the client sent, not a server failure: keep the detail.
        code = ErrorCode::BadRequest;
    }
    return buildProblem(status, Error {code, detail, {}}, instance, requestId);
}

} // namespace Shop::Http
