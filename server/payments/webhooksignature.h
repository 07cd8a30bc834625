#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

namespace Shop::Payments {

// Stripe's webhook signature (https://docs.stripe.com/webhooks#verify-manually):
//   Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw
//   body>")>[,v1=...][,v0=...]
// The event is genuine when some v1 value equals the HMAC under some configured secret (several
// secrets: rotation; several v1 values: Stripe signing with an old and a new secret), compared in
// constant time (CRYPTO_memcmp), and t is within `toleranceSec` of now (replays of old deliveries
// are refused). v0 and unknown schemes are ignored; a header longer than kMaxSignatureHeader, a
// missing or non-numeric t, or no v1 at all is refused before any HMAC is computed.
enum class SignatureCheck {
    Valid,
    Missing, // no header
    TooLong,
    Malformed, // not key=value pairs, t missing or not a number
    NoV1, // no v1 signature (only v0, say)
    Stale, // t outside the tolerance
    Mismatch, // no v1 matches any secret
};

inline constexpr qsizetype kMaxSignatureHeader = 4096;
inline constexpr int kSignatureToleranceSec = 300;

[[nodiscard]] SignatureCheck verifyStripeSignature(QByteArrayView header, QByteArrayView body,
                                                   const QStringList &secrets, qint64 nowSeconds,
                                                   int toleranceSec = kSignatureToleranceSec);

// "t=<t>,v1=<hex HMAC>" for `body` signed with `secret` at `t`: what Stripe sends (tests).
[[nodiscard]] QByteArray stripeSignatureHeader(QByteArrayView body, const QString &secret,
                                               qint64 t);

[[nodiscard]] const char *signatureCheckName(SignatureCheck check);

} // namespace Shop::Payments
