#include "problemjson.h"

#include <QJsonArray>

namespace Shop::Json {

namespace {

// Members with a meaning of their own here or in RFC 9457 (the server adds the last three).
bool isStandardMember(const QString &key)
{
    static const QStringList members {
        QStringLiteral("type"),     QStringLiteral("title"),      QStringLiteral("code"),
        QStringLiteral("detail"),   QStringLiteral("errors"),     QStringLiteral("status"),
        QStringLiteral("instance"), QStringLiteral("request_id"),
    };
    return members.contains(key);
}

} // namespace

QJsonObject problemBody(const Error &error, const QString &title)
{
    const QString code = errorCodeName(error.code);
    QJsonObject body {
        {QStringLiteral("type"), QString(QStringLiteral("/problems/") + code)},
        {QStringLiteral("title"), title},
        {QStringLiteral("code"), code},
    };
    if (!error.message.isEmpty()) {
        body.insert(QStringLiteral("detail"), error.message);
    }
    if (!error.fieldErrors.isEmpty()) {
        QJsonArray errors;
        for (const FieldError &fieldError : error.fieldErrors) {
            QJsonObject entry {{QStringLiteral("field"), fieldError.field},
                               {QStringLiteral("message"), fieldError.message}};
            if (!fieldError.code.isEmpty()) {
                entry.insert(QStringLiteral("code"), fieldError.code);
            }
            errors.append(entry);
        }
        body.insert(QStringLiteral("errors"), errors);
    }
    for (auto it = error.extensions.begin(); it != error.extensions.end(); ++it) {
        if (!body.contains(it.key()) && !isStandardMember(it.key())) {
            body.insert(it.key(), it.value());
        }
    }
    return body;
}

Error errorFromProblem(const QJsonObject &problem)
{
    Error error;
    error.code = ErrorCode::Internal;
    const QString code = problem.value(QStringLiteral("code")).toString();
    for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
        if (errorCodeName(ErrorCode(i)) == code) {
            error.code = ErrorCode(i);
            break;
        }
    }
    error.message = problem.value(QStringLiteral("detail")).toString();
    if (error.message.isEmpty()) {
        error.message = problem.value(QStringLiteral("title")).toString();
    }
    for (const QJsonValue &value : problem.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject o = value.toObject();
        error.fieldErrors.append({o.value(QStringLiteral("field")).toString(),
                                  o.value(QStringLiteral("message")).toString(),
                                  o.value(QStringLiteral("code")).toString()});
    }
    for (auto it = problem.begin(); it != problem.end(); ++it) {
        if (!isStandardMember(it.key())) {
            error.extensions.insert(it.key(), it.value());
        }
    }
    return error;
}

} // namespace Shop::Json
