#include "eventsmodule.h"

#include "db/notificationlistener.h"
#include "eventhub.h"
#include "eventsroutes.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Events {

namespace {
Q_LOGGING_CATEGORY(lcModule, "shop.events.module")
}

EventsModule::EventsModule(const Server::ServerConfig &config)
    : m_config(config)
{
    EventHub::Settings settings;
    settings.database = config.database;
    settings.retentionSeconds = config.events.retentionMin * 60;
    settings.maxClients = config.events.maxClients;
    settings.lowStockThreshold = config.orders.lowStockThreshold;
    m_hub = std::make_unique<EventHub>(settings);
}

EventsModule::~EventsModule()
{
    stop();
}

QString EventsModule::name() const
{
    return QStringLiteral("events");
}

void EventsModule::registerRoutes(Http::Router &router)
{
    registerEventsRoutes(router, *m_hub,
                         RouteSettings {m_config.currency, m_config.orders.lowStockThreshold});
}

QJsonObject EventsModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/events/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcModule) << "the OpenAPI fragment is missing";
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

void EventsModule::start()
{
    if (m_listener) {
        return;
    }
    m_hub->start();
    EventHub *hub = m_hub.get();
    const auto callbacks = Db::NotificationListener::Callbacks {
        .notified = [hub](const QString &) { hub->wake(); },
        // Notifications sent while disconnected are lost: read once connected again.
        .connectedChanged =
            [hub](bool connected) {
                if (connected) {
                    hub->wake();
                }
            },
    };
    m_listener = std::make_unique<Db::NotificationListener>(
        m_config.database, QString::fromLatin1(kChannel), callbacks);
    // An order's transaction defers its NOTIFYs (0007); its server sends shop_jobs afterwards.
    m_jobsListener = std::make_unique<Db::NotificationListener>(
        m_config.database, QStringLiteral("shop_jobs"), callbacks);
    m_listener->start();
    m_jobsListener->start();
}

void EventsModule::stop()
{
    if (m_listener) {
        m_listener->stop();
        m_jobsListener->stop();
    }
    m_listener.reset();
    m_jobsListener.reset();
    m_hub->stop();
}

} // namespace Shop::Events
