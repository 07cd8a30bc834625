// The OpenAPI document against the real server, so that the two cannot drift apart:
// - the document the server serves is the one `shop-server openapi` assembles from the modules'
//   fragments, and docs/openapi.json is an up-to-date copy of it;
// - every route of shop-server is documented with its method, and every documented operation is
//   routed; every operation lists its security and its error answers (shared problem+json);
// - live answers of the whole in-process ShopServer (happy ones and errors: unknown id 404, bad
//   query 400/422, wrong method 405, too-large body 413, rate limited 429, no database 503, too
//   many connections 503) have a documented status, content type, headers and a body valid against
//   the document's schema for that status; and every documented answer is provoked at least once.
// The test knows no module's C++ types: it seeds the database with SQL and talks HTTP.

#include "app/openapidocument.h"
#include "app/shopserver.h"
#include "db/database.h"
#include "payments/webhooksignature.h"
#include "sandbox/sandboxserver.h"
#include "support/jsonschemavalidator.h"
#include "support/sqlsession.h"
#include "support/testdatabase.h"
#include "support/testserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace Shop;
using namespace Shop::Tests;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// "/media/{path...}" -> "/media/{path}": OpenAPI has no greedy placeholders.
QString openApiPath(QString pattern)
{
    return pattern.replace(QStringLiteral("...}"), QStringLiteral("}"));
}

void collectRefs(const QJsonValue &value, QStringList &refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == u"$ref") {
                refs.append(it.value().toString());
            } else {
                collectRefs(it.value(), refs);
            }
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            collectRefs(item, refs);
        }
    }
}

const QStringList kMethods {u"get"_qs,   u"put"_qs,  u"post"_qs,   u"delete"_qs,
                            u"patch"_qs, u"head"_qs, u"options"_qs};

// Small request bodies are enough to show the limit: the servers here allow 1 KiB.
constexpr qint64 kMaxBodyBytes = 1024;
const QByteArray kTooLarge = QByteArray::number(kMaxBodyBytes + 1);

// Documented answers no request of this test can provoke, with the reason.
const QHash<QString, QString> kNotProvoked {
    {u"500"_qs, u"a fault inside the server"_qs},
};

// The rows of the seeded store (fixed ids, so that rows can name them).
const QByteArray kProductId = "7a0c6f3e-1b2d-4c5e-8f90-a1b2c3d4e5f6";
const QByteArray kBareProductId = "7a0c6f3e-1b2d-4c5e-8f90-a1b2c3d4e5f7";
const QByteArray kOrderProductId = "5b1d4c2e-7a3f-4e6d-9c8b-0a1b2c3d4e5f"; // makeOrders()
const QByteArray kUnknownId = "00000000-0000-4000-8000-000000000000";
// The staff's catalog cases: a product they change, a category they rename, one they delete.
const QByteArray kAdminProductId = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b0a";
const QByteArray kAdminCategoryId = "33333333-3333-4333-8333-333333333333";
const QByteArray kDoomedCategoryId = "44444444-4444-4444-8444-444444444444";
// The staff's product images: one the happy cases make primary and then delete; the SVG they
// upload (twice: 201, then 200), small enough for the servers' 1 KiB bodies.
const QByteArray kAdminImageId = "55555555-5555-4555-8555-555555555555";
const QByteArray kUploadSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\">"
                              "<rect width=\"4\" height=\"4\" fill=\"#08f\"/></svg>";
const QByteArray kCsvHeader = "sku,name,description,price,category_slug,category_name,brand,"
                              "stock_quantity,image_url\r\n";

// One live request and where the document describes its answer.
struct Case
{
    QByteArray method;
    QByteArray target;
    Headers headers;
    int status = 0; // the answer the case provokes
    QString path; // the documented path ("/api/products/{id}")
    QByteArray body = {}; // sent as it is (with the headers' Content-Type)
};

void addCase(const char *name, const Case &c)
{
    QTest::newRow(name) << c.method << c.target << c.headers << c.status << c.path << c.body;
}

const Headers kJson {{"Content-Type", "application/json"}};
const QByteArray kPassword = "correct horse battery 42";
// The signing key every server of this test shares, so that a token from one is good on another.
const QString kSigningKeys = QStringLiteral("openapi:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
const QString kWebhookSecret = QStringLiteral("whsec_openapi");

// A Stripe event the webhook acknowledges (an intent unknown here), signed now.
std::pair<QByteArray, Headers> signedEvent()
{
    const QByteArray payload =
        QJsonDocument(
            QJsonObject {
                {QStringLiteral("id"),
                 QString(QStringLiteral("evt_openapi")
                         + QUuid::createUuid().toString(QUuid::Id128))},
                {QStringLiteral("object"), QStringLiteral("event")},
                {QStringLiteral("type"), QStringLiteral("payment_intent.succeeded")},
                {QStringLiteral("data"),
                 QJsonObject {
                     {QStringLiteral("object"),
                      QJsonObject {{QStringLiteral("id"), QStringLiteral("pi_openapi_unknown")},
                                   {QStringLiteral("status"), QStringLiteral("succeeded")}}}}}})
            .toJson(QJsonDocument::Compact);
    return {payload,
            Headers {{"Content-Type", "application/json"},
                     {"Stripe-Signature",
                      Payments::stripeSignatureHeader(payload, kWebhookSecret,
                                                      QDateTime::currentSecsSinceEpoch())}}};
}

const QByteArray kResetToken = "openapi-reset-token-0123456789abcdef";

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Headers bearer(const QByteArray &token, bool json = true)
{
    Headers headers {{"Authorization", "Bearer " + token}};
    if (json) {
        headers.append(kJson.first());
    }
    return headers;
}

} // namespace

class TestOpenApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestServer> m_limitedServer; // catalog limit of 1 a minute
    // shop-sandbox's Stripe, for the payments routes.
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_sandboxHttp;
    static inline QString s_stripeUrl;
    QByteArray m_refundOrderId; // paid through Stripe, partly refunded by a happy case
    // Accounts made through the API in initTestCase (tokens are good on every server here).
    QByteArray m_customerToken;
    QByteArray m_customerCookie; // used once: refreshing rotates it
    QByteArray m_logoutCookie; // a second session of the customer, for sign-out
    QByteArray m_passwordToken; // an account whose password the test changes
    QByteArray m_adminToken;
    QByteArray m_adminId;
    QByteArray m_managedId; // an account the admin changes (to what it already is)
    QByteArray m_addressId;
    QByteArray m_doomedAddressId; // deleted by a case
    // The cart cases' customer, its address and two lines of its cart.
    QByteArray m_cartToken;
    QByteArray m_cartAddressId;
    QByteArray m_cartLineId; // changed by a case
    QByteArray m_doomedCartLineId; // removed by a case
    // Orders (makeOrders): one per state a case needs.
    QByteArray m_customerId;
    QByteArray m_shortageToken; // a customer whose cart asks for more than the stock
    QByteArray m_orderId; // pending, left so
    QByteArray m_cancelOrderId; // pending, cancelled by a happy case
    QByteArray m_paidOrderId; // paid, moved to processing by a happy case
    QByteArray m_processingOrderId; // processing: the customer may not cancel it
    QByteArray m_cancelledOrderId; // cancelled
    QByteArray m_bytes; // as served
    QJsonObject m_document;
    std::unique_ptr<JsonSchemaValidator> m_validator;
    QSet<QString> m_provoked; // "get /api/products 422"
    QByteArray m_mediaEtag;

    [[nodiscard]] QJsonObject follow(QJsonObject object) const
    {
        for (int hops = 0; object.contains(u"$ref") && hops < 10; ++hops) {
            object = m_validator->resolve(object.value(u"$ref").toString()).toObject();
        }
        return object;
    }

    [[nodiscard]] QJsonObject paths() const { return m_document.value(u"paths").toObject(); }

    [[nodiscard]] QJsonObject operation(const QString &path, const QString &method) const
    {
        return paths().value(path).toObject().value(method).toObject();
    }

    [[nodiscard]] static Server::ServerConfig configFor(const Server::DatabaseConfig &database)
    {
        Server::ServerConfig config;
        config.database = database;
        config.database.poolSize = 2;
        config.http.maxBodyBytes = kMaxBodyBytes;
        config.http.maxUploadBytes = kMaxBodyBytes; // the upload routes' own limit, as small
        config.auth.signingKeys = kSigningKeys;
        config.auth.hashThreads = 2;
        config.payments.stripeApiUrl = s_stripeUrl;
        config.payments.stripeJsUrl = s_stripeUrl + QStringLiteral("/stripe-js/v3");
        config.payments.stripeSecretKey = QStringLiteral("sk_test_sandbox");
        config.payments.stripePublishableKey = QStringLiteral("pk_test_sandbox");
        config.payments.stripeWebhookSecrets = {kWebhookSecret};
        return config;
    }

    static void caseColumns()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
    }

    // The answer `reply` to `method target` matches the document's response for its status at
    // `path`'s GET operation: a documented status, its headers, its content type, and a body
    // valid against its schema. Records the (operation, status) as provoked.
    void checkAnswer(const QByteArray &method, const QByteArray &target, const QString &path,
                     const HttpReply &reply)
    {
        const QString where = QString::fromLatin1(method + ' ' + target);
        QVERIFY2(reply.status != 0, qPrintable(where + u": no answer"));
        const QString lower = QString::fromLatin1(method).toLower();
        // Answers to a method the path does not have (405), and refusals before a route is chosen,
        // are documented by the path's GET, or its only operation.
        QString documented = lower;
        if (operation(path, documented).isEmpty()) {
            documented = QStringLiteral("get");
            const QStringList methods = paths().value(path).toObject().keys();
            if (operation(path, documented).isEmpty() && !methods.isEmpty()) {
                documented = methods.first();
            }
        }
        const QJsonObject op = operation(path, documented);
        QVERIFY2(!op.isEmpty(), qPrintable(path + u' ' + documented + u" is not documented"));
        const QString status = QString::number(reply.status);
        const QJsonObject responses = op.value(u"responses").toObject();
        QVERIFY2(responses.contains(status),
                 qPrintable(QStringLiteral("%1 answered %2, which %3 %4 does not document: %5")
                                .arg(where, status, documented.toUpper(), path,
                                     QString::fromUtf8(reply.body))));
        m_provoked.insert(documented + u' ' + path + u' ' + status);
        if (reply.status == 405) {
            // A wrong method is an answer of the path, whichever of its operations documents it.
            for (const QString &other : paths().value(path).toObject().keys()) {
                m_provoked.insert(other + u' ' + path + u' ' + status);
            }
        }
        const QJsonObject response = follow(responses.value(status).toObject());

        // Headers: the required ones are there, and each documented one has a valid value.
        const QJsonObject headers = response.value(u"headers").toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QJsonObject header = follow(it.value().toObject());
            const QByteArray value = reply.header(it.key().toLatin1());
            if (value.isEmpty()) {
                QVERIFY2(!header.value(u"required").toBool(),
                         qPrintable(where + u": the header " + it.key() + u" is missing"));
                continue;
            }
            const QStringList errors =
                m_validator->validate(QString::fromLatin1(value), header.value(u"schema"));
            QVERIFY2(errors.isEmpty(),
                     qPrintable(where + u": header " + it.key() + u": " + errors.join(u"; ")));
        }

        // Content: none documented means no body; else a documented media type, and for JSON a
        // body valid against the schema.
        const QJsonObject content = response.value(u"content").toObject();
        if (content.isEmpty()) {
            QVERIFY2(reply.body.isEmpty(), qPrintable(where + u": an undocumented body"));
            return;
        }
        const QString type = QString::fromLatin1(reply.header("content-type"))
                                 .section(u';', 0, 0)
                                 .trimmed()
                                 .toLower();
        QVERIFY2(content.contains(type),
                 qPrintable(QStringLiteral("%1: content type \"%2\" is not documented for %3 "
                                           "(documented: %4)")
                                .arg(where, type, status, content.keys().join(u", "))));
        const QJsonValue schema = content.value(type).toObject().value(u"schema");
        if (type == u"application/json" || type.endsWith(u"+json")) {
            QJsonParseError error;
            const QJsonDocument body = QJsonDocument::fromJson(reply.body, &error);
            QVERIFY2(error.error == QJsonParseError::NoError,
                     qPrintable(where + u": the body is not JSON: " + error.errorString()));
            const QJsonValue value =
                body.isArray() ? QJsonValue(body.array()) : QJsonValue(body.object());
            const QStringList errors = m_validator->validate(value, schema);
            QVERIFY2(errors.isEmpty(),
                     qPrintable(QStringLiteral("%1 (%2): the body does not match the schema:\n%3"
                                               "\nbody: %4")
                                    .arg(where, status, errors.join(u'\n'),
                                         QString::fromUtf8(reply.body.left(400)))));
            if (type == u"application/problem+json") {
                const QJsonObject problem = body.object();
                QCOMPARE(problem.value(u"status").toInt(), reply.status);
                QCOMPARE(problem.value(u"request_id").toString().toLatin1(),
                         reply.header("x-request-id"));
            }
        } else {
            QVERIFY2(!reply.body.isEmpty(), qPrintable(where + u": an empty body"));
            QCOMPARE(schema.toObject().value(u"type").toString(), u"string");
        }
    }

    void runCase(const TestServer &server)
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(Headers, headers);
        QFETCH(int, status);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        const HttpReply reply = server.request(method, target, headers, body, 30000);
        QVERIFY2(reply.status == status,
                 qPrintable(QStringLiteral("%1 %2: %3 instead of %4: %5")
                                .arg(QString::fromLatin1(method), QString::fromLatin1(target))
                                .arg(reply.status)
                                .arg(status)
                                .arg(QString::fromUtf8(reply.body.left(400)))));
        checkAnswer(method, target, path, reply);
    }

    // Every documented GET operation, with a request for its wrong-method and too-large answers.
    void addProtocolCases()
    {
        const QList<std::pair<QString, QByteArray>> examples {
            {u"/health/live"_qs, "/health/live"},
            {u"/health/ready"_qs, "/health/ready"},
            {u"/api/openapi.json"_qs, "/api/openapi.json"},
            {u"/api/products"_qs, "/api/products"},
            {u"/api/products/{id}"_qs, "/api/products/" + kProductId},
            {u"/api/categories"_qs, "/api/categories"},
            {u"/api/brands"_qs, "/api/brands"},
            {u"/media/{path}"_qs, "/media/products/openapi-test.svg"},
        };
        for (const auto &[path, target] : examples) {
            addCase(qPrintable(u"405 " + path), {"PATCH", target, {}, 405, path});
            addCase(qPrintable(u"413 " + path),
                    {"GET", target, {{"Content-Length", kTooLarge}}, 413, path});
        }
    }

