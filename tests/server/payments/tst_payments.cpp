// The payments module over HTTP against the whole server and shop-sandbox's Stripe: the webhook's
// signature check (every case of the issue), exactly-once webhooks (duplicates in sequence and at
// once, out of order, before the payment row commits, unknown intents), create-intent (one intent
// per order under double clicks and concurrency, the amount from the database, IDOR, unpayable
// orders), paying with the test cards, refunds (full, partial, over-refund, concurrent, audited),
// the customer's cancel of a paid order and the expiry of a pending one.

#include "../orders/orderfixture.h"
#include "payments/webhooksignature.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QScopeGuard>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <thread>

using namespace Shop;
using namespace Shop::Tests;

namespace {

const QString kWebhookSecret = QStringLiteral("whsec_payments_test");
const QString kOldSecret = QStringLiteral("whsec_payments_old");

QByteArray key()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

QString eventId()
{
    return QStringLiteral("evt_test") + QUuid::createUuid().toString(QUuid::Id128);
}

QByteArray body(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject stripeEvent(const QString &id, const QString &type, const QJsonObject &object)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("object"), QStringLiteral("event")},
            {QStringLiteral("type"), type},
            {QStringLiteral("api_version"), QStringLiteral("2024-06-20")},
            {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
            {QStringLiteral("livemode"), false},
            {QStringLiteral("pending_webhooks"), 1},
            {QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), object}}}};
}

// Runs `work(i)` on `n` threads at once (released together) and waits for them.
void concurrently(int n, const std::function<void(int)> &work)
{
    std::atomic<int> ready {0};
    std::atomic<bool> go {false};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
            ++ready;
            while (!go) {
                std::this_thread::yield();
            }
            work(i);
        });
    }
    while (ready < n) {
        std::this_thread::yield();
    }
    go = true;
    for (std::thread &t : threads) {
        t.join();
    }
}

} // namespace

class TestPayments final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void signatureCases_data();
    void signatureCases();
    void signatureOverHttp();
    void createIntentPayAndWebhook();
    void createIntentOnceUnderConcurrency();
    void createIntentRefusals();
    void declinedThenRetried();
    void duplicateWebhooksChangeStateOnce();
    void outOfOrderEventsKeepTheFinalState();
    void webhookBeforeThePaymentRowCommits();
    void webhookForAnIntentWithoutRow();
    void unknownIntentIsAcknowledged();
    void refundsPartialFullAndOver();
    void concurrentRefundsNeverExceedThePayment();
    void customerCancelOfAPaidOrderRefunds();
    void expiryCancelsTheIntent();

private:
    struct Paying
    {
        Customer customer;
        QString orderId;
        qint64 total = 0;
    };
    // A customer with a pending order of `quantity` x 10.00 (plus shipping and tax).
    Paying pendingOrder(int quantity = 1);
    HttpReply createIntent(const Customer &c, const QString &orderId) const;
    // The sandbox's Stripe.js call: confirms the intent with a test card.
    HttpReply confirm(const QString &intentId, const QString &clientSecret,
                      const QString &card) const;
    // Pays the order with 4242 and waits for the webhook to make it paid.
    Paying paidOrder(int quantity = 1);
    HttpReply postWebhook(const QByteArray &payload, const QByteArray &signature) const;
    HttpReply postEvent(const QJsonObject &event) const;
    QJsonObject stripeGet(const QString &path) const;
    QString orderStatus(const QString &orderId) const
    {
        return f.scalarText(QStringLiteral("SELECT status FROM orders WHERE id = ?::uuid"),
                            {orderId});
    }

    OrderFixture f;
};

