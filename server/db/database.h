#pragma once

#include "config/serverconfig.h"
#include "error.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>

namespace Shop::Db {

// The connection settings, part of the server's configuration (server/config).
using Server::DatabaseConfig;

// Sets the database every thread connects to. Call once at start-up, on the main thread, before any
// threadConnection() and before starting threads that use the database.
// Calling it again (tests) makes every thread reopen its connection with the new settings on its
// next threadConnection().
void configure(const DatabaseConfig &config);
[[nodiscard]] const DatabaseConfig &configuration();

// This thread's own connection (QSqlDatabase must not cross threads), opened on first use and
// reopened when it has broken; closed and removed when the thread ends. Unavailable error when
// PostgreSQL cannot be reached.
//
// "Broken" is detected without a round trip: libpq reads whatever the server sent while the
// connection was idle (a terminated backend's FATAL message, EOF) and reports the state. A
// statement that fails because the connection was lost returns Unavailable; the next
// threadConnection() reopens it. Do not keep the QSqlDatabase beyond the current task.
[[nodiscard]] Result<QSqlDatabase> threadConnection();

// Closes and forgets this thread's connection now instead of at thread end (shutdown, tests).
void closeThreadConnection();

// Opens a new connection with this name in the calling thread (for tools and tests that need a
// second, independent session). The caller closes it and calls QSqlDatabase::removeDatabase().
[[nodiscard]] Result<QSqlDatabase> openConnection(const DatabaseConfig &config,
                                                  const QString &connectionName);

// Prepares sql, binds values in order to its '?' placeholders and executes it (without values:
// executes it directly, one round trip; DDL works that way too). All result rows
// are fetched (the query is not forward-only), so other statements may run while reading them.
// SQL errors come back mapped by sqlError().
//   auto q = Db::exec(*db, QStringLiteral("SELECT name FROM products WHERE sku = ?"), {sku});
//   if (!q) return fail(q.error());
//   while (q->next()) ...
// Each call prepares and deallocates a server-side statement (3 round trips); for hot paths use
// execCached().
[[nodiscard]] Result<QSqlQuery> exec(const QSqlDatabase &db, const QString &sql,
                                     const QVariantList &values = {});

// Like exec(), but the statement is prepared once per thread connection and reused (1 round trip
// per call instead of 3). The query belongs to a per-thread cache: it stays valid until the next
// execCached() with the same SQL text, a reconnect, or the end of the thread, so read its rows
// before running the same SQL again. Only for this thread's threadConnection().
[[nodiscard]] Result<QSqlQuery *> execCached(const QSqlDatabase &db, const QString &sql,
                                             const QVariantList &values = {});

// The result of run(): a statement from the per-thread cache or one of its own. Read its rows
// (statement->next(), statement->value(0)) before running the same SQL again.
class Statement final
{
public:
    explicit Statement(QSqlQuery *cached)
        : m_query(cached)
    { }
    explicit Statement(QSqlQuery &&owned)
        : m_owned(std::move(owned))
        , m_query(&*m_owned)
    { }
    Statement(Statement &&other) noexcept
        : m_owned(std::move(other.m_owned))
        , m_query(m_owned ? &*m_owned : other.m_query)
    { }
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    QSqlQuery *operator->() const { return m_query; }
    QSqlQuery &operator*() const { return *m_query; }

private:
    std::optional<QSqlQuery> m_owned;
    QSqlQuery *m_query;
};

// execCached() on this thread's threadConnection() (HTTP workers), exec() on any other connection
// (a job worker's own): for repository code that runs in both places.
[[nodiscard]] Result<Statement> run(const QSqlDatabase &db, const QString &sql,
                                    const QVariantList &values = {});

// Executes a query the caller prepared (and bound) itself, e.g. once for many rows.
[[nodiscard]] Result<void> exec(QSqlQuery &query, QStringView context = {});

// Maps a failed statement to an error that is safe to show to clients:
//   23505 unique violation                -> Conflict
//   23503 row still referenced             -> Conflict; reference to a missing row -> Validation
//   23514/23502/22xxx check, null, range   -> Validation
//   40001/40P01/55P03 serialization, lock  -> Conflict (retry)
//   connection lost, 08xxx, 57P0x          -> Unavailable
//   anything else                          -> Internal; the database's text is logged, not returned
// context names the operation in the log ("insert product").
[[nodiscard]] Error sqlError(const QSqlDatabase &db, const QSqlError &error,
                             QStringView context = {});

// True when the error, or the connection's state, says the connection to the server is gone.
[[nodiscard]] bool isConnectionLost(const QSqlDatabase &db, const QSqlError &error);

// Closes and reopens the connection (same name and settings). Cached statements are dropped.
[[nodiscard]] Result<void> reopen(QSqlDatabase &db);

} // namespace Shop::Db
