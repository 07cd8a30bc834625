#include "accountsetup.h"

#include "audit/audit.h"
#include "auth/password.h"
#include "auth/passwordpolicy.h"
#include "db/database.h"
#include "db/transaction.h"
#include "sessionrepository.h"
#include "userrepository.h"
#include "validation.h"

namespace Shop::Accounts {

Result<SetUpAccount> setUpAccount(QSqlDatabase &db, const AccountSetup &account,
                                  const Server::AuthConfig &auth)
{
    Validator v;
    v.check(isValidEmail(account.email), QStringLiteral("email"),
            QStringLiteral("must be an email address such as ada@example.com"));
    if (const auto problem = Auth::checkPassword(account.password, account.email)) {
        v.add(QStringLiteral("password"), problem->message, problem->code);
    }
    v.check(account.role == u"user" || account.role == u"admin", QStringLiteral("role"),
            QStringLiteral("must be user or admin"));
    if (auto error = v.error(QStringLiteral("The account cannot be set up."))) {
        return fail(*error);
    }
    Auth::PasswordCost cost;
    cost.opsLimit = quint64(auth.passwordIterations);
    cost.memLimitBytes = size_t(auth.passwordMemoryKib) * 1024;
    const Auth::PasswordHasher hasher(cost, 1, 0);
    auto hash = hasher.hashNow(account.password);
    if (!hash) {
        return fail(hash.error());
    }
    auto tx = Db::Transaction::begin(db);
    if (!tx) {
        return fail(tx.error());
    }
    auto existing = UserRepository::findByEmail(db, account.email);
    if (!existing) {
        return fail(existing.error());
    }
    SetUpAccount result;
    Audit::Entry entry;
    entry.targetType = QStringLiteral("user");
    if (!existing->has_value()) {
        auto created = UserRepository::create(db,
                                              {account.email, *hash, account.firstName,
                                               account.lastName, account.language, account.role});
        if (!created) {
            return fail(created.error());
        }
        result = {*created, true};
        entry.action = QStringLiteral("user.create");
        entry.after = QJsonObject {{QStringLiteral("role"), account.role}};
    } else {
        const User before = (*existing)->user;
        auto role = UserRepository::setRole(db, before.id, account.role);
        auto active = role ? UserRepository::setActive(db, before.id, true) : role;
        if (!active) {
            return fail(active.error());
        }
        if (auto replaced = UserRepository::setPasswordHash(db, before.id, *hash); !replaced) {
            return fail(replaced.error());
        }
        // New credentials: whoever was signed in with the old ones signs in again.
        if (auto revoked =
                SessionRepository::revokeAllOfUser(db, before.id, QStringLiteral("set up again"));
            !revoked) {
            return fail(revoked.error());
        }
        result = {*active, false};
        entry.action = QStringLiteral("user.setup");
        entry.before = QJsonObject {{QStringLiteral("role"), before.role},
                                    {QStringLiteral("is_active"), before.isActive}};
        entry.after = QJsonObject {{QStringLiteral("role"), account.role},
                                   {QStringLiteral("is_active"), true}};
    }
    entry.targetId = result.user.id;
    entry.actorEmail = QStringLiteral("(command line)");
    if (auto recorded = Audit::record(db, entry); !recorded) {
        return fail(recorded.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    return result;
}

QList<AccountSetup> demoAccounts()
{
    return {
        {QStringLiteral("admin@shop.example"), QStringLiteral("demo-staff-passphrase"),
         QStringLiteral("Grace"), QStringLiteral("Hopper"), QStringLiteral("admin"),
         QStringLiteral("en")},
        {QStringLiteral("ada@shop.example"), QStringLiteral("demo-customer-passphrase"),
         QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("user"),
         QStringLiteral("en")},
        {QStringLiteral("emmy@shop.example"), QStringLiteral("demo-customer-passphrase"),
         QStringLiteral("Emmy"), QStringLiteral("Noether"), QStringLiteral("user"),
         QStringLiteral("de")},
        {QStringLiteral("alan@shop.example"), QStringLiteral("demo-customer-passphrase"),
         QStringLiteral("Alan"), QStringLiteral("Turing"), QStringLiteral("user"),
         QStringLiteral("en")},
    };
}

} // namespace Shop::Accounts
