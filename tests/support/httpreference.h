#pragma once

#include <QByteArray>
#include <QList>

namespace Shop::Tests {

// What the server promises beyond RFC 9112 where the RFC leaves a choice or sets no number
// (docs/architecture.md, "HTTP framing"). The reference reads a stream with these, nothing else.
struct ReferencePolicy
{
    qint64 maxBodyBytes = 64 * 1024; // 413 beyond (declared length, or chunk sizes so far)
    int maxHeaderBytes = 16 * 1024; // request line to empty line, line ends included; 431 beyond
    int maxFieldLineBytes = 8 * 1024; // one field line without its line end; 431 beyond
    int maxFields = 100; // 431 beyond
    int maxMethodBytes = 32; // 400 beyond
    int maxChunkLineBytes = 4096; // chunk size, extensions and CRLF; 400 beyond
    qint64 maxChunkFramingExtra = 64 * 1024; // chunk lines and CRLFs of one body beyond the
                                             // body limit; 413
};

// One request as the reference reads it.
struct ReferenceRequest
{
    QByteArray method;
    QByteArray target;
    QByteArray body; // decoded
    int minorVersion = 1;
    qint64 end = 0; // stream offset just after its last byte
};

// How a stream reads: the requests the server must answer, in order, and then what follows.
struct ReferenceOutcome
{
    enum class End {
        Idle, // the stream ends between requests: the connection stays open
        Closed, // the last request closes the connection (Connection: close, HTTP/1.0)
        Refused, // the request after the last one is refused with `status`, then closed
        Incomplete, // the stream ends inside a request: the server waits for the rest
    };

    QList<ReferenceRequest> requests;
    End end = End::Idle;
    int status = 0; // Refused: 400, 413, 417, 431, 501 or 505
    QByteArray reason; // Refused: which rule, for messages
    QByteArray completion; // Incomplete: bytes after which that request is complete or refused
};

// An independent reading of an HTTP/1.1 request byte stream, written from RFC 9112 (and RFC 9110
// for fields) with the policy above; it shares no code with the server's RequestFramer, so that a
// differential test can compare the two. Strict where the RFC says MUST; lenient exactly where
// the RFC says MAY and the server documents it: empty lines (CR, LF) before a request line are
// skipped, and a bare LF ends a request line or field line (RFC 9112, 2.2), but not a line of
// chunked framing. Refused (in this order): head too large (431); malformed request line (400),
// method longer than the policy (400), other HTTP versions (505); obsolete line folding, a field
// line without a token name and colon, a control character or bare CR in a value (400); a field
// line over the policy (431); too many fields (431); HTTP/1.1 without exactly one Host (400);
// Content-Length not digits or differing between fields (400); Transfer-Encoding in HTTP/1.0
// (400), codings without chunked (501), chunked not applied once and last (400), other codings
// before chunked (501), with Content-Length (400); a
// websocket upgrade (400); an expectation other than 100-continue (417); a body over the policy
// (413); chunk framing over the body limit plus its extra (413, counted per line, before the
// line is checked); chunk lines not ending in CRLF, malformed chunk sizes or extensions (400),
// chunk lines over the policy (400); trailer fields (400, not supported).
[[nodiscard]] ReferenceOutcome readRequestStream(QByteArrayView stream,
                                                 const ReferencePolicy &policy = {});

} // namespace Shop::Tests
