#include "database.h"

#include "metrics/metrics.h"

#include "database_p.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSqlDriver>
#include <QThread>

#include <libpq-fe.h>

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

Q_DECLARE_OPAQUE_POINTER(PGconn *)
Q_DECLARE_METATYPE(PGconn *)

namespace Shop::Db {

namespace {

// One statement's round trip, for shop_db_query_duration_seconds and the busy connections gauge.
class StatementTiming final
{
public:
    StatementTiming()
    {
        Metrics::registry().dbConnectionsBusy().fetch_add(1, std::memory_order_relaxed);
        m_timer.start();
    }
    ~StatementTiming()
    {
        Metrics::Registry &metrics = Metrics::registry();
        metrics.dbQueryDuration().observe(std::chrono::nanoseconds(m_timer.nsecsElapsed()));
        metrics.dbConnectionsBusy().fetch_sub(1, std::memory_order_relaxed);
    }
    Q_DISABLE_COPY_MOVE(StatementTiming)

private:
    QElapsedTimer m_timer;
};

} // namespace

namespace Internal {
Q_LOGGING_CATEGORY(lcDb, "shop.db.connection")
}

using Internal::lcDb;

namespace {

constexpr qsizetype MaxCachedStatements = 256;

struct Settings
{
    QMutex mutex;
    DatabaseConfig config;
    bool configured = false;
    std::atomic<quint64> generation {0};
};

Settings &settings()
{
    static Settings instance;
    return instance;
}

// The calling thread's connection, closed in that thread, which is where a QSqlDatabase must be
// closed. On a QThread it is released when the thread emits finished(): that happens before
// QThread::wait() returns, so a pool that joined its threads has no connection left. The
// thread_local destructor alone would be too late: it runs after wait() returned, possibly while
// the main thread is already in exit() and Qt Sql's connection registry is gone (a crash at
// shutdown that ASan caught). The destructor stays as the fallback for threads Qt did not start.
struct ThreadConnection
{
    QString name;
    quint64 generation = 0;
    QSqlDatabase db;
    // Context of the connection to this thread's finished(); destroyed (and so disconnected) with
    // this object, so the slot never runs after the thread_local is gone.
    std::unique_ptr<QObject> threadEndWatch;
    // execCached(): prepared once per connection.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> statements;
    QHash<QString, int> transactionDepth; // by connection name (this thread's connections)
    std::unordered_map<QString, std::vector<QSqlQuery>> deferred; // by connection name
    bool counted = false; // in shop_db_pool_connections{state="open"}

    ~ThreadConnection() { release(); }

