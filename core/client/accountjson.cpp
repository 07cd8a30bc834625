#include "client/accountjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Shop::Client::Json {

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

Error malformed(const char *what)
{
    return Error::internal(
        QCoreApplication::translate("Shop::Client::AccountJson",
                                    "The shop server sent %1 in an unexpected format.")
            .arg(QCoreApplication::translate("Shop::Client::AccountJson", what)));
}

} // namespace

Result<User> userFromJson(const QJsonObject &object)
{
    User user;
    user.id = text(object, "id");
    user.email = text(object, "email");
    if (user.id.isEmpty() || user.email.isEmpty()) {
        return fail(malformed(QT_TRANSLATE_NOOP("Shop::Client::AccountJson", "an account")));
    }
    user.firstName = text(object, "first_name");
    user.lastName = text(object, "last_name");
    user.role = text(object, "role");
    user.isActive = object.value(QLatin1String("is_active")).toBool(true);
    user.language = text(object, "language");
    user.createdAt = QDateTime::fromString(text(object, "created_at"), Qt::ISODateWithMs);
    return user;
}

QJsonObject userToJson(const User &user)
{
    return QJsonObject {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("first_name"), user.firstName},
        {QStringLiteral("last_name"), user.lastName},
        {QStringLiteral("role"), user.role},
        {QStringLiteral("is_active"), user.isActive},
        {QStringLiteral("language"), user.language},
        {QStringLiteral("created_at"),
         user.createdAt.isValid() ? user.createdAt.toUTC().toString(Qt::ISODate) : QString()},
    };
}

Result<SessionGrant> sessionFromJson(const QJsonObject &object)
{
    SessionGrant session;
    session.accessToken = text(object, "access_token").toLatin1();
    if (session.accessToken.isEmpty()) {
        return fail(malformed(QT_TRANSLATE_NOOP("Shop::Client::AccountJson", "a session")));
    }
    auto user = userFromJson(object.value(QLatin1String("user")).toObject());
    if (!user) {
        return fail(user.error());
    }
    session.user = std::move(*user);
    session.expiresIn = object.value(QLatin1String("expires_in")).toInt(0);
    return session;
}

Result<Address> addressFromJson(const QJsonObject &object)
{
    Address address;
    address.id = text(object, "id");
    if (address.id.isEmpty()) {
        return fail(malformed(QT_TRANSLATE_NOOP("Shop::Client::AccountJson", "an address")));
    }
    address.label = text(object, "label");
    address.recipientName = text(object, "recipient_name");
    address.line1 = text(object, "line1");
    address.line2 = text(object, "line2");
    address.city = text(object, "city");
    address.postalCode = text(object, "postal_code");
    address.region = text(object, "region");
    address.country = text(object, "country");
    address.phone = text(object, "phone");
    address.isDefault = object.value(QLatin1String("is_default")).toBool();
    return address;
}

QJsonObject addressToJson(const Address &address)
{
    return QJsonObject {
        {QStringLiteral("label"), address.label},
        {QStringLiteral("recipient_name"), address.recipientName},
        {QStringLiteral("line1"), address.line1},
        {QStringLiteral("line2"), address.line2},
        {QStringLiteral("city"), address.city},
        {QStringLiteral("postal_code"), address.postalCode},
        {QStringLiteral("region"), address.region},
        {QStringLiteral("country"), address.country.toUpper()},
        {QStringLiteral("phone"), address.phone},
        {QStringLiteral("is_default"), address.isDefault},
    };
}

Result<QList<Address>> addressListFromJson(const QJsonObject &object)
{
    const QJsonValue items = object.value(QLatin1String("items"));
    if (!items.isArray()) {
        return fail(malformed(QT_TRANSLATE_NOOP("Shop::Client::AccountJson", "an address book")));
    }
    QList<Address> addresses;
    for (const QJsonValue &item : items.toArray()) {
        auto address = addressFromJson(item.toObject());
        if (!address) {
            return fail(address.error());
        }
        addresses.append(std::move(*address));
    }
    return addresses;
}

QJsonObject profileUpdateToJson(const ProfileUpdate &update)
{
    QJsonObject object;
    if (update.firstName) {
        object.insert(QStringLiteral("first_name"), *update.firstName);
    }
    if (update.lastName) {
        object.insert(QStringLiteral("last_name"), *update.lastName);
    }
    if (update.language) {
        object.insert(QStringLiteral("language"), *update.language);
    }
    return object;
}

QJsonObject registrationToJson(const Registration &registration)
{
    QJsonObject object {
        {QStringLiteral("email"), registration.email},
        {QStringLiteral("password"), registration.password},
        {QStringLiteral("first_name"), registration.firstName},
        {QStringLiteral("last_name"), registration.lastName},
    };
    if (!registration.language.isEmpty()) {
        object.insert(QStringLiteral("language"), registration.language);
    }
    return object;
}

} // namespace Shop::Client::Json

namespace Shop::Client {

QString User::displayName() const
{
    const QString name = QString(firstName + u' ' + lastName).trimmed();
    return name.isEmpty() ? email : name;
}

QString Address::summary() const
{
    QStringList parts;
    for (const QString &part : {recipientName, line1, line2,
                                QString(postalCode + u' ' + city).trimmed(), region, country}) {
        if (!part.trimmed().isEmpty()) {
            parts << part.trimmed();
        }
    }
    const QString body = parts.join(QStringLiteral(", "));
    return label.isEmpty() ? body : label + QStringLiteral(": ") + body;
}

} // namespace Shop::Client
