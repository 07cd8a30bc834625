#include "config/serverconfig.h"
#include "support/resultcheck.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Server;

namespace {

// Writes an INI file into dir and returns its path.
QString writeIni(const QTemporaryDir &dir, const QByteArray &content)
{
    static int counter = 0;
    const QString path = dir.filePath(QStringLiteral("config-%1.ini").arg(++counter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    file.write(content);
    return path;
}

QProcessEnvironment environment(const QList<std::pair<QString, QString>> &variables)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin")); // unrelated variables are fine
    env.insert(QStringLiteral("SHOP_UNRELATED_THING"), QStringLiteral("x"));
    for (const auto &[name, value] : variables) {
        env.insert(name, value);
    }
    return env;
}

} // namespace

class TestConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaults();
    void jobsSection();
    void rateLimitSection();
    void ordersSection();
    void iniOverridesDefaults();
    void environmentOverridesIni();
    void listValues();
    void databaseUrls_data();
    void databaseUrls();
    void badValuesNameTheKey_data();
    void badValuesNameTheKey();
    void unknownIniKeysAreErrors();
    void everyErrorIsReported();
    void missingFileIsAnError();
    void logFormat();
    void configurationKeysListEverySetting();
    void storeAndMailSettings();
    void productionModeNeedsSendGridKey();
    void demoPaymentsDefaultToTheSandbox();

private:
    QTemporaryDir m_dir;
};

void TestConfig::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestConfig::defaults()
{
    auto config = ServerConfig::load(QString(), environment({}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->database.name, QStringLiteral("shop"));
    QCOMPARE(config->database.port, 5432);
    QVERIFY(config->database.host.isEmpty()); // the local unix socket
    QVERIFY(config->database.poolSize >= 4);
    QCOMPARE(config->database.poolSize, std::max(4, 2 * QThread::idealThreadCount()));
    QCOMPARE(config->http.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config->http.port, 8080);
    QCOMPARE(config->http.maxBodyBytes, 1024 * 1024);
    QCOMPARE(config->http.maxUploadBytes, 20 * 1024 * 1024);
    QCOMPARE(config->http.publicUrl, QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(config->http.corsOrigins.isEmpty());
    QVERIFY(config->cache.enabled);
    QCOMPARE(config->cache.productListTtlSec, 300);
    QCOMPARE(config->cache.productTtlSec, 600);
    QCOMPARE(config->cache.categoriesTtlSec, 3600);
    QCOMPARE(config->jobs.workers, 2);
    QCOMPARE(config->media.workers, 2);
    QCOMPARE(config->jobs.leaseSec, 300);
    QCOMPARE(config->jobs.graceSec, 30);
    QCOMPARE(config->jobs.pollMs, 5000);
    QCOMPARE(config->jobs.keepDoneHours, 168);
    QCOMPARE(config->currency, QStringLiteral("USD"));
    QVERIFY(config->logRules.isEmpty());
}

void TestConfig::jobsSection()
{
    auto config = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_JOBS_WORKERS"), QStringLiteral("0")},
                     {QStringLiteral("SHOP_JOBS_LEASE_SEC"), QStringLiteral("60")},
                     {QStringLiteral("SHOP_JOBS_GRACE_SEC"), QStringLiteral("5")},
                     {QStringLiteral("SHOP_JOBS_POLL_MS"), QStringLiteral("250")},
                     {QStringLiteral("SHOP_JOBS_KEEP_DONE_HOURS"), QStringLiteral("0")}}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->jobs.workers, 0);
    QCOMPARE(config->jobs.leaseSec, 60);
    QCOMPARE(config->jobs.graceSec, 5);
    QCOMPARE(config->jobs.pollMs, 250);
    QCOMPARE(config->jobs.keepDoneHours, 0);
    QVERIFY(configurationKeys().contains(QStringLiteral("jobs/workers (SHOP_JOBS_WORKERS)")));
    QVERIFY(configurationKeys().contains(
        QStringLiteral("jobs/keep_done_hours (SHOP_JOBS_KEEP_DONE_HOURS)")));
}

