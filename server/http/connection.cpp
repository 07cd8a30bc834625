#include "connection.h"

#include "eventstream.h"
#include "httpserver.h"
#include "logging.h"
#include "problem.h"

#include <sys/socket.h>

namespace Shop::Http {

namespace {

// After the last answer the write side is shut down and input is discarded for this long, so
// that a client still sending (an oversized body, say) reads the answer instead of a reset.
constexpr qint64 kLingerMs = 2000;
// A body must bring at least this many bytes per headerTimeoutMs window (or be complete).
constexpr qint64 kMinBodyBytesPerWindow = 1024;
// Backpressure: a connection stops being read while this many of its requests are being
// answered, or while this much of its output waits for the client to read it...
constexpr quint64 kMaxRequestsInFlight = 16;
constexpr qint64 kMaxPendingOutput = 1024 * 1024;
// ...and is read again once both are down to a quarter. Meanwhile at most this much input is
// buffered (then TCP flow control holds the client back).
constexpr qint64 kPausedReadBuffer = 64 * 1024;

bool isValidHeaderText(QByteArrayView text)
{
    for (const char c : text) {
        if (c == '\r' || c == '\n' || c == '\0') {
            return false;
        }
    }
    return true;
}

bool isOneOf(QByteArrayView name, std::initializer_list<QByteArrayView> names)
{
    for (const QByteArrayView candidate : names) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

Connection::Connection(HttpServer &server, QTcpSocket *socket, quint64 id, qint64 nowMs)
    : QObject(socket)
    , m_server(server)
    , m_socket(socket)
    , m_id(id)
    , m_peer(socket->peerAddress())
    , m_peerPort(socket->peerPort())
    , m_framer(server.framerLimits(), server.framerBodyLimit())
    , m_cancelled(std::make_shared<std::atomic_bool>(false))
    , m_lastActivityMs(nowMs)
    , m_lastWriteProgressMs(nowMs)
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    m_server.registerConnection(this);
}

Connection::~Connection()
{
    m_cancelled->store(true);
    detachStream();
    for (const auto &[sequence, outgoing] : m_ready) {
        m_server.logAccess(outgoing.exchange, outgoing.response.status, 0, "client gone");
    }
    m_server.unregisterConnection(this);
}

void Connection::attachBeforeParser()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
}

void Connection::attachAfterParser()
{
    m_parserAttached = true;
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onParserRan);
}

void Connection::reject(Outgoing outgoing)
{
    m_rejecting = true;
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::discardInput);
    connect(m_socket, &QTcpSocket::disconnected, m_socket, &QObject::deleteLater);
    outgoing.exchange.sequence = m_nextSequence++;
    deliver(std::move(outgoing));
}

void Connection::onReadyRead()
{
    m_parserMaySee = false;
    m_parserTook = false;
    if (m_phase != Phase::Open || !m_parserAttached) {
        discardInput();
        return;
    }
    // QHttpServer also re-emits readyRead for pipelined requests it has not parsed yet: then
    // there is nothing new to frame, but what it may read is decided again.
    const qint64 available = m_socket->bytesAvailable();
    if (available > m_framedUnread) {
        const qint64 now = m_server.nowMs();
        m_lastActivityMs = now;
        const QByteArray bytes = m_socket->peek(available);
        QList<RequestFramer::Event> events;
        if (!m_framingStopped) {
            m_framer.feed(QByteArrayView(bytes).sliced(m_framedUnread), now, events);
        }
        m_bytesSeen += available - m_framedUnread;
        m_framedUnread = available;
        handleEvents(events);
        if (m_phase != Phase::Open || !m_parserAttached) {
            return;
        }
    }
    if (!m_paused && mustPause()) {
        m_paused = true;
        m_socket->setReadBufferSize(kPausedReadBuffer);
    }
    updateVisibility();
    m_parserMaySee = !m_hidden && parserMayRead();
}

bool Connection::mustPause() const
{
    return m_dispatched - m_nextToWrite >= kMaxRequestsInFlight
        || m_socket->bytesToWrite() > kMaxPendingOutput;
}

bool Connection::parserMayRead() const
{
    return !m_paused && !m_pending.empty() && m_pending.front().complete
        && m_pending.front().errorStatus == 0;
}

