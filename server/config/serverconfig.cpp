#include "serverconfig.h"

#include "validation.h"

#include "money.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace Shop::Server {

namespace {

using Setter = std::function<std::optional<QString>(ServerConfig &, const QString &)>;

struct Option
{
    const char *key; // "section/name" in the INI file; SHOP_SECTION_NAME in the environment
    Setter set; // returns an error message, or nothing when the value was taken
};

std::optional<QString> setInt(int &target, const QString &value, int min, int max)
{
    bool ok = false;
    const int parsed = value.trimmed().toInt(&ok);
    if (!ok || parsed < min || parsed > max) {
        return QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max);
    }
    target = parsed;
    return std::nullopt;
}

// A request body limit: 1 KiB to 1 GiB.
std::optional<QString> setBytes(qint64 &target, const QString &value)
{
    bool ok = false;
    const qint64 bytes = value.trimmed().toLongLong(&ok);
    if (!ok || bytes < 1024 || bytes > qint64(1) << 30) {
        return QStringLiteral("must be a number of bytes from 1024 to 1073741824");
    }
    target = bytes;
    return std::nullopt;
}

std::optional<QString> setBool(bool &target, const QString &value)
{
    const QString v = value.trimmed().toLower();
    if (v == u"true" || v == u"1" || v == u"yes" || v == u"on") {
        target = true;
    } else if (v == u"false" || v == u"0" || v == u"no" || v == u"off") {
        target = false;
    } else {
        return QStringLiteral("must be true or false");
    }
    return std::nullopt;
}

std::optional<QString> setText(QString &target, const QString &value, bool mayBeEmpty)
{
    const QString text = value.trimmed();
    if (text.isEmpty() && !mayBeEmpty) {
        return QStringLiteral("must not be empty");
    }
    if (text.contains(u'\n') || text.contains(u'\r')) {
        return QStringLiteral("must be one line");
    }
    target = text;
    return std::nullopt;
}

std::optional<QString> setEmail(QString &target, const QString &value)
{
    const QString text = value.trimmed();
    if (!isValidEmail(text)) {
        return QStringLiteral("must be an email address such as support@example.com");
    }
    target = text;
    return std::nullopt;
}

// An http(s) base URL without its trailing '/'.
std::optional<QString> setBaseUrl(QString &target, const QString &value)
{
    const QUrl url(value.trimmed());
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http" && url.scheme() != u"https")) {
        return QStringLiteral("must be an http:// or https:// URL");
    }
    QString text = value.trimmed();
    while (text.endsWith(u'/')) {
        text.chop(1);
    }
    target = text;
    return std::nullopt;
}

// Per-window limits up to a hundred million (a limiter that never refuses, for benchmarks).
constexpr int kMaxRate = 100000000;

// "10.0.0.0/8", "2001:db8::/32", "127.0.0.1": a dotted-quad IPv4 or an IPv6 address, and an
// optional prefix length that fits it. (Http::TrustedProxies parses the same forms.)
bool isAddressRange(const QString &text)
{
    const qsizetype slash = text.indexOf(u'/');
    const QString addressText = slash < 0 ? text : text.left(slash);
    const QHostAddress address(addressText);
    int maxPrefix = 128;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        static const QRegularExpression quad(
            QStringLiteral("^(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|["
                           "1-9][0-9]{0,2})$"));
        if (!quad.match(addressText).hasMatch()) {
            return false;
        }
        maxPrefix = 32;
    } else if (address.protocol() != QAbstractSocket::IPv6Protocol || addressText.contains(u'%')) {
        return false;
    }
    if (slash < 0) {
        return true;
    }
    const QString prefixText = text.mid(slash + 1);
    bool ok = false;
    const int prefix = prefixText.toInt(&ok);
    return ok && !prefixText.isEmpty() && prefixText.size() <= 3 && prefixText.front().isDigit()
        && prefix >= 0 && prefix <= maxPrefix;
}

