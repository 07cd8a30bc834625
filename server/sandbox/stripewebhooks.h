#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QString>
#include <QThread>

#include <memory>

namespace Shop::Sandbox {

class StripeWebhookWorker;

// Stripe's webhook delivery, off the HTTP event loop and the request workers: a thread of its
// own with a QNetworkAccessManager POSTs each event's JSON to an endpoint with
// `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (signed afresh for
// every attempt, as Stripe does). A non-2xx answer, a network error or no answer within the
// timeout is retried after retryBaseMs, doubling each time, up to maxAttempts in all; then the
// delivery is given up (logged). Deliveries that share an ordering key (endpoint + payment
// intent) go one after the other, so one intent's events arrive in the order they happened;
// different keys go in parallel.
class StripeWebhooks final
{
public:
    struct Settings
    {
        int retryBaseMs = 2000;
        int maxAttempts = 6;
        int timeoutMs = 10000;
    };

    // One delivery to one endpoint.
    struct Delivery
    {
        QString endpointId; // we_…
        QString url;
        QByteArray secret; // whsec_…
        QString orderingKey; // e.g. the payment intent's id
        QString eventId;
        QString eventType;
        QByteArray body;
        // Test switches: sign with a timestamp this many seconds in the past; wait before the
        // first attempt.
        qint64 timestampSkewSec = 0;
        int initialDelayMs = 0;
    };

    // One attempt, as the payments tab and GET /api/stripe/deliveries show it.
    struct Attempt
    {
        QString eventId;
        QString eventType;
        QString endpointId;
        QString url;
        int attempt = 0; // 1-based
        int status = 0; // HTTP status; 0: no answer (network error or timeout)
        QString error; // the network error, when there was no answer
        QDateTime at;
        bool final = false; // no further attempt follows (delivered or given up)
    };

    explicit StripeWebhooks(Settings settings);
    ~StripeWebhooks();

    StripeWebhooks(const StripeWebhooks &) = delete;
    StripeWebhooks &operator=(const StripeWebhooks &) = delete;

    // Thread-safe; returns at once. Calls made in one order are delivered in that order per
    // ordering key.
    void deliver(Delivery delivery);

    // The newest attempts first (at most 1,000 kept). Thread-safe.
    [[nodiscard]] QList<Attempt> attempts() const;
    void clearAttempts();

    // The Stripe-Signature header value for `body` signed at `timestamp`.
    [[nodiscard]] static QByteArray signatureHeader(const QByteArray &secret,
                                                    const QByteArray &body, qint64 timestamp);
    // Lower-case hex HMAC-SHA256 (OpenSSL).
    [[nodiscard]] static QByteArray hmacSha256Hex(const QByteArray &key, const QByteArray &data);

private:
    friend class StripeWebhookWorker;
    void record(Attempt attempt);

    QThread m_thread;
    StripeWebhookWorker *m_worker = nullptr; // lives in m_thread
    mutable QMutex m_mutex;
    QList<Attempt> m_attempts; // newest first
};

} // namespace Shop::Sandbox
