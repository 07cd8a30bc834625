#include "requestframer.h"

#include <algorithm>
#include <limits>

namespace Shop::Http {

namespace {

constexpr int kMaxHeaderFields = 100; // QHttpServer 6.4's parser stops at 100 too
// QHttpServer 6.4's header parser drops every field of a head with a longer field line (name,
// colon and value): it would then read the request as having no body. Refused with 431.
constexpr int kMaxFieldLineLength = 8 * 1024;
constexpr int kMaxMethodLength = 32;
constexpr int kMaxChunkLineLength = 4096; // chunk size and extensions, CRLF included
constexpr int kMaxLengthDigits = 18; // significant digits of a Content-Length (fits in qint64)
constexpr int kMaxChunkSizeDigits = 15; // significant hex digits of a chunk size
// The chunk framing of one body (size lines, extensions, line ends) may add this to the body limit.
constexpr qint64 kMaxChunkFramingExtra = 64 * 1024;

// RFC 9110 tchar: the characters of a method or a header field name.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Without leading and trailing SP and HTAB (RFC 9110 OWS; other whitespace is not OWS).
QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && isBlank(text.front())) {
        text = text.sliced(1);
    }
    while (!text.isEmpty() && isBlank(text.back())) {
        text.chop(1);
    }
    return text;
}

QByteArray trimmedLower(QByteArrayView text)
{
    return trimmedOws(text).toByteArray().toLower();
}

QByteArrayView withoutLeadingZeros(QByteArrayView digits)
{
    while (digits.size() > 1 && digits.front() == '0') {
        digits = digits.sliced(1);
    }
    return digits;
}

// qdtext and the second byte of a quoted-pair (RFC 9110, 5.6.4): HTAB, SP, VCHAR, obs-text.
bool isQuotedTextChar(char c)
{
    return c == '\t' || c == ' ' || (uchar(c) >= 0x21 && uchar(c) != 0x7f);
}

// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), ext-val = token /
// quoted-string (RFC 9112, 7.1.1).
bool isChunkExtensions(QByteArrayView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto skipBlanks = [&] {
        while (i < n && isBlank(text.at(i))) {
            ++i;
        }
    };
    const auto token = [&] {
        const qsizetype start = i;
        while (i < n && isTokenChar(text.at(i))) {
            ++i;
        }
        return i > start;
    };
    while (i < n) {
        skipBlanks();
        if (i >= n || text.at(i) != ';') {
            return false;
        }
        ++i;
        skipBlanks();
        if (!token()) {
            return false;
        }
        const qsizetype afterName = i;
        skipBlanks();
        if (i >= n || text.at(i) != '=') {
            i = afterName; // no value: what follows must be the next ";"
            continue;
        }
        ++i;
        skipBlanks();
        if (i < n && text.at(i) == '"') {
            ++i;
            bool closed = false;
            while (i < n && !closed) {
                const char c = text.at(i++);
                if (c == '"') {
                    closed = true;
                } else if (c == '\\') {
                    if (i >= n || !isQuotedTextChar(text.at(i))) {
                        return false;
                    }
                    ++i;
                } else if (!isQuotedTextChar(c)) {
                    return false;
                }
            }
            if (!closed) {
                return false;
            }
        } else if (!token()) {
            return false;
        }
    }
    return true;
}

// Comma-separated list elements of all fields named `name`, trimmed and lower-cased.
QByteArrayList listValues(const RequestFramer::Head &head, QByteArrayView name)
{
    QByteArrayList values;
    for (const auto &[key, value] : head.headers) {
        if (key == name) {
            for (const QByteArray &part : value.split(',')) {
                const QByteArray element = trimmedLower(part);
                if (!element.isEmpty()) {
                    values.append(element);
                }
            }
        }
    }
    return values;
}

} // namespace

QByteArray RequestFramer::Head::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

void RequestFramer::feed(QByteArrayView bytes, qint64 nowMs, QList<Event> &events)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && m_state != State::Failed) {
        const QByteArrayView rest = bytes.sliced(pos);
        const qsizetype eventsBefore = events.size();
        qsizetype used = 0;
        switch (m_state) {
        case State::Idle:
            if (rest.front() == '\r' || rest.front() == '\n') {
                used = 1; // stray line ends between requests are tolerated (RFC 9112, 2.2)
            } else {
                m_state = State::Head;
                m_startedAtMs = nowMs;
                m_buffer.clear();
                m_head = Head {};
                m_body.clear();
                m_bodySeen = 0;
                m_bodyRemaining = 0;
            }
            break;
        case State::Head:
            used = feedHead(rest, events);
            break;
        case State::Body:
        case State::ChunkData: {
            used = qsizetype(std::min<qint64>(m_bodyRemaining, rest.size()));
            m_body.append(rest.first(used));
            m_bodyRemaining -= used;
            m_bodySeen += used;
            if (m_bodyRemaining == 0) {
                if (m_state == State::Body) {
                    complete(events);
                } else {
                    m_state = State::ChunkDataEnd;
                    m_buffer.clear();
                }
            }
            break;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::LastChunkEnd:
            used = feedLine(rest, events);
            break;
        case State::Failed:
            break;
        }
        pos += used;
        m_position += used;
        for (qsizetype i = eventsBefore; i < events.size(); ++i) {
            if (events.at(i).type == EventType::Complete) {
                events[i].offset = m_position;
            }
        }
    }
}

