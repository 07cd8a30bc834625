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

// Request limits per route class ([ratelimit] section), applied by the HTTP server before a
// handler runs (server/http/requestlimits.h). Anonymous requests are counted per client address
// (IPv6: per /64), signed-in ones per account.
struct RateLimitConfig
{
    bool enabled = true;
    // Anonymous calls to the auth routes (register, login, refresh, ...), per IP: the seed's 100
    // requests per 15 minutes.
    int authPer15Min = 100;
    // Anonymous calls to other state-changing routes, per IP: the seed's 100 per 15 minutes.
    int anonWritePer15Min = 100;
    // Catalog reads and media, per IP. A customer browsing a listing loads ~50 requests (the page
    // and its thumbnails), a product page ~10; ten pages a minute is ~500. 1,200 a minute (a burst
    // of 1,200, then 20/s) leaves room for a few such customers behind one NAT while holding a
    // scraper to 20 requests a second.
    int catalogPerMin = 1200;
    // Signed-in clients (a verified bearer token), per account, whatever the route class.
    int accountPerMin = 600;
    // Reverse proxies whose X-Forwarded-For is believed: CIDR ranges or addresses.
    QStringList trustedProxies;
    int maxEntries = 1000000; // keys the in-process limiter tracks at most
};

struct HttpConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    qint64 maxBodyBytes = 1024 * 1024; // every route that declares no limit of its own
    // The CSV import's body limit (Http::Route::maxBodyBytes); it accepts at least maxBodyBytes
    // whatever this says. (Image uploads stop at the largest image, 5 MiB.)
    qint64 maxUploadBytes = 20 * 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int headerTimeoutMs = 15000; // from the first byte of a request to the end of its headers
    int idleTimeoutMs = 15000; // keep-alive connection with no request in progress
    int maxConnections = 4096;
    int maxQueuedRequests = 2048; // waiting for a worker; beyond this: 503
    QStringList corsOrigins; // exact origins allowed for CORS, e.g. "http://localhost:5173"
    QString publicUrl; // how clients reach the server, for absolute links; default from address
    // [ratelimit]: an HTTP concern, read by every Http::HttpServer from here.
    RateLimitConfig rateLimit;
};

// Uploaded images ([media] section): decoded, checked and thumbnailed on a pool of their own, so
// that a burst of uploads cannot occupy the HTTP workers (server/catalog/mediadecoder.h).
struct MediaConfig
{
    int workers = 2; // decoding threads; each may hold a decoded picture (up to 40 MP) at a time
};

struct CacheConfig
{
    bool enabled = true;
    int productListTtlSec = 300; // seed: product list cached 5 minutes
    int productTtlSec = 600; // seed: product detail cached 10 minutes
    int categoriesTtlSec = 3600; // seed: categories cached 1 hour
    int maxEntries = 20000;
};

// Redis ([redis] section): the catalog's and the carts' second cache tier and the shared login
// rate limits (docs/caching.md). An empty url: no Redis, everything as on one instance.
struct RedisConfig
{
    // redis://[:password@]host:port/db or unix:///path/redis.sock?db=N; empty: no Redis.
    QString url; // the password in it is never logged
    int timeoutMs = 250; // connect and command timeout
    int pool = 0; // idle connections kept; 0: one per worker thread (database/pool_size)
    QString prefix = QStringLiteral("shop:"); // every key starts with it (instances share it)

    [[nodiscard]] bool enabled() const { return !url.isEmpty(); }
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
    int timeoutSec = 30; // one send: no answer by then is a failure that is retried
};

// demo: everything may run on one machine (mail goes to shop-sandbox); production: third-party
// credentials are required at start-up.
enum class ServerMode { Demo, Production };

// How log lines are written to standard error: Qt's text lines, one JSON object per line
// (server/app/logformat.h) for log collectors, or text lines with sd-daemon "<N>" priority
// prefixes for journald (systemd's StandardError=journal).
enum class LogFormat { Text, Json, Journal };

struct JobsConfig
{
    int workers = 2; // job worker threads per process; 0: this process runs no jobs
    int leaseSec = 300; // a claim not finished by then is reclaimed (its process died)
    int graceSec = 30; // shutdown waits this long for running jobs, then puts them back
    int pollMs = 5000; // fallback when a NOTIFY is missed
    int keepDoneHours = 168; // done jobs older than this are deleted by the workers; 0: kept
    // Jobs a second per process at most (a backlog drains at this pace); 0: no cap.
    int maxRate = 3000;
};

