#pragma once

#include <QHash>
#include <QMetaObject>
#include <QMutex>

class QNetworkAccessManager;
class QThread;

namespace Shop::Net {

// One QNetworkAccessManager per calling thread, for clients of third-party HTTP APIs (SendGrid,
// Stripe) whose calls block a worker or job thread: a QNetworkAccessManager may only be used on
// the thread that made it. Each manager is deleted on its own thread when that thread finishes,
// or when this object goes (on the thread that deletes it, or later on its own thread).
class ThreadNetworkManagers final
{
public:
    ThreadNetworkManagers() = default;
    ~ThreadNetworkManagers();
    Q_DISABLE_COPY_MOVE(ThreadNetworkManagers)

    // The current thread's manager, made on first use. Thread-safe.
    [[nodiscard]] QNetworkAccessManager &forCurrentThread();

private:
    struct PerThread
    {
        QNetworkAccessManager *manager = nullptr;
        QMetaObject::Connection finished;
    };

    QMutex m_mutex;
    QHash<QThread *, PerThread> m_managers;
};

} // namespace Shop::Net
