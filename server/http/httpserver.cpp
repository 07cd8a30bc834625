#include "httpserver.h"
#include "requestcontext.h"

#include "connection.h"
#include "logging.h"
#include "problem.h"

#include "metrics/metrics.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QLocale>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

#include <exception>
#include <unistd.h>

namespace Shop::Http {

// Creates each socket itself so that the connection guard connects to readyRead before
// QHttpServer does (slots run in connection order), then hands the socket over.
class TcpListener final : public QTcpServer
{
public:
    explicit TcpListener(HttpServer &server)
        : m_server(server)
    { }

    void handOver(QTcpSocket *socket) { addPendingConnection(socket); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            qCWarning(lcHttpServer, "Cannot take an accepted socket: %ls",
                      qUtf16Printable(socket->errorString()));
            delete socket;
            ::close(int(descriptor));
            return;
        }
        // Answers go out in one write each; do not let Nagle hold back the next one.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_server.acceptSocket(socket, *this);
    }

private:
    HttpServer &m_server;
};

namespace {

constexpr int kListenBacklog = 1024;
const QByteArray kJsonCsp = QByteArrayLiteral("default-src 'none'; frame-ancestors 'none'");
const QByteArray kSvgCsp =
    QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; sandbox");
const QByteArray kCorsAllowHeaders = QByteArrayLiteral(
    "Accept, Accept-Language, Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id");
const QByteArray kCorsExposeHeaders = QByteArrayLiteral(
    "X-Request-Id, ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
    "RateLimit-Reset");

struct Target
{
    QString path;
    QByteArray query;
    QString error; // not empty: the target is unusable
};

// "/a%20b?x=1" -> path "/a b", query "x=1". Also accepts the absolute form
// ("http://host/a?x=1") and the asterisk form ("*", OPTIONS only).
Target decodeTarget(const QByteArray &raw)
{
    Target target;
    QByteArray text = raw;
    if (const qsizetype hash = text.indexOf('#'); hash >= 0) {
        text.truncate(hash);
    }
    if (text.startsWith("http://") || text.startsWith("https://")) {
        const qsizetype slash = text.indexOf('/', text.indexOf("//") + 2);
        text = slash < 0 ? QByteArrayLiteral("/") : text.mid(slash);
    }
    if (text == "*") {
        target.path = QStringLiteral("*");
        return target;
    }
    const qsizetype question = text.indexOf('?');
    const QByteArray rawPath = question < 0 ? text : text.left(question);
    target.query = question < 0 ? QByteArray() : text.mid(question + 1);
    if (!rawPath.startsWith('/')) {
        target.path = QString::fromLatin1(rawPath.left(200));
        target.error = QStringLiteral("The request target must be an absolute path.");
        return target;
    }
    const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath);
    if (!decoded.isValidUtf8()) {
        target.path = QString::fromLatin1(rawPath.left(200));
        target.error = QStringLiteral("The path is not valid UTF-8 once percent-decoded.");
        return target;
    }
    target.path = QString::fromUtf8(decoded);
    for (const char c : decoded) {
        if (uchar(c) < 0x20 || uchar(c) == 0x7f) {
            target.error = QStringLiteral("The path contains a control character.");
            return target;
        }
    }
    for (const QByteArray &segment : decoded.split('/')) {
        if (segment == "." || segment == "..") {
            target.error = QStringLiteral("The path must not contain '.' or '..' segments.");
            return target;
        }
    }
    return target;
}

bool isValidRequestId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 128) {
        return false;
    }
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

QString newRequestId()
{
    QRandomGenerator *random = QRandomGenerator::global();
    return QString::number(random->generate64(), 16).rightJustified(16, u'0')
        + QString::number(random->generate64(), 16).rightJustified(16, u'0');
}