qsizetype RequestFramer::feedHead(QByteArrayView bytes, QList<Event> &events)
{
    const qsizetype oldSize = m_buffer.size();
    const qsizetype room = std::max<qsizetype>(0, m_limits.maxHeaderBytes - oldSize);
    const qsizetype take = std::min(bytes.size(), room);
    m_buffer.append(bytes.first(take));

    // The head ends with an empty line: "\n\r\n" or "\n\n" (bare LF line ends are tolerated).
    qsizetype end = -1;
    for (qsizetype i = m_buffer.indexOf('\n', std::max<qsizetype>(0, oldSize - 2)); i >= 0;
         i = m_buffer.indexOf('\n', i + 1)) {
        if (i + 1 < m_buffer.size() && m_buffer.at(i + 1) == '\n') {
            end = i + 2;
            break;
        }
        if (i + 2 < m_buffer.size() && m_buffer.at(i + 1) == '\r' && m_buffer.at(i + 2) == '\n') {
            end = i + 3;
            break;
        }
    }
    if (end < 0) {
        if (m_buffer.size() >= m_limits.maxHeaderBytes) {
            // Take what can be read of the request line so the problem can name the path.
            const qsizetype lineEnd = m_buffer.indexOf('\n');
            const QByteArrayList parts = m_buffer.left(lineEnd < 0 ? 256 : lineEnd).split(' ');
            if (parts.size() >= 2) {
                m_head.method = parts.at(0);
                m_head.target = parts.at(1);
            }
            failWith(431,
                     QStringLiteral("The request head is larger than the limit of %1 bytes.")
                         .arg(m_limits.maxHeaderBytes),
                     events);
        }
        return take;
    }
    const qsizetype consumed = take - (m_buffer.size() - end);
    m_buffer.truncate(end);
    parseHead(events);
    return consumed;
}

