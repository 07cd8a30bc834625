#include "eventhub.h"

#include "db/database.h"
#include "http/eventstream.h"

#include <QLoggingCategory>
#include <QSemaphore>

namespace Shop::Events {

namespace {
Q_LOGGING_CATEGORY(lcHub, "shop.events.hub")

const QByteArray kReset = QByteArrayLiteral("event: reset\ndata: {}\n\n");
const QByteArray kDashboardChanged = QByteArrayLiteral("event: dashboard.changed\ndata: {}\n\n");

bool touchesDashboard(const QString &type)
{
    return type.startsWith(u"order.") || type == u"stock.low";
}
} // namespace

EventHub::EventHub(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    m_thread.setObjectName(QStringLiteral("shop-events"));
    m_poll.setInterval(m_settings.pollMs);
    connect(&m_poll, &QTimer::timeout, this, &EventHub::wake);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &EventHub::wake);
    m_prune.setInterval(m_settings.pruneIntervalMs);
    connect(&m_prune, &QTimer::timeout, this, [this] {
        const int retention = m_settings.retentionSeconds;
        runOnReader([retention] {
            auto db = Db::threadConnection();
            if (!db) {
                return;
            }
            if (auto removed = EventRepository::prune(*db, retention); !removed) {
                qCWarning(lcHub) << "pruning events failed:" << removed.error().message;
            } else if (*removed > 0) {
                qCDebug(lcHub) << "pruned" << *removed << "events";
            }
        });
    });
    m_merge.setInterval(m_settings.mergeIntervalMs);
    connect(&m_merge, &QTimer::timeout, this, [this] {
        runOnReader([] {
            if (auto db = Db::threadConnection()) {
                if (auto merged = EventRepository::mergeSummaries(*db); !merged) {
                    qCWarning(lcHub)
                        << "merging the dashboard summaries failed:" << merged.error().message;
                }
            }
        });
    });
    m_dashboardTimer.setSingleShot(true);
    connect(&m_dashboardTimer, &QTimer::timeout, this, &EventHub::sendDashboardChanged);
}

EventHub::~EventHub()
{
    stop();
}

void EventHub::runOnReader(std::function<void()> work)
{
    if (m_reader) {
        QMetaObject::invokeMethod(m_reader, std::move(work), Qt::QueuedConnection);
    }
}

void EventHub::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_reader = new QObject;
    m_reader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_thread.start();
    // The starting watermark, before the server accepts: a stream opened right away needs it.
    auto done = std::make_shared<QSemaphore>();
    auto latest = std::make_shared<Result<qint64>>(0);
    const int threshold = m_settings.lowStockThreshold;
    runOnReader([done, latest, threshold] {
        auto db = Db::threadConnection();
        if (!db) {
            *latest = fail(db.error());
        } else if (auto set = EventRepository::setLowStockThreshold(*db, threshold); !set) {
            *latest = fail(set.error());
        } else {
            *latest = EventRepository::latestId(*db);
        }
        done->release();
    });
    if (done->tryAcquire(1, 10000) && *latest) {
        m_watermark = m_bufferFloor = **latest;
        m_watermarkShared.store(m_watermark);
        m_ready.store(true);
        qCInfo(lcHub) << "live feed starts after event" << m_watermark;
    } else {
        qCWarning(lcHub) << "live feed not ready yet (the database is unreachable); retrying";
    }
    m_poll.start();
    m_prune.start();
    m_merge.start();
    m_sinceDashboard.start();
}

void EventHub::stop()
{
    if (!m_started) {
        return;
    }
    m_started = false;
    m_poll.stop();
    m_retry.stop();
    m_prune.stop();
    m_merge.stop();
    m_dashboardTimer.stop();
    m_thread.quit();
    m_thread.wait();
    m_reader = nullptr;
    for (Subscriber &subscriber : m_subscribers) {
        if (subscriber.stream) {
            subscriber.stream->close();
        }
    }
    m_subscribers.clear();
}

std::shared_ptr<EventHub::Slot> EventHub::reserve()
{
    int open = m_slots->load();
    while (open < m_settings.maxClients) {
        if (m_slots->compare_exchange_weak(open, open + 1)) {
            return std::make_shared<Slot>(m_slots);
        }
    }
    return nullptr;
}

void EventHub::wake()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, &EventHub::wake, Qt::QueuedConnection);
        return;
    }
    if (!m_started) {
        return;
    }
    if (!m_ready.load()) {
        initialize();
        return;
    }
    if (m_inFlight) {
        m_again = true;
        return;
    }
    fetch();
}

void EventHub::initialize()
{
    if (m_initializing) {
        return;
    }
    m_initializing = true;
    const int threshold = m_settings.lowStockThreshold;
    QPointer<EventHub> self(this);
    runOnReader([self, threshold] {
        Result<qint64> latest = 0;
        if (auto db = Db::threadConnection(); !db) {
            latest = fail(db.error());
        } else if (auto set = EventRepository::setLowStockThreshold(*db, threshold); !set) {
            latest = fail(set.error());
        } else {
            latest = EventRepository::latestId(*db);
        }
        QMetaObject::invokeMethod(
            self,
            [self, latest] {
                if (!self) {
                    return;
                }
                self->m_initializing = false;
                if (latest) {
                    self->m_watermark = self->m_bufferFloor = *latest;
                    self->m_watermarkShared.store(*latest);
                    self->m_ready.store(true);
                    qCInfo(lcHub) << "live feed starts after event" << *latest;
                }
            },
            Qt::QueuedConnection);
    });
}