void TestPayments::initTestCase()
{
    const QString error = f.start(6, [](Server::ServerConfig &config, const QString &sandbox) {
        config.payments.stripeApiUrl = sandbox;
        config.payments.stripeJsUrl = sandbox + QStringLiteral("/stripe-js/v3");
        config.payments.stripeSecretKey = QStringLiteral("sk_test_sandbox");
        config.payments.stripePublishableKey = QStringLiteral("pk_test_sandbox");
        // The sandbox signs with whsec_sandbox; the tests' own events with kWebhookSecret.
        config.payments.stripeWebhookSecrets = {kWebhookSecret, QStringLiteral("whsec_sandbox")};
        config.payments.timeoutSec = 20;
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Stripe's own call: the server's webhook endpoint, registered with the sandbox.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("url"),
                      f.server().url(QStringLiteral("/api/payments/webhook")));
    form.addQueryItem(QStringLiteral("enabled_events[]"), QStringLiteral("*"));
    const HttpReply endpoint =
        f.sandbox().request("POST", "/v1/webhook_endpoints",
                            {{"Authorization", "Bearer sk_test_sandbox"},
                             {"Content-Type", "application/x-www-form-urlencoded"}},
                            form.query(QUrl::FullyEncoded).toUtf8(), 30000);
    QVERIFY2(endpoint.status == 200, endpoint.body.constData());
    QCOMPARE(endpoint.json()[u"secret"].toString(), QStringLiteral("whsec_sandbox"));
}

void TestPayments::cleanupTestCase()
{
    f.stop();
}

TestPayments::Paying TestPayments::pendingOrder(int quantity)
{
    Paying p;
    p.customer = f.customer();
    const QString product = f.product(1000, 1000);
    f.addToCart(p.customer, product, quantity);
    const HttpReply placed = f.placeOrder(p.customer, key());
    if (placed.status != 201) {
        qWarning() << "placing an order:" << placed.status << placed.body;
    }
    p.orderId = placed.json()[u"id"].toString();
    p.total = placed.json()[u"total"].toInteger();
    return p;
}

HttpReply TestPayments::createIntent(const Customer &c, const QString &orderId) const
{
    return f.call("POST", "/api/payments/create-intent", c,
                  {{QStringLiteral("order_id"), orderId}});
}

HttpReply TestPayments::confirm(const QString &intentId, const QString &clientSecret,
                                const QString &card) const
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("key"), QStringLiteral("pk_test_sandbox"));
    form.addQueryItem(QStringLiteral("client_secret"), clientSecret);
    form.addQueryItem(QStringLiteral("payment_method_data[type]"), QStringLiteral("card"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][number]"), card);
    form.addQueryItem(QStringLiteral("payment_method_data[card][exp_month]"), QStringLiteral("12"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][exp_year]"),
                      QStringLiteral("2034"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][cvc]"), QStringLiteral("123"));
    return f.sandbox().request("POST", "/v1/payment_intents/" + intentId.toLatin1() + "/confirm",
                               {{"Content-Type", "application/x-www-form-urlencoded"}},
                               form.query(QUrl::FullyEncoded).toUtf8(), 30000);
}

TestPayments::Paying TestPayments::paidOrder(int quantity)
{
    Paying p = pendingOrder(quantity);
    const HttpReply intent = createIntent(p.customer, p.orderId);
    if (intent.status != 200) {
        qWarning() << "create-intent:" << intent.status << intent.body;
        return p;
    }
    const HttpReply confirmed =
        confirm(intent.json()[u"payment_intent_id"].toString(),
                intent.json()[u"client_secret"].toString(), QStringLiteral("4242424242424242"));
    if (confirmed.status != 200) {
        qWarning() << "confirm:" << confirmed.status << confirmed.body;
    }
    QDeadlineTimer deadline(30000);
    while (orderStatus(p.orderId) != u"paid" && !deadline.hasExpired()) {
        QThread::msleep(50);
    }
    return p;
}

HttpReply TestPayments::postWebhook(const QByteArray &payload, const QByteArray &signature) const
{
    QList<std::pair<QByteArray, QByteArray>> headers {{"Content-Type", "application/json"}};
    if (!signature.isNull()) {
        headers.append({"Stripe-Signature", signature});
    }
    return f.server().request("POST", "/api/payments/webhook", headers, payload, 60000);
}

HttpReply TestPayments::postEvent(const QJsonObject &e) const
{
    const QByteArray payload = body(e);
    return postWebhook(payload,
                       Payments::stripeSignatureHeader(payload, kWebhookSecret,
                                                       QDateTime::currentSecsSinceEpoch()));
}

QJsonObject TestPayments::stripeGet(const QString &path) const
{
    return f.sandbox()
        .request("GET", path.toLatin1(), {{"Authorization", "Bearer sk_test_sandbox"}}, {}, 30000)
        .json();
}

void TestPayments::signatureCases_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("expected");
    QTest::addColumn<qint64>("now"); // the verification's clock: the rows' times are exact

    const QByteArray payload = R"({"id":"evt_1","type":"payment_intent.succeeded"})";
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray valid = Payments::stripeSignatureHeader(payload, kWebhookSecret, now);
    const QByteArray t = QByteArray::number(now);
    const QByteArray hmac = valid.mid(valid.indexOf("v1=") + 3);
    const QByteArray wrong =
        Payments::stripeSignatureHeader(payload, QStringLiteral("whsec_wrong"), now);
    const QByteArray wrongHmac = wrong.mid(wrong.indexOf("v1=") + 3);
    using C = Payments::SignatureCheck;

    QTest::newRow("valid") << valid << payload << int(C::Valid) << now;
    QTest::newRow("old secret (rotation)")
        << Payments::stripeSignatureHeader(payload, kOldSecret, now) << payload << int(C::Valid)
        << now;
    QTest::newRow("tampered body")
        << valid << QByteArray(payload).replace("evt_1", "evt_2") << int(C::Mismatch) << now;
    QTest::newRow("wrong secret") << wrong << payload << int(C::Mismatch) << now;
    QTest::newRow("missing header") << QByteArray() << payload << int(C::Missing) << now;
    QTest::newRow("only v0") << "t=" + t + ",v0=" + hmac << payload << int(C::NoV1) << now;
    QTest::newRow("malformed") << QByteArray("garbage") << payload << int(C::Malformed) << now;
    QTest::newRow("no t") << "v1=" + hmac << payload << int(C::Malformed) << now;
    QTest::newRow("non-numeric t") << "t=12a4,v1=" + hmac << payload << int(C::Malformed) << now;
    QTest::newRow("negative t") << "t=-5,v1=" + hmac << payload << int(C::Malformed) << now;
    QTest::newRow("too old") << Payments::stripeSignatureHeader(payload, kWebhookSecret, now - 301)
                             << payload << int(C::Stale) << now;
    QTest::newRow("too far ahead")
        << Payments::stripeSignatureHeader(payload, kWebhookSecret, now + 301) << payload
        << int(C::Stale) << now;
    QTest::newRow("within 5 minutes")
        << Payments::stripeSignatureHeader(payload, kWebhookSecret, now - 290) << payload
        << int(C::Valid) << now;
    QTest::newRow("two v1, second valid")
        << "t=" + t + ",v1=" + wrongHmac + ",v1=" + hmac << payload << int(C::Valid) << now;
    QTest::newRow("two v1, none valid")
        << "t=" + t + ",v1=" + wrongHmac + ",v1=" + wrongHmac << payload << int(C::Mismatch) << now;
    QTest::newRow("v1 not hex") << "t=" + t + ",v1=" + QByteArray(64, 'z') << payload
                                << int(C::NoV1) << now;
    QTest::newRow("huge header") << valid + ",v0=" + QByteArray(8000, 'a') << payload
                                 << int(C::TooLong) << now;
}

