#include "usermessages.h"

#include <QStringList>

namespace Shop::Client {

namespace {

// The server's message as a sentence: ends with a full stop.
QString sentence(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.endsWith(u'.') || trimmed.endsWith(u'!')
        || trimmed.endsWith(u'?')) {
        return trimmed;
    }
    return trimmed + u'.';
}

} // namespace

UserMessages::Text UserMessages::describe(const Error &error, const QUrl &server)
{
    const QString address = server.toDisplayString();
    switch (error.code) {
    case ErrorCode::Unavailable:
        return {tr("Cannot reach the shop server"),
                tr("Cannot reach the shop server at %1. Check that it is running, then Retry.")
                    .arg(address)};
    case ErrorCode::Timeout:
    case ErrorCode::RequestTimeout:
        return {tr("The shop server is not answering"),
                tr("The shop server at %1 did not answer in time. Check that it is running and "
                   "not overloaded, then Retry.")
                    .arg(address)};
    case ErrorCode::NotFound:
        return {tr("Not found"),
                tr("The shop server has no such item any more. Go back and choose another one.")};
    case ErrorCode::Validation: {
        QStringList fields;
        for (const FieldError &field : error.fieldErrors) {
            fields << tr("%1 %2").arg(field.field, field.message);
        }
        return {tr("The server did not accept the request"),
                fields.isEmpty()
                    ? tr("%1 Change your entries and try again.").arg(sentence(error.message))
                    : tr("The server did not accept these values: %1. Change them and try again.")
                          .arg(fields.join(QStringLiteral("; ")))};
    }
    case ErrorCode::TooManyRequests:
        return {tr("Too many requests"),
                tr("The shop server is busy with too many requests. Wait a moment, then Retry.")};
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
        return {tr("Not allowed"),
                tr("The shop server does not allow this. Sign in with an account that may do it.")};
    default:
        return {tr("The shop server reported a problem"),
                tr("The shop server reported a problem: %1 Retry later; if it keeps happening, "
                   "tell the shop's administrator.")
                    .arg(sentence(error.message))};
    }
}

QString UserMessages::fieldError(const FieldError &error)
{
    const QString &code = error.code;
    const bool password = error.field.contains(QLatin1String("password"));
    if (error.field == QLatin1String("current_password")
        && (code.isEmpty() || code == QLatin1String("invalid")
            || code == QLatin1String("wrong_password"))) {
        return tr("The current password is wrong.");
    }
    if (code == QLatin1String("too_short")) {
        return password ? tr("Too short: a password needs at least 12 characters.")
                        : tr("Too short.");
    }
    if (code == QLatin1String("too_common")) {
        return tr("This password is too common. Choose one that is harder to guess.");
    }
    if (code == QLatin1String("contains_email")) {
        return tr("The password must not contain your email address.");
    }
    if (code == QLatin1String("taken")) {
        return error.field == QLatin1String("email")
            ? tr("An account with this email address already exists. Sign in instead, or reset "
                 "the password.")
            : tr("This is already taken.");
    }
    if (code == QLatin1String("invalid")) {
        return error.field == QLatin1String("email") ? tr("This is not a valid email address.")
                                                     : tr("This is not valid.");
    }
    if (code == QLatin1String("required")) {
        return tr("Required.");
    }
    if (code == QLatin1String("read_only")) {
        return tr("This cannot be changed here.");
    }
    return sentence(error.message);
}

} // namespace Shop::Client
