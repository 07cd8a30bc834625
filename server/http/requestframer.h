#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

#include <utility>

namespace Shop::Http {

// Incremental HTTP/1.1 request framing (RFC 9112), run on every byte a connection receives. It is
// the one authority on where each request's head and body end (docs/architecture.md, "HTTP
// framing"): the connection lets QHttpServer's parser read a request only once the framer has all
// of it, and refuses the request if that parser ends it anywhere else. It enforces the limits
// QHttpServer 6.4 lacks while the bytes arrive: head size (431), declared body size (413 as soon
// as the head is complete, before the body is sent), chunked body size (413 once the decoded size
// passes the limit, or its chunk framing passes the limit plus 64 KiB). It refuses malformed or
// ambiguous framing (400): both Content-Length and Transfer-Encoding, differing or listed lengths,
// chunked not applied once and last, trailer fields, obsolete line folding, bare CR, bare LF in
// chunked framing, malformed chunk sizes and extensions; and the valid forms QHttpServer 6.4's
// parser reads differently: a field line over 8 KiB (431), a websocket upgrade as Qt sees one
// (400). It gives the connection what QHttpServerRequest does not expose: the raw request target,
// the HTTP version, keep-alive, Expect: 100-continue, and the decoded body with the stream offset
// where the request ends.
// The body limit is per request: a BodyLimit function (the server asks its router for the
// route's Route::maxBodyBytes) sees each head that announces a body, after it was checked and
// before the body is read; without one, or when it answers 0, Limits::maxBodyBytes applies.
// After an Error event the framer is Failed and ignores further input.
class RequestFramer final
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        int maxHeaderBytes = 16 * 1024;
    };

    struct Head;
    // A request's own body limit in bytes, from its head; 0: Limits::maxBodyBytes. Runs in the
    // framer's thread while the head is parsed: it must not block.
    using BodyLimit = std::function<qint64(const Head &)>;

    struct Head
    {
        QByteArray method; // as sent, case-sensitive ("GET")
        QByteArray target; // raw request target, "/api/products?page=2"
        int minorVersion = 1; // HTTP/1.<minorVersion>
        QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
        qint64 contentLength = -1; // -1: none
        bool chunked = false;
        bool expectContinue = false; // HTTP/1.1 with Expect: 100-continue and a body to come
        bool keepAlive = true; // false: close the connection after the answer
        qint64 startedAtMs = 0; // the `now` of the feed that carried its first byte

        [[nodiscard]] QByteArray header(QByteArrayView name) const;
        [[nodiscard]] bool hasBody() const { return chunked || contentLength > 0; }
    };

    enum class EventType {
        Head, // a request's head is complete and valid (its body, if any, follows)
        Complete, // the request's body is complete (right after Head when there is none)
        Error, // the stream is unusable from here: answer `status` and close
    };

    struct Event
    {
        EventType type = EventType::Head;
        Head head; // Head; for Error the head when it was already parsed (else empty)
        int status = 0; // Error: 400, 408, 413, 417, 431, 501 or 505
        QString detail; // Error: for the problem response
        qint64 offset = 0; // Complete: stream offset just after the request's last byte
        QByteArray body; // Complete: the body (chunked bodies decoded)
    };

    enum class State {
        Idle, // between requests (CR/LF before a request line are skipped)
        Head, // reading a request line and header fields
        Body, // reading a Content-Length body
        ChunkSize, // reading a chunk-size line
        ChunkData,
        ChunkDataEnd, // the CRLF after a chunk's data
        LastChunkEnd, // the CRLF after the last (0) chunk; trailer fields are refused
        Failed,
    };

    explicit RequestFramer(Limits limits, BodyLimit bodyLimit = {})
        : m_limits(limits)
        , m_bodyLimitOf(std::move(bodyLimit))
        , m_bodyLimit(limits.maxBodyBytes)
    { }

    // Scans bytes that follow those fed before; appends events in stream order. `nowMs` is any
    // monotonic clock; it stamps Head::startedAtMs.
    void feed(QByteArrayView bytes, qint64 nowMs, QList<Event> &events);
    // Makes the framer Failed, as if the stream had broken (used for timeouts).
    void fail() { m_state = State::Failed; }
    // The head being read started now (the server, not the client, held it back).
    void restartClock(qint64 nowMs) { m_startedAtMs = nowMs; }

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool readingHead() const { return m_state == State::Head; }
    [[nodiscard]] bool readingBody() const
    {
        return m_state != State::Idle && m_state != State::Head && m_state != State::Failed;
    }
    // When the first byte of the request being read arrived (valid while not Idle).
    [[nodiscard]] qint64 requestStartedAtMs() const { return m_startedAtMs; }
    // Body bytes of the current request seen so far (decoded size for chunked bodies).
    [[nodiscard]] qint64 bodyBytesSeen() const { return m_bodySeen; }
    // The body limit of the request being read (valid once its head is complete).
    [[nodiscard]] qint64 bodyLimit() const { return m_bodyLimit; }
    // Bytes of the stream consumed so far (the offset of the next byte fed).
    [[nodiscard]] qint64 position() const { return m_position; }

private:
    qsizetype feedHead(QByteArrayView bytes, QList<Event> &events);
    qsizetype feedLine(QByteArrayView bytes, QList<Event> &events); // chunk-size and CRLF lines
    void parseHead(QList<Event> &events);
    void failWith(int status, const QString &detail, QList<Event> &events);
    void complete(QList<Event> &events);

    Limits m_limits;
    BodyLimit m_bodyLimitOf;
    qint64 m_bodyLimit = 0; // of the request being read
    State m_state = State::Idle;
    QByteArray m_buffer; // the head, or a chunk-size line, being read
    Head m_head; // the request being read, once its head is complete
    qint64 m_startedAtMs = 0;
    qint64 m_bodyRemaining = 0; // Body: bytes still to come; ChunkData: of this chunk
    qint64 m_bodySeen = 0; // body bytes received (chunk framing not counted)
    qint64 m_declaredChunkBytes = 0; // sum of the chunk sizes announced so far
    qint64 m_chunkFramingBytes = 0; // chunked body bytes that are not data
    qint64 m_position = 0; // stream bytes consumed
    QByteArray m_body; // the body of the request being read
};

} // namespace Shop::Http
