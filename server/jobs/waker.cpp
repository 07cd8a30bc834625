#include "waker.h"

#include "db/database.h"
#include "jobs.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QThread>
#include <QUuid>

namespace Shop::Jobs {

Q_LOGGING_CATEGORY(lcWaker, "shop.jobs.waker")

namespace {

QMutex installedMutex;
Waker *installed = nullptr;

// One statement, its own transaction: the notification is delivered when it commits, and the
// commit does not wait for the WAL flush.
const QString kNotify = QStringLiteral(
    "SELECT set_config('synchronous_commit', 'off', true), pg_notify('shop_jobs', '')");

} // namespace

Waker::Waker(Server::DatabaseConfig database, std::function<void()> localWake,
             std::chrono::milliseconds minInterval)
    : m_database(std::move(database))
    , m_localWake(std::move(localWake))
    , m_minInterval(minInterval)
{ }

Waker::~Waker()
{
    stop();
}

void Waker::start()
{
    if (m_thread) {
        return;
    }
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = false;
    }
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("jobs-waker"));
    m_thread->start();
}

void Waker::stop()
{
    if (!m_thread) {
        return;
    }
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_wakeup.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

void Waker::request()
{
    if (m_localWake) {
        m_localWake();
    }
    QMutexLocker locker(&m_mutex);
    if (!m_pending) {
        m_pending = true;
        m_wakeup.wakeAll();
    }
}

qint64 Waker::sent() const
{
    QMutexLocker locker(&m_mutex);
    return m_sent;
}

void Waker::install(Waker *waker)
{
    QMutexLocker locker(&installedMutex);
    installed = waker;
}

void Waker::uninstall(Waker *waker)
{
    QMutexLocker locker(&installedMutex);
    if (installed == waker) {
        installed = nullptr;
    }
}

void Waker::requestInstalled()
{
    {
        QMutexLocker locker(&installedMutex);
        if (installed) {
            installed->request();
            return;
        }
    }
    // No jobs module in this process (a command, a test): notify on the caller's connection.
    auto db = Db::threadConnection();
    if (!db) {
        qCWarning(lcWaker).noquote() << "cannot wake the job workers:" << db.error().message;
        return;
    }
    if (auto q = Db::run(*db, kNotify); !q) {
        qCWarning(lcWaker).noquote() << "cannot wake the job workers:" << q.error().message;
    }
}

void Waker::run()
{
    const QString name = QStringLiteral("shop-jobs-waker-") + QUuid::createUuid().toString();
    std::optional<QSqlDatabase> db;
    QDeadlineTimer quiet; // until then, no NOTIFY (minInterval after the last)
    bool warned = false;
    QMutexLocker locker(&m_mutex);
    for (;;) {
        while (!m_pending && !m_stopping) {
            m_wakeup.wait(&m_mutex);
        }
        if (!m_pending) {
            break; // stopping, nothing asked for
        }
        while (!m_stopping && !quiet.hasExpired()) {
            m_wakeup.wait(&m_mutex, quiet);
        }
        m_pending = false;
        locker.unlock();
        if (!db || !db->isOpen()) {
            auto opened = Db::openConnection(m_database, name);
            if (opened) {
                db = *opened;
            }
        }
        Result<void> notified = fail(Error::unavailable(QStringLiteral("no connection")));
        if (db) {
            if (auto q = Db::exec(*db, kNotify); q) {
                notified = {};
            } else {
                notified = fail(q.error());
            }
        }
        if (!notified && !warned) {
            // The workers' poll interval still finds the jobs; say so once per outage.
            qCWarning(lcWaker).noquote()
                << "cannot notify the job workers of other instances:" << notified.error().message
                << "(they find the jobs when they next poll)";
        }
        warned = !notified;
        if (!notified && db) {
            db->close();
        }
        quiet.setRemainingTime(m_minInterval);
        locker.relock();
        if (notified) {
            ++m_sent;
        }
    }
    locker.unlock();
    if (db) {
        db->close();
        db.reset();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace Shop::Jobs