// Accounts and sessions ([auth] section).
struct AuthConfig
{
    // "id:base64secret,id2:base64secret2" (the first signs, all verify: rotate by putting a new
    // key first and removing the old one after an access-token lifetime). Empty in the demo: a
    // random key per process start (sessions end with the process); required in production.
    QString signingKeys; // never logged
    QString issuer = QStringLiteral("shop");
    QString audience = QStringLiteral("shop-api");
    int accessTtlSec = 900; // seed: 15 minutes
    int refreshTtlDays = 7; // seed: 7 days
    // The refresh cookie's Secure attribute: auto (when http/public_url is https), always, never.
    QString cookieSecure = QStringLiteral("auto");
    int hashThreads = 0; // password hashing threads; 0: half the cores, at least 1
    int hashQueue = 64; // hashes waiting beyond the threads; more: 503
    int passwordMemoryKib = 19456; // Argon2id m (at least 19 MiB)
    int passwordIterations = 2; // Argon2id t (at least 2)
    int resetTtlMin = 60; // a password-reset token's life
    // Where the reset email's link points; {token} is replaced. The storefront registers shop://.
    QString resetUrl = QStringLiteral("shop://reset-password?token={token}");
    QString storefrontUrl = QStringLiteral("shop://"); // the welcome email's link
    int loginFailuresPerAccount = 5; // per 15 minutes; then 429 even for the right password
    int loginFailuresPerIp = 50; // per 15 minutes
    int registrationsPerIp = 20; // per hour
    int passwordResetsPerIp = 10; // forgot-password per 15 minutes
};

// Checkout and orders ([orders] section): the cart shows what checkout will charge, so both the
// cart and the orders module read these. Amounts in minor units of store/currency.
struct OrdersConfig
{
    int shippingFlatRate = 499; // per order
    int freeShippingFrom = 5000; // subtotal from which shipping is free; 0: never free
    int pendingTtlMin = 30; // an unpaid pending order is cancelled after this
    int lowStockThreshold = 5; // staff's low-stock list: stock at or below this
};

// The staff's live feed ([events] section, docs/events.md).
struct EventsConfig
{
    int retentionMin = 15; // events are kept (and replayed on resume) this long, in minutes
    int maxClients = 200; // open event streams per instance; more get 503 + Retry-After
};

// Stripe ([payments] section). Empty keys and URLs in the demo mean shop-sandbox's Stripe
// (sandboxDefaults below); in production mode the three keys are required.
struct PaymentsConfig
{
    QString stripeSecretKey; // sk_...; never logged
    QString stripePublishableKey; // pk_...; handed to the storefront
    QStringList stripeWebhookSecrets; // whsec_...; the first is current, all verify; never logged
    QString stripeApiUrl; // default https://api.stripe.com (demo without keys: the sandbox)
    QString stripeJsUrl; // default https://js.stripe.com/v3 (demo without keys: the sandbox)
    int timeoutSec = 30; // one Stripe call; no answer by then is a network failure (retried)

    static constexpr const char *sandboxSecretKey = "sk_test_sandbox";
    static constexpr const char *sandboxPublishableKey = "pk_test_sandbox";
    static constexpr const char *sandboxWebhookSecret = "whsec_sandbox";
    static constexpr const char *sandboxApiUrl = "http://127.0.0.1:8025";
    static constexpr const char *sandboxJsUrl = "http://127.0.0.1:8025/stripe-js/v3";
};

struct ServerConfig
{
    DatabaseConfig database;
    HttpConfig http;
    CacheConfig cache;
    RedisConfig redis;
    StoreConfig store;
    MailConfig mail;
    ServerMode mode = ServerMode::Demo;
    JobsConfig jobs;
    AuthConfig auth;
    OrdersConfig orders;
    PaymentsConfig payments;
    EventsConfig events;
    MediaConfig media;
    QString currency = QStringLiteral("USD"); // the store's currency for new products
    QString logRules; // QLoggingCategory filter rules, e.g. "shop.*.debug=true"
    LogFormat logFormat = LogFormat::Text;
    // "host:port" of the Prometheus endpoint (GET /metrics on its own listener, server/metrics);
    // empty: no metrics listener.
    QString metricsListen;

    // defaults < INI file (when iniPath is not empty) < environment (SHOP_*).
    // Unknown keys and bad values are errors naming the key, so typos do not pass silently.
    // In production mode a missing mail/sendgrid_api_key, auth/signing_keys or Stripe key is an
    // error; in demo mode missing Stripe settings are shop-sandbox's.
    [[nodiscard]] static Result<ServerConfig>
    load(const QString &iniPath,
         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

} // namespace Shop::Server

namespace Shop::Server {
// "database/url (SHOP_DATABASE_URL)", ... for --help.
[[nodiscard]] QStringList configurationKeys();
} // namespace Shop::Server
