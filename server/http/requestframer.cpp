#include "requestframer.h"

#include <algorithm>

namespace Shop::Http {

namespace {

constexpr int kMaxHeaderFields = 100;
constexpr int kMaxMethodLength = 32;
constexpr int kMaxChunkLineLength = 4096;

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

QByteArray trimmedLower(QByteArrayView text)
{
    return text.trimmed().toByteArray().toLower();
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
        switch (m_state) {
        case State::Idle:
            if (rest.front() == '\r' || rest.front() == '\n') {
                ++pos; // stray line ends between requests are tolerated (RFC 9112, 2.2)
            } else {
                m_state = State::Head;
                m_startedAtMs = nowMs;
                m_buffer.clear();
                m_head = Head {};
                m_bodySeen = 0;
                m_bodyRemaining = 0;
            }
            break;
        case State::Head:
            pos += feedHead(rest, events);
            break;
        case State::Body: {
            const qint64 n = std::min<qint64>(m_bodyRemaining, rest.size());
            pos += n;
            m_bodyRemaining -= n;
            m_bodySeen += n;
            if (m_bodyRemaining == 0) {
                complete(events);
            }
            break;
        }
        case State::ChunkData: {
            const qint64 n = std::min<qint64>(m_bodyRemaining, rest.size());
            pos += n;
            m_bodyRemaining -= n;
            m_bodySeen += n;
            if (m_bodyRemaining == 0) {
                m_state = State::ChunkDataEnd;
                m_buffer.clear();
            }
            break;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::LastChunkEnd:
            pos += feedLine(rest, events);
            break;
        case State::Failed:
            break;
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
            line.chop(1);
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
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version.at(6) == '.') {
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
        const QByteArray value = line.mid(colon + 1).trimmed();
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
        head.headers.append({name.toByteArray().toLower(), value});
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

    // Repeated Content-Length fields must agree; a list in one field ("3, 3") is refused
    // because QHttpServer would read it as no length at all.
    QByteArrayList lengths;
    for (const auto &[key, value] : head.headers) {
        if (key == "content-length") {
            lengths.append(value);
        }
    }
    for (const QByteArray &length : lengths) {
        if (!isDigits(length) || length.size() > 18 || length != lengths.front()) {
            failWith(400, QStringLiteral("The Content-Length header field is invalid."), events);
            return;
        }
    }
    if (!lengths.isEmpty()) {
        head.contentLength = lengths.front().toLongLong();
    }

    const QByteArrayList codings = listValues(head, "transfer-encoding");
    if (!codings.isEmpty() || !head.header("transfer-encoding").isNull()) {
        if (head.minorVersion == 0) {
            failWith(400, QStringLiteral("Transfer-Encoding is not allowed in HTTP/1.0."), events);
            return;
        }
        if (codings != QByteArrayList {QByteArrayLiteral("chunked")}) {
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
    if (connection.contains("upgrade") && listValues(head, "upgrade").contains("websocket")) {
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

    if (head.contentLength > m_limits.maxBodyBytes) {
        failWith(413,
                 QStringLiteral("The request body (%1 bytes) is larger than the limit of %2 "
                                "bytes.")
                     .arg(head.contentLength)
                     .arg(m_limits.maxBodyBytes),
                 events);
        return;
    }

    events.append(Event {EventType::Head, head, 0, {}});
    m_bodySeen = 0;
    m_declaredChunkBytes = 0;
    if (head.chunked) {
        m_state = State::ChunkSize;
    } else if (head.contentLength > 0) {
        m_state = State::Body;
        m_bodyRemaining = head.contentLength;
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
    if (newline < 0) {
        if (m_buffer.size() > maxLength) {
            failWith(400,
                     m_state == State::ChunkSize
                         ? QStringLiteral("A chunk-size line is too long.")
                         : (m_state == State::LastChunkEnd
                                ? QStringLiteral("Trailer fields are not supported.")
                                : QStringLiteral("Chunk data is not followed by CRLF.")),
                     events);
        }
        return take;
    }
    QByteArray line = std::exchange(m_buffer, {});
    line.chop(1);
    if (line.endsWith('\r')) {
        line.chop(1);
    }

    switch (m_state) {
    case State::ChunkSize: {
        const qsizetype semicolon = line.indexOf(';');
        const QByteArray size = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
        bool ok =
            size.size() <= 15 && std::all_of(size.begin(), size.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            });
        const qint64 chunkSize = ok ? size.toLongLong(&ok, 16) : -1;
        if (!ok || chunkSize < 0) {
            failWith(400, QStringLiteral("A chunk size is malformed."), events);
            break;
        }
        if (chunkSize == 0) {
            m_state = State::LastChunkEnd;
            break;
        }
        m_declaredChunkBytes += chunkSize;
        if (m_declaredChunkBytes > m_limits.maxBodyBytes) {
            failWith(413,
                     QStringLiteral("The chunked request body is larger than the limit of %1 "
                                    "bytes.")
                         .arg(m_limits.maxBodyBytes),
                     events);
            break;
        }
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
    events.append(Event {EventType::Error, m_head, status, detail});
    m_state = State::Failed;
    m_buffer.clear();
}

void RequestFramer::complete(QList<Event> &events)
{
    events.append(Event {EventType::Complete, {}, 0, {}});
    m_state = State::Idle;
    m_buffer.clear();
    m_head = Head {};
}

} // namespace Shop::Http
