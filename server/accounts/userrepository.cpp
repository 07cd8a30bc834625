#include "userrepository.h"

#include "db/database.h"

namespace Shop::Accounts::UserRepository {

namespace {

const QString kUserColumns =
    QStringLiteral("id::text, email, first_name, last_name, role, is_active, language, created_at, "
                   "password_hash");
const QString kAddressColumns = QStringLiteral(
    "id::text, label, recipient_name, address_line1, coalesce(address_line2, ''), city, "
    "postal_code, coalesce(state, ''), country, phone, is_default");

UserWithHash userFrom(const QSqlQuery &q)
{
    UserWithHash row;
    row.user.id = q.value(0).toString();
    row.user.email = q.value(1).toString();
    row.user.firstName = q.value(2).toString();
    row.user.lastName = q.value(3).toString();
    row.user.role = q.value(4).toString();
    row.user.isActive = q.value(5).toBool();
    row.user.language = q.value(6).toString();
    row.user.createdAt = q.value(7).toDateTime();
    row.passwordHash = q.value(8).toString().toUtf8();
    return row;
}

Address addressFrom(const QSqlQuery &q)
{
    Address a;
    a.id = q.value(0).toString();
    a.label = q.value(1).toString();
    a.recipientName = q.value(2).toString();
    a.line1 = q.value(3).toString();
    a.line2 = q.value(4).toString();
    a.city = q.value(5).toString();
    a.postalCode = q.value(6).toString();
    a.region = q.value(7).toString();
    a.country = q.value(8).toString();
    a.phone = q.value(9).toString();
    a.isDefault = q.value(10).toBool();
    return a;
}

Result<std::optional<UserWithHash>> one(QSqlDatabase &db, const QString &sql,
                                        const QVariantList &values)
{
    auto q = Db::exec(db, sql, values);
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return std::optional<UserWithHash>();
    }
    return std::optional<UserWithHash>(userFrom(*q));
}

Result<User> required(Result<std::optional<UserWithHash>> row)
{
    if (!row) {
        return fail(row.error());
    }
    if (!row->has_value()) {
        return fail(Error::notFound(QStringLiteral("There is no such user.")));
    }
    return (*row)->user;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

Result<std::optional<UserWithHash>> findByEmail(QSqlDatabase &db, const QString &email)
{
    return one(
        db, QStringLiteral("SELECT %1 FROM users WHERE lower(email) = lower(?)").arg(kUserColumns),
        {email});
}

Result<std::optional<UserWithHash>> findById(QSqlDatabase &db, const QString &id)
{
    return one(db, QStringLiteral("SELECT %1 FROM users WHERE id = ?::uuid").arg(kUserColumns),
               {id});
}

Result<std::optional<User>> lockById(QSqlDatabase &db, const QString &id)
{
    auto row = one(
        db, QStringLiteral("SELECT %1 FROM users WHERE id = ?::uuid FOR UPDATE").arg(kUserColumns),
        {id});
    if (!row) {
        return fail(row.error());
    }
    if (!row->has_value()) {
        return std::optional<User>();
    }
    return std::optional<User>((*row)->user);
}

Result<User> create(QSqlDatabase &db, const NewUser &user)
{
    auto row =
        one(db,
            QStringLiteral("INSERT INTO users (email, password_hash, first_name, last_name, "
                           "language, role) VALUES (?, ?, coalesce(?, ''), coalesce(?, ''), ?, ?) "
                           "RETURNING %1")
                .arg(kUserColumns),
            {user.email, QString::fromUtf8(user.passwordHash), user.firstName, user.lastName,
             user.language, user.role});
    if (!row && row.error().code == ErrorCode::Conflict) {
        return fail(Error::conflict(QStringLiteral("An account with this email address exists.")));
    }
    return required(std::move(row));
}

Result<User> updateProfile(QSqlDatabase &db, const QString &id, const ProfileChange &change)
{
    // Per field: whether it changes, and to what (an empty name is a value, not "unchanged").
    return required(
        one(db,
            QStringLiteral("UPDATE users SET "
                           "first_name = CASE WHEN ? THEN coalesce(?, '') ELSE first_name END, "
                           "last_name = CASE WHEN ? THEN coalesce(?, '') ELSE last_name END, "
                           "language = CASE WHEN ? THEN ? ELSE language END "
                           "WHERE id = ?::uuid RETURNING %1")
                .arg(kUserColumns),
            {change.firstName.has_value(), change.firstName.value_or(QString()),
             change.lastName.has_value(), change.lastName.value_or(QString()),
             change.language.has_value(), change.language.value_or(QStringLiteral("en")), id}));
}

Result<bool> setPasswordHash(QSqlDatabase &db, const QString &id, const QByteArray &hash,
                             const QByteArray &expected)
{
    auto q = expected.isEmpty()
        ? Db::exec(db, QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?::uuid"),
                   {QString::fromUtf8(hash), id})
        : Db::exec(db,
                   QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?::uuid AND "
                                  "password_hash = ?"),
                   {QString::fromUtf8(hash), id, QString::fromUtf8(expected)});
    if (!q) {
        return fail(q.error());
    }
    return q->numRowsAffected() == 1;
}

Result<User> setActive(QSqlDatabase &db, const QString &id, bool active)
{
    return required(
        one(db,
            QStringLiteral("UPDATE users SET is_active = ? WHERE id = ?::uuid RETURNING %1")
                .arg(kUserColumns),
            {active, id}));
}

Result<User> setRole(QSqlDatabase &db, const QString &id, const QString &role)
{
    return required(one(db,
                        QStringLiteral("UPDATE users SET role = ? WHERE id = ?::uuid RETURNING %1")
                            .arg(kUserColumns),
                        {role, id}));
}

Result<UserPage> search(QSqlDatabase &db, const UserQuery &query)
{
    // One statement: the page and the total (count(*) OVER ()), newest accounts first.
    const QString pattern = query.search.isEmpty() ? QString()
                                                   : u'%'
            + QString(query.search.toLower())
                  .replace(u'\\', QStringLiteral("\\\\"))
                  .replace(u'%', QStringLiteral("\\%"))
                  .replace(u'_', QStringLiteral("\\_"))
            + u'%';
    auto q = Db::exec(
        db,
        QStringLiteral("SELECT %1, count(*) OVER () FROM users "
                       "WHERE (?::text IS NULL OR (lower(email) || ' ' || lower(first_name) || ' ' "
                       "|| lower(last_name)) LIKE ?::text) "
                       "AND (?::text IS NULL OR role = ?::text) "
                       "AND (?::boolean IS NULL OR is_active = ?::boolean) "
                       "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
            .arg(kUserColumns),
        {nullIfEmpty(pattern), nullIfEmpty(pattern), nullIfEmpty(query.role),
         nullIfEmpty(query.role),
         query.active ? QVariant(*query.active) : QVariant(QMetaType(QMetaType::Bool)),
         query.active ? QVariant(*query.active) : QVariant(QMetaType(QMetaType::Bool)), query.limit,
         qint64(query.page - 1) * query.limit});
    if (!q) {
        return fail(q.error());
    }
    UserPage page;
    while (q->next()) {
        page.items.append(userFrom(*q).user);
        page.total = q->value(9).toLongLong();
    }
    if (page.items.isEmpty() && query.page > 1) {
        // Past the last page: the total still matters to the client.
        auto count = Db::exec(
            db,
            QStringLiteral("SELECT count(*) FROM users "
                           "WHERE (?::text IS NULL OR (lower(email) || ' ' || lower(first_name) || "
                           "' ' || lower(last_name)) LIKE ?::text) "
                           "AND (?::text IS NULL OR role = ?::text) "
                           "AND (?::boolean IS NULL OR is_active = ?::boolean)"),
            {nullIfEmpty(pattern), nullIfEmpty(pattern), nullIfEmpty(query.role),
             nullIfEmpty(query.role),
             query.active ? QVariant(*query.active) : QVariant(QMetaType(QMetaType::Bool)),
             query.active ? QVariant(*query.active) : QVariant(QMetaType(QMetaType::Bool))});
        if (!count) {
            return fail(count.error());
        }
        page.total = count->next() ? count->value(0).toLongLong() : 0;
    }
    return page;
}

Result<QList<Address>> addresses(QSqlDatabase &db, const QString &userId)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT %1 FROM addresses WHERE user_id = ?::uuid "
                                     "ORDER BY is_default DESC, created_at, id")
                          .arg(kAddressColumns),
                      {userId});
    if (!q) {
        return fail(q.error());
    }
    QList<Address> list;
    while (q->next()) {
        list.append(addressFrom(*q));
    }
    return list;
}

