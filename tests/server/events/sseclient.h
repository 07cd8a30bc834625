#pragma once

// A test client for text/event-stream answers on a real socket, used from the test thread (the
// server runs in its own thread): sends the request, reads the head, then parses events as they
// arrive (comments counted, "retry:" noted).

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTcpSocket>

namespace Shop::Tests {

struct SseEvent
{
    QByteArray id; // empty: the event had no id
    QByteArray type;
    QByteArray data;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(data).object(); }
};

class SseClient final
{
public:
    SseClient(quint16 port, const QByteArray &path,
              const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 30000)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForConnected(timeoutMs)) {
            return;
        }
        QByteArray request = "GET " + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Accept: text/event-stream\r\n";
        for (const auto &[name, value] : headers) {
            request += name + ": " + value + "\r\n";
        }
        request += "\r\n";
        m_socket.write(request);
        m_socket.flush();
        QElapsedTimer clock;
        clock.start();
        while (m_buffer.indexOf("\r\n\r\n") < 0) {
            if (!fill(timeoutMs - clock.elapsed())) {
                return;
            }
        }
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
        status = statusLine.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers_.append(
                    {lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
            }
        }
        if (status != 200) {
            // A problem answer: read its body (Content-Length).
            const int length = header("content-length").toInt();
            while (m_buffer.size() < length && fill(timeoutMs - clock.elapsed())) { }
            body = m_buffer.left(length);
        }
    }

    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers_) {
            if (n == name) {
                return v;
            }
        }
        return {};
    }
    [[nodiscard]] bool hasHeader(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers_) {
            if (n == name) {
                return true;
            }
        }
        return false;
    }

    // The next event (not comments), or false after timeoutMs or when the stream ended.
    bool next(SseEvent &event, int timeoutMs = 10000)
    {
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            if (takeEvent(event)) {
                return true;
            }
            if (clock.elapsed() >= timeoutMs || !fill(timeoutMs - clock.elapsed())) {
                return false;
            }
        }
    }
    // The next event of this type, skipping others (which are kept in skipped()).
    bool nextOfType(const QByteArray &type, SseEvent &event, int timeoutMs = 10000)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            if (!next(event, int(timeoutMs - clock.elapsed()))) {
                return false;
            }
            if (event.type == type) {
                return true;
            }
            m_skipped.append(event);
        }
        return false;
    }
    // Waits until the server closes the stream.
    bool waitForClosed(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_closed && clock.elapsed() < timeoutMs) {
            fill(timeoutMs - clock.elapsed());
        }
        return m_closed;
    }
    // Reads whatever arrives within the time (keepalives, events) into the buffer.
    void pump(int ms) { fill(ms); }
    void disconnect() { m_socket.abort(); }

    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers_;
    QByteArray body; // of a non-200 answer
    int comments = 0;
    int retryMs = -1;
    [[nodiscard]] const QList<SseEvent> &skipped() const { return m_skipped; }
    [[nodiscard]] bool isClosed() const { return m_closed; }

private:
    bool fill(qint64 timeoutMs)
    {
        if (m_closed) {
            return false;
        }
        if (m_socket.bytesAvailable() == 0
            && !m_socket.waitForReadyRead(int(std::max<qint64>(1, timeoutMs)))) {
            if (m_socket.state() != QAbstractSocket::ConnectedState) {
                m_closed = true;
            }
            return false;
        }
        m_buffer += m_socket.readAll();
        return true;
    }

    bool takeEvent(SseEvent &event)
    {
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\n\n");
            if (end < 0) {
                return false;
            }
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            m_buffer.remove(0, end + 2);
            SseEvent parsed;
            bool hasData = false;
            for (const QByteArray &line : lines) {
                if (line.startsWith(':')) {
                    ++comments;
                } else if (line.startsWith("retry: ")) {
                    retryMs = line.mid(7).toInt();
                } else if (line.startsWith("id: ")) {
                    parsed.id = line.mid(4);
                } else if (line.startsWith("event: ")) {
                    parsed.type = line.mid(7);
                } else if (line.startsWith("data: ")) {
                    parsed.data += line.mid(6);
                    hasData = true;
                }
            }
            if (hasData) {
                event = parsed;
                return true;
            }
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QList<SseEvent> m_skipped;
    bool m_closed = false;
};

} // namespace Shop::Tests
