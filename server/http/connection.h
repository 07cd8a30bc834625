#pragma once

#include "exchange.h"
#include "requestframer.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <optional>

namespace Shop::Http {

class HttpServer;

// One accepted TCP connection, attached to the socket (its parent) before QHttpServer connects
// its own readyRead slot, so that the slots run in this order on every readyRead:
//   1. onReadyRead(): feeds the bytes QHttpServer has not read yet and this connection has not
//      seen yet into the RequestFramer, which enforces the limits (and answers 413 or 431 before
//      the parser buffers anything);
//   2. QHttpServer's parser, which calls HttpServer::handleRequest() once per complete request;
//   3. onParserRan(): remembers how many unread bytes are left, all of them already framed.
// QHttpServer reads inside a transaction, so bytesAvailable() and peek() only cover bytes it has
// not consumed. Answers are written in request order (pipelining), as raw HTTP/1.1, by flush().
// Backpressure: while too many requests of the connection are being answered, or too much output
// waits for the client, what is buffered is hidden from QHttpServer (skipped inside a transaction
// of ours, rolled back on resume) and the socket's read buffer is capped, so a client that
// pipelines without reading cannot fill the queue or the memory.
// Internal to server/http.
class Connection final : public QObject
{
    Q_OBJECT

public:
    Connection(HttpServer &server, QTcpSocket *socket, quint64 id, qint64 nowMs);
    ~Connection() override;

    Q_DISABLE_COPY_MOVE(Connection)

    struct Frame
    {
        quint64 sequence = 0;
        RequestFramer::Head head;
    };

    void attachBeforeParser();
    void attachAfterParser();
    // A connection beyond the cap: answers `response` (503) and closes; QHttpServer never sees it.
    void markRejecting() { m_rejecting = true; }
    [[nodiscard]] bool isRejecting() const { return m_rejecting; }
    void reject(Outgoing outgoing);

    // The next request QHttpServer has parsed, in stream order; nullopt if the two parsers
    // disagree (the connection is then closed).
    [[nodiscard]] std::optional<Frame> takeFrame();
    // No further requests are read from this connection (QHttpServer is detached from it).
    void stopParser();
    // An answer for one of this connection's requests; written once all earlier ones are.
    void deliver(Outgoing outgoing);
    // Timeouts; called a few times per second by the server.
    void sweep(qint64 nowMs);
    // The server is stopping: close now when idle, else after the answers in progress.
    void shutdown();
    // Closes at once (no answer).
    void abort();

    [[nodiscard]] quint64 id() const { return m_id; }
    [[nodiscard]] QTcpSocket *socket() const { return m_socket; }
    [[nodiscard]] const QHostAddress &peerAddress() const { return m_peer; }
    [[nodiscard]] std::shared_ptr<const std::atomic_bool> cancelToken() const
    {
        return m_cancelled;
    }

private:
    enum class Phase {
        Open,
        Closing, // last answer queued for writing; no more requests
        HalfClosed, // answers flushed, write side shut down; input discarded until EOF or linger
    };

    struct Pending
    {
        quint64 sequence = 0;
        RequestFramer::Head head;
        int errorStatus = 0; // not 0: the request failed framing; answer this and close
        QString errorDetail;
    };

    void onReadyRead();
    [[nodiscard]] bool mustPause() const;
    void hideInput();
    void resumeIfPossible();
    void onParserRan();
    void onBytesWritten();
    void handleEvents(QList<RequestFramer::Event> &events);
    void failCurrent(int status, const QString &detail, const RequestFramer::Head &head);
    void answerFailureIfFirst();
    void flush();
    void write(const Outgoing &outgoing, bool close);
    void beginClose();
    void shutdownWriteSide();
    void discardInput();
    [[nodiscard]] bool isIdle() const;

    HttpServer &m_server;
    QTcpSocket *m_socket;
    const quint64 m_id;
    const QHostAddress m_peer;
    RequestFramer m_framer;
    std::shared_ptr<std::atomic_bool> m_cancelled;

    Phase m_phase = Phase::Open;
    bool m_parserAttached = false;
    bool m_rejecting = false;
    qsizetype m_framedUnread = 0; // unread bytes at the front of the socket already framed
    bool m_framingStopped = false; // a request asked to close: ignore what follows it

    bool m_paused = false; // backpressure: input hidden from QHttpServer (see onReadyRead())
    quint64 m_dispatched = 0; // requests handed to handlers (sequences below this)
    std::deque<Pending> m_pending; // framed, not yet handed to the handler by QHttpServer
    std::optional<quint64> m_bodyOf; // the request whose body is being read
    quint64 m_nextSequence = 0;
    quint64 m_nextToWrite = 0;
    std::map<quint64, Outgoing> m_ready; // answered, waiting for earlier answers
    QSet<quint64> m_continueWanted; // Expect: 100-continue not yet answered
    std::optional<quint64> m_lastSequence; // no answers after this one

    qint64 m_lastActivityMs = 0;
    qint64 m_lastWriteProgressMs = 0;
    qint64 m_bodyWindowStartMs = 0;
    qint64 m_bodyWindowBytes = 0;
    qint64 m_lingerDeadlineMs = 0;
};

} // namespace Shop::Http
