#pragma once

#include "config/serverconfig.h"

#include <QThread>

#include <atomic>
#include <chrono>

namespace Shop::Server {

// Listens for the database's catalog change notifications (channel shop_catalog_changed, sent on
// commit by statement triggers on products and categories) on its own thread, with its own event
// loop and its own connection.
//
// A heartbeat (SELECT 1 every heartbeat interval) notices a dropped connection: the listener then
// reports itself disconnected and reconnects and resubscribes at the same interval. Notifications
// sent while it was disconnected are lost, so whoever caches must treat "disconnected" as "do
// not trust the cache" and "connected again" as "start from empty".
//
// The signals are emitted from the listener's thread: connect with Qt::DirectConnection to
// thread-safe receivers (or let Qt queue them to a receiver's thread).
class CatalogChangeListener final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogChangeListener)

public:
    static constexpr auto kChannel = "shop_catalog_changed";

    explicit CatalogChangeListener(DatabaseConfig config,
                                   std::chrono::milliseconds heartbeat = std::chrono::seconds(1),
                                   QObject *parent = nullptr);
    ~CatalogChangeListener() override; // stops the thread and closes its connection

    [[nodiscard]] bool isConnected() const { return m_connected.load(); }
    // The PostgreSQL backend process of the listening connection (0 while disconnected).
    [[nodiscard]] int backendPid() const { return m_backendPid.load(); }
    // How often the connection has been (re)established.
    [[nodiscard]] int connectCount() const { return m_connectCount.load(); }

    // Ends the event loop and waits for the thread.
    void stop();

Q_SIGNALS:
    // A committed change to the named table ("products", "categories").
    void catalogChanged(const QString &table);
    void connectedChanged(bool connected);

protected:
    void run() override;

private:
    const DatabaseConfig m_config;
    const std::chrono::milliseconds m_heartbeat;
    std::atomic<bool> m_connected {false};
    std::atomic<int> m_backendPid {0};
    std::atomic<int> m_connectCount {0};
};

} // namespace Shop::Server
