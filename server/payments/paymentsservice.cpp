// The payments service's intents: create-intent's PaymentIntent (one per order), the payment
// document's state (refreshed from Stripe while the payment is in flight), the cancellation of an
// expired or cancelled order's intent, and the jobs. The routes are in paymentsroutes.cpp, the
// webhook's event application in stripeevents.cpp, refunds in refunds.cpp.

#include "paymentsservice.h"
#include "paymentsinternal.h"

#include "db/database.h"
#include "db/transaction.h"
#include "ids.h"
#include "jobs/jobs.h"
#include "orders/orderrepository.h"

#include <QLoggingCategory>

namespace Shop::Payments {

namespace Internal {
Q_LOGGING_CATEGORY(lcPayments, "shop.payments.service")
Q_LOGGING_CATEGORY(lcWebhook, "shop.payments.webhook")
} // namespace Internal

using namespace Internal;

namespace {

Error notPayable(const OrderRow &order)
{
    QString reason;
    QString message;
    if (order.expired) {
        reason = QStringLiteral("expired");
        message = QStringLiteral("This order expired before it was paid. Place it again.");
    } else if (order.status == u"cancelled") {
        reason = QStringLiteral("cancelled");
        message = QStringLiteral("This order was cancelled and cannot be paid.");
    } else if (order.status == u"pending") {
        reason = QStringLiteral("not_pending");
        message = QStringLiteral("This order cannot be paid.");
    } else {
        reason = QStringLiteral("already_paid");
        message = QStringLiteral("This order is already paid.");
    }
    Error error = Error::conflict(message);
    error.extensions.insert(QStringLiteral("reason"), reason);
    return error;
}

// A Stripe failure as the server's client may see it: Stripe's details stay in the log.
Error serviceError(const Error &error)
{
    Error clean = error.code == ErrorCode::Unavailable
        ? Error::unavailable(error.message)
        : Error::unavailable(
            QStringLiteral("The payment service refused the request. Try again later."));
    clean.logDetail = error.logDetail;
    return clean;
}

} // namespace

PaymentsService::PaymentsService(Server::PaymentsConfig config)
    : m_config(std::move(config))
{
    StripeClient::Settings settings;
    settings.apiUrl = m_config.stripeApiUrl;
    settings.secretKey = m_config.stripeSecretKey;
    settings.timeoutMs = m_config.timeoutSec * 1000;
    m_stripe = std::make_unique<StripeClient>(settings);
}

PaymentsService::~PaymentsService() = default;

Result<PaymentsService::OrderIntent> PaymentsService::openIntent(const QString &orderId,
                                                                 const QString &userId) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto tx = Db::Transaction::begin(*db);
    if (!tx) {
        return fail(tx.error());
    }
    // The order row's lock makes concurrent calls for one order wait for the first: it creates
    // the intent and its row, the others find the row.
    auto order = Repo::order(*db, orderId, userId, R::ForUpdate);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    const OrderRow o = **order;
    if (o.status != u"pending" || o.expired) {
        return fail(notPayable(o));
    }
    auto payment = Repo::paymentByOrder(*db, orderId, R::ForUpdate);
    if (!payment) {
        return fail(payment.error());
    }
    QJsonObject intent;
    if (payment->has_value()) {
        const QString intentId = (*payment)->intentId;
        if (auto committed = tx->commit(); !committed) {
            return fail(committed.error());
        }
        // The client secret is not stored: Stripe hands it out again with the intent.
        auto got = m_stripe->get(QStringLiteral("/v1/payment_intents/") + intentId);
        if (!got) {
            return fail(serviceError(got.error()));
        }
        intent = *got;
        auto applied = inTx<QString>(
            *db, [&](QSqlDatabase &d) -> Result<QString> { return applyIntent(d, intent); });
        if (!applied) {
            qCWarning(lcPayments, "Order %ls: recording the retrieved intent failed: %ls",
                      qUtf16Printable(orderId), qUtf16Printable(applied.error().message));
        }
    } else {
        const FormFields fields {
            {QStringLiteral("amount"), QString::number(o.total)},
            {QStringLiteral("currency"), o.currency.toLower()},
            {QStringLiteral("automatic_payment_methods[enabled]"), QStringLiteral("true")},
            {QStringLiteral("description"), QStringLiteral("Order ") + o.number},
            {QStringLiteral("metadata[order_id]"), o.id},
            {QStringLiteral("metadata[order_number]"), o.number},
        };
        // Derived from what the call does: a retry (ours, or after a crash before the commit)
        // gets the same intent back from Stripe.
        const QString key =
            QStringLiteral("create-intent:%1:%2").arg(o.id, QString::number(o.total));
        auto created = m_stripe->post(QStringLiteral("/v1/payment_intents"), fields, key);
        if (!created) {
            tx->rollback();
            qCWarning(lcPayments, "Order %ls: creating the PaymentIntent failed: %ls",
                      qUtf16Printable(orderId), qUtf16Printable(created.error().logDetail));
            return fail(serviceError(created.error()));
        }
        intent = *created;
        const QString intentId = intent.value(QStringLiteral("id")).toString();
        if (!intentId.startsWith(u"pi_")
            || intent.value(QStringLiteral("amount")).toInteger() != o.total) {
            tx->rollback();
            Error error = Error::unavailable(
                QStringLiteral("The payment service answered unexpectedly. Try again later."));
            error.logDetail = QStringLiteral("Stripe's PaymentIntent has no id or another amount");
            return fail(error);
        }
        const QString status = intent.value(QStringLiteral("status")).toString();
        if (auto inserted = Repo::insertPayment(*db, o.id, intentId, o.total, o.currency,
                                                kIntentStatuses.contains(status)
                                                    ? status
                                                    : QStringLiteral("requires_payment_method"));
            !inserted) {
            return fail(inserted.error());
        }
        if (auto committed = tx->commit(); !committed) {
            return fail(committed.error());
        }
        qCInfo(lcPayments, "Order %ls: PaymentIntent %ls created for %lld %ls.",
               qUtf16Printable(o.number), qUtf16Printable(intentId), qlonglong(o.total),
               qUtf16Printable(o.currency));
    }
    const QString secret = intent.value(QStringLiteral("client_secret")).toString();
    if (secret.isEmpty()) {
        return fail(Error::unavailable(
            QStringLiteral("The payment service answered unexpectedly. Try again later.")));
    }
    return OrderIntent {o, intent, secret};
}

