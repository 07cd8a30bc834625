#include "requestlimits.h"

#include "logging.h"
#include "problem.h"

namespace Shop::Http {

namespace {

const QString kAccountScope = QStringLiteral("account");

bool hasBearerToken(const Request &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    return authorization.size() > 7
        && QByteArrayView(authorization).first(7).compare("bearer ", Qt::CaseInsensitive) == 0;
}

} // namespace

RequestLimits::RequestLimits()
    : m_limiter(std::make_shared<InMemoryRateLimiter>())
{ }

RequestLimits::RequestLimits(const Server::RateLimitConfig &config)
    : m_enabled(config.enabled)
    , m_accountLimit {config.accountPerMin, std::chrono::seconds(60)}
{
    InMemoryRateLimiter::Options options;
    options.maxEntries = config.maxEntries;
    m_limiter = std::make_shared<InMemoryRateLimiter>(std::move(options));
    setClassLimit(kRateClassAuth, {config.authPer15Min, std::chrono::seconds(900)});
    setClassLimit(kRateClassAnonWrite, {config.anonWritePer15Min, std::chrono::seconds(900)});
    setClassLimit(kRateClassCatalog, {config.catalogPerMin, std::chrono::seconds(60)});
    if (Result<TrustedProxies> proxies = TrustedProxies::parse(config.trustedProxies)) {
        m_proxies = std::move(*proxies);
    } else {
        qCCritical(lcHttpLimits, "%ls X-Forwarded-For is ignored.",
                   qUtf16Printable(proxies.error().message));
    }
}

void RequestLimits::setClassLimit(const QString &rateClass, RateLimit limit)
{
    m_classes.insert(rateClass, limit);
    m_scopes.insert(rateClass, QStringLiteral("ip.") + rateClass);
}

std::optional<RateLimit> RequestLimits::classLimit(const QString &rateClass) const
{
    const auto it = m_classes.constFind(rateClass);
    if (it == m_classes.constEnd()) {
        return std::nullopt;
    }
    return *it;
}

QStringList RequestLimits::unknownClasses(const QStringList &rateClasses) const
{
    QStringList unknown;
    for (const QString &rateClass : rateClasses) {
        if (!rateClass.isEmpty() && !m_classes.contains(rateClass)
            && !unknown.contains(rateClass)) {
            unknown.append(rateClass);
        }
    }
    return unknown;
}

QByteArray RequestLimits::addressKey(const QHostAddress &address)
{
    const QHostAddress normalized = normalizedAddress(address);
    if (normalized.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = normalized.toIPv4Address();
        const char bytes[4] = {char(v4 >> 24), char(v4 >> 16), char(v4 >> 8), char(v4)};
        return QByteArray(bytes, 4);
    }
    if (normalized.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = normalized.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(v6.c), 8); // the /64
    }
    return QByteArrayLiteral("?");
}

std::optional<RateDecision> RequestLimits::check(const QString &rateClass, const Request &request)
{
    if (!m_enabled || rateClass.isEmpty() || !m_limiter) {
        return std::nullopt;
    }
    if (m_accountKey && hasBearerToken(request)) {
        const QByteArray account = m_accountKey(request);
        if (!account.isEmpty()) {
            return countRejection(kAccountScope,
                                  m_limiter->hit(kAccountScope, account, m_accountLimit));
        }
    }
    auto limit = m_classes.constFind(rateClass);
    QString scope;
    if (limit == m_classes.constEnd()) {
        limit = m_classes.constFind(kRateClassAnonWrite);
        scope = QStringLiteral("ip.") + rateClass;
    } else {
        scope = m_scopes.value(rateClass);
    }
    const RateLimit applied = limit == m_classes.constEnd() ? RateLimit {} : *limit;
    return countRejection(
        scope, m_limiter->hit(scope, addressKey(m_proxies.clientAddress(request)), applied));
}

Response tooManyRequestsResponse(const RateDecision &decision, const QString &instance,
                                 const QString &requestId, const QString &detail)
{
    const qint64 wait = std::max<qint64>(1, decision.retryAfter.count());
    const QString message = !detail.isEmpty() ? detail
        : wait == 1 ? QStringLiteral("Too many requests; try again in 1 second.")
                    : QStringLiteral("Too many requests; try again in %1 seconds.").arg(wait);
    Response response =
        problemResponse(Error {ErrorCode::TooManyRequests, message, {}}, instance, requestId);
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));
    addRateLimitHeaders(response, decision);
    return response;
}

void addRateLimitHeaders(Response &response, const RateDecision &decision)
{
    if (!response.header("ratelimit-limit").isNull()) {
        return;
    }
    // Appended, not setHeader(): every answer of a limited route passes here.
    response.headers.reserve(response.headers.size() + 3);
    response.headers.append(
        {QByteArrayLiteral("RateLimit-Limit"), QByteArray::number(decision.limit)});
    response.headers.append({QByteArrayLiteral("RateLimit-Remaining"),
                             QByteArray::number(std::max(0, decision.remaining))});
    response.headers.append(
        {QByteArrayLiteral("RateLimit-Reset"), QByteArray::number(qint64(decision.reset.count()))});
}

} // namespace Shop::Http
