#include "mailsendvalidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Shop::Sandbox {

namespace {

constexpr int kMaxPersonalizations = 1000;
constexpr int kMaxRecipients = 1000;

QString help(const char *anchor)
{
    return QStringLiteral("http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/"
                          "errors.html#message.")
        + QLatin1StringView(anchor);
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

bool isNonEmptyString(const QJsonValue &value)
{
    return value.isString() && !value.toString().isEmpty();
}

} // namespace

QByteArray sendGridErrorBody(const QList<SendGridError> &errors)
{
    QJsonArray array;
    for (const SendGridError &error : errors) {
        array.append(QJsonObject {{QStringLiteral("message"), error.message},
                                  {QStringLiteral("field"), nullable(error.field)},
                                  {QStringLiteral("help"), nullable(error.help)}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("errors"), array}})
        .toJson(QJsonDocument::Compact);
}

bool isValidEmail(const QString &address)
{
    if (address.isEmpty() || address.size() > 254) {
        return false;
    }
    const qsizetype at = address.indexOf(u'@');
    if (at <= 0 || at != address.lastIndexOf(u'@') || at > 64) {
        return false;
    }
    const QStringView domain = QStringView(address).mid(at + 1);
    if (domain.size() < 3 || !domain.contains(u'.') || domain.startsWith(u'.')
        || domain.endsWith(u'.') || domain.contains(u"..")) {
        return false;
    }
    for (const QChar c : address) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f
            || QStringView(u"<>(),;:\"[]\\").contains(c)) {
            return false;
        }
    }
    return true;
}