void TestPayments::signatureCases()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, payload);
    QFETCH(int, expected);
    QFETCH(qint64, now);
    const auto check =
        Payments::verifyStripeSignature(header, payload, {kWebhookSecret, kOldSecret}, now);
    QCOMPARE(int(check), expected);
}

void TestPayments::signatureOverHttp()
{
    // An event for an intent nobody knows: a valid signature is acknowledged (200), everything
    // else is 400 and records nothing.
    const QString id = eventId();
    const QByteArray payload =
        body(stripeEvent(id, QStringLiteral("payment_intent.succeeded"),
                         {{QStringLiteral("id"), QStringLiteral("pi_nobody")},
                          {QStringLiteral("object"), QStringLiteral("payment_intent")},
                          {QStringLiteral("status"), QStringLiteral("succeeded")}}));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray valid = Payments::stripeSignatureHeader(payload, kWebhookSecret, now);
    const QByteArray hmac = valid.mid(valid.indexOf("v1=") + 3);
    const QByteArray wrong =
        Payments::stripeSignatureHeader(payload, QStringLiteral("whsec_wrong"), now);
    const QByteArray t = QByteArray::number(now);

    const QList<std::pair<QByteArray, QByteArray>> refused {
        {"tampered", payload},
        {"wrong secret", wrong},
        {"missing", QByteArray()},
        {"v0 only", "t=" + t + ",v0=" + hmac},
        {"non-numeric t", "t=abc,v1=" + hmac},
        {"too old", Payments::stripeSignatureHeader(payload, kWebhookSecret, now - 600)},
        {"huge", valid + ",x=" + QByteArray(6000, 'b')},
    };
    for (const auto &[name, header] : refused) {
        const QByteArray sent =
            name == "tampered" ? QByteArray(payload).replace("pi_", "pj_") : payload;
        const HttpReply reply = postWebhook(sent, name == "tampered" ? valid : header);
        QVERIFY2(reply.status == 400, name.constData());
        QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
    }
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM stripe_events WHERE id = ?"), {id}), 0);

    const HttpReply second = postWebhook(
        payload, "t=" + t + ",v1=" + wrong.mid(wrong.indexOf("v1=") + 3) + ",v1=" + hmac);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json()[u"outcome"].toString(), QStringLiteral("unknown_intent"));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM stripe_events WHERE id = ?"), {id}), 1);
}