void EventHub::fetch()
{
    m_inFlight = true;
    m_again = false;
    QPointer<EventHub> self(this);
    const qint64 watermark = m_watermark;
    const QMap<qint64, qint64> gaps = m_freeGaps;
    runOnReader([self, watermark, gaps] {
        Result<EventRepository::Progress> progress =
            fail(Error::unavailable(QStringLiteral("No database connection.")));
        if (auto db = Db::threadConnection()) {
            progress = EventRepository::readAfter(*db, watermark, gaps);
        } else {
            progress = fail(db.error());
        }
        QMetaObject::invokeMethod(
            self,
            [self,
             progress = std::make_shared<Result<EventRepository::Progress>>(
                 std::move(progress))]() mutable {
                if (self) {
                    self->onFetched(std::move(*progress));
                }
            },
            Qt::QueuedConnection);
    });
}

void EventHub::onFetched(Result<EventRepository::Progress> progress)
{
    m_inFlight = false;
    if (!m_started) {
        return;
    }
    if (!progress) {
        if (m_failures++ % 30 == 0) {
            qCWarning(lcHub) << "reading events failed:" << progress.error().message;
        }
        return; // the poll tries again
    }
    m_failures = 0;
    const bool full = progress->events.size() >= 1000;
    deliver(progress->events);
    m_watermark = progress->watermark;
    m_watermarkShared.store(m_watermark);
    m_freeGaps = progress->freeGaps;
    if (m_again || full) {
        fetch();
    } else if (progress->waiting && !m_retry.isActive()) {
        m_retry.start(50); // an id is still being written, or a hole is settling
    }
}

void EventHub::deliver(const QList<EventRepository::Event> &events)
{
    if (events.isEmpty()) {
        return;
    }
    removeClosed();
    bool dashboard = false;
    for (const EventRepository::Event &event : events) {
        const QByteArray text = EventRepository::format(event);
        // Index loop: a send may end a stream (a client that does not read), which only clears
        // its QPointer here; removeClosed() drops it afterwards.
        for (std::size_t i = 0; i < m_subscribers.size(); ++i) {
            Subscriber &subscriber = m_subscribers[i];
            if (subscriber.stream && event.id > subscriber.lastSent) {
                subscriber.lastSent = event.id;
                subscriber.stream->send(text);
            }
        }
        m_buffer.push_back(event);
        if (m_buffer.size() > std::size_t(kBufferSize)) {
            m_bufferFloor = m_buffer.front().id;
            m_buffer.pop_front();
        }
        dashboard = dashboard || touchesDashboard(event.type);
    }
    removeClosed();
    if (dashboard) {
        dashboardChanged();
    }
}

void EventHub::dashboardChanged()
{
    if (m_dashboardTimer.isActive()) {
        return;
    }
    const qint64 since = m_sinceDashboard.elapsed();
    if (since >= m_settings.dashboardIntervalMs) {
        sendDashboardChanged();
    } else {
        m_dashboardTimer.start(int(m_settings.dashboardIntervalMs - since));
    }
}

void EventHub::sendDashboardChanged()
{
    m_sinceDashboard.restart();
    for (std::size_t i = 0; i < m_subscribers.size(); ++i) {
        if (m_subscribers[i].stream) {
            m_subscribers[i].stream->send(kDashboardChanged);
        }
    }
    removeClosed();
}

void EventHub::removeClosed()
{
    std::erase_if(m_subscribers, [](const Subscriber &subscriber) {
        return !subscriber.stream || !subscriber.stream->isOpen();
    });
}

void EventHub::subscribe(Http::EventStream *stream, qint64 lastSent, std::shared_ptr<Slot> slot)
{
    if (!stream || !stream->isOpen() || !m_started) {
        if (stream) {
            stream->close();
        }
        return;
    }
    if (lastSent < m_bufferFloor) {
        // Delivered events after lastSent are no longer all in memory: start over.
        stream->send(kReset);
        lastSent = m_watermark;
    } else {
        for (const EventRepository::Event &event : m_buffer) {
            if (event.id > lastSent && stream->isOpen()) {
                stream->send(EventRepository::format(event));
            }
        }
        lastSent = std::max(lastSent, m_watermark);
    }
    if (!stream->isOpen()) {
        return;
    }
    connect(stream, &Http::EventStream::closed, this, &EventHub::removeClosed,
            Qt::QueuedConnection);
    m_subscribers.push_back(Subscriber {stream, lastSent, std::move(slot)});
    qCDebug(lcHub) << "stream opened;" << m_subscribers.size() << "open";
}

} // namespace Shop::Events
