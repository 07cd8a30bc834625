#pragma once

#include "sandboxservice.h"
#include "stripeform.h"
#include "stripewebhooks.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QStringList>

#include <functional>
#include <memory>

namespace Shop::Sandbox {

struct StripeOptions
{
    QString secretKey = QStringLiteral("sk_test_sandbox");
    QString publishableKey = QStringLiteral("pk_test_sandbox");
    QString webhookSecret = QStringLiteral("whsec_sandbox");
    QStringList webhookUrls; // endpoints from the command line, every event ("*")
    StripeWebhooks::Settings webhooks;
};

// Stripe, offline: the subset of Stripe's API the store uses, in Stripe's wire format
// (form-encoded requests, Stripe's JSON objects and error objects, API version 2024-06-20), with
// Stripe's test cards, idempotency keys and signed webhook deliveries. docs/sandbox.md lists it:
//   POST /v1/payment_intents, GET /v1/payment_intents/{id}, POST .../{id}/confirm, .../{id}/cancel
//   POST /v1/refunds, GET /v1/refunds/{id}
//   GET  /v1/events/{id}, GET /v1/events
//   POST /v1/webhook_endpoints, GET /v1/webhook_endpoints[/{id}], DELETE /v1/webhook_endpoints/{id}
// and for tests (JSON, not Stripe's):
//   POST/DELETE /api/stripe/failures        the next N API calls fail with a status and/or wait
//   POST/DELETE /api/stripe/webhook-switches  the next N events: delivered twice, late, stale t,
//                                           or after the following one (out of order)
//   POST /api/stripe/events/{id}/resend     delivers an event again to every endpoint
//   GET/DELETE  /api/stripe/deliveries      the webhook attempts, newest first
// All state is in memory behind one mutex: handlers run on the HTTP worker threads.
class StripeService final : public SandboxService
{
public:
    explicit StripeService(StripeOptions options);
    ~StripeService() override;

    [[nodiscard]] QString tabId() const override { return QStringLiteral("payments"); }
    [[nodiscard]] QString tabTitle() const override { return QStringLiteral("Payments (Stripe)"); }
    [[nodiscard]] QString renderTab() const override;
    void registerRoutes(Http::Router &router) override;

    [[nodiscard]] StripeWebhooks &webhooks() { return *m_webhooks; }

    // What one API call answers (before the common headers are added).
    struct Answer
    {
        int status = 200;
        QJsonObject body;
        // Stripe keeps an idempotent result only when the endpoint started executing: not for
        // parameter validation errors, authentication errors or injected outages.
        bool keep = true;
    };

    // The switches (also reachable over HTTP).
    struct FailureSwitch
    {
        int count = 0;
        int status = 0; // > 0: answer this status with a Stripe error body
        int delayMs = 0; // > 0: wait first (while holding the idempotency key)
    };
    struct WebhookSwitch
    {
        int count = 0;
        bool duplicate = false;
        int delayMs = 0;
        qint64 staleSeconds = 0;
        // Held back and delivered right after the next event some endpoint receives (out of
        // order); DELETE /api/stripe/webhook-switches delivers what is still held.
        bool reorder = false;
    };
    void setFailureSwitch(FailureSwitch value);
    void setWebhookSwitch(WebhookSwitch value);
    // Resets the webhook switch and delivers the events it held back.
    void resetWebhookSwitch();

private:
    enum class Access { Secret, SecretOrPublishable };
    enum class KeyKind { None, Secret, Publishable };
    struct Call
    {
        const Http::Request *request = nullptr;
        StripeParams params;
        KeyKind key = KeyKind::None;
        QString requestId; // req_…
        QString idempotencyKey;
    };
    struct Endpoint
    {
        QJsonObject object; // the WebhookEndpoint as Stripe answers it
        QString url;
        QStringList enabledEvents;
    };
    struct Idempotent
    {
        QString path;
        QByteArray params;
        bool inProgress = true;
        Answer answer;
        QDateTime at;
    };
    using Operation = std::function<Answer(Call &)>;

    [[nodiscard]] Http::Response api(const Http::Request &request, Access access,
                                     const Operation &operation);

    // Under m_mutex.
    [[nodiscard]] Answer createIntent(Call &call);
    [[nodiscard]] Answer retrieveIntent(Call &call, const QString &id);
    [[nodiscard]] Answer confirmIntent(Call &call, const QString &id);
    [[nodiscard]] Answer cancelIntent(Call &call, const QString &id);
    [[nodiscard]] Answer createRefund(Call &call);
    [[nodiscard]] Answer retrieveRefund(Call &call, const QString &id);
    [[nodiscard]] Answer retrieveEvent(Call &call, const QString &id);
    [[nodiscard]] Answer listEvents(Call &call);
    [[nodiscard]] Answer createEndpoint(Call &call);
    [[nodiscard]] Answer listEndpoints(Call &call);
    [[nodiscard]] Answer retrieveEndpoint(Call &call, const QString &id);
    [[nodiscard]] Answer deleteEndpoint(Call &call, const QString &id);
    // Checks a publishable-key call's client_secret against the intent; nullopt when allowed.
    [[nodiscard]] std::optional<Answer> checkClientSecret(const Call &call,
                                                          const QJsonObject &intent) const;
    // Records an event and hands it to every endpoint that wants it.
    void emitEvent(const QString &type, const QJsonObject &object, const Call &call,
                   const QString &orderingKey, const QJsonObject &previous = {});
    void deliverEvent(const QJsonObject &event, const QString &orderingKey,
                      const WebhookSwitch &applied, const QString &onlyEndpointId = {});
    [[nodiscard]] WebhookSwitch takeWebhookSwitch();
    [[nodiscard]] FailureSwitch takeFailureSwitch();
    void addEndpoint(const QString &url, const QStringList &events, const QString &description);

    const StripeOptions m_options;
    std::unique_ptr<StripeWebhooks> m_webhooks;

    mutable QMutex m_mutex;
    QHash<QString, QJsonObject> m_intents;
    QStringList m_intentOrder; // oldest first
    QHash<QString, QJsonObject> m_charges;
    QHash<QString, QJsonObject> m_refunds;
    QHash<QString, QJsonObject> m_paymentMethods;
    QList<QJsonObject> m_events; // oldest first
    QHash<QString, qsizetype> m_eventIndex;
    QHash<QString, QString> m_eventOrdering; // event id → ordering key (for resends)
    QList<Endpoint> m_endpoints;
    QHash<QString, Idempotent> m_idempotency;
    FailureSwitch m_failureSwitch;
    WebhookSwitch m_webhookSwitch;
    struct Held
    {
        QJsonObject event;
        QString orderingKey;
        WebhookSwitch applied;
    };
    QList<Held> m_held; // events the reorder switch holds back
};

} // namespace Shop::Sandbox
