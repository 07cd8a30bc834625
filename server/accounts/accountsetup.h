#pragma once

#include "accountrows.h"
#include "config/serverconfig.h"
#include "error.h"

#include <QList>
#include <QSqlDatabase>

namespace Shop::Accounts {

// An account made by an operator (`shop-server create-admin`) or the demo store.
struct AccountSetup
{
    QString email;
    QString password;
    QString firstName;
    QString lastName;
    QString role = QStringLiteral("user");
    QString language = QStringLiteral("en");
};

struct SetUpAccount
{
    User user;
    bool created = false; // false: the address had an account, which now has this role and password
};

// Creates the account, or gives an existing one with this address the role and password and
// activates it. The password must pass the policy (Validation error naming "password"); it is
// hashed here, on the calling thread, at the configured cost (a command-line tool, not a server
// thread). One transaction, recorded in the audit log with no actor ("the command line").
[[nodiscard]] Result<SetUpAccount> setUpAccount(QSqlDatabase &db, const AccountSetup &account,
                                                const Server::AuthConfig &auth);

// The demo store's accounts (README lists them): one admin and three customers.
[[nodiscard]] QList<AccountSetup> demoAccounts();

} // namespace Shop::Accounts
