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

class EventStream;
class HttpServer;

// One accepted TCP connection, attached to the socket (its parent) before QHttpServer connects
// its own readyRead slot, so that the slots run in this order on every readyRead:
//   1. onReadyRead(): feeds the bytes this connection has not seen yet into the RequestFramer,
//      which enforces the limits (and answers 413 or 431 before anything is buffered), then
//      decides what QHttpServer may read (updateVisibility());
//   2. QHttpServer's parser, which calls HttpServer::handleRequest() once per complete request;
//   3. onParserRan(): checks that QHttpServer ended the request where the framer did.
// The RequestFramer is the one authority on framing. QHttpServer's parser reads the socket only
// while the oldest request it has not parsed yet is complete and valid in the framer's reading;
// otherwise everything buffered is hidden from it (skipped inside a transaction of ours, rolled
// back when it may read again). When it does read, it must end the request at the byte where the
// framer did, with the body the framer decoded (takeFrame()), and must not stop short of it
// (onParserRan()); if it ever reads a request differently, that request is refused with 400 and
// the connection closed after the answers before it. Answers are written in request order
// (pipelining), as raw HTTP/1.1, by flush().
// Backpressure: while too many requests of the connection are being answered, or too much output
// waits for the client, input stays hidden from QHttpServer and the socket's read buffer is
// capped, so a client that pipelines without reading cannot fill the queue or the memory.
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
        QByteArray body; // as the framer decoded it
    };

    void attachBeforeParser();
    void attachAfterParser();
    // A connection beyond the cap: answers `response` (503) and closes; QHttpServer never sees it.
    void markRejecting() { m_rejecting = true; }
    [[nodiscard]] bool isRejecting() const { return m_rejecting; }
    void reject(Outgoing outgoing);

    // The next request, now that QHttpServer has parsed it (its body has `parsedBodySize` bytes);
    // nullopt if QHttpServer did not read it as the framer did (the request is then refused
    // with 400 and the connection closed).
    [[nodiscard]] std::optional<Frame> takeFrame(qsizetype parsedBodySize);
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
    [[nodiscard]] quint16 peerPort() const { return m_peerPort; }
    [[nodiscard]] HttpServer &server() const { return m_server; }
    // Event streams (eventstream.h): output after the head, and the end of the answer.
    void writeStream(QByteArrayView bytes);
    void endStream();
    [[nodiscard]] std::shared_ptr<const std::atomic_bool> cancelToken() const
    {
        return m_cancelled;
    }

private:
    enum class Phase {
        Open,
        Closing, // last answer queued for writing; no more requests
        HalfClosed, // answers flushed, write side shut down; input discarded until EOF or linger
        Streaming, // an event stream's head is written; its events follow until it ends
    };

    struct Pending
    {
        quint64 sequence = 0;
        RequestFramer::Head head;
        int errorStatus = 0; // not 0: the request failed framing; answer this and close
        QString errorDetail;
        bool complete = false; // the framer has read all of it
        qint64 endOffset = -1; // complete: stream offset just after its last byte
        QByteArray body; // complete: the body
    };

    void onReadyRead();
    [[nodiscard]] bool mustPause() const;
    [[nodiscard]] bool parserMayRead() const;
    void updateVisibility();
    void resumeIfPossible();
    void onParserRan();
    void refuseDisagreement(const char *what);
    void onBytesWritten();
    void handleEvents(QList<RequestFramer::Event> &events);
    void failCurrent(int status, const QString &detail, const RequestFramer::Head &head);
    void answerFailureIfFirst();
    void flush();
    void write(const Outgoing &outgoing, bool close);
    void startStream(const Outgoing &outgoing);
    void detachStream();
    void beginClose();
    void shutdownWriteSide();
    void discardInput();
    [[nodiscard]] bool isIdle() const;

    HttpServer &m_server;
    QTcpSocket *m_socket;
    const quint64 m_id;
    const QHostAddress m_peer;
    const quint16 m_peerPort;
    RequestFramer m_framer;
    std::shared_ptr<std::atomic_bool> m_cancelled;

    Phase m_phase = Phase::Open;
    bool m_parserAttached = false;
    EventStream *m_stream = nullptr; // a child of this object while Streaming
    bool m_rejecting = false;
    qsizetype m_framedUnread = 0; // unread bytes at the front of the socket already framed
    bool m_framingStopped = false; // a request asked to close: ignore what follows it
    qint64 m_bytesSeen = 0; // bytes received so far (the stream offset of the next new byte)
    qint64 m_parsedTo = 0; // stream offset where QHttpServer ended the last request it parsed
    bool m_hidden = false; // a transaction of ours hides the buffered input from QHttpServer
    bool m_parserMaySee = false; // this readyRead: QHttpServer may read a complete request
    bool m_parserTook = false; // this readyRead: QHttpServer handed over a request

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