void RequestFramer::parseHead(QList<Event> &events)
{
    QByteArrayList lines = m_buffer.split('\n');
    m_buffer.clear();
    for (QByteArray &line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1); // any other CR is a bare CR: refused below as a control character
        }
    }
    Head &head = m_head;
    head.startedAtMs = m_startedAtMs;

    const QByteArrayList parts = lines.value(0).split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty()) {
        failWith(400, QStringLiteral("The request line is malformed."), events);
        return;
    }
    head.method = parts.at(0);
    head.target = parts.at(1);
    if (!isToken(head.method) || head.method.size() > kMaxMethodLength) {
        failWith(400, QStringLiteral("The request method is malformed."), events);
        return;
    }
    for (const char c : head.target) {
        if (uchar(c) <= 0x20 || uchar(c) == 0x7f) {
            failWith(400, QStringLiteral("The request target contains a control character."),
                     events);
            return;
        }
    }
    const QByteArray &version = parts.at(2);
    if (version == "HTTP/1.1") {
        head.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        head.minorVersion = 0;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && isDigits(version.sliced(5, 1))
               && version.at(6) == '.' && isDigits(version.sliced(7, 1))) {
        failWith(505, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are supported."), events);
        return;
    } else {
        failWith(400, QStringLiteral("The request line is malformed."), events);
        return;
    }

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.isEmpty()) {
            continue; // the empty line that ends the head
        }
        if (line.front() == ' ' || line.front() == '\t') {
            failWith(400,
                     QStringLiteral("Header fields folded over several lines are not "
                                    "supported."),
                     events);
            return;
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = QByteArrayView(line).first(std::max<qsizetype>(colon, 0));
        if (colon <= 0 || !isToken(name)) {
            failWith(400, QStringLiteral("A header field is malformed."), events);
            return;
        }
        if (line.size() > kMaxFieldLineLength) {
            failWith(431,
                     QStringLiteral("The header field %1 is longer than %2 bytes.")
                         .arg(QString::fromLatin1(name))
                         .arg(kMaxFieldLineLength),
                     events);
            return;
        }
        const QByteArrayView value = trimmedOws(QByteArrayView(line).sliced(colon + 1));
        for (const char c : value) {
            if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f) {
                failWith(400,
                         QStringLiteral("The header field %1 contains a control character.")
                             .arg(QString::fromLatin1(name)),
                         events);
                return;
            }
        }
        if (head.headers.size() >= kMaxHeaderFields) {
            failWith(
                431,
                QStringLiteral("The request has more than %1 header fields.").arg(kMaxHeaderFields),
                events);
            return;
        }
        head.headers.append({name.toByteArray().toLower(), value.toByteArray()});
    }

    int hosts = 0;
    for (const auto &header : head.headers) {
        hosts += header.first == "host" ? 1 : 0;
    }
    if (head.minorVersion == 1 && hosts != 1) {
        failWith(400, QStringLiteral("An HTTP/1.1 request needs exactly one Host header field."),
                 events);
        return;
    }

    // Repeated Content-Length fields must be identical; a list in one field ("3, 3") is refused
    // because QHttpServer would read it as no length at all.
    QByteArrayList lengths;
    for (const auto &[key, value] : head.headers) {
        if (key == "content-length") {
            lengths.append(value);
        }
    }
    for (const QByteArray &length : lengths) {
        if (!isDigits(length) || length != lengths.front()) {
            failWith(400, QStringLiteral("The Content-Length header field is invalid."), events);
            return;
        }
    }
    bool lengthTooLarge = false;
    if (!lengths.isEmpty()) {
        const QByteArrayView digits = withoutLeadingZeros(lengths.front());
        lengthTooLarge = digits.size() > kMaxLengthDigits;
        head.contentLength =
            lengthTooLarge ? std::numeric_limits<qint64>::max() : digits.toLongLong();
    }

    // RFC 9112, 6.3: chunked must be applied once and last, else the length is unknowable
    // (400); other codings are not implemented (501, also when chunked is absent).
    bool hasTransferEncoding = false;
    for (const auto &header : head.headers) {
        hasTransferEncoding = hasTransferEncoding || header.first == "transfer-encoding";
    }
    if (hasTransferEncoding) {
        const QByteArrayList codings = listValues(head, "transfer-encoding");
        if (head.minorVersion == 0) {
            failWith(400, QStringLiteral("Transfer-Encoding is not allowed in HTTP/1.0."), events);
            return;
        }
        if (!codings.isEmpty() && !codings.contains("chunked")) {
            failWith(501, QStringLiteral("Only the chunked transfer coding is supported."), events);
            return;
        }
        if (codings.isEmpty() || codings.back() != "chunked" || codings.count("chunked") != 1) {
            failWith(400, QStringLiteral("The chunked transfer coding must be applied once, last."),
                     events);
            return;
        }
        if (codings.size() != 1) {
            failWith(501, QStringLiteral("Only the chunked transfer coding is supported."), events);
            return;
        }
        if (!lengths.isEmpty()) {
            failWith(400,
                     QStringLiteral("A request must not have both Content-Length and "
                                    "Transfer-Encoding."),
                     events);
            return;
        }
        head.chunked = true;
    }

    const QByteArrayList connection = listValues(head, "connection");
    head.keepAlive =
        head.minorVersion == 1 ? !connection.contains("close") : connection.contains("keep-alive");
    // QHttpServer 6.4 answers a WebSocket upgrade and then drops the connection; say so instead.
    // It sees one where Connection contains "upgrade" anywhere and Upgrade is "websocket".
    const QByteArrayList upgrade = listValues(head, "upgrade");
    bool connectionMentionsUpgrade = false;
    for (const QByteArray &element : connection) {
        connectionMentionsUpgrade = connectionMentionsUpgrade || element.contains("upgrade");
    }
    if (connectionMentionsUpgrade && upgrade.contains("websocket")) {
        failWith(400, QStringLiteral("WebSocket upgrades are not supported."), events);
        return;
    }

    const QByteArray expect = trimmedLower(head.header("expect"));
    if (!expect.isEmpty()) {
        if (expect != "100-continue") {
            failWith(417, QStringLiteral("Only the expectation 100-continue is supported."),
                     events);
            return;
        }
        head.expectContinue = head.minorVersion == 1 && head.hasBody();
    }

    // The route's own limit (uploads accept more than the default), asked only when a body
    // is announced.
    m_bodyLimit = m_limits.maxBodyBytes;
    if (m_bodyLimitOf && head.hasBody()) {
        if (const qint64 own = m_bodyLimitOf(head); own > 0) {
            m_bodyLimit = own;
        }
    }
    if (head.contentLength > m_bodyLimit) {
        failWith(413,
                 lengthTooLarge
                     ? QStringLiteral("The request body is larger than the limit of %1 bytes.")
                           .arg(m_bodyLimit)
                     : QStringLiteral("The request body (%1 bytes) is larger than the limit of "
                                      "%2 bytes.")
                           .arg(head.contentLength)
                           .arg(m_bodyLimit),
                 events);
        return;
    }

    events.append(Event {EventType::Head, head, 0, {}, 0, {}});
    m_bodySeen = 0;
    m_declaredChunkBytes = 0;
    m_chunkFramingBytes = 0;
    m_body.clear();
    if (head.chunked) {
        m_state = State::ChunkSize;
    } else if (head.contentLength > 0) {
        m_state = State::Body;
        m_bodyRemaining = head.contentLength;
        m_body.reserve(qsizetype(head.contentLength));
    } else {
        complete(events);
    }
}

