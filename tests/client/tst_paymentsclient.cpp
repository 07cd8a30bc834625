#include "callwaiter.h"
#include "client/apiclient.h"
#include "client/paymentsclient.h"
#include "support/fakenetwork.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Shop;
using namespace Shop::Client;
using Shop::Commerce::OrderStatus;
using Tests::CallWaiter;
using Tests::CannedReply;

namespace {

const QString kOrder = QStringLiteral("0b7e4d2c-1f7a-4c1e-9a53-3f3e3c2b9a10");

CannedReply json(const QJsonObject &body, int status = 200)
{
    return CannedReply {status, "application/json",
                        QJsonDocument(body).toJson(QJsonDocument::Compact), QNetworkReply::NoError};
}

// A problem+json answer as server/http/problem.cpp writes it.
CannedReply problem(int status, const QString &code, const QString &detail,
                    const QJsonObject &extra = {})
{
    QJsonObject body {{QStringLiteral("type"), QString(QStringLiteral("/problems/") + code)},
                      {QStringLiteral("title"), detail},
                      {QStringLiteral("status"), status},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("detail"), detail}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        body.insert(it.key(), it.value());
    }
    return CannedReply {status, "application/problem+json",
                        QJsonDocument(body).toJson(QJsonDocument::Compact), QNetworkReply::NoError};
}

QJsonObject ticketJson()
{
    return {{QStringLiteral("order_id"), kOrder},
            {QStringLiteral("payment_intent_id"), QStringLiteral("pi_3Abc")},
            {QStringLiteral("client_secret"), QStringLiteral("pi_3Abc_secret_xyz")},
            {QStringLiteral("publishable_key"), QStringLiteral("pk_test_sandbox")},
            {QStringLiteral("stripe_js_url"), QStringLiteral("http://127.0.0.1:8025/stripe-js/v3")},
            {QStringLiteral("amount"), 1588},
            {QStringLiteral("currency"), QStringLiteral("USD")},
            {QStringLiteral("status"), QStringLiteral("requires_payment_method")}};
}

QJsonObject refundJson(const QString &id, int amount, const QJsonValue &stripeId)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("stripe_refund_id"), stripeId},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("currency"), QStringLiteral("USD")},
            {QStringLiteral("status"), QStringLiteral("succeeded")},
            {QStringLiteral("reason"), QStringLiteral("requested_by_customer")},
            {QStringLiteral("note"), QStringLiteral("scratched box")},
            {QStringLiteral("created_at"), QStringLiteral("2026-12-05T17:40:00.000Z")},
            {QStringLiteral("created_by"), QStringLiteral("staff")}};
}

// The payment document of the contract (docs/payments.md).
QJsonObject documentJson(const QString &orderStatus, const QJsonValue &payment,
                         const QJsonArray &refunds = {}, int refunded = 0)
{
    return {{QStringLiteral("order_id"), kOrder},
            {QStringLiteral("order_number"), QStringLiteral("SO-2026-000042")},
            {QStringLiteral("order_status"), orderStatus},
            {QStringLiteral("total"), 1588},
            {QStringLiteral("currency"), QStringLiteral("USD")},
            {QStringLiteral("payment"), payment},
            {QStringLiteral("refunds"), refunds},
            {QStringLiteral("refunded"), refunded},
            {QStringLiteral("refundable"), payment.isNull() ? 0 : 1588 - refunded}};
}

QJsonObject paymentJson(const QString &status, const QJsonValue &lastError = QJsonValue::Null,
                        const QJsonValue &code = QJsonValue::Null)
{
    return {{QStringLiteral("payment_intent_id"), QStringLiteral("pi_3Abc")},
            {QStringLiteral("status"), status},
            {QStringLiteral("amount"), 1588},
            {QStringLiteral("currency"), QStringLiteral("USD")},
            {QStringLiteral("last_error"), lastError},
            {QStringLiteral("last_error_code"), code},
            {QStringLiteral("created_at"), QStringLiteral("2026-12-05T17:30:00.000Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2026-12-05T17:31:00.000Z")}};
}

} // namespace

