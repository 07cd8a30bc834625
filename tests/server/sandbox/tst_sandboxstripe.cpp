// shop-sandbox's Stripe over real sockets: PaymentIntents with the test cards, refunds, events,
// webhook endpoints, Stripe's error objects and statuses, keys, idempotency keys (replay, other
// parameters, concurrent use), then signed webhook deliveries to a receiver in the test (the
// signature checked independently, the retry after a 500, the test switches).

#include "sandbox/sandboxserver.h"
#include "sandbox/stripeservice.h"
#include "testserver.h"

#include <QDate>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>

using namespace Shop;
using namespace Shop::Sandbox;
using namespace Shop::Tests;

using Form = QList<std::pair<QString, QString>>;

namespace {

const QByteArray kSecret = QByteArrayLiteral("sk_test_unit");
const QByteArray kPublishable = QByteArrayLiteral("pk_test_unit");
const QByteArray kWebhookSecret = QByteArrayLiteral("whsec_unit");
constexpr int kTimeoutMs = 20000;

QByteArray encode(const Form &form)
{
    QByteArray body;
    for (const auto &[key, value] : form) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += QUrl::toPercentEncoding(key, "[]") + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QString nextYear()
{
    return QString::number(QDate::currentDate().year() + 1);
}

Form card(const QString &number, const QString &cvc = u"123"_qs, const QString &month = u"12"_qs,
          const QString &year = nextYear())
{
    return {{u"payment_method_data[type]"_qs, u"card"_qs},
            {u"payment_method_data[card][number]"_qs, number},
            {u"payment_method_data[card][exp_month]"_qs, month},
            {u"payment_method_data[card][exp_year]"_qs, year},
            {u"payment_method_data[card][cvc]"_qs, cvc}};
}

QJsonObject errorOf(const HttpReply &reply)
{
    return reply.json().value(u"error"_qs).toObject();
}

QString str(const QJsonObject &object, const char *name)
{
    return object.value(QLatin1StringView(name)).toString();
}

// A webhook receiver: records every delivery, answers 500 to the first `failures` ones.
struct Receiver
{
    struct Hit
    {
        QByteArray body;
        QByteArray signature;
        int answered = 0;
    };
    mutable QMutex mutex;
    QList<Hit> hits;
    int failures = 0;
    Http::Router router;
    std::unique_ptr<TestServer> server;

    Receiver()
    {
        router.post(u"/hook"_qs, [this](const Http::Request &request) -> Http::Reply {
            const QMutexLocker lock(&mutex);
            const int status = failures > 0 ? 500 : 200;
            if (failures > 0) {
                --failures;
            }
            hits.append({request.body, request.header("stripe-signature"), status});
            return Http::Response::json(QJsonObject {{u"received"_qs, status == 200}}, status);
        });
        server = std::make_unique<TestServer>(router);
    }
    QList<Hit> all() const
    {
        const QMutexLocker lock(&mutex);
        return hits;
    }
    void reset(int failing = 0)
    {
        const QMutexLocker lock(&mutex);
        hits.clear();
        failures = failing;
    }
    // The accepted (2xx) events, in arrival order.
    QList<QJsonObject> accepted() const
    {
        QList<QJsonObject> events;
        for (const Hit &hit : all()) {
            if (hit.answered == 200) {
                events.append(QJsonDocument::fromJson(hit.body).object());
            }
        }
        return events;
    }
};

// Stripe's verification, written independently of the sandbox (Qt's HMAC, not OpenSSL's).
bool signatureValid(const QByteArray &header, const QByteArray &body, const QByteArray &secret,
                    qint64 *timestamp = nullptr)
{
    QByteArray t;
    QByteArrayList v1;
    for (const QByteArray &part : header.split(',')) {
        if (part.startsWith("t=")) {
            t = part.mid(2);
        } else if (part.startsWith("v1=")) {
            v1.append(part.mid(3));
        }
    }
    if (t.isEmpty() || v1.isEmpty()) {
        return false;
    }
    if (timestamp) {
        *timestamp = t.toLongLong();
    }
    const QByteArray expected =
        QMessageAuthenticationCode::hash(t + '.' + body, secret, QCryptographicHash::Sha256)
            .toHex();
    return v1.contains(expected);
}

} // namespace

class TestSandboxStripe final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_server;

