#include "testserver.h"

#include "http/httpserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <algorithm>

namespace Shop::Tests {

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray HttpReply::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

HttpClient::HttpClient(quint16 port, int connectTimeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    m_socket.waitForConnected(connectTimeoutMs);
}

bool HttpClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

bool HttpClient::send(const QByteArray &bytes)
{
    if (!isConnected() || m_socket.write(bytes.data(), bytes.size()) != bytes.size()) {
        return false;
    }
    while (m_socket.bytesToWrite() > 0) {
        if (!m_socket.waitForBytesWritten(5000)) {
            return false;
        }
    }
    return true;
}

bool HttpClient::fill(qint64 deadlineMs, const QElapsedTimer &clock)
{
    if (m_closed) {
        return false;
    }
    if (m_socket.bytesAvailable() == 0) {
        const qint64 remaining = deadlineMs - clock.elapsed();
        if (remaining <= 0) {
            return false;
        }
        if (!m_socket.waitForReadyRead(int(remaining))) {
            if (m_socket.state() != QAbstractSocket::ConnectedState) {
                m_closed = true;
            }
            m_buffer += m_socket.readAll();
            return false;
        }
    }
    m_buffer += m_socket.readAll();
    return true;
}

HttpReply HttpClient::read(int timeoutMs, bool headRequest)
{
    QElapsedTimer clock;
    clock.start();
    HttpReply reply;
    qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    while (headEnd < 0) {
        if (!fill(timeoutMs, clock)) {
            headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return reply;
            }
            break;
        }
        headEnd = m_buffer.indexOf("\r\n\r\n");
    }
    const QByteArrayList lines = m_buffer.left(headEnd).split('\n');
    const QByteArrayList statusLine = lines.value(0).trimmed().split(' ');
    const int status = statusLine.value(1).toInt();
    QList<std::pair<QByteArray, QByteArray>> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
    }
    reply.headers = headers;
    const qsizetype bodyStart = headEnd + 4;
    const bool noBody = headRequest || status == 204 || status == 304 || status / 100 == 1;
    qint64 length = 0;
    if (!noBody) {
        bool ok = false;
        length = reply.header("content-length").toLongLong(&ok);
        if (!ok) {
            length = -1; // until the connection closes
        }
    }
    if (length < 0) {
        while (fill(timeoutMs, clock)) { }
        if (!m_closed) {
            return reply;
        }
        reply.body = m_buffer.mid(bodyStart);
        m_buffer.clear();
    } else {
        while (m_buffer.size() - bodyStart < length) {
            if (!fill(timeoutMs, clock)) {
                if (m_buffer.size() - bodyStart < length) {
                    return reply;
                }
            }
        }
        reply.body = m_buffer.mid(bodyStart, length);
        m_buffer.remove(0, bodyStart + length);
    }
    reply.status = status;
    reply.elapsedMs = clock.elapsed();
    return reply;
}

HttpReply HttpClient::request(const QByteArray &method, const QByteArray &target,
                              const QList<std::pair<QByteArray, QByteArray>> &headers,
                              const QByteArray &body, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : headers) {
        out += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("content-length", Qt::CaseInsensitive) == 0
            || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !hasLength) {
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "\r\n" + body;
    // A server may answer before the body is all sent (a body over the route's limit gets its
    // 413 from the head) and then stop reading: as curl does, read the answer that came.
    const bool sent = send(out);
    HttpReply reply = read(sent ? timeoutMs : std::min(timeoutMs, 5000), method == "HEAD");
    if (!sent && reply.status == 0) {
        return {};
    }
    reply.elapsedMs = clock.elapsed();
    return reply;
}

bool HttpClient::waitForClosed(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!m_closed && clock.elapsed() < timeoutMs) {
        fill(timeoutMs, clock);
    }
    return m_closed;
}

TestServer::TestServer(const Http::Router &router, const Server::HttpConfig &config,
                       int workerThreads)
    : TestServer([&]() -> Result<Started> {
        auto http = std::make_shared<Http::HttpServer>(router, config, workerThreads);
        const Result<quint16> port = http->start(QHostAddress::LocalHost, 0);
        if (!port) {
            return fail(port.error());
        }
        return Started {http, http.get(), *port};
    })
{ }

TestServer::TestServer(const std::function<Result<Started>()> &start)
{
    startThread();
    runInServerThread([&] {
        Result<Started> started = start();
        if (!started) {
            m_error = started.error().message;
            return;
        }
        m_owner = std::move(started->owner);
        m_http = started->http;
        m_port = started->port;
    });
}

TestServer::~TestServer()
{
    runInServerThread([this] {
        m_http = nullptr;
        m_owner.reset();
    });
    m_thread.quit();
    m_thread.wait();
    delete m_anchor;
}

void TestServer::startThread()
{
    m_thread.setObjectName(QStringLiteral("test-server"));
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    m_thread.start();
}

void TestServer::runInServerThread(const std::function<void()> &function) const
{
    QMetaObject::invokeMethod(m_anchor, function, Qt::BlockingQueuedConnection);
}

QString TestServer::url(const QString &pathAndQuery) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port) + pathAndQuery;
}

int TestServer::openConnections() const
{
    return m_http ? m_http->openConnections() : 0;
}

int TestServer::queuedRequests() const
{
    return m_http ? m_http->queuedRequests() : 0;
}

bool TestServer::waitForOpenConnections(int count, int timeoutMs) const
{
    QElapsedTimer clock;
    clock.start();
    while (openConnections() != count) {
        if (clock.elapsed() > timeoutMs) {
            return false;
        }
        QThread::msleep(10);
    }
    return true;
}

HttpReply TestServer::request(const QByteArray &method, const QByteArray &target,
                              const QList<std::pair<QByteArray, QByteArray>> &headers,
                              const QByteArray &body, int timeoutMs) const
{
    HttpClient client(m_port);
    return client.request(method, target, headers, body, timeoutMs);
}

} // namespace Shop::Tests