// The payment calls (PaymentsClient) against canned answers in the payment contract's wire
// format (docs/payments.md): where each call goes with what body, how the payment document and
// the refunds are read, and the server's problem+json answers: 409 with reason "expired" (and
// the others), 404, 422 with the field "amount"; malformed answers are errors, not defaults.
class TestPaymentsClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createIntentSendsOrderAndReadsTicket();
    void paymentStateReadsDocument_data();
    void paymentStateReadsDocument();
    void adminStateReadsRefunds();
    void refundSendsAmountReasonNote();
    void refundDefaultsToEverything();
    void conflictReasons_data();
    void conflictReasons();
    void notFound();
    void refundValidationError();
    void malformedAnswersAreErrors_data();
    void malformedAnswersAreErrors();
};

void TestPaymentsClient::createIntentSendsOrderAndReadsTicket()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return json(ticketJson()); });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    CallWaiter<PaymentIntentTicket> waiter;
    client.createIntent(kOrder, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(network.requestCount(), 1);
    QCOMPARE(network.requestMethods().at(0), QByteArray("POST"));
    QCOMPARE(network.requestUrls().at(0).toString(),
             QStringLiteral("http://shop.test/api/payments/create-intent"));
    const QJsonObject sent = QJsonDocument::fromJson(network.requestBodies().at(0)).object();
    QCOMPARE(sent, QJsonObject({{QStringLiteral("order_id"), kOrder}}));
    const PaymentIntentTicket &ticket = **waiter.result;
    QCOMPARE(ticket.orderId, kOrder);
    QCOMPARE(ticket.paymentIntentId, QStringLiteral("pi_3Abc"));
    QCOMPARE(ticket.clientSecret, QStringLiteral("pi_3Abc_secret_xyz"));
    QCOMPARE(ticket.publishableKey, QStringLiteral("pk_test_sandbox"));
    QCOMPARE(ticket.stripeJsUrl, QUrl(QStringLiteral("http://127.0.0.1:8025/stripe-js/v3")));
    QCOMPARE(ticket.amount.minorUnits(), 1588);
    QCOMPARE(ticket.amount.currency().code(), QStringLiteral("USD"));
    QCOMPARE(ticket.status, QStringLiteral("requires_payment_method"));
}

void TestPaymentsClient::paymentStateReadsDocument_data()
{
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<bool>("hasPayment");
    QTest::addColumn<QString>("paymentStatus");
    QTest::addColumn<bool>("paid");
    QTest::addColumn<bool>("inProgress");
    QTest::addColumn<QString>("lastError");

    QTest::newRow("no payment yet") << documentJson(QStringLiteral("pending"), QJsonValue::Null)
                                    << false << QString() << false << false << QString();
    QTest::newRow("processing") << documentJson(QStringLiteral("pending"),
                                                paymentJson(QStringLiteral("processing")))
                                << true << QStringLiteral("processing") << false << true
                                << QString();
    QTest::newRow("declined") << documentJson(QStringLiteral("pending"),
                                              paymentJson(QStringLiteral("requires_payment_method"),
                                                          QStringLiteral("Your card was declined."),
                                                          QStringLiteral("card_declined")))
                              << true << QStringLiteral("requires_payment_method") << false << false
                              << QStringLiteral("Your card was declined.");
    QTest::newRow("paid") << documentJson(QStringLiteral("paid"),
                                          paymentJson(QStringLiteral("succeeded")))
                          << true << QStringLiteral("succeeded") << true << false << QString();
    // The payment succeeded at Stripe but the order is not yet marked paid: not paid (the
    // order's state decides).
    QTest::newRow("succeeded, order still pending")
        << documentJson(QStringLiteral("pending"), paymentJson(QStringLiteral("succeeded"))) << true
        << QStringLiteral("succeeded") << false << false << QString();
}

