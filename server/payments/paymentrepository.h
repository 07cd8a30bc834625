#pragma once

#include "error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Shop::Payments {

// The order as payments see it.
struct OrderRow
{
    QString id;
    QString userId;
    QString number;
    QString status; // pending, paid, processing, shipped, delivered, cancelled
    qint64 total = 0;
    QString currency; // upper-case
    bool expired = false; // pending and past expires_at, or cancelled by the expiry
};

// The order's PaymentIntent as the server last knew it (table payments).
struct PaymentRow
{
    QString id;
    QString orderId;
    QString intentId;
    QString status; // Stripe's PaymentIntent status
    qint64 amount = 0;
    qint64 amountReceived = 0;
    QString currency;
    QString lastError;
    QString lastErrorCode;
    QString latestCharge;
    QDateTime createdAt;
    QDateTime updatedAt;

    // succeeded and canceled: Stripe never moves an intent out of them.
    [[nodiscard]] bool isTerminal() const
    {
        return status == u"succeeded" || status == u"canceled";
    }
};

struct RefundRow
{
    QString id;
    QString paymentId;
    QString orderId;
    QString stripeRefundId;
    qint64 amount = 0;
    QString currency;
    QString status; // pending, succeeded, failed
    QString reason; // requested_by_customer, duplicate, fraudulent, or empty
    QString note;
    QString createdBy; // customer, staff, system
    QString createdByUser;
    QString failure;
    QDateTime createdAt;
};

enum class Lock { None, ForUpdate };

// Every SQL statement of the payments module. Writers lock in one order: the order row, then its
// payment row, then refunds, so that create-intent, webhooks, refunds, cancellation and expiry
// never deadlock.
namespace PaymentRepository {

// ownerId non-empty: only that user's order.
[[nodiscard]] Result<std::optional<OrderRow>> order(QSqlDatabase &db, const QString &orderId,
                                                    const QString &ownerId, Lock lock);
[[nodiscard]] Result<std::optional<PaymentRow>> paymentByOrder(QSqlDatabase &db,
                                                               const QString &orderId, Lock lock);
[[nodiscard]] Result<std::optional<PaymentRow>> paymentByIntent(QSqlDatabase &db,
                                                                const QString &intentId);
// Inserts the order's payment row (nothing when it has one) and links the order to it.
[[nodiscard]] Result<void> insertPayment(QSqlDatabase &db, const QString &orderId,
                                         const QString &intentId, qint64 amount,
                                         const QString &currency, const QString &status);
[[nodiscard]] Result<void> updatePayment(QSqlDatabase &db, const PaymentRow &payment);

[[nodiscard]] Result<QList<RefundRow>> refunds(QSqlDatabase &db, const QString &paymentId);
[[nodiscard]] Result<std::optional<RefundRow>> refund(QSqlDatabase &db, const QString &refundId,
                                                      Lock lock);
[[nodiscard]] Result<std::optional<RefundRow>> refundByStripeId(QSqlDatabase &db,
                                                                const QString &stripeRefundId);
// Pending and succeeded refunds of the payment: what is no longer refundable.
[[nodiscard]] Result<qint64> committedRefunds(QSqlDatabase &db, const QString &paymentId);
// Inserts a refund; with an origin key, nothing when a refund with that key exists (returns it).
[[nodiscard]] Result<RefundRow> insertRefund(QSqlDatabase &db, const RefundRow &refund,
                                             const QString &originKey);
[[nodiscard]] Result<void> updateRefund(QSqlDatabase &db, const QString &refundId,
                                        const QString &status, const QString &stripeRefundId,
                                        const QString &failure);
[[nodiscard]] Result<QList<QString>> pendingRefundIds(QSqlDatabase &db, const QString &orderId);

// Claims the event id: true when this transaction is the first to see it (a concurrent delivery
// waits for this transaction and then finds it taken).
[[nodiscard]] Result<bool> claimEvent(QSqlDatabase &db, const QString &eventId, const QString &type,
                                      const QString &intentId, qint64 created);
[[nodiscard]] Result<void> setEventOutcome(QSqlDatabase &db, const QString &eventId,
                                           const QString &outcome);

} // namespace PaymentRepository

} // namespace Shop::Payments
