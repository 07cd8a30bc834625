#pragma once

#include "config/serverconfig.h"
#include "eventrepository.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

namespace Shop::Http {
class EventStream;
}

namespace Shop::Events {

// One instance's fan-out of admin_events to its open event streams. Lives on the HTTP server's
// thread (where the streams are written); every SQL statement runs on its own reader thread with
// its own connection. A notification (shop_admin_events, or shop_jobs after an order commit that
// deferred its NOTIFY), a 1 s poll, or an id still being written makes it read the rows after its
// watermark (EventRepository::readAfter) and hand them to every stream in id order. It keeps the
// last kBufferSize delivered events so that a stream opened a moment after its replay was read
// misses nothing. It also prunes the table and merges the dashboard summaries on timers, and
// sends dashboard.changed (no id: a hint, not replayed) at most once a second.
class EventHub final : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        Server::DatabaseConfig database;
        int retentionSeconds = 15 * 60;
        int maxClients = 200;
        int lowStockThreshold = 5;
        int pollMs = 1000;
        int pruneIntervalMs = 60 * 1000;
        int mergeIntervalMs = 10 * 1000;
        int dashboardIntervalMs = 1000;
    };
    static constexpr int kBufferSize = 10000;

    // A place among maxClients; released when the last copy goes.
    class Slot
    {
    public:
        explicit Slot(std::shared_ptr<std::atomic<int>> count)
            : m_count(std::move(count))
        { }
        ~Slot() { m_count->fetch_sub(1); }
        Slot(const Slot &) = delete;
        Slot &operator=(const Slot &) = delete;

    private:
        std::shared_ptr<std::atomic<int>> m_count;
    };

    explicit EventHub(Settings settings, QObject *parent = nullptr);
    ~EventHub() override; // stop()

    Q_DISABLE_COPY_MOVE(EventHub)

    // Starts the reader thread and waits (at most a few seconds) for the starting watermark.
    void start();
    void stop();

    // Thread-safe.
    [[nodiscard]] bool isReady() const { return m_ready.load(); }
    [[nodiscard]] qint64 watermark() const { return m_watermarkShared.load(); }
    [[nodiscard]] std::shared_ptr<Slot> reserve(); // null: maxClients streams are open
    void wake(); // something may have been committed: read soon
    [[nodiscard]] int openStreams() const { return m_slots->load(); }

    // This object's thread. The stream has been sent every event up to lastSent (or a replay up
    // to it); it gets what the hub delivered since, then every new event.
    void subscribe(Http::EventStream *stream, qint64 lastSent, std::shared_ptr<Slot> slot);

private:
    struct Subscriber
    {
        QPointer<Http::EventStream> stream;
        qint64 lastSent = 0;
        std::shared_ptr<Slot> slot;
    };

    void initialize();
    void fetch();
    void onFetched(Result<EventRepository::Progress> progress);
    void deliver(const QList<EventRepository::Event> &events);
    void dashboardChanged();
    void sendDashboardChanged();
    void removeClosed();
    void runOnReader(std::function<void()> work);

    const Settings m_settings;
    QThread m_thread;
    QObject *m_reader = nullptr; // lives on m_thread
    std::atomic<bool> m_ready {false};
    std::atomic<qint64> m_watermarkShared {0};
    std::shared_ptr<std::atomic<int>> m_slots = std::make_shared<std::atomic<int>>(0);
    bool m_started = false;

    // This object's thread only.
    qint64 m_watermark = 0;
    qint64 m_bufferFloor = 0; // every delivered id above this is in m_buffer
    std::deque<EventRepository::Event> m_buffer;
    QMap<qint64, qint64> m_freeGaps;
    bool m_inFlight = false;
    bool m_again = false;
    bool m_initializing = false;
    std::vector<Subscriber> m_subscribers;
    QTimer m_poll;
    QTimer m_retry;
    QTimer m_prune;
    QTimer m_merge;
    QTimer m_dashboardTimer;
    QElapsedTimer m_sinceDashboard;
    qint64 m_failures = 0;
};

} // namespace Shop::Events