void Connection::updateVisibility()
{
    if (parserMayRead()) {
        if (m_hidden) {
            // Everything hidden is framed and unread again; QHttpServer reads from the start of
            // the complete request.
            m_hidden = false;
            m_socket->rollbackTransaction();
            m_framedUnread = m_socket->bytesAvailable();
        }
        return;
    }
    if (!m_hidden) {
        if (m_socket->bytesAvailable() == 0) {
            return;
        }
        if (m_socket->isTransactionStarted()) {
            // QHttpServer leaves a transaction open when a readyRead brought it nothing to parse.
            // It may have read nothing in it since the last request it completed.
            if (m_bytesSeen - m_socket->bytesAvailable() != m_parsedTo) {
                refuseDisagreement("read past the end of a request");
                return;
            }
        } else {
            m_socket->startTransaction();
        }
        m_hidden = true;
    }
    m_socket->skip(m_socket->bytesAvailable());
    m_framedUnread = 0;
}

void Connection::resumeIfPossible()
{
    if (!m_paused || m_phase != Phase::Open || !m_parserAttached
        || m_dispatched - m_nextToWrite > kMaxRequestsInFlight / 4
        || m_socket->bytesToWrite() > kMaxPendingOutput / 4) {
        return;
    }
    m_paused = false;
    m_socket->setReadBufferSize(0);
    m_bodyWindowStartMs = m_server.nowMs();
    m_bodyWindowBytes = m_framer.bodyBytesSeen();
    if (m_framer.readingHead()) {
        m_framer.restartClock(m_server.nowMs());
    }
    // Decide again what QHttpServer may read, and let it parse (it reads on readyRead only).
    QMetaObject::invokeMethod(
        m_socket, [socket = m_socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

void Connection::onParserRan()
{
    if (m_parserAttached && m_phase == Phase::Open) {
        m_framedUnread = m_socket->bytesAvailable();
        if (m_parserMaySee && !m_parserTook && parserMayRead()) {
            // It had every byte of a complete request and did not finish it.
            refuseDisagreement("did not end a request where the framer did");
        }
    }
    m_parserMaySee = false;
    answerFailureIfFirst(); // the requests before a failed one may all be handled now
}

void Connection::refuseDisagreement(const char *what)
{
    qCCritical(lcHttpServer,
               "QHttpServer's parser %s (request %llu of the connection from %s); refusing it.",
               what, static_cast<unsigned long long>(m_dispatched), qPrintable(m_peer.toString()));
    m_framer.fail();
    m_framingStopped = true;
    const QString detail = QStringLiteral("The request's framing is ambiguous.");
    if (m_pending.empty()) {
        m_pending.push_back(Pending {m_nextSequence++, {}, 400, detail});
    } else if (m_pending.front().errorStatus == 0) {
        m_pending.front().errorStatus = 400;
        m_pending.front().errorDetail = detail;
        m_continueWanted.remove(m_pending.front().sequence);
    }
    // Requests after this one are never answered.
    while (m_pending.size() > 1) {
        m_pending.pop_back();
    }
    answerFailureIfFirst();
}

void Connection::handleEvents(QList<RequestFramer::Event> &events)
{
    const qint64 now = m_server.nowMs();
    for (RequestFramer::Event &event : events) {
        if (m_framingStopped) {
            break;
        }
        switch (event.type) {
        case RequestFramer::EventType::Head: {
            const quint64 sequence = m_nextSequence++;
            if (event.head.expectContinue) {
                m_continueWanted.insert(sequence);
            }
            if (event.head.hasBody()) {
                m_bodyOf = sequence;
                m_bodyWindowStartMs = now;
                m_bodyWindowBytes = 0;
            }
            m_pending.push_back(Pending {sequence, std::move(event.head), 0, {}, false, -1, {}});
            break;
        }
        case RequestFramer::EventType::Complete:
            // The request the last Head event started: QHttpServer cannot have taken it yet.
            if (!m_pending.empty() && m_pending.back().sequence + 1 == m_nextSequence) {
                Pending &pending = m_pending.back();
                pending.complete = true;
                pending.endOffset = event.offset;
                pending.body = std::move(event.body);
                // Bytes after a request that closes the connection are not read.
                m_framingStopped = !pending.head.keepAlive;
            }
            m_bodyOf.reset();
            break;
        case RequestFramer::EventType::Error:
            failCurrent(event.status, event.detail, event.head);
            break;
        }
    }
    if (m_framingStopped) {
        m_framer.fail();
    }
    answerFailureIfFirst();
    flush(); // a 100 Continue may be due
}

void Connection::failCurrent(int status, const QString &detail, const RequestFramer::Head &head)
{
    m_framer.fail();
    m_framingStopped = true;
    if (m_bodyOf) {
        for (Pending &pending : m_pending) {
            if (pending.sequence == *m_bodyOf) {
                pending.errorStatus = status;
                pending.errorDetail = detail;
                m_continueWanted.remove(pending.sequence);
                return;
            }
        }
    }
    m_pending.push_back(Pending {m_nextSequence++, head, status, detail, false, -1, {}});
}

void Connection::answerFailureIfFirst()
{
    if (m_pending.empty() || m_pending.front().errorStatus == 0) {
        return;
    }
    // Every request before the failed one has been handed to its handler: stop the parser (it
    // must not buffer the oversized or malformed rest) and answer the failure, then close.
    const Pending failed = m_pending.front();
    m_pending.clear();
    stopParser();
    qCInfo(lcHttpLimits, "Refusing a request from %s with %d: %ls", qPrintable(m_peer.toString()),
           failed.errorStatus, qUtf16Printable(failed.errorDetail));
    m_server.answerFramingError(*this, failed.sequence, failed.head, failed.errorStatus,
                                failed.errorDetail);
}

std::optional<Connection::Frame> Connection::takeFrame(qsizetype parsedBodySize)
{
    m_parserTook = true;
    // QHttpServer has committed what it read: it ended the request at this offset.
    const qint64 parsedTo = m_bytesSeen - m_socket->bytesAvailable();
    if (m_pending.empty() || m_pending.front().errorStatus != 0 || !m_pending.front().complete
        || m_pending.front().endOffset != parsedTo
        || m_pending.front().body.size() != parsedBodySize) {
        refuseDisagreement("ended a request elsewhere than the framer");
        return std::nullopt;
    }
    Pending pending = std::move(m_pending.front());
    m_pending.pop_front();
    m_parsedTo = parsedTo;
    m_dispatched = pending.sequence + 1;
    if (!pending.head.keepAlive) {
        stopParser();
    }
    return Frame {pending.sequence, std::move(pending.head), std::move(pending.body)};
}

void Connection::stopParser()
{
    if (m_parserAttached) {
        m_parserAttached = false;
        // QHttpServer's slot has the server as its context object; ours have this object.
        disconnect(m_socket, &QTcpSocket::readyRead, &m_server, nullptr);
        if (m_socket->isTransactionStarted()) {
            m_socket->rollbackTransaction();
        }
        m_hidden = false;
    }
    if (m_paused) {
        m_paused = false;
        m_socket->setReadBufferSize(0);
    }
    discardInput();
}

void Connection::discardInput()
{
    if (m_socket->bytesAvailable() > 0) {
        m_socket->skip(m_socket->bytesAvailable());
    }
    m_framedUnread = 0;
}

void Connection::deliver(Outgoing outgoing)
{
    const quint64 sequence = outgoing.exchange.sequence;
    if (m_lastSequence && sequence > *m_lastSequence) {
        m_server.logAccess(outgoing.exchange, outgoing.response.status, 0,
                           "dropped: connection closing");
        return;
    }
    m_ready.insert_or_assign(sequence, std::move(outgoing));
    flush();
}

void Connection::flush()
{
    while (m_phase == Phase::Open) {
        const auto it = m_ready.find(m_nextToWrite);
        if (it == m_ready.end()) {
            if (m_continueWanted.remove(m_nextToWrite)) {
                m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                m_bodyWindowStartMs = m_server.nowMs();
                m_bodyWindowBytes = m_framer.bodyBytesSeen();
            }
            return;
        }
        const Outgoing outgoing = std::move(it->second);
        m_ready.erase(it);
        m_continueWanted.remove(m_nextToWrite);
        if (outgoing.response.stream && outgoing.response.status == 200 && !outgoing.exchange.head
            && !m_server.isShuttingDown()) {
            ++m_nextToWrite;
            m_lastSequence = outgoing.exchange.sequence; // nothing is answered after a stream
            startStream(outgoing);
            return;
        }
        const bool close = outgoing.close || outgoing.response.stream
            || !outgoing.exchange.keepAlive || m_server.isShuttingDown()
            || (m_lastSequence && outgoing.exchange.sequence >= *m_lastSequence);
        write(outgoing, close);
        ++m_nextToWrite;
        if (close) {
            m_lastSequence = outgoing.exchange.sequence;
            beginClose();
            return;
        }
        resumeIfPossible();
    }
}

void Connection::write(const Outgoing &outgoing, bool close)
{
    const Response &response = outgoing.response;
    const Exchange &exchange = outgoing.exchange;
    const bool noBody = response.status == 204 || response.status == 304
        || (response.status >= 100 && response.status < 200);

    QByteArray out;
    out.reserve(256 + (exchange.head ? 0 : response.body.size()));
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\nDate: ";
    out += m_server.httpDate();
    out += "\r\n";
    if (!noBody) {
        if (!response.contentType.isEmpty() && isValidHeaderText(response.contentType)) {
            out += "Content-Type: ";
            out += response.contentType;
            out += "\r\n";
        }
        if (!response.stream) { // a stream's body ends when the connection closes
            out += "Content-Length: ";
            out += QByteArray::number(response.body.size());
            out += "\r\n";
        }
    }
    for (const auto &[name, value] : response.headers) {
        // We frame the message ourselves; a header with CR or LF would split it.
        if (name.isEmpty() || !isValidHeaderText(name) || !isValidHeaderText(value)
            || isOneOf(name,
                       {"content-length", "transfer-encoding", "connection", "date", "server",
                        "content-type", "keep-alive"})) {
            continue;
        }
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    } else if (exchange.minorVersion == 0) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
    const qint64 headBytes = out.size();
    if (!noBody && !exchange.head) {
        out += response.stream ? response.stream->initial : response.body;
    }
    if (m_socket->bytesToWrite() == 0) {
        m_lastWriteProgressMs = m_server.nowMs();
    }
    m_socket->write(out);
    m_lastActivityMs = m_server.nowMs();
    m_server.logAccess(exchange, response.status, out.size() - headBytes, nullptr);
}

void Connection::startStream(const Outgoing &outgoing)
{
    m_framer.fail();
    m_framingStopped = true;
    stopParser(); // input is read and discarded from now on (EOF tells the client is gone)
    m_pending.clear();
    m_phase = Phase::Streaming;
    write(outgoing, true);
    m_stream = new EventStream(*this, *outgoing.response.stream, this);
    if (outgoing.response.stream->opened) {
        outgoing.response.stream->opened(m_stream);
    }
}

void Connection::writeStream(QByteArrayView bytes)
{
    if (m_phase != Phase::Streaming || bytes.isEmpty()) {
        return;
    }
    const qint64 now = m_server.nowMs();
    if (m_socket->bytesToWrite() == 0) {
        m_lastWriteProgressMs = now;
    }
    m_socket->write(bytes.data(), bytes.size());
    m_lastActivityMs = now;
    if (m_socket->bytesToWrite() > EventStream::maxPendingBytes()) {
        qCInfo(lcHttpLimits, "Closing the event stream to %s: the client does not read.",
               qPrintable(m_peer.toString()));
        abort();
    }
}

void Connection::endStream()
{
    if (m_phase != Phase::Streaming) {
        return;
    }
    detachStream();
    m_phase = Phase::Closing;
    m_lingerDeadlineMs =
        m_server.nowMs() + std::max<qint64>(kLingerMs, m_server.config().idleTimeoutMs);
    if (m_socket->bytesToWrite() == 0) {
        shutdownWriteSide();
    }
}

void Connection::detachStream()
{
    if (EventStream *stream = std::exchange(m_stream, nullptr)) {
        stream->detach(); // emits closed(): its holders forget it
        stream->deleteLater();
    }
}

void Connection::onBytesWritten()
{
    m_lastWriteProgressMs = m_server.nowMs();
    if (m_phase == Phase::Closing && m_socket->bytesToWrite() == 0) {
        shutdownWriteSide();
        return;
    }
    resumeIfPossible();
}

void Connection::beginClose()
{
    if (m_phase != Phase::Open) {
        return;
    }
    m_phase = Phase::Closing;
    m_framer.fail();
    m_framingStopped = true;
    stopParser();
    m_pending.clear();
    m_lingerDeadlineMs =
        m_server.nowMs() + std::max<qint64>(kLingerMs, m_server.config().idleTimeoutMs);
    if (m_socket->bytesToWrite() == 0) {
        shutdownWriteSide();
    }
}

void Connection::shutdownWriteSide()
{
    m_phase = Phase::HalfClosed;
    m_lingerDeadlineMs = m_server.nowMs() + kLingerMs;
    if (m_socket->state() != QAbstractSocket::ConnectedState
        || ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0) {
        abort();
        return;
    }
    discardInput();
}

void Connection::abort()
{
    detachStream();
    m_phase = Phase::HalfClosed;
    m_lingerDeadlineMs = 0;
    stopParser();
    m_pending.clear();
    // Emits disconnected(): QHttpServer (or the refusing path) deletes the socket and this.
    m_socket->abort();
    if (m_rejecting) {
        m_socket->deleteLater();
    }
}

void Connection::shutdown()
{
    if (m_phase == Phase::Streaming) {
        endStream();
        return;
    }
    if (m_phase == Phase::Open && isIdle()) {
        beginClose();
    }
    // Otherwise flush() closes after the next answer (the server is shutting down).
}

bool Connection::isIdle() const
{
    return m_framer.state() == RequestFramer::State::Idle && m_pending.empty()
        && m_nextToWrite == m_nextSequence && m_socket->bytesToWrite() == 0;
}

void Connection::sweep(qint64 now)
{
    const Server::HttpConfig &config = m_server.config();
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        // Closed behind our back (QHttpServer drops a connection it cannot parse): clean up.
        m_socket->deleteLater();
        return;
    }
    if (m_phase == Phase::Streaming) {
        if (m_socket->bytesToWrite() > 0 && now - m_lastWriteProgressMs > config.idleTimeoutMs) {
            qCInfo(lcHttpLimits, "Closing the event stream to %s: the client does not read.",
                   qPrintable(m_peer.toString()));
            abort();
        }
        return;
    }
    if (m_phase != Phase::Open) {
        if (now >= m_lingerDeadlineMs) {
            abort();
        }
        return;
    }
    if (m_socket->bytesToWrite() > 0 && now - m_lastWriteProgressMs > config.idleTimeoutMs) {
        qCInfo(lcHttpLimits, "Closing the connection from %s: the client does not read.",
               qPrintable(m_peer.toString()));
        abort();
        return;
    }
    if (m_paused) {
        return; // we are not reading: the client cannot be late
    }
    if (m_framer.readingHead() && now - m_framer.requestStartedAtMs() > config.headerTimeoutMs) {
        failCurrent(408,
                    QStringLiteral("The request head did not arrive within %1 ms.")
                        .arg(config.headerTimeoutMs),
                    RequestFramer::Head {});
        answerFailureIfFirst();
        return;
    }
    if (m_framer.readingBody() && m_bodyOf && !m_continueWanted.contains(*m_bodyOf)
        && now - m_bodyWindowStartMs >= config.headerTimeoutMs) {
        const qint64 seen = m_framer.bodyBytesSeen();
        if (seen - m_bodyWindowBytes < kMinBodyBytesPerWindow) {
            RequestFramer::Head head;
            failCurrent(408,
                        QStringLiteral("The request body arrived too slowly (less than %1 bytes "
                                       "in %2 ms).")
                            .arg(kMinBodyBytesPerWindow)
                            .arg(config.headerTimeoutMs),
                        head);
            answerFailureIfFirst();
            return;
        }
        m_bodyWindowStartMs = now;
        m_bodyWindowBytes = seen;
    }
    if (isIdle() && now - m_lastActivityMs > config.idleTimeoutMs) {
        qCDebug(lcHttpLimits, "Closing the idle connection from %s.",
                qPrintable(m_peer.toString()));
        beginClose();
    }
}

} // namespace Shop::Http
