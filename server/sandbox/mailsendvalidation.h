#pragma once

#include "inbox.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <expected>

namespace Shop::Sandbox {

// One entry of SendGrid's error body: {"errors":[{"message", "field", "help"}]}. An empty field
// or help is written as null, as SendGrid does.
struct SendGridError
{
    QString message;
    QString field;
    QString help;
};

[[nodiscard]] QByteArray sendGridErrorBody(const QList<SendGridError> &errors);

// Checks a POST /v3/mail/send body the way SendGrid documents it for the fields Shop uses
// (JSON syntax, from.email, personalizations[].to[].email, subject, content[] and its order) and
// returns the message to keep (without id and time), or every error found (SendGrid answers them
// all at once with 400). `contentType` is the request's Content-Type header.
[[nodiscard]] std::expected<MailMessage, QList<SendGridError>>
validateMailSend(const QByteArray &contentType, const QByteArray &body);

// A plausible address: one '@', a non-empty local part, a dotted domain, no spaces, controls or
// the characters SendGrid refuses (<>(),;:"), at most 254 characters.
[[nodiscard]] bool isValidEmail(const QString &address);

} // namespace Shop::Sandbox
