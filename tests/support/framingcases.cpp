#include "framingcases.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

namespace Shop::Tests {

namespace {

const QByteArray kClosing =
    QByteArrayLiteral("GET /closing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
const QByteArrayList kMethods {"GET", "GET",    "GET",   "POST",    "POST",
                               "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
const QByteArray kTargetChars =
    QByteArrayLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~");

QByteArray digest(QByteArrayView body)
{
    return QByteArray::number(body.size()) + ' '
        + QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex();
}

// ---- generation -------------------------------------------------------------------------

struct Field
{
    QByteArray name;
    QByteArray value;
    bool raw = false; // the name is the whole line
};

// One request before serialisation; mutations change it or its bytes.
struct Spec
{
    QByteArray method = "GET";
    QByteArray target = "/";
    QByteArray version = "HTTP/1.1";
    QList<Field> fields;
    enum class Body { None, Length, Chunked } bodyKind = Body::None;
    QByteArray body;
    QByteArrayList chunkLines; // chunked: each chunk's size line content (no CRLF)
    QList<qsizetype> chunkSizes; // chunked: the data size each line announces
    QByteArray lastChunk = "0";
    QByteArray trailer; // chunked: bytes between the last chunk line and the final CRLF
    QByteArray eol = "\r\n"; // head line ends
    QByteArray chunkEol = "\r\n";
    QByteArray dataEnd = "\r\n"; // after each chunk's data
};

QByteArray randomWord(FramingRandom &random, int minLength, int maxLength)
{
    QByteArray word;
    const int length = minLength + random.below(maxLength - minLength + 1);
    for (int i = 0; i < length; ++i) {
        word += kTargetChars.at(random.below(int(kTargetChars.size())));
    }
    return word;
}

QByteArray randomTarget(FramingRandom &random)
{
    QByteArray target = random.chance(25) ? QByteArrayLiteral("/w") : QByteArray();
    const int segments = 1 + random.below(3);
    for (int i = 0; i < segments; ++i) {
        target += '/' + randomWord(random, 1, 8);
    }
    if (random.chance(30)) {
        target += '?' + randomWord(random, 1, 5) + '=' + randomWord(random, 0, 6);
    }
    return target;
}

QByteArray randomBody(FramingRandom &random)
{
    const int size = random.chance(10) ? 200 + random.below(2000) : random.below(120);
    QByteArray body;
    body.reserve(size);
    for (int i = 0; i < size; ++i) {
        // Bodies that look like requests and line ends make boundary mistakes visible.
        static const QByteArray pieces[] = {"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n",
                                            "0\r\n\r\n", "x"};
        const QByteArray &piece = pieces[random.below(4)];
        body += piece;
        i += int(piece.size()) - 1;
    }
    body.truncate(size);
    return body;
}

QByteArray hexSize(FramingRandom &random, qsizetype size)
{
    QByteArray hex = QByteArray::number(size, 16);
    if (random.chance(20)) {
        hex = hex.toUpper();
    }
    if (random.chance(10)) {
        hex.prepend(QByteArray(1 + random.below(4), '0'));
    }
    return hex;
}

QByteArray validExtension(FramingRandom &random)
{
    switch (random.below(5)) {
    case 0:
        return ";" + randomWord(random, 1, 6);
    case 1:
        return ";" + randomWord(random, 1, 4) + '=' + randomWord(random, 1, 6);
    case 2:
        return " ; name = \"quoted \\\" ;\\\\ value\"";
    case 3:
        return ";a=1;b;c=\"\"";
    default:
        return "\t;ext";
    }
}

void encodeChunks(FramingRandom &random, Spec &spec)
{
    spec.chunkLines.clear();
    spec.chunkSizes.clear();
    qsizetype at = 0;
    while (at < spec.body.size()) {
        const qsizetype size = std::min<qsizetype>(spec.body.size() - at,
                                                   1 + random.below(random.chance(50) ? 8 : 300));
        QByteArray line = hexSize(random, size);
        if (random.chance(15)) {
            line += validExtension(random);
        }
        spec.chunkLines.append(line);
        spec.chunkSizes.append(size);
        at += size;
    }
    spec.lastChunk = random.chance(10) ? QByteArrayLiteral("000") : QByteArrayLiteral("0");
    if (random.chance(10)) {
        spec.lastChunk += validExtension(random);
    }
}

Spec randomSpec(FramingRandom &random)
{
    Spec spec;
    spec.method = random.pick(kMethods);
    spec.target = randomTarget(random);
    if (random.chance(4)) {
        spec.version = "HTTP/1.0";
        if (random.chance(60)) {
            spec.fields.append(Field {"Connection", "keep-alive"});
        }
    } else {
        spec.fields.append(Field {random.chance(80) ? "Host" : "host", "example.test"});
    }
    const int extra = random.below(4);
    for (int i = 0; i < extra; ++i) {
        static const QByteArrayList names {"Accept",          "X-Trace", "User-Agent",
                                           "Accept-Language", "X-Empty", "Cache-Control"};
        QByteArray value = random.chance(10) ? QByteArray() : randomWord(random, 1, 20);
        if (random.chance(10)) {
            value = " \t" + value + "\t "; // OWS around the value
        }
        if (random.chance(5)) {
            value += "\xc3\xa9\x80"; // obs-text
        }
        spec.fields.append(Field {random.pick(names), value});
    }
    if (spec.version == "HTTP/1.1" && random.chance(5)) {
        spec.fields.append(Field {"Connection", "keep-alive"});
    }
    const int body = random.below(100);
    if (body < 35) {
        spec.bodyKind = Spec::Body::Length;
        spec.body = randomBody(random);
    } else if (body < 55 && spec.version == "HTTP/1.1") {
        spec.bodyKind = Spec::Body::Chunked;
        spec.body = randomBody(random);
        encodeChunks(random, spec);
    }
    if (spec.bodyKind != Spec::Body::None && spec.version == "HTTP/1.1" && random.chance(10)) {
        spec.fields.append(Field {"Expect", "100-continue"});
    }
    if (random.chance(8)) {
        spec.eol = "\n"; // bare LF ends head lines: tolerated
    }
    return spec;
}

QByteArray serialize(const Spec &spec)
{
    QByteArray out = spec.method + ' ' + spec.target + ' ' + spec.version + spec.eol;
    bool hasLength = false;
    bool hasCoding = false;
    for (const Field &field : spec.fields) {
        hasLength = hasLength || field.name.compare("content-length", Qt::CaseInsensitive) == 0;
        hasCoding = hasCoding || field.name.compare("transfer-encoding", Qt::CaseInsensitive) == 0;
    }
    QList<Field> fields = spec.fields;
    if (spec.bodyKind == Spec::Body::Length && !hasLength) {
        fields.append(Field {"Content-Length", QByteArray::number(spec.body.size())});
    }
    if (spec.bodyKind == Spec::Body::Chunked && !hasCoding) {
        fields.append(Field {"Transfer-Encoding", "chunked"});
    }
    for (const Field &field : fields) {
        if (field.raw) {
            out += field.name + spec.eol;
        } else {
            out += field.name + ':' + (field.value.isEmpty() ? "" : " ") + field.value + spec.eol;
        }
    }
    out += spec.eol;
    if (spec.bodyKind == Spec::Body::Length) {
        out += spec.body;
    } else if (spec.bodyKind == Spec::Body::Chunked) {
        qsizetype at = 0;
        for (qsizetype i = 0; i < spec.chunkLines.size(); ++i) {
            out += spec.chunkLines.at(i) + spec.chunkEol;
            out += spec.body.mid(at, spec.chunkSizes.at(i)) + spec.dataEnd;
            at += spec.chunkSizes.at(i);
        }
        out += spec.lastChunk + spec.chunkEol + spec.trailer + "\r\n";
    }
    return out;
}

void makeLengthBody(FramingRandom &random, Spec &spec)
{
    if (spec.bodyKind != Spec::Body::Length) {
        spec.bodyKind = Spec::Body::Length;
        spec.body = randomBody(random);
        if (spec.body.isEmpty()) {
            spec.body = "abc";
        }
    }
}

void makeChunkedBody(FramingRandom &random, Spec &spec)
{
    spec.version = "HTTP/1.1";
    bool hasHost = false;
    for (const Field &field : spec.fields) {
        hasHost = hasHost || field.name.compare("host", Qt::CaseInsensitive) == 0;
    }
    if (!hasHost) {
        spec.fields.append(Field {"Host", "h"});
    }
    if (spec.bodyKind != Spec::Body::Chunked || spec.body.isEmpty()) {
        spec.bodyKind = Spec::Body::Chunked;
        spec.body = randomBody(random) + "body";
        encodeChunks(random, spec);
    }
}

// Applies one adversarial change to the request; returns its name. Some are valid on purpose
// (the reference decides).
QByteArray mutate(FramingRandom &random, Spec &spec, QByteArray &bytes, int &kind,
                  const ReferencePolicy &policy)
{
    kind = random.below(44);
    switch (kind) {
    case 0:
        makeLengthBody(random, spec);
        spec.fields.append(Field {"Content-Length", QByteArray::number(spec.body.size())});
        spec.fields.append(Field {"content-length", QByteArray::number(spec.body.size())});
        return "duplicate equal Content-Length";
    case 1:
        makeLengthBody(random, spec);
        spec.fields.append(Field {"Content-Length", QByteArray::number(spec.body.size())});
        spec.fields.append(Field {"Content-Length", QByteArray::number(spec.body.size() + 1)});
        return "conflicting Content-Length";
    case 2:
        makeLengthBody(random, spec);
        spec.fields.append(Field {"Content-Length",
                                  QByteArray::number(spec.body.size()) + ", "
                                      + QByteArray::number(spec.body.size())});
        return "Content-Length list";
    case 3:
        if (random.chance(50)) {
            makeChunkedBody(random, spec);
            spec.fields.append(Field {"Content-Length", QByteArray::number(random.below(20))});
        } else {
            makeLengthBody(random, spec);
            spec.fields.append(Field {"Transfer-Encoding", "chunked"});
        }
        return "Content-Length with Transfer-Encoding";
    case 4: {
        makeChunkedBody(random, spec);
        static const QByteArrayList codings {
            "gzip",        "gzip, chunked",    "chunked, gzip", "chunked, chunked",
            "identity",    " chunked ",        "Chunked",       "CHUNKED",
            "xchunked",    "chunked;q=1",      ",chunked,",     "",
            "chunked\x0b", "identity, chunked"};
        const QByteArray coding = random.pick(codings);
        spec.fields.append(Field {"Transfer-Encoding", coding});
        return "Transfer-Encoding: " + coding;
    }
    case 5:
        spec.fields.append(Field {"X-Folded", "first"});
        spec.fields.append(Field {random.chance(50) ? " folded" : "\tfolded", QByteArray(), true});
        return "obs-fold";
    case 6:
        makeChunkedBody(random, spec);
        if (random.chance(50)) {
            spec.chunkEol = "\n";
        } else {
            spec.dataEnd = "\n";
        }
        return "bare LF in chunked framing";
    case 7:
        spec.fields.append(Field {"X-Cr", random.chance(50) ? "a\rb" : "a\r"});
        return "bare CR in a field value";
    case 8:
        makeChunkedBody(random, spec);
        spec.chunkLines[0] = random.pick(QByteArrayList {
            "ffffffffffffffffffff", "10000000000000000", "7fffffffffffffff",
            QByteArray::number(policy.maxBodyBytes + 1, 16), "0000000000000000000000001"});
        return "huge chunk size " + spec.chunkLines[0];
    case 9:
        makeChunkedBody(random, spec);
        spec.chunkLines[0] = random.pick(
            QByteArrayList {"0x5", "5 ", " 5", "-5", "z", "+5", "", "5\x01", "5\r", "5 5", "0x0"});
        return "invalid chunk size '" + spec.chunkLines[0] + "'";
    case 10:
        makeChunkedBody(random, spec);
        spec.chunkLines[0] += random.pick(
            QByteArrayList {";", "; =x", ";a=\"b", ";a=b c", ";a=", "ext", ";a=\"\x01\"", ";a\"",
                            ";a=b;", "; a = b", ";\x80", ";a=\"\\\x80\""});
        return "chunk extension '" + spec.chunkLines[0] + "'";
    case 11:
        makeChunkedBody(random, spec);
        spec.trailer = random.pick(QByteArrayList {"X-Sum: 1\r\n", "X: y\r\nZ: w\r\n", "\r\r\n",
                                                   "Content-Length: 5\r\n", "x"});
        return "trailer section";
    case 12:
        makeChunkedBody(random, spec);
        spec.chunkSizes[0] += random.chance(50) ? 1 : -1;
        if (spec.chunkSizes[0] < 0) {
            spec.chunkSizes[0] = 0;
        }
        return "chunk data longer or shorter than its size";
    case 13: {
        makeLengthBody(random, spec);
        const qsizetype delta = 1 + random.below(40);
        const qsizetype length = random.chance(50)
            ? spec.body.size() + delta
            : std::max<qsizetype>(0, spec.body.size() - delta);
        spec.fields.append(Field {"Content-Length", QByteArray::number(length)});
        return "Content-Length off by " + QByteArray::number(length - spec.body.size());
    }
    case 14:
        if (random.chance(50)) {
            spec.fields.removeIf([](const Field &field) {
                return field.name.compare("host", Qt::CaseInsensitive) == 0;
            });
            return "no Host";
        }
        spec.fields.append(Field {"Host", "other.test"});
        return "two Host fields";
    case 15:
        spec.fields.append(Field {random.chance(50) ? "X-Space " : "Content-Length\t", "1"});
        return "whitespace before the colon";
    case 16:
        spec.fields.append(Field {random.chance(50) ? "X-No-Colon" : "X-No-Colon value", {}, true});
        return "field line without a colon";
    case 17:
        spec.fields.append(Field {
            "X-Ctl",
            QByteArray("a") + char(random.pick(QList<int> {0, 1, 0x0b, 0x0c, 0x1f, 0x7f})) + "b"});
        return "control character in a value";
    case 18: {
        const int length = policy.maxFieldLineBytes - 1 + random.below(3);
        spec.fields.append(Field {"X-Long", QByteArray(length - 8, 'l')});
        return "field line of " + QByteArray::number(length) + " bytes";
    }
    case 19:
        makeLengthBody(random, spec);
        spec.fields.append(
            {"Content-Length",
             random.chance(50)
                 ? QByteArray(3 + random.below(30), '0') + QByteArray::number(spec.body.size())
                 : QByteArray("1") + QByteArray(19 + random.below(5), '0')});
        return "long Content-Length";
    case 20:
        makeLengthBody(random, spec);
        spec.fields.append(
            Field {"Content-Length",
                   random.pick(QByteArrayList {"+3", "-1", "3a", "0x3", "3 3", "", "３"})});
        return "malformed Content-Length";
    case 21: {
        static const QByteArrayList versions {"HTTP/1.2",  "HTTP/2.0", "http/1.1", "HTTP/1.1 ",
                                              "HTTP/1",    "HTTP/11",  "HTTP/a.b", "HTTP/1.1\r",
                                              "HTTPS/1.1", "HTTP/0.9", ""};
        spec.version = random.pick(versions);
        return "version '" + spec.version + "'";
    }
    case 22:
        spec.method = random.pick(QByteArrayList {"G(T", "GET\t", "", QByteArray(33, 'M'),
                                                  QByteArray(32, 'M'), "GE T", "G\x80T"});
        return "method '" + spec.method + "'";
    case 23:
        bytes = random.pick(QByteArrayList {" ", "\t", "\x0b", "\r\n\r\n", "\n\n\n", "\r"});
        return "before the request line: '" + bytes + "'";
    case 24:
        spec.target =
            random.pick(QByteArrayList {"/a b", "/a\tb", "/a\x7f", "/a\x01", "", "/\xc3\xa9",
                                        "/a%20b", "http://h.test/abs", "*", "/a#frag"});
        return "target '" + spec.target + "'";
    case 25:
        spec.fields.append(
            Field {"Connection",
                   random.pick(QByteArrayList {"Upgrade", "x-upgrade", "keep-alive, upgrade"})});
        spec.fields.append(Field {
            "Upgrade",
            random.pick(QByteArrayList {"websocket", "WebSocket", "h2c", "websocket, h2c"})});
        return "upgrade";
    case 26:
        spec.fields.append(
            Field {"Expect", random.pick(QByteArrayList {"magic", "100-continue", "200-ok", " "})});
        return "Expect";
    case 27:
        spec.fields.append(Field {
            "Connection", random.pick(QByteArrayList {"close", "Close", "keep-alive, close"})});
        return "Connection: close mid-stream";
    case 28:
        makeLengthBody(random, spec);
        spec.fields.append(Field {
            "Content-Length", QByteArray::number(policy.maxBodyBytes + 1 + random.below(1000))});
        return "Content-Length over the limit";
    case 29:
        makeChunkedBody(random, spec);
        spec.chunkLines.append(QByteArray::number(policy.maxBodyBytes, 16));
        spec.chunkSizes.append(0);
        return "chunks over the limit";
    case 30:
        for (int i = 0; i < policy.maxFields - 1 + random.below(3); ++i) {
            spec.fields.append(Field {"F" + QByteArray::number(i), "v"});
        }
        return "about the maximum number of fields";
    case 31: {
        const int size = policy.maxHeaderBytes - 60 + random.below(120);
        int remaining = size;
        while (remaining > 0) {
            const int piece = std::min(remaining, 4000);
            spec.fields.append(Field {"X-Pad", QByteArray(piece, 'p')});
            remaining -= piece;
        }
        return "head about the size limit";
    }
    case 32:
        spec.version = "HTTP/1.0";
        makeChunkedBody(random, spec);
        spec.version = "HTTP/1.0";
        return "Transfer-Encoding in HTTP/1.0";
    case 33:
        spec.eol = random.chance(50) ? "\n" : "\r\r\n";
        return "head line ends '" + spec.eol + "'";
    case 34:
        makeChunkedBody(random, spec);
        spec.trailer = QByteArray();
        bytes = "no-final-crlf";
        return "no CRLF after the last chunk";
    case 35:
        spec.fields.append(Field {"X-Colon", "a:b: c"});
        spec.fields.append(Field {"X-Tab", "a\tb"});
        return "valid odd values";
    case 36:
        spec.fields.append(Field {QByteArray(), "empty name"});
        return "empty field name";
    case 37:
        spec.fields.append(Field {"X@Y", "1"});
        return "invalid field name";
    default: {
        // Byte-level fuzz anywhere after the request line.
        bytes = "fuzz";
        return "fuzz";
    }
    }
}

QByteArray fuzz(FramingRandom &random, QByteArray bytes, QByteArray &note)
{
    const qsizetype lineEnd = bytes.indexOf('\n');
    if (lineEnd < 0 || lineEnd + 1 >= bytes.size()) {
        return bytes;
    }
    static const QByteArray interesting = QByteArrayLiteral("\r\n \t:;0\x00x\x7f\x80,\"");
    const int edits = 1 + random.below(3);
    for (int i = 0; i < edits; ++i) {
        const qsizetype at = lineEnd + 1 + random.below(int(bytes.size() - lineEnd - 1));
        const char c = interesting.at(random.below(int(interesting.size())));
        switch (random.below(3)) {
        case 0:
            bytes[at] = c;
            note += " set@" + QByteArray::number(at);
            break;
        case 1:
            bytes.insert(at, c);
            note += " insert@" + QByteArray::number(at);
            break;
        default:
            bytes.remove(at, 1);
            note += " delete@" + QByteArray::number(at);
            break;
        }
    }
    return bytes;
}

// ---- the client -------------------------------------------------------------------------

struct Answer
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }
};

class Client final
{
public:
    explicit Client(quint16 port)
        : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        timeval timeout {0, 200 * 1000};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~Client() { ::close(m_fd); }
    Q_DISABLE_COPY_MOVE(Client)

