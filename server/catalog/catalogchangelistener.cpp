#include "catalogchangelistener.h"

#include "db/database.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>

namespace Shop::Server {

namespace {
Q_LOGGING_CATEGORY(lcListener, "shop.catalog.listener")
}

CatalogChangeListener::CatalogChangeListener(DatabaseConfig config,
                                             std::chrono::milliseconds heartbeat, QObject *parent)
    : QThread(parent)
    , m_config(std::move(config))
    , m_heartbeat(qMax(heartbeat, std::chrono::milliseconds(10)))
{
    setObjectName(QStringLiteral("catalog-listener"));
}

CatalogChangeListener::~CatalogChangeListener()
{
    stop();
}

void CatalogChangeListener::stop()
{
    if (isRunning()) {
        quit();
        wait();
    }
}

void CatalogChangeListener::run()
{
    const QString name = QStringLiteral("shop-catalog-listener-%1").arg(quintptr(this), 0, 16);
    const QString channel = QString::fromLatin1(kChannel);
    DatabaseConfig config = m_config;
    if (!config.options.contains(QLatin1String("application_name="))) {
        config.options += QStringLiteral(";application_name=shop-catalog-listener");
    }

    QObject context; // receives the driver's notifications in this thread
    bool open = false;

    const auto disconnectNow = [&] {
        if (open) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            open = false;
        }
        m_backendPid = 0;
        if (m_connected.exchange(false)) {
            qCWarning(lcListener) << "disconnected: catalog changes are not observed";
            Q_EMIT connectedChanged(false);
        }
    };

    const auto connectNow = [&] {
        auto db = Db::openConnection(config, name);
        if (!db) {
            qCWarning(lcListener).noquote() << "cannot connect:" << db.error().message;
            return;
        }
        open = true;
        QSqlDriver *driver = db->driver();
        connect(driver, &QSqlDriver::notification, &context,
                [this, channel](const QString &notified, QSqlDriver::NotificationSource,
                                const QVariant &payload) {
                    if (notified == channel) {
                        qCDebug(lcListener) << "changed:" << payload.toString();
                        Q_EMIT catalogChanged(payload.toString());
                    }
                });
        if (!driver->subscribeToNotification(channel)) {
            qCWarning(lcListener).noquote()
                << "cannot LISTEN on" << channel << ":" << driver->lastError().text();
            disconnectNow();
            return;
        }
        QSqlQuery pid(*db);
        if (pid.exec(QStringLiteral("SELECT pg_backend_pid()")) && pid.next()) {
            m_backendPid = pid.value(0).toInt();
        }
        ++m_connectCount;
        m_connected = true;
        qCInfo(lcListener) << "listening on" << channel << "backend" << m_backendPid.load();
        Q_EMIT connectedChanged(true);
    };

    const auto beat = [&] {
        if (!open) {
            connectNow();
            return;
        }
        bool alive = false;
        {
            QSqlQuery ping(QSqlDatabase::database(name, false));
            alive = ping.exec(QStringLiteral("SELECT 1"));
        }
        if (!alive) {
            disconnectNow();
            connectNow();
        }
    };

    QTimer heartbeat;
    heartbeat.setInterval(m_heartbeat);
    connect(&heartbeat, &QTimer::timeout, &context, beat);
    heartbeat.start();
    QTimer::singleShot(0, &context, connectNow);

    exec();

    heartbeat.stop();
    disconnectNow();
}

} // namespace Shop::Server