Reply invokeHandler(const Route &route, const Request &request)
{
    // Log lines and jobs of this request carry its id (requestcontext.h).
    const RequestIdScope scope(request.requestId);
    try {
        return route.handler(request);
    } catch (const std::exception &e) {
        qCCritical(lcHttpServer, "The handler of %s %ls threw (request %ls): %s",
                   route.method.constData(), qUtf16Printable(route.pattern),
                   qUtf16Printable(request.requestId), e.what());
    } catch (...) {
        qCCritical(lcHttpServer,
                   "The handler of %s %ls threw a non-standard exception (request "
                   "%ls).",
                   route.method.constData(), qUtf16Printable(route.pattern),
                   qUtf16Printable(request.requestId));
    }
    return fail(Error::internal(QStringLiteral("The handler threw an exception.")));
}

std::optional<Response> invokeFastPath(const Route &route, const Request &request)
{
    try {
        return route.fastPath(request);
    } catch (const std::exception &e) {
        qCCritical(lcHttpServer, "The fast path of %s %ls threw (request %ls): %s",
                   route.method.constData(), qUtf16Printable(route.pattern),
                   qUtf16Printable(request.requestId), e.what());
    } catch (...) {
        qCCritical(lcHttpServer, "The fast path of %s %ls threw (request %ls).",
                   route.method.constData(), qUtf16Printable(route.pattern),
                   qUtf16Printable(request.requestId));
    }
    return std::nullopt; // the worker pool handler still answers
}

void setIfAbsent(Response &response, const QByteArray &name, const QByteArray &value)
{
    if (response.header(name).isNull()) {
        response.setHeader(name, value);
    }
}

} // namespace

HttpServer::HttpServer(const Router &router, const Server::HttpConfig &config, int workerThreads,
                       QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_config(config)
    , m_pool(workerThreads, config.maxQueuedRequests)
    , m_limits(config.rateLimit)
{
    m_clock.start();
    for (const QString &origin : config.corsOrigins) {
        QString normalized = origin.trimmed().toLower();
        while (normalized.endsWith(u'/')) {
            normalized.chop(1);
        }
        m_corsOrigins.insert(normalized.toUtf8());
    }
    const int shortest = std::min(config.headerTimeoutMs, config.idleTimeoutMs);
    m_sweepTimer.setInterval(std::clamp(shortest / 5, 10, 250));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    m_sweepTimer.start();
    m_gate = std::make_shared<AsyncGate>();
    m_gate->server = this;
    Metrics::Registry &metrics = Metrics::registry();
    for (const char *method : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
        m_unmatchedMetrics.insert(QByteArray(method),
                                  &metrics.route(QStringLiteral("unmatched"), QByteArray(method)));
    }
    m_otherMethodMetrics = &metrics.route(QStringLiteral("unmatched"), QByteArrayLiteral("other"));
}

void HttpServer::setAuthenticator(std::shared_ptr<const RequestAuthenticator> authenticator)
{
    m_authenticator = std::move(authenticator);
    // Credentials are checked before the limits: a signed-in caller counts against its account.
    m_limits.setAccountKey(
        [](const Request &request) { return request.principal.userId.toUtf8(); });
}

HttpServer::~HttpServer()
{
    {
        QMutexLocker lock(&m_gate->mutex);
        m_gate->server = nullptr; // Responders answering from now on find no server
    }
    m_destroying = true;
    m_sweepTimer.stop();
    if (m_listener) {
        m_listener->close();
    }
    m_pool.waitForDone();
    // Sockets (with their Connection) go first: they call back into this object's members.
    const QList<Connection *> connections = m_connections.values();
    for (Connection *connection : connections) {
        delete connection->socket();
    }
}

Result<quint16> HttpServer::start(const QHostAddress &address, quint16 port)
{
    auto *listener = new TcpListener(*this);
    listener->setListenBacklogSize(kListenBacklog);
    if (!listener->listen(address, port)) {
        const QString why = listener->errorString();
        delete listener;
        return fail(Error::unavailable(QStringLiteral("Cannot listen on %1 port %2: %3")
                                           .arg(address.toString())
                                           .arg(port)
                                           .arg(why)));
    }
    if (m_routeMetrics.isEmpty()) {
        for (const Route &route : m_router.routes()) {
            m_routeMetrics.insert(&route, &Metrics::registry().route(route.pattern, route.method));
        }
    }
    if (m_limits.isEnabled()) {
        QStringList classes;
        for (const Route &route : m_router.routes()) {
            classes.append(route.rateClass);
        }
        for (const QString &rateClass : m_limits.unknownClasses(classes)) {
            qCCritical(lcHttpLimits,
                       "The rate class \"%ls\" has no limit of its own; its routes get the "
                       "anon-write limit.",
                       qUtf16Printable(rateClass));
        }
    }
    bind(listener);
    m_listener = listener;
    m_port = listener->serverPort();
    qCInfo(lcHttpServer, "Listening on %ls port %u with %d worker threads.",
           qUtf16Printable(address.toString()), unsigned(m_port), m_pool.threadCount());
    return m_port;
}

void HttpServer::shutdown()
{
    if (m_shuttingDown) {
        return;
    }
    m_shuttingDown = true;
    if (m_listener) {
        m_listener->close();
    }
    qCInfo(lcHttpServer, "Shutting down: %d open connections.", int(m_connections.size()));
    const QList<Connection *> connections = m_connections.values();
    for (Connection *connection : connections) {
        connection->shutdown();
    }
    if (m_connections.isEmpty()) {
        Q_EMIT drained();
    }
}

RequestFramer::Limits HttpServer::framerLimits() const
{
    return RequestFramer::Limits {m_config.maxBodyBytes, m_config.maxHeaderBytes};
}

RequestFramer::BodyLimit HttpServer::framerBodyLimit() const
{
    return [router = &m_router](const RequestFramer::Head &head) -> qint64 {
        const Target target = decodeTarget(head.target);
        return target.error.isEmpty() ? router->bodyLimit(head.method, target.path) : 0;
    };
}

QByteArray HttpServer::httpDate()
{
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_date = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(second, Qt::UTC),
                               u"ddd, dd MMM yyyy hh:mm:ss 'GMT'")
                     .toLatin1();
    }
    return m_date;
}

