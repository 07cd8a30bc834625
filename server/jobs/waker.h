#pragma once

#include "config/serverconfig.h"

#include <QMutex>
#include <QWaitCondition>

#include <chrono>
#include <functional>
#include <memory>

class QThread;

namespace Shop::Jobs {

// Wakes job workers for jobs whose transaction deferred its NOTIFY (Jobs::deferWake): this
// process's workers at once (localWake), every instance's through `NOTIFY shop_jobs`, sent on
// the waker's own thread and connection, at most once per minInterval however many commits asked
// (requests in between are folded into the next one, never dropped), and without waiting for the
// WAL flush (synchronous_commit off: a notification needs no durability, and the flush is what
// the notify lock would otherwise be held through). Jobs::wakeAfterCommit() reaches the waker
// the jobs module installed.
class Waker final
{
public:
    Waker(Server::DatabaseConfig database, std::function<void()> localWake,
          std::chrono::milliseconds minInterval = std::chrono::milliseconds(50));
    ~Waker(); // stop()
    Waker(const Waker &) = delete;
    Waker &operator=(const Waker &) = delete;

    void start();
    // Sends what was asked for and ends the thread.
    void stop();
    // Thread-safe, cheap: wakes the local workers and marks a NOTIFY as due.
    void request();
    // NOTIFYs sent so far (tests).
    [[nodiscard]] qint64 sent() const;

    // The waker Jobs::wakeAfterCommit() uses (none: it notifies on the caller's connection).
    // The last installed wins; uninstall() removes it only if it is still the one installed.
    static void install(Waker *waker);
    static void uninstall(Waker *waker);
    static void requestInstalled();

private:
    void run();

    const Server::DatabaseConfig m_database;
    const std::function<void()> m_localWake;
    const std::chrono::milliseconds m_minInterval;
    mutable QMutex m_mutex;
    QWaitCondition m_wakeup;
    bool m_pending = false;
    bool m_stopping = false;
    qint64 m_sent = 0;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Shop::Jobs
