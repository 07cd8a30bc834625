#pragma once

#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QString>
#include <QUrl>
#include <QVariant>

#include <memory>

namespace Shop::Tests {

// The REAL shop-server binary on a fresh database, for client and app tests.
//
//   ExternalServer server;
//   QVERIFY2(server.start(), qPrintable(server.errorString()));
//   client.setBaseUrl(server.baseUrl());
//
// start() creates a uniquely named database in the cluster of SHOP_TEST_DATABASE_URL (set by
// scripts/with-test-services), runs `shop-server migrate` and `shop-server seed-demo` (or
// `import-products` with a CSV) against it, starts `shop-server serve` on a free port and waits
// for /health/ready. The destructor stops the server and drops the database.
//
// With Options::sandbox, start() first starts the REAL shop-sandbox binary on a free port and
// points the server's mail at it (mail/sendgrid_base_url and mail/sendgrid_api_key through the
// environment, job workers polling every 200 ms): welcome and reset emails land in its inbox,
// which sandboxMessages() reads. Its Stripe too: the server's [payments] settings point at the
// sandbox (its default keys sk_test_sandbox / pk_test_sandbox and webhook secret whsec_sandbox),
// and once the server listens its webhook URL is registered with the sandbox's
// POST /v1/webhook_endpoints, so the sandbox delivers Stripe events to it.
class ExternalServer final
{
public:
    struct Options
    {
        bool seedDemo = true; // `shop-server seed-demo`
        QByteArray csv; // not empty: written to a file and imported with import-products
        bool sandbox = false; // mail goes to a shop-sandbox process started for this server
        // Redis for the server (SHOP_REDIS_URL), e.g. the test services' SHOP_TEST_REDIS_URL;
        // empty: none. Its keys get a prefix unique to this server's database
        // ("test:<database>:"), unless redisPrefix names one that several servers share (several
        // instances of one store).
        QString redisUrl;
        QString redisPrefix;
        // Further settings for every shop-server command, as environment variables
        // (e.g. {"SHOP_AUTH_ACCESS_TTL_SEC", "60"}); they win over the defaults set here.
        QHash<QString, QString> environment;
    };

    ExternalServer();
    ~ExternalServer();
    ExternalServer(const ExternalServer &) = delete;
    ExternalServer &operator=(const ExternalServer &) = delete;

    [[nodiscard]] bool start(const Options &options);
    [[nodiscard]] bool start() { return start(Options {}); }
    // Stops only the HTTP server (the database stays): "the server went away".
    void stopServing();
    // Starts serving again on the same port.
    [[nodiscard]] bool startServing();
    [[nodiscard]] bool isServing() const;

    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString databaseUrl() const { return m_databaseUrl; }
    // The Redis key prefix the server uses (empty without Options::redisUrl).
    [[nodiscard]] QString redisPrefix() const;
    [[nodiscard]] QString errorString() const { return m_error; }
    // The server's log so far (stdout and stderr of `serve`), for failure messages.
    [[nodiscard]] QByteArray serverLog() const;

    // With Options::sandbox: the sandbox's address ("http://127.0.0.1:PORT"), else empty.
    [[nodiscard]] QUrl sandboxUrl() const { return m_sandboxUrl; }
    // The sandbox inbox (GET /api/messages): its messages, newest first, each
    // {"id","from","to":[...],"subject","text","html","received_at"}. Waits at most `timeoutMs`
    // for the answer; empty (and errorString() says why) when there is none.
    [[nodiscard]] QJsonArray sandboxMessages(int timeoutMs = 10000);
    // Empties the inbox (DELETE /api/messages).
    [[nodiscard]] bool clearSandboxInbox(int timeoutMs = 10000);
    // With Options::sandbox: the Stripe keys the server and the sandbox share (test values).
    [[nodiscard]] static QString stripeSecretKey();
    [[nodiscard]] static QString stripePublishableKey();
    [[nodiscard]] static QString stripeWebhookSecret();
    // The id of the webhook endpoint registered with the sandbox ("we_..."), empty when the
    // sandbox has no Stripe API (404).
    [[nodiscard]] QString stripeWebhookEndpointId() const { return m_webhookEndpointId; }
    // One request to the sandbox's Stripe API with the secret key: form-encoded `form` for POST,
    // nothing for GET; the HTTP status (0: no answer) and the body.
    [[nodiscard]] int stripeRequest(const QByteArray &verb, const QString &path,
                                    const QByteArray &form, QByteArray *body,
                                    int timeoutMs = 10000);
    // The sandbox's output so far, for failure messages.
    [[nodiscard]] QByteArray sandboxLog() const;

    // One value of a query on the test database (on a connection of its own), for what a test
    // checks beyond the API (e.g. that signing out revoked the session). Invalid on an error
    // (errorString() says which) or without a row.
    [[nodiscard]] QVariant queryValue(const QString &sql, const QVariantList &values = {});

    // Runs `shop-server <arguments>` against the test database and waits for it.
    [[nodiscard]] bool runCommand(const QStringList &arguments, int timeoutMs = 600000);

    [[nodiscard]] static QString serverBinary();
    [[nodiscard]] static QString sandboxBinary();
    [[nodiscard]] static quint16 freePort();

private:
    [[nodiscard]] bool createDatabase();
    void dropDatabase();
    [[nodiscard]] bool waitUntilReady(int timeoutMs);
    [[nodiscard]] QProcessEnvironment environment() const;
    [[nodiscard]] bool startSandbox();
    void stopSandbox();
    // One request to the sandbox; the HTTP status (0: no answer) and the body.
    [[nodiscard]] int sandboxRequest(const QByteArray &verb, const QString &path, int timeoutMs,
                                     QByteArray *body, const QByteArray &form = {},
                                     bool stripeKey = false);
    [[nodiscard]] bool registerStripeWebhook();

    QString m_maintenanceUrl;
    QString m_databaseName;
    QString m_databaseUrl;
    QString m_connectionName;
    quint16 m_port = 0;
    Options m_options;
    std::unique_ptr<QProcess> m_serve;
    std::unique_ptr<QProcess> m_sandbox;
    QUrl m_sandboxUrl;
    QString m_webhookEndpointId;
    QByteArray m_sandboxLog;
    QByteArray m_log;
    QString m_error;
};

} // namespace Shop::Tests
