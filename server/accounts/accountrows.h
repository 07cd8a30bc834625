#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Shop::Accounts {

// A row of users, as the API shows it (never the password hash).
struct User
{
    QString id;
    QString email;
    QString firstName;
    QString lastName;
    QString role; // "user" | "admin"
    bool isActive = true;
    QString language;
    QDateTime createdAt;

    [[nodiscard]] QJsonObject toJson() const;
};

struct UserWithHash
{
    User user;
    QByteArray passwordHash;
};

// A row of addresses. line1/line2/region are the columns address_line1/address_line2/state.
struct Address
{
    QString id;
    QString label;
    QString recipientName;
    QString line1;
    QString line2;
    QString city;
    QString postalCode;
    QString region;
    QString country; // ISO 3166-1 alpha-2, upper case
    QString phone;
    bool isDefault = false;

    [[nodiscard]] QJsonObject toJson() const;
};

// The admin list's filters.
struct UserQuery
{
    QString search; // in email, first and last name; empty: all
    QString role; // empty: any
    std::optional<bool> active;
    int page = 1;
    int limit = 20;
};

struct UserPage
{
    QList<User> items;
    qint64 total = 0;
};

} // namespace Shop::Accounts
