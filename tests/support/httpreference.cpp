#include "httpreference.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace Shop::Tests {

namespace {

// RFC 5234 core rules and RFC 9110 5.6 tokens.
bool isAlpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}
bool isTchar(char c)
{
    return isAlpha(c) || isDigit(c) || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}
bool isToken(QByteArrayView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const char c : text) {
        if (!isTchar(c)) {
            return false;
        }
    }
    return true;
}
bool isVchar(char c)
{
    return uchar(c) >= 0x21 && uchar(c) <= 0x7e;
}
bool isObsText(char c)
{
    return uchar(c) >= 0x80;
}
bool isWhitespace(char c) // SP / HTAB, the only OWS
{
    return c == ' ' || c == '\t';
}

QByteArrayView stripOws(QByteArrayView text)
{
    while (!text.isEmpty() && isWhitespace(text.front())) {
        text = text.sliced(1);
    }
    while (!text.isEmpty() && isWhitespace(text.back())) {
        text.chop(1);
    }
    return text;
}

// #rule list elements (RFC 9110 5.6.1), lower-cased, empty elements dropped.
QList<QByteArray> listElements(const QList<QByteArray> &fieldValues)
{
    QList<QByteArray> elements;
    for (const QByteArray &value : fieldValues) {
        for (const QByteArray &element : value.split(',')) {
            const QByteArrayView trimmed = stripOws(element);
            if (!trimmed.isEmpty()) {
                elements.append(trimmed.toByteArray().toLower());
            }
        }
    }
    return elements;
}

// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
// chunk-ext-val = token / quoted-string
class ExtensionReader
{
public:
    explicit ExtensionReader(QByteArrayView text)
        : m_text(text)
    { }

    bool read()
    {
        while (!atEnd()) {
            skipBws();
            if (!take(';')) {
                return false;
            }
            skipBws();
            if (!token()) {
                return false;
            }
            const qsizetype mark = m_pos;
            skipBws();
            if (!take('=')) {
                m_pos = mark;
                continue;
            }
            skipBws();
            if (!(peek('"') ? quotedString() : token())) {
                return false;
            }
        }
        return true;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    bool peek(char c) const { return !atEnd() && m_text.at(m_pos) == c; }
    bool take(char c)
    {
        if (!peek(c)) {
            return false;
        }
        ++m_pos;
        return true;
    }
    void skipBws()
    {
        while (!atEnd() && isWhitespace(m_text.at(m_pos))) {
            ++m_pos;
        }
    }
    bool token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTchar(m_text.at(m_pos))) {
            ++m_pos;
        }
        return m_pos > start;
    }
    // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
    bool quotedString()
    {
        take('"');
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '"') {
                return true;
            }
            if (c == '\\') { // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                if (atEnd()) {
                    return false;
                }
                const char escaped = m_text.at(m_pos++);
                if (!(isWhitespace(escaped) || isVchar(escaped) || isObsText(escaped))) {
                    return false;
                }
                continue;
            }
            // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
            if (!(isWhitespace(c) || isVchar(c) || isObsText(c))) {
                return false;
            }
        }
        return false;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

// Reads one stream front to back. Each step either advances, completes a request, refuses, or
// finds the stream ends too early.
class StreamReader
{
public:
    StreamReader(QByteArrayView stream, const ReferencePolicy &policy)
        : m_in(stream)
        , m_policy(policy)
    { }

    ReferenceOutcome run()
    {
        while (m_outcome.end == ReferenceOutcome::End::Idle) {
            // RFC 9112 2.2: empty lines received before the request-line are ignored.
            while (m_pos < m_in.size() && (m_in.at(m_pos) == '\r' || m_in.at(m_pos) == '\n')) {
                ++m_pos;
            }
            if (m_pos >= m_in.size()) {
                break;
            }
            if (!readRequest()) {
                break;
            }
        }
        return m_outcome;
    }

private:
    struct Field
    {
        QByteArray name; // lower case
        QByteArray value;
    };

    bool refuse(int status, const char *reason)
    {
        m_outcome.end = ReferenceOutcome::End::Refused;
        m_outcome.status = status;
        m_outcome.reason = reason;
        return false;
    }
    bool incomplete(QByteArray completion)
    {
        m_outcome.end = ReferenceOutcome::End::Incomplete;
        m_outcome.completion = std::move(completion);
        return false;
    }
    QByteArrayView rest() const { return m_in.sliced(m_pos); }

    // The head: from the request line to the first empty line (a line with nothing but its
    // terminator); returns its lines without terminators, a trailing CR removed once.
    std::optional<QList<QByteArrayView>> readHeadLines()
    {
        QList<QByteArrayView> lines;
        qsizetype lineStart = m_pos;
        for (qsizetype i = m_pos; i < m_in.size(); ++i) {
            if (i - m_pos + 1 > m_policy.maxHeaderBytes) {
                refuse(431, "head too large");
                return std::nullopt;
            }
            if (m_in.at(i) != '\n') {
                continue;
            }
            QByteArrayView line = m_in.sliced(lineStart, i - lineStart);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            lineStart = i + 1;
            if (line.isEmpty() && !lines.isEmpty()) {
                m_pos = i + 1;
                return lines;
            }
            lines.append(line);
        }
        if (m_in.size() - m_pos >= m_policy.maxHeaderBytes) {
            refuse(431, "head too large");
            return std::nullopt;
        }
        incomplete(QByteArrayLiteral("\r\n\r\n"));
        return std::nullopt;
    }