void HttpServer::registerConnection(Connection *connection)
{
    m_connections.insert(connection->id(), connection);
    m_bySocket.insert(connection->socket(), connection);
    m_open.fetch_add(1);
}

void HttpServer::unregisterConnection(Connection *connection)
{
    m_connections.remove(connection->id());
    m_bySocket.remove(connection->socket());
    if (connection->isRejecting()) {
        --m_rejecting;
    } else {
        --m_served;
    }
    m_open.fetch_sub(1);
    if (m_shuttingDown && !m_destroying && m_connections.isEmpty()) {
        Q_EMIT drained();
    }
}

void HttpServer::acceptSocket(QTcpSocket *socket, TcpListener &listener)
{
    auto *connection = new Connection(*this, socket, m_nextConnectionId++, nowMs());
    if (m_served < m_config.maxConnections && !m_shuttingDown) {
        ++m_served;
        connection->attachBeforeParser();
        listener.handOver(socket); // QHttpServer connects its slots now, synchronously
        connection->attachAfterParser();
        return;
    }
    ++m_rejecting;
    connection->markRejecting();
    if (m_rejecting > m_config.maxConnections) {
        // Even the refusals pile up: close without an answer.
        connection->abort();
        return;
    }
    qCWarning(lcHttpLimits, "Refusing a connection from %s: %d connections are open.",
              qPrintable(connection->peerAddress().toString()), m_served);
    Exchange exchange;
    exchange.connectionId = connection->id();
    exchange.method = QByteArrayLiteral("-");
    exchange.path = QStringLiteral("/");
    exchange.requestId = newRequestId();
    exchange.remoteAddress = connection->peerAddress();
    exchange.startedAtMs = nowMs();
    exchange.keepAlive = false;
    Response response =
        problem(exchange,
                Error::unavailable(QStringLiteral("The server has too many open connections; "
                                                  "try again shortly.")));
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    finish(response, exchange);
    connection->reject(Outgoing {std::move(exchange), std::move(response), true});
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Connection *connection = m_bySocket.value(socket);
    if (!connection) {
        socket->abort();
        return true;
    }
    std::optional<Connection::Frame> frame = connection->takeFrame(request.body().size());
    if (!frame) {
        return true;
    }
    Exchange exchange = exchangeFor(*connection, frame->sequence, frame->head);
    const Target target = decodeTarget(frame->head.target);
    if (!target.error.isEmpty()) {
        Response response = problem(exchange, Error::badRequest(target.error));
        deliver(std::move(exchange), std::move(response));
        return true;
    }
    Request copy;
    copy.method = std::move(frame->head.method);
    copy.path = target.path;
    copy.rawQuery = target.query;
    copy.headers = std::move(frame->head.headers);
    copy.body = std::move(frame->body); // the framer's reading, checked against QHttpServer's
    copy.remoteAddress = connection->peerAddress();
    copy.remotePort = connection->peerPort();
    copy.requestId = exchange.requestId;
    dispatch(*connection, std::move(exchange), std::move(copy));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest() always answers.
}

