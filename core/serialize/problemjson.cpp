#include "problemjson.h"

#include <QJsonArray>

namespace Shop::Json {

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
    return error;
}

} // namespace Shop::Json