Result<QJsonObject> PaymentsService::refreshIntent(const QString &intentId) const
{
    auto intent = m_stripe->get(QStringLiteral("/v1/payment_intents/") + intentId);
    if (!intent) {
        return fail(intent.error());
    }
    auto applied = Db::inTransaction(
        [&](QSqlDatabase &db) -> Result<QString> { return applyIntent(db, *intent); });
    if (!applied) {
        return fail(applied.error());
    }
    return *intent;
}

Result<PaymentsService::PaymentState> PaymentsService::paymentState(const QString &orderId,
                                                                    const QString &ownerId) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto order = Repo::order(*db, orderId, ownerId, R::None);
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return fail(Error::notFound(kNoSuchOrder));
    }
    auto payment = Repo::paymentByOrder(*db, orderId, R::None);
    if (!payment) {
        return fail(payment.error());
    }
    if (payment->has_value() && !(*payment)->isTerminal()) {
        // The webhook may be late: Stripe knows, so ask (the storefront polls this).
        if (auto refreshed = refreshIntent((*payment)->intentId); !refreshed) {
            qCWarning(lcPayments, "Order %ls: retrieving the PaymentIntent failed: %ls",
                      qUtf16Printable(orderId), qUtf16Printable(refreshed.error().logDetail));
        } else {
            order = Repo::order(*db, orderId, ownerId, R::None);
            payment = Repo::paymentByOrder(*db, orderId, R::None);
            if (!order || !payment || !order->has_value()) {
                return fail(Error::unavailable(QStringLiteral("Try again in a moment.")));
            }
        }
    }
    PaymentState state {**order, *payment, {}};
    if (payment->has_value()) {
        auto refunds = Repo::refunds(*db, (*payment)->id);
        if (!refunds) {
            return fail(refunds.error());
        }
        state.refunds = *refunds;
    }
    return state;
}