    HttpReply call(const QByteArray &method, const QString &path, const Form &form = {},
                   const QByteArray &key = kSecret, const QByteArray &idempotencyKey = {}) const
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!key.isEmpty()) {
            headers.append({QByteArrayLiteral("Authorization"), QByteArray("Bearer " + key)});
        }
        if (!idempotencyKey.isEmpty()) {
            headers.append({QByteArrayLiteral("Idempotency-Key"), idempotencyKey});
        }
        headers.append({QByteArrayLiteral("Stripe-Version"), QByteArrayLiteral("2024-06-20")});
        QByteArray target = path.toUtf8();
        QByteArray body;
        if (method == "GET") {
            if (!form.isEmpty()) {
                target += '?' + encode(form);
            }
        } else {
            headers.append({QByteArrayLiteral("Content-Type"),
                            QByteArrayLiteral("application/x-www-form-urlencoded")});
            body = encode(form);
        }
        return m_server->request(method, target, headers, body, kTimeoutMs);
    }
    HttpReply post(const QString &path, const Form &form = {}, const QByteArray &key = kSecret,
                   const QByteArray &idempotencyKey = {}) const
    {
        return call("POST", path, form, key, idempotencyKey);
    }
    HttpReply get(const QString &path, const Form &query = {},
                  const QByteArray &key = kSecret) const
    {
        return call("GET", path, query, key);
    }
    QJsonObject createIntent(qint64 amount = 1588, const QString &orderId = u"order-1"_qs)
    {
        const HttpReply reply = post(u"/v1/payment_intents"_qs,
                                     {{u"amount"_qs, QString::number(amount)},
                                      {u"currency"_qs, u"usd"_qs},
                                      {u"automatic_payment_methods[enabled]"_qs, u"true"_qs},
                                      {u"metadata[order_id]"_qs, orderId},
                                      {u"description"_qs, u"Order 1001"_qs}});
        if (reply.status != 200) {
            qWarning("create: %d %s", reply.status, reply.body.constData());
        }
        return reply.json();
    }
    // Confirms as this sandbox's Stripe.js does: publishable key + client secret in the form.
    HttpReply confirmAsStripeJs(const QJsonObject &intent, const QString &number)
    {
        Form form = card(number);
        form.append({u"key"_qs, QString::fromLatin1(kPublishable)});
        form.append({u"client_secret"_qs, str(intent, "client_secret")});
        return post(u"/v1/payment_intents/%1/confirm"_qs.arg(str(intent, "id")), form, {});
    }
    QJsonObject paidIntent(qint64 amount = 1588)
    {
        const QJsonObject intent = createIntent(amount);
        const HttpReply reply = confirmAsStripeJs(intent, u"4242424242424242"_qs);
        if (reply.status != 200) {
            qWarning("confirm: %d %s", reply.status, reply.body.constData());
        }
        return reply.json();
    }

    QString registerEndpoint(const Receiver &receiver, const QString &events = u"*"_qs,
                             const QString &moreEvents = {})
    {
        Form form {{u"url"_qs, receiver.server->url(u"/hook"_qs)},
                   {u"enabled_events[]"_qs, events}};
        if (!moreEvents.isEmpty()) {
            form.append({u"enabled_events[]"_qs, moreEvents});
        }
        const HttpReply reply = post(u"/v1/webhook_endpoints"_qs, form);
        if (reply.status != 200) {
            qWarning("endpoint: %d %s", reply.status, reply.body.constData());
        }
        return str(reply.json(), "id");
    }
    void removeEndpoint(const QString &id)
    {
        QCOMPARE(call("DELETE", u"/v1/webhook_endpoints/"_qs + id).status, 200);
    }
    static quint16 closedPort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost);
        return probe.serverPort(); // closed again when probe goes
    }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.stripe.secretKey = QString::fromLatin1(kSecret);
        options.stripe.publishableKey = QString::fromLatin1(kPublishable);
        options.stripe.webhookSecret = QString::fromLatin1(kWebhookSecret);
        options.stripe.webhooks.retryBaseMs = 200;
        options.stripe.webhooks.maxAttempts = 4;
        options.stripe.webhooks.timeoutMs = 5000;
        m_sandbox = std::make_unique<SandboxServer>(options);
        m_server = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    }

    void init()
    {
        QCOMPARE(m_server->request("DELETE", "/api/stripe/failures").status, 204);
        QCOMPARE(m_server->request("DELETE", "/api/stripe/webhook-switches").status, 204);
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_sandbox.reset();
    }

    // ---- PaymentIntents -----------------------------------------------------------------------

    void createsAPaymentIntent()
    {
        const HttpReply reply = post(u"/v1/payment_intents"_qs,
                                     {{u"amount"_qs, u"1588"_qs},
                                      {u"currency"_qs, u"USD"_qs},
                                      {u"automatic_payment_methods[enabled]"_qs, u"true"_qs},
                                      {u"metadata[order_id]"_qs, u"6f1c-42"_qs},
                                      {u"metadata[number]"_qs, u"SO-1001 & co"_qs},
                                      {u"description"_qs, u"Order SO-1001"_qs},
                                      {u"receipt_email"_qs, u"ada@example.org"_qs}});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("content-type").startsWith("application/json"));
        QVERIFY(reply.header("request-id").startsWith("req_"));
        QCOMPARE(reply.header("stripe-version"), QByteArray("2024-06-20"));
        const QJsonObject intent = reply.json();
        const QString id = str(intent, "id");
        QVERIFY2(id.startsWith(u"pi_"_qs) && id.size() > 20, qPrintable(id));
        QCOMPARE(str(intent, "object"), u"payment_intent"_qs);
        QCOMPARE(intent.value(u"amount"_qs).toInteger(), 1588);
        QCOMPARE(intent.value(u"amount_received"_qs).toInteger(), 0);
        QCOMPARE(str(intent, "currency"), u"usd"_qs);
        QCOMPARE(str(intent, "status"), u"requires_payment_method"_qs);
        QVERIFY(str(intent, "client_secret").startsWith(id + u"_secret_"_qs));
        QCOMPARE(
            intent.value(u"metadata"_qs).toObject(),
            (QJsonObject {{u"order_id"_qs, u"6f1c-42"_qs}, {u"number"_qs, u"SO-1001 & co"_qs}}));
        QCOMPARE(str(intent, "description"), u"Order SO-1001"_qs);
        QCOMPARE(str(intent, "receipt_email"), u"ada@example.org"_qs);
        QCOMPARE(intent.value(u"livemode"_qs), QJsonValue(false));
        QVERIFY(intent.value(u"last_payment_error"_qs).isNull());
        QVERIFY(intent.value(u"latest_charge"_qs).isNull());
        QVERIFY(intent.value(u"cancellation_reason"_qs).isNull());
        QCOMPARE(
            intent.value(u"automatic_payment_methods"_qs).toObject().value(u"enabled"_qs).toBool(),
            true);
        QVERIFY(qAbs(intent.value(u"created"_qs).toInteger() - QDateTime::currentSecsSinceEpoch())
                < 120);

        // Retrieve: the same object, with the secret key or the publishable key + client secret.
        const HttpReply again = get(u"/v1/payment_intents/"_qs + id);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json(), intent);
        const HttpReply asStripeJs = get(u"/v1/payment_intents/"_qs + id,
                                         {{u"key"_qs, QString::fromLatin1(kPublishable)},
                                          {u"client_secret"_qs, str(intent, "client_secret")}},
                                         {});
        QCOMPARE(asStripeJs.status, 200);
        QCOMPARE(str(asStripeJs.json(), "id"), id);
        QCOMPARE(asStripeJs.header("access-control-allow-origin"), QByteArray("*"));
        // Basic auth as curl -u sk_test_…: sends it.
        const HttpReply basic = m_server->request(
            "GET", QString(u"/v1/payment_intents/"_qs + id).toUtf8(),
            {{"Authorization", "Basic " + QByteArray(kSecret + ':').toBase64()}}, {}, kTimeoutMs);
        QCOMPARE(basic.status, 200);
    }

    void refusesBadIntentParameters_data()
    {
        QTest::addColumn<Form>("form");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");
        const Form usd {{u"currency"_qs, u"usd"_qs}};
        QTest::newRow("no amount") << usd << u"parameter_missing"_qs << u"amount"_qs;
        QTest::newRow("amount not a number") << (Form {{u"amount"_qs, u"12.50"_qs}} + usd)
                                             << u"parameter_invalid_integer"_qs << u"amount"_qs;
        QTest::newRow("amount empty") << (Form {{u"amount"_qs, u""_qs}} + usd)
                                      << u"parameter_invalid_integer"_qs << u"amount"_qs;
        QTest::newRow("amount negative")
            << (Form {{u"amount"_qs, u"-5"_qs}} + usd) << u"amount_too_small"_qs << u"amount"_qs;
        QTest::newRow("amount below the minimum")
            << (Form {{u"amount"_qs, u"49"_qs}} + usd) << u"amount_too_small"_qs << u"amount"_qs;
        QTest::newRow("amount above the maximum") << (Form {{u"amount"_qs, u"100000000"_qs}} + usd)
                                                  << u"amount_too_large"_qs << u"amount"_qs;
        QTest::newRow("amount overflowing")
            << (Form {{u"amount"_qs, u"99999999999999999999999"_qs}} + usd)
            << u"parameter_invalid_integer"_qs << u"amount"_qs;
        QTest::newRow("no currency")
            << Form {{u"amount"_qs, u"1000"_qs}} << u"parameter_missing"_qs << u"currency"_qs;
        QTest::newRow("unknown currency")
            << Form {{u"amount"_qs, u"1000"_qs}, {u"currency"_qs, u"xyz"_qs}} << QString()
            << u"currency"_qs;
        QTest::newRow("unknown parameter")
            << (Form {{u"amount"_qs, u"1000"_qs}, {u"colour"_qs, u"red"_qs}} + usd)
            << u"parameter_unknown"_qs << u"colour"_qs;
        QTest::newRow("metadata value too long")
            << (Form {{u"amount"_qs, u"1000"_qs}, {u"metadata[order_id]"_qs, QString(501, u'x')}}
                + usd)
            << QString() << u"metadata[order_id]"_qs;
        QTest::newRow("metadata key too long")
            << (Form {{u"amount"_qs, u"1000"_qs},
                      {u"metadata[%1]"_qs.arg(QString(41, u'k')), u"v"_qs}}
                + usd)
            << QString() << u"metadata"_qs;
        QTest::newRow("automatic_payment_methods not a boolean")
            << (Form {{u"amount"_qs, u"1000"_qs},
                      {u"automatic_payment_methods[enabled]"_qs, u"yes"_qs}}
                + usd)
            << QString() << u"automatic_payment_methods[enabled]"_qs;
        QTest::newRow("bad receipt email")
            << (Form {{u"amount"_qs, u"1000"_qs}, {u"receipt_email"_qs, u"nobody"_qs}} + usd)
            << u"email_invalid"_qs << u"receipt_email"_qs;
    }

    void refusesBadIntentParameters()
    {
        QFETCH(Form, form);
        QFETCH(QString, code);
        QFETCH(QString, param);
        const HttpReply reply = post(u"/v1/payment_intents"_qs, form);
        QCOMPARE(reply.status, 400);
        const QJsonObject error = errorOf(reply);
        QCOMPARE(str(error, "type"), u"invalid_request_error"_qs);
        QCOMPARE(str(error, "code"), code);
        QCOMPARE(str(error, "param"), param);
        QVERIFY(!str(error, "message").isEmpty());
    }

    void refusesMalformedRequests()
    {
        // JSON instead of a form: Stripe's 400.
        const HttpReply json = m_server->request(
            "POST", "/v1/payment_intents",
            {{"Authorization", "Bearer " + kSecret}, {"Content-Type", "application/json"}},
            R"({"amount": 1000, "currency": "usd"})", kTimeoutMs);
        QCOMPARE(json.status, 400);
        QCOMPARE(str(errorOf(json), "type"), u"invalid_request_error"_qs);
        QVERIFY(str(errorOf(json), "message").contains(u"Content-Type"_qs));
        // Malformed keys and invalid UTF-8.
        for (const QByteArray &body : {QByteArray("amount[=1"), QByteArray("[x]=1"),
                                       QByteArray("amount=%FF%FE&currency=usd")}) {
            const HttpReply reply =
                m_server->request("POST", "/v1/payment_intents",
                                  {{"Authorization", "Bearer " + kSecret},
                                   {"Content-Type", "application/x-www-form-urlencoded"}},
                                  body, kTimeoutMs);
            QCOMPARE(reply.status, 400);
            QCOMPARE(str(errorOf(reply), "type"), u"invalid_request_error"_qs);
        }
    }

    void refusesWrongKeys_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("no key") << QByteArray("POST") << u"/v1/payment_intents"_qs << QByteArray()
                                << QString() << 401;
        QTest::newRow("wrong secret key")
            << QByteArray("POST") << u"/v1/payment_intents"_qs
            << QByteArray("sk_test_wrong123456789") << QString() << 401;
        QTest::newRow("publishable key creating")
            << QByteArray("POST") << u"/v1/payment_intents"_qs << kPublishable
            << u"secret_key_required"_qs << 403;
        QTest::newRow("publishable key refunding")
            << QByteArray("POST") << u"/v1/refunds"_qs << kPublishable << u"secret_key_required"_qs
            << 403;
        QTest::newRow("publishable key listing events")
            << QByteArray("GET") << u"/v1/events"_qs << kPublishable << u"secret_key_required"_qs
            << 403;
        QTest::newRow("wrong key reading") << QByteArray("GET") << u"/v1/events"_qs
                                           << QByteArray("sk_live_nope") << QString() << 401;
    }

    void refusesWrongKeys()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, key);
        QFETCH(QString, code);
        QFETCH(int, status);
        const HttpReply reply = call(method, path, {{u"amount"_qs, u"1000"_qs}}, key);
        QCOMPARE(reply.status, status);
        const QJsonObject error = errorOf(reply);
        QCOMPARE(str(error, "type"), u"invalid_request_error"_qs);
        QCOMPARE(str(error, "code"), code);
        QVERIFY(!str(error, "message").isEmpty());
        // The key itself is never echoed in full.
        if (key.size() > 12) {
            QVERIFY(!reply.body.contains(key));
        }
    }

    void refusesAPublishableKeyWithoutTheClientSecret()
    {
        const QJsonObject intent = createIntent();
        const QString path = u"/v1/payment_intents/"_qs + str(intent, "id");
        const HttpReply noSecret = get(path, {}, kPublishable);
        QCOMPARE(noSecret.status, 400);
        QCOMPARE(str(errorOf(noSecret), "param"), u"client_secret"_qs);
        QCOMPARE(str(errorOf(noSecret), "code"), u"parameter_missing"_qs);
        const HttpReply otherSecret =
            get(path, {{u"client_secret"_qs, str(createIntent(), "client_secret")}}, kPublishable);
        QCOMPARE(otherSecret.status, 400);
        QCOMPARE(str(errorOf(otherSecret), "param"), u"client_secret"_qs);
        // Confirming with another intent's secret changes nothing.
        Form form = card(u"4242424242424242"_qs);
        form.append({u"client_secret"_qs, str(createIntent(), "client_secret")});
        QCOMPARE(post(path + u"/confirm"_qs, form, kPublishable).status, 400);
        QCOMPARE(str(get(path).json(), "status"), u"requires_payment_method"_qs);
    }

    void answersUnknownIds()
    {
        for (const QString &path :
             {u"/v1/payment_intents/pi_nothing"_qs, u"/v1/refunds/re_nothing"_qs,
              u"/v1/events/evt_nothing"_qs, u"/v1/webhook_endpoints/we_nothing"_qs}) {
            const HttpReply reply = get(path);
            QCOMPARE(reply.status, 404);
            QCOMPARE(str(errorOf(reply), "type"), u"invalid_request_error"_qs);
            QCOMPARE(str(errorOf(reply), "code"), u"resource_missing"_qs);
            QVERIFY(str(errorOf(reply), "message").contains(path.section(u'/', -1)));
        }
        QCOMPARE(
            post(u"/v1/payment_intents/pi_nothing/confirm"_qs, card(u"4242424242424242"_qs)).status,
            404);
        QCOMPARE(post(u"/v1/payment_intents/pi_nothing/cancel"_qs).status, 404);
        QCOMPARE(post(u"/v1/refunds"_qs, {{u"payment_intent"_qs, u"pi_nothing"_qs}}).status, 404);
    }

    void confirmsWithTheSucceedingCard()
    {
        const QJsonObject intent = createIntent(2500);
        const HttpReply reply = confirmAsStripeJs(intent, u"4242 4242 4242 4242"_qs);
        QCOMPARE(reply.status, 200);
        const QJsonObject paid = reply.json();
        QCOMPARE(str(paid, "id"), str(intent, "id"));
        QCOMPARE(str(paid, "status"), u"succeeded"_qs);
        QCOMPARE(paid.value(u"amount_received"_qs).toInteger(), 2500);
        QVERIFY(str(paid, "latest_charge").startsWith(u"ch_"_qs));
        QVERIFY(str(paid, "payment_method").startsWith(u"pm_"_qs));
        QVERIFY(paid.value(u"last_payment_error"_qs).isNull());
        QCOMPARE(get(u"/v1/payment_intents/"_qs + str(intent, "id")).json(), paid);

        // A second confirm: Stripe's unexpected-state error; nothing changes.
        const HttpReply again = confirmAsStripeJs(intent, u"4242424242424242"_qs);
        QCOMPARE(again.status, 400);
        QCOMPARE(str(errorOf(again), "code"), u"payment_intent_unexpected_state"_qs);

        // A server-side confirm with one of Stripe's test PaymentMethods.
        const QJsonObject other = createIntent();
        const HttpReply byPm = post(u"/v1/payment_intents/%1/confirm"_qs.arg(str(other, "id")),
                                    {{u"payment_method"_qs, u"pm_card_visa"_qs}});
        QCOMPARE(byPm.status, 200);
        QCOMPARE(str(byPm.json(), "status"), u"succeeded"_qs);
    }

    void declinesTheDecliningCards_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("declineCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("generic decline") << u"4000000000000002"_qs << u"card_declined"_qs
                                         << u"generic_decline"_qs << u"Your card was declined."_qs;
        QTest::newRow("insufficient funds")
            << u"4000000000009995"_qs << u"card_declined"_qs << u"insufficient_funds"_qs
            << u"Your card has insufficient funds."_qs;
        QTest::newRow("expired card") << u"4000000000000069"_qs << u"expired_card"_qs
                                      << u"expired_card"_qs << u"Your card has expired."_qs;
    }

    void declinesTheDecliningCards()
    {
        QFETCH(QString, number);
        QFETCH(QString, code);
        QFETCH(QString, declineCode);
        QFETCH(QString, message);
        const QJsonObject intent = createIntent();
        const HttpReply reply = confirmAsStripeJs(intent, number);
        QCOMPARE(reply.status, 402);
        const QJsonObject error = errorOf(reply);
        QCOMPARE(str(error, "type"), u"card_error"_qs);
        QCOMPARE(str(error, "code"), code);
        QCOMPARE(str(error, "decline_code"), declineCode);
        QCOMPARE(str(error, "message"), message);
        QVERIFY(str(error, "charge").startsWith(u"ch_"_qs));
        QCOMPARE(str(error.value(u"payment_intent"_qs).toObject(), "status"),
                 u"requires_payment_method"_qs);

        // The intent waits for another card and shows the error; it can be confirmed again.
        const QJsonObject after = get(u"/v1/payment_intents/"_qs + str(intent, "id")).json();
        QCOMPARE(str(after, "status"), u"requires_payment_method"_qs);
        const QJsonObject last = after.value(u"last_payment_error"_qs).toObject();
        QCOMPARE(str(last, "code"), code);
        QCOMPARE(str(last, "decline_code"), declineCode);
        QCOMPARE(str(last, "message"), message);
        QCOMPARE(str(last, "type"), u"card_error"_qs);
        QCOMPARE(after.value(u"amount_received"_qs).toInteger(), 0);

        const HttpReply retry = confirmAsStripeJs(intent, u"4242424242424242"_qs);
        QCOMPARE(retry.status, 200);
        QCOMPARE(str(retry.json(), "status"), u"succeeded"_qs);
        QVERIFY(retry.json().value(u"last_payment_error"_qs).isNull());
    }

    void refusesInvalidCardData_data()
    {
        QTest::addColumn<Form>("form");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const int past = QDate::currentDate().year() - 1;
        QTest::newRow("luhn fails")
            << card(u"4242424242424241"_qs) << 402 << u"incorrect_number"_qs;
        QTest::newRow("too short") << card(u"42424242"_qs) << 402 << u"incorrect_number"_qs;
        QTest::newRow("letters") << card(u"4242abcd42424242"_qs) << 402 << u"incorrect_number"_qs;
        QTest::newRow("month 13") << card(u"4242424242424242"_qs, u"123"_qs, u"13"_qs) << 402
                                  << u"invalid_expiry_month"_qs;
        QTest::newRow("year in the past")
            << card(u"4242424242424242"_qs, u"123"_qs, u"12"_qs, QString::number(past)) << 402
            << u"invalid_expiry_year"_qs;
        QTest::newRow("two-digit year in the past")
            << card(u"4242424242424242"_qs, u"123"_qs, u"12"_qs, QString::number(past % 100)) << 402
            << u"invalid_expiry_year"_qs;
        QTest::newRow("short cvc")
            << card(u"4242424242424242"_qs, u"12"_qs) << 402 << u"invalid_cvc"_qs;
        QTest::newRow("cvc letters")
            << card(u"4242424242424242"_qs, u"12a"_qs) << 402 << u"invalid_cvc"_qs;
        QTest::newRow("no number") << Form {{u"payment_method_data[type]"_qs, u"card"_qs},
                                            {u"payment_method_data[card][exp_month]"_qs, u"12"_qs},
                                            {u"payment_method_data[card][exp_year]"_qs, nextYear()}}
                                   << 400 << u"parameter_missing"_qs;
        QTest::newRow("no type") << Form {{u"payment_method_data[card][number]"_qs, u"4242"_qs}}
                                 << 400 << u"parameter_missing"_qs;
        QTest::newRow("no payment method at all")
            << Form {} << 400 << u"payment_intent_unexpected_state"_qs;
        QTest::newRow("unknown test payment method")
            << Form {{u"payment_method"_qs, u"pm_nothing"_qs}} << 404 << u"resource_missing"_qs;
        QTest::newRow("unknown card field")
            << (card(u"4242424242424242"_qs)
                << std::pair {u"payment_method_data[card][pin]"_qs, u"1234"_qs})
            << 400 << u"parameter_unknown"_qs;
    }

    void refusesInvalidCardData()
    {
        QFETCH(Form, form);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QJsonObject intent = createIntent();
        const HttpReply reply =
            post(u"/v1/payment_intents/%1/confirm"_qs.arg(str(intent, "id")), form);
        QCOMPARE(reply.status, status);
        QCOMPARE(str(errorOf(reply), "type"),
                 status == 402 ? u"card_error"_qs : u"invalid_request_error"_qs);
        QCOMPARE(str(errorOf(reply), "code"), code);
        const QJsonObject after = get(u"/v1/payment_intents/"_qs + str(intent, "id")).json();
        QCOMPARE(str(after, "status"), u"requires_payment_method"_qs);
        QCOMPARE(after.value(u"amount_received"_qs).toInteger(), 0);
    }

    void cancels()
    {
        const QJsonObject intent = createIntent();
        const QString path = u"/v1/payment_intents/%1/cancel"_qs.arg(str(intent, "id"));
        const HttpReply bad = post(path, {{u"cancellation_reason"_qs, u"bored"_qs}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(str(errorOf(bad), "param"), u"cancellation_reason"_qs);
        const HttpReply byPublishable = post(path, {}, kPublishable);
        QCOMPARE(byPublishable.status, 403);

        const HttpReply reply = post(path, {{u"cancellation_reason"_qs, u"abandoned"_qs}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(str(reply.json(), "status"), u"canceled"_qs);
        QCOMPARE(str(reply.json(), "cancellation_reason"), u"abandoned"_qs);
        QVERIFY(reply.json().value(u"canceled_at"_qs).toInteger() > 0);

        const HttpReply twice = post(path);
        QCOMPARE(twice.status, 400);
        QCOMPARE(str(errorOf(twice), "code"), u"payment_intent_unexpected_state"_qs);
        const HttpReply confirm = confirmAsStripeJs(intent, u"4242424242424242"_qs);
        QCOMPARE(confirm.status, 400);
        QCOMPARE(str(errorOf(confirm), "code"), u"payment_intent_unexpected_state"_qs);

        // A succeeded intent cannot be canceled.
        const QJsonObject paid = paidIntent();
        const HttpReply late = post(u"/v1/payment_intents/%1/cancel"_qs.arg(str(paid, "id")));
        QCOMPARE(late.status, 400);
        QCOMPARE(str(errorOf(late), "code"), u"payment_intent_unexpected_state"_qs);
    }

    // ---- Refunds ------------------------------------------------------------------------------

    void refundsPartlyThenTheRest()
    {
        const QJsonObject paid = paidIntent(1588);
        const QString pi = str(paid, "id");
        const HttpReply partial = post(u"/v1/refunds"_qs,
                                       {{u"payment_intent"_qs, pi},
                                        {u"amount"_qs, u"500"_qs},
                                        {u"reason"_qs, u"requested_by_customer"_qs},
                                        {u"metadata[refund_id]"_qs, u"r-1"_qs}});
        QCOMPARE(partial.status, 200);
        const QJsonObject refund = partial.json();
        QVERIFY(str(refund, "id").startsWith(u"re_"_qs));
        QCOMPARE(str(refund, "object"), u"refund"_qs);
        QCOMPARE(refund.value(u"amount"_qs).toInteger(), 500);
        QCOMPARE(str(refund, "currency"), u"usd"_qs);
        QCOMPARE(str(refund, "status"), u"succeeded"_qs);
        QCOMPARE(str(refund, "payment_intent"), pi);
        QCOMPARE(str(refund, "charge"), str(paid, "latest_charge"));
        QCOMPARE(str(refund, "reason"), u"requested_by_customer"_qs);
        QCOMPARE(refund.value(u"metadata"_qs).toObject(),
                 (QJsonObject {{u"refund_id"_qs, u"r-1"_qs}}));
        QCOMPARE(get(u"/v1/refunds/"_qs + str(refund, "id")).json(), refund);

        // More than is left: amount_too_large; nothing changes.
        const HttpReply over =
            post(u"/v1/refunds"_qs, {{u"payment_intent"_qs, pi}, {u"amount"_qs, u"1089"_qs}});
        QCOMPARE(over.status, 400);
        QCOMPARE(str(errorOf(over), "type"), u"invalid_request_error"_qs);
        QCOMPARE(str(errorOf(over), "code"), u"amount_too_large"_qs);
        QCOMPARE(str(errorOf(over), "param"), u"amount"_qs);

        // Without an amount: what is left.
        const HttpReply rest = post(u"/v1/refunds"_qs, {{u"payment_intent"_qs, pi}});
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json().value(u"amount"_qs).toInteger(), 1088);
        QVERIFY(rest.json().value(u"reason"_qs).isNull());

        // Nothing left: charge_already_refunded.
        const HttpReply nothing =
            post(u"/v1/refunds"_qs, {{u"payment_intent"_qs, pi}, {u"amount"_qs, u"1"_qs}});
        QCOMPARE(nothing.status, 400);
        QCOMPARE(str(errorOf(nothing), "code"), u"charge_already_refunded"_qs);
    }

    void refusesBadRefunds_data()
    {
        QTest::addColumn<QString>("which"); // "paid", "unpaid"
        QTest::addColumn<Form>("form");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");
        QTest::newRow("zero") << u"paid"_qs << Form {{u"amount"_qs, u"0"_qs}} << 400
                              << u"parameter_invalid_integer"_qs << u"amount"_qs;
        QTest::newRow("negative") << u"paid"_qs << Form {{u"amount"_qs, u"-10"_qs}} << 400
                                  << u"parameter_invalid_integer"_qs << u"amount"_qs;
        QTest::newRow("not a number") << u"paid"_qs << Form {{u"amount"_qs, u"ten"_qs}} << 400
                                      << u"parameter_invalid_integer"_qs << u"amount"_qs;
        QTest::newRow("over the total") << u"paid"_qs << Form {{u"amount"_qs, u"1589"_qs}} << 400
                                        << u"amount_too_large"_qs << u"amount"_qs;
        QTest::newRow("bad reason") << u"paid"_qs << Form {{u"reason"_qs, u"because"_qs}} << 400
                                    << QString() << u"reason"_qs;
        QTest::newRow("unknown parameter") << u"paid"_qs << Form {{u"colour"_qs, u"x"_qs}} << 400
                                           << u"parameter_unknown"_qs << u"colour"_qs;
        QTest::newRow("not paid") << u"unpaid"_qs << Form {} << 400 << QString()
                                  << u"payment_intent"_qs;
        QTest::newRow("no intent") << u"none"_qs << Form {} << 400 << QString() << QString();
    }

    void refusesBadRefunds()
    {
        QFETCH(QString, which);
        QFETCH(Form, form);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, param);
        if (which == u"paid"_qs) {
            form.append({u"payment_intent"_qs, str(paidIntent(1588), "id")});
        } else if (which == u"unpaid"_qs) {
            form.append({u"payment_intent"_qs, str(createIntent(1588), "id")});
        }
        const HttpReply reply = post(u"/v1/refunds"_qs, form);
        QCOMPARE(reply.status, status);
        QCOMPARE(str(errorOf(reply), "type"), u"invalid_request_error"_qs);
        QCOMPARE(str(errorOf(reply), "code"), code);
        QCOMPARE(str(errorOf(reply), "param"), param);
    }

    // ---- Events -------------------------------------------------------------------------------

    void listsAndRetrievesEvents()
    {
        const QJsonObject intent = createIntent();
        QCOMPARE(confirmAsStripeJs(intent, u"4000000000000002"_qs).status, 402);
        QCOMPARE(confirmAsStripeJs(intent, u"4242424242424242"_qs).status, 200);
        QCOMPARE(post(u"/v1/refunds"_qs,
                      {{u"payment_intent"_qs, str(intent, "id")}, {u"amount"_qs, u"100"_qs}})
                     .status,
                 200);

        const HttpReply list = get(u"/v1/events"_qs, {{u"limit"_qs, u"7"_qs}});
        QCOMPARE(list.status, 200);
        QCOMPARE(str(list.json(), "object"), u"list"_qs);
        QCOMPARE(str(list.json(), "url"), u"/v1/events"_qs);
        QCOMPARE(list.json().value(u"has_more"_qs).toBool(), true);
        const QJsonArray data = list.json().value(u"data"_qs).toArray();
        QCOMPARE(data.size(), 7);
        QStringList types;
        for (const QJsonValue &value : data) {
            types.append(str(value.toObject(), "type"));
        }
        // Newest first.
        QCOMPARE(types,
                 (QStringList {u"refund.created"_qs, u"charge.refunded"_qs,
                               u"payment_intent.succeeded"_qs, u"charge.succeeded"_qs,
                               u"payment_intent.payment_failed"_qs, u"charge.failed"_qs,
                               u"payment_intent.created"_qs}));
        const QJsonObject succeeded = data.at(2).toObject();
        QVERIFY(str(succeeded, "id").startsWith(u"evt_"_qs));
        QCOMPARE(str(succeeded, "object"), u"event"_qs);
        QCOMPARE(str(succeeded, "api_version"), u"2024-06-20"_qs);
        QCOMPARE(succeeded.value(u"livemode"_qs), QJsonValue(false));
        QVERIFY(succeeded.value(u"created"_qs).toInteger() > 0);
        QVERIFY(succeeded.value(u"pending_webhooks"_qs).isDouble());
        QVERIFY(str(succeeded.value(u"request"_qs).toObject(), "id").startsWith(u"req_"_qs));
        const QJsonObject object =
            succeeded.value(u"data"_qs).toObject().value(u"object"_qs).toObject();
        QCOMPARE(str(object, "id"), str(intent, "id"));
        QCOMPARE(str(object, "status"), u"succeeded"_qs);
        const QJsonObject refunded =
            data.at(1).toObject().value(u"data"_qs).toObject().value(u"object"_qs).toObject();
        QCOMPARE(str(refunded, "object"), u"charge"_qs);
        QCOMPARE(str(refunded, "payment_intent"), str(intent, "id"));
        QCOMPARE(refunded.value(u"amount_refunded"_qs).toInteger(), 100);
        QCOMPARE(refunded.value(u"refunds"_qs).toObject().value(u"data"_qs).toArray().size(), 1);

        // Retrieve one; page on with starting_after; filter by type.
        QCOMPARE(get(u"/v1/events/"_qs + str(succeeded, "id")).json(), succeeded);
        const HttpReply next =
            get(u"/v1/events"_qs,
                {{u"limit"_qs, u"2"_qs}, {u"starting_after"_qs, str(succeeded, "id")}});
        QCOMPARE(next.status, 200);
        const QJsonArray page = next.json().value(u"data"_qs).toArray();
        QCOMPARE(page.size(), 2);
        QCOMPARE(str(page.at(0).toObject(), "id"), str(data.at(3).toObject(), "id"));
        QCOMPARE(str(page.at(1).toObject(), "id"), str(data.at(4).toObject(), "id"));
        const HttpReply before =
            get(u"/v1/events"_qs,
                {{u"limit"_qs, u"2"_qs}, {u"ending_before"_qs, str(succeeded, "id")}});
        QCOMPARE(before.status, 200);
        const QJsonArray newer = before.json().value(u"data"_qs).toArray();
        QCOMPARE(newer.size(), 2);
        QCOMPARE(str(newer.at(0).toObject(), "id"), str(data.at(0).toObject(), "id"));
        QCOMPARE(str(newer.at(1).toObject(), "id"), str(data.at(1).toObject(), "id"));
        const HttpReply failed =
            get(u"/v1/events"_qs,
                {{u"type"_qs, u"payment_intent.payment_failed"_qs}, {u"limit"_qs, u"100"_qs}});
        for (const QJsonValue &value : failed.json().value(u"data"_qs).toArray()) {
            QCOMPARE(str(value.toObject(), "type"), u"payment_intent.payment_failed"_qs);
        }
        QVERIFY(!failed.json().value(u"data"_qs).toArray().isEmpty());

        for (const QString &limit : {u"0"_qs, u"101"_qs, u"x"_qs}) {
            const HttpReply bad = get(u"/v1/events"_qs, {{u"limit"_qs, limit}});
            QCOMPARE(bad.status, 400);
            QCOMPARE(str(errorOf(bad), "param"), u"limit"_qs);
        }
        QCOMPARE(get(u"/v1/events"_qs, {{u"starting_after"_qs, u"evt_nothing"_qs}}).status, 404);
    }

    // ---- Webhook endpoints --------------------------------------------------------------------

    void createsWebhookEndpoints()
    {
        const HttpReply reply = post(u"/v1/webhook_endpoints"_qs,
                                     {{u"url"_qs, u"http://127.0.0.1:9/hook"_qs},
                                      {u"enabled_events[]"_qs, u"payment_intent.succeeded"_qs},
                                      {u"enabled_events[]"_qs, u"charge.refunded"_qs},
                                      {u"description"_qs, u"unit"_qs}});
        QCOMPARE(reply.status, 200);
        const QJsonObject endpoint = reply.json();
        QVERIFY(str(endpoint, "id").startsWith(u"we_"_qs));
        QCOMPARE(str(endpoint, "object"), u"webhook_endpoint"_qs);
        QCOMPARE(str(endpoint, "secret"), QString::fromLatin1(kWebhookSecret));
        QCOMPARE(str(endpoint, "status"), u"enabled"_qs);
        QCOMPARE(str(endpoint, "url"), u"http://127.0.0.1:9/hook"_qs);
        QCOMPARE(endpoint.value(u"enabled_events"_qs).toArray(),
                 (QJsonArray {u"payment_intent.succeeded"_qs, u"charge.refunded"_qs}));
        // Retrieve does not show the secret; delete removes it.
        const HttpReply again = get(u"/v1/webhook_endpoints/"_qs + str(endpoint, "id"));
        QCOMPARE(again.status, 200);
        QVERIFY(!again.json().contains(u"secret"_qs));
        const HttpReply removed =
            call("DELETE", u"/v1/webhook_endpoints/"_qs + str(endpoint, "id"));
        QCOMPARE(removed.status, 200);
        QCOMPARE(removed.json().value(u"deleted"_qs).toBool(), true);
        QCOMPARE(get(u"/v1/webhook_endpoints/"_qs + str(endpoint, "id")).status, 404);
    }

    void refusesBadWebhookEndpoints_data()
    {
        QTest::addColumn<Form>("form");
        QTest::addColumn<QString>("param");
        const std::pair<QString, QString> all {u"enabled_events[]"_qs, u"*"_qs};
        QTest::newRow("no url") << Form {all} << u"url"_qs;
        QTest::newRow("not a url") << Form {{u"url"_qs, u"hook"_qs}, all} << u"url"_qs;
        QTest::newRow("ftp") << Form {{u"url"_qs, u"ftp://example.org/x"_qs}, all} << u"url"_qs;
        QTest::newRow("no events")
            << Form {{u"url"_qs, u"http://127.0.0.1:9/x"_qs}} << u"enabled_events"_qs;
        QTest::newRow("unknown event") << Form {{u"url"_qs, u"http://127.0.0.1:9/x"_qs},
                                                {u"enabled_events[0]"_qs, u"charge.exploded"_qs}}
                                       << u"enabled_events[0]"_qs;
    }

    void refusesBadWebhookEndpoints()
    {
        QFETCH(Form, form);
        QFETCH(QString, param);
        const HttpReply reply = post(u"/v1/webhook_endpoints"_qs, form);
        QCOMPARE(reply.status, 400);
        QCOMPARE(str(errorOf(reply), "type"), u"invalid_request_error"_qs);
        QCOMPARE(str(errorOf(reply), "param"), param);
    }

    // ---- Idempotency keys ---------------------------------------------------------------------

    void replaysTheSameKeyAndParameters()
    {
        const Form form {{u"amount"_qs, u"1588"_qs},
                         {u"currency"_qs, u"usd"_qs},
                         {u"metadata[order_id]"_qs, u"idem-1"_qs}};
        const HttpReply first = post(u"/v1/payment_intents"_qs, form, kSecret, "order-idem-1");
        QCOMPARE(first.status, 200);
        QVERIFY(first.header("idempotent-replayed").isEmpty());
        // The same parameters in another order are the same parameters.
        const Form reordered {form.at(2), form.at(0), form.at(1)};
        const HttpReply second =
            post(u"/v1/payment_intents"_qs, reordered, kSecret, "order-idem-1");
        QCOMPARE(second.status, 200);
        QCOMPARE(second.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(second.json(), first.json());

        // Other parameters: idempotency_error; another endpoint: idempotency_error.
        const HttpReply other = post(u"/v1/payment_intents"_qs,
                                     {{u"amount"_qs, u"1589"_qs}, {u"currency"_qs, u"usd"_qs}},
                                     kSecret, "order-idem-1");
        QCOMPARE(other.status, 400);
        QCOMPARE(str(errorOf(other), "type"), u"idempotency_error"_qs);
        const HttpReply elsewhere =
            post(u"/v1/refunds"_qs, {{u"payment_intent"_qs, str(first.json(), "id")}}, kSecret,
                 "order-idem-1");
        QCOMPARE(elsewhere.status, 400);
        QCOMPARE(str(errorOf(elsewhere), "type"), u"idempotency_error"_qs);

        // A refund replayed: one refund only.
        const QJsonObject paid = paidIntent(2000);
        const Form refund {{u"payment_intent"_qs, str(paid, "id")}, {u"amount"_qs, u"700"_qs}};
        const HttpReply r1 = post(u"/v1/refunds"_qs, refund, kSecret, "refund-idem-1");
        const HttpReply r2 = post(u"/v1/refunds"_qs, refund, kSecret, "refund-idem-1");
        QCOMPARE(r1.status, 200);
        QCOMPARE(r2.status, 200);
        QCOMPARE(str(r2.json(), "id"), str(r1.json(), "id"));
        const HttpReply r3 = post(u"/v1/refunds"_qs, refund, kSecret, "refund-idem-2");
        QCOMPARE(r3.status, 200);
        QVERIFY(str(r3.json(), "id") != str(r1.json(), "id"));
        const HttpReply r4 = post(u"/v1/refunds"_qs, refund, kSecret, "refund-idem-3");
        QCOMPARE(r4.status, 400); // 2000 - 700 - 700 = 600 left
        QCOMPARE(str(errorOf(r4), "code"), u"amount_too_large"_qs);
    }

    void keepsExecutedErrorsButNotValidationErrors()
    {
        // A parameter error is not kept: the corrected request with the same key executes.
        const HttpReply bad =
            post(u"/v1/payment_intents"_qs, {{u"amount"_qs, u"1588"_qs}}, kSecret, "fix-me-1");
        QCOMPARE(bad.status, 400);
        const HttpReply fixed =
            post(u"/v1/payment_intents"_qs,
                 {{u"amount"_qs, u"1588"_qs}, {u"currency"_qs, u"usd"_qs}}, kSecret, "fix-me-1");
        QCOMPARE(fixed.status, 200);
        QVERIFY(fixed.header("idempotent-replayed").isEmpty());

        // A decline executed: replayed as it was (402), not charged again.
        const QJsonObject intent = createIntent();
        const QString path = u"/v1/payment_intents/%1/confirm"_qs.arg(str(intent, "id"));
        const HttpReply declined =
            post(path, card(u"4000000000000002"_qs), kSecret, "confirm-decline-1");
        QCOMPARE(declined.status, 402);
        const HttpReply replayed =
            post(path, card(u"4000000000000002"_qs), kSecret, "confirm-decline-1");
        QCOMPARE(replayed.status, 402);
        QCOMPARE(replayed.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replayed.body, declined.body);

        // An injected outage is not kept either: the retry with the same key executes once.
        QCOMPARE(m_server
                     ->request("POST", "/api/stripe/failures",
                               {{"Content-Type", "application/json"}},
                               R"({"count": 1, "status": 500})")
                     .status,
                 204);
        const Form form {{u"amount"_qs, u"700"_qs}, {u"currency"_qs, u"eur"_qs}};
        const HttpReply outage = post(u"/v1/payment_intents"_qs, form, kSecret, "retry-me-1");
        QCOMPARE(outage.status, 500);
        QCOMPARE(str(errorOf(outage), "type"), u"api_error"_qs);
        const HttpReply retried = post(u"/v1/payment_intents"_qs, form, kSecret, "retry-me-1");
        QCOMPARE(retried.status, 200);
        const HttpReply replay = post(u"/v1/payment_intents"_qs, form, kSecret, "retry-me-1");
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(str(replay.json(), "id"), str(retried.json(), "id"));

        QCOMPARE(post(u"/v1/payment_intents"_qs, form, kSecret, QByteArray(256, 'k')).status, 400);
    }

    void refusesAKeyInUse()
    {
        // The first request holds the key for 1.5 s; the second arrives meanwhile: 409.
        QCOMPARE(m_server
                     ->request("POST", "/api/stripe/failures",
                               {{"Content-Type", "application/json"}},
                               R"({"count": 1, "delay_ms": 1500})")
                     .status,
                 204);
        const Form form {{u"amount"_qs, u"1000"_qs}, {u"currency"_qs, u"usd"_qs}};
        HttpReply first;
        std::unique_ptr<QThread> thread(QThread::create(
            [&] { first = post(u"/v1/payment_intents"_qs, form, kSecret, "concurrent-1"); }));
        thread->start();
        QTest::qWait(400);
        const HttpReply second = post(u"/v1/payment_intents"_qs, form, kSecret, "concurrent-1");
        QVERIFY(thread->wait(kTimeoutMs));
        QCOMPARE(second.status, 409);
        QCOMPARE(str(errorOf(second), "type"), u"invalid_request_error"_qs);
        QCOMPARE(str(errorOf(second), "code"), u"idempotency_key_in_use"_qs);
        QCOMPARE(first.status, 200);
        const HttpReply third = post(u"/v1/payment_intents"_qs, form, kSecret, "concurrent-1");
        QCOMPARE(third.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(str(third.json(), "id"), str(first.json(), "id"));
    }

    void staysConsistentUnderConcurrentUse()
    {
        // 6 threads × 10 intents, each confirmed and half refunded: unique ids, exact amounts.
        constexpr int kThreads = 6;
        constexpr int kEach = 10;
        QMutex mutex;
        QSet<QString> ids;
        int failures = 0;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    const QJsonObject intent = createIntent(1000 + i, u"t%1-%2"_qs.arg(t).arg(i));
                    const HttpReply paid = confirmAsStripeJs(intent, u"4242424242424242"_qs);
                    const HttpReply refund = post(
                        u"/v1/refunds"_qs,
                        {{u"payment_intent"_qs, str(intent, "id")}, {u"amount"_qs, u"500"_qs}});
                    const QMutexLocker lock(&mutex);
                    ids.insert(str(intent, "id"));
                    if (paid.status != 200 || refund.status != 200) {
                        ++failures;
                    }
                }
            }));
            threads.back()->start();
        }
        for (auto &thread : threads) {
            QVERIFY(thread->wait(120000));
        }
        QCOMPARE(failures, 0);
        QCOMPARE(ids.size(), kThreads * kEach);
    }

    // ---- Webhook delivery ---------------------------------------------------------------------

    void deliversSignedEventsInOrder()
    {
        Receiver receiver;
        QVERIFY(receiver.server->isRunning());
        const QString endpoint = registerEndpoint(receiver);

        const QJsonObject paid = paidIntent(1588);
        const QString pi = str(paid, "id");
        const QJsonObject declinedIntent = createIntent(999);
        QCOMPARE(confirmAsStripeJs(declinedIntent, u"4000000000000002"_qs).status, 402);
        QCOMPARE(
            post(u"/v1/refunds"_qs, {{u"payment_intent"_qs, pi}, {u"amount"_qs, u"88"_qs}}).status,
            200);

        const auto typesFor = [&receiver](const QString &intentId) {
            QStringList types;
            for (const QJsonObject &event : receiver.accepted()) {
                const QJsonObject object =
                    event.value(u"data"_qs).toObject().value(u"object"_qs).toObject();
                const QString owner = str(object, "object") == u"payment_intent"_qs
                    ? str(object, "id")
                    : str(object, "payment_intent");
                if (owner == intentId) {
                    types.append(str(event, "type"));
                }
            }
            return types;
        };
        QTRY_COMPARE_WITH_TIMEOUT(typesFor(pi).size(), 5, kTimeoutMs);
        // One intent's events arrive in the order they happened.
        QCOMPARE(typesFor(pi),
                 (QStringList {u"payment_intent.created"_qs, u"charge.succeeded"_qs,
                               u"payment_intent.succeeded"_qs, u"charge.refunded"_qs,
                               u"refund.created"_qs}));
        QTRY_COMPARE_WITH_TIMEOUT(typesFor(str(declinedIntent, "id")).size(), 3, kTimeoutMs);
        QCOMPARE(typesFor(str(declinedIntent, "id")),
                 (QStringList {u"payment_intent.created"_qs, u"charge.failed"_qs,
                               u"payment_intent.payment_failed"_qs}));

        // Every delivery is signed as Stripe signs, with a current timestamp.
        for (const Receiver::Hit &hit : receiver.all()) {
            qint64 t = 0;
            QVERIFY2(signatureValid(hit.signature, hit.body, kWebhookSecret, &t),
                     hit.signature.constData());
            QVERIFY(qAbs(QDateTime::currentSecsSinceEpoch() - t) < 300);
            QVERIFY(!signatureValid(hit.signature, hit.body + ' ', kWebhookSecret));
            QVERIFY(!signatureValid(hit.signature, hit.body, "whsec_other"));
        }
        // The bodies are the events as the API shows them.
        for (const QJsonObject &event : receiver.accepted()) {
            QCOMPARE(get(u"/v1/events/"_qs + str(event, "id")).json(), event);
            if (str(event, "type") == u"payment_intent.succeeded"_qs) {
                const QJsonObject object =
                    event.value(u"data"_qs).toObject().value(u"object"_qs).toObject();
                QCOMPARE(str(object, "status"), u"succeeded"_qs);
                QCOMPARE(object.value(u"amount_received"_qs).toInteger(), 1588);
                QCOMPARE(event.value(u"pending_webhooks"_qs).toInt(), 1);
            } else if (str(event, "type") == u"payment_intent.payment_failed"_qs) {
                const QJsonObject error = event.value(u"data"_qs)
                                              .toObject()
                                              .value(u"object"_qs)
                                              .toObject()
                                              .value(u"last_payment_error"_qs)
                                              .toObject();
                QCOMPARE(str(error, "code"), u"card_declined"_qs);
                QCOMPARE(str(error, "decline_code"), u"generic_decline"_qs);
            } else if (str(event, "type") == u"charge.refunded"_qs) {
                const QJsonObject charge =
                    event.value(u"data"_qs).toObject().value(u"object"_qs).toObject();
                QCOMPARE(charge.value(u"amount_refunded"_qs).toInteger(), 88);
                QCOMPARE(str(charge, "payment_intent"), pi);
                QCOMPARE(charge.value(u"refunds"_qs).toObject().value(u"data"_qs).toArray().size(),
                         1);
            }
        }
        QVERIFY(receiver.all().at(0).body.size() > 0);
        removeEndpoint(endpoint);
    }

    void retriesAfterAFailure()
    {
        Receiver receiver;
        receiver.reset(2); // two 500s, then 200
        const QString endpoint = registerEndpoint(receiver, u"payment_intent.succeeded"_qs);
        QCOMPARE(m_server->request("DELETE", "/api/stripe/deliveries").status, 204);

        const QJsonObject paid = paidIntent();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.accepted().size(), 1, kTimeoutMs);
        const QList<Receiver::Hit> hits = receiver.all();
        QCOMPARE(hits.size(), 3);
        QCOMPARE(hits.at(0).answered, 500);
        QCOMPARE(hits.at(1).answered, 500);
        QCOMPARE(hits.at(2).answered, 200);
        QCOMPARE(hits.at(2).body, hits.at(0).body); // the same event, signed afresh
        for (const Receiver::Hit &hit : hits) {
            QVERIFY(signatureValid(hit.signature, hit.body, kWebhookSecret));
        }
        QCOMPARE(str(receiver.accepted().at(0), "type"), u"payment_intent.succeeded"_qs);

        // Each attempt is listed, newest first.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_server->get("/api/stripe/deliveries").json().value(u"deliveries"_qs).toArray().size(),
            3, kTimeoutMs);
        const QJsonArray attempts =
            m_server->get("/api/stripe/deliveries").json().value(u"deliveries"_qs).toArray();
        QCOMPARE(attempts.at(0).toObject().value(u"status"_qs).toInt(), 200);
        QCOMPARE(attempts.at(0).toObject().value(u"attempt"_qs).toInt(), 3);
        QCOMPARE(attempts.at(0).toObject().value(u"final"_qs).toBool(), true);
        QCOMPARE(attempts.at(2).toObject().value(u"status"_qs).toInt(), 500);
        QCOMPARE(attempts.at(2).toObject().value(u"attempt"_qs).toInt(), 1);
        QCOMPARE(attempts.at(2).toObject().value(u"final"_qs).toBool(), false);
        removeEndpoint(endpoint);
    }

    void givesUpAfterTheLastAttempt()
    {
        Receiver receiver;
        receiver.reset(100);
        const QString endpoint = registerEndpoint(receiver, u"payment_intent.canceled"_qs);
        QCOMPARE(m_server->request("DELETE", "/api/stripe/deliveries").status, 204);
        const QJsonObject intent = createIntent();
        QCOMPARE(post(u"/v1/payment_intents/%1/cancel"_qs.arg(str(intent, "id"))).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.all().size(), 4, kTimeoutMs); // maxAttempts
        QTRY_VERIFY_WITH_TIMEOUT(m_server->get("/api/stripe/deliveries")
                                     .json()
                                     .value(u"deliveries"_qs)
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(u"final"_qs)
                                     .toBool(),
                                 kTimeoutMs);
        QTest::qWait(1000);
        QCOMPARE(receiver.all().size(), 4);
        removeEndpoint(endpoint);

        // An endpoint that does not answer at all: attempts without a status.
        const HttpReply dead = post(u"/v1/webhook_endpoints"_qs,
                                    {{u"url"_qs, u"http://127.0.0.1:%1/hook"_qs.arg(closedPort())},
                                     {u"enabled_events[]"_qs, u"payment_intent.canceled"_qs}});
        QCOMPARE(dead.status, 200);
        QCOMPARE(m_server->request("DELETE", "/api/stripe/deliveries").status, 204);
        QCOMPARE(post(u"/v1/payment_intents/%1/cancel"_qs.arg(str(createIntent(), "id"))).status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->get("/api/stripe/deliveries")
                                      .json()
                                      .value(u"deliveries"_qs)
                                      .toArray()
                                      .isEmpty(),
                                 kTimeoutMs);
        const QJsonObject attempt = m_server->get("/api/stripe/deliveries")
                                        .json()
                                        .value(u"deliveries"_qs)
                                        .toArray()
                                        .at(0)
                                        .toObject();
        QCOMPARE(attempt.value(u"status"_qs).toInt(), 0);
        QVERIFY(!str(attempt, "error").isEmpty());
        removeEndpoint(str(dead.json(), "id"));
    }

    void switchesDuplicateStaleAndResend()
    {
        Receiver receiver;
        const QString endpoint = registerEndpoint(receiver, u"payment_intent.succeeded"_qs);
        const auto setSwitch = [this](const QByteArray &json) {
            return m_server
                ->request("POST", "/api/stripe/webhook-switches",
                          {{"Content-Type", "application/json"}}, json)
                .status;
        };
        QCOMPARE(setSwitch(R"({"count": 0})"), 422);
        QCOMPARE(setSwitch(R"({"duplicate": "yes"})"), 422);
        QCOMPARE(setSwitch(R"({})"), 422);

        // Delivered twice.
        QCOMPARE(setSwitch(R"({"duplicate": true})"), 204);
        paidIntent();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.accepted().size(), 2, kTimeoutMs);
        QCOMPARE(str(receiver.accepted().at(0), "id"), str(receiver.accepted().at(1), "id"));

        // Signed with a timestamp ten minutes old (still a valid HMAC).
        receiver.reset();
        QCOMPARE(setSwitch(R"({"stale_seconds": 600})"), 204);
        paidIntent();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.all().size(), 1, kTimeoutMs);
        qint64 t = 0;
        QVERIFY(signatureValid(receiver.all().at(0).signature, receiver.all().at(0).body,
                               kWebhookSecret, &t));
        QVERIFY(QDateTime::currentSecsSinceEpoch() - t >= 590);

        // Late: delayed by a second.
        receiver.reset();
        QCOMPARE(setSwitch(R"({"delay_ms": 1000})"), 204);
        QElapsedTimer clock;
        clock.start();
        paidIntent();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.all().size(), 1, kTimeoutMs);
        QVERIFY(clock.elapsed() >= 900);

        // Out of order: the decline's event held back until the success's has gone.
        removeEndpoint(endpoint);
        const QString both = registerEndpoint(receiver, u"payment_intent.payment_failed"_qs,
                                              u"payment_intent.succeeded"_qs);
        receiver.reset();
        QCOMPARE(setSwitch(R"({"reorder": true})"), 204);
        const QJsonObject intent = createIntent();
        QCOMPARE(confirmAsStripeJs(intent, u"4000000000000002"_qs).status, 402);
        QTest::qWait(500);
        QCOMPARE(receiver.all().size(), 0); // held
        QCOMPARE(confirmAsStripeJs(intent, u"4242424242424242"_qs).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.accepted().size(), 2, kTimeoutMs);
        QCOMPARE(str(receiver.accepted().at(0), "type"), u"payment_intent.succeeded"_qs);
        QCOMPARE(str(receiver.accepted().at(1), "type"), u"payment_intent.payment_failed"_qs);
        // Resetting delivers whatever is still held.
        receiver.reset();
        QCOMPARE(setSwitch(R"({"reorder": true})"), 204);
        const QJsonObject third = createIntent();
        QCOMPARE(confirmAsStripeJs(third, u"4242424242424242"_qs).status, 200);
        QTest::qWait(300);
        QCOMPARE(receiver.all().size(), 0);
        QCOMPARE(m_server->request("DELETE", "/api/stripe/webhook-switches").status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.accepted().size(), 1, kTimeoutMs);
        removeEndpoint(both);
        const QString endpointAgain = registerEndpoint(receiver, u"payment_intent.succeeded"_qs);

        // Resent on request.
        const QString id = str(receiver.accepted().at(0), "id");
        receiver.reset();
        QCOMPARE(
            m_server
                ->request("POST", QString(u"/api/stripe/events/"_qs + id + u"/resend"_qs).toUtf8())
                .status,
            204);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.accepted().size(), 1, kTimeoutMs);
        QCOMPARE(str(receiver.accepted().at(0), "id"), id);
        QCOMPARE(m_server->request("POST", "/api/stripe/events/evt_nothing/resend").status, 404);
        removeEndpoint(endpointAgain);
    }

    // The real executable's Stripe options: bad ones refused; keys, webhook URL and secret from
    // the command line or the environment.
    void binaryTakesTheStripeOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("secret key without sk_")
            << QStringList {u"--stripe-secret-key"_qs, u"pk_x"_qs};
        QTest::newRow("publishable key without pk_")
            << QStringList {u"--stripe-publishable-key"_qs, u"sk_x"_qs};
        QTest::newRow("webhook secret without whsec_")
            << QStringList {u"--stripe-webhook-secret"_qs, u"secret"_qs};
        QTest::newRow("webhook url not http")
            << QStringList {u"--stripe-webhook-url"_qs, u"ftp://example.org/"_qs};
        QTest::newRow("webhook url not a url")
            << QStringList {u"--stripe-webhook-url"_qs, u"hook"_qs};
        QTest::newRow("retry not a number")
            << QStringList {u"--stripe-webhook-retry-ms"_qs, u"soon"_qs};
        QTest::newRow("no attempts") << QStringList {u"--stripe-webhook-attempts"_qs, u"0"_qs};
    }

    void binaryTakesTheStripeOptions()
    {
        QFETCH(QStringList, arguments);
        QProcess bad;
        bad.start(QStringLiteral(SHOP_SANDBOX_BINARY), arguments);
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
    }

    void binaryDeliversToTheConfiguredEndpoint_data()
    {
        QTest::addColumn<bool>("fromEnvironment");
        QTest::newRow("options") << false;
        QTest::newRow("environment") << true;
    }

    void binaryDeliversToTheConfiguredEndpoint()
    {
        QFETCH(bool, fromEnvironment);
        Receiver receiver;
        const QString url = receiver.server->url(u"/hook"_qs);
        QProcess process;
        QStringList arguments {u"--port"_qs, u"0"_qs};
        if (fromEnvironment) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"SHOP_SANDBOX_STRIPE_SECRET_KEY"_qs, u"sk_test_bin"_qs);
            environment.insert(u"SHOP_SANDBOX_STRIPE_WEBHOOK_URL"_qs, url);
            environment.insert(u"SHOP_SANDBOX_STRIPE_WEBHOOK_SECRET"_qs, u"whsec_bin"_qs);
            process.setProcessEnvironment(environment);
        } else {
            arguments << u"--stripe-secret-key"_qs << u"sk_test_bin"_qs
                      << u"--stripe-webhook-url"_qs << url << u"--stripe-webhook-secret"_qs
                      << u"whsec_bin"_qs;
        }
        process.start(QStringLiteral(SHOP_SANDBOX_BINARY), arguments);
        QVERIFY(process.waitForStarted(30000));
        QByteArray output;
        static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_qs);
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((output += process.readAllStandardOutput(),
                                  (match = listening.match(QString::fromUtf8(output))).hasMatch()),
                                 30000);
        const quint16 port = quint16(match.captured(1).toUInt());

        HttpClient client(port);
        const HttpReply created =
            client.request("POST", "/v1/payment_intents",
                           {{"Authorization", "Bearer sk_test_bin"},
                            {"Content-Type", "application/x-www-form-urlencoded"}},
                           "amount=1588&currency=usd", 15000);
        QCOMPARE(created.status, 200);
        // The default secret key is not accepted once another is configured.
        HttpClient other(port);
        QCOMPARE(other
                     .request("GET", "/v1/events", {{"Authorization", "Bearer sk_test_sandbox"}},
                              {}, 15000)
                     .status,
                 401);
        QTRY_VERIFY_WITH_TIMEOUT(!receiver.accepted().isEmpty(), kTimeoutMs);
        const Receiver::Hit hit = receiver.all().at(0);
        QVERIFY(signatureValid(hit.signature, hit.body, "whsec_bin"));
        QCOMPARE(str(QJsonDocument::fromJson(hit.body).object(), "type"),
                 u"payment_intent.created"_qs);

        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
    }

    void showsThePaymentsTab()
    {
        const QJsonObject intent = createIntent(1234, u"<script>alert(1)</script>"_qs);
        const HttpReply page = m_server->get("/?tab=payments");
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains(str(intent, "id").toUtf8()));
        QVERIFY(page.body.contains("Payments (Stripe)"));
        QVERIFY(!page.body.contains("<script>alert"));
        QVERIFY(page.body.contains("payment_intent.created"));
        // Each event has a resend button; the page's policy lets forms post to the sandbox only.
        QVERIFY(page.body.contains("/resend\"><button>Resend</button>"));
        QVERIFY(page.header("content-security-policy").contains("form-action 'self'"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxStripe)
#include "tst_sandboxstripe.moc"
