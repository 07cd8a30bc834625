#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace Shop::Metrics {

// Prometheus metrics of one shop-server process (docs/metrics.md), rendered in the text
// exposition format 0.0.4 by Registry::render() and served by MetricsServer.
//
// The hot path (every HTTP answer, every SQL statement) only does relaxed atomic additions on
// objects that exist before it runs: a route's RouteMetrics is looked up once when the HTTP server
// starts, a histogram's buckets are a fixed array. Labelled counters whose label values are not
// known in advance (rate-limit scopes, job kinds) are created under a mutex on first use and then
// cached by their callers or counted on rare paths only (a refusal, an email).

using Labels = std::vector<std::pair<QByteArray, QString>>; // name -> value, in output order

// Seconds; the buckets of every latency histogram unless a family says otherwise.
inline const std::vector<double> &latencyBuckets()
{
    static const std::vector<double> buckets {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                              0.25,  0.5,    1,     2.5,  5,     10};
    return buckets;
}

// A histogram of durations: counts per bucket (not cumulative; cumulated when rendered) and the
// sum in nanoseconds. observe() is two relaxed atomic additions after a search of a few bounds.
class Histogram final
{
public:
    explicit Histogram(const std::vector<double> &upperBoundsSeconds = latencyBuckets());

    void observe(std::chrono::nanoseconds duration);
    void observeSeconds(double seconds);

    struct Snapshot
    {
        std::vector<double> upperBounds; // seconds, without +Inf
        std::vector<quint64> cumulative; // one per bound, then +Inf (== count)
        quint64 count = 0;
        double sumSeconds = 0;
    };
    [[nodiscard]] Snapshot snapshot() const;

private:
    std::vector<double> m_bounds;
    std::vector<qint64> m_boundsNs;
    std::unique_ptr<std::atomic<quint64>[]> m_buckets; // m_bounds.size() + 1 (the last: +Inf)
    std::atomic<quint64> m_sumNs {0};
};

// What the HTTP server counts for one route (its pattern, not the raw path) and method:
// answers by status and their latency.
class RouteMetrics final
{
public:
    RouteMetrics(QString route, QByteArray method);

    void record(int status, std::chrono::nanoseconds duration)
    {
        if (status >= 100 && status <= 599) {
            m_byStatus[std::size_t(status - 100)].fetch_add(1, std::memory_order_relaxed);
        }
        m_duration.observe(duration);
    }
    [[nodiscard]] const QString &route() const { return m_route; }
    [[nodiscard]] const QByteArray &method() const { return m_method; }
    [[nodiscard]] quint64 count(int status) const
    {
        return status >= 100 && status <= 599
            ? m_byStatus[std::size_t(status - 100)].load(std::memory_order_relaxed)
            : 0;
    }
    [[nodiscard]] const Histogram &duration() const { return m_duration; }

private:
    const QString m_route;
    const QByteArray m_method;
    std::array<std::atomic<quint64>, 500> m_byStatus {};
    Histogram m_duration;
};

// Families and samples gathered for one scrape; collectors add to it.
class Exposition final
{
public:
    enum class Type { Counter, Gauge, Histogram };

    void add(const QByteArray &name, const QByteArray &help, Type type, const Labels &labels,
             double value);
    void addHistogram(const QByteArray &name, const QByteArray &help, const Labels &labels,
                      const Histogram::Snapshot &snapshot);
    // The text format 0.0.4: "# HELP", "# TYPE", then the family's samples, families by name.
    [[nodiscard]] QByteArray text() const;

    // Label value escaping (backslash, double quote, line feed) and HELP escaping (backslash,
    // line feed), as the format wants.
    [[nodiscard]] static QByteArray escapeLabelValue(const QString &value);
    [[nodiscard]] static QByteArray escapeHelp(const QByteArray &help);
    [[nodiscard]] static QByteArray formatValue(double value);

private:
    struct Family
    {
        QByteArray help;
        Type type = Type::Gauge;
        QByteArray samples;
    };
    Family &family(const QByteArray &name, const QByteArray &help, Type type);
    std::map<QByteArray, Family> m_families;
};

