#pragma once

// Private to server/payments: what the service's files share (paymentsservice.cpp,
// paymentsroutes.cpp, stripeevents.cpp, refunds.cpp), each `using namespace Internal`. Not part of
// the module's interface.

#include "db/transaction.h"
#include "paymentrepository.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QStringList>

#include <functional>

namespace Shop::Payments::Internal {

// Defined once, in paymentsservice.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcPayments) // shop.payments.service
Q_DECLARE_LOGGING_CATEGORY(lcWebhook) // shop.payments.webhook

using R = Lock;
namespace Repo = PaymentRepository;

inline const QString kNoSuchOrder = QStringLiteral("There is no such order.");
inline const QStringList kIntentStatuses {
    QStringLiteral("requires_payment_method"),
    QStringLiteral("requires_confirmation"),
    QStringLiteral("requires_action"),
    QStringLiteral("processing"),
    QStringLiteral("requires_capture"),
    QStringLiteral("succeeded"),
    QStringLiteral("canceled"),
};
inline const QStringList kRefundReasons {QStringLiteral("requested_by_customer"),
                                         QStringLiteral("duplicate"), QStringLiteral("fraudulent")};

inline QString intentIdOf(const QJsonValue &value)
{
    return value.isObject() ? value.toObject().value(QStringLiteral("id")).toString()
                            : value.toString();
}

inline QString refundStatusOf(const QString &stripeStatus)
{
    if (stripeStatus == u"succeeded") {
        return QStringLiteral("succeeded");
    }
    if (stripeStatus == u"failed" || stripeStatus == u"canceled") {
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

template<typename T>
Result<T> inTx(QSqlDatabase &db, const std::function<Result<T>(QSqlDatabase &)> &work)
{
    auto tx = Db::Transaction::begin(db);
    if (!tx) {
        return fail(tx.error());
    }
    auto result = work(db);
    if (!result) {
        return result;
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    return result;
}

// After a refund succeeded: a staff refund that leaves nothing refunded-to-be of a paid or
// processing order cancels it (the stock goes back). Defined in refunds.cpp.
[[nodiscard]] Result<void> followRefund(QSqlDatabase &db, const RefundRow &refund);

} // namespace Shop::Payments::Internal