const std::vector<Option> &options()
{
    static const std::vector<Option> table {
        {"database/url",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             auto db = DatabaseConfig::fromUrl(v);
             if (!db) {
                 return db.error().message;
             }
             const int pool = c.database.poolSize;
             c.database = *db;
             c.database.poolSize = pool;
             return std::nullopt;
         }},
        {"database/pool_size",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.database.poolSize, v, 0, 256);
         }},
        {"http/address",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QHostAddress address(v.trimmed());
             if (address.isNull()) {
                 return QStringLiteral("must be an IP address such as 127.0.0.1 or ::");
             }
             c.http.address = address;
             return std::nullopt;
         }},
        {"http/port",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             int port = 0;
             if (auto error = setInt(port, v, 0, 65535)) {
                 return error;
             }
             c.http.port = quint16(port);
             return std::nullopt;
         }},
        {"http/max_body_bytes",
         [](ServerConfig &c, const QString &v) {
             return setBytes(c.http.maxBodyBytes, v);
         }},
        {"http/max_upload_bytes",
         [](ServerConfig &c, const QString &v) {
             return setBytes(c.http.maxUploadBytes, v);
         }},
        {"http/max_header_bytes",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.maxHeaderBytes, v, 1024, 1024 * 1024);
         }},
        {"http/header_timeout_ms",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.headerTimeoutMs, v, 100, 3600 * 1000);
         }},
        {"http/idle_timeout_ms",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.idleTimeoutMs, v, 100, 3600 * 1000);
         }},
        {"http/max_connections",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.maxConnections, v, 1, 1000000);
         }},
        {"http/max_queued_requests",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.maxQueuedRequests, v, 1, 1000000);
         }},
        {"http/cors_origins",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             QStringList origins;
             for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
                 const QString origin = part.trimmed();
                 const QUrl url(origin);
                 if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()
                     || !url.path().isEmpty()) {
                     return QStringLiteral("must be a comma-separated list of origins such as "
                                           "https://shop.example.com");
                 }
                 origins << origin;
             }
             c.http.corsOrigins = origins;
             return std::nullopt;
         }},
        {"http/public_url",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QUrl url(v.trimmed());
             if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
                 return QStringLiteral("must be an http:// or https:// URL");
             }
             c.http.publicUrl = v.trimmed();
             return std::nullopt;
         }},
        {"ratelimit/enabled",
         [](ServerConfig &c, const QString &v) {
             return setBool(c.http.rateLimit.enabled, v);
         }},
        {"ratelimit/auth_per_15min",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.rateLimit.authPer15Min, v, 1, kMaxRate);
         }},
        {"ratelimit/anon_write_per_15min",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.rateLimit.anonWritePer15Min, v, 1, kMaxRate);
         }},
        {"ratelimit/catalog_per_min",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.rateLimit.catalogPerMin, v, 1, kMaxRate);
         }},
        {"ratelimit/account_per_min",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.rateLimit.accountPerMin, v, 1, kMaxRate);
         }},
        {"ratelimit/trusted_proxies",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             QStringList ranges;
             for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
                 const QString range = part.trimmed();
                 if (range.isEmpty()) {
                     continue;
                 }
                 if (!isAddressRange(range)) {
                     return QStringLiteral("must be a comma-separated list of addresses or CIDR "
                                           "ranges such as 10.0.0.0/8, ::1 (\"%1\" is not)")
                         .arg(range);
                 }
                 ranges << range;
             }
             c.http.rateLimit.trustedProxies = ranges;
             return std::nullopt;
         }},
        {"ratelimit/max_entries",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.http.rateLimit.maxEntries, v, 1000, 100000000);
         }},
        {"jobs/workers",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.jobs.workers, v, 0, 64);
         }},
        {"jobs/lease_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.jobs.leaseSec, v, 5, 86400);
         }},
        {"jobs/grace_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.jobs.graceSec, v, 0, 3600);
         }},
        {"jobs/poll_ms",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.jobs.pollMs, v, 50, 3600 * 1000);
         }},
        {"jobs/max_rate",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.jobs.maxRate, v, 0, 10000000);
         }},
        {"jobs/keep_done_hours",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.jobs.keepDoneHours, v, 0, 24 * 3650);
         }},
        {"media/workers",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.media.workers, v, 1, 64);
         }},
        {"cache/enabled",
         [](ServerConfig &c, const QString &v) {
             return setBool(c.cache.enabled, v);
         }},
        {"cache/product_list_ttl_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.cache.productListTtlSec, v, 0, 86400);
         }},
        {"cache/product_ttl_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.cache.productTtlSec, v, 0, 86400);
         }},
        {"cache/categories_ttl_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.cache.categoriesTtlSec, v, 0, 86400);
         }},
        {"cache/max_entries",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.cache.maxEntries, v, 0, 10000000);
         }},
        {"redis/url",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QString url = v.trimmed();
             if (!url.isEmpty()) {
                 const QUrl parsed(url);
                 const bool tcp = parsed.scheme() == u"redis" && !parsed.host().isEmpty();
                 const bool socket = parsed.scheme() == u"unix" && !parsed.path().isEmpty();
                 if (!parsed.isValid() || (!tcp && !socket)) {
                     return QStringLiteral("must be empty, redis://host:port/db or "
                                           "unix:///path/redis.sock?db=N");
                 }
             }
             c.redis.url = url;
             return std::nullopt;
         }},
        {"redis/timeout_ms",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.redis.timeoutMs, v, 10, 60000);
         }},
        {"redis/pool",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.redis.pool, v, 0, 1024);
         }},
        {"redis/prefix",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             if (v.size() > 100 || v.contains(u' ')) {
                 return QStringLiteral("must be at most 100 characters without spaces");
             }
             c.redis.prefix = v;
             return std::nullopt;
         }},
        {"store/currency",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             if (!Currency::fromCode(v.trimmed())) {
                 return QStringLiteral("must be a supported ISO 4217 code such as USD or EUR");
             }
             c.currency = v.trimmed();
             return std::nullopt;
         }},
        {"store/name",
         [](ServerConfig &c, const QString &v) {
             return setText(c.store.name, v, false);
         }},
        {"store/address",
         [](ServerConfig &c, const QString &v) {
             return setText(c.store.address, v, true);
         }},
        {"store/support_email",
         [](ServerConfig &c, const QString &v) {
             return setEmail(c.store.supportEmail, v);
         }},
        {"server/mode",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QString mode = v.trimmed().toLower();
             if (mode == u"demo") {
                 c.mode = ServerMode::Demo;
             } else if (mode == u"production") {
                 c.mode = ServerMode::Production;
             } else {
                 return QStringLiteral("must be demo or production");
             }
             return std::nullopt;
         }},
        {"mail/from_address",
         [](ServerConfig &c, const QString &v) {
             return setEmail(c.mail.fromAddress, v);
         }},
        {"mail/from_name",
         [](ServerConfig &c, const QString &v) {
             return setText(c.mail.fromName, v, true);
         }},
        {"mail/sendgrid_api_key",
         [](ServerConfig &c, const QString &v) {
             return setText(c.mail.sendgridApiKey, v, true);
         }},
        {"mail/sendgrid_base_url",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QUrl url(v.trimmed());
             if (!url.isValid() || url.host().isEmpty()
                 || (url.scheme() != u"http" && url.scheme() != u"https")) {
                 return QStringLiteral("must be an http:// or https:// URL");
             }
             QString text = v.trimmed();
             while (text.endsWith(u'/')) {
                 text.chop(1);
             }
             c.mail.sendgridBaseUrl = text;
             return std::nullopt;
         }},
        {"mail/timeout_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.mail.timeoutSec, v, 1, 600);
         }},
        {"auth/signing_keys",
         [](ServerConfig &c, const QString &v) {
             return setText(c.auth.signingKeys, v, true);
         }},
        {"auth/issuer",
         [](ServerConfig &c, const QString &v) {
             return setText(c.auth.issuer, v, false);
         }},
        {"auth/audience",
         [](ServerConfig &c, const QString &v) {
             return setText(c.auth.audience, v, false);
         }},
        {"auth/access_ttl_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.accessTtlSec, v, 60, 3600);
         }},
        {"auth/refresh_ttl_days",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.refreshTtlDays, v, 1, 90);
         }},
        {"auth/cookie_secure",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QString mode = v.trimmed().toLower();
             if (mode != u"auto" && mode != u"always" && mode != u"never") {
                 return QStringLiteral("must be auto, always or never");
             }
             c.auth.cookieSecure = mode;
             return std::nullopt;
         }},
        {"auth/hash_threads",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.hashThreads, v, 0, 64);
         }},
        {"auth/hash_queue",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.hashQueue, v, 0, 100000);
         }},
        {"auth/password_memory_kib",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.passwordMemoryKib, v, 19456, 4 * 1024 * 1024);
         }},
        {"auth/password_iterations",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.passwordIterations, v, 2, 20);
         }},
        {"auth/reset_ttl_min",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.resetTtlMin, v, 5, 24 * 60);
         }},
        {"auth/reset_url",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             if (!v.contains(u"{token}")) {
                 return QStringLiteral("must contain {token}");
             }
             return setText(c.auth.resetUrl, v, false);
         }},
        {"auth/storefront_url",
         [](ServerConfig &c, const QString &v) {
             return setText(c.auth.storefrontUrl, v, false);
         }},
        {"auth/login_failures_per_account",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.loginFailuresPerAccount, v, 1, 1000);
         }},
        {"auth/login_failures_per_ip",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.loginFailuresPerIp, v, 1, 100000);
         }},
        {"auth/registrations_per_ip",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.registrationsPerIp, v, 1, 100000);
         }},
        {"auth/password_resets_per_ip",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.auth.passwordResetsPerIp, v, 1, 100000);
         }},
        {"orders/shipping_flat_rate",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.orders.shippingFlatRate, v, 0, 100000000);
         }},
        {"orders/free_shipping_from",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.orders.freeShippingFrom, v, 0, 1000000000);
         }},
        {"orders/pending_ttl_min",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.orders.pendingTtlMin, v, 1, 10080);
         }},
        {"orders/low_stock_threshold",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.orders.lowStockThreshold, v, 0, 1000);
         }},
        {"events/retention",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.events.retentionMin, v, 1, 1440);
         }},
        {"events/max_clients",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.events.maxClients, v, 1, 100000);
         }},
        {"payments/stripe_secret_key",
         [](ServerConfig &c, const QString &v) {
             return setText(c.payments.stripeSecretKey, v, true);
         }},
        {"payments/stripe_publishable_key",
         [](ServerConfig &c, const QString &v) {
             return setText(c.payments.stripePublishableKey, v, true);
         }},
        {"payments/stripe_webhook_secrets",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             QStringList secrets;
             for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
                 const QString secret = part.trimmed();
                 if (secret.isEmpty()) {
                     continue;
                 }
                 if (secret.contains(u'\n') || secret.contains(u'\r') || secret.contains(u' ')) {
                     return QStringLiteral("must be a comma-separated list of whsec_... secrets");
                 }
                 secrets << secret;
             }
             c.payments.stripeWebhookSecrets = secrets;
             return std::nullopt;
         }},
        {"payments/stripe_api_url",
         [](ServerConfig &c, const QString &v) {
             return setBaseUrl(c.payments.stripeApiUrl, v);
         }},
        {"payments/stripe_js_url",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QUrl url(v.trimmed());
             if (!url.isValid() || url.host().isEmpty()
                 || (url.scheme() != u"http" && url.scheme() != u"https")) {
                 return QStringLiteral("must be an http:// or https:// URL");
             }
             c.payments.stripeJsUrl = v.trimmed();
             return std::nullopt;
         }},
        {"payments/timeout_sec",
         [](ServerConfig &c, const QString &v) {
             return setInt(c.payments.timeoutSec, v, 1, 600);
         }},
        {"log/rules",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             c.logRules = v;
             return std::nullopt;
         }},
        {"log/format",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             if (v == u"text") {
                 c.logFormat = LogFormat::Text;
             } else if (v == u"json") {
                 c.logFormat = LogFormat::Json;
             } else if (v == u"journal") {
                 c.logFormat = LogFormat::Journal;
             } else {
                 return QStringLiteral("must be text, json or journal");
             }
             return std::nullopt;
         }},
        {"metrics/listen",
         [](ServerConfig &c, const QString &v) -> std::optional<QString> {
             const QString text = v.trimmed();
             if (text.isEmpty()) {
                 c.metricsListen.clear();
                 return std::nullopt;
             }
             const qsizetype colon = text.lastIndexOf(u':');
             bool ok = false;
             const int port = colon > 0 ? text.mid(colon + 1).toInt(&ok) : 0;
             QString host = colon > 0 ? text.left(colon) : QString();
             if (host.startsWith(u'[') && host.endsWith(u']')) {
                 host = host.mid(1, host.size() - 2);
             }
             if (!ok || port < 0 || port > 65535 || QHostAddress(host).isNull()) {
                 return QStringLiteral("must be empty or address:port, e.g. 127.0.0.1:9464");
             }
             c.metricsListen = text;
             return std::nullopt;
         }},
    };
    return table;
}

