#include "sendgridservice.h"

#include "html.h"
#include "logging.h"
#include "mailsendvalidation.h"

#include <QJsonArray>
#include <QLocale>
#include <QRandomGenerator>
#include <QThread>
#include <QUrl>

namespace Shop::Sandbox {

namespace {

constexpr int kMaxSwitchCount = 1000000;
constexpr int kMaxDelayMs = 60000;
constexpr int kMaxRetryAfterSec = 86400;

QString newMessageId()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Http::Response sendGridErrors(int status, const QList<SendGridError> &errors)
{
    return Http::Response::bytes(QByteArrayLiteral("application/json"), sendGridErrorBody(errors),
                                 status);
}

QString displayTime(const QDateTime &time)
{
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace

SendGridService::SendGridService(QStringList apiKeys, int inboxCapacity)
    : m_apiKeys(std::move(apiKeys))
    , m_inbox(inboxCapacity)
{ }

void SendGridService::setSwitch(Switch value)
{
    const QMutexLocker lock(&m_switchMutex);
    m_switch = value;
}

SendGridService::Switch SendGridService::takeSwitch()
{
    const QMutexLocker lock(&m_switchMutex);
    if (m_switch.count <= 0) {
        return {};
    }
    --m_switch.count;
    Switch taken = m_switch;
    taken.count = 1;
    return taken;
}

bool SendGridService::isAuthorized(const QByteArray &authorization) const
{
    const QByteArray prefix = QByteArrayLiteral("bearer ");
    if (!authorization.toLower().startsWith(prefix)) {
        return false;
    }
    const QString key = QString::fromUtf8(authorization.mid(prefix.size()).trimmed());
    if (key.isEmpty()) {
        return false;
    }
    return m_apiKeys.isEmpty() || m_apiKeys.contains(key);
}

Http::Response SendGridService::send(const Http::Request &request)
{
    if (!isAuthorized(request.header("authorization"))) {
        qCInfo(lcSandboxSendGrid, "401: no valid API key (request %ls).",
               qUtf16Printable(request.requestId));
        return sendGridErrors(401,
                              {{QStringLiteral("The provided authorization grant is "
                                               "invalid, expired, or revoked"),
                                {},
                                {}}});
    }
    const Switch applied = takeSwitch();
    if (applied.delayMs > 0) {
        QThread::msleep(ulong(applied.delayMs)); // a worker thread, never the event loop
    }
    if (applied.status > 0) {
        qCInfo(lcSandboxSendGrid, "%d: injected failure (request %ls).", applied.status,
               qUtf16Printable(request.requestId));
        Http::Response response = sendGridErrors(
            applied.status,
            {{applied.status == 429 ? QStringLiteral("too many requests")
                                    : QStringLiteral("shop-sandbox: injected failure"),
              {},
              {}}});
        if (applied.retryAfterSec >= 0) {
            response.setHeader(QByteArrayLiteral("Retry-After"),
                               QByteArray::number(applied.retryAfterSec));
        }
        return response;
    }
    auto message = validateMailSend(request.header("content-type"), request.body);
    if (!message) {
        qCInfo(lcSandboxSendGrid, "400: %d validation errors (request %ls).",
               int(message.error().size()), qUtf16Printable(request.requestId));
        return sendGridErrors(400, message.error());
    }
    message->id = newMessageId();
    message->receivedAt = QDateTime::currentDateTimeUtc();
    const QByteArray id = message->id.toLatin1();
    m_inbox.add(std::move(*message));
    qCInfo(lcSandboxSendGrid, "202: message %s accepted.", id.constData());
    Http::Response response = Http::Response::bytes({}, {}, 202);
    response.setHeader(QByteArrayLiteral("X-Message-Id"), id);
    return response;
}

QString SendGridService::renderTab() const
{
    const QList<MailMessage> messages = m_inbox.messages();
    if (messages.isEmpty()) {
        return QStringLiteral("<p>No messages yet. Send one to <code>POST /v3/mail/send</code>."
                              "</p>");
    }
    QString rows;
    for (const MailMessage &message : messages) {
        rows +=
            QStringLiteral("<tr><td>%1</td><td><a href=\"/messages/%2\">%3</a></td>"
                           "<td>%4</td><td>%5</td></tr>\n")
                .arg(escapeHtml(displayTime(message.receivedAt)),
                     escapeHtml(QString::fromLatin1(QUrl::toPercentEncoding(message.id))),
                     escapeHtml(message.subject.isEmpty() ? QStringLiteral("(no subject)")
                                                          : message.subject),
                     escapeHtml(message.to.join(QStringLiteral(", "))), escapeHtml(message.from));
    }
    return QStringLiteral("<p>%1 messages, newest first.</p><table><thead><tr><th>Received</th>"
                          "<th>Subject</th><th>To</th><th>From</th></tr></thead><tbody>\n%2"
                          "</tbody></table>")
        .arg(messages.size())
        .arg(rows);
}

Http::Response SendGridService::messagePage(const QString &id) const
{
    const std::optional<MailMessage> message = m_inbox.find(id);
    const QList<Tab> tabs; // the message page has no tab bar of its own beyond the way back
    if (!message) {
        return htmlResponse(renderPage(QStringLiteral("Not found"), tabs, {},
                                       QStringLiteral("<p>No such message. <a href=\"/\">Back "
                                                      "to the inbox</a></p>")),
                            404);
    }
    QString body = QStringLiteral("<p><a href=\"/?tab=mail\">← Inbox</a></p><h2>%1</h2>"
                                  "<p>From %2 to %3, received %4; message id <code>%5</code>.</p>")
                       .arg(escapeHtml(message->subject), escapeHtml(message->from),
                            escapeHtml(message->to.join(QStringLiteral(", "))),
                            escapeHtml(displayTime(message->receivedAt)), escapeHtml(message->id));
    if (!message->html.isEmpty()) {
        // No allow-* token: no scripts, forms, popups, plugins or same-origin access.
        body += QStringLiteral("<h3>HTML part</h3><iframe sandbox srcdoc=\"%1\"></iframe>")
                    .arg(escapeHtml(message->html));
    }
    if (!message->text.isEmpty()) {
        body += QStringLiteral("<h3>Text part</h3><pre>%1</pre>").arg(escapeHtml(message->text));
    }
    return htmlResponse(renderPage(message->subject, tabs, {}, body), 200);
}

void SendGridService::registerRoutes(Http::Router &router)
{
    router.post(QStringLiteral("/v3/mail/send"),
                [this](const Http::Request &request) -> Http::Reply { return send(request); });
    router.get(QStringLiteral("/messages/{id}"),
               [this](const Http::Request &request) -> Http::Reply {
                   return messagePage(request.pathParam(QStringLiteral("id")));
               });
    router.get(QStringLiteral("/api/messages"), [this](const Http::Request &) -> Http::Reply {
        QJsonArray array;
        for (const MailMessage &message : m_inbox.messages()) {
            array.append(message.toJson());
        }
        return Http::Response::json(QJsonObject {{QStringLiteral("messages"), array}});
    });
    router.del(QStringLiteral("/api/messages"), [this](const Http::Request &) -> Http::Reply {
        m_inbox.clear();
        return Http::Response::noContent();
    });
    router.post(
        QStringLiteral("/api/sendgrid/failures"),
        [this](const Http::Request &request) -> Http::Reply {
            const Result<QJsonObject> json = request.jsonObject();
            if (!json) {
                return fail(json.error());
            }
            const auto number = [&](const char *name, int fallback) {
                const QJsonValue value = json->value(QLatin1StringView(name));
                return value.isDouble() ? value.toDouble() : double(fallback);
            };
            const double count = number("count", 1);
            const double status = number("status", 0);
            const double retryAfter = number("retry_after", -1);
            const double delayMs = number("delay_ms", 0);
            QList<FieldError> errors;
            if (!(count >= 1 && count <= kMaxSwitchCount)) {
                errors.append({QStringLiteral("count"),
                               QStringLiteral("Must be a number from 1 to 1000000.")});
            }
            if (!(status == 0 || (status >= 400 && status <= 599))) {
                errors.append({QStringLiteral("status"),
                               QStringLiteral("Must be an HTTP status from 400 to 599.")});
            }
            if (!(retryAfter == -1 || (retryAfter >= 0 && retryAfter <= kMaxRetryAfterSec))) {
                errors.append({QStringLiteral("retry_after"),
                               QStringLiteral("Must be seconds from 0 to 86400.")});
            }
            if (!(delayMs >= 0 && delayMs <= kMaxDelayMs)) {
                errors.append({QStringLiteral("delay_ms"),
                               QStringLiteral("Must be milliseconds from 0 to 60000.")});
            }
            if (errors.isEmpty() && status == 0 && delayMs == 0) {
                errors.append({QStringLiteral("status"),
                               QStringLiteral("Give a status, a delay_ms, or both.")});
            }
            if (!errors.isEmpty()) {
                return fail(Error::validation(errors));
            }
            setSwitch({int(count), int(status), int(retryAfter), int(delayMs)});
            return Http::Response::noContent();
        });
    router.del(QStringLiteral("/api/sendgrid/failures"),
               [this](const Http::Request &) -> Http::Reply {
                   resetSwitch();
                   return Http::Response::noContent();
               });
}

} // namespace Shop::Sandbox