    bool isConnected() const { return m_connected; }
    bool send(QByteArrayView bytes)
    {
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n =
                ::send(m_fd, bytes.data() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n <= 0) {
                return false; // the server may have closed already: fine, read what it said
            }
            done += n;
        }
        return true;
    }
    // Everything until EOF; false on timeout (the server did not close).
    bool readToEnd(QByteArray &out, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        char buffer[16384];
        while (clock.elapsed() < timeoutMs) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n == 0) {
                return true;
            }
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    continue;
                }
                return errno == ECONNRESET;
            }
            out.append(buffer, n);
        }
        return false;
    }

private:
    int m_fd;
    bool m_connected = false;
};

// Splits the received bytes into answers; a HEAD request's answer has no body. Interim (1xx)
// answers are dropped.
QList<Answer> parseAnswers(QByteArray data, const QList<ReferenceRequest> &requests,
                           QString &trouble)
{
    QList<Answer> answers;
    while (!data.isEmpty()) {
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            trouble = QStringLiteral("an incomplete answer head: ")
                + QString::fromLatin1(escapedBytes(data, 200));
            break;
        }
        const QByteArrayList lines = data.left(headEnd).split('\n');
        Answer answer;
        answer.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0) {
                answer.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
            }
        }
        data.remove(0, headEnd + 4);
        if (answer.status >= 100 && answer.status < 200) {
            continue;
        }
        const qsizetype index = answers.size();
        // A HEAD request's answer has no body whatever its status; so has a refused HEAD
        // request's (the last answer, the reference does not list its method).
        const bool head = index < requests.size() && requests.at(index).method == "HEAD";
        qsizetype length = (head || answer.status == 204 || answer.status == 304)
            ? 0
            : answer.header("content-length").toLongLong();
        if (index == requests.size() && data.isEmpty()) {
            length = 0;
        }
        if (data.size() < length) {
            trouble = QStringLiteral("a truncated answer body");
            break;
        }
        answer.body = data.left(length);
        data.remove(0, length);
        answers.append(answer);
    }
    return answers;
}

