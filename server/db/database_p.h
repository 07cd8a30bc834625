#pragma once

// Private to server/db: state the thread connection and Transaction share.

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QString>

namespace Shop::Db::Internal {

Q_DECLARE_LOGGING_CATEGORY(lcDb)

// How many Transaction objects are open on this thread's connection with this name
// (0: none, 1: a transaction, 2 and more: savepoints inside it).
[[nodiscard]] int &transactionDepth(const QString &connectionName);

// A prepared statement that failed inside a transaction cannot be deallocated until the
// transaction (or savepoint) has been rolled back: PostgreSQL ignores commands in a failed
// transaction, so destroying the query now would leak the server-side statement. Such queries are
// kept here and destroyed by releaseDeferred() when a Transaction on that connection ends.
void deferUntilTransactionEnd(const QString &connectionName, QSqlQuery &&query);
void releaseDeferred(const QString &connectionName);

} // namespace Shop::Db::Internal