void TestConfig::ordersSection()
{
    auto defaults = ServerConfig::load(QString(), environment({}));
    SHOP_VERIFY_OK(defaults);
    QCOMPARE(defaults->orders.shippingFlatRate, 499);
    QCOMPARE(defaults->orders.freeShippingFrom, 5000);
    QCOMPARE(defaults->orders.pendingTtlMin, 30);
    QCOMPARE(defaults->orders.lowStockThreshold, 5);
    auto config = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_ORDERS_SHIPPING_FLAT_RATE"), QStringLiteral("0")},
                     {QStringLiteral("SHOP_ORDERS_FREE_SHIPPING_FROM"), QStringLiteral("0")},
                     {QStringLiteral("SHOP_ORDERS_PENDING_TTL_MIN"), QStringLiteral("5")},
                     {QStringLiteral("SHOP_ORDERS_LOW_STOCK_THRESHOLD"), QStringLiteral("0")}}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->orders.shippingFlatRate, 0);
    QCOMPARE(config->orders.freeShippingFrom, 0);
    QCOMPARE(config->orders.pendingTtlMin, 5);
    QCOMPARE(config->orders.lowStockThreshold, 0);
    QVERIFY(configurationKeys().contains(
        QStringLiteral("orders/free_shipping_from (SHOP_ORDERS_FREE_SHIPPING_FROM)")));
}

void TestConfig::rateLimitSection()
{
    auto defaults = ServerConfig::load(QString(), environment({}));
    SHOP_VERIFY_OK(defaults);
    const RateLimitConfig &d = defaults->http.rateLimit;
    QVERIFY(d.enabled);
    QCOMPARE(d.authPer15Min, 100); // the seed's 100 requests per 15 minutes per IP
    QCOMPARE(d.anonWritePer15Min, 100);
    QCOMPARE(d.catalogPerMin, 1200);
    QCOMPARE(d.accountPerMin, 600);
    QVERIFY(d.trustedProxies.isEmpty()); // X-Forwarded-For is believed from nobody
    QCOMPARE(d.maxEntries, 1000000);

    const QString ini = writeIni(m_dir,
                                 "[ratelimit]\n"
                                 "enabled = false\n"
                                 "auth_per_15min = 20\n"
                                 "anon_write_per_15min = 50\n"
                                 "catalog_per_min = 5000\n"
                                 "trusted_proxies = 10.0.0.0/8, ::1, 2001:db8::/32, 192.0.2.7\n");
    auto config = ServerConfig::load(
        ini,
        environment(
            {{QStringLiteral("SHOP_RATELIMIT_ACCOUNT_PER_MIN"), QStringLiteral("900")},
             {QStringLiteral("SHOP_RATELIMIT_CATALOG_PER_MIN"), QStringLiteral("100000000")},
             {QStringLiteral("SHOP_RATELIMIT_MAX_ENTRIES"), QStringLiteral("5000")}}));
    SHOP_VERIFY_OK(config);
    const RateLimitConfig &r = config->http.rateLimit;
    QVERIFY(!r.enabled);
    QCOMPARE(r.authPer15Min, 20);
    QCOMPARE(r.anonWritePer15Min, 50);
    QCOMPARE(r.catalogPerMin, 100000000); // env wins over the INI file
    QCOMPARE(r.accountPerMin, 900);
    QCOMPARE(r.maxEntries, 5000);
    QCOMPARE(r.trustedProxies,
             (QStringList {QStringLiteral("10.0.0.0/8"), QStringLiteral("::1"),
                           QStringLiteral("2001:db8::/32"), QStringLiteral("192.0.2.7")}));

    auto fromEnv = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_RATELIMIT_TRUSTED_PROXIES"),
                      QStringLiteral("127.0.0.1/32,fd00::/8")},
                     {QStringLiteral("SHOP_RATELIMIT_ENABLED"), QStringLiteral("off")}}));
    SHOP_VERIFY_OK(fromEnv);
    QVERIFY(!fromEnv->http.rateLimit.enabled);
    QCOMPARE(fromEnv->http.rateLimit.trustedProxies,
             (QStringList {QStringLiteral("127.0.0.1/32"), QStringLiteral("fd00::/8")}));
    QVERIFY(configurationKeys().contains(
        QStringLiteral("ratelimit/trusted_proxies (SHOP_RATELIMIT_TRUSTED_PROXIES)")));
    QVERIFY(configurationKeys().contains(
        QStringLiteral("ratelimit/anon_write_per_15min (SHOP_RATELIMIT_ANON_WRITE_PER_15MIN)")));
}

