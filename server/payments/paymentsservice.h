#pragma once

#include "config/serverconfig.h"
#include "http/router.h"
#include "paymentrepository.h"
#include "stripeclient.h"

#include <QJsonObject>

#include <memory>
#include <optional>

namespace Shop::Jobs {
class Registry;
struct KindPolicy;
} // namespace Shop::Jobs

namespace Shop::Payments {

// The job kinds of the payments module (payload in brackets).
inline const QString RefundJobKind = QStringLiteral("payment.refund"); // {"refund_id"}
inline const QString ReconcileJobKind = QStringLiteral("payment.reconcile"); // {"order_id"}

// The payments module's routes and work. Every handler runs on an HTTP worker (never the event
// loop: Stripe calls block that worker, in a local event loop, for at most the configured timeout
// per attempt).
//   POST /api/payments/create-intent     the caller's pending order's PaymentIntent (one per order)
//   GET  /api/orders/{id}/payment        the caller's order's payment document
//   GET  /api/admin/orders/{id}/payment  staff: any order's payment document
//   POST /api/admin/orders/{id}/refunds  staff: a full or partial refund (audited)
//   POST /api/payments/webhook           Stripe's events, signature-verified, exactly once
// Its definitions are split by concern: the routes (request parsing and answers) in
// paymentsroutes.cpp, intent creation, retrieval and cancellation and the jobs in
// paymentsservice.cpp, the webhook's event application in stripeevents.cpp, refunds and their jobs
// in refunds.cpp; what they share is paymentsinternal.h.
class PaymentsService final
{
public:
    explicit PaymentsService(Server::PaymentsConfig config);
    ~PaymentsService();

    void registerRoutes(Http::Router &router);
    // The job handlers: refunds, reconciliation, and the orders module's kinds for cancelled and
    // expired orders (Orders::RefundOrderJobKind, Orders::CancelIntentJobKind).
    void registerJobs(Jobs::Registry &jobs);

    // Applies a PaymentIntent object (from Stripe: an event's data.object or a retrieval) to the
    // payment and its order, in the caller's transaction. "applied", "ignored" or
    // "unknown_intent".
    [[nodiscard]] Result<QString> applyIntent(QSqlDatabase &db, const QJsonObject &intent) const;

private:
    // What create-intent answers with: the order, Stripe's intent and its client secret.
    struct OrderIntent
    {
        OrderRow order;
        QJsonObject intent;
        QString clientSecret;
    };
    // An order, its payment (none before create-intent) and the payment's refunds.
    struct PaymentState
    {
        OrderRow order;
        std::optional<PaymentRow> payment;
        QList<RefundRow> refunds;
    };

    // Routes (paymentsroutes.cpp).
    [[nodiscard]] Http::Reply createIntent(const Http::Request &request) const;
    [[nodiscard]] Http::Reply ownPayment(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminPayment(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminRefund(const Http::Request &request) const;
    [[nodiscard]] Http::Reply webhook(const Http::Request &request) const;
    [[nodiscard]] Http::Reply paymentDocument(const QString &orderId, const QString &ownerId) const;

    // Intents (paymentsservice.cpp).
    // The caller's pending order's PaymentIntent: the existing one retrieved from Stripe, or a
    // new one created and recorded.
    [[nodiscard]] Result<OrderIntent> openIntent(const QString &orderId,
                                                 const QString &userId) const;
    // The order (the owner's, or any order for an empty ownerId) with its payment and refunds;
    // a payment still in flight is refreshed from Stripe first.
    [[nodiscard]] Result<PaymentState> paymentState(const QString &orderId,
                                                    const QString &ownerId) const;
    // Retrieves the intent from Stripe and applies it (a late webhook, reconciliation).
    [[nodiscard]] Result<QJsonObject> refreshIntent(const QString &intentId) const;
    // Cancels the order's PaymentIntent at Stripe (expired or cancelled order), then applies
    // what Stripe has (a payment that won the race is refunded by applyIntent).
    [[nodiscard]] Result<void> cancelIntentOf(QSqlDatabase &db, const QString &orderId) const;

    // The webhook's events (stripeevents.cpp).
    // Claims a signed event (exactly once) and applies it in one transaction: its outcome.
    // intentId is the PaymentIntent it concerns (if any), created Stripe's `created` (seconds since
    // the epoch), object its data.object.
    [[nodiscard]] Result<QString> applyEvent(const QString &eventId, const QString &type,
                                             const QString &intentId, qint64 created,
                                             const QJsonObject &object) const;
    [[nodiscard]] Result<QString> applyCharge(QSqlDatabase &db, const QJsonObject &charge) const;
    [[nodiscard]] Result<QString> applyRefundObject(QSqlDatabase &db,
                                                    const QJsonObject &refund) const;

    // Refunds (refunds.cpp).
    // Records a staff refund (userId's; amount: all that is left to refund when none) with its
    // audit entry and job, then executes it at once.
    [[nodiscard]] Result<RefundRow> refundOrder(const QString &orderId,
                                                std::optional<qint64> amount, const QString &reason,
                                                const QString &note, const QString &userId,
                                                const QString &requestId) const;
    // Calls Stripe for a pending refund and records the outcome (idempotent: refund:<id>).
    [[nodiscard]] Result<RefundRow> executeRefund(QSqlDatabase &db, const QString &refundId) const;
    // Records a refund of the whole refundable amount of the order (cancel, late payment) and
    // enqueues its execution, in the caller's transaction; nothing when nothing is refundable.
    [[nodiscard]] Result<void> refundAllInTransaction(QSqlDatabase &db, const QString &orderId,
                                                      const QString &createdBy,
                                                      const QString &userId,
                                                      const QString &originKey) const;
    // The refund jobs' handlers (RefundJobKind, Orders::RefundOrderJobKind).
    void registerRefundJobs(Jobs::Registry &jobs, const Jobs::KindPolicy &policy);

    Server::PaymentsConfig m_config;
    std::unique_ptr<StripeClient> m_stripe;
};

} // namespace Shop::Payments
