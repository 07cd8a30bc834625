#pragma once

#include "config/serverconfig.h"
#include "error.h"
#include "net/threadnetworkmanagers.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <utility>

class QNetworkAccessManager;

namespace Shop::Payments {

// The Stripe API version every request pins (Stripe-Version), so that an account upgrade on
// Stripe's side never changes the objects this server reads.
inline constexpr const char *kStripeVersion = "2024-06-20";

// Form fields in order; nested keys are written as Stripe documents them: "metadata[order_id]".
using FormFields = QList<std::pair<QString, QString>>;

// A Stripe error answer ({"error": {...}}) as the failed Result's Error carries it in
// extensions["stripe"]: {"status", "type", "code", "decline_code", "param"}.
struct StripeError
{
    int httpStatus = 0; // 0: no answer
    QString type; // card_error, invalid_request_error, api_error, idempotency_error, ...
    QString code; // amount_too_large, charge_already_refunded, card_declined, ...
    QString declineCode;
    QString message;

    [[nodiscard]] static std::optional<StripeError> of(const Error &error);
};

// The Stripe REST client: form-encoded requests to `<api url>/v1/...` with
// `Authorization: Bearer <secret key>` and `Stripe-Version`; JSON answers. Synchronous: each call
// uses the calling thread's QNetworkAccessManager and waits in a local event loop, so call it
// from an HTTP worker or a job worker, never from the HTTP event loop.
//
// Every POST carries the caller's Idempotency-Key (derived from what the call does:
// "create-intent:<order id>:<amount>", "refund:<refund id>"), so the retries below, and any retry
// of the caller, can never create a second intent or refund. Network failures, timeouts, 409
// (a concurrent request with the same key), 429 and 5xx are retried with backoff (Stripe's
// advice, with Stripe-Should-Retry honoured) up to `maxAttempts`; then the call fails with
// Unavailable. Stripe's other errors become: 404 -> NotFound, 401/403 -> Unavailable (a
// configuration problem, logged), 400/402 -> Conflict; each with extensions["stripe"].
// Nothing logged contains the secret key, a client secret or a request body.
class StripeClient final
{
public:
    struct Settings
    {
        QString apiUrl; // "https://api.stripe.com", no trailing '/'
        QString secretKey;
        int timeoutMs = 30000;
        int maxAttempts = 4;
        std::chrono::milliseconds backoffBase {250};
    };

    explicit StripeClient(Settings settings);
    ~StripeClient();
    StripeClient(const StripeClient &) = delete;
    StripeClient &operator=(const StripeClient &) = delete;

    [[nodiscard]] Result<QJsonObject> post(const QString &path, const FormFields &fields,
                                           const QString &idempotencyKey) const;
    [[nodiscard]] Result<QJsonObject> get(const QString &path) const;

    // application/x-www-form-urlencoded, keys' brackets kept readable.
    [[nodiscard]] static QByteArray formEncode(const FormFields &fields);

    [[nodiscard]] const Settings &settings() const { return m_settings; }

private:
    [[nodiscard]] Result<QJsonObject> call(const QByteArray &verb, const QString &path,
                                           const QByteArray &body,
                                           const QString &idempotencyKey) const;
    Settings m_settings;
    mutable Net::ThreadNetworkManagers m_managers; // blocking calls run on worker threads
};

} // namespace Shop::Payments
