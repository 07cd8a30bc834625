#include "metrics.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Shop::Metrics {

Histogram::Histogram(const std::vector<double> &upperBoundsSeconds)
    : m_bounds(upperBoundsSeconds)
    , m_buckets(new std::atomic<quint64>[upperBoundsSeconds.size() + 1])
{
    std::sort(m_bounds.begin(), m_bounds.end());
    m_boundsNs.reserve(m_bounds.size());
    for (const double bound : m_bounds) {
        m_boundsNs.push_back(qint64(std::llround(bound * 1e9)));
    }
    for (std::size_t i = 0; i <= m_bounds.size(); ++i) {
        m_buckets[i].store(0, std::memory_order_relaxed);
    }
}

void Histogram::observe(std::chrono::nanoseconds duration)
{
    const qint64 ns = std::max<qint64>(0, duration.count());
    std::size_t i = 0;
    while (i < m_boundsNs.size() && ns > m_boundsNs[i]) {
        ++i;
    }
    m_buckets[i].fetch_add(1, std::memory_order_relaxed);
    m_sumNs.fetch_add(quint64(ns), std::memory_order_relaxed);
}

void Histogram::observeSeconds(double seconds)
{
    if (!std::isfinite(seconds)) {
        return;
    }
    observe(std::chrono::nanoseconds(qint64(std::max(0.0, seconds) * 1e9)));
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot s;
    s.upperBounds = m_bounds;
    s.cumulative.reserve(m_bounds.size() + 1);
    quint64 running = 0;
    for (std::size_t i = 0; i <= m_bounds.size(); ++i) {
        running += m_buckets[i].load(std::memory_order_relaxed);
        s.cumulative.push_back(running);
    }
    s.count = running;
    s.sumSeconds = double(m_sumNs.load(std::memory_order_relaxed)) / 1e9;
    return s;
}

RouteMetrics::RouteMetrics(QString route, QByteArray method)
    : m_route(std::move(route))
    , m_method(std::move(method))
{ }