void HttpServer::dispatch(Connection &connection, Exchange exchange, Request request)
{
    const RouteMatch match = m_router.match(request.method, request.path);
    if (!match.route) {
        if (request.method == "OPTIONS") {
            answerOptions(exchange, request, match);
            return;
        }
        if (match.allowedMethods.isEmpty()) {
            Response response = problem(
                exchange,
                Error::notFound(QStringLiteral("There is nothing at %1.").arg(exchange.path)));
            deliver(std::move(exchange), std::move(response));
            return;
        }
        const QByteArray allow = match.allowedMethods.join(", ");
        Response response = problem(exchange,
                                    Error {ErrorCode::MethodNotAllowed,
                                           QStringLiteral("%1 is not allowed on %2; allowed: %3.")
                                               .arg(QString::fromLatin1(request.method),
                                                    exchange.path, QString::fromLatin1(allow)),
                                           {}});
        response.setHeader(QByteArrayLiteral("Allow"), allow);
        deliver(std::move(exchange), std::move(response));
        return;
    }

    request.pathParams = match.params;
    const Route &route = *match.route;
    if (Metrics::RouteMetrics *metrics = m_routeMetrics.value(&route)) {
        exchange.metrics = metrics;
    }
    if (!authorize(exchange, request, route)) {
        return;
    }
    if (!route.rateClass.isEmpty()) {
        exchange.rate = m_limits.check(route.rateClass, request);
        if (exchange.rate && !exchange.rate->allowed) {
            qCDebug(lcHttpLimits, "Rate limited: %s %ls (class %ls), retry after %lld s.",
                    exchange.method.constData(), qUtf16Printable(exchange.path),
                    qUtf16Printable(route.rateClass),
                    static_cast<long long>(exchange.rate->retryAfter.count()));
            Response response =
                tooManyRequestsResponse(*exchange.rate, exchange.path, exchange.requestId);
            deliver(std::move(exchange), std::move(response));
            return;
        }
    }
    if (route.asyncHandler) {
        startAsync(route, std::move(exchange), std::move(request));
        return;
    }
    if (route.execution == Execution::EventLoop) {
        Reply reply = invokeHandler(route, request);
        respond(std::move(exchange), std::move(reply));
        return;
    }
    if (route.fastPath) {
        if (std::optional<Response> fast = invokeFastPath(route, request)) {
            respond(std::move(exchange), std::move(*fast));
            return;
        }
    }

    const Route *routePointer = &route;
    const bool queued =
        m_pool.trySubmit(this,
                         [this, routePointer, exchange, cancelled = connection.cancelToken(),
                          request = std::move(request)]() -> std::function<void()> {
                             if (cancelled->load()) {
                                 return [this, exchange] {
                                     logAccess(exchange, 0, 0, "skipped: client gone");
                                 };
                             }
                             auto reply =
                                 std::make_shared<Reply>(invokeHandler(*routePointer, request));
                             return [this, exchange, reply] {
                                 respond(exchange, std::move(*reply));
                             };
                         });
    if (!queued) {
        qCWarning(lcHttpLimits, "Refusing %s %ls: %d requests are waiting for a worker.",
                  exchange.method.constData(), qUtf16Printable(exchange.path), m_pool.queued());
        Response response = problem(
            exchange, Error::unavailable(QStringLiteral("The server is busy; try again shortly.")));
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        deliver(std::move(exchange), std::move(response));
    }
}

