#include "healthcheck.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace Shop::Server {

namespace {

QHostAddress probeAddress(const QHostAddress &configured)
{
    if (configured == QHostAddress::Any || configured == QHostAddress::AnyIPv4) {
        return QHostAddress(QHostAddress::LocalHost);
    }
    if (configured == QHostAddress::AnyIPv6) {
        return QHostAddress(QHostAddress::LocalHostIPv6);
    }
    return configured;
}

} // namespace

Result<HealthcheckResult> checkHealth(const HttpConfig &config, int timeoutMs)
{
    if (config.port == 0) {
        return fail(Error::badRequest(
            QStringLiteral("http/port is 0 (any free port): there is no known port to check.")));
    }
    const QHostAddress address = probeAddress(config.address);
    const QString where = QStringLiteral("%1 port %2").arg(address.toString()).arg(config.port);
    const QDeadlineTimer deadline(timeoutMs);

    QTcpSocket socket;
    socket.connectToHost(address, config.port);
    if (!socket.waitForConnected(int(deadline.remainingTime()))) {
        return fail(Error::unavailable(
            QStringLiteral("No server answers on %1: %2").arg(where, socket.errorString())));
    }
    const QByteArray host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? '[' + address.toString().toLatin1() + ']'
        : address.toString().toLatin1();
    socket.write("GET /health/ready HTTP/1.1\r\nHost: " + host + ':'
                 + QByteArray::number(config.port)
                 + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");

    // Read the whole answer (the server closes after it: Connection: close). Bounded: a health
    // answer is small, anything larger is not our server.
    constexpr qsizetype MaxAnswer = 64 * 1024;
    QByteArray answer;
    while (answer.size() < MaxAnswer && socket.state() == QAbstractSocket::ConnectedState
           && !deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0
            && !socket.waitForReadyRead(int(deadline.remainingTime()))) {
            break;
        }
        answer += socket.read(MaxAnswer - answer.size());
    }
    answer += socket.read(MaxAnswer - answer.size());

    // "HTTP/1.1 200 OK\r\n..."
    const qsizetype lineEnd = answer.indexOf("\r\n");
    const QList<QByteArray> statusLine = answer.left(lineEnd).split(' ');
    bool numeric = false;
    const int status = statusLine.size() >= 2 ? statusLine.at(1).toInt(&numeric) : 0;
    if (lineEnd < 0 || !statusLine.first().startsWith("HTTP/1.") || !numeric) {
        return fail(Error::unavailable(
            deadline.hasExpired()
                ? QStringLiteral("%1 did not answer within %2 ms.").arg(where).arg(timeoutMs)
                : QStringLiteral("%1 did not answer with HTTP.").arg(where)));
    }

    HealthcheckResult result;
    result.status = status;
    const qsizetype bodyStart = answer.indexOf("\r\n\r\n");
    const QJsonObject body =
        bodyStart < 0 ? QJsonObject() : QJsonDocument::fromJson(answer.mid(bodyStart + 4)).object();
    result.detail = body.value(u"status").toString();
    if (result.detail.isEmpty()) {
        result.detail = QString::fromLatin1(statusLine.mid(2).join(' '));
    }
    return result;
}

} // namespace Shop::Server
