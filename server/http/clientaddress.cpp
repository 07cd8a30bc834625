#include "clientaddress.h"

namespace Shop::Http {

namespace {

// More entries than any real proxy chain; beyond them the walk stops at the last good address.
constexpr int kMaxHops = 32;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "192.0.2.1": four decimal parts 0-255 without leading zeros.
bool isDottedQuad(QByteArrayView text)
{
    int parts = 0;
    qsizetype i = 0;
    while (i <= text.size()) {
        qsizetype end = i;
        while (end < text.size() && isDigit(text.at(end))) {
            ++end;
        }
        const qsizetype length = end - i;
        if (length < 1 || length > 3 || (length > 1 && text.at(i) == '0')) {
            return false;
        }
        int value = 0;
        for (qsizetype k = i; k < end; ++k) {
            value = value * 10 + (text.at(k) - '0');
        }
        if (value > 255) {
            return false;
        }
        ++parts;
        if (end == text.size()) {
            break;
        }
        if (text.at(end) != '.') {
            return false;
        }
        i = end + 1;
    }
    return parts == 4;
}

// An IPv4 dotted quad or an IPv6 address (no scope id), strictly; null otherwise.
QHostAddress strictAddress(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 45) {
        return {};
    }
    if (!text.contains(':')) {
        return isDottedQuad(text) ? QHostAddress(QString::fromLatin1(text)) : QHostAddress();
    }
    for (const char c : text) {
        const bool ok =
            isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
        if (!ok) {
            return {};
        }
    }
    const QHostAddress address(QString::fromLatin1(text));
    if (address.protocol() != QAbstractSocket::IPv6Protocol) {
        return {};
    }
    return address;
}

bool isPort(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 5) {
        return false;
    }
    for (const char c : text) {
        if (!isDigit(c)) {
            return false;
        }
    }
    return true;
}

} // namespace

QHostAddress normalizedAddress(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        bool mapped = false;
        const quint32 v4 = address.toIPv4Address(&mapped);
        if (mapped) {
            return QHostAddress(v4);
        }
        if (!address.scopeId().isEmpty()) {
            QHostAddress copy = address;
            copy.setScopeId({});
            return copy;
        }
    }
    return address;
}

QHostAddress TrustedProxies::parseForwardedEntry(QByteArrayView entry)
{
    const QByteArrayView text = entry.trimmed();
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0) {
            return {};
        }
        const QByteArrayView rest = text.sliced(close + 1);
        if (!rest.isEmpty() && !(rest.startsWith(':') && isPort(rest.sliced(1)))) {
            return {};
        }
        const QHostAddress address = strictAddress(text.sliced(1, close - 1));
        return address.protocol() == QAbstractSocket::IPv6Protocol ? normalizedAddress(address)
                                                                   : QHostAddress();
    }
    const qsizetype colon = text.indexOf(':');
    if (colon >= 0 && colon == text.lastIndexOf(':') && text.contains('.')) {
        // "192.0.2.1:8080"
        if (!isPort(text.sliced(colon + 1))) {
            return {};
        }
        return strictAddress(text.first(colon));
    }
    return normalizedAddress(strictAddress(text));
}

Result<TrustedProxies> TrustedProxies::parse(const QStringList &cidrs)
{
    TrustedProxies proxies;
    QList<FieldError> errors;
    for (const QString &item : cidrs) {
        const QString text = item.trimmed();
        if (text.isEmpty()) {
            continue;
        }
        const qsizetype slash = text.indexOf(u'/');
        const QByteArray addressText = (slash < 0 ? text : text.left(slash)).toLatin1();
        QHostAddress address = strictAddress(addressText);
        const int maxPrefix = address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        int prefix = maxPrefix;
        bool ok = !address.isNull();
        if (ok && slash >= 0) {
            const QString prefixText = text.mid(slash + 1);
            prefix = prefixText.toInt(&ok);
            ok = ok && isPort(prefixText.toLatin1()) && prefix >= 0 && prefix <= maxPrefix;
        }
        if (!ok) {
            errors.append({QStringLiteral("trusted_proxies"),
                           QStringLiteral("\"%1\" is not an address or a CIDR range such as "
                                          "10.0.0.0/8 or 2001:db8::/32")
                               .arg(text)});
            continue;
        }
        bool mapped = false;
        const quint32 v4 = address.toIPv4Address(&mapped);
        if (address.protocol() == QAbstractSocket::IPv6Protocol && mapped && prefix >= 96) {
            address = QHostAddress(v4);
            prefix -= 96;
        }
        // The network address itself, so that "10.1.2.3/8" means 10.0.0.0/8.
        proxies.m_subnets.append(
            QHostAddress::parseSubnet(address.toString() + u'/' + QString::number(prefix)));
    }
    if (!errors.isEmpty()) {
        return fail(
            Error::validation(errors, QStringLiteral("The trusted proxy list is invalid.")));
    }
    return proxies;
}

bool TrustedProxies::isTrusted(const QHostAddress &address) const
{
    const QHostAddress normalized = normalizedAddress(address);
    for (const auto &subnet : m_subnets) {
        if (normalized.isInSubnet(subnet)) {
            return true;
        }
    }
    return false;
}

QHostAddress TrustedProxies::clientAddress(const Request &request) const
{
    const QHostAddress peer = normalizedAddress(request.remoteAddress);
    if (m_subnets.isEmpty() || !isTrusted(peer)) {
        return peer;
    }
    QList<QByteArrayView> entries;
    for (const auto &[name, value] : request.headers) {
        if (QByteArrayView(name).compare("x-forwarded-for", Qt::CaseInsensitive) == 0) {
            const QByteArrayView list(value);
            qsizetype start = 0;
            while (true) {
                const qsizetype comma = list.indexOf(',', start);
                entries.append(list.sliced(start, (comma < 0 ? list.size() : comma) - start));
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
    }
    QHostAddress current = peer;
    int hops = 0;
    for (qsizetype i = entries.size() - 1; i >= 0 && hops < kMaxHops; --i, ++hops) {
        const QHostAddress address = parseForwardedEntry(entries.at(i));
        if (address.isNull()) {
            return current;
        }
        current = address;
        if (!isTrusted(address)) {
            return address;
        }
    }
    return current;
}

} // namespace Shop::Http
