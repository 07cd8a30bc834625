#pragma once

// What the orders tests share: the whole shop-server in process on a real socket over a fresh
// PostgreSQL database, its job workers sending mail to shop-sandbox's inbox, and quick ways to
// make customers (rows plus signed access tokens: no password hashing), products and carts.

#include "auth/jwt.h"
#include "db/database.h"
#include "sandbox/sandboxserver.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <functional>

#include <memory>
#include <vector>

namespace Shop::Tests {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Customer
{
    QString id;
    QString email;
    QByteArray token; // a valid access token
};

class OrderFixture final
{
public:
    static inline const QString kSecretB64 =
        QStringLiteral("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="); // 32 bytes
    static inline const QString kSandboxKey = QStringLiteral("SG.orders-test");

    // Empty string when everything started, else why not. `adjust` may change the server's
    // configuration once the sandbox listens (the payments tests point Stripe at it).
    QString
    start(int workers = 4,
          const std::function<void(Server::ServerConfig &, const QString &sandboxUrl)> &adjust = {})
    {
        auto db = TestDatabase::create();
        if (!db) {
            return db.error().message;
        }
        m_db = std::move(*db);
        Sandbox::SandboxOptions options;
        options.sendGridKeys = {kSandboxKey};
        m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
        m_sandboxHttp = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
        if (!m_sandboxHttp->isRunning()) {
            return QStringLiteral("shop-sandbox did not start");
        }
        Server::ServerConfig config;
        config.database = m_db->config();
        config.database.poolSize = workers;
        config.auth.signingKeys = QStringLiteral("test:") + kSecretB64;
        config.mail.sendgridBaseUrl = m_sandboxHttp->url();
        config.mail.sendgridApiKey = kSandboxKey;
        config.jobs.pollMs = 200;
        // Many requests from one address and one account.
        config.http.rateLimit.anonWritePer15Min = 100000000;
        config.http.rateLimit.accountPerMin = 100000000;
        if (adjust) {
            adjust(config, m_sandboxHttp->url());
        }
        m_server = std::make_unique<TestServer>(config);
        if (!m_server->isRunning()) {
            return m_server->errorString();
        }
        // Demo tax rates the tests rely on.
        exec(QStringLiteral("INSERT INTO tax_rates (country, region, rate_ppm) VALUES "
                            "('US', '', 0), ('US', 'NY', 88750), ('DE', '', 190000)"));
        return {};
    }

    void stop()
    {
        m_server.reset();
        m_sandboxHttp.reset();
        m_sandbox.reset();
        m_db.reset();
    }

    [[nodiscard]] TestServer &server() const { return *m_server; }
    [[nodiscard]] TestServer &sandbox() const { return *m_sandboxHttp; }
    [[nodiscard]] Sandbox::SandboxServer &sandboxServer() const { return *m_sandbox; }
    // The database's URL (libpq accepts it: pg_dump, psql).
    [[nodiscard]] QString databaseUrl() const { return m_db->url(); }
    [[nodiscard]] QString databaseName() const { return m_db->name(); }