namespace {

Result<void> clearDefault(QSqlDatabase &db, const QString &userId, const QString &exceptId)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE addresses SET is_default = false WHERE user_id = "
                                     "?::uuid AND is_default AND id::text <> coalesce(?, '')"),
                      {userId, exceptId});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<Address> oneAddress(Result<QSqlQuery> q)
{
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::notFound(QStringLiteral("There is no such address.")));
    }
    return addressFrom(*q);
}

} // namespace

Result<Address> createAddress(QSqlDatabase &db, const QString &userId, const Address &address)
{
    // The user's row lock serialises address changes of one user (the one-default rule).
    auto locked =
        Db::exec(db, QStringLiteral("SELECT 1 FROM users WHERE id = ?::uuid FOR UPDATE"), {userId});
    if (!locked) {
        return fail(locked.error());
    }
    auto count = Db::exec(
        db, QStringLiteral("SELECT count(*) FROM addresses WHERE user_id = ?::uuid"), {userId});
    if (!count) {
        return fail(count.error());
    }
    const qint64 existing = count->next() ? count->value(0).toLongLong() : 0;
    if (existing >= 50) {
        return fail(Error::conflict(QStringLiteral("An address book holds at most 50 addresses.")));
    }
    const bool makeDefault = address.isDefault || existing == 0;
    if (makeDefault) {
        if (auto cleared = clearDefault(db, userId, QString()); !cleared) {
            return fail(cleared.error());
        }
    }
    return oneAddress(Db::exec(
        db,
        QStringLiteral("INSERT INTO addresses (user_id, label, recipient_name, address_line1, "
                       "address_line2, city, postal_code, state, country, phone, is_default) "
                       "VALUES (?::uuid, coalesce(?, ''), ?, ?, ?, ?, ?, ?, ?, coalesce(?, ''), ?) "
                       "RETURNING %1")
            .arg(kAddressColumns),
        {userId, address.label, address.recipientName, address.line1, nullIfEmpty(address.line2),
         address.city, address.postalCode, nullIfEmpty(address.region), address.country,
         address.phone, makeDefault}));
}

