#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Shop::Auth {

// Opaque random tokens (refresh cookies, password-reset links) and how they are stored.
//
// randomToken() draws `bytes` bytes from libsodium's CSPRNG (randombytes_buf) and returns them as
// base64url without padding (RFC 4648 section 5): 32 bytes give 43 characters of [A-Za-z0-9_-].
// A non-positive count gives an empty token.
[[nodiscard]] QByteArray randomToken(int bytes = 32);

// What the database keeps instead of a token: its SHA-256, 32 raw bytes (a bytea column). A
// token is looked up by its digest, so a leaked table does not hand out sessions.
[[nodiscard]] QByteArray tokenDigest(QByteArrayView token);

// Compares two byte strings in time that depends only on their length (CRYPTO_memcmp). Strings of
// different lengths are unequal at once: the length of a digest or signature is not a secret.
[[nodiscard]] bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Makes sure libsodium is initialised (sodium_init, once, thread-safe). Every function of this
// library that needs libsodium calls it; it is public for code that calls libsodium directly.
void ensureSodium();

} // namespace Shop::Auth