void TestConfig::iniOverridesDefaults()
{
    const QString ini = writeIni(m_dir,
                                 "[database]\n"
                                 "url = postgresql://shop:secret@db.example.com:5433/store\n"
                                 "pool_size = 12\n"
                                 "[http]\n"
                                 "address = 0.0.0.0\n"
                                 "port = 9000\n"
                                 "[cache]\n"
                                 "enabled = false\n"
                                 "product_ttl_sec = 60\n"
                                 "[store]\n"
                                 "currency = EUR\n");
    auto config = ServerConfig::load(ini, environment({}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->database.host, QStringLiteral("db.example.com"));
    QCOMPARE(config->database.port, 5433);
    QCOMPARE(config->database.name, QStringLiteral("store"));
    QCOMPARE(config->database.user, QStringLiteral("shop"));
    QCOMPARE(config->database.password, QStringLiteral("secret"));
    QCOMPARE(config->database.poolSize, 12);
    QCOMPARE(config->http.address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config->http.port, 9000);
    QCOMPARE(config->http.publicUrl, QStringLiteral("http://127.0.0.1:9000"));
    QVERIFY(!config->cache.enabled);
    QCOMPARE(config->cache.productTtlSec, 60);
    QCOMPARE(config->cache.productListTtlSec, 300); // untouched keys keep their defaults
    QCOMPARE(config->currency, QStringLiteral("EUR"));
}

void TestConfig::environmentOverridesIni()
{
    const QString ini = writeIni(m_dir,
                                 "[http]\nport = 9000\nmax_connections = 100\n"
                                 "[database]\nurl = postgresql://a@ini-host/ini_db\n");
    auto config = ServerConfig::load(
        ini,
        environment({{QStringLiteral("SHOP_HTTP_PORT"), QStringLiteral("9100")},
                     {QStringLiteral("SHOP_DATABASE_URL"),
                      QStringLiteral("postgresql:///env_db?host=/run/pg&user=env")},
                     {QStringLiteral("SHOP_CACHE_ENABLED"), QStringLiteral("off")}}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->http.port, 9100); // env wins
    QCOMPARE(config->http.maxConnections, 100); // INI still applies where env is silent
    QCOMPARE(config->database.name, QStringLiteral("env_db"));
    QCOMPARE(config->database.host, QStringLiteral("/run/pg"));
    QCOMPARE(config->database.user, QStringLiteral("env"));
    QVERIFY(!config->cache.enabled);

    // env alone, no INI
    auto envOnly = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_HTTP_PORT"), QStringLiteral("1234")},
                     {QStringLiteral("SHOP_HTTP_MAX_UPLOAD_BYTES"), QStringLiteral("5242880")}}));
    SHOP_VERIFY_OK(envOnly);
    QCOMPARE(envOnly->http.port, 1234);
    QCOMPARE(envOnly->http.maxUploadBytes, 5 * 1024 * 1024);
    QCOMPARE(
        ServerConfig::load(
            QString(), environment({{QStringLiteral("SHOP_MEDIA_WORKERS"), QStringLiteral("3")}}))
            ->media.workers,
        3);
}

void TestConfig::listValues()
{
    // QSettings splits "a, b" into a list; the origins come back whole either way.
    const QString ini =
        writeIni(m_dir, "[http]\ncors_origins = http://localhost:5173, https://shop.example.com\n");
    auto config = ServerConfig::load(ini, environment({}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->http.corsOrigins,
             (QStringList {QStringLiteral("http://localhost:5173"),
                           QStringLiteral("https://shop.example.com")}));
}

void TestConfig::databaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("display");

    QTest::newRow("tcp with password") << "postgresql://shop:s3cret@127.0.0.1:5432/shop"
                                       << "127.0.0.1" << 5432 << "shop"
                                       << "shop"
                                       << ""
                                       << "postgresql://shop:***@127.0.0.1:5432/shop";
    QTest::newRow("unix socket") << "postgresql:///shop?host=/var/run/postgresql&user=shop"
                                 << "/var/run/postgresql" << 5432 << "shop"
                                 << "shop"
                                 << ""
                                 << "postgresql://shop@/shop?host=/var/run/postgresql";
    QTest::newRow("socket with port") << "postgres:///t?host=/tmp/x/run&port=21000&user=postgres"
                                      << "/tmp/x/run" << 21000 << "t"
                                      << "postgres"
                                      << ""
                                      << "postgresql://postgres@/t?host=/tmp/x/run";
    QTest::newRow("extra options") << "postgresql://u:p@h/db?sslmode=require&connect_timeout=5"
                                   << "h" << 5432 << "db"
                                   << "u"
                                   << "sslmode=require;connect_timeout=5"
                                   << "postgresql://u:***@h:5432/db";
}

