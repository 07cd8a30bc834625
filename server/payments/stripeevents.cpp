// The webhook's event application: a signed Stripe event (checked and read by the webhook route,
// paymentsroutes.cpp) is claimed exactly once and applied to the payment, its refunds and its order
// in one transaction. PaymentIntents are also applied from retrievals (paymentsservice.cpp).

#include "paymentsinternal.h"
#include "paymentsservice.h"

#include "commerce/orderstatus.h"
#include "db/database.h"
#include "ids.h"
#include "jobs/jobs.h"
#include "metrics/metrics.h"
#include "orders/orderrepository.h"
#include "outbox/outbox.h"

#include <QDateTime>
#include <QJsonArray>

namespace Shop::Payments {

using namespace Internal;

Result<QString> PaymentsService::applyEvent(const QString &eventId, const QString &type,
                                            const QString &intentId, qint64 created,
                                            const QJsonObject &object) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto outcome = inTx<QString>(*db, [&](QSqlDatabase &d) -> Result<QString> {
        auto claimed = Repo::claimEvent(d, eventId, type, intentId, created);
        if (!claimed) {
            return fail(claimed.error());
        }
        if (!*claimed) {
            return QStringLiteral("duplicate");
        }
        Result<QString> applied = QStringLiteral("ignored");
        if (type == u"payment_intent.created") {
            // Nothing to learn (the row is create-intent's), and no lock to wait for.
        } else if (type.startsWith(u"payment_intent.")) {
            applied = applyIntent(d, object);
        } else if (type == u"charge.refunded" || type == u"charge.refund.updated") {
            applied = applyCharge(d, object);
        } else if (type == u"refund.created" || type == u"refund.updated"
                   || type == u"refund.failed") {
            applied = applyRefundObject(d, object);
        }
        if (!applied) {
            return fail(applied.error());
        }
        if (auto recorded = Repo::setEventOutcome(d, eventId, *applied); !recorded) {
            return fail(recorded.error());
        }
        return *applied;
    });
    if (!outcome) {
        qCWarning(lcWebhook, "Event %ls (%ls) not processed, Stripe will retry: %ls",
                  qUtf16Printable(eventId), qUtf16Printable(type),
                  qUtf16Printable(outcome.error().message));
        return fail(outcome.error());
    }
    qCInfo(lcWebhook, "Event %ls (%ls): %ls.", qUtf16Printable(eventId), qUtf16Printable(type),
           qUtf16Printable(*outcome));
    if (created > 0 && *outcome != u"duplicate") {
        // Stripe's `created` has whole seconds: so has the lag.
        Metrics::registry().webhookLag().observeSeconds(
            double(QDateTime::currentSecsSinceEpoch() - created));
    }
    return *outcome;
}

