#pragma once

#include "config/serverconfig.h"
#include "error.h"

#include <QSqlDatabase>

#include <memory>

namespace Shop::Tests {

// A database session of its own for a test, apart from the server's connections: what another
// server process or an administrator in psql would be. Closed and removed when destroyed.
class SqlSession final
{
public:
    [[nodiscard]] static Result<std::unique_ptr<SqlSession>>
    open(const Server::DatabaseConfig &config, const QString &connectionName);
    ~SqlSession();

    SqlSession(const SqlSession &) = delete;
    SqlSession &operator=(const SqlSession &) = delete;

    [[nodiscard]] QSqlDatabase &database() { return m_db; }
    // Runs one statement; false (with the reason logged) when it fails.
    [[nodiscard]] bool exec(const QString &sql);

private:
    SqlSession(QSqlDatabase db, QString connectionName);

    QSqlDatabase m_db;
    QString m_connectionName;
};

} // namespace Shop::Tests