void TestConfig::databaseUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, name);
    QFETCH(QString, user);
    QFETCH(QString, options);
    QFETCH(QString, display);
    auto db = DatabaseConfig::fromUrl(url);
    SHOP_VERIFY_OK(db);
    QCOMPARE(db->host, host);
    QCOMPARE(db->port, port);
    QCOMPARE(db->name, name);
    QCOMPARE(db->user, user);
    QCOMPARE(db->options, options);
    QCOMPARE(db->displayUrl(), display);
    QVERIFY(!db->displayUrl().contains(QLatin1String("s3cret")));
}

void TestConfig::badValuesNameTheKey_data()
{
    QTest::addColumn<QString>("key"); // section/name
    QTest::addColumn<QString>("value");

    QTest::newRow("port too big") << "http/port"
                                  << "70000";
    QTest::newRow("log format unknown") << "log/format"
                                        << "xml";
    QTest::newRow("log format upper case") << "log/format"
                                           << "JSON";
    QTest::newRow("port not a number") << "http/port"
                                       << "eighty";
    QTest::newRow("address is a name") << "http/address"
                                       << "localhost";
    QTest::newRow("body limit too small") << "http/max_body_bytes"
                                          << "10";
    QTest::newRow("no media workers") << "media/workers"
                                      << "0";
    QTest::newRow("upload limit too small") << "http/max_upload_bytes"
                                            << "1023";
    QTest::newRow("upload limit too big") << "http/max_upload_bytes"
                                          << "1073741825";
    QTest::newRow("upload limit not a number") << "http/max_upload_bytes"
                                               << "20m";
    QTest::newRow("header timeout zero") << "http/header_timeout_ms"
                                         << "0";
    QTest::newRow("cors origin with path") << "http/cors_origins"
                                           << "https://a.example/path";
    QTest::newRow("public url ftp") << "http/public_url"
                                    << "ftp://shop.example.com";
    QTest::newRow("cache flag") << "cache/enabled"
                                << "maybe";
    QTest::newRow("negative ttl") << "cache/product_ttl_sec"
                                  << "-5";
    QTest::newRow("negative job workers") << "jobs/workers"
                                          << "-1";
    QTest::newRow("job lease too short") << "jobs/lease_sec"
                                         << "1";
    QTest::newRow("negative keep done hours") << "jobs/keep_done_hours"
                                              << "-1";
    QTest::newRow("keep done hours beyond ten years") << "jobs/keep_done_hours"
                                                      << "87601";
    QTest::newRow("unknown currency") << "store/currency"
                                      << "XYZ";
    QTest::newRow("mysql url") << "database/url"
                               << "mysql://u@h/db";
    QTest::newRow("url without database") << "database/url"
                                          << "postgresql://u@h";
    QTest::newRow("pool too big") << "database/pool_size"
                                  << "100000";
    QTest::newRow("rate limit flag") << "ratelimit/enabled"
                                     << "sometimes";
    QTest::newRow("rate limit zero") << "ratelimit/catalog_per_min"
                                     << "0";
    QTest::newRow("rate limit not a number") << "ratelimit/auth_per_15min"
                                             << "lots";
    QTest::newRow("account limit too big") << "ratelimit/account_per_min"
                                           << "1000000000";
    QTest::newRow("rate limiter too small") << "ratelimit/max_entries"
                                            << "10";
    QTest::newRow("proxy is a host name") << "ratelimit/trusted_proxies"
                                          << "proxy.example.com";
    QTest::newRow("proxy prefix too long") << "ratelimit/trusted_proxies"
                                           << "10.0.0.0/33";
    QTest::newRow("proxy ipv6 prefix too long") << "ratelimit/trusted_proxies"
                                                << "2001:db8::/129";
    QTest::newRow("proxy ipv4 shorthand") << "ratelimit/trusted_proxies"
                                          << "127.1";
    QTest::newRow("proxy prefix not a number") << "ratelimit/trusted_proxies"
                                               << "10.0.0.0/x";
    QTest::newRow("negative shipping") << "orders/shipping_flat_rate"
                                       << "-1";
    QTest::newRow("shipping threshold not a number") << "orders/free_shipping_from"
                                                     << "49.99";
    QTest::newRow("pending orders never expire") << "orders/pending_ttl_min"
                                                 << "0";
    QTest::newRow("negative low stock") << "orders/low_stock_threshold"
                                        << "-1";
}

