#pragma once

#include <QSet>
#include <QString>

#include <optional>

namespace Shop::Auth {

// Why a new password is refused. `code` is the field error code of the wire contract:
// "too_short", "too_long", "too_common" or "contains_email"; `message` is English text for the
// user.
struct PasswordProblem
{
    QString code;
    QString message;
};

inline constexpr qsizetype kMinPasswordLength = 12; // code points after NFKC
inline constexpr qsizetype kMaxPasswordLength = 128;

// The rules for a new password, checked in this order:
//   too_short       fewer than 12 code points after NFKC normalisation
//   too_long        more than 128 code points
//   contains_email  contains the local part of `email` (when that is at least 4 characters),
//                   ignoring case
//   too_common      in the common-password list, ignoring case, as it is or after trailing
//                   digits, punctuation, symbols and spaces are stripped ("Password1234!" is
//                   "password")
// Returns nothing when the password is acceptable.
[[nodiscard]] std::optional<PasswordProblem> checkPassword(const QString &password,
                                                           const QString &email = {});

// The common-password list (resources/auth/common-passwords.txt, built in as
// :/auth/common-passwords.txt), lower-cased, loaded once on first use (thread-safe).
[[nodiscard]] const QSet<QString> &commonPasswords();

} // namespace Shop::Auth