std::expected<MailMessage, QList<SendGridError>> validateMailSend(const QByteArray &contentType,
                                                                  const QByteArray &body)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mediaType =
        (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    if (mediaType != "application/json") {
        return std::unexpected(QList<SendGridError> {
            {QStringLiteral("Content-Type should be application/json."), {}, {}}});
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return std::unexpected(QList<SendGridError> {{QStringLiteral("Bad Request"), {}, {}}});
    }
    const QJsonObject root = document.object();
    QList<SendGridError> errors;
    MailMessage message;

    // from
    const QJsonValue from = root.value(QStringLiteral("from"));
    if (!from.isObject() || !isNonEmptyString(from.toObject().value(QStringLiteral("email")))) {
        errors.append({QStringLiteral("The from object must be provided for every email send. It "
                                      "is an object that requires the email parameter, but may "
                                      "also contain a name parameter.  e.g. {\"email\" : "
                                      "\"example@example.com\"}  or {\"email\" : "
                                      "\"example@example.com\", \"name\" : \"Example "
                                      "Recipient\"}."),
                       QStringLiteral("from.email"), help("from")});
    } else {
        message.from = from.toObject().value(QStringLiteral("email")).toString();
        if (!isValidEmail(message.from)) {
            errors.append({QStringLiteral("The from email does not contain a valid address."),
                           QStringLiteral("from.email"), help("from")});
        }
    }

    // personalizations, to, per-personalization subjects
    const QJsonValue personalizationsValue = root.value(QStringLiteral("personalizations"));
    const QJsonArray personalizations = personalizationsValue.toArray();
    bool everyPersonalizationHasSubject = !personalizations.isEmpty();
    QString firstPersonalizationSubject;
    if (!personalizationsValue.isArray() || personalizations.isEmpty()) {
        errors.append({QStringLiteral("The personalizations field is required and must have at "
                                      "least one personalization."),
                       QStringLiteral("personalizations"), help("personalizations")});
    } else if (personalizations.size() > kMaxPersonalizations) {
        errors.append({QStringLiteral("The personalization block is limited to 1000 "
                                      "personalizations per API request. You have provided %1 "
                                      "personalizations. Please consider splitting this into "
                                      "multiple requests and resending your request.")
                           .arg(personalizations.size()),
                       QStringLiteral("personalizations"), help("personalizations")});
    } else {
        int recipients = 0;
        for (qsizetype i = 0; i < personalizations.size(); ++i) {
            const QString prefix = QStringLiteral("personalizations.%1").arg(i);
            if (!personalizations.at(i).isObject()) {
                errors.append({QStringLiteral("The personalizations field must be an array of "
                                              "objects."),
                               prefix, help("personalizations")});
                everyPersonalizationHasSubject = false;
                continue;
            }
            const QJsonObject personalization = personalizations.at(i).toObject();
            const QJsonValue subject = personalization.value(QStringLiteral("subject"));
            if (isNonEmptyString(subject)) {
                if (firstPersonalizationSubject.isEmpty()) {
                    firstPersonalizationSubject = subject.toString();
                }
            } else {
                everyPersonalizationHasSubject = false;
            }
            const QJsonValue toValue = personalization.value(QStringLiteral("to"));
            const QJsonArray to = toValue.toArray();
            if (!toValue.isArray() || to.isEmpty()) {
                errors.append({QStringLiteral("The to array is required for all personalization "
                                              "objects, and must have at least one email object "
                                              "with a valid email address."),
                               prefix + u".to", help("personalizations.to")});
                continue;
            }
            recipients += int(to.size());
            for (qsizetype j = 0; j < to.size(); ++j) {
                const QJsonValue email = to.at(j).toObject().value(QStringLiteral("email"));
                const QString field = prefix + QStringLiteral(".to.%1.email").arg(j);
                if (!email.isString() || !isValidEmail(email.toString())) {
                    errors.append({QStringLiteral("Does not contain a valid address."), field,
                                   help("personalizations.to")});
                } else {
                    message.to.append(email.toString());
                }
            }
        }
        if (recipients > kMaxRecipients) {
            errors.append({QStringLiteral("There is a limit of 1000 total recipients (to + cc + "
                                          "bcc) per request."),
                           QStringLiteral("personalizations"), help("personalizations")});
        }
    }

    // subject: top level, or in every personalization
    const QJsonValue subject = root.value(QStringLiteral("subject"));
    if (isNonEmptyString(subject)) {
        message.subject = subject.toString();
    } else if (everyPersonalizationHasSubject) {
        message.subject = firstPersonalizationSubject;
    } else {
        errors.append({QStringLiteral("The subject is required. You can get around this "
                                      "requirement if you use a template with a subject defined "
                                      "or if every personalization has a subject defined."),
                       QStringLiteral("subject"), help("subject")});
    }

    // content: at least one {type, value}; text/plain first, then text/html, then the rest
    const QJsonValue contentValue = root.value(QStringLiteral("content"));
    const QJsonArray content = contentValue.toArray();
    if (!contentValue.isArray() || content.isEmpty()) {
        errors.append({QStringLiteral("Unless a valid template_id is provided, the content "
                                      "parameter is required. There must be at least one defined "
                                      "content block. We typically suggest both text/plain and "
                                      "text/html blocks are included, but only one block is "
                                      "required."),
                       QStringLiteral("content"), help("content")});
    } else {
        qsizetype plainAt = -1;
        qsizetype htmlAt = -1;
        bool duplicate = false;
        for (qsizetype i = 0; i < content.size(); ++i) {
            const QJsonObject block = content.at(i).toObject();
            const QJsonValue type = block.value(QStringLiteral("type"));
            const QJsonValue value = block.value(QStringLiteral("value"));
            const QString prefix = QStringLiteral("content.%1").arg(i);
            if (!isNonEmptyString(type)) {
                errors.append({QStringLiteral("The content type must be a string at least one "
                                              "character in length."),
                               prefix + u".type", help("content.type")});
                continue;
            }
            if (!isNonEmptyString(value)) {
                errors.append({QStringLiteral("The content value must be a string at least one "
                                              "character in length."),
                               prefix + u".value", help("content.value")});
            }
            const QString mime = type.toString().trimmed().toLower();
            if (mime == u"text/plain") {
                duplicate = duplicate || plainAt >= 0;
                plainAt = i;
                message.text = value.toString();
            } else if (mime == u"text/html") {
                duplicate = duplicate || htmlAt >= 0;
                htmlAt = i;
                message.html = value.toString();
            }
        }
        if (duplicate) {
            errors.append({QStringLiteral("If present, text/plain and text/html may only be "
                                          "provided once."),
                           QStringLiteral("content"), help("content")});
        } else if ((plainAt >= 0 && plainAt != 0)
                   || (htmlAt >= 0 && htmlAt != (plainAt >= 0 ? 1 : 0))) {
            errors.append({QStringLiteral("If present, text/plain content must be first, "
                                          "followed by text/html, followed by any other "
                                          "content."),
                           QStringLiteral("content"), help("content")});
        }
    }

    if (!errors.isEmpty()) {
        return std::unexpected(std::move(errors));
    }
    return message;
}

} // namespace Shop::Sandbox