QByteArray Exposition::escapeLabelValue(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray Exposition::escapeHelp(const QByteArray &help)
{
    QByteArray out;
    out.reserve(help.size());
    for (const char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray Exposition::formatValue(double value)
{
    if (std::isnan(value)) {
        return QByteArrayLiteral("NaN");
    }
    if (std::isinf(value)) {
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    }
    if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return QByteArray::number(qint64(value));
    }
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

namespace {

QByteArray labelText(const Labels &labels, const QByteArray &extraName = {},
                     const QByteArray &extraValue = {})
{
    if (labels.empty() && extraName.isEmpty()) {
        return {};
    }
    QByteArray out = "{";
    bool first = true;
    for (const auto &[name, value] : labels) {
        if (!first) {
            out += ',';
        }
        first = false;
        out += name;
        out += "=\"";
        out += Exposition::escapeLabelValue(value);
        out += '"';
    }
    if (!extraName.isEmpty()) {
        if (!first) {
            out += ',';
        }
        out += extraName;
        out += "=\"";
        out += extraValue;
        out += '"';
    }
    out += '}';
    return out;
}

} // namespace

Exposition::Family &Exposition::family(const QByteArray &name, const QByteArray &help, Type type)
{
    auto [it, inserted] = m_families.try_emplace(name);
    if (inserted) {
        it->second.help = help;
        it->second.type = type;
    }
    return it->second;
}

void Exposition::add(const QByteArray &name, const QByteArray &help, Type type,
                     const Labels &labels, double value)
{
    Family &f = family(name, help, type);
    f.samples += name + labelText(labels) + ' ' + formatValue(value) + '\n';
}

void Exposition::addHistogram(const QByteArray &name, const QByteArray &help, const Labels &labels,
                              const Histogram::Snapshot &snapshot)
{
    Family &f = family(name, help, Type::Histogram);
    for (std::size_t i = 0; i < snapshot.cumulative.size(); ++i) {
        const QByteArray le = i < snapshot.upperBounds.size() ? formatValue(snapshot.upperBounds[i])
                                                              : QByteArrayLiteral("+Inf");
        f.samples += name + "_bucket" + labelText(labels, "le", le) + ' '
            + QByteArray::number(snapshot.cumulative[i]) + '\n';
    }
    f.samples += name + "_sum" + labelText(labels) + ' ' + formatValue(snapshot.sumSeconds) + '\n';
    f.samples +=
        name + "_count" + labelText(labels) + ' ' + QByteArray::number(snapshot.count) + '\n';
}

QByteArray Exposition::text() const
{
    QByteArray out;
    for (const auto &[name, f] : m_families) {
        out += "# HELP " + name + ' ' + escapeHelp(f.help) + '\n';
        out += "# TYPE " + name + ' ';
        out += f.type == Type::Counter ? "counter" : f.type == Type::Gauge ? "gauge" : "histogram";
        out += '\n';
        out += f.samples;
    }
    return out;
}

CounterFamily::CounterFamily(QByteArray name, QByteArray help, QList<QByteArray> labelNames)
    : m_name(std::move(name))
    , m_help(std::move(help))
    , m_labelNames(std::move(labelNames))
{ }

std::atomic<quint64> &CounterFamily::counter(const QStringList &labelValues)
{
    QMutexLocker lock(&m_mutex);
    auto &slot = m_counters[labelValues];
    if (!slot) {
        slot = std::make_unique<std::atomic<quint64>>(0);
    }
    return *slot;
}

void CounterFamily::collect(Exposition &out) const
{
    QMutexLocker lock(&m_mutex);
    if (m_counters.empty() && m_labelNames.isEmpty()) {
        out.add(m_name, m_help, Exposition::Type::Counter, {}, 0);
        return;
    }
    for (const auto &[values, counter] : m_counters) {
        Labels labels;
        for (qsizetype i = 0; i < m_labelNames.size(); ++i) {
            labels.emplace_back(m_labelNames.at(i), i < values.size() ? values.at(i) : QString());
        }
        out.add(m_name, m_help, Exposition::Type::Counter, labels,
                double(counter->load(std::memory_order_relaxed)));
    }
}

Registry::Registry()
    : m_webhookLag({0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300})
    , m_rateLimitRejections("shop_rate_limit_rejections_total",
                            "Requests refused by a rate limit, by limiter scope.", {"scope"})
    , m_jobsRun("shop_jobs_processed_total",
                "Jobs this process ran, by kind and outcome (done, retry, dead).",
                {"kind", "outcome"})
{ }

Registry::~Registry() = default;

RouteMetrics &Registry::route(const QString &pattern, const QByteArray &method)
{
    QMutexLocker lock(&m_routesMutex);
    auto &slot = m_routes[{pattern, method}];
    if (!slot) {
        slot = std::make_unique<RouteMetrics>(pattern, method);
    }
    return *slot;
}

int Registry::addCollector(Collector collector)
{
    QMutexLocker lock(&m_collectorsMutex);
    const int id = m_nextCollector++;
    m_collectors.emplace(id, std::move(collector));
    return id;
}

void Registry::removeCollector(int id)
{
    QMutexLocker lock(&m_collectorsMutex);
    m_collectors.erase(id);
}

QByteArray Registry::render() const
{
    Exposition out;
    using Type = Exposition::Type;
    {
        static const QByteArray requests = "shop_http_requests_total";
        static const QByteArray requestsHelp =
            "HTTP answers by route pattern, method and status (route \"unmatched\": no route).";
        static const QByteArray duration = "shop_http_request_duration_seconds";
        static const QByteArray durationHelp =
            "Time from the first byte of a request to its answer being written (1 ms "
            "resolution).";
        QMutexLocker lock(&m_routesMutex);
        for (const auto &[key, route] : m_routes) {
            const Labels base {{"route", route->route()},
                               {"method", QString::fromLatin1(route->method())}};
            bool any = false;
            for (int status = 100; status <= 599; ++status) {
                if (const quint64 n = route->count(status)) {
                    Labels labels = base;
                    labels.emplace_back("status", QString::number(status));
                    out.add(requests, requestsHelp, Type::Counter, labels, double(n));
                    any = true;
                }
            }
            if (any) {
                out.addHistogram(duration, durationHelp, base, route->duration().snapshot());
            }
        }
        if (m_routes.empty()) {
            // The families exist (HELP/TYPE) even before the first request.
            out.addHistogram(
                duration, durationHelp,
                {{"route", QStringLiteral("unmatched")}, {"method", QStringLiteral("GET")}},
                Histogram().snapshot());
        }
    }
    out.addHistogram("shop_db_query_duration_seconds",
                     "Time of SQL statements sent by this process (prepare and execute).", {},
                     m_dbQueryDuration.snapshot());
    const QByteArray poolHelp = "Database connections of this process: open, and busy running a "
                                "statement (one connection per worker or job thread).";
    out.add("shop_db_pool_connections", poolHelp, Type::Gauge, {{"state", QStringLiteral("open")}},
            double(m_dbOpen.load(std::memory_order_relaxed)));
    out.add("shop_db_pool_connections", poolHelp, Type::Gauge, {{"state", QStringLiteral("busy")}},
            double(m_dbBusy.load(std::memory_order_relaxed)));
    out.addHistogram("shop_webhook_lag_seconds",
                     "Time from a payment provider event's creation to its processing here.", {},
                     m_webhookLag.snapshot());
    out.add("shop_emails_sent_total", "Emails handed to the mail provider.", Type::Counter, {},
            double(m_emailsSent.load(std::memory_order_relaxed)));
    out.add("shop_emails_failed_total",
            "Email sends that failed (each failed attempt; retried ones included).", Type::Counter,
            {}, double(m_emailsFailed.load(std::memory_order_relaxed)));
    m_rateLimitRejections.collect(out);
    m_jobsRun.collect(out);
    {
        QMutexLocker lock(&m_collectorsMutex);
        for (const auto &[id, collector] : m_collectors) {
            collector(out);
        }
    }
    return out.text();
}

Registry &registry()
{
    // Never destroyed: threads and thread_local connections may still count while the process
    // exits.
    static Registry *instance = new Registry;
    return *instance;
}

} // namespace Shop::Metrics