void TestPaymentsClient::paymentStateReadsDocument()
{
    QFETCH(QJsonObject, document);
    QFETCH(bool, hasPayment);
    QFETCH(QString, paymentStatus);
    QFETCH(bool, paid);
    QFETCH(bool, inProgress);
    QFETCH(QString, lastError);

    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &, int) { return json(document); });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    CallWaiter<PaymentDocument> waiter;
    client.paymentState(kOrder, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(network.requestMethods().at(0), QByteArray("GET"));
    QCOMPARE(network.requestUrls().at(0).toString(),
             QStringLiteral("http://shop.test/api/orders/%1/payment").arg(kOrder));
    const PaymentDocument &doc = **waiter.result;
    QCOMPARE(doc.orderId, kOrder);
    QCOMPARE(doc.orderNumber, QStringLiteral("SO-2026-000042"));
    QCOMPARE(doc.total.minorUnits(), 1588);
    QCOMPARE(doc.payment.has_value(), hasPayment);
    QCOMPARE(doc.orderPaid(), paid);
    if (hasPayment) {
        QCOMPARE(doc.payment->status, paymentStatus);
        QCOMPARE(doc.payment->inProgress(), inProgress);
        QCOMPARE(doc.payment->lastError, lastError);
        QCOMPARE(doc.payment->amount.minorUnits(), 1588);
        QVERIFY(doc.payment->createdAt.isValid());
    }
    QVERIFY(doc.refunds.isEmpty());
}

void TestPaymentsClient::adminStateReadsRefunds()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return json(documentJson(QStringLiteral("paid"), paymentJson(QStringLiteral("succeeded")),
                                 {refundJson(QStringLiteral("r1"), 500, QStringLiteral("re_1")),
                                  refundJson(QStringLiteral("r2"), 88, QJsonValue::Null)},
                                 588));
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    CallWaiter<PaymentDocument> waiter;
    client.adminPaymentState(kOrder, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(network.requestUrls().at(0).toString(),
             QStringLiteral("http://shop.test/api/admin/orders/%1/payment").arg(kOrder));
    const PaymentDocument &doc = **waiter.result;
    QCOMPARE(doc.refunds.size(), 2);
    QCOMPARE(doc.refunds.at(0).stripeRefundId, QStringLiteral("re_1"));
    QCOMPARE(doc.refunds.at(0).amount.minorUnits(), 500);
    QCOMPARE(doc.refunds.at(0).reason, QStringLiteral("requested_by_customer"));
    QCOMPARE(doc.refunds.at(0).note, QStringLiteral("scratched box"));
    QCOMPARE(doc.refunds.at(0).createdBy, QStringLiteral("staff"));
    QVERIFY(doc.refunds.at(1).stripeRefundId.isEmpty());
    QCOMPARE(doc.refunded.minorUnits(), 588);
    QCOMPARE(doc.refundable.minorUnits(), 1000);
}

void TestPaymentsClient::refundSendsAmountReasonNote()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return json(refundJson(QStringLiteral("r1"), 500, QStringLiteral("re_1")), 201);
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    RefundRequest request;
    request.amount = 500;
    request.reason = QStringLiteral("duplicate");
    request.note = QStringLiteral("  charged twice  ");
    CallWaiter<RefundInfo> waiter;
    client.refund(kOrder, request, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(network.requestMethods().at(0), QByteArray("POST"));
    QCOMPARE(network.requestUrls().at(0).toString(),
             QStringLiteral("http://shop.test/api/admin/orders/%1/refunds").arg(kOrder));
    const QJsonObject sent = QJsonDocument::fromJson(network.requestBodies().at(0)).object();
    QCOMPARE(sent.value(u"amount").toInteger(), 500);
    QCOMPARE(sent.value(u"reason").toString(), QStringLiteral("duplicate"));
    QCOMPARE(sent.value(u"note").toString(), QStringLiteral("charged twice"));
    QCOMPARE((*waiter.result)->stripeRefundId, QStringLiteral("re_1"));
    QCOMPARE((*waiter.result)->status, QStringLiteral("succeeded"));
}

void TestPaymentsClient::refundDefaultsToEverything()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return json(refundJson(QStringLiteral("r1"), 1588, QStringLiteral("re_1")), 201);
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    RefundRequest request;
    request.note = QStringLiteral("customer asked");
    CallWaiter<RefundInfo> waiter;
    client.refund(kOrder, request, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    const QJsonObject sent = QJsonDocument::fromJson(network.requestBodies().at(0)).object();
    QVERIFY(!sent.contains(u"amount"));
    QCOMPARE(sent.value(u"reason").toString(), QStringLiteral("requested_by_customer"));
}

void TestPaymentsClient::conflictReasons_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("title");
    QTest::newRow("expired") << QStringLiteral("expired")
                             << QStringLiteral("This order has expired");
    QTest::newRow("already paid") << QStringLiteral("already_paid")
                                  << QStringLiteral("This order is already paid");
    QTest::newRow("cancelled") << QStringLiteral("cancelled")
                               << QStringLiteral("This order was cancelled");
    QTest::newRow("not pending") << QStringLiteral("not_pending")
                                 << QStringLiteral("This order cannot be paid now");
}