void TestPayments::createIntentPayAndWebhook()
{
    Paying p = pendingOrder(2);
    QVERIFY(p.total > 0);
    const HttpReply intent = createIntent(p.customer, p.orderId);
    QVERIFY2(intent.status == 200, intent.body.constData());
    const QJsonObject answer = intent.json();
    const QString pi = answer[u"payment_intent_id"].toString();
    QVERIFY(pi.startsWith(u"pi_"));
    QVERIFY(answer[u"client_secret"].toString().startsWith(pi + u"_secret_"));
    QCOMPARE(answer[u"publishable_key"].toString(), QStringLiteral("pk_test_sandbox"));
    QVERIFY(answer[u"stripe_js_url"].toString().endsWith(u"/stripe-js/v3"));
    QCOMPARE(answer[u"amount"].toInteger(), p.total);
    QCOMPARE(answer[u"currency"].toString(), QStringLiteral("USD"));
    QCOMPARE(answer[u"status"].toString(), QStringLiteral("requires_payment_method"));
    // The amount Stripe holds is the order's, from the database; the metadata names the order.
    const QJsonObject atStripe = stripeGet(QStringLiteral("/v1/payment_intents/") + pi);
    QCOMPARE(atStripe[u"amount"].toInteger(), p.total);
    QCOMPARE(atStripe[u"currency"].toString(), QStringLiteral("usd"));
    QCOMPARE(atStripe[u"metadata"][u"order_id"].toString(), p.orderId);

    // A double click: the same intent, still one row.
    const HttpReply again = createIntent(p.customer, p.orderId);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json()[u"payment_intent_id"].toString(), pi);
    QCOMPARE(again.json()[u"client_secret"].toString(), answer[u"client_secret"].toString());
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE order_id = ?::uuid"),
                      {p.orderId}),
             1);

    // The payment document before paying.
    HttpReply doc = f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", p.customer);
    QCOMPARE(doc.status, 200);
    QCOMPARE(doc.json()[u"order_status"].toString(), QStringLiteral("pending"));
    QCOMPARE(doc.json()[u"payment"][u"status"].toString(),
             QStringLiteral("requires_payment_method"));

    // Paying: Stripe.js confirms, the sandbox's webhook makes the order paid.
    const HttpReply confirmed =
        confirm(pi, answer[u"client_secret"].toString(), QStringLiteral("4242424242424242"));
    QVERIFY2(confirmed.status == 200, confirmed.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(p.orderId), QStringLiteral("paid"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        f.scalar(QStringLiteral("SELECT count(*) FROM stripe_events WHERE payment_intent_id = ? "
                                "AND type = 'payment_intent.succeeded' AND outcome = 'applied'"),
                 {pi}),
        1, 30000);
    QCOMPARE(f.scalarText(QStringLiteral("SELECT actor || ':' || reason FROM "
                                         "order_status_history WHERE order_id = ?::uuid AND "
                                         "to_status = 'paid'"),
                          {p.orderId}),
             QStringLiteral("system:payment received"));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE unique_key = ?"),
                      {QString(QStringLiteral("payment-confirmation:") + p.orderId)}),
             1);
    doc = f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", p.customer);
    QCOMPARE(doc.json()[u"order_status"].toString(), QStringLiteral("paid"));
    QCOMPARE(doc.json()[u"payment"][u"status"].toString(), QStringLiteral("succeeded"));
    QCOMPARE(doc.json()[u"payment"][u"amount_received"].toInteger(), p.total);
    QCOMPARE(doc.json()[u"refundable"].toInteger(), p.total);
    QCOMPARE(doc.json()[u"refunded"].toInteger(), 0);

    // Paid: no second intent.
    const HttpReply paid = createIntent(p.customer, p.orderId);
    QCOMPARE(paid.status, 409);
    QCOMPARE(paid.json()[u"reason"].toString(), QStringLiteral("already_paid"));
}

void TestPayments::createIntentOnceUnderConcurrency()
{
    Paying p = pendingOrder();
    std::vector<QString> intents(8);
    std::vector<int> statuses(8);
    concurrently(8, [&](int i) {
        const HttpReply reply = createIntent(p.customer, p.orderId);
        statuses[i] = reply.status;
        intents[i] = reply.json()[u"payment_intent_id"].toString();
    });
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(statuses[i], 200);
        QVERIFY(intents[i].startsWith(u"pi_"));
        QCOMPARE(intents[i], intents[0]);
    }
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE order_id = ?::uuid"),
                      {p.orderId}),
             1);
    // Stripe has one intent for the order.
    const QJsonArray events = stripeGet(QStringLiteral("/v1/events?limit=100"))[u"data"].toArray();
    QSet<QString> created;
    for (const QJsonValue &e : events) {
        if (e[u"type"].toString() == u"payment_intent.created"
            && e[u"data"][u"object"][u"metadata"][u"order_id"].toString() == p.orderId) {
            created.insert(e[u"data"][u"object"][u"id"].toString());
        }
    }
    QCOMPARE(created.size(), 1);
}