void TestConfig::badValuesNameTheKey()
{
    QFETCH(QString, key);
    QFETCH(QString, value);

    const QString section = key.section(u'/', 0, 0);
    const QString name = key.section(u'/', 1);
    // From the INI file: the error names the INI key.
    const QString ini =
        writeIni(m_dir, QStringLiteral("[%1]\n%2 = \"%3\"\n").arg(section, name, value).toUtf8());
    auto fromIni = ServerConfig::load(ini, environment({}));
    QVERIFY(!fromIni);
    QCOMPARE(fromIni.error().code, ErrorCode::Validation);
    QCOMPARE(fromIni.error().fieldErrors.size(), 1);
    QCOMPARE(fromIni.error().fieldErrors.first().field, key);
    QVERIFY(!fromIni.error().fieldErrors.first().message.isEmpty());

    // From the environment: the error names the variable.
    const QString variable = QStringLiteral("SHOP_%1_%2").arg(section.toUpper(), name.toUpper());
    auto fromEnv = ServerConfig::load(QString(), environment({{variable, value}}));
    QVERIFY(!fromEnv);
    QCOMPARE(fromEnv.error().fieldErrors.size(), 1);
    QCOMPARE(fromEnv.error().fieldErrors.first().field, variable);
}

void TestConfig::unknownIniKeysAreErrors()
{
    const QString ini = writeIni(m_dir, "[http]\nprot = 8080\n[databse]\nurl = x\n");
    auto config = ServerConfig::load(ini, environment({}));
    QVERIFY(!config);
    QStringList fields;
    for (const FieldError &error : config.error().fieldErrors) {
        fields << error.field;
        QCOMPARE(error.message, QStringLiteral("is not a known setting"));
    }
    fields.sort();
    QCOMPARE(fields, (QStringList {QStringLiteral("databse/url"), QStringLiteral("http/prot")}));
}

void TestConfig::everyErrorIsReported()
{
    const QString ini = writeIni(m_dir, "[http]\nport = x\naddress = y\n");
    auto config = ServerConfig::load(
        ini, environment({{QStringLiteral("SHOP_CACHE_MAX_ENTRIES"), QStringLiteral("-1")}}));
    QVERIFY(!config);
    QCOMPARE(config.error().fieldErrors.size(), 3);
}

void TestConfig::missingFileIsAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.ini"));
    auto config = ServerConfig::load(path, environment({}));
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(path), qPrintable(config.error().message));
}

void TestConfig::logFormat()
{
    auto text = ServerConfig::load(QString(), environment({}));
    SHOP_VERIFY_OK(text);
    QCOMPARE(text->logFormat, LogFormat::Text);
    auto json = ServerConfig::load(
        QString(), environment({{QStringLiteral("SHOP_LOG_FORMAT"), QStringLiteral("json")}}));
    SHOP_VERIFY_OK(json);
    QCOMPARE(json->logFormat, LogFormat::Json);
    auto journal = ServerConfig::load(
        QString(), environment({{QStringLiteral("SHOP_LOG_FORMAT"), QStringLiteral("journal")}}));
    SHOP_VERIFY_OK(journal);
    QCOMPARE(journal->logFormat, LogFormat::Journal);
    QCOMPARE(journal->metricsListen, QString());
    auto metrics = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_METRICS_LISTEN"), QStringLiteral("127.0.0.1:9464")}}));
    SHOP_VERIFY_OK(metrics);
    QCOMPARE(metrics->metricsListen, QStringLiteral("127.0.0.1:9464"));
    for (const char *bad : {"9464", "localhost:x", "nowhere:9464", "127.0.0.1:70000"}) {
        QVERIFY2(!ServerConfig::load(QString(),
                                     environment({{QStringLiteral("SHOP_METRICS_LISTEN"),
                                                   QString::fromLatin1(bad)}})),
                 bad);
    }
}

