#include "revocationset.h"

#include "db/database.h"
#include "db/notificationlistener.h"
#include "sessionrepository.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>

namespace Shop::Accounts {

Q_LOGGING_CATEGORY(lcRevocations, "shop.accounts.revocations")

namespace {
const QString kChannel = QStringLiteral("shop_sessions");
}

RevocationSet::RevocationSet(Server::DatabaseConfig database, std::chrono::seconds keep)
    : m_database(std::move(database))
    , m_keep(keep)
{ }

RevocationSet::~RevocationSet()
{
    stop();
}

void RevocationSet::start(std::chrono::milliseconds wait)
{
    if (m_listener) {
        return;
    }
    Db::NotificationListener::Callbacks callbacks;
    callbacks.notified = [this](const QString &payload) {
        add(payload.trimmed());
    };
    callbacks.connectedChanged = [this](bool connected) {
        if (!connected) {
            m_observing.store(false);
            qCWarning(lcRevocations,
                      "Session revocations cannot be observed: authenticated "
                      "requests are refused until the database is back.");
            return;
        }
        reload();
    };
    m_listener = std::make_unique<Db::NotificationListener>(m_database, kChannel, callbacks);
    m_listener->start();
    QElapsedTimer timer;
    timer.start();
    while (!m_observing.load() && timer.elapsed() < wait.count()) {
        QThread::msleep(5);
    }
    if (!m_observing.load()) {
        qCWarning(lcRevocations,
                  "Session revocations are not observed yet; authenticated "
                  "requests wait for the database.");
    }
}

void RevocationSet::stop()
{
    if (m_listener) {
        m_listener->stop();
        m_listener.reset();
    }
    m_observing.store(false);
}

void RevocationSet::reload()
{
    // On the listener's thread, after it LISTENs: revocations from now on arrive as
    // notifications, the earlier ones come from the table.
    auto db = Db::threadConnection();
    Result<QStringList> ids = db
        ? SessionRepository::recentlyRevoked(*db, m_keep + std::chrono::seconds(60))
        : Result<QStringList>(fail(db.error()));
    if (!ids) {
        qCWarning(lcRevocations, "Cannot load recent session revocations: %ls",
                  qUtf16Printable(ids.error().message));
        m_observing.store(false);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        QWriteLocker lock(&m_lock);
        for (const QString &id : std::as_const(*ids)) {
            m_revoked.insert(id, now);
        }
    }
    m_observing.store(true);
    qCInfo(lcRevocations, "Observing session revocations (%lld recent).", qlonglong(ids->size()));
}

void RevocationSet::add(const QString &sessionId)
{
    if (sessionId.isEmpty()) {
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QWriteLocker lock(&m_lock);
    m_revoked.insert(sessionId, now);
    prune(now);
}

void RevocationSet::prune(qint64 nowMs)
{
    if (nowMs < m_nextPruneMs) {
        return;
    }
    // An access token lives at most `keep`: a revocation older than that (plus a margin for
    // clock skew) guards no token any more.
    const qint64 limit = nowMs - (m_keep.count() + 120) * 1000;
    for (auto it = m_revoked.begin(); it != m_revoked.end();) {
        it = it.value() < limit ? m_revoked.erase(it) : std::next(it);
    }
    m_nextPruneMs = nowMs + 60 * 1000;
}

RevocationSet::State RevocationSet::state(const QString &sessionId) const
{
    if (!m_observing.load()) {
        return State::Unknown;
    }
    QReadLocker lock(&m_lock);
    return m_revoked.contains(sessionId) ? State::Revoked : State::Valid;
}

} // namespace Shop::Accounts
