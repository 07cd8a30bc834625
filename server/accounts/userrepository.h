#pragma once

#include "accountrows.h"
#include "error.h"

#include <QSqlDatabase>

#include <optional>

namespace Shop::Accounts::UserRepository {

// Every statement on users and addresses, prepared and bound. Emails are compared without regard
// to case (the unique index is on lower(email)).

[[nodiscard]] Result<std::optional<UserWithHash>> findByEmail(QSqlDatabase &db,
                                                              const QString &email);
[[nodiscard]] Result<std::optional<UserWithHash>> findById(QSqlDatabase &db, const QString &id);

struct NewUser
{
    QString email;
    QByteArray passwordHash;
    QString firstName;
    QString lastName;
    QString language = QStringLiteral("en");
    QString role = QStringLiteral("user");
};
// Conflict when the email is taken.
[[nodiscard]] Result<User> create(QSqlDatabase &db, const NewUser &user);

struct ProfileChange
{
    std::optional<QString> firstName;
    std::optional<QString> lastName;
    std::optional<QString> language;
};
[[nodiscard]] Result<User> updateProfile(QSqlDatabase &db, const QString &id,
                                         const ProfileChange &change);
// Replaces the hash; `expected` (when not empty) must still be the stored one (a concurrent
// change wins). Returns whether it was replaced.
[[nodiscard]] Result<bool> setPasswordHash(QSqlDatabase &db, const QString &id,
                                           const QByteArray &hash,
                                           const QByteArray &expected = QByteArray());
// Locks the row (FOR UPDATE) for an admin change in the caller's transaction.
[[nodiscard]] Result<std::optional<User>> lockById(QSqlDatabase &db, const QString &id);
[[nodiscard]] Result<User> setActive(QSqlDatabase &db, const QString &id, bool active);
[[nodiscard]] Result<User> setRole(QSqlDatabase &db, const QString &id, const QString &role);
[[nodiscard]] Result<UserPage> search(QSqlDatabase &db, const UserQuery &query);

// Addresses of one user; another user's address is NotFound, never Forbidden.
[[nodiscard]] Result<QList<Address>> addresses(QSqlDatabase &db, const QString &userId);
// In the caller's transaction: a user's first address, or one marked default, becomes the
// default (the previous default loses it).
[[nodiscard]] Result<Address> createAddress(QSqlDatabase &db, const QString &userId,
                                            const Address &address);
[[nodiscard]] Result<Address> updateAddress(QSqlDatabase &db, const QString &userId,
                                            const Address &address);
// Deleting the default makes the most recently created remaining address the default.
[[nodiscard]] Result<void> deleteAddress(QSqlDatabase &db, const QString &userId,
                                         const QString &id);

} // namespace Shop::Accounts::UserRepository