// What the echo handler sees as the target, when the generator's simple form makes that
// predictable (otherwise the router may also refuse the target: any answer is accepted).
std::optional<QByteArray> expectedEchoTarget(const QByteArray &target)
{
    if (!target.startsWith('/')) {
        return std::nullopt;
    }
    for (const char c : target) {
        if (!kTargetChars.contains(c) && c != '/' && c != '?' && c != '=') {
            return std::nullopt;
        }
    }
    const qsizetype query = target.indexOf('?');
    for (const QByteArray &segment : (query < 0 ? target : target.left(query)).split('/')) {
        if (segment == "." || segment == "..") {
            return std::nullopt;
        }
    }
    return target.endsWith('?') ? target.chopped(1) : target;
}

} // namespace

quint64 FramingRandom::next()
{
    m_state += 0x9e3779b97f4a7c15ULL;
    quint64 z = m_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

quint64 framingCaseSeed(quint64 runSeed, quint64 index)
{
    FramingRandom random(runSeed ^ (index * 0xd1342543de82ef95ULL));
    return random.next();
}

QByteArray closedStream(QByteArray stream, const ReferencePolicy &policy)
{
    stream += kClosing;
    for (int round = 0; round < 8; ++round) {
        const ReferenceOutcome outcome = readRequestStream(stream, policy);
        if (outcome.end == ReferenceOutcome::End::Incomplete) {
            stream += outcome.completion + kClosing;
        } else if (outcome.end == ReferenceOutcome::End::Idle) {
            stream += kClosing;
        } else {
            break;
        }
    }
    return stream;
}

FramingCase generateFramingCase(quint64 seed, const ReferencePolicy &policy)
{
    FramingRandom random(seed);
    FramingCase result;
    result.seed = seed;
    const int count = 1 + random.below(4);
    const int mutated = random.chance(60) ? random.below(count) : -1; // one request at most
    QByteArray stream;
    for (int i = 0; i < count; ++i) {
        Spec spec = randomSpec(random);
        QByteArray note = "r" + QByteArray::number(i) + ": " + spec.method + ' '
            + (spec.bodyKind == Spec::Body::Chunked
                   ? "chunked"
                   : (spec.bodyKind == Spec::Body::Length ? "length" : "no body"));
        QByteArray prefix;
        QByteArray special;
        int kind = -1;
        if (i == mutated) {
            note += ", " + mutate(random, spec, special, kind, policy);
            if (kind == 23) {
                prefix = special;
            }
        }
        QByteArray bytes = serialize(spec);
        if (special == "no-final-crlf") {
            bytes.chop(2);
        } else if (special == "fuzz") {
            bytes = fuzz(random, bytes, note);
        }
        if (random.chance(5)) {
            prefix += "\r\n"; // an empty line between requests: ignored
        }
        stream += prefix + bytes;
        result.notes.append(note);
    }
    result.stream = closedStream(stream, policy);

    const int plan = random.below(100);
    if (plan < 45) {
        // one write
    } else if (plan < 80) {
        const int splits = 1 + random.below(4);
        for (int i = 0; i < splits; ++i) {
            result.splits.append(1 + random.below(int(result.stream.size()) - 1));
        }
    } else if (result.stream.size() > 2000) {
        for (int i = 0; i < 8; ++i) {
            result.splits.append(1 + random.below(int(result.stream.size()) - 1));
        }
    } else if (plan < 93 || result.stream.size() > 600) {
        const int piece = 1 + random.below(7);
        for (qsizetype at = piece; at < result.stream.size(); at += piece) {
            result.splits.append(at);
        }
    } else {
        result.trickle = true;
    }
    std::sort(result.splits.begin(), result.splits.end());
    result.splits.erase(std::unique(result.splits.begin(), result.splits.end()),
                        result.splits.end());
    return result;
}

Http::Router makeEchoRouter()
{
    Http::Router router;
    const auto echo = [](const Http::Request &request) -> Http::Reply {
        const QByteArray target = request.path.toUtf8()
            + (request.rawQuery.isEmpty() ? QByteArray() : QByteArray("?" + request.rawQuery));
        const QByteArray body = digest(request.body);
        Http::Response response = Http::Response::bytes(QByteArrayLiteral("text/plain"), body);
        response.setHeader(QByteArrayLiteral("X-Echo-Method"), request.method);
        response.setHeader(QByteArrayLiteral("X-Echo-Target"), target);
        response.setHeader(QByteArrayLiteral("X-Echo-Body"), body);
        return response;
    };
    QByteArrayList methods;
    for (const QByteArray &method : kMethods) {
        if (method != "HEAD" && !methods.contains(method)) { // HEAD: served by the GET route
            methods.append(method);
        }
    }
    for (const QByteArray &method : std::as_const(methods)) {
        router.add({method, QStringLiteral("/"), echo, Http::Execution::EventLoop, {}});
        router.add({method, QStringLiteral("/{rest...}"), echo, Http::Execution::EventLoop, {}});
        router.add({method, QStringLiteral("/w/{rest...}"), echo, Http::Execution::WorkerPool, {}});
    }
    return router;
}

Server::HttpConfig framingServerConfig(const ReferencePolicy &policy)
{
    Server::HttpConfig config;
    config.maxBodyBytes = policy.maxBodyBytes;
    config.maxHeaderBytes = policy.maxHeaderBytes;
    // Long enough for a stream written in 1-byte pieces on a loaded machine (the slow-body rule
    // wants 1 KiB per window); a stream the reference reads as incomplete waits this long.
    config.headerTimeoutMs = 2000;
    config.idleTimeoutMs = 3000;
    config.maxConnections = 1000;
    config.maxQueuedRequests = 1000;
    return config;
}

FramingResult runFramingCase(quint16 port, const FramingCase &framingCase,
                             const ReferencePolicy &policy, int pauseUs)
{
    FramingResult result;
    const auto fail = [&result](const QString &finding) {
        result.ok = false;
        result.finding = finding;
        return result;
    };
    const ReferenceOutcome expected = readRequestStream(framingCase.stream, policy);

    Client client(port);
    if (!client.isConnected()) {
        return fail(QStringLiteral("cannot connect"));
    }
    const QByteArrayView stream = framingCase.stream;
    QList<qsizetype> cuts = framingCase.splits;
    if (framingCase.trickle) {
        cuts.clear();
        for (qsizetype i = 1; i < stream.size(); ++i) {
            cuts.append(i);
        }
    }
    qsizetype from = 0;
    cuts.append(stream.size());
    for (const qsizetype cut : std::as_const(cuts)) {
        if (cut <= from) {
            continue;
        }
        if (!client.send(stream.sliced(from, cut - from))) {
            break;
        }
        from = cut;
        if (cut < stream.size() && pauseUs > 0) {
            ::usleep(useconds_t(pauseUs));
        }
    }
    QByteArray received;
    const bool closed = client.readToEnd(received, 4000);

    QString trouble;
    const QList<Answer> answers = parseAnswers(received, expected.requests, trouble);
    result.answers = int(answers.size());
    if (!trouble.isEmpty()) {
        return fail(trouble);
    }
    for (qsizetype i = 0; i < expected.requests.size(); ++i) {
        const ReferenceRequest &request = expected.requests.at(i);
        if (i >= answers.size()) {
            return fail(QStringLiteral("%1 answers, expected %2 requests answered first (missing "
                                       "the answer to %3 %4)")
                            .arg(answers.size())
                            .arg(expected.requests.size())
                            .arg(QString::fromLatin1(request.method),
                                 QString::fromLatin1(escapedBytes(request.target, 80))));
        }
        const Answer &answer = answers.at(i);
        if (!kMethods.contains(request.method)) {
            // A method no route has (a shifted boundary can make one): 405 from the router.
            if (answer.status != 405 && answer.status != 404 && answer.status != 400) {
                return fail(QStringLiteral("answer %1 is %2 for the method %3")
                                .arg(i)
                                .arg(answer.status)
                                .arg(QString::fromLatin1(escapedBytes(request.method, 40))));
            }
            continue;
        }
        const std::optional<QByteArray> target = expectedEchoTarget(request.target);
        const bool echoed = answer.status == 200 && !answer.header("x-echo-method").isEmpty();
        if (target && !echoed) {
            return fail(QStringLiteral("answer %1 is %2, expected the echo of %3 %4")
                            .arg(i)
                            .arg(answer.status)
                            .arg(QString::fromLatin1(request.method),
                                 QString::fromLatin1(escapedBytes(request.target, 80))));
        }
        if (!target && !echoed && answer.status != 400 && answer.status != 404) {
            return fail(QStringLiteral("answer %1 is %2 for the target %3")
                            .arg(i)
                            .arg(answer.status)
                            .arg(QString::fromLatin1(escapedBytes(request.target, 80))));
        }
        if (echoed) {
            const QByteArray method = answer.header("x-echo-method");
            const QByteArray body = answer.header("x-echo-body");
            if (method != request.method || body != digest(request.body)
                || (target && answer.header("x-echo-target") != *target)) {
                return fail(QStringLiteral("answer %1 echoes %2 %3 (body %4), expected %5 %6 "
                                           "(body %7)")
                                .arg(i)
                                .arg(QString::fromLatin1(method),
                                     QString::fromLatin1(answer.header("x-echo-target")),
                                     QString::fromLatin1(body), QString::fromLatin1(request.method),
                                     QString::fromLatin1(escapedBytes(request.target, 80)),
                                     QString::fromLatin1(digest(request.body))));
            }
        }
    }
    const qsizetype n = expected.requests.size();
    switch (expected.end) {
    case ReferenceOutcome::End::Closed:
        if (answers.size() != n) {
            return fail(QStringLiteral("%1 answers, expected %2 and the connection closed")
                            .arg(answers.size())
                            .arg(n));
        }
        break;
    case ReferenceOutcome::End::Refused:
    case ReferenceOutcome::End::Incomplete: {
        const int status = expected.end == ReferenceOutcome::End::Refused ? expected.status : 408;
        if (answers.size() != n + 1 || answers.at(n).status != status) {
            return fail(QStringLiteral("%1 answers (last %2), expected %3 then %4 (%5) and the "
                                       "connection closed")
                            .arg(answers.size())
                            .arg(answers.isEmpty() ? 0 : answers.last().status)
                            .arg(n)
                            .arg(status)
                            .arg(QString::fromLatin1(expected.reason)));
        }
        break;
    }
    case ReferenceOutcome::End::Idle:
        return fail(QStringLiteral("the stream does not end with a closing request"));
    }
    if (!closed) {
        return fail(QStringLiteral("the server did not close the connection"));
    }
    return result;
}

QByteArray escapedBytes(QByteArrayView bytes, qsizetype max)
{
    QByteArray out;
    for (const char c : bytes.first(std::min(bytes.size(), max))) {
        switch (c) {
        case '\r':
            out += "\\r";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        default:
            if (uchar(c) < 0x20 || uchar(c) >= 0x7f) {
                out += "\\x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0') + "\"\"";
            } else {
                out += c;
            }
        }
    }
    if (bytes.size() > max) {
        out += "...(" + QByteArray::number(bytes.size()) + " bytes)";
    }
    return out;
}

} // namespace Shop::Tests
