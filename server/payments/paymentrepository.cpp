#include "paymentrepository.h"

#include "db/database.h"
#include "ids.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

namespace Shop::Payments::PaymentRepository {

namespace {

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

const QString kPaymentColumns = QStringLiteral(
    "id, order_id, stripe_payment_intent_id, status, amount, amount_received, currency, "
    "last_error, last_error_code, latest_charge, created_at, updated_at");

PaymentRow paymentFromRow(const QSqlQuery &q)
{
    PaymentRow p;
    p.id = q.value(0).toString();
    p.orderId = q.value(1).toString();
    p.intentId = q.value(2).toString();
    p.status = q.value(3).toString();
    p.amount = q.value(4).toLongLong();
    p.amountReceived = q.value(5).toLongLong();
    p.currency = q.value(6).toString();
    p.lastError = q.value(7).toString();
    p.lastErrorCode = q.value(8).toString();
    p.latestCharge = q.value(9).toString();
    p.createdAt = q.value(10).toDateTime();
    p.updatedAt = q.value(11).toDateTime();
    return p;
}

const QString kRefundColumns = QStringLiteral(
    "id, payment_id, order_id, stripe_refund_id, amount, currency, status, reason, note, "
    "created_by, created_by_user, failure, created_at");

RefundRow refundFromRow(const QSqlQuery &q)
{
    RefundRow r;
    r.id = q.value(0).toString();
    r.paymentId = q.value(1).toString();
    r.orderId = q.value(2).toString();
    r.stripeRefundId = q.value(3).toString();
    r.amount = q.value(4).toLongLong();
    r.currency = q.value(5).toString();
    r.status = q.value(6).toString();
    r.reason = q.value(7).toString();
    r.note = q.value(8).toString();
    r.createdBy = q.value(9).toString();
    r.createdByUser = q.value(10).toString();
    r.failure = q.value(11).toString();
    r.createdAt = q.value(12).toDateTime();
    return r;
}

Result<std::optional<PaymentRow>> onePayment(QSqlDatabase &db, const QString &where,
                                             const QVariant &value, Lock lock)
{
    QString sql = QStringLiteral("SELECT ") + kPaymentColumns
        + QStringLiteral(" FROM payments WHERE ") + where;
    if (lock == Lock::ForUpdate) {
        sql += QStringLiteral(" FOR UPDATE");
    }
    auto q = Db::run(db, sql, {value});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<PaymentRow>();
    }
    return std::optional<PaymentRow>(paymentFromRow(**q));
}

} // namespace

Result<std::optional<OrderRow>> order(QSqlDatabase &db, const QString &orderId,
                                      const QString &ownerId, Lock lock)
{
    if (!OrderId::parse(orderId) || (!ownerId.isEmpty() && !UserId::parse(ownerId))) {
        return std::optional<OrderRow>();
    }
    QString sql = QStringLiteral(
        "SELECT o.id, o.user_id, o.order_number, o.status, o.total, o.currency, "
        "(o.status = 'pending' AND o.expires_at IS NOT NULL AND o.expires_at <= now()) "
        "OR (o.status = 'cancelled' AND EXISTS (SELECT 1 FROM order_status_history h "
        "WHERE h.order_id = o.id AND h.to_status = 'cancelled' AND h.reason = 'expired')) "
        "FROM orders o WHERE o.id = ?::uuid");
    QVariantList values {orderId};
    if (!ownerId.isEmpty()) {
        sql += QStringLiteral(" AND o.user_id = ?::uuid");
        values << ownerId;
    }
    if (lock == Lock::ForUpdate) {
        sql += QStringLiteral(" FOR UPDATE OF o");
    }
    auto q = Db::run(db, sql, values);
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<OrderRow>();
    }
    const QSqlQuery &r = **q;
    return std::optional<OrderRow>(OrderRow {
        r.value(0).toString(), r.value(1).toString(), r.value(2).toString(), r.value(3).toString(),
        r.value(4).toLongLong(), r.value(5).toString(), r.value(6).toBool()});
}

Result<std::optional<PaymentRow>> paymentByOrder(QSqlDatabase &db, const QString &orderId,
                                                 Lock lock)
{
    if (!OrderId::parse(orderId)) {
        return std::optional<PaymentRow>();
    }
    return onePayment(db, QStringLiteral("order_id = ?::uuid"), orderId, lock);
}

Result<std::optional<PaymentRow>> paymentByIntent(QSqlDatabase &db, const QString &intentId)
{
    return onePayment(db, QStringLiteral("stripe_payment_intent_id = ?"), intentId, Lock::None);
}

Result<void> insertPayment(QSqlDatabase &db, const QString &orderId, const QString &intentId,
                           qint64 amount, const QString &currency, const QString &status)
{
    auto inserted = Db::run(db,
                            QStringLiteral("INSERT INTO payments (order_id, "
                                           "stripe_payment_intent_id, amount, currency, status) "
                                           "VALUES (?::uuid, ?, ?, ?, ?) "
                                           "ON CONFLICT (order_id) DO NOTHING RETURNING id"),
                            {orderId, intentId, amount, currency, status});
    if (!inserted) {
        return fail(inserted.error());
    }
    if ((*inserted)->next()) {
        const QString id = (*inserted)->value(0).toString();
        auto linked =
            Db::run(db, QStringLiteral("UPDATE orders SET payment_id = ?::uuid WHERE id = ?::uuid"),
                    {id, orderId});
        if (!linked) {
            return fail(linked.error());
        }
    }
    return {};
}

