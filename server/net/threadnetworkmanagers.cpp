#include "threadnetworkmanagers.h"

#include <QNetworkAccessManager>
#include <QThread>

namespace Shop::Net {

ThreadNetworkManagers::~ThreadNetworkManagers()
{
    QMutexLocker lock(&m_mutex);
    for (const PerThread &entry : std::as_const(m_managers)) {
        QObject::disconnect(entry.finished);
        if (entry.manager->thread() == QThread::currentThread()) {
            delete entry.manager;
        } else {
            entry.manager->deleteLater(); // on its own thread, if that thread still runs
        }
    }
    m_managers.clear();
}

QNetworkAccessManager &ThreadNetworkManagers::forCurrentThread()
{
    QThread *thread = QThread::currentThread();
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_managers.constFind(thread); it != m_managers.cend()) {
        return *it->manager;
    }
    auto *manager = new QNetworkAccessManager;
    // Deleted on its own thread when that thread finishes (the signal is emitted there).
    const QMetaObject::Connection finished = QObject::connect(
        thread, &QThread::finished, manager,
        [this, thread, manager] {
            bool owned = false;
            {
                QMutexLocker lock(&m_mutex);
                owned = m_managers.remove(thread) > 0;
            }
            if (owned) {
                delete manager;
            }
        },
        Qt::DirectConnection);
    m_managers.insert(thread, PerThread {manager, finished});
    return *manager;
}

} // namespace Shop::Net