void TestPayments::createIntentRefusals()
{
    const Paying p = pendingOrder();
    // Another customer's order, an unknown one, a malformed id: 404 alike.
    const Customer eve = f.customer();
    QCOMPARE(createIntent(eve, p.orderId).status, 404);
    QCOMPARE(createIntent(eve, QUuid::createUuid().toString(QUuid::WithoutBraces)).status, 404);
    QCOMPARE(createIntent(eve, QStringLiteral("not-a-uuid")).status, 404);
    QCOMPARE(f.call("POST", "/api/payments/create-intent", eve, {}).status, 422);
    QCOMPARE(f.call("POST", "/api/payments/create-intent", eve,
                    {{QStringLiteral("order_id"), p.orderId}, {QStringLiteral("amount"), 1}})
                 .status,
             422);
    QCOMPARE(f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", eve).status, 404);
    QCOMPARE(f.server()
                 .request("POST", "/api/payments/create-intent",
                          {{"Content-Type", "application/json"}},
                          body({{QStringLiteral("order_id"), p.orderId}}))
                 .status,
             401);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM payments WHERE order_id = ?::uuid"),
                      {p.orderId}),
             0);

    // Cancelled, expired: refused with the reason.
    const Paying cancelled = pendingOrder();
    QCOMPARE(
        f.call("PUT", "/api/orders/" + cancelled.orderId.toLatin1() + "/cancel", cancelled.customer)
            .status,
        200);
    HttpReply refused = createIntent(cancelled.customer, cancelled.orderId);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.json()[u"reason"].toString(), QStringLiteral("cancelled"));

    const Paying expired = pendingOrder();
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET expires_at = now() - interval '1 second' "
                                  "WHERE id = ?::uuid"),
                   {expired.orderId}));
    refused = createIntent(expired.customer, expired.orderId);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.json()[u"reason"].toString(), QStringLiteral("expired"));

    // Shipped (past paid): already paid.
    const Paying shipped = pendingOrder();
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'shipped', expires_at = NULL "
                                  "WHERE id = ?::uuid"),
                   {shipped.orderId}));
    refused = createIntent(shipped.customer, shipped.orderId);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.json()[u"reason"].toString(), QStringLiteral("already_paid"));
}

void TestPayments::declinedThenRetried()
{
    const Paying p = pendingOrder();
    const QJsonObject intent = createIntent(p.customer, p.orderId).json();
    const QString pi = intent[u"payment_intent_id"].toString();
    const QString secret = intent[u"client_secret"].toString();
    const HttpReply declined = confirm(pi, secret, QStringLiteral("4000000000000002"));
    QCOMPARE(declined.status, 402);
    // The failure is recorded (by the webhook, or by the retrieval this GET makes), the order
    // stays payable.
    QTRY_COMPARE_WITH_TIMEOUT(
        f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", p.customer)
            .json()[u"payment"][u"last_error_code"]
            .toString(),
        QStringLiteral("card_declined"), 30000);
    const QJsonObject doc =
        f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", p.customer).json();
    QCOMPARE(doc[u"payment"][u"last_error"].toString(), QStringLiteral("Your card was declined."));
    QCOMPARE(doc[u"payment"][u"status"].toString(), QStringLiteral("requires_payment_method"));
    QCOMPARE(doc[u"order_status"].toString(), QStringLiteral("pending"));
    QCOMPARE(createIntent(p.customer, p.orderId).json()[u"payment_intent_id"].toString(), pi);

    QCOMPARE(confirm(pi, secret, QStringLiteral("4242424242424242")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(p.orderId), QStringLiteral("paid"), 30000);
    const QJsonObject after =
        f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", p.customer).json();
    QVERIFY(after[u"payment"][u"last_error"].isNull());
}

void TestPayments::duplicateWebhooksChangeStateOnce()
{
    // Two orders with intents at Stripe, paid by events the test signs itself.
    for (const bool atOnce : {false, true}) {
        const Paying p = pendingOrder();
        const QString pi =
            createIntent(p.customer, p.orderId).json()[u"payment_intent_id"].toString();
        QJsonObject object = stripeGet(QStringLiteral("/v1/payment_intents/") + pi);
        object.insert(QStringLiteral("status"), QStringLiteral("succeeded"));
        object.insert(QStringLiteral("amount_received"), p.total);
        const QJsonObject e =
            stripeEvent(eventId(), QStringLiteral("payment_intent.succeeded"), object);
        QStringList outcomes;
        if (!atOnce) {
            for (int i = 0; i < 2; ++i) {
                const HttpReply reply = postEvent(e);
                QCOMPARE(reply.status, 200);
                outcomes << reply.json()[u"outcome"].toString();
            }
        } else {
            std::vector<HttpReply> replies(5);
            concurrently(5, [&](int i) { replies[i] = postEvent(e); });
            for (const HttpReply &reply : std::as_const(replies)) {
                QVERIFY2(reply.status == 200, reply.body.constData());
                outcomes << reply.json()[u"outcome"].toString();
            }
        }
        QCOMPARE(outcomes.count(QStringLiteral("applied")), 1);
        QCOMPARE(outcomes.count(QStringLiteral("duplicate")), outcomes.size() - 1);
        QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM order_status_history WHERE "
                                         "order_id = ?::uuid AND to_status = 'paid'"),
                          {p.orderId}),
                 1);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE unique_key = ?"),
                          {QString(QStringLiteral("payment-confirmation:") + p.orderId)}),
                 1);
        // The same change under a new event id (Stripe's retry of a lost answer is the same id;
        // a resend of the state is harmless too).
        QJsonObject again = e;
        again.insert(QStringLiteral("id"), eventId());
        QCOMPARE(postEvent(again).json()[u"outcome"].toString(), QStringLiteral("ignored"));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM order_status_history WHERE "
                                         "order_id = ?::uuid AND to_status = 'paid'"),
                          {p.orderId}),
                 1);
    }
}