Result<QString> PaymentsService::applyIntent(QSqlDatabase &db, const QJsonObject &intent) const
{
    const QString intentId = intent.value(QStringLiteral("id")).toString();
    if (!intentId.startsWith(u"pi_")) {
        return QStringLiteral("ignored");
    }
    auto known = Repo::paymentByIntent(db, intentId);
    if (!known) {
        return fail(known.error());
    }
    const QString orderId = known->has_value() ? (*known)->orderId
                                               : intent.value(QStringLiteral("metadata"))
                                                     .toObject()
                                                     .value(QStringLiteral("order_id"))
                                                     .toString();
    if (!OrderId::parse(orderId)) {
        qCWarning(lcPayments, "PaymentIntent %ls belongs to no order here: acknowledged.",
                  qUtf16Printable(intentId));
        return QStringLiteral("unknown_intent");
    }
    // The order's lock first: a create-intent still in its transaction holds it, so a webhook
    // that overtakes the payment row waits here and then finds the row.
    auto order = Repo::order(db, orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        qCWarning(lcPayments, "PaymentIntent %ls names an order that does not exist.",
                  qUtf16Printable(intentId));
        return QStringLiteral("unknown_intent");
    }
    const OrderRow o = **order;
    auto payment = Repo::paymentByOrder(db, orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value()) {
        // The intent exists at Stripe but its row never committed here (a crash between the two):
        // it is this order's when Stripe's amount and currency are the order's.
        const qint64 amount = intent.value(QStringLiteral("amount")).toInteger();
        const QString currency = intent.value(QStringLiteral("currency")).toString().toUpper();
        if (amount != o.total || currency != o.currency) {
            qCWarning(lcPayments,
                      "PaymentIntent %ls for order %ls has another amount or currency than the "
                      "order: not recorded.",
                      qUtf16Printable(intentId), qUtf16Printable(o.number));
            return QStringLiteral("unknown_intent");
        }
        if (auto inserted = Repo::insertPayment(db, orderId, intentId, amount, currency,
                                                QStringLiteral("requires_payment_method"));
            !inserted) {
            return fail(inserted.error());
        }
        payment = Repo::paymentByOrder(db, orderId, R::ForUpdate);
        if (!payment) {
            return fail(payment.error());
        }
        if (!payment->has_value()) {
            return fail(Error::internal(QStringLiteral("The payment row vanished.")));
        }
    }
    const PaymentRow before = **payment;
    if (before.intentId != intentId) {
        qCWarning(lcPayments, "PaymentIntent %ls is not order %ls's intent (%ls): acknowledged.",
                  qUtf16Printable(intentId), qUtf16Printable(o.number),
                  qUtf16Printable(before.intentId));
        return QStringLiteral("unknown_intent");
    }
    const QString status = intent.value(QStringLiteral("status")).toString();
    if (!kIntentStatuses.contains(status)) {
        return QStringLiteral("ignored");
    }
    if (before.isTerminal() && status != before.status) {
        // Stripe never leaves succeeded or canceled: this is an older state delivered late.
        qCInfo(lcPayments, "PaymentIntent %ls: %ls after %ls is out of order: ignored.",
               qUtf16Printable(intentId), qUtf16Printable(status), qUtf16Printable(before.status));
        return QStringLiteral("ignored");
    }
    PaymentRow after = before;
    after.status = status;
    after.amountReceived =
        std::clamp<qint64>(std::max(before.amountReceived,
                                    intent.value(QStringLiteral("amount_received")).toInteger()),
                           0, before.amount);
    const QJsonValue lastError = intent.value(QStringLiteral("last_payment_error"));
    if (lastError.isObject()) {
        after.lastError = lastError.toObject().value(QStringLiteral("message")).toString();
        after.lastErrorCode = lastError.toObject().value(QStringLiteral("code")).toString();
    } else if (status == u"succeeded" || status == u"processing") {
        after.lastError.clear();
        after.lastErrorCode.clear();
    }
    const QString charge = intentIdOf(intent.value(QStringLiteral("latest_charge")));
    if (!charge.isEmpty()) {
        after.latestCharge = charge;
    }
    if (after.status == before.status && after.amountReceived == before.amountReceived
        && after.lastError == before.lastError && after.lastErrorCode == before.lastErrorCode
        && after.latestCharge == before.latestCharge) {
        return QStringLiteral("ignored");
    }
    if (auto updated = Repo::updatePayment(db, after); !updated) {
        return fail(updated.error());
    }
    if (status == u"succeeded" && before.status != u"succeeded") {
        if (o.status == u"pending") {
            Orders::OrderRepository::Transition change;
            change.orderId = orderId;
            change.to = Commerce::OrderStatus::Paid;
            change.actor = Commerce::Actor::System;
            change.reason = QStringLiteral("payment received");
            auto paid = Orders::OrderRepository::transition(db, change);
            if (!paid) {
                return fail(paid.error());
            }
            auto mail = Outbox::enqueueMail(db, QStringLiteral("order_confirmation"),
                                            {{QStringLiteral("order_id"), orderId}},
                                            QStringLiteral("payment-confirmation:") + orderId);
            if (!mail) {
                return fail(mail.error());
            }
            qCInfo(lcPayments, "Order %ls paid (%lld %ls, %ls).", qUtf16Printable(o.number),
                   qlonglong(after.amountReceived), qUtf16Printable(o.currency),
                   qUtf16Printable(intentId));
        } else if (o.status == u"cancelled") {
            // Paid after it expired or was cancelled: the money goes back.
            qCWarning(lcPayments, "Order %ls was paid after it was cancelled: refunding.",
                      qUtf16Printable(o.number));
            if (auto refunded = refundAllInTransaction(db, orderId, QStringLiteral("system"), {},
                                                       QStringLiteral("late-payment:") + orderId);
                !refunded) {
                return fail(refunded.error());
            }
        }
    }
    if (status == u"processing" || status == u"requires_action") {
        Jobs::JobRequest job;
        job.kind = ReconcileJobKind;
        job.payload = {{QStringLiteral("order_id"), orderId}};
        job.runAt = QDateTime::currentDateTimeUtc().addSecs(60);
        job.uniqueKey = QStringLiteral("reconcile:") + orderId;
        job.maxAttempts = 100;
        if (auto queued = Jobs::enqueue(db, job); !queued) {
            return fail(queued.error());
        }
    }
    return QStringLiteral("applied");
}