void TestConfig::configurationKeysListEverySetting()
{
    const QStringList keys = configurationKeys();
    QCOMPARE(keys.size(), 78);
    QVERIFY(keys.contains(QStringLiteral("database/url (SHOP_DATABASE_URL)")));
    QVERIFY(keys.contains(QStringLiteral("log/format (SHOP_LOG_FORMAT)")));
    QVERIFY(keys.contains(QStringLiteral("http/max_body_bytes (SHOP_HTTP_MAX_BODY_BYTES)")));
    QVERIFY(keys.contains(QStringLiteral("log/rules (SHOP_LOG_RULES)")));
    // each listed key is accepted in an INI file (no typos between the list and the parser)
    for (const QString &entry : keys) {
        const QString key = entry.section(u' ', 0, 0);
        const QString ini = writeIni(m_dir,
                                     QStringLiteral("[%1]\n%2 = ???\n")
                                         .arg(key.section(u'/', 0, 0), key.section(u'/', 1))
                                         .toUtf8());
        auto config = ServerConfig::load(ini, environment({}));
        if (!config) {
            for (const FieldError &error : config.error().fieldErrors) {
                QVERIFY2(error.message != u"is not a known setting", qPrintable(key));
            }
        }
    }
}

void TestConfig::storeAndMailSettings()
{
    auto defaults = ServerConfig::load(QString(), environment({}));
    SHOP_VERIFY_OK(defaults);
    QVERIFY(defaults->mode == ServerMode::Demo);
    QCOMPARE(defaults->mail.sendgridBaseUrl, QStringLiteral("https://api.sendgrid.com"));
    QVERIFY(defaults->mail.sendgridApiKey.isEmpty());

    const QString ini =
        writeIni(m_dir,
                 "[store]\nname = Corner Shop\naddress = \"1 Main St, Springfield\"\n"
                 "support_email = help@corner.example\n"
                 "[mail]\nfrom_address = shop@corner.example\nfrom_name = Corner\n"
                 "sendgrid_base_url = http://127.0.0.1:9025/\ntimeout_sec = 7\n");
    auto config = ServerConfig::load(
        ini, environment({{QStringLiteral("SHOP_MAIL_SENDGRID_API_KEY"), QStringLiteral("SG.x")}}));
    SHOP_VERIFY_OK(config);
    QCOMPARE(config->store.name, QStringLiteral("Corner Shop"));
    QCOMPARE(config->store.address, QStringLiteral("1 Main St, Springfield"));
    QCOMPARE(config->store.supportEmail, QStringLiteral("help@corner.example"));
    QCOMPARE(config->mail.fromAddress, QStringLiteral("shop@corner.example"));
    QCOMPARE(config->mail.fromName, QStringLiteral("Corner"));
    QCOMPARE(config->mail.sendgridApiKey, QStringLiteral("SG.x"));
    QCOMPARE(config->mail.sendgridBaseUrl, QStringLiteral("http://127.0.0.1:9025")); // no '/'
    QCOMPARE(config->mail.timeoutSec, 7);
    QCOMPARE(defaults->mail.timeoutSec, 30);

    auto bad = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_STORE_SUPPORT_EMAIL"), QStringLiteral("x")},
                     {QStringLiteral("SHOP_MAIL_SENDGRID_BASE_URL"), QStringLiteral("ftp://a")},
                     {QStringLiteral("SHOP_SERVER_MODE"), QStringLiteral("staging")},
                     {QStringLiteral("SHOP_MAIL_TIMEOUT_SEC"), QStringLiteral("0")}}));
    QVERIFY(!bad);
    QCOMPARE(bad.error().fieldErrors.size(), 4);
}

