#include "sqlsession.h"

#include "db/database.h"

#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>

namespace Shop::Tests {

Result<std::unique_ptr<SqlSession>> SqlSession::open(const Server::DatabaseConfig &config,
                                                     const QString &connectionName)
{
    auto db = Db::openConnection(config, connectionName);
    if (!db) {
        return fail(db.error());
    }
    return std::unique_ptr<SqlSession>(new SqlSession(*db, connectionName));
}

SqlSession::SqlSession(QSqlDatabase db, QString connectionName)
    : m_db(std::move(db))
    , m_connectionName(std::move(connectionName))
{ }

SqlSession::~SqlSession()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqlSession::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        qWarning() << sql << q.lastError().text();
        return false;
    }
    return true;
}

} // namespace Shop::Tests
