#pragma once

// Request parsing shared by the accounts module's handlers (accountsservice.cpp,
// accountsadmin.cpp): JSON fields with their rules and field-error codes, cookies, path ids.
// Internal to the module.

#include "accountrows.h"
#include "auth/passwordpolicy.h"
#include "db/database.h"
#include "db/transaction.h"
#include "http/csrf.h"
#include "http/request.h"
#include "ids.h"
#include "validation.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <chrono>
#include <optional>

namespace Shop::Accounts::Requests {

using Http::hasCsrfProof;
using Http::Request;

inline const QByteArray kCookieName = QByteArrayLiteral("shop_refresh");
inline constexpr auto kFifteenMinutes = std::chrono::seconds(15 * 60);

inline Error invalidCredentials()
{
    return Error {ErrorCode::Unauthorized,
                  QStringLiteral("The email address or the password is wrong."),
                  {},
                  {}};
}

inline Error busy()
{
    return Error::unavailable(QStringLiteral("The server is busy; try again in a moment."));
}

inline bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

// Reads string fields from a JSON body, collecting field errors.
class Fields final
{
public:
    explicit Fields(QJsonObject body)
        : m_body(std::move(body))
    { }

    // Members the client may not set (mass assignment) and members nobody knows are errors.
    void allowOnly(const QStringList &allowed, const QStringList &readOnly = {})
    {
        for (auto it = m_body.constBegin(); it != m_body.constEnd(); ++it) {
            if (readOnly.contains(it.key())) {
                m_v.add(it.key(), QStringLiteral("cannot be changed here"),
                        QStringLiteral("read_only"));
            } else if (!allowed.contains(it.key())) {
                m_v.add(it.key(), QStringLiteral("is not a known field"),
                        QStringLiteral("unknown"));
            }
        }
    }

    [[nodiscard]] bool has(const QString &name) const { return m_body.contains(name); }

    // A trimmed, one-line string of at most maxLength characters.
    QString text(const QString &name, bool required, int maxLength, bool trim = true)
    {
        const QJsonValue value = m_body.value(name);
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                m_v.add(name, QStringLiteral("is required"), QStringLiteral("required"));
            }
            return {};
        }
        if (!value.isString()) {
            m_v.add(name, QStringLiteral("must be a string"), QStringLiteral("invalid"));
            return {};
        }
        const QString text = trim ? value.toString().trimmed() : value.toString();
        if (required && text.isEmpty()) {
            m_v.add(name, QStringLiteral("is required"), QStringLiteral("required"));
        } else if (text.size() > maxLength) {
            m_v.add(name, QStringLiteral("must be at most %1 characters").arg(maxLength),
                    QStringLiteral("too_long"));
        } else if (hasControlCharacters(text)) {
            m_v.add(name, QStringLiteral("must not contain control characters"),
                    QStringLiteral("invalid"));
        }
        return text;
    }

    std::optional<bool> boolean(const QString &name, bool required)
    {
        const QJsonValue value = m_body.value(name);
        if (value.isUndefined()) {
            if (required) {
                m_v.add(name, QStringLiteral("is required"), QStringLiteral("required"));
            }
            return std::nullopt;
        }
        if (!value.isBool()) {
            m_v.add(name, QStringLiteral("must be true or false"), QStringLiteral("invalid"));
            return std::nullopt;
        }
        return value.toBool();
    }

    QString email(const QString &name)
    {
        const QString address = text(name, true, 254);
        if (!address.isEmpty() && !m_v.hasError(name) && !isValidEmail(address)) {
            m_v.add(name, QStringLiteral("must be an email address such as ada@example.com"),
                    QStringLiteral("invalid"));
        }
        return address;
    }

    QString language(const QString &name)
    {
        static const QRegularExpression tag(QStringLiteral("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"));
        const QString value = text(name, false, 35);
        if (!value.isEmpty() && !tag.match(value).hasMatch()) {
            m_v.add(name, QStringLiteral("must be a language tag such as en or de"),
                    QStringLiteral("invalid"));
        }
        return value;
    }

    // A new password: the policy (length, common passwords, the email in it).
    QString newPassword(const QString &name, const QString &email)
    {
        const QString password = text(name, true, 1024, false);
        if (!password.isEmpty() && !m_v.hasError(name)) {
            if (const auto problem = Auth::checkPassword(password, email)) {
                m_v.add(name, problem->message, problem->code);
            }
        }
        return password;
    }

    void add(const QString &name, const QString &message, const QString &code)
    {
        m_v.add(name, message, code);
    }
    [[nodiscard]] std::optional<Error> error() const
    {
        return m_v.error(QStringLiteral("Some fields are not valid."));
    }

private:
    QJsonObject m_body;
    Validator m_v;
};

inline Result<Fields> fieldsOf(const Request &request)
{
    auto body = request.jsonObject();
    if (!body) {
        return fail(body.error());
    }
    return Fields(*body);
}

inline QByteArray cookieValue(const Request &request, const QByteArray &name)
{
    for (const auto &[header, value] : request.headers) {
        if (header != "cookie") {
            continue;
        }
        for (const QByteArray &part : value.split(';')) {
            const QByteArray pair = part.trimmed();
            if (pair.startsWith(QByteArray(name + '='))) {
                return pair.mid(name.size() + 1);
            }
        }
    }
    return {};
}

inline std::optional<QString> parseId(const Request &request, const QString &name)
{
    const auto id = UserId::parse(request.pathParam(name));
    if (!id) {
        return std::nullopt;
    }
    return id->toString();
}

inline Address addressFrom(Fields &f)
{
    Address a;
    a.label = f.text(QStringLiteral("label"), false, 50);
    a.recipientName = f.text(QStringLiteral("recipient_name"), true, 200);
    a.line1 = f.text(QStringLiteral("line1"), true, 200);
    a.line2 = f.text(QStringLiteral("line2"), false, 200);
    a.city = f.text(QStringLiteral("city"), true, 100);
    a.postalCode = f.text(QStringLiteral("postal_code"), true, 20);
    a.region = f.text(QStringLiteral("region"), false, 100);
    a.country = f.text(QStringLiteral("country"), true, 2).toUpper();
    static const QRegularExpression country(QStringLiteral("^[A-Z]{2}$"));
    if (!a.country.isEmpty() && !country.match(a.country).hasMatch()) {
        f.add(QStringLiteral("country"), QStringLiteral("must be an ISO 3166-1 code such as DE"),
              QStringLiteral("invalid"));
    }
    a.phone = f.text(QStringLiteral("phone"), false, 40);
    static const QRegularExpression phone(QStringLiteral("^[0-9 +()./-]*$"));
    if (!phone.match(a.phone).hasMatch()) {
        f.add(QStringLiteral("phone"), QStringLiteral("may hold digits, spaces and + ( ) . / -"),
              QStringLiteral("invalid"));
    }
    a.isDefault = f.boolean(QStringLiteral("is_default"), false).value_or(false);
    return a;
}

inline const QStringList kAddressFields {QStringLiteral("label"),  QStringLiteral("recipient_name"),
                                         QStringLiteral("line1"),  QStringLiteral("line2"),
                                         QStringLiteral("city"),   QStringLiteral("postal_code"),
                                         QStringLiteral("region"), QStringLiteral("country"),
                                         QStringLiteral("phone"),  QStringLiteral("is_default")};

inline Result<QSqlDatabase> database()
{
    return Db::threadConnection();
}

using Db::inTransaction;

} // namespace Shop::Accounts::Requests
