#pragma once

#include "config/serverconfig.h"

#include <QThread>

#include <atomic>
#include <chrono>
#include <functional>

namespace Shop::Db {

// LISTEN on one PostgreSQL channel, on its own thread with its own event loop and its own
// connection (never one of the HTTP workers'). Used by the catalog cache (shop_catalog_changed)
// and by whatever must hear about commits made by any server instance: jobs, orders, live feeds.
//
// A heartbeat (SELECT 1 every heartbeat interval) notices a dropped connection: the listener then
// reports itself disconnected, and reconnects and LISTENs again at the same interval.
// Notifications sent while it was disconnected are lost, so a receiver must treat "disconnected"
// as "changes cannot be observed now" (a cache stops trusting itself) and "connected again" as
// "start over" (a cache starts from empty, a job worker polls once).
//
// The callbacks run on the listener's thread: they must be thread-safe and quick. The same
// events are also emitted as signals (connect to a receiver in another thread to have them
// queued there).
class NotificationListener final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationListener)

public:
    struct Callbacks
    {
        std::function<void(const QString &payload)> notified;
        std::function<void(bool connected)> connectedChanged;
    };

    NotificationListener(Server::DatabaseConfig config, QString channel, Callbacks callbacks = {},
                         std::chrono::milliseconds heartbeat = std::chrono::seconds(1),
                         QObject *parent = nullptr);
    ~NotificationListener() override; // stops the thread and closes its connection

    [[nodiscard]] const QString &channel() const { return m_channel; }
    [[nodiscard]] bool isConnected() const { return m_connected.load(); }
    // The PostgreSQL backend process of the listening connection (0 while disconnected).
    [[nodiscard]] int backendPid() const { return m_backendPid.load(); }
    // How often the connection has been (re)established.
    [[nodiscard]] int connectCount() const { return m_connectCount.load(); }

    // Ends the event loop and waits for the thread. Safe to call twice.
    void stop();

Q_SIGNALS:
    void notified(const QString &payload);
    void connectedChanged(bool connected);

protected:
    void run() override;

private:
    void setConnected(bool connected);

    const Server::DatabaseConfig m_config;
    const QString m_channel;
    const Callbacks m_callbacks;
    const std::chrono::milliseconds m_heartbeat;
    std::atomic<bool> m_connected {false};
    std::atomic<int> m_backendPid {0};
    std::atomic<int> m_connectCount {0};
};

} // namespace Shop::Db