    bool readRequest()
    {
        const std::optional<QList<QByteArrayView>> lines = readHeadLines();
        if (!lines) {
            return false;
        }
        ReferenceRequest request;

        // request-line = method SP request-target SP HTTP-version (RFC 9112, 3)
        const QByteArrayView requestLine = lines->front();
        const qsizetype firstSpace = requestLine.indexOf(' ');
        const qsizetype secondSpace =
            firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
        if (firstSpace <= 0 || secondSpace < 0 || secondSpace == firstSpace + 1
            || requestLine.indexOf(' ', secondSpace + 1) >= 0) {
            return refuse(400, "malformed request line");
        }
        const QByteArrayView method = requestLine.first(firstSpace);
        const QByteArrayView target =
            requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
        const QByteArrayView version = requestLine.sliced(secondSpace + 1);
        if (!isToken(method) || method.size() > m_policy.maxMethodBytes) {
            return refuse(400, "malformed method");
        }
        for (const char c : target) { // framing only needs: no whitespace, no control
            if (!isVchar(c) && !isObsText(c)) {
                return refuse(400, "malformed target");
            }
        }
        if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version.at(5))
            || version.at(6) != '.' || !isDigit(version.at(7))) {
            return refuse(400, "malformed version");
        }
        if (version.at(5) != '1' || (version.at(7) != '0' && version.at(7) != '1')) {
            return refuse(505, "unsupported version");
        }
        request.method = method.toByteArray();
        request.target = target.toByteArray();
        request.minorVersion = version.at(7) - '0';

        // field-line = field-name ":" OWS field-value OWS (RFC 9112, 5)
        QList<Field> fields;
        for (qsizetype i = 1; i < lines->size(); ++i) {
            const QByteArrayView line = lines->at(i);
            if (isWhitespace(line.front())) {
                return refuse(400, "obs-fold");
            }
            const qsizetype colon = line.indexOf(':');
            if (colon < 0 || !isToken(line.first(colon))) {
                return refuse(400, "malformed field line");
            }
            if (line.size() > m_policy.maxFieldLineBytes) {
                return refuse(431, "field line too long");
            }
            const QByteArrayView value = stripOws(line.sliced(colon + 1));
            for (const char c : value) {
                if (!isVchar(c) && !isObsText(c) && !isWhitespace(c)) {
                    return refuse(400, "control character in a field value");
                }
            }
            if (fields.size() >= m_policy.maxFields) {
                return refuse(431, "too many fields");
            }
            fields.append({line.first(colon).toByteArray().toLower(), value.toByteArray()});
        }
        const auto valuesOf = [&fields](QByteArrayView name) {
            QList<QByteArray> values;
            for (const Field &field : fields) {
                if (field.name == name) {
                    values.append(field.value);
                }
            }
            return values;
        };

        if (request.minorVersion == 1 && valuesOf("host").size() != 1) {
            return refuse(400, "Host missing or repeated");
        }

        // RFC 9112 6.3: message body length.
        const QList<QByteArray> lengths = valuesOf("content-length");
        std::optional<qint64> length;
        for (const QByteArray &value : lengths) {
            if (value.isEmpty() || !std::all_of(value.begin(), value.end(), isDigit)
                || value != lengths.front()) {
                return refuse(400, "invalid Content-Length");
            }
        }
        if (!lengths.isEmpty()) {
            QByteArrayView digits = lengths.front();
            while (digits.size() > 1 && digits.front() == '0') {
                digits = digits.sliced(1);
            }
            length = digits.size() > 18 ? std::numeric_limits<qint64>::max() : digits.toLongLong();
        }
        bool chunked = false;
        bool hasTransferEncoding = false;
        for (const Field &field : fields) {
            hasTransferEncoding = hasTransferEncoding || field.name == "transfer-encoding";
        }
        if (hasTransferEncoding) {
            const QList<QByteArray> codings = listElements(valuesOf("transfer-encoding"));
            if (request.minorVersion == 0) {
                return refuse(400, "Transfer-Encoding in HTTP/1.0");
            }
            if (!codings.isEmpty() && !codings.contains(QByteArrayLiteral("chunked"))) {
                return refuse(501, "unsupported transfer coding"); // policy: 501, not 400
            }
            if (codings.isEmpty() || codings.back() != "chunked"
                || codings.count(QByteArrayLiteral("chunked")) != 1) {
                return refuse(400, "chunked not applied once, last");
            }
            if (codings.size() > 1) {
                return refuse(501, "unsupported transfer coding");
            }
            if (length) {
                return refuse(400, "Content-Length with Transfer-Encoding");
            }
            chunked = true;
        }

        const QList<QByteArray> connection = listElements(valuesOf("connection"));
        const bool keepAlive = request.minorVersion == 1
            ? !connection.contains(QByteArrayLiteral("close"))
            : connection.contains(QByteArrayLiteral("keep-alive"));
        bool upgradeMentioned = false;
        for (const QByteArray &option : connection) {
            upgradeMentioned = upgradeMentioned || option.contains("upgrade");
        }
        if (upgradeMentioned
            && listElements(valuesOf("upgrade")).contains(QByteArrayLiteral("websocket"))) {
            return refuse(400, "websocket upgrade");
        }
        const QList<QByteArray> expect = valuesOf("expect");
        if (!expect.isEmpty() && !stripOws(expect.front()).isEmpty()
            && stripOws(expect.front()).toByteArray().toLower() != "100-continue") {
            return refuse(417, "unsupported expectation");
        }
        if (length && *length > m_policy.maxBodyBytes) {
            return refuse(413, "body too large");
        }

        if (chunked) {
            if (!readChunkedBody(request.body)) {
                return false;
            }
        } else if (length && *length > 0) {
            if (rest().size() < *length) {
                return incomplete(QByteArray(*length - rest().size(), 'x'));
            }
            request.body = rest().first(*length).toByteArray();
            m_pos += *length;
        }
        request.end = m_pos;
        m_outcome.requests.append(request);
        if (!keepAlive) {
            m_outcome.end = ReferenceOutcome::End::Closed;
            return false;
        }
        return true;
    }

    bool countFraming(qsizetype bytes)
    {
        m_framing += bytes;
        return m_framing <= m_policy.maxBodyBytes + m_policy.maxChunkFramingExtra;
    }

    // chunked-body = *chunk last-chunk trailer-section CRLF (RFC 9112, 7.1)
    bool readChunkedBody(QByteArray &body)
    {
        qint64 total = 0;
        m_framing = 0;
        for (;;) {
            // chunk-size [ chunk-ext ] CRLF
            const qsizetype newline = rest().indexOf('\n');
            if (newline < 0 || newline + 1 > m_policy.maxChunkLineBytes) {
                if (rest().size() >= m_policy.maxChunkLineBytes) {
                    return refuse(400, "chunk line too long");
                }
                return incomplete(QByteArrayLiteral("\r\n"));
            }
            const QByteArrayView line = rest().first(newline + 1);
            m_pos += newline + 1;
            if (!countFraming(line.size())) {
                return refuse(413, "chunk framing too large");
            }
            if (!line.endsWith("\r\n")) {
                return refuse(400, "chunk line without CRLF");
            }
            const QByteArrayView content = line.first(line.size() - 2);
            qsizetype digits = 0;
            while (digits < content.size() && isHexDigit(content.at(digits))) {
                ++digits;
            }
            if (digits == 0 || !ExtensionReader(content.sliced(digits)).read()) {
                return refuse(400, "malformed chunk size or extension");
            }
            QByteArrayView hex = content.first(digits);
            while (hex.size() > 1 && hex.front() == '0') {
                hex = hex.sliced(1);
            }
            const qint64 size =
                hex.size() > 15 ? std::numeric_limits<qint64>::max() : hex.toLongLong(nullptr, 16);
            if (size == 0) {
                // trailer-section CRLF: the server supports no trailer fields.
                if (rest().size() < 2) {
                    if (rest().isEmpty() || rest() == "\r") {
                        return incomplete(rest().isEmpty() ? QByteArrayLiteral("\r\n")
                                                           : QByteArrayLiteral("\n"));
                    }
                    return refuse(400, "trailer fields");
                }
                if (!rest().startsWith("\r\n")) {
                    return refuse(400, "trailer fields");
                }
                if (!countFraming(2)) {
                    return refuse(413, "chunk framing too large");
                }
                m_pos += 2;
                return true;
            }
            if (size > m_policy.maxBodyBytes - total) {
                return refuse(413, "chunked body too large");
            }
            total += size;
            if (rest().size() < size) {
                return incomplete(QByteArray(size - rest().size(), 'x') + "\r\n");
            }
            body.append(rest().first(size));
            m_pos += size;
            if (rest().size() < 2) {
                if (rest().isEmpty() || rest() == "\r") {
                    return incomplete(rest().isEmpty() ? QByteArrayLiteral("\r\n")
                                                       : QByteArrayLiteral("\n"));
                }
                return refuse(400, "chunk data without CRLF");
            }
            if (!rest().startsWith("\r\n")) {
                return refuse(400, "chunk data without CRLF");
            }
            if (!countFraming(2)) {
                return refuse(413, "chunk framing too large");
            }
            m_pos += 2;
        }
    }

    QByteArrayView m_in;
    const ReferencePolicy &m_policy;
    qsizetype m_pos = 0;
    qint64 m_framing = 0; // chunk framing bytes of the body being read
    ReferenceOutcome m_outcome;
};

} // namespace

ReferenceOutcome readRequestStream(QByteArrayView stream, const ReferencePolicy &policy)
{
    return StreamReader(stream, policy).run();
}

} // namespace Shop::Tests