bool HttpServer::authorize(const Exchange &exchange, Request &request, const Route &route)
{
    const bool needed = !route.permission.isEmpty();
    if (!m_authenticator) {
        if (!needed) {
            return true;
        }
        Response response = problem(
            exchange,
            Error {ErrorCode::Unauthorized, QStringLiteral("Sign in to use this."), {}, {}});
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
        deliver(exchange, std::move(response));
        return false;
    }
    if (!needed && !m_authenticator->hasCredentials(request)) {
        return true; // anonymous, and allowed to be
    }
    Result<Principal> principal = m_authenticator->authenticate(request);
    if (!principal) {
        // A public route with bad credentials still answers 401: a client that sends a token
        // must learn it is no longer good rather than silently getting the anonymous answer.
        qCInfo(lcHttpServer, "Refusing credentials for %s %ls (request %ls): %ls",
               exchange.method.constData(), qUtf16Printable(exchange.path),
               qUtf16Printable(exchange.requestId), qUtf16Printable(principal.error().logDetail));
        Response response = problem(exchange, principal.error());
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                           QByteArrayLiteral("Bearer error=\"invalid_token\""));
        deliver(exchange, std::move(response));
        return false;
    }
    if (needed && route.permission != u"authenticated" && !principal->has(route.permission)) {
        Response response = problem(
            exchange,
            Error {ErrorCode::Forbidden, QStringLiteral("This account may not do that."), {}, {}});
        deliver(exchange, std::move(response));
        return false;
    }
    request.principal = std::move(*principal);
    return true;
}

struct Responder::State
{
    std::shared_ptr<HttpServer::AsyncGate> gate;
    Exchange exchange;
    std::atomic<bool> answered {false};

    ~State()
    {
        if (!answered.load()) {
            qCCritical(lcHttpServer,
                       "The asynchronous handler of %s %ls never answered (request "
                       "%ls).",
                       exchange.method.constData(), qUtf16Printable(exchange.path),
                       qUtf16Printable(exchange.requestId));
            answer(fail(Error::internal(QStringLiteral("The request was not answered."))));
        }
    }

    void answer(Reply reply)
    {
        answered.store(true);
        QMutexLocker lock(&gate->mutex);
        HttpServer *server = gate->server;
        if (!server) {
            return; // the server is gone, and its clients with it
        }
        QMetaObject::invokeMethod(
            server,
            [server, exchange = exchange, reply = std::make_shared<Reply>(std::move(reply))] {
                server->m_async.fetch_sub(1);
                server->respond(exchange, std::move(*reply));
            },
            Qt::QueuedConnection);
    }
};

Responder::Responder(std::shared_ptr<State> state)
    : m_state(std::move(state))
{ }

void Responder::respond(Reply reply) const
{
    if (m_state->answered.exchange(true)) {
        return;
    }
    m_state->answer(std::move(reply));
}

void Responder::continueOnWorker(std::function<Reply()> work) const
{
    std::shared_ptr<State> state = m_state;
    bool queued = false;
    {
        QMutexLocker lock(&state->gate->mutex);
        HttpServer *server = state->gate->server;
        if (!server) {
            state->answered.store(true);
            return;
        }
        queued = server->m_pool.trySubmit(
            server, [state, work = std::move(work)]() -> std::function<void()> {
                Reply reply = fail(Error::internal(QStringLiteral("The handler failed.")));
                try {
                    reply = work();
                } catch (const std::exception &e) {
                    qCCritical(lcHttpServer, "A continuation of %s %ls threw (request %ls): %s",
                               state->exchange.method.constData(),
                               qUtf16Printable(state->exchange.path),
                               qUtf16Printable(state->exchange.requestId), e.what());
                }
                Responder(state).respond(std::move(reply));
                return [] {
                };
            });
    }
    if (!queued) {
        respond(fail(Error::unavailable(QStringLiteral("The server is busy; try again shortly."))));
    }
}

