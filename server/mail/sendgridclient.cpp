#include "sendgridclient.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

namespace Shop::Mail {

Q_LOGGING_CATEGORY(lcSendGrid, "shop.mail.sendgrid")

namespace {

constexpr qsizetype kMaxErrorBody = 4096;

QJsonObject address(const QString &email, const QString &name)
{
    QJsonObject object {{QStringLiteral("email"), email}};
    if (!name.isEmpty()) {
        object.insert(QStringLiteral("name"), name);
    }
    return object;
}

// Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3).
int parseRetryAfter(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty()) {
        return -1;
    }
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok) {
        return seconds < 0 ? -1 : int(std::min<qint64>(seconds, 24 * 3600));
    }
    // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (the form RFC 9110 requires senders to use).
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    when.setTimeZone(QTimeZone::utc());
    if (!when.isValid()) {
        return -1;
    }
    const qint64 delta = QDateTime::currentDateTimeUtc().secsTo(when);
    return int(std::clamp<qint64>(delta, 0, 24 * 3600));
}

} // namespace

SendGridClient::SendGridClient(Server::MailConfig config, int timeoutMs)
    : m_config(std::move(config))
    , m_timeoutMs(timeoutMs)
{ }

SendGridClient::~SendGridClient() = default;

QByteArray SendGridClient::requestBody(const Message &message, const Server::MailConfig &config)
{
    QJsonObject body;
    body.insert(QStringLiteral("personalizations"),
                QJsonArray {QJsonObject {
                    {QStringLiteral("to"), QJsonArray {address(message.to, message.toName)}}}});
    body.insert(QStringLiteral("from"), address(config.fromAddress, config.fromName));
    if (!message.replyTo.isEmpty()) {
        body.insert(QStringLiteral("reply_to"), address(message.replyTo, QString()));
    }
    body.insert(QStringLiteral("subject"), message.subject);
    // SendGrid requires text/plain first, then text/html.
    body.insert(QStringLiteral("content"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text/plain")},
                                         {QStringLiteral("value"), message.text}},
                            QJsonObject {{QStringLiteral("type"), QStringLiteral("text/html")},
                                         {QStringLiteral("value"), message.html}}});
    body.insert(QStringLiteral("categories"), QJsonArray {kindName(message.kind)});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

SendOutcome SendGridClient::send(const Message &message) const
{
    using Status = SendOutcome::Status;
    SendOutcome outcome;
    const QString kind = kindName(message.kind);

    QNetworkAccessManager &manager = m_managers.forCurrentThread();
    QNetworkRequest request(QUrl(m_config.sendgridBaseUrl + QStringLiteral("/v3/mail/send")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_config.sendgridApiKey.toUtf8());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply *reply = manager.post(request, requestBody(message, m_config));
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    timer.start(m_timeoutMs);
    if (!reply->isFinished()) {
        loop.exec();
    }
    if (timedOut && !reply->isFinished()) {
        reply->abort();
        delete reply;
        outcome.status = Status::Retry;
        outcome.error = QStringLiteral("no answer from SendGrid within %1 ms").arg(m_timeoutMs);
        qCWarning(lcSendGrid, "%s email: %s", qPrintable(kind), qPrintable(outcome.error));
        return outcome;
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        outcome.status = Status::Retry;
        outcome.error = QStringLiteral("network error: ") + reply->errorString();
        qCWarning(lcSendGrid, "%s email: %s", qPrintable(kind), qPrintable(outcome.error));
        delete reply;
        return outcome;
    }
    outcome.httpStatus = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    const int status = outcome.httpStatus;
    if (status >= 200 && status < 300) {
        outcome.status = Status::Sent;
        outcome.messageId = reply->rawHeader(QByteArrayLiteral("X-Message-Id"));
        qCInfo(lcSendGrid, "%s email accepted (%d, message id %s)", qPrintable(kind), status,
               outcome.messageId.constData());
    } else if (status == 429 || status >= 500) {
        outcome.status = Status::Retry;
        outcome.retryAfterSeconds =
            parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
        outcome.error = QStringLiteral("SendGrid answered %1").arg(status);
        qCWarning(lcSendGrid, "%s email: SendGrid answered %d, retry after %d s", qPrintable(kind),
                  status, outcome.retryAfterSeconds);
    } else {
        outcome.status = Status::Dead;
        outcome.error = QStringLiteral("SendGrid answered %1: ").arg(status)
            + QString::fromUtf8(body.left(kMaxErrorBody));
        // SendGrid's error body names fields and problems, never the key or the message parts.
        qCWarning(lcSendGrid, "%s email refused: %s", qPrintable(kind), qPrintable(outcome.error));
    }
    delete reply;
    return outcome;
}

} // namespace Shop::Mail