QString envName(const char *key)
{
    return QStringLiteral("SHOP_") + QString::fromLatin1(key).toUpper().replace(u'/', u'_');
}

} // namespace

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres")) {
        return fail(Error::badRequest(
            QStringLiteral("must be a URL like postgresql://user:password@host:5432/database")));
    }
    DatabaseConfig db;
    db.host = url.host();
    db.port = url.port(5432);
    db.user = url.userName();
    db.password = url.password();
    db.name = url.path().mid(1);
    QStringList extra;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"host") {
            db.host = value;
        } else if (key == u"user") {
            db.user = value;
        } else if (key == u"password") {
            db.password = value;
        } else if (key == u"port") {
            bool ok = false;
            db.port = value.toInt(&ok);
            if (!ok) {
                return fail(Error::badRequest(QStringLiteral("has a port that is not a number")));
            }
        } else {
            extra << key + u'=' + value;
        }
    }
    db.options = extra.join(u';');
    if (db.name.isEmpty()) {
        return fail(Error::badRequest(QStringLiteral("must name a database after the host")));
    }
    return db;
}

QString DatabaseConfig::displayUrl() const
{
    QString url = QStringLiteral("postgresql://");
    if (!user.isEmpty()) {
        url += user + (password.isEmpty() ? QString() : QStringLiteral(":***")) + u'@';
    }
    if (host.startsWith(u'/')) {
        url += u'/' + name + QStringLiteral("?host=") + host;
    } else {
        url += host + u':' + QString::number(port) + u'/' + name;
    }
    return url;
}