void HttpServer::startAsync(const Route &route, Exchange exchange, Request request)
{
    auto state = std::make_shared<Responder::State>();
    state->gate = m_gate;
    state->exchange = exchange;
    m_async.fetch_add(1);
    const Route *routePointer = &route;
    const bool queued = m_pool.trySubmit(
        this, [routePointer, state, request = std::move(request)]() -> std::function<void()> {
            Responder responder(state);
            try {
                routePointer->asyncHandler(request, responder);
            } catch (const std::exception &e) {
                qCCritical(lcHttpServer, "The handler of %s %ls threw (request %ls): %s",
                           routePointer->method.constData(), qUtf16Printable(routePointer->pattern),
                           qUtf16Printable(request.requestId), e.what());
                responder.respond(fail(Error::internal(QStringLiteral("The handler failed."))));
            }
            return [] {
            };
        });
    if (!queued) {
        state->answered.store(true);
        m_async.fetch_sub(1);
        qCWarning(lcHttpLimits, "Refusing %s %ls: %d requests are waiting for a worker.",
                  exchange.method.constData(), qUtf16Printable(exchange.path), m_pool.queued());
        Response response = problem(
            exchange, Error::unavailable(QStringLiteral("The server is busy; try again shortly.")));
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        deliver(std::move(exchange), std::move(response));
    }
}

