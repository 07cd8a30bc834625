#pragma once

#include "error.h"

#include <QHostAddress>
#include <QThread>

#include <memory>

namespace Shop::Metrics {

// GET /metrics (Prometheus text format 0.0.4) on a listener of its own, in a thread of its own:
// a scrape (and any SQL a collector runs) never waits for, or holds up, the API's event loop.
// One request per connection (answered with Connection: close); heads over 8 KiB or slower than
// 10 s are dropped. Anything but GET/HEAD /metrics is 404 or 405.
class MetricsServer final
{
public:
    MetricsServer();
    ~MetricsServer(); // stops listening and ends the thread

    Q_DISABLE_COPY_MOVE(MetricsServer)

    // "host:port" (port 0: any free port). Returns the bound port.
    [[nodiscard]] Result<quint16> start(const QString &listen);
    [[nodiscard]] Result<quint16> start(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_context; // lives in m_thread: runs the listener's set-up
    class Listener;
    Listener *m_listener = nullptr; // lives in m_thread
    quint16 m_port = 0;
};

} // namespace Shop::Metrics
