#include "error.h"

namespace Shop {

Error Error::badRequest(const QString &message)
{
    return Error {ErrorCode::BadRequest, message, {}};
}

Error Error::validation(QList<FieldError> fields, const QString &message)
{
    return Error {ErrorCode::Validation,
                  message.isEmpty() ? QStringLiteral("The request has invalid values.") : message,
                  std::move(fields)};
}

Error Error::notFound(const QString &message)
{
    return Error {ErrorCode::NotFound, message, {}};
}

Error Error::conflict(const QString &message)
{
    return Error {ErrorCode::Conflict, message, {}};
}

Error Error::unavailable(const QString &message)
{
    return Error {ErrorCode::Unavailable, message, {}};
}

Error Error::internal(const QString &message)
{
    return Error {ErrorCode::Internal, message, {}};
}

bool Error::isRetryable() const
{
    return code == ErrorCode::Unavailable || code == ErrorCode::Timeout
        || code == ErrorCode::TooManyRequests;
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return QStringLiteral("bad-request");
    case ErrorCode::Validation:
        return QStringLiteral("validation");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::MethodNotAllowed:
        return QStringLiteral("method-not-allowed");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::PreconditionFailed:
        return QStringLiteral("precondition-failed");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorCode::PayloadTooLarge:
        return QStringLiteral("payload-too-large");
    case ErrorCode::UnsupportedMediaType:
        return QStringLiteral("unsupported-media-type");
    case ErrorCode::RequestTimeout:
        return QStringLiteral("request-timeout");
    case ErrorCode::TooManyRequests:
        return QStringLiteral("too-many-requests");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace Shop