    void release()
    {
        statements.clear();
        deferred.erase(name);
        if (name.isEmpty()) {
            return;
        }
        if (db.isValid()) {
            db.close();
        }
        if (counted) {
            counted = false;
            Metrics::registry().dbConnectionsOpen().fetch_sub(1, std::memory_order_relaxed);
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        name.clear();
    }
};

thread_local ThreadConnection t_connection;

QString threadConnectionName()
{
    return QStringLiteral("shop-db-thread-%1").arg(quintptr(QThread::currentThreadId()), 0, 16);
}

PGconn *pgConnection(const QSqlDriver *driver)
{
    if (driver == nullptr) {
        return nullptr;
    }
    const QVariant handle = driver->handle();
    // Qt 6.4 registers the handle as "pg_conn*" (PGconn is a typedef of struct pg_conn).
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0
            && qstrcmp(handle.typeName(), "PGconn*") != 0)) {
        return nullptr;
    }
    return *static_cast<PGconn *const *>(handle.constData());
}

// Cheap: no round trip. Reads what the server may have sent while the connection was idle (the
// FATAL message of a terminated backend, or EOF), then asks libpq for the connection state.
bool isHealthy(const QSqlDatabase &db)
{
    PGconn *conn = db.isValid() ? pgConnection(db.driver()) : nullptr;
    if (conn == nullptr) {
        return db.isOpen();
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        return false;
    }
    // Only when idle and nobody listens for notifications on this connection: QPSQL reads those
    // itself and must not find them consumed.
    if (PQtransactionStatus(conn) == PQTRANS_IDLE
        && db.driver()->subscribedToNotifications().isEmpty()) {
        // The first read may return a terminated backend's FATAL message, the second the EOF
        // after it; on a live idle connection each is one recv() that finds nothing.
        for (int i = 0; i < 2 && PQstatus(conn) == CONNECTION_OK; ++i) {
            if (PQconsumeInput(conn) == 0) {
                return false;
            }
        }
    }
    return PQstatus(conn) == CONNECTION_OK;
}

QString connectOptions(const DatabaseConfig &config)
{
    QStringList options;
    bool hasTimeout = false;
    bool hasApplicationName = false;
    bool hasServerOptions = false;
    for (const QString &part : config.options.split(u';', Qt::SkipEmptyParts)) {
        const QString option = part.trimmed();
        hasTimeout = hasTimeout || option.startsWith(QLatin1String("connect_timeout="));
        hasApplicationName =
            hasApplicationName || option.startsWith(QLatin1String("application_name="));
        hasServerOptions = hasServerOptions || option.startsWith(QLatin1String("options="));
        options << option;
    }
    if (!hasTimeout) {
        options << QStringLiteral("connect_timeout=10");
    }
    if (!hasServerOptions) {
        // Without this, libpq prints NOTICEs ("truncate cascades to ...") on stderr.
        options << QStringLiteral("options='-c client_min_messages=warning'");
    }
    if (!hasApplicationName) {
        QString name = QCoreApplication::applicationName();
        name.removeIf(
            [](QChar c) { return !(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.'); });
        options << QStringLiteral("application_name=")
                + (name.isEmpty() ? QStringLiteral("shop") : name.left(60));
    }
    return options.join(u';');
}

bool connectionLost(const QSqlDriver *driver, const QSqlError &error);
Error mapError(const QSqlDriver *driver, const QSqlError &error, QStringView context);

QString shortSql(QStringView sql)
{
    QString text = sql.toString().simplified();
    if (text.size() > 160) {
        text = text.left(157) + QStringLiteral("...");
    }
    return text;
}

} // namespace

namespace Internal {
int &transactionDepth(const QString &connectionName)
{
    return t_connection.transactionDepth[connectionName];
}

void deferUntilTransactionEnd(const QString &connectionName, QSqlQuery &&query)
{
    t_connection.deferred[connectionName].push_back(std::move(query));
}

void releaseDeferred(const QString &connectionName)
{
    t_connection.deferred.erase(connectionName);
}
} // namespace Internal

void configure(const DatabaseConfig &config)
{
    // Qt 6.4 registers Qt Sql's clean-up routine the first time its driver registry is used,
    // with an unguarded flag. If two threads do that at once (the worker pool's first
    // connections), the routine is registered twice and QCoreApplication's destructor then
    // re-registers it forever: once, shop-server spun at 100 % CPU after SIGTERM with its only
    // thread in qt_call_post_routines -> Qt Sql -> qAddPostRoutine. Use the registry here, on
    // the configuring thread, before any worker opens a connection.
    [[maybe_unused]] static const bool driverRegistryReady =
        QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"));

    Settings &s = settings();
    QMutexLocker lock(&s.mutex);
    s.config = config;
    s.configured = true;
    ++s.generation;
    qCInfo(lcDb).noquote() << "database:" << config.displayUrl();
}

const DatabaseConfig &configuration()
{
    return settings().config;
}

Result<QSqlDatabase> openConnection(const DatabaseConfig &config, const QString &connectionName)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return fail(Error::unavailable(
            QStringLiteral("The PostgreSQL driver for Qt (QPSQL, Debian package libqt6sql6-psql) "
                           "is not installed.")));
    }
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setDatabaseName(config.name);
        db.setUserName(config.user);
        db.setPassword(config.password);
        db.setConnectOptions(connectOptions(config));
        if (db.open()) {
            qCDebug(lcDb).noquote() << "opened" << connectionName << "to" << config.displayUrl();
            return db;
        }
        failure = db.lastError().databaseText().trimmed();
        if (failure.isEmpty()) {
            failure = db.lastError().text().trimmed();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    qCWarning(lcDb).noquote() << "cannot connect to" << config.displayUrl() << ":" << failure;
    Error error = Error::unavailable(QStringLiteral("The database cannot be reached."));
    error.logDetail = config.displayUrl() + QStringLiteral(": ") + failure;
    return fail(error);
}

Result<QSqlDatabase> threadConnection()
{
    Settings &s = settings();
    ThreadConnection &tc = t_connection;
    const quint64 generation = s.generation.load();

    if (tc.db.isValid() && tc.generation == generation) {
        // Never reopen under an open Transaction: its work would silently vanish. Its next
        // statement fails with Unavailable instead.
        if (tc.transactionDepth.value(tc.name) > 0 || isHealthy(tc.db)) {
            return tc.db;
        }
        qCInfo(lcDb).noquote() << "connection" << tc.name << "was lost; reconnecting";
        if (auto reopened = reopen(tc.db); !reopened) {
            return fail(reopened.error());
        }
        return tc.db;
    }

    DatabaseConfig config;
    {
        QMutexLocker lock(&s.mutex);
        if (!s.configured) {
            return fail(Error::internal(
                QStringLiteral("The database is not configured (Db::configure was not called).")));
        }
        config = s.config;
    }
    tc.release();
    const QString name = threadConnectionName();
    auto db = openConnection(config, name);
    if (!db) {
        return fail(db.error());
    }
    tc.name = name;
    tc.generation = generation;
    tc.db = *db;
    tc.counted = true;
    Metrics::registry().dbConnectionsOpen().fetch_add(1, std::memory_order_relaxed);
    if (!tc.threadEndWatch) {
        tc.threadEndWatch = std::make_unique<QObject>();
        QObject::connect(
            QThread::currentThread(), &QThread::finished, tc.threadEndWatch.get(),
            [] { t_connection.release(); }, Qt::DirectConnection);
    }
    return tc.db;
}

void closeThreadConnection()
{
    t_connection.release();
}

Result<void> reopen(QSqlDatabase &db)
{
    ThreadConnection &tc = t_connection;
    if (db.connectionName() == tc.name) {
        tc.statements.clear();
    }
    db.close();
    if (!db.open()) {
        const QString failure = db.lastError().databaseText().trimmed();
        qCWarning(lcDb).noquote() << "cannot reconnect" << db.connectionName() << ":" << failure;
        Error error = Error::unavailable(QStringLiteral("The database cannot be reached."));
        error.logDetail = failure;
        return fail(error);
    }
    return {};
}

Result<QSqlQuery> exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    if (values.isEmpty()) {
        // Nothing to bind: one round trip, and DDL (which PREPARE does not accept) works too.
        bool ok = false;
        {
            const StatementTiming timing;
            ok = query.exec(sql);
        }
        if (!ok) {
            return fail(sqlError(db, query.lastError(), sql));
        }
        return query;
    }
    if (!query.prepare(sql)) {
        return fail(sqlError(db, query.lastError(), sql));
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        query.bindValue(int(i), values.at(i));
    }
    bool executed = false;
    {
        const StatementTiming timing;
        executed = query.exec();
    }
    if (!executed) {
        const Error error = sqlError(db, query.lastError(), sql);
        if (t_connection.transactionDepth.value(db.connectionName()) > 0) {
            Internal::deferUntilTransactionEnd(db.connectionName(), std::move(query));
        }
        return fail(error);
    }
    return query;
}

Result<Statement> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    const ThreadConnection &tc = t_connection;
    if (!tc.name.isEmpty() && db.connectionName() == tc.name) {
        auto cached = execCached(db, sql, values);
        if (!cached) {
            return fail(cached.error());
        }
        return Statement(*cached);
    }
    auto own = exec(db, sql, values);
    if (!own) {
        return fail(own.error());
    }
    return Statement(std::move(*own));
}

