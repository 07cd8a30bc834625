#pragma once

#include "config/serverconfig.h"
#include "error.h"

#include <QSqlDatabase>

namespace Shop::Server::Db {

// Sets the database every thread connects to. Call once at start-up, before any threadConnection().
void configure(const DatabaseConfig &config);
[[nodiscard]] const DatabaseConfig &configuration();

// This thread's own connection (QSqlDatabase must not cross threads), opened on first use and
// reopened when it has broken; closed and removed when the thread ends. Unavailable error when
// PostgreSQL cannot be reached.
[[nodiscard]] Result<QSqlDatabase> threadConnection();

} // namespace Shop::Server::Db