Result<Address> updateAddress(QSqlDatabase &db, const QString &userId, const Address &address)
{
    auto locked =
        Db::exec(db, QStringLiteral("SELECT 1 FROM users WHERE id = ?::uuid FOR UPDATE"), {userId});
    if (!locked) {
        return fail(locked.error());
    }
    if (address.isDefault) {
        if (auto cleared = clearDefault(db, userId, address.id); !cleared) {
            return fail(cleared.error());
        }
    }
    // A default address stays the default unless another one takes over (is_default: false on
    // the default itself is ignored: there is always one while there are addresses).
    return oneAddress(
        Db::exec(db,
                 QStringLiteral(
                     "UPDATE addresses SET label = coalesce(?, ''), recipient_name = ?, "
                     "address_line1 = ?, address_line2 = ?, city = ?, postal_code = ?, state = ?, "
                     "country = ?, phone = coalesce(?, ''), is_default = is_default OR ? "
                     "WHERE id = ?::uuid AND user_id = ?::uuid RETURNING %1")
                     .arg(kAddressColumns),
                 {address.label, address.recipientName, address.line1, nullIfEmpty(address.line2),
                  address.city, address.postalCode, nullIfEmpty(address.region), address.country,
                  address.phone, address.isDefault, address.id, userId}));
}

Result<void> deleteAddress(QSqlDatabase &db, const QString &userId, const QString &id)
{
    auto locked =
        Db::exec(db, QStringLiteral("SELECT 1 FROM users WHERE id = ?::uuid FOR UPDATE"), {userId});
    if (!locked) {
        return fail(locked.error());
    }
    auto q = Db::exec(db,
                      QStringLiteral("DELETE FROM addresses WHERE id = ?::uuid AND user_id = "
                                     "?::uuid RETURNING is_default"),
                      {id, userId});
    if (!q) {
        return fail(q.error());
    }
    if (!q->next()) {
        return fail(Error::notFound(QStringLiteral("There is no such address.")));
    }
    if (q->value(0).toBool()) {
        auto promoted = Db::exec(
            db,
            QStringLiteral("UPDATE addresses SET is_default = true WHERE id = (SELECT id FROM "
                           "addresses WHERE user_id = ?::uuid ORDER BY created_at DESC, id DESC "
                           "LIMIT 1)"),
            {userId});
        if (!promoted) {
            return fail(promoted.error());
        }
    }
    return {};
}

} // namespace Shop::Accounts::UserRepository
