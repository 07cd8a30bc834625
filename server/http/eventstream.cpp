#include "eventstream.h"

#include "connection.h"
#include "httpserver.h"
#include "logging.h"

namespace Shop::Http {

EventStream::EventStream(Connection &connection, const StreamBody &body, QObject *parent)
    : QObject(parent)
    , m_connection(&connection)
    , m_credentials(body.credentials)
    , m_permission(body.permission)
{
    m_keepalive.setInterval(std::max(10, body.keepaliveMs));
    connect(&m_keepalive, &QTimer::timeout, this, &EventStream::keepalive);
    m_keepalive.start();
    if (!m_permission.isEmpty()) {
        m_recheck.setInterval(std::max(10, body.recheckIntervalMs));
        connect(&m_recheck, &QTimer::timeout, this, &EventStream::recheck);
        m_recheck.start();
    }
}

EventStream::~EventStream() = default;

void EventStream::send(QByteArrayView bytes)
{
    if (!m_connection || bytes.isEmpty()) {
        return;
    }
    m_bytesSent += bytes.size();
    m_keepalive.start(); // the next keepalive is due a full interval after this output
    m_connection->writeStream(bytes); // may end the stream (a client that does not read)
}

void EventStream::close()
{
    if (m_connection) {
        m_connection->endStream(); // calls detach()
    }
}

void EventStream::detach()
{
    if (!m_connection) {
        return;
    }
    m_connection = nullptr;
    m_keepalive.stop();
    m_recheck.stop();
    Q_EMIT closed();
}

void EventStream::keepalive()
{
    send(": keepalive\n\n");
}

void EventStream::recheck()
{
    if (!m_connection) {
        return;
    }
    const RequestAuthenticator *authenticator = m_connection->server().authenticator();
    bool good = false;
    if (authenticator) {
        const Result<Principal> principal = authenticator->authenticate(m_credentials);
        good = principal && (m_permission == u"authenticated" || principal->has(m_permission));
    }
    if (!good) {
        qCInfo(lcHttpServer,
               "Ending the event stream of request %ls: its credentials are no "
               "longer good.",
               qUtf16Printable(m_credentials.requestId));
        close();
    }
}

} // namespace Shop::Http
