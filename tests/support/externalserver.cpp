#include "support/externalserver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

namespace Shop::Tests {

namespace {

// The SendGrid key the test sandbox accepts and the server sends (a test value, not a secret).
const QString kSandboxKey = QStringLiteral("SG.shop-external-server-test-key");

struct PgLocation
{
    QString host;
    int port = 5432;
    QString user;
    QString database;
};

PgLocation parsePgUrl(const QString &text)
{
    const QUrl url(text);
    const QUrlQuery query(url);
    PgLocation location;
    location.host = url.host();
    if (query.hasQueryItem(QStringLiteral("host"))) {
        location.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    }
    location.port = url.port(5432);
    if (query.hasQueryItem(QStringLiteral("port"))) {
        location.port = query.queryItemValue(QStringLiteral("port")).toInt();
    }
    location.user = url.userName();
    if (query.hasQueryItem(QStringLiteral("user"))) {
        location.user = query.queryItemValue(QStringLiteral("user"));
    }
    location.database = url.path().mid(1);
    return location;
}

QString withDatabase(const QString &maintenanceUrl, const QString &name)
{
    QUrl url(maintenanceUrl);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

} // namespace

ExternalServer::ExternalServer() = default;

ExternalServer::~ExternalServer()
{
    stopServing();
    stopSandbox();
    dropDatabase();
}

QString ExternalServer::serverBinary()
{
    return QStringLiteral(SHOP_SERVER_BINARY);
}

QString ExternalServer::sandboxBinary()
{
    return QStringLiteral(SHOP_SANDBOX_BINARY);
}

quint16 ExternalServer::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

QProcessEnvironment ExternalServer::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHOP_DATABASE_URL"), m_databaseUrl);
    env.insert(QStringLiteral("SHOP_HTTP_PORT"), QString::number(m_port));
    env.insert(QStringLiteral("SHOP_HTTP_ADDRESS"), QStringLiteral("127.0.0.1"));
    // Client and widget tests load pages and their images from one address far faster than a
    // customer: raise the catalog rate limit unless the caller set one (the limit itself is
    // tested in tst_requestlimits and tst_openapi).
    if (!env.contains(QStringLiteral("SHOP_RATELIMIT_CATALOG_PER_MIN"))) {
        env.insert(QStringLiteral("SHOP_RATELIMIT_CATALOG_PER_MIN"), QStringLiteral("100000"));
    }
    if (m_options.sandbox) {
        env.insert(QStringLiteral("SHOP_MAIL_SENDGRID_BASE_URL"), m_sandboxUrl.toString());
        env.insert(QStringLiteral("SHOP_MAIL_SENDGRID_API_KEY"), kSandboxKey);
        // Idle workers look for due mail jobs this often (besides the notifications), so that a
        // test waits for an email about a second at most.
        env.insert(QStringLiteral("SHOP_JOBS_POLL_MS"), QStringLiteral("200"));
        // Payments through the sandbox's Stripe, with the keys it accepts by default.
        const QString sandbox = m_sandboxUrl.toString(QUrl::StripTrailingSlash);
        env.insert(QStringLiteral("SHOP_PAYMENTS_STRIPE_API_URL"), sandbox);
        env.insert(QStringLiteral("SHOP_PAYMENTS_STRIPE_JS_URL"),
                   sandbox + QStringLiteral("/stripe-js/v3"));
        env.insert(QStringLiteral("SHOP_PAYMENTS_STRIPE_SECRET_KEY"), stripeSecretKey());
        env.insert(QStringLiteral("SHOP_PAYMENTS_STRIPE_PUBLISHABLE_KEY"), stripePublishableKey());
        env.insert(QStringLiteral("SHOP_PAYMENTS_STRIPE_WEBHOOK_SECRETS"), stripeWebhookSecret());
    }
    if (!m_options.redisUrl.isEmpty()) {
        env.insert(QStringLiteral("SHOP_REDIS_URL"), m_options.redisUrl);
        env.insert(QStringLiteral("SHOP_REDIS_PREFIX"), redisPrefix());
    }
    for (auto it = m_options.environment.cbegin(); it != m_options.environment.cend(); ++it) {
        env.insert(it.key(), it.value());
    }
    return env;
}

QString ExternalServer::redisPrefix() const
{
    if (m_options.redisUrl.isEmpty()) {
        return {};
    }
    return m_options.redisPrefix.isEmpty() ? QStringLiteral("test:%1:").arg(m_databaseName)
                                           : m_options.redisPrefix;
}

bool ExternalServer::startSandbox()
{
    stopSandbox();
    m_sandbox = std::make_unique<QProcess>();
    m_sandbox->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(m_sandbox.get(), &QProcess::readyRead, m_sandbox.get(),
                     [this] { m_sandboxLog += m_sandbox->readAll(); });
    // Port 0: the sandbox takes a free port itself and prints it, so no other process can take
    // it between a probe and the start.
    m_sandbox->start(sandboxBinary(),
                     {QStringLiteral("--address"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--sendgrid-key"), kSandboxKey});
    if (!m_sandbox->waitForStarted(10000)) {
        m_error =
            QStringLiteral("Cannot start %1: %2").arg(sandboxBinary(), m_sandbox->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (http://[^ \\n]+)"));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        const QRegularExpressionMatch match = listening.match(QString::fromLocal8Bit(m_sandboxLog));
        if (match.hasMatch()) {
            m_sandboxUrl = QUrl(match.captured(1));
            return true;
        }
        if (m_sandbox->state() == QProcess::NotRunning) {
            break;
        }
        m_sandbox->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    m_error = QStringLiteral("shop-sandbox did not say where it listens:\n%1")
                  .arg(QString::fromLocal8Bit(m_sandboxLog));
    return false;
}

void ExternalServer::stopSandbox()
{
    if (!m_sandbox) {
        return;
    }
    if (m_sandbox->state() != QProcess::NotRunning) {
        m_sandbox->terminate();
        if (!m_sandbox->waitForFinished(10000)) {
            m_sandbox->kill();
            m_sandbox->waitForFinished(5000);
        }
    }
    m_sandboxLog += m_sandbox->readAll();
    m_sandbox.reset();
}

QString ExternalServer::stripeSecretKey()
{
    return QStringLiteral("sk_test_sandbox");
}

QString ExternalServer::stripePublishableKey()
{
    return QStringLiteral("pk_test_sandbox");
}

QString ExternalServer::stripeWebhookSecret()
{
    return QStringLiteral("whsec_sandbox");
}

int ExternalServer::stripeRequest(const QByteArray &verb, const QString &path,
                                  const QByteArray &form, QByteArray *body, int timeoutMs)
{
    return sandboxRequest(verb, path, timeoutMs, body, form, true);
}

bool ExternalServer::registerStripeWebhook()
{
    // Stripe's own call: the sandbox answers a WebhookEndpoint whose secret is its configured
    // webhook secret (the one the server verifies with).
    QUrl webhook = baseUrl();
    webhook.setPath(QStringLiteral("/api/payments/webhook"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("url"), webhook.toString());
    form.addQueryItem(QStringLiteral("enabled_events[]"), QStringLiteral("*"));
    QByteArray body;
    const int status = stripeRequest("POST", QStringLiteral("/v1/webhook_endpoints"),
                                     form.query(QUrl::FullyEncoded).toUtf8(), &body);
    if (status == 404) {
        // A sandbox without the Stripe API: mail-only tests still run.
        m_sandboxLog += "ExternalServer: the sandbox has no /v1/webhook_endpoints (404)\n";
        return true;
    }
    if (status != 200) {
        m_error = QStringLiteral("POST /v1/webhook_endpoints answered %1: %2")
                      .arg(status)
                      .arg(QString::fromUtf8(body));
        return false;
    }
    m_webhookEndpointId =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString();
    return true;
}

int ExternalServer::sandboxRequest(const QByteArray &verb, const QString &path, int timeoutMs,
                                   QByteArray *body, const QByteArray &form, bool stripeKey)
{
    if (m_sandboxUrl.isEmpty()) {
        m_error = QStringLiteral("The server runs without a sandbox (Options::sandbox).");
        return 0;
    }
    QNetworkAccessManager network;
    QUrl url = m_sandboxUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    if (stripeKey) {
        request.setRawHeader("Authorization", "Bearer " + stripeSecretKey().toUtf8());
    }
    if (!form.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    }
    QNetworkReply *reply = form.isEmpty() ? network.sendCustomRequest(request, verb)
                                          : network.sendCustomRequest(request, verb, form);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished()) {
        loop.exec();
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (body) {
        *body = reply->readAll();
    }
    if (status == 0) {
        m_error = QStringLiteral("%1 %2: %3")
                      .arg(QString::fromLatin1(verb), url.toString(), reply->errorString());
    }
    delete reply;
    return status;
}

QJsonArray ExternalServer::sandboxMessages(int timeoutMs)
{
    QByteArray body;
    const int status = sandboxRequest("GET", QStringLiteral("/api/messages"), timeoutMs, &body);
    if (status != 200) {
        if (status != 0) {
            m_error = QStringLiteral("GET /api/messages answered %1").arg(status);
        }
        return {};
    }
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("messages")).toArray();
}

bool ExternalServer::clearSandboxInbox(int timeoutMs)
{
    const int status =
        sandboxRequest("DELETE", QStringLiteral("/api/messages"), timeoutMs, nullptr);
    if (status != 204 && status != 0) {
        m_error = QStringLiteral("DELETE /api/messages answered %1").arg(status);
    }
    return status == 204;
}

QByteArray ExternalServer::sandboxLog() const
{
    return m_sandboxLog;
}

bool ExternalServer::createDatabase()
{
    m_maintenanceUrl = qEnvironmentVariable("SHOP_TEST_DATABASE_URL");
    if (m_maintenanceUrl.isEmpty()) {
        m_error = QStringLiteral("SHOP_TEST_DATABASE_URL is not set. Run the tests through "
                                 "scripts/with-test-services, e.g. scripts/with-test-services "
                                 "ctest --test-dir build-apps -L client.");
        return false;
    }
    const PgLocation location = parsePgUrl(m_maintenanceUrl);
    m_databaseName = QStringLiteral("shop_client_%1_%2_%3")
                         .arg(QCoreApplication::applicationName().toLower().remove(u'-'))
                         .arg(QCoreApplication::applicationPid())
                         .arg(QRandomGenerator::global()->bounded(1u << 30), 0, 16);
    m_connectionName = QStringLiteral("testserver-") + m_databaseName;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setDatabaseName(location.database.isEmpty() ? QStringLiteral("postgres")
                                                       : location.database);
        if (!db.open()) {
            m_error = QStringLiteral("Cannot connect to the test cluster (%1): %2")
                          .arg(m_maintenanceUrl, db.lastError().text());
            return false;
        }
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_databaseName))) {
            m_error = QStringLiteral("CREATE DATABASE failed: %1").arg(query.lastError().text());
            return false;
        }
    }
    m_databaseUrl = withDatabase(m_maintenanceUrl, m_databaseName);
    return true;
}

QVariant ExternalServer::queryValue(const QString &sql, const QVariantList &values)
{
    if (m_databaseUrl.isEmpty()) {
        m_error = QStringLiteral("queryValue: no test database (start() first).");
        return {};
    }
    const QString name = m_connectionName + QStringLiteral("-query");
    QSqlDatabase db = QSqlDatabase::database(name);
    if (!db.isValid()) {
        const PgLocation location = parsePgUrl(m_databaseUrl);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setDatabaseName(location.database);
    }
    if (!db.isOpen() && !db.open()) {
        m_error =
            QStringLiteral("Cannot connect to %1: %2").arg(m_databaseName, db.lastError().text());
        return {};
    }
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        m_error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
        return {};
    }
    for (const QVariant &value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        m_error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
        return {};
    }
    return query.next() ? query.value(0) : QVariant();
}

void ExternalServer::dropDatabase()
{
    if (m_connectionName.isEmpty()) {
        return;
    }
    const QString queryConnection = m_connectionName + QStringLiteral("-query");
    if (QSqlDatabase::contains(queryConnection)) {
        QSqlDatabase::database(queryConnection, false).close();
        QSqlDatabase::removeDatabase(queryConnection);
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName);
        if (db.isOpen() && !m_databaseUrl.isEmpty()) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)")
                                .arg(m_databaseName))) {
                qWarning("ExternalServer: dropping %s failed: %s", qPrintable(m_databaseName),
                         qPrintable(query.lastError().text()));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool ExternalServer::runCommand(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(serverBinary(), arguments);
    if (!process.waitForStarted(10000)) {
        m_error = QStringLiteral("Cannot start %1: %2").arg(serverBinary(), process.errorString());
        return false;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        m_error = QStringLiteral("shop-server %1 did not finish in %2 s")
                      .arg(arguments.join(u' '))
                      .arg(timeoutMs / 1000);
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = QStringLiteral("shop-server %1 failed (exit code %2):\n%3")
                      .arg(arguments.join(u' '))
                      .arg(process.exitCode())
                      .arg(QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool ExternalServer::start(const Options &options)
{
    m_options = options;
    if (!createDatabase()) {
        return false;
    }
    if (options.sandbox && !startSandbox()) {
        return false;
    }
    m_port = freePort();
    if (m_port == 0) {
        m_error = QStringLiteral("No free TCP port on 127.0.0.1.");
        return false;
    }
    if (!runCommand({QStringLiteral("migrate")})) {
        return false;
    }
    if (!options.csv.isEmpty()) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("products.csv"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(options.csv) != options.csv.size()) {
            m_error = QStringLiteral("Cannot write %1").arg(path);
            return false;
        }
        file.close();
        if (!runCommand({QStringLiteral("import-products"), path})) {
            return false;
        }
    } else if (options.seedDemo && !runCommand({QStringLiteral("seed-demo")})) {
        return false;
    }
    if (!startServing()) {
        return false;
    }
    return !options.sandbox || registerStripeWebhook();
}

bool ExternalServer::startServing()
{
    stopServing();
    m_serve = std::make_unique<QProcess>();
    m_serve->setProcessEnvironment(environment());
    m_serve->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(m_serve.get(), &QProcess::readyRead, m_serve.get(),
                     [this] { m_log += m_serve->readAll(); });
    m_serve->start(serverBinary(), {QStringLiteral("serve")});
    if (!m_serve->waitForStarted(10000)) {
        m_error =
            QStringLiteral("Cannot start %1 serve: %2").arg(serverBinary(), m_serve->errorString());
        return false;
    }
    return waitUntilReady(30000);
}

bool ExternalServer::waitUntilReady(int timeoutMs)
{
    QNetworkAccessManager network;
    QDeadlineTimer deadline(timeoutMs);
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/health/ready"));
    while (!deadline.hasExpired()) {
        if (m_serve->state() == QProcess::NotRunning) {
            m_log += m_serve->readAll();
            m_error = QStringLiteral("shop-server serve exited (code %1):\n%2")
                          .arg(m_serve->exitCode())
                          .arg(QString::fromLocal8Bit(m_log));
            return false;
        }
        QNetworkRequest request(url);
        request.setTransferTimeout(2000);
        QNetworkReply *reply = network.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status == 200) {
            return true;
        }
        QEventLoop pause;
        QTimer::singleShot(100, &pause, &QEventLoop::quit);
        pause.exec();
    }
    m_error = QStringLiteral("shop-server did not become ready on %1 within %2 s:\n%3")
                  .arg(url.toString())
                  .arg(timeoutMs / 1000)
                  .arg(QString::fromLocal8Bit(serverLog()));
    return false;
}

void ExternalServer::stopServing()
{
    if (!m_serve) {
        return;
    }
    if (m_serve->state() != QProcess::NotRunning) {
        m_serve->terminate();
        if (!m_serve->waitForFinished(10000)) {
            m_serve->kill();
            m_serve->waitForFinished(5000);
        }
    }
    m_log += m_serve->readAll();
    m_serve.reset();
}

bool ExternalServer::isServing() const
{
    return m_serve && m_serve->state() == QProcess::Running;
}

QUrl ExternalServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QByteArray ExternalServer::serverLog() const
{
    return m_log;
}

} // namespace Shop::Tests
