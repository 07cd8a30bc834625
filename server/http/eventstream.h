#pragma once

#include "request.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace Shop::Http {

class Connection;
class EventStream;

// A long-lived text/event-stream answer (Server-Sent Events). A handler returns a Response whose
// `stream` is set (Response::eventStream()); the connection then writes the status and headers
// once (no Content-Length: the body ends when the connection closes, so the answer always carries
// Connection: close), then `initial`, then calls `opened` on the server's thread with the
// EventStream, which the connection owns. From then on whoever holds the stream writes to it on
// the server's thread only, through a QPointer: the stream is deleted with its connection.
struct StreamBody
{
    QByteArray initial; // written right after the headers ("retry: 2000\n\n", replayed events)
    std::function<void(EventStream *)> opened; // server thread; not called for HEAD
    // The request that opened the stream: its credentials are checked again every
    // recheckIntervalMs, and the stream ends as soon as they are no longer good (an access token
    // expired or revoked) or lack `permission`. Empty permission: no re-check.
    Request credentials;
    QString permission;
    int recheckIntervalMs = 5000;
    int keepaliveMs = 15000; // ": keepalive" comment after this long without output
};

// One open event stream. Server thread only. Ends when the client disconnects, the server shuts
// down (shutdown()/drain), the credentials stop being good, or close() is called; it emits
// closed() once, and writes nothing after that.
class EventStream final : public QObject
{
    Q_OBJECT

public:
    Q_DISABLE_COPY_MOVE(EventStream)
    ~EventStream() override;

    [[nodiscard]] bool isOpen() const { return m_connection != nullptr; }
    // Appends raw event-stream text (whole events: "id: 7\nevent: x\ndata: {}\n\n"). Ignored once
    // closed. A client that stops reading while more than maxPendingBytes() wait is disconnected.
    void send(QByteArrayView bytes);
    // Ends the answer: what was sent is flushed, then the connection closes.
    void close();
    // Bytes written so far, headers excluded (tests and logs).
    [[nodiscard]] qint64 bytesSent() const { return m_bytesSent; }
    static constexpr qint64 maxPendingBytes() { return 4 * 1024 * 1024; }

Q_SIGNALS:
    void closed();

private:
    friend class Connection;
    EventStream(Connection &connection, const StreamBody &body, QObject *parent);
    // The connection is going (client gone, shutdown, error): no more writes; emits closed().
    void detach();
    void keepalive();
    void recheck();

    Connection *m_connection;
    Request m_credentials;
    QString m_permission;
    QTimer m_keepalive;
    QTimer m_recheck;
    qint64 m_bytesSent = 0;
};

} // namespace Shop::Http
