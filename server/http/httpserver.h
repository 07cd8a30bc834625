#pragma once

#include "config/serverconfig.h"
#include "error.h"
#include "exchange.h"
#include "principal.h"
#include "requestframer.h"
#include "requestlimits.h"
#include "router.h"
#include "workerpool.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Shop::Metrics {
class RouteMetrics;
}

namespace Shop::Http {

class Connection;

// The HTTP server of shop-server, on QHttpServer 6.4's parser (QAbstractHttpServer) with our own
// routing, execution, limits and response writing:
// - routes come from a Router that is complete before start() and never changes afterwards;
// - EventLoop handlers and FastPaths run on this object's thread; WorkerPool handlers on a
//   bounded pool (503 + Retry-After when more than maxQueuedRequests wait);
// - answers are written as raw HTTP/1.1 on the socket in request order, with X-Request-Id,
//   security headers, CORS for the allowed origins, and problem+json for every error;
// - limits from HttpConfig: head size (431), body size (413 before the body is read; chunked
//   bodies are counted and refused at the limit; a route may declare a limit of its own,
//   Route::maxBodyBytes, applied from the request head), head timeout (408), slow bodies (408 when
//   less than 1 KiB arrives in a headerTimeoutMs window), idle keep-alive timeout, open connections
//   (503 and close beyond maxConnections);
// - request rate limits per route class (config.rateLimit, RequestLimits): 429 with Retry-After
//   before the handler or fast path runs, RateLimit-* headers on every answer of a limited route.
// The object and its sockets live in one thread (the one it was created in); the statistics
// getters are thread-safe.
class HttpServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    HttpServer(const Router &router, const Server::HttpConfig &config, int workerThreads,
               QObject *parent = nullptr);
    ~HttpServer() override;

    Q_DISABLE_COPY_MOVE(HttpServer)

    // Listens on `address`:`port` (0: any free port) and returns the bound port, or an
    // Unavailable error saying why not (for example: the address is already in use).
    [[nodiscard]] Result<quint16> start(const QHostAddress &address, quint16 port);
    // Graceful stop: no new connections; idle connections close now, busy ones after their
    // answers. Poll isIdle() (or wait for drained()) before destroying the server.
    void shutdown();

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] int openConnections() const { return m_open.load(); } // incl. refused ones
    [[nodiscard]] int queuedRequests() const { return m_pool.queued(); }
    [[nodiscard]] int runningRequests() const { return m_pool.running(); }
    [[nodiscard]] int workerThreads() const { return m_pool.threadCount(); }
    [[nodiscard]] bool isIdle() const
    {
        return m_open.load() == 0 && m_pool.running() == 0 && m_pool.queued() == 0
            && m_async.load() == 0;
    }
    // Requests of asynchronous routes between their start and their answer.
    [[nodiscard]] int pendingAsync() const { return m_async.load(); }
    // Who checks credentials (routes with a permission). Set before start(); without one, such
    // routes answer 401.
    void setAuthenticator(std::shared_ptr<const RequestAuthenticator> authenticator);
    [[nodiscard]] const Server::HttpConfig &config() const { return m_config; }
    // Who checks credentials (null: nobody); event streams check theirs again with it.
    [[nodiscard]] const RequestAuthenticator *authenticator() const
    {
        return m_authenticator.get();
    }
    // The per-request limits, built from config.rateLimit. Adjust (account key, limiter, classes)
    // before start(), in this object's thread; afterwards only that thread uses them.
    [[nodiscard]] RequestLimits &requestLimits() { return m_limits; }

    // Internal to server/http (used by Connection).
    [[nodiscard]] qint64 nowMs() const { return m_clock.elapsed(); }
    [[nodiscard]] bool isShuttingDown() const { return m_shuttingDown; }
    [[nodiscard]] RequestFramer::Limits framerLimits() const;
    // Each request's body limit: the matched route's Route::maxBodyBytes (0, the default, when no
    // route matches or the route declares none).
    [[nodiscard]] RequestFramer::BodyLimit framerBodyLimit() const;
    [[nodiscard]] QByteArray httpDate();
    void answerFramingError(Connection &connection, quint64 sequence,
                            const RequestFramer::Head &head, int status, const QString &detail);
    void logAccess(const Exchange &exchange, int status, qint64 bytes, const char *note);
    void registerConnection(Connection *connection);
    void unregisterConnection(Connection *connection);

Q_SIGNALS:
    // All connections are closed after shutdown().
    void drained();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    friend class TcpListener;
    void acceptSocket(QTcpSocket *socket, class TcpListener &listener);
    void dispatch(Connection &connection, Exchange exchange, Request request);
    void answerOptions(Exchange exchange, const Request &request, const RouteMatch &match);
    void respond(Exchange exchange, Reply reply);
    // Authentication and permission of a matched route; false when it answered already.
    bool authorize(const Exchange &exchange, Request &request, const Route &route);
    void startAsync(const Route &route, Exchange exchange, Request request);
    friend class Responder;
    void deliver(Exchange exchange, Response response, bool close = false);
    [[nodiscard]] Exchange exchangeFor(const Connection &connection, quint64 sequence,
                                       const RequestFramer::Head &head) const;
    [[nodiscard]] Response problem(const Exchange &exchange, const Error &error) const;
    void finish(Response &response, const Exchange &exchange) const;
    [[nodiscard]] bool isAllowedOrigin(const QByteArray &origin) const;
    void sweep();

    const Router &m_router;
    const Server::HttpConfig m_config;
    WorkerPool m_pool;
    RequestLimits m_limits;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
    QSet<QByteArray> m_corsOrigins;
    QPointer<QTcpServer> m_listener;
    quint16 m_port = 0;
    bool m_shuttingDown = false;
    bool m_destroying = false;

    // Per route (and per method for requests no route matched), looked up once at construction:
    // the answer's counter and latency histogram (server/metrics).
    QHash<const Route *, Metrics::RouteMetrics *> m_routeMetrics;
    QHash<QByteArray, Metrics::RouteMetrics *> m_unmatchedMetrics;
    Metrics::RouteMetrics *m_otherMethodMetrics = nullptr;

    QHash<quint64, Connection *> m_connections;
    QHash<QTcpSocket *, Connection *> m_bySocket;
    quint64 m_nextConnectionId = 1;
    int m_served = 0; // connections handed to QHttpServer, for the cap
    int m_rejecting = 0; // connections being refused (503) beyond the cap
    std::atomic<int> m_open {0};
    std::atomic<int> m_async {0};
    std::shared_ptr<const RequestAuthenticator> m_authenticator;
    // Lets Responders reach this server from any thread while it exists.
    struct AsyncGate
    {
        QMutex mutex;
        HttpServer *server = nullptr;
    };
    std::shared_ptr<AsyncGate> m_gate;

    qint64 m_dateSecond = -1;
    QByteArray m_date;
};

} // namespace Shop::Http
