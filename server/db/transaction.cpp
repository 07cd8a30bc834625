#include "transaction.h"

#include "database.h"
#include "database_p.h"

#include <QSqlQuery>

namespace Shop::Db {

using Internal::lcDb;

namespace {

QString savepointName(int depth)
{
    return QStringLiteral("shop_savepoint_%1").arg(depth);
}

bool execPlain(const QSqlDatabase &db, const QString &sql, QSqlError *error = nullptr)
{
    QSqlQuery query(db);
    // Fixed statements without values (SAVEPOINT names are generated here, never user input).
    const bool ok = query.exec(sql);
    if (!ok && error != nullptr) {
        *error = query.lastError();
    }
    return ok;
}

} // namespace

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    if (!m_db.isValid() || !m_db.isOpen()) {
        // A connection that broke since threadConnection() still counts as valid; try to reopen.
        if (m_db.isValid() && Internal::transactionDepth(m_db.connectionName()) == 0) {
            if (auto reopened = reopen(m_db); !reopened) {
                m_beginError = reopened.error();
                return;
            }
        } else {
            m_beginError = Error::unavailable(QStringLiteral("The database connection is closed."));
            return;
        }
    }
    int &depth = Internal::transactionDepth(m_db.connectionName());
    if (depth == 0) {
        bool ok = m_db.transaction();
        if (!ok && isConnectionLost(m_db, m_db.lastError())) {
            // Nothing has happened in this transaction yet: reconnecting and retrying is safe.
            qCInfo(lcDb) << "connection lost before BEGIN; reconnecting";
            if (auto reopened = reopen(m_db); reopened) {
                ok = m_db.transaction();
            }
        }
        if (!ok) {
            m_beginError = sqlError(m_db, m_db.lastError(), u"BEGIN");
            return;
        }
    } else {
        QSqlError error;
        if (!execPlain(m_db, QStringLiteral("SAVEPOINT ") + savepointName(depth), &error)) {
            m_beginError = sqlError(m_db, error, u"SAVEPOINT");
            return;
        }
    }
    m_depth = depth;
    ++depth;
    m_active = true;
}

Transaction::~Transaction()
{
    rollback();
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::move(other.m_db))
    , m_active(std::exchange(other.m_active, false))
    , m_depth(other.m_depth)
    , m_beginError(std::move(other.m_beginError))
{ }

Result<Transaction> Transaction::begin(QSqlDatabase db)
{
    Transaction transaction(std::move(db));
    if (!transaction.isActive()) {
        return fail(transaction.error());
    }
    return transaction;
}

Error Transaction::error() const
{
    if (m_beginError) {
        return *m_beginError;
    }
    return Error::internal(QStringLiteral("The transaction is not active."));
}

Result<void> Transaction::commit()
{
    if (!m_active) {
        return fail(error());
    }
    m_active = false;
    --Internal::transactionDepth(m_db.connectionName());

    if (m_depth == 0) {
        if (!m_db.commit()) {
            const QSqlError sqlErr = m_db.lastError();
            Error failure = sqlError(m_db, sqlErr, u"COMMIT");
            if (sqlErr.nativeErrorCode().isEmpty() && failure.code == ErrorCode::Internal) {
                // PostgreSQL answered COMMIT with ROLLBACK: a statement in it had failed.
                failure = Error::internal(QStringLiteral(
                    "The transaction was rolled back because a statement in it failed."));
            }
            if (m_db.isOpen()) {
                m_db.rollback();
            }
            Internal::releaseDeferred(m_db.connectionName());
            return fail(failure);
        }
        return {};
    }
    QSqlError error;
    if (!execPlain(m_db, QStringLiteral("RELEASE SAVEPOINT ") + savepointName(m_depth), &error)) {
        const Error failure = sqlError(m_db, error, u"RELEASE SAVEPOINT");
        execPlain(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepointName(m_depth));
        return fail(failure);
    }
    return {};
}

void Transaction::rollback()
{
    if (!m_active) {
        return;
    }
    m_active = false;
    --Internal::transactionDepth(m_db.connectionName());
    if (!m_db.isOpen()) {
        return; // the server rolled back when the connection ended
    }
    if (m_depth == 0) {
        if (!m_db.rollback()) {
            qCDebug(lcDb) << "ROLLBACK failed:" << m_db.lastError().text();
        }
        Internal::releaseDeferred(m_db.connectionName());
        return;
    }
    const QString name = savepointName(m_depth);
    if (!execPlain(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT ") + name)
        || !execPlain(m_db, QStringLiteral("RELEASE SAVEPOINT ") + name)) {
        qCDebug(lcDb) << "ROLLBACK TO SAVEPOINT failed";
        return;
    }
    Internal::releaseDeferred(m_db.connectionName());
}

} // namespace Shop::Db
