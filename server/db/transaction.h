#pragma once

#include "database.h"
#include "error.h"

#include <QSqlDatabase>

#include <optional>

namespace Shop::Db {

// RAII transaction: begins in the constructor, rolls back in the destructor unless commit()
// succeeded. Nested use on the same connection becomes a SAVEPOINT, so a repository function may
// open its own Transaction whether or not its caller already has one.
//
//   auto db = Db::threadConnection();
//   if (!db) return fail(db.error());
//   Db::Transaction tx(*db);
//   if (!tx.isActive()) return fail(tx.error());
//   ... Db::exec(*db, ...) ...
//   if (auto committed = tx.commit(); !committed) return fail(committed.error());
//
// When BEGIN fails because the connection was lost, the connection is reopened and BEGIN retried
// once (nothing has happened in the transaction yet, so this is safe).
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Begins a transaction, or returns why it could not.
    [[nodiscard]] static Result<Transaction> begin(QSqlDatabase db);

    // True between a successful begin and commit()/rollback().
    [[nodiscard]] bool isActive() const { return m_active; }
    // Why the transaction could not begin (only meaningful when !isActive() after construction).
    [[nodiscard]] Error error() const;
    // Nesting level: 0 for a real transaction, 1 and more for savepoints.
    [[nodiscard]] int depth() const { return m_depth; }
    [[nodiscard]] QSqlDatabase database() const { return m_db; }

    // Commits (or releases the savepoint). After a failure the transaction is rolled back.
    [[nodiscard]] Result<void> commit();
    // Rolls back now instead of in the destructor. Does nothing when no longer active.
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    int m_depth = 0;
    std::optional<Error> m_beginError;
};

// Runs `work(db)` in one transaction on this thread's connection (threadConnection()): its result
// when it succeeded and the transaction committed, else the first error (the transaction rolls
// back). `work` returns a Result.
//   return Db::inTransaction([&](QSqlDatabase &db) -> Result<Address> { ... });
template<typename Work>
auto inTransaction(Work &&work) -> decltype(work(std::declval<QSqlDatabase &>()))
{
    auto db = threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto tx = Transaction::begin(*db);
    if (!tx) {
        return fail(tx.error());
    }
    auto result = work(*db);
    if (!result) {
        return result;
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    return result;
}

} // namespace Shop::Db
