#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <expected>

namespace Shop {

// What went wrong, independent of any transport. The server maps each code to one HTTP status in
// exactly one place (server/http/problem.cpp); the client maps problem responses back to it.
enum class ErrorCode {
    BadRequest, // the request is malformed (bad JSON, bad encoding)
    Validation, // well-formed but invalid values; see fieldErrors
    NotFound,
    MethodNotAllowed,
    Conflict,
    PreconditionFailed, // a conditional request (If-Match) whose condition no longer holds
    Unauthorized,
    Forbidden,
    PayloadTooLarge,
    UnsupportedMediaType,
    RequestTimeout,
    TooManyRequests,
    Unavailable, // a dependency (database, network) is unreachable; retrying may help
    Timeout, // client side: no answer in time
    Internal,
};

struct FieldError
{
    QString field;
    QString message;
    // Optional machine-readable reason ("too_short", "taken", ...) so that clients can show their
    // own translated text; empty when the message is all there is.
    QString code = {};

    friend bool operator==(const FieldError &, const FieldError &) = default;
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QList<FieldError> fieldErrors;
    // For logs and operators only (a database address, a driver's message): never sent to
    // clients. `message` is what a client may see.
    QString logDetail;
    // Extra members of the problem document, for clients that act on them (the lines of an order
    // that lack stock: {"lines": [...]}). Never overrides the standard members.
    QJsonObject extensions = {};

    [[nodiscard]] static Error badRequest(const QString &message);
    [[nodiscard]] static Error validation(QList<FieldError> fields,
                                          const QString &message = QString());
    [[nodiscard]] static Error notFound(const QString &message);
    [[nodiscard]] static Error conflict(const QString &message);
    [[nodiscard]] static Error unavailable(const QString &message);
    [[nodiscard]] static Error internal(const QString &message);

    [[nodiscard]] bool isRetryable() const;
};

[[nodiscard]] QString errorCodeName(ErrorCode code);

template<typename T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function that returns Result<T>.
[[nodiscard]] inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace Shop