Result<QString> PaymentsService::applyRefundObject(QSqlDatabase &db,
                                                   const QJsonObject &object) const
{
    const QString stripeId = object.value(QStringLiteral("id")).toString();
    const QString intentId = intentIdOf(object.value(QStringLiteral("payment_intent")));
    if (!stripeId.startsWith(u"re_") || intentId.isEmpty()) {
        return QStringLiteral("ignored");
    }
    auto payment = Repo::paymentByIntent(db, intentId);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value()) {
        qCWarning(lcPayments, "Refund %ls is for an intent unknown here (%ls): acknowledged.",
                  qUtf16Printable(stripeId), qUtf16Printable(intentId));
        return QStringLiteral("unknown_intent");
    }
    auto order = Repo::order(db, (*payment)->orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto locked = Repo::paymentByOrder(db, (*payment)->orderId, R::ForUpdate);
    if (!locked) {
        return fail(locked.error());
    }
    const QString status = refundStatusOf(object.value(QStringLiteral("status")).toString());
    auto existing = Repo::refundByStripeId(db, stripeId);
    if (!existing) {
        return fail(existing.error());
    }
    if (!existing->has_value()) {
        // Ours, answered by Stripe but not yet recorded: metadata[refund_id] names it.
        const QString ours = object.value(QStringLiteral("metadata"))
                                 .toObject()
                                 .value(QStringLiteral("refund_id"))
                                 .toString();
        if (!ours.isEmpty()) {
            existing = Repo::refund(db, ours, R::ForUpdate);
            if (!existing) {
                return fail(existing.error());
            }
            if (existing->has_value() && (*existing)->paymentId != (*payment)->id) {
                existing = std::optional<RefundRow>();
            }
        }
    }
    if (existing->has_value()) {
        const RefundRow &r = **existing;
        if (r.status == u"pending" || r.stripeRefundId.isEmpty()) {
            const QString next = r.status == u"pending" ? status : r.status;
            if (auto updated = Repo::updateRefund(db, r.id, next, stripeId, r.failure); !updated) {
                return fail(updated.error());
            }
            if (next == u"succeeded" && r.status != u"succeeded") {
                if (auto followed = followRefund(db, r); !followed) {
                    return fail(followed.error());
                }
            }
            return QStringLiteral("applied");
        }
        return QStringLiteral("ignored");
    }
    // Made elsewhere (Stripe's dashboard): recorded as the system's.
    RefundRow r;
    r.paymentId = (*payment)->id;
    r.orderId = (*payment)->orderId;
    r.stripeRefundId = stripeId;
    r.amount = object.value(QStringLiteral("amount")).toInteger();
    r.currency = (*payment)->currency;
    r.status = status;
    const QString reason = object.value(QStringLiteral("reason")).toString();
    r.reason = kRefundReasons.contains(reason) ? reason : QString();
    r.note = QStringLiteral("Refunded at Stripe");
    r.createdBy = QStringLiteral("system");
    if (r.amount <= 0) {
        return QStringLiteral("ignored");
    }
    auto inserted = Repo::insertRefund(db, r, QStringLiteral("stripe:") + stripeId);
    if (!inserted) {
        return fail(inserted.error());
    }
    return QStringLiteral("applied");
}

Result<QString> PaymentsService::applyCharge(QSqlDatabase &db, const QJsonObject &charge) const
{
    const QString intentId = intentIdOf(charge.value(QStringLiteral("payment_intent")));
    auto payment = Repo::paymentByIntent(db, intentId);
    if (!payment) {
        return fail(payment.error());
    }
    if (intentId.isEmpty() || !payment->has_value()) {
        qCWarning(lcPayments, "charge.refunded for an intent unknown here: acknowledged.");
        return QStringLiteral("unknown_intent");
    }
    const QString orderId = (*payment)->orderId;
    auto order = Repo::order(db, orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto locked = Repo::paymentByOrder(db, orderId, R::ForUpdate);
    if (!locked) {
        return fail(locked.error());
    }
    bool changed = false;
    for (const QJsonValue &refund : charge.value(QStringLiteral("refunds"))
                                        .toObject()
                                        .value(QStringLiteral("data"))
                                        .toArray()) {
        auto applied = applyRefundObject(db, refund.toObject());
        if (!applied) {
            return fail(applied.error());
        }
        changed |= *applied == u"applied";
    }
    // Whatever the charge says was refunded beyond what is recorded here (refunds made elsewhere
    // and not listed): one system refund for the difference, once per cumulative amount.
    const qint64 refunded = charge.value(QStringLiteral("amount_refunded")).toInteger();
    auto committed = Repo::committedRefunds(db, (*payment)->id);
    if (!committed) {
        return fail(committed.error());
    }
    if (refunded > *committed) {
        RefundRow r;
        r.paymentId = (*payment)->id;
        r.orderId = orderId;
        r.amount = refunded - *committed;
        r.currency = (*payment)->currency;
        r.status = QStringLiteral("succeeded");
        r.note = QStringLiteral("Refunded at Stripe");
        r.createdBy = QStringLiteral("system");
        auto inserted = Repo::insertRefund(db, r,
                                           QStringLiteral("charge:%1:%2")
                                               .arg(charge.value(QStringLiteral("id")).toString())
                                               .arg(refunded));
        if (!inserted) {
            return fail(inserted.error());
        }
        changed = true;
    }
    return changed ? QStringLiteral("applied") : QStringLiteral("ignored");
}

} // namespace Shop::Payments
