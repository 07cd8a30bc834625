#pragma once

#include "config/serverconfig.h"
#include "http/router.h"
#include "paymentrepository.h"
#include "stripeclient.h"

#include <QJsonObject>

#include <memory>

namespace Shop::Jobs {
class Registry;
}

namespace Shop::Payments {

// The job kinds of the payments module (payload in brackets).
inline const QString RefundJobKind = QStringLiteral("payment.refund"); // {"refund_id"}
inline const QString ReconcileJobKind = QStringLiteral("payment.reconcile"); // {"order_id"}

// The payments module's routes and work. Every handler runs on an HTTP worker (never the event
// loop: Stripe calls block that worker, in a local event loop, for at most the configured timeout
// per attempt).
//   POST /api/payments/create-intent         the caller's pending order's PaymentIntent (one per
//   order) GET  /api/orders/{id}/payment            the caller's order's payment document GET
//   /api/admin/orders/{id}/payment      staff: any order's payment document POST
//   /api/admin/orders/{id}/refunds      staff: a full or partial refund (audited) POST
//   /api/payments/webhook               Stripe's events, signature-verified, exactly once
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
    [[nodiscard]] Http::Reply createIntent(const Http::Request &request) const;
    [[nodiscard]] Http::Reply ownPayment(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminPayment(const Http::Request &request) const;
    [[nodiscard]] Http::Reply adminRefund(const Http::Request &request) const;
    [[nodiscard]] Http::Reply webhook(const Http::Request &request) const;

    [[nodiscard]] Http::Reply paymentDocument(const QString &orderId, const QString &ownerId) const;
    // Retrieves the intent from Stripe and applies it (a late webhook, reconciliation).
    [[nodiscard]] Result<QJsonObject> refreshIntent(const QString &intentId) const;
    [[nodiscard]] Result<QString> applyCharge(QSqlDatabase &db, const QJsonObject &charge) const;
    [[nodiscard]] Result<QString> applyRefundObject(QSqlDatabase &db,
                                                    const QJsonObject &refund) const;
    // Calls Stripe for a pending refund and records the outcome (idempotent: refund:<id>).
    [[nodiscard]] Result<RefundRow> executeRefund(QSqlDatabase &db, const QString &refundId) const;
    // Records a refund of the whole refundable amount of the order (cancel, late payment) and
    // enqueues its execution, in the caller's transaction; nothing when nothing is refundable.
    [[nodiscard]] Result<void> refundAllInTransaction(QSqlDatabase &db, const QString &orderId,
                                                      const QString &createdBy,
                                                      const QString &userId,
                                                      const QString &originKey) const;
    // Cancels the order's PaymentIntent at Stripe (expired or cancelled order), then applies
    // what Stripe has (a payment that won the race is refunded by applyIntent).
    [[nodiscard]] Result<void> cancelIntentOf(QSqlDatabase &db, const QString &orderId) const;

    Server::PaymentsConfig m_config;
    std::unique_ptr<StripeClient> m_stripe;
};

} // namespace Shop::Payments