Result<void> updatePayment(QSqlDatabase &db, const PaymentRow &p)
{
    auto q = Db::run(db,
                     QStringLiteral("UPDATE payments SET status = ?, amount_received = ?, "
                                    "last_error = ?, last_error_code = ?, latest_charge = ? "
                                    "WHERE id = ?::uuid"),
                     {p.status, p.amountReceived, nullable(p.lastError.left(1000)),
                      nullable(p.lastErrorCode.left(100)), nullable(p.latestCharge), p.id});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<QList<RefundRow>> refunds(QSqlDatabase &db, const QString &paymentId)
{
    auto q = Db::run(db,
                     QStringLiteral("SELECT ") + kRefundColumns
                         + QStringLiteral(" FROM refunds WHERE payment_id = ?::uuid "
                                          "ORDER BY created_at, id"),
                     {paymentId});
    if (!q) {
        return fail(q.error());
    }
    QList<RefundRow> result;
    while ((*q)->next()) {
        result.append(refundFromRow(**q));
    }
    return result;
}

Result<std::optional<RefundRow>> refund(QSqlDatabase &db, const QString &refundId, Lock lock)
{
    if (!OrderId::parse(refundId)) {
        return std::optional<RefundRow>();
    }
    QString sql = QStringLiteral("SELECT ") + kRefundColumns
        + QStringLiteral(" FROM refunds WHERE id = ?::uuid");
    if (lock == Lock::ForUpdate) {
        sql += QStringLiteral(" FOR UPDATE");
    }
    auto q = Db::run(db, sql, {refundId});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<RefundRow>();
    }
    return std::optional<RefundRow>(refundFromRow(**q));
}

Result<std::optional<RefundRow>> refundByStripeId(QSqlDatabase &db, const QString &stripeRefundId)
{
    auto q = Db::run(db,
                     QStringLiteral("SELECT ") + kRefundColumns
                         + QStringLiteral(" FROM refunds WHERE stripe_refund_id = ?"),
                     {stripeRefundId});
    if (!q) {
        return fail(q.error());
    }
    if (!(*q)->next()) {
        return std::optional<RefundRow>();
    }
    return std::optional<RefundRow>(refundFromRow(**q));
}

Result<qint64> committedRefunds(QSqlDatabase &db, const QString &paymentId)
{
    auto q = Db::run(db,
                     QStringLiteral("SELECT coalesce(sum(amount), 0)::bigint FROM refunds "
                                    "WHERE payment_id = ?::uuid AND status IN ('pending', "
                                    "'succeeded')"),
                     {paymentId});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next() ? (*q)->value(0).toLongLong() : 0;
}

Result<RefundRow> insertRefund(QSqlDatabase &db, const RefundRow &r, const QString &originKey)
{
    auto q = Db::run(
        db,
        QStringLiteral("INSERT INTO refunds (payment_id, order_id, stripe_refund_id, amount, "
                       "currency, status, reason, note, created_by, created_by_user, origin_key) "
                       "VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?) "
                       "ON CONFLICT (origin_key) DO NOTHING RETURNING ")
            + kRefundColumns,
        {r.paymentId, r.orderId, nullable(r.stripeRefundId), r.amount, r.currency,
         r.status.isEmpty() ? QStringLiteral("pending") : r.status, nullable(r.reason), r.note,
         r.createdBy, nullable(r.createdByUser), nullable(originKey)});
    if (!q) {
        return fail(q.error());
    }
    if ((*q)->next()) {
        return refundFromRow(**q);
    }
    auto existing = Db::run(db,
                            QStringLiteral("SELECT ") + kRefundColumns
                                + QStringLiteral(" FROM refunds WHERE origin_key = ?"),
                            {originKey});
    if (!existing) {
        return fail(existing.error());
    }
    if (!(*existing)->next()) {
        return fail(Error::conflict(QStringLiteral("The refund is being recorded; try again.")));
    }
    return refundFromRow(**existing);
}

Result<void> updateRefund(QSqlDatabase &db, const QString &refundId, const QString &status,
                          const QString &stripeRefundId, const QString &failure)
{
    auto q = Db::run(db,
                     QStringLiteral("UPDATE refunds SET status = ?, "
                                    "stripe_refund_id = coalesce(?, stripe_refund_id), "
                                    "failure = ? WHERE id = ?::uuid"),
                     {status, nullable(stripeRefundId), nullable(failure.left(1000)), refundId});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<QList<QString>> pendingRefundIds(QSqlDatabase &db, const QString &orderId)
{
    auto q = Db::run(db,
                     QStringLiteral("SELECT id FROM refunds WHERE order_id = ?::uuid AND "
                                    "status = 'pending' ORDER BY created_at"),
                     {orderId});
    if (!q) {
        return fail(q.error());
    }
    QList<QString> ids;
    while ((*q)->next()) {
        ids.append((*q)->value(0).toString());
    }
    return ids;
}

Result<bool> claimEvent(QSqlDatabase &db, const QString &eventId, const QString &type,
                        const QString &intentId, qint64 created)
{
    auto q = Db::run(db,
                     QStringLiteral("INSERT INTO stripe_events (id, type, payment_intent_id, "
                                    "outcome, stripe_created) VALUES (?, ?, ?, 'ignored', "
                                    "CASE WHEN ? > 0 THEN to_timestamp(?) END) "
                                    "ON CONFLICT (id) DO NOTHING RETURNING id"),
                     {eventId, type.left(100), nullable(intentId), created, created});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next();
}

Result<void> setEventOutcome(QSqlDatabase &db, const QString &eventId, const QString &outcome)
{
    auto q = Db::run(db, QStringLiteral("UPDATE stripe_events SET outcome = ? WHERE id = ?"),
                     {outcome, eventId});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

} // namespace Shop::Payments::PaymentRepository