void TestPayments::outOfOrderEventsKeepTheFinalState()
{
    const Paying p = pendingOrder();
    const QString pi = createIntent(p.customer, p.orderId).json()[u"payment_intent_id"].toString();
    const QJsonObject base = stripeGet(QStringLiteral("/v1/payment_intents/") + pi);
    QJsonObject succeeded = base;
    succeeded.insert(QStringLiteral("status"), QStringLiteral("succeeded"));
    succeeded.insert(QStringLiteral("amount_received"), p.total);
    QJsonObject failed = base;
    failed.insert(QStringLiteral("status"), QStringLiteral("requires_payment_method"));
    failed.insert(
        QStringLiteral("last_payment_error"),
        QJsonObject {{QStringLiteral("code"), QStringLiteral("card_declined")},
                     {QStringLiteral("message"), QStringLiteral("Your card was declined.")}});
    // The failure happened first but arrives last.
    QCOMPARE(
        postEvent(stripeEvent(eventId(), QStringLiteral("payment_intent.succeeded"), succeeded))
            .json()[u"outcome"]
            .toString(),
        QStringLiteral("applied"));
    const HttpReply late =
        postEvent(stripeEvent(eventId(), QStringLiteral("payment_intent.payment_failed"), failed));
    QCOMPARE(late.status, 200);
    QCOMPARE(late.json()[u"outcome"].toString(), QStringLiteral("ignored"));
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
    QCOMPARE(f.scalarText(QStringLiteral("SELECT status || ':' || coalesce(last_error, '-') FROM "
                                         "payments WHERE order_id = ?::uuid"),
                          {p.orderId}),
             QStringLiteral("succeeded:-"));
}

void TestPayments::webhookBeforeThePaymentRowCommits()
{
    // The intent exists at Stripe (created by create-intent, whose transaction is still open: the
    // test holds the order row's lock as that transaction does) when its success arrives.
    const Paying p = pendingOrder();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("amount"), QString::number(p.total));
    form.addQueryItem(QStringLiteral("currency"), QStringLiteral("usd"));
    form.addQueryItem(QStringLiteral("metadata[order_id]"), p.orderId);
    const QJsonObject created =
        f.sandbox()
            .request("POST", "/v1/payment_intents",
                     {{"Authorization", "Bearer sk_test_sandbox"},
                      {"Content-Type", "application/x-www-form-urlencoded"}},
                     form.query(QUrl::FullyEncoded).toUtf8(), 30000)
            .json();
    const QString pi = created[u"id"].toString();
    QVERIFY(pi.startsWith(u"pi_"));

    {
        auto db = Db::openConnection(Db::configuration(), QStringLiteral("holder"));
        QVERIFY(db);
        QSqlDatabase holder = *db;
        QVERIFY(holder.transaction());
        QVERIFY(Db::exec(holder,
                         QStringLiteral("SELECT 1 FROM orders WHERE id = ?::uuid FOR UPDATE"),
                         {p.orderId}));
        QJsonObject object = created;
        object.insert(QStringLiteral("status"), QStringLiteral("succeeded"));
        object.insert(QStringLiteral("amount_received"), p.total);
        HttpReply reply;
        std::atomic<bool> answered {false};
        const QJsonObject e =
            stripeEvent(eventId(), QStringLiteral("payment_intent.succeeded"), object);
        std::thread webhook([&] {
            reply = postEvent(e);
            answered = true;
        });
        // On any failure below: end the transaction, then wait for the request.
        auto joiner = qScopeGuard([&] {
            holder.rollback();
            webhook.join();
        });
        QThread::msleep(1500);
        QVERIFY(!answered); // still waiting for the order's lock
        QVERIFY(Db::exec(holder,
                         QStringLiteral("INSERT INTO payments (order_id, "
                                        "stripe_payment_intent_id, amount, currency) VALUES "
                                        "(?::uuid, ?, ?, 'USD')"),
                         {p.orderId, pi, p.total}));
        QVERIFY(holder.commit());
        joiner.dismiss();
        webhook.join();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()[u"outcome"].toString(), QStringLiteral("applied"));
        holder.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
    QCOMPARE(f.scalarText(QStringLiteral("SELECT status FROM payments WHERE order_id = ?::uuid"),
                          {p.orderId}),
             QStringLiteral("succeeded"));
}

void TestPayments::webhookForAnIntentWithoutRow()
{
    // create-intent reached Stripe but never committed its row (a crash): the event's metadata
    // names the order, the amount is the order's, so the row is made and the order paid.
    const Paying p = pendingOrder();
    QJsonObject object {
        {QStringLiteral("id"), QString(QStringLiteral("pi_") + QString::fromLatin1(key().left(8)))},
        {QStringLiteral("object"), QStringLiteral("payment_intent")},
        {QStringLiteral("amount"), p.total},
        {QStringLiteral("amount_received"), p.total},
        {QStringLiteral("currency"), QStringLiteral("usd")},
        {QStringLiteral("status"), QStringLiteral("succeeded")},
        {QStringLiteral("metadata"), QJsonObject {{QStringLiteral("order_id"), p.orderId}}}};
    // Another amount is not this order's payment.
    QJsonObject other = object;
    other.insert(QStringLiteral("amount"), p.total - 1);
    QCOMPARE(postEvent(stripeEvent(eventId(), QStringLiteral("payment_intent.succeeded"), other))
                 .json()[u"outcome"]
                 .toString(),
             QStringLiteral("unknown_intent"));
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("pending"));
    QCOMPARE(postEvent(stripeEvent(eventId(), QStringLiteral("payment_intent.succeeded"), object))
                 .json()[u"outcome"]
                 .toString(),
             QStringLiteral("applied"));
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
}

