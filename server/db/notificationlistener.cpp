#include "notificationlistener.h"

#include "database.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>

namespace Shop::Db {

namespace {
Q_LOGGING_CATEGORY(lcListener, "shop.db.listener")
}

NotificationListener::NotificationListener(Server::DatabaseConfig config, QString channel,
                                           Callbacks callbacks, std::chrono::milliseconds heartbeat,
                                           QObject *parent)
    : QThread(parent)
    , m_config(std::move(config))
    , m_channel(std::move(channel))
    , m_callbacks(std::move(callbacks))
    , m_heartbeat(qMax(heartbeat, std::chrono::milliseconds(10)))
{
    setObjectName(QStringLiteral("listen-") + m_channel);
}

NotificationListener::~NotificationListener()
{
    stop();
}

void NotificationListener::stop()
{
    if (isRunning()) {
        quit();
        wait();
    }
}

void NotificationListener::setConnected(bool connected)
{
    m_connected = connected;
    if (m_callbacks.connectedChanged) {
        m_callbacks.connectedChanged(connected);
    }
    Q_EMIT connectedChanged(connected);
}

void NotificationListener::run()
{
    const QString name = QStringLiteral("shop-listener-%1").arg(quintptr(this), 0, 16);
    const QString &channel = m_channel;
    Server::DatabaseConfig config = m_config;
    if (!config.options.contains(QLatin1String("application_name="))) {
        config.options += QStringLiteral(";application_name=shop-listener");
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
        if (m_connected.load()) {
            qCWarning(lcListener).noquote()
                << "disconnected: changes on" << channel << "are not observed";
            setConnected(false);
        }
    };

    const auto connectNow = [&] {
        auto db = openConnection(config, name);
        if (!db) {
            qCWarning(lcListener).noquote() << "cannot connect:" << db.error().message;
            return;
        }
        open = true;
        QSqlDriver *driver = db->driver();
        connect(driver, &QSqlDriver::notification, &context,
                [this, channel](const QString &name, QSqlDriver::NotificationSource,
                                const QVariant &payload) {
                    if (name == channel) {
                        const QString text = payload.toString();
                        qCDebug(lcListener).noquote() << channel << "notified:" << text;
                        if (m_callbacks.notified) {
                            m_callbacks.notified(text);
                        }
                        Q_EMIT notified(text);
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
        qCInfo(lcListener).noquote()
            << "listening on" << channel << "backend" << m_backendPid.load();
        setConnected(true);
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

} // namespace Shop::Db