Result<void> PaymentsService::cancelIntentOf(QSqlDatabase &db, const QString &orderId) const
{
    auto payment = Repo::paymentByOrder(db, orderId, R::None);
    if (!payment) {
        return fail(payment.error());
    }
    if (!payment->has_value() || (*payment)->isTerminal()) {
        return {};
    }
    const QString intentId = (*payment)->intentId;
    FormFields fields;
    fields.append({QStringLiteral("cancellation_reason"), QStringLiteral("abandoned")});
    auto canceled = m_stripe->post(QStringLiteral("/v1/payment_intents/") + intentId
                                       + QStringLiteral("/cancel"),
                                   fields, QStringLiteral("cancel-intent:") + intentId);
    QJsonObject intent;
    if (canceled) {
        intent = *canceled;
    } else if (canceled.error().code == ErrorCode::Unavailable) {
        return fail(canceled.error());
    } else {
        // Not cancelable (it succeeded meanwhile, say): what Stripe has decides.
        auto got = m_stripe->get(QStringLiteral("/v1/payment_intents/") + intentId);
        if (!got) {
            return fail(got.error());
        }
        intent = *got;
    }
    auto applied = inTx<QString>(
        db, [&](QSqlDatabase &d) -> Result<QString> { return applyIntent(d, intent); });
    if (!applied) {
        return fail(applied.error());
    }
    qCInfo(lcPayments, "Order %ls cancelled: PaymentIntent %ls is %ls.", qUtf16Printable(orderId),
           qUtf16Printable(intentId),
           qUtf16Printable(intent.value(QStringLiteral("status")).toString()));
    return {};
}

void PaymentsService::registerJobs(Jobs::Registry &jobs)
{
    const Jobs::KindPolicy policy {std::chrono::seconds(5), std::chrono::minutes(30)};
    registerRefundJobs(jobs, policy);
    jobs.add(
        Orders::CancelIntentJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            auto done =
                cancelIntentOf(db, job.payload.value(QStringLiteral("order_id")).toString());
            if (!done) {
                return Jobs::Outcome::retry(done.error().message);
            }
            return Jobs::Outcome::done();
        },
        policy);
    jobs.add(
        ReconcileJobKind,
        [this](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            const QString orderId = job.payload.value(QStringLiteral("order_id")).toString();
            auto payment = Repo::paymentByOrder(db, orderId, R::None);
            if (!payment) {
                return Jobs::Outcome::retry(payment.error().message);
            }
            if (!payment->has_value() || (*payment)->isTerminal()) {
                return Jobs::Outcome::done();
            }
            auto intent =
                m_stripe->get(QStringLiteral("/v1/payment_intents/") + (*payment)->intentId);
            if (!intent) {
                return Jobs::Outcome::retry(intent.error().message);
            }
            auto applied = inTx<QString>(
                db, [&](QSqlDatabase &d) -> Result<QString> { return applyIntent(d, *intent); });
            if (!applied) {
                return Jobs::Outcome::retry(applied.error().message);
            }
            const QString status = intent->value(QStringLiteral("status")).toString();
            if (status == u"processing" || status == u"requires_action") {
                return Jobs::Outcome::retry(QStringLiteral("still ") + status,
                                            std::chrono::minutes(1));
            }
            return Jobs::Outcome::done();
        },
        policy);
}

} // namespace Shop::Payments