void TestPayments::unknownIntentIsAcknowledged()
{
    const QString id = eventId();
    const HttpReply reply = postEvent(
        stripeEvent(id, QStringLiteral("payment_intent.payment_failed"),
                    {{QStringLiteral("id"), QStringLiteral("pi_unknown_here")},
                     {QStringLiteral("status"), QStringLiteral("requires_payment_method")}}));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"outcome"].toString(), QStringLiteral("unknown_intent"));
    QCOMPARE(f.scalarText(QStringLiteral("SELECT outcome FROM stripe_events WHERE id = ?"), {id}),
             QStringLiteral("unknown_intent"));
    // Not an event at all, though signed: 400.
    QCOMPARE(postEvent({{QStringLiteral("hello"), 1}}).status, 400);
}

void TestPayments::refundsPartialFullAndOver()
{
    const Customer staff = f.customer(QStringLiteral("admin"));
    const Paying p = paidOrder(3);
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
    const QByteArray path = "/api/admin/orders/" + p.orderId.toLatin1() + "/refunds";

    // Invalid input.
    QCOMPARE(f.call("POST", path, staff, {{QStringLiteral("amount"), 100}}).status, 422);
    QCOMPARE(f.call("POST", path, staff,
                    {{QStringLiteral("amount"), 0},
                     {QStringLiteral("reason"), QStringLiteral("duplicate")},
                     {QStringLiteral("note"), QStringLiteral("x")}})
                 .status,
             422);
    QCOMPARE(f.call("POST", path, staff,
                    {{QStringLiteral("amount"), 1.5},
                     {QStringLiteral("reason"), QStringLiteral("duplicate")},
                     {QStringLiteral("note"), QStringLiteral("x")}})
                 .status,
             422);
    QCOMPARE(f.call("POST", path, staff,
                    {{QStringLiteral("reason"), QStringLiteral("because")},
                     {QStringLiteral("note"), QStringLiteral("x")}})
                 .status,
             422);
    QCOMPARE(f.call("POST", path, p.customer,
                    {{QStringLiteral("reason"), QStringLiteral("duplicate")},
                     {QStringLiteral("note"), QStringLiteral("x")}})
                 .status,
             403);

    // Partial.
    HttpReply partial = f.call("POST", path, staff,
                               {{QStringLiteral("amount"), 500},
                                {QStringLiteral("reason"), QStringLiteral("requested_by_customer")},
                                {QStringLiteral("note"), QStringLiteral("one item was broken")}});
    QVERIFY2(partial.status == 201, partial.body.constData());
    QCOMPARE(partial.json()[u"status"].toString(), QStringLiteral("succeeded"));
    QCOMPARE(partial.json()[u"amount"].toInteger(), 500);
    QCOMPARE(partial.json()[u"created_by"].toString(), QStringLiteral("staff"));
    const QString re = partial.json()[u"stripe_refund_id"].toString();
    QVERIFY(re.startsWith(u"re_"));
    QCOMPARE(stripeGet(QStringLiteral("/v1/refunds/") + re)[u"amount"].toInteger(), 500);
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
    QJsonObject doc =
        f.call("GET", "/api/admin/orders/" + p.orderId.toLatin1() + "/payment", staff).json();
    QCOMPARE(doc[u"refunded"].toInteger(), 500);
    QCOMPARE(doc[u"refundable"].toInteger(), p.total - 500);
    QCOMPARE(doc[u"refunds"].toArray().size(), 1);
    QCOMPARE(doc[u"refunds"][0][u"note"].toString(), QStringLiteral("one item was broken"));
    // Audited with before and after.
    QCOMPARE(f.scalarText(QStringLiteral("SELECT before->>'refundable' || '>' || "
                                         "(after->>'refundable') FROM audit_log WHERE action = "
                                         "'order.refund' AND target_id = ?"),
                          {p.orderId}),
             QStringLiteral("%1>%2").arg(p.total).arg(p.total - 500));

    // Over-refund.
    HttpReply over = f.call("POST", path, staff,
                            {{QStringLiteral("amount"), p.total - 499},
                             {QStringLiteral("reason"), QStringLiteral("duplicate")},
                             {QStringLiteral("note"), QStringLiteral("too much")}});
    QCOMPARE(over.status, 422);
    QCOMPARE(over.json()[u"errors"][0][u"field"].toString(), QStringLiteral("amount"));

    // Full (the rest): the order is cancelled, its stock returns.
    HttpReply rest = f.call("POST", path, staff,
                            {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")},
                             {QStringLiteral("note"), QStringLiteral("the rest")}});
    QCOMPARE(rest.status, 201);
    QCOMPARE(rest.json()[u"amount"].toInteger(), p.total - 500);
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("cancelled"));
    doc = f.call("GET", "/api/admin/orders/" + p.orderId.toLatin1() + "/payment", staff).json();
    QCOMPARE(doc[u"refunded"].toInteger(), p.total);
    QCOMPARE(doc[u"refundable"].toInteger(), 0);
    // Nothing left.
    QCOMPARE(f.call("POST", path, staff,
                    {{QStringLiteral("reason"), QStringLiteral("duplicate")},
                     {QStringLiteral("note"), QStringLiteral("again")}})
                 .status,
             422);
    // Stripe's charge.refunded events (the sandbox's) change nothing more.
    QTest::qWait(1500);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM refunds WHERE order_id = ?::uuid"),
                      {p.orderId}),
             2);

    // An unpaid order: nothing to refund.
    const Paying unpaid = pendingOrder();
    QCOMPARE(f.call("POST", "/api/admin/orders/" + unpaid.orderId.toLatin1() + "/refunds", staff,
                    {{QStringLiteral("reason"), QStringLiteral("duplicate")},
                     {QStringLiteral("note"), QStringLiteral("x")}})
                 .status,
             409);
}

