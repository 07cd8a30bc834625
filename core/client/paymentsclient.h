#pragma once

#include "client/apiclient.h"
#include "client/usermessages.h"
#include "commerce/orderstatus.h"
#include "error.h"
#include "money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <optional>

namespace Shop::Client {

// POST /api/payments/create-intent: what the payment page needs to mount Stripe's Payment
// Element for one order (docs/payments.md). The amount comes from the server's database, never
// from the app.
struct PaymentIntentTicket
{
    QString orderId;
    QString paymentIntentId; // "pi_..."
    QString clientSecret; // "pi_..._secret_...": handed to Stripe.js only, never logged
    QString publishableKey; // "pk_..."
    QUrl stripeJsUrl; // https://js.stripe.com/v3, or the sandbox's
    Money amount;
    QString status; // Stripe's PaymentIntent status
};

// The payment of an order as the server knows it (from Stripe's webhook, or by asking Stripe).
struct PaymentInfo
{
    QString paymentIntentId;
    // requires_payment_method | requires_confirmation | requires_action | processing |
    // succeeded | canceled | failed
    QString status;
    Money amount;
    QString lastError; // Stripe's message of the last failed attempt ("Your card was declined.")
    QString lastErrorCode; // "card_declined", ...
    QDateTime createdAt;
    QDateTime updatedAt;

    [[nodiscard]] bool succeeded() const { return status == u"succeeded"; }
    // Not yet decided: the app may ask again shortly.
    [[nodiscard]] bool inProgress() const
    {
        return status == u"processing" || status == u"requires_confirmation"
            || status == u"requires_action";
    }
};

struct RefundInfo
{
    QString id;
    QString stripeRefundId; // "re_...", empty while the refund is not yet at Stripe
    Money amount;
    QString status; // pending | succeeded | failed
    QString reason; // requested_by_customer | duplicate | fraudulent
    QString note;
    QDateTime createdAt;
    QString createdBy; // customer | staff | system
};

// GET /api/orders/{id}/payment and GET /api/admin/orders/{id}/payment.
struct PaymentDocument
{
    QString orderId;
    QString orderNumber;
    Commerce::OrderStatus orderStatus = Commerce::OrderStatus::Pending;
    Money total;
    std::optional<PaymentInfo> payment; // none before the first create-intent
    QList<RefundInfo> refunds; // oldest first, as the server lists them
    Money refunded;
    Money refundable;

    // The order counts as paid when the server says so: its status moved on from pending to
    // paid (or further along, but not cancelled).
    [[nodiscard]] bool orderPaid() const
    {
        return orderStatus != Commerce::OrderStatus::Pending
            && orderStatus != Commerce::OrderStatus::Cancelled;
    }
};

// POST /api/admin/orders/{id}/refunds
struct RefundRequest
{
    std::optional<qint64> amount; // minor units; none: everything refundable
    QString reason = QStringLiteral("requested_by_customer");
    QString note; // 1..500 characters, required by the server

    [[nodiscard]] QJsonObject toJson() const;
};

// Reading the wire format (strict: a missing or mistyped field is an error).
[[nodiscard]] Result<PaymentIntentTicket> paymentIntentTicketFromJson(const QJsonObject &object);
[[nodiscard]] Result<PaymentInfo> paymentInfoFromJson(const QJsonObject &object);
[[nodiscard]] Result<RefundInfo> refundInfoFromJson(const QJsonObject &object);
[[nodiscard]] Result<PaymentDocument> paymentDocumentFromJson(const QJsonObject &object);

// The payment calls of both apps. Errors arrive as the server's: NotFound for an order that is
// not the caller's, Conflict with the problem extension "reason" (expired, cancelled,
// already_paid, not_pending) when an order cannot be paid, or nothing was paid for a refund,
// Validation with the field "amount" for a refund over what is refundable.
class PaymentsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentsClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    explicit PaymentsClient(ApiClient *api, QObject *parent = nullptr);

    // POST /api/payments/create-intent {"order_id"}: the same intent for repeated calls.
    RequestId createIntent(const QString &orderId, const QObject *context,
                           Callback<PaymentIntentTicket> done);
    // GET /api/orders/{id}/payment (the customer's own order)
    RequestId paymentState(const QString &orderId, const QObject *context,
                           Callback<PaymentDocument> done);
    // GET /api/admin/orders/{id}/payment (staff)
    RequestId adminPaymentState(const QString &orderId, const QObject *context,
                                Callback<PaymentDocument> done);
    // POST /api/admin/orders/{id}/refunds: the refund created (201).
    RequestId refund(const QString &orderId, const RefundRequest &request, const QObject *context,
                     Callback<RefundInfo> done);

    void cancel(RequestId id);

    // The "reason" of a Conflict answer ("expired", "cancelled", "already_paid", "not_pending"),
    // empty for other errors.
    [[nodiscard]] static QString conflictReason(const Error &error);

    // An error of createIntent/paymentState as the customer reads it.
    [[nodiscard]] static UserMessages::Text describe(const Error &error, const QUrl &server);

    // The translated name of a payment status and a refund reason.
    [[nodiscard]] static QString paymentStatusText(const QString &status);
    [[nodiscard]] static QString refundReasonText(const QString &reason);

private:
    QPointer<ApiClient> m_api;
};

} // namespace Shop::Client
