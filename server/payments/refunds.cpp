// Refunds: a staff refund (recorded with its audit entry and job, then executed at once), the
// full refund of a cancelled or late-paid order, their execution at Stripe (idempotent:
// refund:<id>) and the jobs that finish them. Stripe's refund events are applied in
// stripeevents.cpp.

#include "paymentsinternal.h"
#include "paymentsservice.h"

#include "accounts/userrepository.h"
#include "audit/audit.h"
#include "commerce/orderstatus.h"
#include "db/database.h"
#include "ids.h"
#include "jobs/jobs.h"
#include "orders/orderrepository.h"

namespace Shop::Payments {

using namespace Internal;

namespace {

Result<QString> actorEmail(QSqlDatabase &db, const QString &userId)
{
    auto actor = Accounts::UserRepository::findById(db, userId);
    if (!actor) {
        return fail(actor.error());
    }
    return actor->has_value() ? (*actor)->user.email : QString();
}

Result<void> enqueueRefundJob(QSqlDatabase &db, const QString &refundId)
{
    Jobs::JobRequest job;
    job.kind = RefundJobKind;
    job.payload = {{QStringLiteral("refund_id"), refundId}};
    job.uniqueKey = QStringLiteral("refund:") + refundId;
    job.maxAttempts = 25;
    if (auto queued = Jobs::enqueue(db, job); !queued) {
        return fail(queued.error());
    }
    return {};
}

} // namespace

namespace Internal {

// After a refund succeeded: a staff refund that leaves nothing refunded-to-be of a paid or
// processing order cancels it (the stock goes back).
Result<void> followRefund(QSqlDatabase &db, const RefundRow &refund)
{
    if (refund.createdBy != u"staff" || refund.createdByUser.isEmpty()) {
        return {};
    }
    auto order = Repo::order(db, refund.orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto payment = Repo::paymentByOrder(db, refund.orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    if (!order->has_value() || !payment->has_value()
        || ((*order)->status != u"paid" && (*order)->status != u"processing")) {
        return {};
    }
    auto committed = Repo::committedRefunds(db, (*payment)->id);
    if (!committed) {
        return fail(committed.error());
    }
    if (*committed < (*payment)->amountReceived) {
        return {};
    }
    Orders::OrderRepository::Transition change;
    change.orderId = refund.orderId;
    change.to = Commerce::OrderStatus::Cancelled;
    change.actor = Commerce::Actor::Staff;
    change.actorId = refund.createdByUser;
    change.reason = QStringLiteral("refunded in full");
    auto done = Orders::OrderRepository::transition(db, change);
    if (!done) {
        return fail(done.error());
    }
    return {};
}

} // namespace Internal

Result<RefundRow> PaymentsService::refundOrder(const QString &orderId, std::optional<qint64> amount,
                                               const QString &reason, const QString &note,
                                               const QString &userId,
                                               const QString &requestId) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto recorded = inTx<RefundRow>(*db, [&](QSqlDatabase &d) -> Result<RefundRow> {
        // The order's and then the payment's lock: concurrent refunds of one order queue here,
        // and each sees what the ones before it took.
        auto order = Repo::order(d, orderId, {}, R::ForUpdate);
        if (!order) {
            return fail(order.error());
        }
        if (!order->has_value()) {
            return fail(Error::notFound(kNoSuchOrder));
        }
        auto payment = Repo::paymentByOrder(d, orderId, R::ForUpdate);
        if (!payment) {
            return fail(payment.error());
        }
        if (!payment->has_value() || (*payment)->status != u"succeeded"
            || (*payment)->amountReceived <= 0) {
            return fail(Error::conflict(QStringLiteral("Nothing was paid for this order.")));
        }
        const PaymentRow &p = **payment;
        auto committed = Repo::committedRefunds(d, p.id);
        if (!committed) {
            return fail(committed.error());
        }
        const qint64 refundable = p.amountReceived - *committed;
        const qint64 take = amount.value_or(refundable);
        if (refundable <= 0) {
            return fail(Error::validation(
                {{QStringLiteral("amount"), QStringLiteral("nothing is left to refund"),
                  QStringLiteral("too_large")}},
                QStringLiteral("This order is refunded in full.")));
        }
        if (take > refundable) {
            return fail(Error::validation(
                {{QStringLiteral("amount"),
                  QStringLiteral("must be at most %1 (what is left to refund)").arg(refundable),
                  QStringLiteral("too_large")}},
                QStringLiteral("That is more than is left to refund.")));
        }
        RefundRow r;
        r.paymentId = p.id;
        r.orderId = orderId;
        r.amount = take;
        r.currency = p.currency;
        r.reason = reason;
        r.note = note;
        r.createdBy = QStringLiteral("staff");
        r.createdByUser = userId;
        auto inserted = Repo::insertRefund(d, r, {});
        if (!inserted) {
            return fail(inserted.error());
        }
        if (auto queued = enqueueRefundJob(d, inserted->id); !queued) {
            return fail(queued.error());
        }
        auto email = actorEmail(d, userId);
        if (!email) {
            return fail(email.error());
        }
        Audit::Entry entry;
        entry.actorId = userId;
        entry.actorEmail = *email;
        entry.action = QStringLiteral("order.refund");
        entry.targetType = QStringLiteral("order");
        entry.targetId = orderId;
        entry.before = QJsonObject {{QStringLiteral("order_number"), (*order)->number},
                                    {QStringLiteral("order_status"), (*order)->status},
                                    {QStringLiteral("refunded"), QJsonValue(*committed)},
                                    {QStringLiteral("refundable"), QJsonValue(refundable)}};
        entry.after = QJsonObject {{QStringLiteral("refund_id"), inserted->id},
                                   {QStringLiteral("amount"), QJsonValue(take)},
                                   {QStringLiteral("currency"), p.currency},
                                   {QStringLiteral("reason"), reason},
                                   {QStringLiteral("note"), note},
                                   {QStringLiteral("refunded"), QJsonValue(*committed + take)},
                                   {QStringLiteral("refundable"), QJsonValue(refundable - take)}};
        entry.requestId = requestId;
        if (auto audited = Audit::record(d, entry); !audited) {
            return fail(audited.error());
        }
        return *inserted;
    });
    if (!recorded) {
        return fail(recorded.error());
    }
    RefundRow result = *recorded;
    // At once; when Stripe cannot be reached the job (same idempotency key) finishes it.
    if (auto executed = executeRefund(*db, result.id); executed) {
        result = *executed;
    } else {
        qCWarning(lcPayments, "Refund %ls stays pending: %ls", qUtf16Printable(result.id),
                  qUtf16Printable(executed.error().message));
    }
    qCInfo(lcPayments, "Refund %ls of %lld %ls for order %ls: %ls.", qUtf16Printable(result.id),
           qlonglong(result.amount), qUtf16Printable(result.currency), qUtf16Printable(orderId),
           qUtf16Printable(result.status));
    return result;
}

Result<RefundRow> PaymentsService::executeRefund(QSqlDatabase &db, const QString &refundId) const
{
    auto found = Repo::refund(db, refundId, R::None);
    if (!found) {
        return fail(found.error());
    }
    if (!found->has_value()) {
        return fail(Error::notFound(QStringLiteral("There is no such refund.")));
    }
    const RefundRow r = **found;
    if (r.status != u"pending") {
        return r;
    }
    auto payment = Repo::paymentByOrder(db, r.orderId, R::None);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value()) {
        return fail(Error::internal(QStringLiteral("A refund without its payment.")));
    }
    FormFields fields {{QStringLiteral("payment_intent"), (*payment)->intentId},
                       {QStringLiteral("amount"), QString::number(r.amount)}};
    if (!r.reason.isEmpty()) {
        fields.append({QStringLiteral("reason"), r.reason});
    }
    fields.append({QStringLiteral("metadata[refund_id]"), r.id});
    fields.append({QStringLiteral("metadata[order_id]"), r.orderId});
    auto answer =
        m_stripe->post(QStringLiteral("/v1/refunds"), fields, QStringLiteral("refund:") + r.id);
    if (!answer && answer.error().code == ErrorCode::Unavailable) {
        return fail(answer.error());
    }
    return inTx<RefundRow>(db, [&](QSqlDatabase &d) -> Result<RefundRow> {
        auto order = Repo::order(d, r.orderId, {}, R::ForUpdate);
        if (!order) {
            return fail(order.error());
        }
        auto locked = Repo::refund(d, r.id, R::ForUpdate);
        if (!locked) {
            return fail(locked.error());
        }
        if (!locked->has_value()) {
            return fail(Error::notFound(QStringLiteral("There is no such refund.")));
        }
        if ((*locked)->status != u"pending") {
            return **locked; // a webhook recorded it meanwhile
        }
        if (!answer) {
            const auto stripe = StripeError::of(answer.error());
            const QString why = stripe ? stripe->code + QStringLiteral(": ") + stripe->message
                                       : answer.error().message;
            qCWarning(lcPayments, "Stripe refused refund %ls: %ls", qUtf16Printable(r.id),
                      qUtf16Printable(why));
            if (auto updated = Repo::updateRefund(d, r.id, QStringLiteral("failed"), {}, why);
                !updated) {
                return fail(updated.error());
            }
        } else {
            const QString status =
                refundStatusOf(answer->value(QStringLiteral("status")).toString());
            if (auto updated = Repo::updateRefund(
                    d, r.id, status, answer->value(QStringLiteral("id")).toString(), {});
                !updated) {
                return fail(updated.error());
            }
            if (status == u"succeeded") {
                if (auto followed = followRefund(d, r); !followed) {
                    return fail(followed.error());
                }
            }
        }
        auto reread = Repo::refund(d, r.id, R::None);
        if (!reread) {
            return fail(reread.error());
        }
        return **reread;
    });
}

Result<void> PaymentsService::refundAllInTransaction(QSqlDatabase &db, const QString &orderId,
                                                     const QString &createdBy,
                                                     const QString &userId,
                                                     const QString &originKey) const
{
    auto order = Repo::order(db, orderId, {}, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    auto payment = Repo::paymentByOrder(db, orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value() || (*payment)->status != u"succeeded") {
        return {};
    }
    auto committed = Repo::committedRefunds(db, (*payment)->id);
    if (!committed) {
        return fail(committed.error());
    }
    const qint64 refundable = (*payment)->amountReceived - *committed;
    if (refundable <= 0) {
        return {};
    }
    RefundRow r;
    r.paymentId = (*payment)->id;
    r.orderId = orderId;
    r.amount = refundable;
    r.currency = (*payment)->currency;
    r.createdBy = createdBy;
    r.createdByUser = userId;
    if (createdBy == u"customer") {
        r.reason = QStringLiteral("requested_by_customer");
        r.note = QStringLiteral("The customer cancelled the order.");
    } else {
        r.note = QStringLiteral("Paid after the order was cancelled.");
    }
    auto inserted = Repo::insertRefund(db, r, originKey);
    if (!inserted) {
        return fail(inserted.error());
    }
    return enqueueRefundJob(db, inserted->id);
}

void PaymentsService::registerRefundJobs(Jobs::Registry &jobs, const Jobs::KindPolicy &policy)
{
    jobs.add(
        RefundJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            auto done =
                executeRefund(db, job.payload.value(QStringLiteral("refund_id")).toString());
            if (!done) {
                if (done.error().code == ErrorCode::NotFound) {
                    return Jobs::Outcome::done();
                }
                return Jobs::Outcome::retry(done.error().message);
            }
            return Jobs::Outcome::done();
        },
        policy);
    jobs.add(
        Orders::RefundOrderJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            const QString orderId = job.payload.value(QStringLiteral("order_id")).toString();
            const QString userId = job.payload.value(QStringLiteral("user_id")).toString();
            auto recorded = inTx<bool>(db, [&](QSqlDatabase &d) -> Result<bool> {
                if (auto r = refundAllInTransaction(d, orderId, QStringLiteral("customer"),
                                                    UserId::parse(userId) ? userId : QString(),
                                                    QStringLiteral("cancel:") + orderId);
                    !r) {
                    return fail(r.error());
                }
                return true;
            });
            if (!recorded) {
                return Jobs::Outcome::retry(recorded.error().message);
            }
            // Executed at once rather than after another job's wake-up.
            auto pending = Repo::pendingRefundIds(db, orderId);
            if (!pending) {
                return Jobs::Outcome::retry(pending.error().message);
            }
            for (const QString &id : std::as_const(*pending)) {
                if (auto executed = executeRefund(db, id); !executed) {
                    qCWarning(lcPayments, "Refund %ls stays pending: %ls", qUtf16Printable(id),
                              qUtf16Printable(executed.error().message));
                }
            }
            return Jobs::Outcome::done();
        },
        policy);
}

} // namespace Shop::Payments