void TestConfig::productionModeNeedsSendGridKey()
{
    auto refused = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_SERVER_MODE"), QStringLiteral("production")}}));
    QVERIFY(!refused);
    QCOMPARE(refused.error().fieldErrors.size(), 5);
    QCOMPARE(refused.error().fieldErrors.at(0).field, QStringLiteral("mail/sendgrid_api_key"));
    QVERIFY2(refused.error().fieldErrors.at(0).message.contains(u"production"),
             qPrintable(refused.error().fieldErrors.at(0).message));
    QCOMPARE(refused.error().fieldErrors.at(1).field, QStringLiteral("auth/signing_keys"));
    QCOMPARE(refused.error().fieldErrors.at(2).field, QStringLiteral("payments/stripe_secret_key"));
    QVERIFY2(refused.error().fieldErrors.at(2).message.contains(u"SHOP_PAYMENTS_STRIPE_SECRET_KEY"),
             qPrintable(refused.error().fieldErrors.at(2).message));
    QCOMPARE(refused.error().fieldErrors.at(3).field,
             QStringLiteral("payments/stripe_publishable_key"));
    QCOMPARE(refused.error().fieldErrors.at(4).field,
             QStringLiteral("payments/stripe_webhook_secrets"));

    auto started = ServerConfig::load(
        QString(),
        environment(
            {{QStringLiteral("SHOP_SERVER_MODE"), QStringLiteral("production")},
             {QStringLiteral("SHOP_MAIL_SENDGRID_API_KEY"), QStringLiteral("SG.k")},
             {QStringLiteral("SHOP_AUTH_SIGNING_KEYS"),
              QStringLiteral("k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")},
             {QStringLiteral("SHOP_PAYMENTS_STRIPE_SECRET_KEY"), QStringLiteral("sk_x")},
             {QStringLiteral("SHOP_PAYMENTS_STRIPE_PUBLISHABLE_KEY"), QStringLiteral("pk_x")},
             {QStringLiteral("SHOP_PAYMENTS_STRIPE_WEBHOOK_SECRETS"),
              QStringLiteral("whsec_new, whsec_old")}}));
    SHOP_VERIFY_OK(started);
    QVERIFY(started->mode == ServerMode::Production);
    QCOMPARE(started->payments.stripeApiUrl, QStringLiteral("https://api.stripe.com"));
    QCOMPARE(started->payments.stripeJsUrl, QStringLiteral("https://js.stripe.com/v3"));
    QCOMPARE(started->payments.stripeWebhookSecrets,
             QStringList({QStringLiteral("whsec_new"), QStringLiteral("whsec_old")}));
}

void TestConfig::demoPaymentsDefaultToTheSandbox()
{
    auto demo = ServerConfig::load(QString(), environment({}));
    SHOP_VERIFY_OK(demo);
    QCOMPARE(demo->payments.stripeSecretKey, QStringLiteral("sk_test_sandbox"));
    QCOMPARE(demo->payments.stripePublishableKey, QStringLiteral("pk_test_sandbox"));
    QCOMPARE(demo->payments.stripeWebhookSecrets, QStringList {QStringLiteral("whsec_sandbox")});
    QCOMPARE(demo->payments.stripeApiUrl, QStringLiteral("http://127.0.0.1:8025"));
    QCOMPARE(demo->payments.stripeJsUrl, QStringLiteral("http://127.0.0.1:8025/stripe-js/v3"));

    auto pointed = ServerConfig::load(QString(),
                                      environment({{QStringLiteral("SHOP_PAYMENTS_STRIPE_API_URL"),
                                                    QStringLiteral("http://127.0.0.1:9999/")}}));
    SHOP_VERIFY_OK(pointed);
    QCOMPARE(pointed->payments.stripeApiUrl, QStringLiteral("http://127.0.0.1:9999"));

    auto bad = ServerConfig::load(
        QString(),
        environment({{QStringLiteral("SHOP_PAYMENTS_STRIPE_API_URL"), QStringLiteral("ftp://x")}}));
    QVERIFY(!bad);
    QCOMPARE(bad.error().fieldErrors.at(0).field, QStringLiteral("SHOP_PAYMENTS_STRIPE_API_URL"));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
