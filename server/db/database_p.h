#pragma once

// Private to server/db: state the thread connection and Transaction share.

#include <QLoggingCategory>
#include <QString>

namespace Shop::Server::Db::Internal {

Q_DECLARE_LOGGING_CATEGORY(lcDb)

// How many Transaction objects are open on this thread's connection with this name
// (0: none, 1: a transaction, 2 and more: savepoints inside it).
[[nodiscard]] int &transactionDepth(const QString &connectionName);

} // namespace Shop::Server::Db::Internal
