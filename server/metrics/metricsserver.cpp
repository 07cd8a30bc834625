#include "metricsserver.h"

#include "metrics.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Shop::Metrics {

namespace {
Q_LOGGING_CATEGORY(lcMetrics, "shop.metrics.server")

constexpr qsizetype kMaxHead = 8192;
constexpr int kHeadTimeoutMs = 10000;

QByteArray answer(int status, const QByteArray &reason, const QByteArray &type,
                  const QByteArray &body, bool withBody, const QByteArray &extra = {})
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    out += "Content-Type: " + type + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nConnection: close\r\n";
    out += extra;
    out += "\r\n";
    if (withBody) {
        out += body;
    }
    return out;
}

} // namespace

class MetricsServer::Listener final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto *timer = new QTimer(socket);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, socket, &QTcpSocket::abort);
        timer->start(kHeadTimeoutMs);
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::errorOccurred, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, timer] {
            if (socket->property("answered").toBool()) {
                socket->skip(socket->bytesAvailable());
                return;
            }
            QByteArray head = socket->property("head").toByteArray() + socket->readAll();
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (head.size() > kMaxHead) {
                    socket->abort();
                    return;
                }
                socket->setProperty("head", head);
                return;
            }
            timer->stop();
            socket->setProperty("answered", true);
            const QByteArray requestLine = head.left(head.indexOf("\r\n"));
            const QList<QByteArray> parts = requestLine.split(' ');
            const QByteArray method = parts.value(0);
            QByteArray target = parts.value(1);
            if (const qsizetype q = target.indexOf('?'); q >= 0) {
                target.truncate(q);
            }
            QByteArray out;
            const bool head_ = method == "HEAD";
            if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
                out =
                    answer(400, "Bad Request", "text/plain; charset=utf-8", "bad request\n", true);
            } else if (target != "/metrics") {
                out = answer(404, "Not Found", "text/plain; charset=utf-8",
                             "only /metrics is here\n", !head_);
            } else if (method != "GET" && !head_) {
                out = answer(405, "Method Not Allowed", "text/plain; charset=utf-8",
                             "GET /metrics\n", true, "Allow: GET, HEAD\r\n");
            } else {
                out = answer(200, "OK", "text/plain; version=0.0.4; charset=utf-8",
                             registry().render(), !head_);
            }
            socket->write(out);
            socket->disconnectFromHost();
        });
    }
};

MetricsServer::MetricsServer()
    : m_context(std::make_unique<QObject>())
{
    m_thread.setObjectName(QStringLiteral("shop-metrics"));
    m_context->moveToThread(&m_thread);
}

MetricsServer::~MetricsServer()
{
    if (m_listener) {
        QMetaObject::invokeMethod(
            m_context.get(), [listener = m_listener] { delete listener; },
            Qt::BlockingQueuedConnection);
        m_listener = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
    m_context.reset(); // no longer has a thread; deleted here
}

Result<quint16> MetricsServer::start(const QString &listen)
{
    const QString text = listen.trimmed();
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const int port = colon > 0 ? text.mid(colon + 1).toInt(&ok) : -1;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    const QHostAddress address(host);
    if (!ok || port < 0 || port > 65535 || address.isNull()) {
        return fail(Error::badRequest(
            QStringLiteral("metrics/listen must be address:port, not \"%1\".").arg(text)));
    }
    return start(address, quint16(port));
}

Result<quint16> MetricsServer::start(const QHostAddress &address, quint16 port)
{
    if (m_listener) {
        return m_port;
    }
    if (!m_thread.isRunning()) {
        m_thread.start();
    }
    QString failure;
    quint16 bound = 0;
    Listener *listener = nullptr;
    QMetaObject::invokeMethod(
        m_context.get(),
        [&] {
            auto *server = new Listener;
            if (!server->listen(address, port)) {
                failure = server->errorString();
                delete server;
                return;
            }
            bound = server->serverPort();
            listener = server;
        },
        Qt::BlockingQueuedConnection);
    if (!listener) {
        return fail(Error::unavailable(QStringLiteral("Cannot listen for metrics on %1 port %2: %3")
                                           .arg(address.toString())
                                           .arg(port)
                                           .arg(failure)));
    }
    m_listener = listener;
    m_port = bound;
    qCInfo(lcMetrics, "Metrics on http://%ls:%u/metrics", qUtf16Printable(address.toString()),
           unsigned(bound));
    return bound;
}

} // namespace Shop::Metrics