void TestPayments::concurrentRefundsNeverExceedThePayment()
{
    const Customer staff = f.customer(QStringLiteral("admin"));
    const Paying p = paidOrder(2);
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
    const qint64 part = p.total / 3 + 1; // three fit only if the total were larger
    std::vector<int> statuses(6);
    concurrently(6, [&](int i) {
        statuses[i] =
            f.call("POST", "/api/admin/orders/" + p.orderId.toLatin1() + "/refunds", staff,
                   {{QStringLiteral("amount"), part},
                    {QStringLiteral("reason"), QStringLiteral("duplicate")},
                    {QStringLiteral("note"), QStringLiteral("race")}})
                .status;
    });
    QCOMPARE(std::count(statuses.begin(), statuses.end(), 201), 2);
    QCOMPARE(std::count(statuses.begin(), statuses.end(), 422), 4);
    QCOMPARE(f.scalar(QStringLiteral("SELECT sum(amount) FROM refunds WHERE order_id = ?::uuid "
                                     "AND status = 'succeeded'"),
                      {p.orderId}),
             2 * part);
    QVERIFY(2 * part <= p.total);
}

void TestPayments::customerCancelOfAPaidOrderRefunds()
{
    const Paying p = paidOrder();
    QCOMPARE(orderStatus(p.orderId), QStringLiteral("paid"));
    const HttpReply cancelled =
        f.call("PUT", "/api/orders/" + p.orderId.toLatin1() + "/cancel", p.customer);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json()[u"status"].toString(), QStringLiteral("cancelled"));
    QTRY_COMPARE_WITH_TIMEOUT(
        f.scalarText(QStringLiteral("SELECT status || ':' || created_by || ':' || amount FROM "
                                    "refunds WHERE order_id = ?::uuid"),
                     {p.orderId}),
        QStringLiteral("succeeded:customer:%1").arg(p.total), 30000);
    const QJsonObject doc =
        f.call("GET", "/api/orders/" + p.orderId.toLatin1() + "/payment", p.customer).json();
    QCOMPARE(doc[u"refunded"].toInteger(), p.total);
    QCOMPARE(doc[u"refunds"][0][u"reason"].toString(), QStringLiteral("requested_by_customer"));
}

void TestPayments::expiryCancelsTheIntent()
{
    const Paying p = pendingOrder();
    const QString pi = createIntent(p.customer, p.orderId).json()[u"payment_intent_id"].toString();
    QVERIFY(pi.startsWith(u"pi_"));
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET expires_at = now() - interval '1 second' "
                                  "WHERE id = ?::uuid"),
                   {p.orderId}));
    QVERIFY(f.exec(QStringLiteral("UPDATE jobs SET run_at = now() WHERE unique_key = ?"),
                   {QString(QStringLiteral("order-expire:") + p.orderId)}));
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(p.orderId), QStringLiteral("cancelled"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        stripeGet(QStringLiteral("/v1/payment_intents/") + pi)[u"status"].toString(),
        QStringLiteral("canceled"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        f.scalarText(QStringLiteral("SELECT status FROM payments WHERE order_id = ?::uuid"),
                     {p.orderId}),
        QStringLiteral("canceled"), 30000);
    QCOMPARE(
        stripeGet(QStringLiteral("/v1/payment_intents/") + pi)[u"cancellation_reason"].toString(),
        QStringLiteral("abandoned"));
}

QTEST_GUILESS_MAIN(TestPayments)
#include "tst_payments.moc"