void HttpServer::answerOptions(Exchange exchange, const Request &request, const RouteMatch &match)
{
    if (match.allowedMethods.isEmpty()) {
        Response response =
            problem(exchange,
                    Error::notFound(QStringLiteral("There is nothing at %1.").arg(exchange.path)));
        deliver(std::move(exchange), std::move(response));
        return;
    }
    const QByteArray allow = match.allowedMethods.join(", ");
    Response response = Response::noContent();
    response.setHeader(QByteArrayLiteral("Allow"), allow);
    const bool preflight = !request.header("access-control-request-method").isEmpty();
    if (preflight && isAllowedOrigin(exchange.origin)) {
        response.setHeader(QByteArrayLiteral("Access-Control-Allow-Methods"), allow);
        response.setHeader(QByteArrayLiteral("Access-Control-Allow-Headers"), kCorsAllowHeaders);
        response.setHeader(QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600"));
    }
    deliver(std::move(exchange), std::move(response));
}

void HttpServer::respond(Exchange exchange, Reply reply)
{
    if (reply) {
        deliver(std::move(exchange), std::move(*reply));
        return;
    }
    const Error &error = reply.error();
    if (error.code == ErrorCode::Internal || error.code == ErrorCode::Unavailable) {
        qCWarning(lcHttpServer, "Server-side error answering %s %ls (request %ls): %ls %ls",
                  exchange.method.constData(), qUtf16Printable(exchange.path),
                  qUtf16Printable(exchange.requestId), qUtf16Printable(error.message),
                  qUtf16Printable(error.logDetail));
    }
    Response response = problem(exchange, error);
    deliver(std::move(exchange), std::move(response));
}

void HttpServer::deliver(Exchange exchange, Response response, bool close)
{
    finish(response, exchange);
    Connection *connection = m_connections.value(exchange.connectionId);
    if (!connection) {
        logAccess(exchange, response.status, 0, "client gone");
        return;
    }
    connection->deliver(Outgoing {std::move(exchange), std::move(response), close});
}

void HttpServer::answerFramingError(Connection &connection, quint64 sequence,
                                    const RequestFramer::Head &head, int status,
                                    const QString &detail)
{
    Exchange exchange = exchangeFor(connection, sequence, head);
    exchange.keepAlive = false;
    if (exchange.startedAtMs == 0) {
        exchange.startedAtMs = nowMs();
    }
    const QString instance = exchange.path.isEmpty() ? QStringLiteral("/") : exchange.path;
    // A body over the route's own limit: the route's own problem, when it has one.
    if (status == 413 && !exchange.path.isEmpty()) {
        const RouteMatch match = m_router.match(head.method, exchange.path);
        if (match.route && match.route->bodyTooLarge) {
            Response response =
                problemResponse(*match.route->bodyTooLarge, instance, exchange.requestId);
            deliver(std::move(exchange), std::move(response), true);
            return;
        }
    }
    Response response = statusProblem(status, detail, instance, exchange.requestId);
    deliver(std::move(exchange), std::move(response), true);
}

Exchange HttpServer::exchangeFor(const Connection &connection, quint64 sequence,
                                 const RequestFramer::Head &head) const
{
    Exchange exchange;
    exchange.connectionId = connection.id();
    exchange.sequence = sequence;
    exchange.method = head.method.isEmpty() ? QByteArrayLiteral("-") : head.method;
    exchange.path = decodeTarget(head.target).path;
    const QByteArray id = head.header("x-request-id");
    exchange.requestId = isValidRequestId(id) ? QString::fromLatin1(id) : newRequestId();
    exchange.origin = head.header("origin");
    exchange.remoteAddress = connection.peerAddress();
    exchange.startedAtMs = head.startedAtMs;
    exchange.head = head.method == "HEAD";
    exchange.keepAlive = head.keepAlive;
    exchange.minorVersion = head.minorVersion;
    exchange.metrics = m_unmatchedMetrics.value(exchange.method, m_otherMethodMetrics);
    return exchange;
}

Response HttpServer::problem(const Exchange &exchange, const Error &error) const
{
    return problemResponse(error, exchange.path, exchange.requestId);
}

void HttpServer::finish(Response &response, const Exchange &exchange) const
{
    response.setHeader(QByteArrayLiteral("X-Request-Id"), exchange.requestId.toLatin1());
    setIfAbsent(response, QByteArrayLiteral("X-Content-Type-Options"),
                QByteArrayLiteral("nosniff"));
    setIfAbsent(response, QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer"));
    const QByteArray type = response.contentType.toLower();
    if (type.startsWith("application/json") || type.contains("+json")) {
        setIfAbsent(response, QByteArrayLiteral("Content-Security-Policy"), kJsonCsp);
    } else if (type.startsWith("image/svg+xml")) {
        setIfAbsent(response, QByteArrayLiteral("Content-Security-Policy"), kSvgCsp);
    }
    setIfAbsent(response, QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (exchange.rate) {
        addRateLimitHeaders(response, *exchange.rate);
    }
    if (!m_corsOrigins.isEmpty()) {
        const QByteArray vary = response.header("vary");
        if (vary.isEmpty()) {
            response.setHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
        } else if (!vary.toLower().contains("origin")) {
            response.setHeader(QByteArrayLiteral("Vary"), vary + ", Origin");
        }
        if (isAllowedOrigin(exchange.origin)) {
            response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), exchange.origin);
            response.setHeader(QByteArrayLiteral("Access-Control-Expose-Headers"),
                               kCorsExposeHeaders);
        }
    }
}

bool HttpServer::isAllowedOrigin(const QByteArray &origin) const
{
    return !origin.isEmpty() && m_corsOrigins.contains(origin.toLower());
}

void HttpServer::logAccess(const Exchange &exchange, int status, qint64 bytes, const char *note)
{
    if (exchange.metrics && status > 0) {
        exchange.metrics->record(status, std::chrono::milliseconds(nowMs() - exchange.startedAtMs));
    }
    if (!lcHttpAccess().isInfoEnabled()) {
        return;
    }
    const RequestIdScope scope(exchange.requestId); // JSON logs: the line's request_id
    qCInfo(lcHttpAccess, "%s %s %d %lldms %lldB id=%s from %s%s%s%s", exchange.method.constData(),
           exchange.path.toUtf8().constData(), status, nowMs() - exchange.startedAtMs, bytes,
           exchange.requestId.toLatin1().constData(),
           exchange.remoteAddress.toString().toLatin1().constData(), note ? " (" : "",
           note ? note : "", note ? ")" : "");
}

void HttpServer::sweep()
{
    const qint64 now = nowMs();
    QList<QPointer<Connection>> connections;
    connections.reserve(m_connections.size());
    for (Connection *connection : std::as_const(m_connections)) {
        connections.append(connection);
    }
    for (const QPointer<Connection> &connection : std::as_const(connections)) {
        if (connection) {
            connection->sweep(now);
        }
    }
}

} // namespace Shop::Http