private:
    // One account per role a case needs, made through the API like a client would.
    struct Signed
    {
        QByteArray token;
        QByteArray cookie;
        QByteArray id;
    };
    Signed signIn(const QByteArray &path, const QJsonObject &body, int expected)
    {
        const HttpReply reply = m_server->request("POST", path, kJson, jsonBody(body), 30000);
        if (reply.status != expected) {
            qWarning() << path << reply.status << reply.body;
            return {};
        }
        const QByteArray cookie = reply.header("set-cookie");
        return {reply.json().value(u"access_token").toString().toLatin1(),
                cookie.mid(13, cookie.indexOf(';') - 13),
                reply.json().value(u"user").toObject().value(u"id").toString().toLatin1()};
    }
    Signed registerAccount(const QString &email)
    {
        return signIn("/api/auth/register",
                      {{u"email"_qs, email},
                       {u"password"_qs, QString::fromLatin1(kPassword)},
                       {u"first_name"_qs, u"Ada"_qs}},
                      201);
    }
    void makeAccounts()
    {
        const Signed customer = registerAccount(u"customer@openapi.test"_qs);
        QVERIFY(!customer.token.isEmpty());
        m_customerToken = customer.token;
        m_customerId = customer.id;
        m_customerCookie = customer.cookie;
        m_logoutCookie = signIn("/api/auth/login",
                                {{u"email"_qs, u"customer@openapi.test"_qs},
                                 {u"password"_qs, QString::fromLatin1(kPassword)}},
                                200)
                             .cookie;
        QVERIFY(!m_logoutCookie.isEmpty());
        m_passwordToken = registerAccount(u"password@openapi.test"_qs).token;
        m_managedId = registerAccount(u"managed@openapi.test"_qs).id;
        const Signed resetter = registerAccount(u"reset@openapi.test"_qs);
        const Signed disabled = registerAccount(u"disabled@openapi.test"_qs);
        const Signed admin = registerAccount(u"admin@openapi.test"_qs);
        QVERIFY(!m_passwordToken.isEmpty() && !m_managedId.isEmpty() && !admin.id.isEmpty());
        auto session = SqlSession::open(m_db->config(), QStringLiteral("openapi-accounts"));
        SHOP_VERIFY_OK(session);
        QVERIFY((*session)->exec(QStringLiteral(
            "UPDATE users SET role = 'admin' WHERE email = 'admin@openapi.test';"
            "UPDATE users SET is_active = false WHERE email = 'disabled@openapi.test';")));
        // A password-reset token as the reset email would carry it (the table keeps its digest).
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO password_resets (user_id, token_digest, expires_at) "
                           "VALUES ('%1', decode('%2', 'hex'), now() + interval '1 hour')")
                .arg(QString::fromLatin1(resetter.id),
                     QString::fromLatin1(
                         QCryptographicHash::hash(kResetToken, QCryptographicHash::Sha256)
                             .toHex()))));
        session->reset();
        Q_UNUSED(disabled)
        const Signed adminAgain = signIn("/api/auth/login",
                                         {{u"email"_qs, u"admin@openapi.test"_qs},
                                          {u"password"_qs, QString::fromLatin1(kPassword)}},
                                         200);
        m_adminToken = adminAgain.token;
        m_adminId = adminAgain.id;
        QVERIFY(!m_adminToken.isEmpty());
        for (QByteArray *id : {&m_addressId, &m_doomedAddressId}) {
            const HttpReply address = m_server->request(
                "POST", "/api/users/me/addresses", bearer(m_customerToken), addressBody(), 30000);
            QCOMPARE(address.status, 201);
            *id = address.json().value(u"id").toString().toLatin1();
        }
        makeOrders();
        makeCart();
    }

    // Puts `quantity` of a product in a customer's cart.
    void fillCart(const QByteArray &userId, const QByteArray &productId, int quantity)
    {
        auto session = SqlSession::open(m_db->config(), QStringLiteral("openapi-cart"));
        SHOP_VERIFY_OK(session);
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO carts (user_id) VALUES ('%1') ON CONFLICT DO NOTHING;"
                           "INSERT INTO cart_items (cart_id, product_id, quantity, price_at_add, "
                           "currency) SELECT c.id, p.id, %3, p.price, p.currency FROM carts c, "
                           "products p WHERE c.user_id = '%1' AND p.id = '%2'")
                .arg(QString::fromLatin1(userId), QString::fromLatin1(productId))
                .arg(quantity)));
    }
    QByteArray placeOrder(const QByteArray &status)
    {
        fillCart(m_customerId, kOrderProductId, 1);
        Headers headers = bearer(m_customerToken);
        headers.append({"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
        const HttpReply reply =
            m_server->request("POST", "/api/orders", headers, orderBody(), 30000);
        if (reply.status != 201) {
            qWarning() << "place order" << reply.status << reply.body;
            return {};
        }
        const QByteArray id = reply.json().value(u"id").toString().toLatin1();
        auto session = SqlSession::open(m_db->config(), QStringLiteral("openapi-order"));
        if (!session
            || !(*session)->exec(QStringLiteral("UPDATE orders SET status = '%1' WHERE "
                                                "id = '%2'")
                                     .arg(QString::fromLatin1(status), QString::fromLatin1(id)))) {
            return {};
        }
        return id;
    }
    void makeOrders()
    {
        auto session = SqlSession::open(m_db->config(), QStringLiteral("openapi-orders"));
        SHOP_VERIFY_OK(session);
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO products (id, name, price, currency, sku, stock_quantity) "
                           "VALUES ('%1', 'Order me', 500, 'USD', 'ORDER-1', 100)")
                .arg(QString::fromLatin1(kOrderProductId))));
        session->reset();
        m_orderId = placeOrder("pending");
        m_cancelOrderId = placeOrder("pending");
        m_paidOrderId = placeOrder("paid");
        m_processingOrderId = placeOrder("processing");
        m_cancelledOrderId = placeOrder("cancelled");
        for (const QByteArray &id :
             {m_orderId, m_cancelOrderId, m_paidOrderId, m_processingOrderId, m_cancelledOrderId}) {
            QVERIFY(!id.isEmpty());
        }
        // Paid through the sandbox's Stripe: the payment document's retrieval records it.
        m_refundOrderId = placeOrder("pending");
        QVERIFY(!m_refundOrderId.isEmpty());
        const HttpReply intent = m_server->request(
            "POST", "/api/payments/create-intent", bearer(m_customerToken),
            jsonBody({{u"order_id"_qs, QString::fromLatin1(m_refundOrderId)}}), 30000);
        QVERIFY2(intent.status == 200, intent.body.constData());
        const QByteArray confirm = "key=pk_test_sandbox&client_secret="
            + intent.json().value(u"client_secret").toString().toLatin1()
            + "&payment_method_data[type]=card&payment_method_data[card][number]=4242424242424242"
              "&payment_method_data[card][exp_month]=12&payment_method_data[card][exp_year]=2034"
              "&payment_method_data[card][cvc]=123";
        const HttpReply confirmed = m_sandboxHttp->request(
            "POST",
            "/v1/payment_intents/" + intent.json().value(u"payment_intent_id").toString().toLatin1()
                + "/confirm",
            {{"Content-Type", "application/x-www-form-urlencoded"}}, confirm, 30000);
        QVERIFY2(confirmed.status == 200, confirmed.body.constData());
        const HttpReply paid =
            m_server->request("GET", "/api/orders/" + m_refundOrderId + "/payment",
                              bearer(m_customerToken, false), {}, 30000);
        QCOMPARE(paid.json().value(u"order_status").toString(), u"paid"_qs);
        // The happy POST /api/orders needs a cart; the shortage customer's asks for 1 of 0.
        fillCart(m_customerId, kOrderProductId, 1);
        const Signed shortage = registerAccount(u"shortage@openapi.test"_qs);
        m_shortageToken = shortage.token;
        fillCart(shortage.id, kBareProductId, 1);
    }
    static QByteArray orderBody()
    {
        return jsonBody({{u"shipping_address"_qs,
                          QJsonObject {{u"recipient_name"_qs, u"Ada Lovelace"_qs},
                                       {u"line1"_qs, u"12 St James's Square"_qs},
                                       {u"city"_qs, u"London"_qs},
                                       {u"postal_code"_qs, u"SW1Y 4JH"_qs},
                                       {u"country"_qs, u"GB"_qs}}}});
    }
    static Headers withKey(Headers headers, const QByteArray &key)
    {
        headers.append({"Idempotency-Key", key});
        return headers;
    }

    // The cart cases' own customer (the orders cases check out the main customer's cart), with
    // an address and two lines in its cart.
    void makeCart()
    {
        const Signed shopper = registerAccount(u"cart@openapi.test"_qs);
        QVERIFY(!shopper.token.isEmpty());
        m_cartToken = shopper.token;
        const HttpReply address = m_server->request("POST", "/api/users/me/addresses",
                                                    bearer(m_cartToken), addressBody(), 30000);
        QCOMPARE(address.status, 201);
        m_cartAddressId = address.json().value(u"id").toString().toLatin1();
        // Two lines in the customer's cart: one the cases change, one they remove.
        for (const auto &[id, product] : {std::pair {&m_cartLineId, kProductId},
                                          std::pair {&m_doomedCartLineId, kBareProductId}}) {
            const HttpReply added = m_server->request(
                "POST", "/api/cart/items", bearer(m_cartToken),
                jsonBody({{u"product_id"_qs, QString::fromLatin1(product)}, {u"quantity"_qs, 1}}),
                30000);
            QCOMPARE(added.status, 201);
            for (const QJsonValue &line : added.json().value(u"items").toArray()) {
                if (line[u"product_id"].toString().toLatin1() == product) {
                    *id = line[u"id"].toString().toLatin1();
                }
            }
            QVERIFY(!id->isEmpty());
        }
    }
    static QByteArray addressBody()
    {
        return jsonBody({{u"recipient_name"_qs, u"Ada Lovelace"_qs},
                         {u"line1"_qs, u"12 St James's Square"_qs},
                         {u"city"_qs, u"London"_qs},
                         {u"postal_code"_qs, u"SW1Y 4JH"_qs},
                         {u"country"_qs, u"GB"_qs}});
    }

    // Every account operation with a valid request (the happy answer comes from m_server; the
    // same requests give 429 on the limited server and 503 without a database).
    struct AccountOperation
    {
        const char *name;
        QByteArray method;
        QByteArray target;
        Headers headers;
        QByteArray body;
        QString path;
        int status; // on m_server
    };
    [[nodiscard]] QList<AccountOperation> accountOperations() const
    {
        const QByteArray xrw = "XMLHttpRequest";
        const QByteArray credentials = jsonBody({{u"email"_qs, u"customer@openapi.test"_qs},
                                                 {u"password"_qs, QString::fromLatin1(kPassword)}});
        return {
            {"register", "POST", "/api/auth/register", kJson,
             jsonBody({{u"email"_qs, u"new@openapi.test"_qs},
                       {u"password"_qs, QString::fromLatin1(kPassword)},
                       {u"first_name"_qs, u"New"_qs}}),
             u"/api/auth/register"_qs, 201},
            {"login", "POST", "/api/auth/login", kJson, credentials, u"/api/auth/login"_qs, 200},
            {"refresh",
             "POST",
             "/api/auth/refresh",
             {{"Cookie", "shop_refresh=" + m_customerCookie}, {"X-Requested-With", xrw}},
             {},
             u"/api/auth/refresh"_qs,
             200},
            {"logout",
             "POST",
             "/api/auth/logout",
             {{"Cookie", "shop_refresh=" + m_logoutCookie}, {"X-Requested-With", xrw}},
             {},
             u"/api/auth/logout"_qs,
             204},
            {"forgot", "POST", "/api/auth/forgot-password", kJson,
             jsonBody({{u"email"_qs, u"customer@openapi.test"_qs}}),
             u"/api/auth/forgot-password"_qs, 202},
            {"reset", "POST", "/api/auth/reset-password", kJson,
             jsonBody({{u"token"_qs, QString::fromLatin1(kResetToken)},
                       {u"password"_qs, u"a renewed passphrase 77"_qs}}),
             u"/api/auth/reset-password"_qs, 204},
            {"me",
             "GET",
             "/api/users/me",
             bearer(m_customerToken, false),
             {},
             u"/api/users/me"_qs,
             200},
            {"update me", "PUT", "/api/users/me", bearer(m_customerToken),
             jsonBody({{u"last_name"_qs, u"Lovelace"_qs}}), u"/api/users/me"_qs, 200},
            {"password", "PUT", "/api/users/me/password", bearer(m_passwordToken),
             jsonBody({{u"current_password"_qs, QString::fromLatin1(kPassword)},
                       {u"new_password"_qs, u"a different passphrase 5"_qs}}),
             u"/api/users/me/password"_qs, 200},
            {"addresses",
             "GET",
             "/api/users/me/addresses",
             bearer(m_customerToken, false),
             {},
             u"/api/users/me/addresses"_qs,
             200},
            {"add address", "POST", "/api/users/me/addresses", bearer(m_customerToken),
             addressBody(), u"/api/users/me/addresses"_qs, 201},
            {"change address", "PUT", "/api/users/me/addresses/" + m_addressId,
             bearer(m_customerToken), addressBody(), u"/api/users/me/addresses/{id}"_qs, 200},
            {"delete address",
             "DELETE",
             "/api/users/me/addresses/" + m_doomedAddressId,
             bearer(m_customerToken, false),
             {},
             u"/api/users/me/addresses/{id}"_qs,
             204},
            {"users",
             "GET",
             "/api/admin/users?search=openapi&limit=5",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/users"_qs,
             200},
            {"user",
             "GET",
             "/api/admin/users/" + m_managedId,
             bearer(m_adminToken, false),
             {},
             u"/api/admin/users/{id}"_qs,
             200},
            {"status", "PUT", "/api/admin/users/" + m_managedId + "/status", bearer(m_adminToken),
             jsonBody({{u"is_active"_qs, true}}), u"/api/admin/users/{id}/status"_qs, 200},
            {"role", "PUT", "/api/admin/users/" + m_managedId + "/role", bearer(m_adminToken),
             jsonBody({{u"role"_qs, u"user"_qs}}), u"/api/admin/users/{id}/role"_qs, 200},
            {"audit",
             "GET",
             "/api/admin/audit?limit=5",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/audit"_qs,
             200},
            {"place order", "POST", "/api/orders", withKey(bearer(m_customerToken), "openapi-1"),
             orderBody(), u"/api/orders"_qs, 201},
            {"my orders",
             "GET",
             "/api/orders?limit=5",
             bearer(m_customerToken, false),
             {},
             u"/api/orders"_qs,
             200},
            {"my order",
             "GET",
             "/api/orders/" + m_orderId,
             bearer(m_customerToken, false),
             {},
             u"/api/orders/{id}"_qs,
             200},
            {"cancel order", "PUT", "/api/orders/" + m_cancelOrderId + "/cancel",
             bearer(m_customerToken), jsonBody({{u"reason"_qs, u"changed my mind"_qs}}),
             u"/api/orders/{id}/cancel"_qs, 200},
            {"admin orders",
             "GET",
             "/api/admin/orders?limit=2",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/orders"_qs,
             200},
            {"admin order",
             "GET",
             "/api/admin/orders/" + m_orderId,
             bearer(m_adminToken, false),
             {},
             u"/api/admin/orders/{id}"_qs,
             200},
            {"order status", "PUT", "/api/admin/orders/" + m_paidOrderId + "/status",
             bearer(m_adminToken), jsonBody({{u"status"_qs, u"processing"_qs}}),
             u"/api/admin/orders/{id}/status"_qs, 200},
            {"low stock",
             "GET",
             "/api/admin/inventory/low-stock?threshold=3",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/inventory/low-stock"_qs,
             200},
            {"dashboard",
             "GET",
             "/api/admin/dashboard",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/dashboard"_qs,
             200},
            {"create intent", "POST", "/api/payments/create-intent", bearer(m_customerToken),
             jsonBody({{u"order_id"_qs, QString::fromLatin1(m_orderId)}}),
             u"/api/payments/create-intent"_qs, 200},
            {"my payment",
             "GET",
             "/api/orders/" + m_refundOrderId + "/payment",
             bearer(m_customerToken, false),
             {},
             u"/api/orders/{id}/payment"_qs,
             200},
            {"admin payment",
             "GET",
             "/api/admin/orders/" + m_refundOrderId + "/payment",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/orders/{id}/payment"_qs,
             200},
            {"refund", "POST", "/api/admin/orders/" + m_refundOrderId + "/refunds",
             bearer(m_adminToken),
             jsonBody({{u"amount"_qs, 100},
                       {u"reason"_qs, u"requested_by_customer"_qs},
                       {u"note"_qs, u"openapi"_qs}}),
             u"/api/admin/orders/{id}/refunds"_qs, 201},
            // The staff's catalog.
            {"create product", "POST", "/api/products", bearer(m_adminToken),
             jsonBody({{u"sku"_qs, u"OPENAPI-NEW"_qs},
                       {u"name"_qs, u"New mug"_qs},
                       {u"price"_qs, 700},
                       {u"category_id"_qs, QString::fromLatin1(kAdminCategoryId)},
                       {u"stock_quantity"_qs, 3}}),
             u"/api/products"_qs, 201},
            {"replace product", "PUT", "/api/products/" + kAdminProductId,
             bearer(m_adminToken) + Headers {{"If-Match", "\"1\""}},
             jsonBody(
                 {{u"sku"_qs, u"ADMIN-1"_qs}, {u"name"_qs, u"Admin mug"_qs}, {u"price"_qs, 950}}),
             u"/api/products/{id}"_qs, 200},
            {"adjust stock", "POST", "/api/admin/products/" + kAdminProductId + "/stock",
             bearer(m_adminToken), jsonBody({{u"delta"_qs, 3}, {u"reason"_qs, u"received"_qs}}),
             u"/api/admin/products/{id}/stock"_qs, 200},
            {"stock movements",
             "GET",
             "/api/admin/products/" + kAdminProductId + "/stock-movements?limit=5",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/{id}/stock-movements"_qs,
             200},
            {"admin product",
             "GET",
             "/api/admin/products/" + kAdminProductId,
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/{id}"_qs,
             200},
            {"delete product",
             "DELETE",
             "/api/products/" + kAdminProductId,
             bearer(m_adminToken, false),
             {},
             u"/api/products/{id}"_qs,
             200},
            {"restore product",
             "POST",
             "/api/admin/products/" + kAdminProductId + "/restore",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/{id}/restore"_qs,
             200},
            // The staff's list, images and CSV.
            {"admin products",
             "GET",
             "/api/admin/products?active=all&limit=5",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products"_qs,
             200},
            {"export csv",
             "GET",
             "/api/admin/products/export.csv?active=true",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/export.csv"_qs,
             200},
            {"import csv", "POST", "/api/admin/products/import?dry_run=true",
             bearer(m_adminToken, false) + Headers {{"Content-Type", "text/csv"}},
             kCsvHeader + "OPENAPI-CSV,Csv mug,,1.00,,,,1,\r\n", u"/api/admin/products/import"_qs,
             200},
            {"product images",
             "GET",
             "/api/admin/products/" + kAdminProductId + "/images",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/{id}/images"_qs,
             200},
            {"upload image", "POST", "/api/admin/products/" + kAdminProductId + "/images",
             bearer(m_adminToken, false) + Headers {{"Content-Type", "image/svg+xml"}}, kUploadSvg,
             u"/api/admin/products/{id}/images"_qs, 201},
            {"upload image again", "POST", "/api/admin/products/" + kAdminProductId + "/images",
             bearer(m_adminToken, false) + Headers {{"Content-Type", "image/svg+xml"}}, kUploadSvg,
             u"/api/admin/products/{id}/images"_qs, 200},
            {"primary image",
             "PUT",
             "/api/admin/products/" + kAdminProductId + "/images/" + kAdminImageId + "/primary",
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/{id}/images/{image_id}/primary"_qs,
             200},
            {"delete image",
             "DELETE",
             "/api/admin/products/" + kAdminProductId + "/images/" + kAdminImageId,
             bearer(m_adminToken, false),
             {},
             u"/api/admin/products/{id}/images/{image_id}"_qs,
             204},
            {"create category", "POST", "/api/admin/categories", bearer(m_adminToken),
             jsonBody({{u"name"_qs, u"OpenAPI new"_qs},
                       {u"parent_id"_qs, QString::fromLatin1(kAdminCategoryId)}}),
             u"/api/admin/categories"_qs, 201},
            {"change category", "PUT", "/api/admin/categories/" + kAdminCategoryId,
             bearer(m_adminToken), jsonBody({{u"name"_qs, u"Renamed"_qs}}),
             u"/api/admin/categories/{id}"_qs, 200},
            {"delete category",
             "DELETE",
             "/api/admin/categories/" + kDoomedCategoryId,
             bearer(m_adminToken, false),
             {},
             u"/api/admin/categories/{id}"_qs,
             204},
        };
    }
    void addAccountCases(int status)
    {
        for (const AccountOperation &op : accountOperations()) {
            addCase(
                qPrintable(QString::fromLatin1(op.name) + u' ' + QString::number(status)),
                {op.method, op.target, op.headers, status ? status : op.status, op.path, op.body});
        }
    }

    // Every cart operation with a valid request, in an order that works (emptying last); as for
    // the accounts, the same requests give 429 on the limited server and 503 without a database.
    [[nodiscard]] QList<AccountOperation> cartOperations() const
    {
        const QString cart = u"/api/cart"_qs, items = u"/api/cart/items"_qs,
                      item = u"/api/cart/items/{id}"_qs;
        return {
            {"cart", "GET", "/api/cart", bearer(m_cartToken, false), {}, cart, 200},
            {"cart for an address",
             "GET",
             "/api/cart?address_id=" + m_cartAddressId,
             bearer(m_cartToken, false),
             {},
             cart,
             200},
            {"cart for a destination",
             "GET",
             "/api/cart?country=US&region=NY",
             bearer(m_cartToken, false),
             {},
             cart,
             200},
            {"add to cart", "POST", "/api/cart/items", bearer(m_cartToken),
             jsonBody({{u"product_id"_qs, QString::fromLatin1(kProductId)}, {u"quantity"_qs, 2}}),
             items, 201},
            {"cart quantity", "PUT", "/api/cart/items/" + m_cartLineId, bearer(m_cartToken),
             jsonBody({{u"quantity"_qs, 4}}), item, 200},
            {"remove from cart",
             "DELETE",
             "/api/cart/items/" + m_doomedCartLineId,
             bearer(m_cartToken, false),
             {},
             item,
             200},
            {"empty cart", "DELETE", "/api/cart", bearer(m_cartToken, false), {}, cart, 204},
        };
    }
    void addCartCases(int status)
    {
        for (const AccountOperation &op : cartOperations()) {
            addCase(
                qPrintable(QString::fromLatin1(op.name) + u' ' + QString::number(status)),
                {op.method, op.target, op.headers, status ? status : op.status, op.path, op.body});
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = TestDatabase::create();
        SHOP_VERIFY_OK(db);
        m_db = std::move(*db);

        // A small store: a department with a subcategory, a product with everything (brand,
        // category, picture) and one with nothing optional; and the picture.
        auto session = SqlSession::open(m_db->config(), QStringLiteral("openapi-seed"));
        SHOP_VERIFY_OK(session);
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO categories (id, name, slug) VALUES "
                           "('11111111-1111-4111-8111-111111111111', 'Kitchen', 'kitchen');"
                           "INSERT INTO categories (id, name, slug, parent_id) VALUES "
                           "('22222222-2222-4222-8222-222222222222', 'Mugs', 'mugs', "
                           "'11111111-1111-4111-8111-111111111111');")));
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO products (id, name, description, price, currency, "
                           "category_id, brand, sku, stock_quantity, image_url) VALUES "
                           "('%1', 'Blue mug', 'A blue mug.', 1299, 'USD', "
                           "'22222222-2222-4222-8222-222222222222', 'Acme', 'MUG-1', 5, "
                           "'/media/products/openapi-test.svg'),"
                           "('%2', 'Plain thing', '', 0, 'USD', NULL, NULL, 'THING-1', 0, NULL)")
                .arg(QString::fromLatin1(kProductId), QString::fromLatin1(kBareProductId))));
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO categories (id, name, slug) VALUES "
                           "('%1', 'Admin', 'admin-things'), ('%2', 'Doomed', 'doomed');"
                           "INSERT INTO products (id, name, price, currency, sku, stock_quantity) "
                           "VALUES ('%3', 'Admin mug', 900, 'USD', 'ADMIN-1', 5)")
                .arg(QString::fromLatin1(kAdminCategoryId), QString::fromLatin1(kDoomedCategoryId),
                     QString::fromLatin1(kAdminProductId))));
        QVERIFY((*session)->exec(QStringLiteral(
            "INSERT INTO media (path, content_type, data, etag) VALUES "
            "('products/openapi-test.svg', 'image/svg+xml', "
            "convert_to('<svg xmlns=\"http://www.w3.org/2000/svg\"/>', 'UTF8'), 'openapi-1')")));
        QVERIFY((*session)->exec(
            QStringLiteral(
                "INSERT INTO product_images (id, product_id, media_path, thumbnail_path, "
                "content_type, width, height, bytes, position) VALUES ('%1', '%2', "
                "'products/openapi-test.svg', 'products/openapi-test.svg', "
                "'image/svg+xml', 0, 0, 40, 0)")
                .arg(QString::fromLatin1(kAdminImageId), QString::fromLatin1(kAdminProductId))));
        session->reset();

        m_sandbox = std::make_unique<Sandbox::SandboxServer>(Sandbox::SandboxOptions {});
        m_sandboxHttp = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
        QVERIFY(m_sandboxHttp->isRunning());
        s_stripeUrl = m_sandboxHttp->url();
        m_server = std::make_unique<TestServer>(configFor(m_db->config()));
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));

        const HttpReply served = m_server->get("/api/openapi.json");
        QCOMPARE(served.status, 200);
        m_bytes = served.body;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m_bytes, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.isObject());
        m_document = document.object();
        m_validator = std::make_unique<JsonSchemaValidator>(m_document);

        const HttpReply media = m_server->get("/media/products/openapi-test.svg");
        QCOMPARE(media.status, 200);
        m_mediaEtag = media.header("etag");
        QVERIFY(!m_mediaEtag.isEmpty());
        makeAccounts();
    }

    void cleanupTestCase()
    {
        m_limitedServer.reset();
        m_server.reset();
        m_sandboxHttp.reset();
        m_sandbox.reset();
        m_db.reset();
    }

    void servedDocumentIsTheAssembledOne()
    {
        const Result<QJsonObject> assembled = Server::builtInOpenApi();
        SHOP_VERIFY_OK(assembled);
        QCOMPARE(m_bytes, Server::openApiJson(*assembled));
    }

    void docsCopyIsUpToDate()
    {
        QFile file(QStringLiteral(SHOP_SOURCE_DIR "/docs/openapi.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "docs/openapi.json is missing");
        QVERIFY2(file.readAll() == m_bytes,
                 "docs/openapi.json differs from the document shop-server assembles from the "
                 "modules' fragments (server/app/openapi/*.json, server/<module>/openapi.json). "
                 "Edit the fragments, not the copy, and regenerate it: "
                 "cmake --build build --target update_openapi_docs "
                 "(runs: shop-server openapi > docs/openapi.json)");
    }

    void header()
    {
        QCOMPARE(m_document.value(u"openapi").toString(), QStringLiteral("3.1.0"));
        const QJsonObject info = m_document.value(u"info").toObject();
        QVERIFY(!info.value(u"title").toString().isEmpty());
        QVERIFY(!info.value(u"version").toString().isEmpty());
        const QJsonObject schemes =
            m_document.value(u"components").toObject().value(u"securitySchemes").toObject();
        QCOMPARE(schemes.value(u"bearerAuth").toObject().value(u"scheme").toString(), u"bearer");
    }

    void everyRouteIsDocumented_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("method");
        Server::ServerConfig config;
        config.cache.enabled = false; // no LISTEN connection
        const Server::ShopServer shop(config);
        QVERIFY(shop.router().routes().size() >= 8);
        for (const Http::Route &route : shop.router().routes()) {
            QTest::addRow("%s %s", route.method.constData(), qPrintable(route.pattern))
                << openApiPath(route.pattern) << QString::fromLatin1(route.method).toLower();
        }
    }

    void everyRouteIsDocumented()
    {
        QFETCH(QString, path);
        QFETCH(QString, method);
        QVERIFY2(paths().contains(path), qPrintable(path + QStringLiteral(" is not in paths")));
        const QJsonObject op = operation(path, method);
        QVERIFY2(!op.isEmpty(), qPrintable(method + QStringLiteral(" is not documented")));
        QVERIFY(!op.value(u"summary").toString().isEmpty());
        QVERIFY(!op.value(u"operationId").toString().isEmpty());

        // Every {name} of the path is a required path parameter.
        static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
        for (const auto &match : placeholder.globalMatch(path)) {
            bool declared = false;
            for (const QJsonValue &value : op.value(u"parameters").toArray()) {
                const QJsonObject parameter = follow(value.toObject());
                declared = declared
                    || (parameter.value(u"in").toString() == u"path"
                        && parameter.value(u"name").toString() == match.captured(1)
                        && parameter.value(u"required").toBool());
            }
            QVERIFY2(declared, qPrintable(match.captured(1)));
        }
    }

    void everyOperationIsRouted()
    {
        Server::ServerConfig config;
        config.cache.enabled = false;
        const Server::ShopServer shop(config);
        QSet<QString> routed;
        for (const Http::Route &route : shop.router().routes()) {
            routed.insert(QString::fromLatin1(route.method).toLower() + u' '
                          + openApiPath(route.pattern));
        }
        const QJsonObject all = paths();
        for (auto it = all.begin(); it != all.end(); ++it) {
            for (const QString &key : it.value().toObject().keys()) {
                if (kMethods.contains(key)) {
                    const QString op = key + u' ' + it.key();
                    QVERIFY2(routed.contains(op),
                             qPrintable(op + QStringLiteral(" is documented, not routed")));
                }
            }
        }
    }

    void referencesResolve()
    {
        QStringList refs;
        collectRefs(m_document, refs);
        QVERIFY(refs.size() > 10);
        for (const QString &ref : std::as_const(refs)) {
            QVERIFY2(m_validator->resolve(ref).isObject(), qPrintable(ref));
        }
    }

    // Security and error answers: every operation says who may call it, lists the errors every
    // route can give (405 on its path, 413, 503), and describes each error as a problem.
    void everyOperationFollowsThePattern()
    {
        const QJsonObject schemes =
            m_document.value(u"components").toObject().value(u"securitySchemes").toObject();
        const QJsonObject all = paths();
        int operations = 0;
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (const QString &method : item.keys()) {
                const QString where = method + u' ' + it.key();
                const QJsonObject op = item.value(method).toObject();
                ++operations;
                QVERIFY2(op.contains(u"security") && op.value(u"security").isArray(),
                         qPrintable(where + u": no security (security: [] for public routes)"));
                for (const QJsonValue &requirement : op.value(u"security").toArray()) {
                    for (const QString &scheme : requirement.toObject().keys()) {
                        QVERIFY2(schemes.contains(scheme), qPrintable(where + u": " + scheme));
                    }
                }
                const QJsonObject responses = op.value(u"responses").toObject();
                for (const QString &status : {u"405"_qs, u"413"_qs, u"503"_qs}) {
                    QVERIFY2(responses.contains(status), qPrintable(where + u" lacks " + status));
                }
                for (const QString &status : responses.keys()) {
                    if (status.toInt() < 400) {
                        continue;
                    }
                    QVERIFY2(
                        responses.value(status).toObject().value(u"$ref").toString().startsWith(
                            u"#/components/responses/"),
                        qPrintable(where + u' ' + status + u": not a shared response"));
                    const QJsonObject schema = follow(responses.value(status).toObject())
                                                   .value(u"content")
                                                   .toObject()
                                                   .value(u"application/problem+json")
                                                   .toObject()
                                                   .value(u"schema")
                                                   .toObject();
                    QVERIFY2(schema.value(u"$ref").toString() == u"#/components/schemas/Problem",
                             qPrintable(where + u' ' + status));
                }
            }
        }
        QVERIFY(operations >= 8);
    }

    // The Problem schema knows every error code core has.
    void problemCodesAreComplete()
    {
        const QJsonArray codes = m_validator->resolve(u"#/components/schemas/Problem"_qs)
                                     .toObject()
                                     .value(u"properties")
                                     .toObject()
                                     .value(u"code")
                                     .toObject()
                                     .value(u"enum")
                                     .toArray();
        for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
            QVERIFY2(codes.contains(errorCodeName(ErrorCode(i))),
                     qPrintable(errorCodeName(ErrorCode(i))));
        }
    }

    void liveAnswers_data()
    {
        caseColumns();
        const QString products = QStringLiteral("/api/products");
        const QString product = QStringLiteral("/api/products/{id}");
        const QString brands = QStringLiteral("/api/brands");
        const QString media = QStringLiteral("/media/{path}");
        addCase("live", {"GET", "/health/live", {}, 200, u"/health/live"_qs});
        addCase("ready", {"GET", "/health/ready", {}, 200, u"/health/ready"_qs});
        addCase("openapi", {"GET", "/api/openapi.json", {}, 200, u"/api/openapi.json"_qs});

        addCase("products", {"GET", "/api/products", {}, 200, products});
        addCase("products again (cached)", {"GET", "/api/products", {}, 200, products});
        addCase("products filtered",
                {"GET",
                 "/api/products?page=1&limit=5&search=mug&category=kitchen&brand=acme"
                 "&min_price=0&max_price=5000&in_stock=true&sort=price_desc",
                 {},
                 200,
                 products});
        addCase("products empty page", {"GET", "/api/products?page=9", {}, 200, products});
        addCase("products search not UTF-8",
                {"GET", "/api/products?search=%FF", {}, 400, products});
        addCase("products limit too big", {"GET", "/api/products?limit=500", {}, 422, products});
        addCase("products bad sort", {"GET", "/api/products?sort=cheap", {}, 422, products});
        addCase("products bad prices",
                {"GET", "/api/products?min_price=9&max_price=1", {}, 422, products});

        addCase("product", {"GET", "/api/products/" + kProductId, {}, 200, product});
        addCase("product without options",
                {"GET", "/api/products/" + kBareProductId, {}, 200, product});
        addCase("product unknown", {"GET", "/api/products/" + kUnknownId, {}, 404, product});
        addCase("product malformed id", {"GET", "/api/products/not-a-uuid", {}, 404, product});
        addCase("product id not UTF-8", {"GET", "/api/products/%FF", {}, 400, product});

        addCase("categories", {"GET", "/api/categories", {}, 200, u"/api/categories"_qs});

        addCase("brands", {"GET", "/api/brands", {}, 200, brands});
        addCase("brands of a category", {"GET", "/api/brands?category=kitchen", {}, 200, brands});
        addCase("brands unknown category", {"GET", "/api/brands?category=nope", {}, 200, brands});
        addCase("brands bad slug", {"GET", "/api/brands?category=Not_A_Slug", {}, 422, brands});
        addCase("brands not UTF-8", {"GET", "/api/brands?category=%C3", {}, 400, brands});

        addCase("media", {"GET", "/media/products/openapi-test.svg", {}, 200, media});
        addCase("media unknown", {"GET", "/media/products/nothing.svg", {}, 404, media});
        addCase("media dot-dot", {"GET", "/media/products/../secret", {}, 400, media});
        addCase("events anonymous", {"GET", "/api/admin/events", {}, 401, u"/api/admin/events"_qs});
        addCase("events customer",
                {"GET", "/api/admin/events", bearer(m_customerToken, false), 403,
                 u"/api/admin/events"_qs});
        addCase("events 405", {"PATCH", "/api/admin/events", {}, 405, u"/api/admin/events"_qs});
        addCase("events 413",
                {"GET",
                 "/api/admin/events",
                 {{"Content-Length", kTooLarge}},
                 413,
                 u"/api/admin/events"_qs});
        addCase("dashboard anonymous",
                {"GET", "/api/admin/dashboard", {}, 401, u"/api/admin/dashboard"_qs});
        addCase("dashboard customer",
                {"GET", "/api/admin/dashboard", bearer(m_customerToken, false), 403,
                 u"/api/admin/dashboard"_qs});
        addProtocolCases();
    }

    void liveAnswers() { runCase(*m_server); }

    // The live feed's 200 is a stream (its body never ends while the server runs): its head is
    // checked against the document, which describes it as text/event-stream.
    void eventStreamAnswer()
    {
        const QJsonObject ok = paths()
                                   .value(u"/api/admin/events")
                                   .toObject()
                                   .value(u"get")
                                   .toObject()
                                   .value(u"responses")
                                   .toObject()
                                   .value(u"200")
                                   .toObject();
        QVERIFY(ok.value(u"content").toObject().contains(u"text/event-stream"));
        HttpClient client(m_server->port());
        QVERIFY(client.isConnected());
        QVERIFY(client.send("GET /api/admin/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                            + m_adminToken + "\r\n\r\n"));
        QByteArray head;
        QElapsedTimer clock;
        clock.start();
        while (!head.contains("\r\n\r\n") && clock.elapsed() < 30000) {
            client.socket().waitForReadyRead(100);
            head += client.socket().readAll();
        }
        QVERIFY2(head.startsWith("HTTP/1.1 200 "), head.constData());
        const QByteArray lower = head.toLower();
        QVERIFY(lower.contains("\r\ncontent-type: text/event-stream\r\n"));
        QVERIFY(lower.contains("\r\ncache-control: no-store\r\n"));
        QVERIFY(lower.contains("\r\nx-accel-buffering: no\r\n"));
        QVERIFY(!lower.contains("\r\ncontent-length:"));
        for (const QByteArray header :
             {QByteArrayLiteral("cache-control"), QByteArrayLiteral("x-accel-buffering")}) {
            bool documented = false;
            const QJsonObject headers = ok.value(u"headers").toObject();
            for (auto it = headers.begin(); it != headers.end(); ++it) {
                documented = documented || it.key().toLower().toLatin1() == header;
            }
            QVERIFY2(documented, header.constData());
        }
        m_provoked.insert(u"get /api/admin/events 200"_qs); // checked above, by hand
        client.socket().abort();
        QVERIFY(m_server->waitForOpenConnections(0, 10000));
    }

    void notModified()
    {
        const QByteArray target = "/media/products/openapi-test.svg";
        const HttpReply reply = m_server->get(target, {{"If-None-Match", m_mediaEtag}});
        QCOMPARE(reply.status, 304);
        checkAnswer("GET", target, QStringLiteral("/media/{path}"), reply);
    }

    // Over http/max_connections: 503 from any path, before a route is chosen.
    void tooManyConnections_data()
    {
        caseColumns();
        for (const char *path : {"/health/live", "/health/ready", "/api/openapi.json"}) {
            addCase(path, {"GET", path, {}, 503, QString::fromLatin1(path)});
        }
    }

    void tooManyConnections()
    {
        Server::ServerConfig config = configFor(m_db->config());
        config.http.maxConnections = 1;
        config.cache.enabled = false;
        TestServer server(config);
        QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
        HttpClient holder(server.port()); // takes the only place
        QVERIFY(holder.isConnected());
        QVERIFY(server.waitForOpenConnections(1));
        // The refusal comes as soon as the connection is accepted, whatever the request would
        // have been: read it without sending one (a request sent after the server closed could
        // turn the close into a reset that discards the answer).
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QString, path);
        HttpClient refused(server.port());
        const HttpReply reply = refused.read(3000);
        QCOMPARE(reply.status, status);
        checkAnswer("GET", target, path, reply);
    }

    // Over the catalog's rate limit: 429 with Retry-After and the RateLimit headers on every
    // catalog route (one bucket per client address for all of them).
    void rateLimited_data()
    {
        caseColumns();
        addCase("products", {"GET", "/api/products", {}, 429, u"/api/products"_qs});
        addCase("product",
                {"GET", "/api/products/" + kProductId, {}, 429, u"/api/products/{id}"_qs});
        addCase("categories", {"GET", "/api/categories", {}, 429, u"/api/categories"_qs});
        addCase("brands", {"GET", "/api/brands", {}, 429, u"/api/brands"_qs});
        addCase("media", {"GET", "/media/products/openapi-test.svg", {}, 429, u"/media/{path}"_qs});
        addAccountCases(429);
        addCase("events 429",
                {"GET", "/api/admin/events", bearer(m_adminToken, false), 429,
                 u"/api/admin/events"_qs});
        addCartCases(429);
    }

    void rateLimited()
    {
        if (!m_limitedServer) {
            Server::ServerConfig config = configFor(m_db->config());
            config.cache.enabled = false;
            config.http.rateLimit.catalogPerMin = 1;
            config.http.rateLimit.authPer15Min = 1;
            config.http.rateLimit.accountPerMin = 1;
            m_limitedServer = std::make_unique<TestServer>(config);
            QVERIFY2(m_limitedServer->isRunning(), qPrintable(m_limitedServer->errorString()));
            // Each bucket's one request: the auth routes' (per address) and each account's.
            QCOMPARE(m_limitedServer
                         ->request("POST", "/api/auth/forgot-password", kJson,
                                   jsonBody({{u"email"_qs, u"x@openapi.test"_qs}}))
                         .status,
                     202);
            for (const QByteArray &token :
                 {m_customerToken, m_adminToken, m_passwordToken, m_cartToken}) {
                QCOMPARE(m_limitedServer->get("/api/users/me", bearer(token, false)).status, 200);
            }
            const HttpReply first = m_limitedServer->get("/api/categories");
            QCOMPARE(first.status, 200);
            checkAnswer("GET", "/api/categories", u"/api/categories"_qs, first);
            QCOMPARE(first.header("ratelimit-limit"), QByteArrayLiteral("1"));
            QCOMPARE(first.header("ratelimit-remaining"), QByteArrayLiteral("0"));
        }
        runCase(*m_limitedServer);
        const HttpReply again = m_limitedServer->get("/health/live"); // not limited
        QCOMPARE(again.status, 200);
    }

    // Without a database every route that needs one answers 503; the others still work.
    void withoutADatabase_data()
    {
        caseColumns();
        addCase("ready", {"GET", "/health/ready", {}, 503, u"/health/ready"_qs});
        addCase("products", {"GET", "/api/products", {}, 503, u"/api/products"_qs});
        addCase("product",
                {"GET", "/api/products/" + kUnknownId, {}, 503, u"/api/products/{id}"_qs});
        addCase("categories", {"GET", "/api/categories", {}, 503, u"/api/categories"_qs});
        addCase("brands", {"GET", "/api/brands", {}, 503, u"/api/brands"_qs});
        addCase("media", {"GET", "/media/products/openapi-test.svg", {}, 503, u"/media/{path}"_qs});
        addCase("live", {"GET", "/health/live", {}, 200, u"/health/live"_qs});
        addCase("openapi", {"GET", "/api/openapi.json", {}, 200, u"/api/openapi.json"_qs});
        addAccountCases(503);
        addCase("events 503",
                {"GET", "/api/admin/events", bearer(m_adminToken, false), 503,
                 u"/api/admin/events"_qs});
        addCartCases(503);
        const auto [event, signature] = signedEvent();
        addCase(
            "webhook",
            {"POST", "/api/payments/webhook", signature, 503, u"/api/payments/webhook"_qs, event});
    }

    void withoutADatabase()
    {
        Server::DatabaseConfig nowhere;
        nowhere.host = QStringLiteral("127.0.0.1");
        nowhere.port = 1; // nothing listens there
        nowhere.name = QStringLiteral("shop");
        nowhere.user = QStringLiteral("shop");
        nowhere.options = QStringLiteral("connect_timeout=2");
        Db::configure(nowhere);
        auto restore = qScopeGuard([this] { Db::configure(m_db->config()); });
        Server::ServerConfig config = configFor(nowhere);
        config.cache.enabled = false;
        TestServer server(config);
        QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
        runCase(server);
    }

    // The cart's error answers on the live server, then its happy ones (which empty the cart).
    void liveCartErrors_data()
    {
        caseColumns();
        const Headers customer = bearer(m_cartToken);
        const Headers customerGet = bearer(m_cartToken, false);
        const Headers text {{"Authorization", "Bearer " + m_cartToken},
                            {"Content-Type", "text/plain"}};
        const QString cart = u"/api/cart"_qs, items = u"/api/cart/items"_qs,
                      item = u"/api/cart/items/{id}"_qs;
        const QByteArray line = "/api/cart/items/" + m_cartLineId;
        const QByteArray unknownLine = "/api/cart/items/" + kUnknownId;
        addCase("cart 422", {"GET", "/api/cart?country=USA", customerGet, 422, cart});
        addCase("cart 404", {"GET", "/api/cart?address_id=" + kUnknownId, customerGet, 404, cart});
        addCase("add to cart 415", {"POST", "/api/cart/items", text, 415, items, "{}"});
        addCase("add to cart 400", {"POST", "/api/cart/items", customer, 400, items, "{nope"});
        addCase(
            "add to cart 422",
            {"POST", "/api/cart/items", customer, 422, items,
             jsonBody({{u"product_id"_qs, QString::fromLatin1(kProductId)}, {u"quantity"_qs, 0}})});
        addCase("cart quantity 415", {"PUT", line, text, 415, item, "{}"});
        addCase("cart quantity 400", {"PUT", line, customer, 400, item, "{nope"});
        addCase("cart quantity 422",
                {"PUT", line, customer, 422, item, jsonBody({{u"quantity"_qs, 100}})});
        addCase("cart quantity 404",
                {"PUT", unknownLine, customer, 404, item, jsonBody({{u"quantity"_qs, 1}})});
        addCase("remove from cart 404", {"DELETE", unknownLine, customerGet, 404, item});
        for (const AccountOperation &op : cartOperations()) {
            addCase(qPrintable(QString::fromLatin1(op.name) + u" 401"),
                    {op.method, op.target, kJson, 401, op.path, "{}"});
            addCase(qPrintable(QString::fromLatin1(op.name) + u" 413"),
                    {op.method, op.target, op.headers + Headers {{"Content-Length", kTooLarge}},
                     413, op.path});
            addCase(qPrintable(QString::fromLatin1(op.name) + u" 405"),
                    {"PATCH", op.target, op.headers, 405, op.path});
        }
    }

    void liveCartErrors() { runCase(*m_server); }

    void liveCart_data()
    {
        caseColumns();
        addCartCases(0);
    }

    void liveCart() { runCase(*m_server); }

    // The accounts' error answers on the live server (run before the happy ones below, which
    // change some of the accounts these use).
    void liveAccountErrors_data()
    {
        caseColumns();
        const Headers customer = bearer(m_customerToken);
        const Headers admin = bearer(m_adminToken);
        const Headers adminGet = bearer(m_adminToken, false);
        const Headers customerGet = bearer(m_customerToken, false);
        const Headers text {{"Content-Type", "text/plain"}};
        const QByteArray unknown = kUnknownId;
        const QString reg = u"/api/auth/register"_qs, login = u"/api/auth/login"_qs,
                      refresh = u"/api/auth/refresh"_qs, logout = u"/api/auth/logout"_qs,
                      forgot = u"/api/auth/forgot-password"_qs,
                      reset = u"/api/auth/reset-password"_qs, me = u"/api/users/me"_qs,
                      password = u"/api/users/me/password"_qs,
                      addresses = u"/api/users/me/addresses"_qs,
                      address = u"/api/users/me/addresses/{id}"_qs, users = u"/api/admin/users"_qs,
                      user = u"/api/admin/users/{id}"_qs,
                      status = u"/api/admin/users/{id}/status"_qs,
                      role = u"/api/admin/users/{id}/role"_qs, audit = u"/api/admin/audit"_qs;
        // Anonymous routes.
        for (const auto &[target, path] :
             QList<std::pair<QByteArray, QString>> {{"/api/auth/register", reg},
                                                    {"/api/auth/login", login},
                                                    {"/api/auth/forgot-password", forgot},
                                                    {"/api/auth/reset-password", reset}}) {
            addCase(qPrintable(path + u" 415"), {"POST", target, text, 415, path, "{}"});
            addCase(qPrintable(path + u" 400"), {"POST", target, kJson, 400, path, "{nope"});
            addCase(qPrintable(path + u" 422"),
                    {"POST", target, kJson, 422, path, jsonBody({{u"email"_qs, 5}})});
        }
        addCase("login 401",
                {"POST", "/api/auth/login", kJson, 401, login,
                 jsonBody({{u"email"_qs, u"nobody@openapi.test"_qs},
                           {u"password"_qs, u"not the password 123"_qs}})});
        addCase("login 403",
                {"POST", "/api/auth/login", kJson, 403, login,
                 jsonBody({{u"email"_qs, u"disabled@openapi.test"_qs},
                           {u"password"_qs, QString::fromLatin1(kPassword)}})});
        addCase("refresh 401",
                {"POST",
                 "/api/auth/refresh",
                 {{"Cookie", "shop_refresh=nonsense"}, {"X-Requested-With", "XMLHttpRequest"}},
                 401,
                 refresh});
        addCase("refresh 403",
                {"POST", "/api/auth/refresh", {{"Cookie", "shop_refresh=x"}}, 403, refresh});
        addCase("logout 403", {"POST", "/api/auth/logout", {}, 403, logout});
        addCase("reset 400",
                {"POST", "/api/auth/reset-password", kJson, 400, reset,
                 jsonBody({{u"token"_qs, u"no-such-token"_qs},
                           {u"password"_qs, u"a renewed passphrase 77"_qs}})});
        // Signed-in routes: no token 401, bad bodies.
        const QList<std::tuple<QByteArray, QByteArray, QString>> signedIn {
            {"GET", "/api/users/me", me},
            {"PUT", "/api/users/me", me},
            {"PUT", "/api/users/me/password", password},
            {"GET", "/api/users/me/addresses", addresses},
            {"POST", "/api/users/me/addresses", addresses},
            {"PUT", "/api/users/me/addresses/" + m_addressId, address},
            {"DELETE", "/api/users/me/addresses/" + m_addressId, address},
            {"GET", "/api/admin/users", users},
            {"GET", "/api/admin/users/" + m_managedId, user},
            {"PUT", "/api/admin/users/" + m_managedId + "/status", status},
            {"PUT", "/api/admin/users/" + m_managedId + "/role", role},
            {"GET", "/api/admin/audit", audit}};
        for (const auto &[method, target, path] : signedIn) {
            addCase(qPrintable(QString::fromLatin1(method) + u' ' + path + u" 401"),
                    {method, target, kJson, 401, path, "{}"});
            if (method == "PUT" || method == "POST") {
                const Headers &who = path.startsWith(u"/api/admin") ? admin : customer;
                Headers plain = who;
                plain.last() = text.first();
                addCase(qPrintable(QString::fromLatin1(method) + u' ' + path + u" 415"),
                        {method, target, plain, 415, path, "{}"});
                addCase(qPrintable(QString::fromLatin1(method) + u' ' + path + u" 400"),
                        {method, target, who, 400, path, "{nope"});
            }
            if (path.startsWith(u"/api/admin")) {
                addCase(qPrintable(QString::fromLatin1(method) + u' ' + path + u" 403"),
                        {method, target, customer, 403, path, "{}"});
            }
        }
        addCase("me 422",
                {"PUT", "/api/users/me", customer, 422, me, jsonBody({{u"role"_qs, u"admin"_qs}})});
        addCase("password 422",
                {"PUT", "/api/users/me/password", bearer(m_passwordToken), 422, password,
                 jsonBody({{u"current_password"_qs, u"not my password!"_qs},
                           {u"new_password"_qs, u"a different passphrase 5"_qs}})});
        addCase("add address 422",
                {"POST", "/api/users/me/addresses", customer, 422, addresses, "{}"});
        addCase("change address 422",
                {"PUT", "/api/users/me/addresses/" + m_addressId, customer, 422, address, "{}"});
        addCase(
            "change address 404",
            {"PUT", "/api/users/me/addresses/" + unknown, customer, 404, address, addressBody()});
        addCase("delete address 404",
                {"DELETE", "/api/users/me/addresses/" + unknown, customerGet, 404, address});
        addCase("users 422", {"GET", "/api/admin/users?limit=0", adminGet, 422, users});
        addCase("user 404", {"GET", "/api/admin/users/" + unknown, adminGet, 404, user});
        addCase("status 404",
                {"PUT", "/api/admin/users/" + unknown + "/status", admin, 404, status,
                 jsonBody({{u"is_active"_qs, true}})});
        addCase("status 409",
                {"PUT", "/api/admin/users/" + m_adminId + "/status", admin, 409, status,
                 jsonBody({{u"is_active"_qs, false}})});
        addCase("status 422",
                {"PUT", "/api/admin/users/" + m_managedId + "/status", admin, 422, status,
                 jsonBody({{u"is_active"_qs, u"yes"_qs}})});
        addCase("role 404",
                {"PUT", "/api/admin/users/" + unknown + "/role", admin, 404, role,
                 jsonBody({{u"role"_qs, u"user"_qs}})});
        addCase("role 409",
                {"PUT", "/api/admin/users/" + m_adminId + "/role", admin, 409, role,
                 jsonBody({{u"role"_qs, u"user"_qs}})});
        addCase("role 422",
                {"PUT", "/api/admin/users/" + m_managedId + "/role", admin, 422, role,
                 jsonBody({{u"role"_qs, u"root"_qs}})});
        addCase("audit 422", {"GET", "/api/admin/audit?from=yesterday", adminGet, 422, audit});
        // Orders.
        const QString orders = u"/api/orders"_qs, order = u"/api/orders/{id}"_qs,
                      cancel = u"/api/orders/{id}/cancel"_qs, adminOrders = u"/api/admin/orders"_qs,
                      adminOrder = u"/api/admin/orders/{id}"_qs,
                      orderStatus = u"/api/admin/orders/{id}/status"_qs,
                      lowStock = u"/api/admin/inventory/low-stock"_qs;
        const QList<std::tuple<QByteArray, QByteArray, QString>> orderRoutes {
            {"POST", "/api/orders", orders},
            {"GET", "/api/orders", orders},
            {"GET", "/api/orders/" + m_orderId, order},
            {"PUT", "/api/orders/" + m_orderId + "/cancel", cancel},
            {"GET", "/api/admin/orders", adminOrders},
            {"GET", "/api/admin/orders/" + m_orderId, adminOrder},
            {"PUT", "/api/admin/orders/" + m_orderId + "/status", orderStatus},
            {"GET", "/api/admin/inventory/low-stock", lowStock},
            {"POST", "/api/payments/create-intent", u"/api/payments/create-intent"_qs},
            {"GET", "/api/orders/" + m_orderId + "/payment", u"/api/orders/{id}/payment"_qs},
            {"GET", "/api/admin/orders/" + m_orderId + "/payment",
             u"/api/admin/orders/{id}/payment"_qs},
            {"POST", "/api/admin/orders/" + m_orderId + "/refunds",
             u"/api/admin/orders/{id}/refunds"_qs}};
        for (const auto &[method, target, path] : orderRoutes) {
            const QString name = QString::fromLatin1(method) + u' ' + path;
            addCase(qPrintable(name + u" 401"), {method, target, kJson, 401, path, "{}"});
            const bool staff = path.startsWith(u"/api/admin");
            if (method == "PUT" || method == "POST") {
                Headers plain = staff ? admin : customer;
                plain.last() = text.first();
                addCase(qPrintable(name + u" 415"), {method, target, plain, 415, path, "{}"});
                addCase(qPrintable(name + u" 400"),
                        {method, target, staff ? admin : customer, 400, path, "{nope"});
            }
            if (staff) {
                addCase(qPrintable(name + u" 403"), {method, target, customer, 403, path, "{}"});
            }
        }
        addCase("place order 400 no key",
                {"POST", "/api/orders", customer, 400, orders, orderBody()});
        addCase("place order 422",
                {"POST", "/api/orders", withKey(customer, "openapi-422"), 422, orders, "{}"});
        addCase("place order 409",
                {"POST", "/api/orders", withKey(bearer(m_shortageToken), "openapi-409"), 409,
                 orders, orderBody()});
        addCase("my orders 422", {"GET", "/api/orders?limit=0", customerGet, 422, orders});
        addCase("my order 404", {"GET", "/api/orders/" + unknown, customerGet, 404, order});
        addCase("cancel 404",
                {"PUT", "/api/orders/" + unknown + "/cancel", customer, 404, cancel, "{}"});
        addCase(
            "cancel 409",
            {"PUT", "/api/orders/" + m_cancelledOrderId + "/cancel", customer, 409, cancel, "{}"});
        addCase(
            "cancel 403",
            {"PUT", "/api/orders/" + m_processingOrderId + "/cancel", customer, 403, cancel, "{}"});
        addCase("cancel 422",
                {"PUT", "/api/orders/" + m_orderId + "/cancel", customer, 422, cancel,
                 jsonBody({{u"reason"_qs, 5}})});
        addCase("admin orders 422",
                {"GET", "/api/admin/orders?status=lost", adminGet, 422, adminOrders});
        addCase("admin order 404",
                {"GET", "/api/admin/orders/" + unknown, adminGet, 404, adminOrder});
        addCase("order status 404",
                {"PUT", "/api/admin/orders/" + unknown + "/status", admin, 404, orderStatus,
                 jsonBody({{u"status"_qs, u"cancelled"_qs}})});
        addCase("order status 409",
                {"PUT", "/api/admin/orders/" + m_orderId + "/status", admin, 409, orderStatus,
                 jsonBody({{u"status"_qs, u"delivered"_qs}})});
        addCase("order status 422",
                {"PUT", "/api/admin/orders/" + m_orderId + "/status", admin, 422, orderStatus,
                 jsonBody({{u"status"_qs, u"lost"_qs}})});
        addCase("low stock 422",
                {"GET", "/api/admin/inventory/low-stock?threshold=-1", adminGet, 422, lowStock});
        // Payments.
        const QString createIntent = u"/api/payments/create-intent"_qs,
                      myPayment = u"/api/orders/{id}/payment"_qs,
                      adminPayment = u"/api/admin/orders/{id}/payment"_qs,
                      refunds = u"/api/admin/orders/{id}/refunds"_qs,
                      webhook = u"/api/payments/webhook"_qs;
        addCase("create intent 404",
                {"POST", "/api/payments/create-intent", customer, 404, createIntent,
                 jsonBody({{u"order_id"_qs, QString::fromLatin1(unknown)}})});
        addCase("create intent 409",
                {"POST", "/api/payments/create-intent", customer, 409, createIntent,
                 jsonBody({{u"order_id"_qs, QString::fromLatin1(m_cancelledOrderId)}})});
        addCase("create intent 422",
                {"POST", "/api/payments/create-intent", customer, 422, createIntent, "{}"});
        addCase("my payment 404",
                {"GET", "/api/orders/" + unknown + "/payment", customerGet, 404, myPayment});
        addCase("admin payment 404",
                {"GET", "/api/admin/orders/" + unknown + "/payment", adminGet, 404, adminPayment});
        const QByteArray refund =
            jsonBody({{u"reason"_qs, u"duplicate"_qs}, {u"note"_qs, u"openapi"_qs}});
        addCase("refund 404",
                {"POST", "/api/admin/orders/" + unknown + "/refunds", admin, 404, refunds, refund});
        addCase(
            "refund 409",
            {"POST", "/api/admin/orders/" + m_orderId + "/refunds", admin, 409, refunds, refund});
        addCase("refund 422",
                {"POST", "/api/admin/orders/" + m_orderId + "/refunds", admin, 422, refunds,
                 jsonBody({{u"reason"_qs, u"because"_qs}})});
        const auto [event, signature] = signedEvent();
        addCase("webhook", {"POST", "/api/payments/webhook", signature, 200, webhook, event});
        addCase("webhook 400", {"POST", "/api/payments/webhook", kJson, 400, webhook, event});
        addCase("webhook 413",
                {"POST", "/api/payments/webhook", kJson + Headers {{"Content-Length", kTooLarge}},
                 413, webhook});
        addCase("webhook 405", {"PATCH", "/api/payments/webhook", kJson, 405, webhook});
        // The staff's catalog.
        const QString createProduct = u"/api/products"_qs, adminProduct = u"/api/products/{id}"_qs,
                      readProduct = u"/api/admin/products/{id}"_qs,
                      restore = u"/api/admin/products/{id}/restore"_qs,
                      stock = u"/api/admin/products/{id}/stock"_qs,
                      movements = u"/api/admin/products/{id}/stock-movements"_qs,
                      categories = u"/api/admin/categories"_qs,
                      category = u"/api/admin/categories/{id}"_qs;
        const QByteArray productTarget = "/api/products/" + kAdminProductId;
        const QByteArray unknownProduct = "/api/products/" + unknown;
        const QByteArray validProduct = jsonBody(
            {{u"sku"_qs, u"ADMIN-1"_qs}, {u"name"_qs, u"Admin mug"_qs}, {u"price"_qs, 900}});
        const QByteArray removeAll =
            jsonBody({{u"delta"_qs, -100000}, {u"reason"_qs, u"damaged"_qs}});
        const QList<std::tuple<QByteArray, QByteArray, QString>> catalogRoutes {
            {"POST", "/api/products", createProduct},
            {"PUT", productTarget, adminProduct},
            {"DELETE", productTarget, adminProduct},
            {"GET", "/api/admin/products/" + kAdminProductId, readProduct},
            {"POST", "/api/admin/products/" + kAdminProductId + "/restore", restore},
            {"POST", "/api/admin/products/" + kAdminProductId + "/stock", stock},
            {"GET", "/api/admin/products/" + kAdminProductId + "/stock-movements", movements},
            {"POST", "/api/admin/categories", categories},
            {"PUT", "/api/admin/categories/" + kAdminCategoryId, category},
            {"DELETE", "/api/admin/categories/" + kDoomedCategoryId, category}};
        for (const auto &[method, target, path] : catalogRoutes) {
            const QString name = u"catalog "_qs + QString::fromLatin1(method) + u' ' + path;
            addCase(qPrintable(name + u" 401"), {method, target, kJson, 401, path, "{}"});
            addCase(qPrintable(name + u" 403"), {method, target, customer, 403, path, "{}"});
            const bool withBody =
                (method == "PUT" || method == "POST") && !path.endsWith(u"restore");
            if (withBody) {
                Headers plain = admin;
                plain.last() = text.first();
                addCase(qPrintable(name + u" 415"), {method, target, plain, 415, path, "{}"});
                addCase(qPrintable(name + u" 400"), {method, target, admin, 400, path, "{nope"});
            }
        }
        addCase("create product 422", {"POST", "/api/products", admin, 422, createProduct, "{}"});
        addCase("replace product 404",
                {"PUT", unknownProduct, admin, 404, adminProduct, validProduct});
        addCase("replace product 412",
                {"PUT", productTarget, admin + Headers {{"If-Match", "\"999\""}}, 412, adminProduct,
                 validProduct});
        addCase("replace product 422", {"PUT", productTarget, admin, 422, adminProduct, "{}"});
        addCase("delete product 404", {"DELETE", unknownProduct, adminGet, 404, adminProduct});
        addCase("delete product 412",
                {"DELETE", productTarget, adminGet + Headers {{"If-Match", "\"999\""}}, 412,
                 adminProduct});
        addCase("admin product 404",
                {"GET", "/api/admin/products/" + unknown, adminGet, 404, readProduct});
        addCase("restore 404",
                {"POST", "/api/admin/products/" + unknown + "/restore", adminGet, 404, restore});
        addCase("restore 412",
                {"POST", "/api/admin/products/" + kAdminProductId + "/restore",
                 adminGet + Headers {{"If-Match", "\"999\""}}, 412, restore});
        addCase("stock 404",
                {"POST", "/api/admin/products/" + unknown + "/stock", admin, 404, stock,
                 jsonBody({{u"delta"_qs, 1}, {u"reason"_qs, u"received"_qs}})});
        addCase("stock 409",
                {"POST", "/api/admin/products/" + kAdminProductId + "/stock", admin, 409, stock,
                 removeAll});
        addCase(
            "stock 422",
            {"POST", "/api/admin/products/" + kAdminProductId + "/stock", admin, 422, stock, "{}"});
        addCase("stock movements 404",
                {"GET", "/api/admin/products/" + unknown + "/stock-movements", adminGet, 404,
                 movements});
        addCase("stock movements 422",
                {"GET", "/api/admin/products/" + kAdminProductId + "/stock-movements?limit=0",
                 adminGet, 422, movements});
        addCase("create category 422",
                {"POST", "/api/admin/categories", admin, 422, categories, "{}"});
        addCase("change category 404",
                {"PUT", "/api/admin/categories/" + unknown, admin, 404, category,
                 jsonBody({{u"name"_qs, u"x"_qs}})});
        addCase("change category 422",
                {"PUT", "/api/admin/categories/" + kAdminCategoryId, admin, 422, category,
                 jsonBody({{u"slug"_qs, u"Not A Slug"_qs}})});
        addCase("delete category 404",
                {"DELETE", "/api/admin/categories/" + unknown, adminGet, 404, category});
        addCase("delete category 409",
                {"DELETE", "/api/admin/categories/22222222-2222-4222-8222-222222222222", adminGet,
                 409, category});
        // The staff's list, images and CSV.
        const QString adminList = u"/api/admin/products"_qs,
                      exportCsv = u"/api/admin/products/export.csv"_qs,
                      importCsv = u"/api/admin/products/import"_qs,
                      images = u"/api/admin/products/{id}/images"_qs,
                      image = u"/api/admin/products/{id}/images/{image_id}"_qs,
                      primary = u"/api/admin/products/{id}/images/{image_id}/primary"_qs;
        const QByteArray imagesTarget = "/api/admin/products/" + kAdminProductId + "/images";
        const QByteArray imageTarget = imagesTarget + "/" + kAdminImageId;
        const Headers csvType {{"Content-Type", "text/csv"}};
        const Headers svgType {{"Content-Type", "image/svg+xml"}};
        const QList<std::tuple<QByteArray, QByteArray, QString, QByteArray>> mediaRoutes {
            {"GET", "/api/admin/products", adminList, {}},
            {"GET", "/api/admin/products/export.csv", exportCsv, {}},
            {"POST", "/api/admin/products/import?dry_run=false", importCsv,
             kCsvHeader + "OPENAPI-NO,No,,1.00,,,,1,\r\n"},
            {"GET", imagesTarget, images, {}},
            {"POST", imagesTarget, images, kUploadSvg},
            {"DELETE", imageTarget, image, {}},
            {"PUT", imageTarget + "/primary", primary, {}}};
        for (const auto &[method, target, path, body] : mediaRoutes) {
            const QString name = u"media "_qs + QString::fromLatin1(method) + u' ' + path;
            addCase(qPrintable(name + u" 401"), {method, target, svgType, 401, path, body});
            addCase(qPrintable(name + u" 403"),
                    {method, target, bearer(m_customerToken, false) + svgType, 403, path, body});
        }
        addCase("admin products 422",
                {"GET", "/api/admin/products?active=maybe", adminGet, 422, adminList});
        addCase("export csv 422",
                {"GET", "/api/admin/products/export.csv?active=maybe", adminGet, 422, exportCsv});
        addCase("import csv 400",
                {"POST", "/api/admin/products/import?dry_run=true", adminGet + csvType, 400,
                 importCsv, "nope\r\n"});
        addCase("import csv 422",
                {"POST", "/api/admin/products/import?dry_run=false", adminGet + csvType, 422,
                 importCsv, kCsvHeader + "OPENAPI-BAD,Bad,,-1,,,,1,\r\n"});
        addCase("product images 404",
                {"GET", "/api/admin/products/" + unknown + "/images", adminGet, 404, images});
        addCase("upload image 404",
                {"POST", "/api/admin/products/" + unknown + "/images", adminGet + svgType, 404,
                 images, kUploadSvg});
        addCase("upload image 412",
                {"POST", imagesTarget, adminGet + svgType + Headers {{"If-Match", "\"999\""}}, 412,
                 images, kUploadSvg});
        addCase("upload image 415",
                {"POST", imagesTarget, adminGet + Headers {{"Content-Type", "image/png"}}, 415,
                 images, QByteArray("GIF89a\x01\0\x01\0\0\0\0;", 14)});
        addCase("upload image 422",
                {"POST", imagesTarget, adminGet + svgType, 422, images,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\"/>"});
        addCase("delete image 404", {"DELETE", imagesTarget + "/" + unknown, adminGet, 404, image});
        addCase("delete image 412",
                {"DELETE", imageTarget, adminGet + Headers {{"If-Match", "\"999\""}}, 412, image});
        addCase("primary image 404",
                {"PUT", imagesTarget + "/" + unknown + "/primary", adminGet, 404, primary});
        addCase("primary image 412",
                {"PUT", imageTarget + "/primary", adminGet + Headers {{"If-Match", "\"999\""}}, 412,
                 primary});
        // Wrong method and too large, per path (an image upload takes up to the largest image,
        // 5 MiB, whatever the server's body limit).
        for (const AccountOperation &op : accountOperations()) {
            const bool imageUpload = op.method == "POST" && op.path.endsWith(u"/images");
            const QByteArray tooLarge =
                imageUpload ? QByteArray::number(5 * 1024 * 1024 + 1) : kTooLarge;
            addCase(qPrintable(QString::fromLatin1(op.name) + u" 413"),
                    {op.method, op.target, op.headers + Headers {{"Content-Length", tooLarge}}, 413,
                     op.path});
            addCase(qPrintable(QString::fromLatin1(op.name) + u" 405"),
                    {"PATCH", op.target, op.headers, 405, op.path});
        }
    }

    void liveAccountErrors() { runCase(*m_server); }

    // The accounts' happy answers (last: they sign out, rotate and change what they use).
    void liveAccounts_data()
    {
        caseColumns();
        addAccountCases(0);
    }

    void liveAccounts() { runCase(*m_server); }

    // The other direction: every answer the document lists was seen above.
    void everyDocumentedAnswerIsProvoked()
    {
        QStringList missing;
        const QJsonObject all = paths();
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (const QString &method : item.keys()) {
                const QJsonObject responses =
                    item.value(method).toObject().value(u"responses").toObject();
                for (const QString &status : responses.keys()) {
                    const QString answer = method + u' ' + it.key() + u' ' + status;
                    if (!m_provoked.contains(answer) && !kNotProvoked.contains(status)) {
                        missing.append(answer);
                    }
                }
            }
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"documented, but no request of this test provokes it: "
                            + missing.join(u", ")));
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