void TestPaymentsClient::conflictReasons()
{
    QFETCH(QString, reason);
    QFETCH(QString, title);
    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &, int) {
        return problem(409, QStringLiteral("conflict"), QStringLiteral("The order cannot be paid."),
                       {{QStringLiteral("reason"), reason}});
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    CallWaiter<PaymentIntentTicket> waiter;
    client.createIntent(kOrder, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!waiter.result->has_value());
    const Error &error = waiter.result->error();
    QCOMPARE(error.code, ErrorCode::Conflict);
    QCOMPARE(PaymentsClient::conflictReason(error), reason);
    QCOMPARE(PaymentsClient::describe(error, api.baseUrl()).title, title);
    QCOMPARE(network.requestCount(), 1); // a 409 is never repeated
}

void TestPaymentsClient::notFound()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return problem(404, QStringLiteral("not-found"), QStringLiteral("No such order."));
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    CallWaiter<PaymentDocument> waiter;
    client.paymentState(kOrder, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!waiter.result->has_value());
    QCOMPARE(waiter.result->error().code, ErrorCode::NotFound);
    QVERIFY(PaymentsClient::conflictReason(waiter.result->error()).isEmpty());
    QCOMPARE(PaymentsClient::describe(waiter.result->error(), api.baseUrl()).title,
             QStringLiteral("Order not found"));
}

void TestPaymentsClient::refundValidationError()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return problem(
            422, QStringLiteral("validation"), QStringLiteral("Invalid refund."),
            {{QStringLiteral("errors"),
              QJsonArray {QJsonObject {
                  {QStringLiteral("field"), QStringLiteral("amount")},
                  {QStringLiteral("message"), QStringLiteral("At most 1088 can be refunded.")},
                  {QStringLiteral("code"), QStringLiteral("too_large")}}}}});
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    RefundRequest request;
    request.amount = 5000;
    request.note = QStringLiteral("too much");
    CallWaiter<RefundInfo> waiter;
    client.refund(kOrder, request, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!waiter.result->has_value());
    const Error &error = waiter.result->error();
    QCOMPARE(error.code, ErrorCode::Validation);
    QCOMPARE(error.fieldErrors.size(), 1);
    QCOMPARE(error.fieldErrors.at(0).field, QStringLiteral("amount"));
    QCOMPARE(error.fieldErrors.at(0).message, QStringLiteral("At most 1088 can be refunded."));
    QCOMPARE(network.requestCount(), 1);
}

void TestPaymentsClient::malformedAnswersAreErrors_data()
{
    QTest::addColumn<QJsonObject>("document");
    QJsonObject noRefunds = documentJson(QStringLiteral("pending"), QJsonValue::Null);
    noRefunds.remove(QStringLiteral("refunds"));
    QTest::newRow("no refunds array") << noRefunds;
    QJsonObject badStatus = documentJson(QStringLiteral("lost"), QJsonValue::Null);
    QTest::newRow("unknown order status") << badStatus;
    QJsonObject stringTotal = documentJson(QStringLiteral("pending"), QJsonValue::Null);
    stringTotal.insert(QStringLiteral("total"), QStringLiteral("15.88"));
    QTest::newRow("total as a string") << stringTotal;
    QJsonObject payment = paymentJson(QStringLiteral("succeeded"));
    payment.remove(QStringLiteral("status"));
    QTest::newRow("payment without status") << documentJson(QStringLiteral("paid"), payment);
    QTest::newRow("payment as a string")
        << documentJson(QStringLiteral("paid"), QStringLiteral("pi_3Abc"));
}

void TestPaymentsClient::malformedAnswersAreErrors()
{
    QFETCH(QJsonObject, document);
    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &, int) { return json(document); });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/")));
    PaymentsClient client(&api);
    CallWaiter<PaymentDocument> waiter;
    client.paymentState(kOrder, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!waiter.result->has_value());
    QCOMPARE(waiter.result->error().code, ErrorCode::BadRequest);
}

QTEST_GUILESS_MAIN(TestPaymentsClient)
#include "tst_paymentsclient.moc"