Result<QSqlQuery *> execCached(const QSqlDatabase &db, const QString &sql,
                               const QVariantList &values)
{
    ThreadConnection &tc = t_connection;
    if (tc.name.isEmpty() || db.connectionName() != tc.name) {
        return fail(Error::internal(
            QStringLiteral("execCached() needs this thread's threadConnection().")));
    }
    auto it = tc.statements.find(sql);
    if (it == tc.statements.end()) {
        if (tc.statements.size() >= MaxCachedStatements) {
            tc.statements.clear();
        }
        auto query = std::make_unique<QSqlQuery>(db);
        if (!query->prepare(sql)) {
            return fail(sqlError(db, query->lastError(), sql));
        }
        it = tc.statements.emplace(sql, std::move(query)).first;
    }
    QSqlQuery *query = it->second.get();
    for (qsizetype i = 0; i < values.size(); ++i) {
        query->bindValue(int(i), values.at(i));
    }
    bool executed = false;
    {
        const StatementTiming timing;
        executed = query->exec();
    }
    if (!executed) {
        const Error error = sqlError(db, query->lastError(), sql);
        if (error.code == ErrorCode::Unavailable) {
            tc.statements.clear();
        }
        return fail(error);
    }
    return query;
}

Result<void> exec(QSqlQuery &query, QStringView context)
{
    bool executed = false;
    {
        const StatementTiming timing;
        executed = query.exec();
    }
    if (!executed) {
        return fail(mapError(query.driver(), query.lastError(),
                             context.isEmpty() ? QStringView(query.lastQuery()) : context));
    }
    return {};
}

