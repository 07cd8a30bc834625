#pragma once

#include "config/serverconfig.h"

#include <QHash>
#include <QReadWriteLock>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>

namespace Shop::Db {
class NotificationListener;
}

namespace Shop::Accounts {

// The sessions revoked within the last access-token lifetime, in memory, so that checking an
// access token costs no database round trip. Every server learns of every revocation through
// NOTIFY shop_sessions (a trigger on sessions.revoked_at); on every (re)connection of its
// listener it reloads the recent revocations from the table, because notifications sent while it
// was away are lost. While it cannot observe revocations, state() is Unknown and authenticated
// requests are refused with 503 (fail closed: those requests need the database anyway).
class RevocationSet final
{
public:
    enum class State { Valid, Revoked, Unknown };

    RevocationSet(Server::DatabaseConfig database, std::chrono::seconds keep);
    ~RevocationSet();
    RevocationSet(const RevocationSet &) = delete;
    RevocationSet &operator=(const RevocationSet &) = delete;

    // Starts listening; waits up to `wait` until revocations are observed.
    void start(std::chrono::milliseconds wait = std::chrono::seconds(10));
    void stop();

    [[nodiscard]] State state(const QString &sessionId) const;
    [[nodiscard]] bool isObserving() const { return m_observing.load(); }
    // Records a revocation this process made (its NOTIFY arrives later; this closes the gap).
    void add(const QString &sessionId);

private:
    void reload();
    void prune(qint64 nowMs);

    const Server::DatabaseConfig m_database;
    const std::chrono::seconds m_keep;
    mutable QReadWriteLock m_lock;
    QHash<QString, qint64> m_revoked; // session id -> when it was learnt (ms since epoch)
    qint64 m_nextPruneMs = 0;
    std::atomic<bool> m_observing {false};
    std::unique_ptr<Db::NotificationListener> m_listener;
};

} // namespace Shop::Accounts