Result<ServerConfig> ServerConfig::load(const QString &iniPath, const QProcessEnvironment &env)
{
    ServerConfig config;
    QList<FieldError> errors;

    if (!iniPath.isEmpty()) {
        if (!QFileInfo(iniPath).isReadable()) {
            return fail(Error::badRequest(
                QStringLiteral("The configuration file %1 cannot be read.").arg(iniPath)));
        }
        QSettings ini(iniPath, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            return fail(Error::badRequest(
                QStringLiteral("The configuration file %1 is not a valid INI file.").arg(iniPath)));
        }
        QStringList known;
        for (const Option &option : options()) {
            known << QString::fromLatin1(option.key);
        }
        for (const QString &key : ini.allKeys()) {
            if (!known.contains(key)) {
                errors.append({key, QStringLiteral("is not a known setting")});
            }
        }
        for (const Option &option : options()) {
            const QString key = QString::fromLatin1(option.key);
            if (ini.contains(key)) {
                const QVariant value = ini.value(key);
                // QSettings turns "a, b" into a list; join it back for list-valued options.
                const QString text = value.metaType().id() == QMetaType::QStringList
                    ? value.toStringList().join(u',')
                    : value.toString();
                if (auto error = option.set(config, text)) {
                    errors.append({key, *error});
                }
            }
        }
    }
    for (const Option &option : options()) {
        const QString name = envName(option.key);
        if (env.contains(name)) {
            if (auto error = option.set(config, env.value(name))) {
                errors.append({name, *error});
            }
        }
    }
    if (config.mode == ServerMode::Production && config.mail.sendgridApiKey.isEmpty()) {
        errors.append({QStringLiteral("mail/sendgrid_api_key"),
                       QStringLiteral("is required in production mode (server/mode = "
                                      "production): set SHOP_MAIL_SENDGRID_API_KEY, or run "
                                      "with server/mode = demo to send to shop-sandbox")});
    }
    if (config.mode == ServerMode::Production && config.auth.signingKeys.isEmpty()) {
        errors.append({QStringLiteral("auth/signing_keys"),
                       QStringLiteral("is required in production mode: set SHOP_AUTH_SIGNING_KEYS "
                                      "to id:base64secret (at least 32 random bytes, e.g. "
                                      "`openssl rand -base64 32`)")});
    }
    PaymentsConfig &payments = config.payments;
    if (config.mode == ServerMode::Production) {
        const auto require = [&errors](bool missing, const char *key, const char *hint) {
            if (missing) {
                errors.append({QString::fromLatin1(key),
                               QStringLiteral("is required in production mode: set %1 (%2), or "
                                              "run with server/mode = demo to pay through "
                                              "shop-sandbox")
                                   .arg(envName(key), QString::fromLatin1(hint))});
            }
        };
        require(payments.stripeSecretKey.isEmpty(), "payments/stripe_secret_key",
                "Stripe's secret key, sk_live_... or sk_test_...");
        require(payments.stripePublishableKey.isEmpty(), "payments/stripe_publishable_key",
                "Stripe's publishable key, pk_live_... or pk_test_...");
        require(payments.stripeWebhookSecrets.isEmpty(), "payments/stripe_webhook_secrets",
                "the webhook endpoint's signing secret whsec_..., comma-separated when rotating");
        if (payments.stripeApiUrl.isEmpty()) {
            payments.stripeApiUrl = QStringLiteral("https://api.stripe.com");
        }
        if (payments.stripeJsUrl.isEmpty()) {
            payments.stripeJsUrl = QStringLiteral("https://js.stripe.com/v3");
        }
    } else {
        // Demo: what is not set is shop-sandbox's (its default keys, address and Stripe.js);
        // with a secret key of one's own, the URLs default to Stripe's.
        const bool sandbox = payments.stripeSecretKey.isEmpty();
        if (sandbox) {
            payments.stripeSecretKey = QString::fromLatin1(PaymentsConfig::sandboxSecretKey);
        }
        if (payments.stripePublishableKey.isEmpty()) {
            payments.stripePublishableKey =
                QString::fromLatin1(PaymentsConfig::sandboxPublishableKey);
        }
        if (payments.stripeWebhookSecrets.isEmpty()) {
            payments.stripeWebhookSecrets = {
                QString::fromLatin1(PaymentsConfig::sandboxWebhookSecret)};
        }
        if (payments.stripeApiUrl.isEmpty()) {
            payments.stripeApiUrl = sandbox ? QString::fromLatin1(PaymentsConfig::sandboxApiUrl)
                                            : QStringLiteral("https://api.stripe.com");
        }
        if (payments.stripeJsUrl.isEmpty()) {
            payments.stripeJsUrl = sandbox ? QString::fromLatin1(PaymentsConfig::sandboxJsUrl)
                                           : QStringLiteral("https://js.stripe.com/v3");
        }
    }
    if (!errors.isEmpty()) {
        return fail(Error::validation(errors, QStringLiteral("The configuration is invalid.")));
    }
    if (config.database.poolSize == 0) {
        config.database.poolSize = std::max(4, 2 * QThread::idealThreadCount());
    }
    if (config.http.publicUrl.isEmpty()) {
        const QString host = config.http.address == QHostAddress::Any
                || config.http.address == QHostAddress::AnyIPv6
                || config.http.address == QHostAddress::AnyIPv4
            ? QStringLiteral("127.0.0.1")
            : config.http.address.toString();
        config.http.publicUrl =
            QStringLiteral("http://") + host + u':' + QString::number(config.http.port);
    }
    return config;
}

// Documented option list for --help and docs/configuration.md.
QStringList configurationKeys()
{
    QStringList keys;
    for (const Option &option : options()) {
        keys << QString::fromLatin1(option.key) + QStringLiteral(" (") + envName(option.key) + u')';
    }
    return keys;
}

} // namespace Shop::Server
