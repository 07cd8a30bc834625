#include "stripewebhooks.h"

#include "logging.h"

#include <QDateTime>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <deque>

using namespace Qt::StringLiterals;

namespace Shop::Sandbox {

namespace {
constexpr int kMaxAttemptsKept = 1000;
constexpr int kMaxBackoffMs = 10 * 60 * 1000;
} // namespace

// Lives in StripeWebhooks' thread: the queues, the network and the timers.
class StripeWebhookWorker final : public QObject
{
public:
    StripeWebhookWorker(StripeWebhooks *owner, StripeWebhooks::Settings settings)
        : m_owner(owner)
        , m_settings(settings)
    { }

    void enqueue(const StripeWebhooks::Delivery &delivery)
    {
        if (!m_network) {
            m_network = new QNetworkAccessManager(this);
        }
        Queue &queue = m_queues[delivery.orderingKey];
        queue.pending.push_back(delivery);
        if (!queue.busy) {
            queue.busy = true;
            startNext(delivery.orderingKey);
        }
    }

private:
    struct Queue
    {
        std::deque<StripeWebhooks::Delivery> pending;
        bool busy = false;
        int attempt = 0; // attempts made for pending.front()
    };

    void startNext(const QString &key)
    {
        Queue &queue = m_queues[key];
        if (queue.pending.empty()) {
            m_queues.remove(key);
            return;
        }
        queue.attempt = 0;
        const int delay = queue.pending.front().initialDelayMs;
        if (delay > 0) {
            QTimer::singleShot(delay, this, [this, key] { attempt(key); });
        } else {
            attempt(key);
        }
    }

    void attempt(const QString &key)
    {
        Queue &queue = m_queues[key];
        const StripeWebhooks::Delivery &delivery = queue.pending.front();
        ++queue.attempt;
        const qint64 timestamp = QDateTime::currentSecsSinceEpoch() - delivery.timestampSkewSec;
        QNetworkRequest request {QUrl(delivery.url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json; charset=utf-8"));
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QByteArrayLiteral("Stripe/1.0 (+https://stripe.com/docs/webhooks)"));
        request.setRawHeader(
            QByteArrayLiteral("Stripe-Signature"),
            StripeWebhooks::signatureHeader(delivery.secret, delivery.body, timestamp));
        request.setTransferTimeout(m_settings.timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_network->post(request, delivery.body);
        connect(reply, &QNetworkReply::finished, this, [this, key, reply] {
            reply->deleteLater();
            finished(key, reply);
        });
    }

    void finished(const QString &key, QNetworkReply *reply)
    {
        Queue &queue = m_queues[key];
        const StripeWebhooks::Delivery delivery = queue.pending.front();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool delivered = status >= 200 && status < 300;
        const bool last = delivered || queue.attempt >= m_settings.maxAttempts;

        StripeWebhooks::Attempt record;
        record.eventId = delivery.eventId;
        record.eventType = delivery.eventType;
        record.endpointId = delivery.endpointId;
        record.url = delivery.url;
        record.attempt = queue.attempt;
        record.status = status;
        if (status == 0) {
            record.error = reply->error() == QNetworkReply::OperationCanceledError
                ? u"timed out"_s
                : reply->errorString();
        }
        record.at = QDateTime::currentDateTimeUtc();
        record.final = last;
        m_owner->record(record);

        if (delivered) {
            qCInfo(lcSandboxStripeWebhooks, "%ls %ls → %ls: %d (attempt %d)",
                   qUtf16Printable(delivery.eventId), qUtf16Printable(delivery.eventType),
                   qUtf16Printable(delivery.endpointId), status, queue.attempt);
        } else {
            qCWarning(lcSandboxStripeWebhooks, "%ls %ls → %ls: %ls (attempt %d of %d)%s",
                      qUtf16Printable(delivery.eventId), qUtf16Printable(delivery.eventType),
                      qUtf16Printable(delivery.endpointId),
                      qUtf16Printable(status > 0 ? QString::number(status) : record.error),
                      queue.attempt, m_settings.maxAttempts, last ? ", given up" : "");
        }
        if (last) {
            queue.pending.pop_front();
            startNext(key);
            return;
        }
        qint64 backoff = qint64(m_settings.retryBaseMs) << std::min(queue.attempt - 1, 20);
        backoff = std::min<qint64>(backoff, kMaxBackoffMs);
        QTimer::singleShot(int(backoff), this, [this, key] { attempt(key); });
    }

    StripeWebhooks *m_owner;
    const StripeWebhooks::Settings m_settings;
    QNetworkAccessManager *m_network = nullptr;
    QHash<QString, Queue> m_queues;
};

StripeWebhooks::StripeWebhooks(Settings settings)
{
    m_thread.setObjectName(u"stripe-webhooks"_s);
    m_worker = new StripeWebhookWorker(this, settings);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StripeWebhooks::~StripeWebhooks()
{
    m_thread.quit();
    m_thread.wait();
}

void StripeWebhooks::deliver(Delivery delivery)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, delivery = std::move(delivery)] { worker->enqueue(delivery); },
        Qt::QueuedConnection);
}

void StripeWebhooks::record(Attempt attempt)
{
    const QMutexLocker lock(&m_mutex);
    m_attempts.prepend(std::move(attempt));
    while (m_attempts.size() > kMaxAttemptsKept) {
        m_attempts.removeLast();
    }
}

QList<StripeWebhooks::Attempt> StripeWebhooks::attempts() const
{
    const QMutexLocker lock(&m_mutex);
    return m_attempts;
}

void StripeWebhooks::clearAttempts()
{
    const QMutexLocker lock(&m_mutex);
    m_attempts.clear();
}

QByteArray StripeWebhooks::hmacSha256Hex(const QByteArray &key, const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), digest,
         &length);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

QByteArray StripeWebhooks::signatureHeader(const QByteArray &secret, const QByteArray &body,
                                           qint64 timestamp)
{
    const QByteArray t = QByteArray::number(timestamp);
    return "t=" + t + ",v1=" + hmacSha256Hex(secret, t + '.' + body);
}

} // namespace Shop::Sandbox