// A counter family whose label values appear at run time (under a mutex, once per label set).
// counter() returns an atomic that lives as long as the registry: cache it where it is hot.
class CounterFamily final
{
public:
    CounterFamily(QByteArray name, QByteArray help, QList<QByteArray> labelNames);
    [[nodiscard]] std::atomic<quint64> &counter(const QStringList &labelValues = {});
    void inc(const QStringList &labelValues = {}, quint64 by = 1)
    {
        counter(labelValues).fetch_add(by, std::memory_order_relaxed);
    }
    void collect(Exposition &out) const;

private:
    const QByteArray m_name;
    const QByteArray m_help;
    const QList<QByteArray> m_labelNames;
    mutable QMutex m_mutex;
    std::map<QStringList, std::unique_ptr<std::atomic<quint64>>> m_counters;
};

// The process's metrics. Everything in it is thread-safe.
class Registry final
{
public:
    Registry();
    ~Registry();
    Q_DISABLE_COPY_MOVE(Registry)

    // The metrics of a route and method; the same object for the same pair for the life of the
    // registry (several servers in one process, as in tests, add up).
    [[nodiscard]] RouteMetrics &route(const QString &pattern, const QByteArray &method);

    // Families used by the instrumented layers (names in docs/metrics.md).
    [[nodiscard]] Histogram &dbQueryDuration() { return m_dbQueryDuration; }
    [[nodiscard]] std::atomic<qint64> &dbConnectionsOpen() { return m_dbOpen; }
    [[nodiscard]] std::atomic<qint64> &dbConnectionsBusy() { return m_dbBusy; }
    [[nodiscard]] Histogram &webhookLag() { return m_webhookLag; }
    [[nodiscard]] std::atomic<quint64> &emailsSent() { return m_emailsSent; }
    [[nodiscard]] std::atomic<quint64> &emailsFailed() { return m_emailsFailed; }
    [[nodiscard]] CounterFamily &rateLimitRejections() { return m_rateLimitRejections; }
    [[nodiscard]] CounterFamily &jobsRun() { return m_jobsRun; }

    // A collector adds samples read at scrape time (gauges from Stats structs, SQL sampled on
    // the scraping thread: never the HTTP event loop). Returns a handle for removeCollector(),
    // which waits for a running scrape to finish.
    using Collector = std::function<void(Exposition &)>;
    [[nodiscard]] int addCollector(Collector collector);
    void removeCollector(int id);

    [[nodiscard]] QByteArray render() const;

private:
    mutable QMutex m_routesMutex;
    std::map<std::pair<QString, QByteArray>, std::unique_ptr<RouteMetrics>> m_routes;
    Histogram m_dbQueryDuration;
    std::atomic<qint64> m_dbOpen {0};
    std::atomic<qint64> m_dbBusy {0};
    Histogram m_webhookLag;
    std::atomic<quint64> m_emailsSent {0};
    std::atomic<quint64> m_emailsFailed {0};
    CounterFamily m_rateLimitRejections;
    CounterFamily m_jobsRun;
    mutable QMutex m_collectorsMutex; // held while collectors run
    std::map<int, Collector> m_collectors;
    int m_nextCollector = 1;
};

// The one registry of this process (Prometheus metrics are per process by nature).
[[nodiscard]] Registry &registry();

// Removes its collector when destroyed.
class CollectorHandle final
{
public:
    CollectorHandle() = default;
    explicit CollectorHandle(Registry::Collector collector)
        : m_id(registry().addCollector(std::move(collector)))
    { }
    ~CollectorHandle() { reset(); }
    CollectorHandle(CollectorHandle &&other) noexcept
        : m_id(std::exchange(other.m_id, 0))
    { }
    CollectorHandle &operator=(CollectorHandle &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_id = std::exchange(other.m_id, 0);
        }
        return *this;
    }
    [[nodiscard]] bool isSet() const { return m_id != 0; }
    void reset()
    {
        if (m_id != 0) {
            registry().removeCollector(std::exchange(m_id, 0));
        }
    }

private:
    int m_id = 0;
};

} // namespace Shop::Metrics