qsizetype RequestFramer::feedLine(QByteArrayView bytes, QList<Event> &events)
{
    const qsizetype newline = bytes.indexOf('\n');
    const qsizetype take = newline < 0 ? bytes.size() : newline + 1;
    m_buffer.append(bytes.first(take));
    const qsizetype maxLength = m_state == State::ChunkSize ? kMaxChunkLineLength : 2;
    if (m_buffer.size() > maxLength || (newline < 0 && m_buffer.size() == maxLength)) {
        failWith(400,
                 m_state == State::ChunkSize
                     ? QStringLiteral("A chunk-size line is too long.")
                     : (m_state == State::LastChunkEnd
                            ? QStringLiteral("Trailer fields are not supported.")
                            : QStringLiteral("Chunk data is not followed by CRLF.")),
                 events);
        return take;
    }
    if (newline < 0) {
        return take;
    }
    // Chunked framing has no tolerance for bare LF (RFC 9112, 7.1): QHttpServer's parser would
    // read it differently.
    QByteArray line = std::exchange(m_buffer, {});
    // Size lines with long extensions around 1-byte chunks would otherwise buffer 4 KiB per body
    // byte before the body limit applies.
    m_chunkFramingBytes += line.size();
    if (m_chunkFramingBytes > m_bodyLimit + kMaxChunkFramingExtra) {
        failWith(413,
                 QStringLiteral("The chunked request body's framing is larger than the limit of "
                                "%1 bytes.")
                     .arg(m_bodyLimit + kMaxChunkFramingExtra),
                 events);
        return take;
    }
    if (!line.endsWith("\r\n")) {
        failWith(400,
                 m_state == State::LastChunkEnd && line.size() > 2
                     ? QStringLiteral("Trailer fields are not supported.")
                     : QStringLiteral("A line of the chunked body does not end with CRLF."),
                 events);
        return take;
    }
    line.chop(2);

    switch (m_state) {
    case State::ChunkSize: {
        qsizetype digits = 0;
        while (digits < line.size() && isHexDigit(line.at(digits))) {
            ++digits;
        }
        if (digits == 0 || !isChunkExtensions(QByteArrayView(line).sliced(digits))) {
            failWith(400, QStringLiteral("A chunk size is malformed."), events);
            break;
        }
        const QByteArrayView size = withoutLeadingZeros(QByteArrayView(line).first(digits));
        const qint64 chunkSize = size.size() > kMaxChunkSizeDigits
            ? std::numeric_limits<qint64>::max()
            : size.toLongLong(nullptr, 16);
        if (chunkSize == 0) {
            m_state = State::LastChunkEnd;
            break;
        }
        if (chunkSize > m_bodyLimit - m_declaredChunkBytes) {
            failWith(413,
                     QStringLiteral("The chunked request body is larger than the limit of %1 "
                                    "bytes.")
                         .arg(m_bodyLimit),
                     events);
            break;
        }
        m_declaredChunkBytes += chunkSize;
        m_bodyRemaining = chunkSize;
        m_state = State::ChunkData;
        break;
    }
    case State::ChunkDataEnd:
        if (!line.isEmpty()) {
            failWith(400, QStringLiteral("Chunk data is not followed by CRLF."), events);
            break;
        }
        m_state = State::ChunkSize;
        break;
    case State::LastChunkEnd:
        if (!line.isEmpty()) {
            failWith(400, QStringLiteral("Trailer fields are not supported."), events);
            break;
        }
        complete(events);
        break;
    default:
        break;
    }
    return take;
}

void RequestFramer::failWith(int status, const QString &detail, QList<Event> &events)
{
    events.append(Event {EventType::Error, m_head, status, detail, 0, {}});
    m_state = State::Failed;
    m_buffer.clear();
}

void RequestFramer::complete(QList<Event> &events)
{
    events.append(Event {EventType::Complete, {}, 0, {}, 0, std::exchange(m_body, {})});
    m_state = State::Idle;
    m_buffer.clear();
    m_head = Head {};
}

} // namespace Shop::Http
