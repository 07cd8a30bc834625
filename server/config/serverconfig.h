#pragma once

#include "error.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QStringList>

namespace Shop::Server {

// Where the PostgreSQL database is. Built from SHOP_DATABASE_URL / [database] url, e.g.
//   postgresql://shop:secret@127.0.0.1:5432/shop
//   postgresql:///shop?host=/path/to/socket/dir&user=postgres
struct DatabaseConfig
{
    QString host; // host name, IP, or a unix socket directory (starts with '/')
    int port = 5432;
    QString name = QStringLiteral("shop");
    QString user;
    QString password; // never logged
    QString options; // extra libpq connect options, "sslmode=require;connect_timeout=5"
    int poolSize = 0; // worker threads (= connections); 0 means 2 x CPU cores, at least 4

    [[nodiscard]] static Result<DatabaseConfig> fromUrl(const QString &url);
    // The URL with the password masked: safe for logs.
    [[nodiscard]] QString displayUrl() const;
};

struct HttpConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    qint64 maxBodyBytes = 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int headerTimeoutMs = 15000; // from the first byte of a request to the end of its headers
    int idleTimeoutMs = 15000; // keep-alive connection with no request in progress
    int maxConnections = 4096;
    int maxQueuedRequests = 2048; // waiting for a worker; beyond this: 503
    QStringList corsOrigins; // exact origins allowed for CORS, e.g. "http://localhost:5173"
    QString publicUrl; // how clients reach the server, for absolute links; default from address
};

struct CacheConfig
{
    bool enabled = true;
    int productListTtlSec = 300; // seed: product list cached 5 minutes
    int productTtlSec = 600; // seed: product detail cached 10 minutes
    int categoriesTtlSec = 3600; // seed: categories cached 1 hour
    int maxEntries = 20000;
};

// The store as customers see it in emails ([store] section).
struct StoreConfig
{
    QString name = QStringLiteral("Shop");
    QString address; // postal address, one line; shown in every email's footer
    QString supportEmail = QStringLiteral("support@example.com");
};

// Outgoing email through the SendGrid v3 API ([mail] section).
struct MailConfig
{
    QString fromAddress = QStringLiteral("no-reply@example.com");
    QString fromName = QStringLiteral("Shop");
    QString sendgridApiKey; // never logged
    QString sendgridBaseUrl = QStringLiteral("https://api.sendgrid.com");
};

// demo: everything may run on one machine (mail goes to shop-sandbox); production: third-party
// credentials are required at start-up.
enum class ServerMode { Demo, Production };

struct JobsConfig
{
    int workers = 2; // job worker threads per process; 0: this process runs no jobs
    int leaseSec = 300; // a claim not finished by then is reclaimed (its process died)
    int graceSec = 30; // shutdown waits this long for running jobs, then puts them back
    int pollMs = 5000; // fallback when a NOTIFY is missed
    int keepDoneHours = 168; // done jobs older than this are deleted by the workers; 0: kept
};

struct ServerConfig
{
    DatabaseConfig database;
    HttpConfig http;
    CacheConfig cache;
    StoreConfig store;
    MailConfig mail;
    ServerMode mode = ServerMode::Demo;
    JobsConfig jobs;
    QString currency = QStringLiteral("USD"); // the store's currency for new products
    QString logRules; // QLoggingCategory filter rules, e.g. "shop.*.debug=true"

    // defaults < INI file (when iniPath is not empty) < environment (SHOP_*).
    // Unknown keys and bad values are errors naming the key, so typos do not pass silently.
    // In production mode a missing mail/sendgrid_api_key is an error.
    [[nodiscard]] static Result<ServerConfig>
    load(const QString &iniPath,
         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

} // namespace Shop::Server

namespace Shop::Server {
// "database/url (SHOP_DATABASE_URL)", ... for --help.
[[nodiscard]] QStringList configurationKeys();
} // namespace Shop::Server