    static QByteArray json(const QJsonObject &object)
    {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    // A customer (or an admin) as a row and a signed access token.
    Customer customer(const QString &role = QStringLiteral("user"))
    {
        const QString email = QStringLiteral("c%1-%2@example.com")
                                  .arg(++m_counter)
                                  .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
        const QString id = scalarText(
            QStringLiteral("INSERT INTO users (email, password_hash, first_name, last_name, role) "
                           "VALUES (?, 'unusable', 'Test', 'Customer', ?) RETURNING id"),
            {email, role});
        return {id, email, token(id, role)};
    }

    QByteArray token(const QString &userId, const QString &role) const
    {
        auto codec = Auth::JwtCodec::create(
            {{QStringLiteral("test"), QByteArray::fromBase64(kSecretB64.toLatin1())}},
            QStringLiteral("test"),
            {QStringLiteral("shop"), QStringLiteral("shop-api"), std::chrono::seconds(30)});
        Auth::TokenClaims claims;
        claims.subject = userId;
        claims.sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        claims.type = QStringLiteral("access");
        claims.role = role;
        claims.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        return codec ? codec->sign(claims) : QByteArray();
    }

    // A product with this price (minor units, USD) and stock.
    QString product(qint64 price, int stock, const QString &name = QString())
    {
        const QString sku = QStringLiteral("T-%1").arg(++m_counter);
        return scalarText(
            QStringLiteral("INSERT INTO products (name, price, currency, sku, "
                           "stock_quantity) VALUES (?, ?, 'USD', ?, ?) RETURNING id"),
            {name.isEmpty() ? QStringLiteral("Product %1").arg(sku) : name, price, sku, stock});
    }

    // Puts `quantity` of the product in the customer's cart (creating the cart).
    void addToCart(const Customer &c, const QString &productId, int quantity)
    {
        exec(QStringLiteral("INSERT INTO carts (user_id) VALUES (?::uuid) "
                            "ON CONFLICT (user_id) DO NOTHING"),
             {c.id});
        exec(QStringLiteral("INSERT INTO cart_items (cart_id, product_id, quantity, price_at_add, "
                            "currency) SELECT c.id, p.id, ?, p.price, p.currency FROM carts c, "
                            "products p WHERE c.user_id = ?::uuid AND p.id = ?::uuid"),
             {quantity, c.id, productId});
    }

    // The same line in many carts at once (one statement).
    void addToCarts(const std::vector<Customer> &customers, const QString &productId, int quantity)
    {
        QStringList ids;
        for (const Customer &c : customers) {
            ids << c.id;
        }
        const QString array = u'{' + ids.join(u',') + u'}';
        exec(QStringLiteral("INSERT INTO carts (user_id) SELECT unnest(?::uuid[]) "
                            "ON CONFLICT (user_id) DO NOTHING"),
             {array});
        exec(QStringLiteral("INSERT INTO cart_items (cart_id, product_id, quantity, price_at_add, "
                            "currency) SELECT c.id, p.id, ?, p.price, p.currency FROM carts c, "
                            "products p WHERE c.user_id = ANY(?::uuid[]) AND p.id = ?::uuid"),
             {quantity, array, productId});
    }

    static QJsonObject address(const QString &country = QStringLiteral("US"),
                               const QString &region = QStringLiteral("NY"))
    {
        return {{QStringLiteral("shipping_address"),
                 QJsonObject {{QStringLiteral("recipient_name"), QStringLiteral("Ada Lovelace")},
                              {QStringLiteral("line1"), QStringLiteral("1 Analytical Way")},
                              {QStringLiteral("city"), QStringLiteral("New York")},
                              {QStringLiteral("postal_code"), QStringLiteral("10001")},
                              {QStringLiteral("region"), region},
                              {QStringLiteral("country"), country}}}};
    }

    // POST /api/orders on a connection of its own (any thread).
    HttpReply placeOrder(const Customer &c, const QByteArray &key,
                         const QJsonObject &body = address()) const
    {
        Headers headers {{"Authorization", "Bearer " + c.token},
                         {"Content-Type", "application/json"}};
        if (!key.isEmpty()) {
            headers.append(std::pair<QByteArray, QByteArray>("Idempotency-Key", key));
        }
        return m_server->request("POST", "/api/orders", headers, json(body), 60000);
    }

    HttpReply call(const QByteArray &method, const QByteArray &path, const Customer &c,
                   const QJsonObject &body = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + c.token}};
        if (method == "POST" || method == "PUT") {
            headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
            return m_server->request(method, path, headers, json(body), 60000);
        }
        return m_server->request(method, path, headers, {}, 60000);
    }

    bool exec(const QString &sql, const QVariantList &values = {}) const
    {
        auto db = Db::threadConnection();
        if (!db) {
            qWarning() << db.error().message;
            return false;
        }
        auto q = Db::exec(*db, sql, values);
        if (!q) {
            qWarning() << sql << q.error().message << q.error().logDetail;
            return false;
        }
        return true;
    }

    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto db = Db::threadConnection();
        if (!db) {
            return -1;
        }
        auto q = Db::exec(*db, sql, values);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    QString scalarText(const QString &sql, const QVariantList &values = {}) const
    {
        auto db = Db::threadConnection();
        if (!db) {
            return {};
        }
        auto q = Db::exec(*db, sql, values);
        if (!q) {
            qWarning() << sql << q.error().message << q.error().logDetail;
            return {};
        }
        return q->next() ? q->value(0).toString() : QString();
    }

    int stock(const QString &productId) const
    {
        return int(scalar(QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?::uuid"),
                          {productId}));
    }

    QJsonArray inbox() const
    {
        return m_sandboxHttp->get("/api/messages")
            .json()
            .value(QStringLiteral("messages"))
            .toArray();
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_sandboxHttp;
    std::unique_ptr<TestServer> m_server;
    int m_counter = 0;
};

} // namespace Shop::Tests
