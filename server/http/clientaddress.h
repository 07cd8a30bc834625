#pragma once

#include "error.h"
#include "request.h"

#include <QHostAddress>
#include <QList>
#include <QStringList>

namespace Shop::Http {

// The address as one client has it: an IPv4-mapped IPv6 address (::ffff:192.0.2.1, what a
// dual-stack socket reports for IPv4 peers) becomes the IPv4 address, and an IPv6 scope id is
// dropped.
[[nodiscard]] QHostAddress normalizedAddress(const QHostAddress &address);

// Who sent a request, when the server may sit behind reverse proxies (nginx, a load balancer).
//
// X-Forwarded-For is believed only when the TCP peer is one of the configured proxies; any client
// can send the header, so from anyone else it is ignored and the peer is the client. From a
// trusted peer the list (all X-Forwarded-For fields in order, comma-separated) is walked from the
// right, the entry the nearest proxy added, skipping addresses that are themselves trusted
// proxies; the first untrusted address is the client. Entries a client put further left are never
// reached unless every proxy to their right is trusted, so they cannot be spoofed. A malformed
// entry ("unknown", a host name, garbage) stops the walk: the last good address is used (the
// peer when the rightmost entry is already malformed), as is the leftmost one when every entry is
// a trusted proxy. Entries may carry a port ("192.0.2.1:8080", "[2001:db8::1]:443"); IPv4 must be
// dotted quads (no "127.1" shorthand); IPv6 scope ids are refused.
//
// The standard Forwarded header (RFC 7239) is not read: the proxies this server is deployed
// behind (packaging/nginx, cloud load balancers) set X-Forwarded-For, and reading a second header
// would give a client a second channel to confuse the two. A proxy that only sends Forwarded must
// be configured to send X-Forwarded-For as well.
class TrustedProxies final
{
public:
    TrustedProxies() = default; // trusts nobody: the peer is always the client

    // CIDR ranges ("10.0.0.0/8", "2001:db8::/32") or single addresses ("127.0.0.1", "::1"); an
    // IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range. A bad entry is a Validation error
    // naming it.
    [[nodiscard]] static Result<TrustedProxies> parse(const QStringList &cidrs);

    [[nodiscard]] bool isEmpty() const { return m_subnets.isEmpty(); }
    [[nodiscard]] bool isTrusted(const QHostAddress &address) const;
    // The client's address (normalized) as described above.
    [[nodiscard]] QHostAddress clientAddress(const Request &request) const;

    // One X-Forwarded-For entry, or a null address when it is malformed.
    [[nodiscard]] static QHostAddress parseForwardedEntry(QByteArrayView entry);

private:
    QList<std::pair<QHostAddress, int>> m_subnets;
};

} // namespace Shop::Http