bool isConnectionLost(const QSqlDatabase &db, const QSqlError &error)
{
    return connectionLost(db.isValid() ? db.driver() : nullptr, error);
}

Error sqlError(const QSqlDatabase &db, const QSqlError &error, QStringView context)
{
    return mapError(db.isValid() ? db.driver() : nullptr, error, context);
}

namespace {

bool connectionLost(const QSqlDriver *driver, const QSqlError &error)
{
    if (error.type() == QSqlError::ConnectionError) {
        return true;
    }
    const QString code = error.nativeErrorCode();
    if (code.startsWith(QLatin1String("08")) || code == u"57P01" || code == u"57P02"
        || code == u"57P03") {
        return true;
    }
    if (PGconn *conn = pgConnection(driver)) {
        return PQstatus(conn) != CONNECTION_OK;
    }
    return driver != nullptr && !driver->isOpen();
}

Error mapError(const QSqlDriver *driver, const QSqlError &error, QStringView context)
{
    const QString code = error.nativeErrorCode();
    const QString detail = error.databaseText().trimmed();
    const QString where = shortSql(context);

    if (connectionLost(driver, error)) {
        qCWarning(lcDb).noquote() << "connection lost during" << where << ":" << detail;
        return Error::unavailable(QStringLiteral("The database connection was lost."));
    }
    // Expected failures (conflicts, invalid values): no database text, it may quote user data.
    qCDebug(lcDb).noquote() << "statement failed:" << where << "SQLSTATE" << code;
    if (code == u"23505") {
        return Error::conflict(QStringLiteral("A record with the same key already exists."));
    }
    if (code == u"23503" || code == u"23001") {
        if (detail.contains(QLatin1String("still referenced"))) {
            return Error::conflict(
                QStringLiteral("The record is still referenced by other records."));
        }
        return Error::validation({}, QStringLiteral("A referenced record does not exist."));
    }
    if (code == u"23514" || code == u"23502" || code.startsWith(QLatin1String("22"))) {
        return Error::validation({}, QStringLiteral("A value is not allowed here."));
    }
    if (code == u"40001" || code == u"40P01" || code == u"55P03") {
        return Error::conflict(
            QStringLiteral("The data was changed concurrently; please try again."));
    }
    qCWarning(lcDb).noquote() << "database error in" << where << "SQLSTATE" << code
                              << error.text().trimmed();
    return Error::internal(QStringLiteral("An internal database error occurred."));
}

} // namespace

} // namespace Shop::Db
