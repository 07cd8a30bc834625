#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Shop::Client {

// A signed-in person as the server describes them (GET /api/users/me).
struct User
{
    QString id; // UUID
    QString email;
    QString firstName;
    QString lastName;
    QString role; // "user" or "admin"
    bool isActive = true;
    QString language; // "en", "de", ...
    QDateTime createdAt;

    [[nodiscard]] bool isAdmin() const { return role == QLatin1String("admin"); }
    // "First Last", or the email when there is no name.
    [[nodiscard]] QString displayName() const;

    friend bool operator==(const User &, const User &) = default;
};

// What a successful sign-in, registration, refresh or password change returns. The refresh
// token is not in it: it travels only in the shop_refresh cookie.
struct SessionGrant
{
    User user;
    QByteArray accessToken;
    int expiresIn = 0; // seconds
};

// One entry of the address book.
struct Address
{
    QString id; // empty for an address not saved yet
    QString label; // "Home", "Work"
    QString recipientName;
    QString line1;
    QString line2;
    QString city;
    QString postalCode;
    QString region;
    QString country; // ISO 3166-1 alpha-2, upper case
    QString phone;
    bool isDefault = false;

    // One line for lists: "Home: Jane Doe, Main Street 1, 12345 Berlin, DE".
    [[nodiscard]] QString summary() const;

    friend bool operator==(const Address &, const Address &) = default;
};

// Changes to the profile; unset fields are left as they are (PUT /api/users/me).
struct ProfileUpdate
{
    std::optional<QString> firstName;
    std::optional<QString> lastName;
    std::optional<QString> language;
};

// What registration sends.
struct Registration
{
    QString email;
    QString password;
    QString firstName;
    QString lastName;
    QString language; // may be empty
};

} // namespace Shop::Client
