#pragma once

// Every wire detail of the accounts API the desktop clients depend on, in one place: paths,
// the refresh cookie and the CSRF header (the contract: docs/accounts-client.md). Paths are
// relative to the API client's base URL.

#include <QByteArray>
#include <QString>

namespace Shop::Client::AccountWire {

inline const QString kRegister = QStringLiteral("api/auth/register");
inline const QString kLogin = QStringLiteral("api/auth/login");
inline const QString kRefresh = QStringLiteral("api/auth/refresh");
inline const QString kLogout = QStringLiteral("api/auth/logout");
inline const QString kForgotPassword = QStringLiteral("api/auth/forgot-password");
inline const QString kResetPassword = QStringLiteral("api/auth/reset-password");
inline const QString kMe = QStringLiteral("api/users/me");
inline const QString kMyPassword = QStringLiteral("api/users/me/password");
inline const QString kMyAddresses = QStringLiteral("api/users/me/addresses");
inline const QString kAdminUsers = QStringLiteral("api/admin/users");
inline const QString kAdminAudit = QStringLiteral("api/admin/audit");

// The path the refresh cookie is scoped to, below the base URL (Path=/api/auth).
inline const QString kCookieScope = QStringLiteral("api/auth/");
inline constexpr QByteArrayView kRefreshCookie = "shop_refresh";
// Requests authenticated by the cookie (refresh, logout) carry this (CSRF).
inline constexpr QByteArrayView kCsrfHeader = "X-Requested-With";
inline constexpr QByteArrayView kCsrfValue = "XMLHttpRequest";

// Problem codes the clients act on.
inline const QString kAccountDisabled = QStringLiteral("account_disabled");
inline const QString kInvalidToken = QStringLiteral("invalid_token");

// Refresh this long before the access token's `exp`.
inline constexpr int kRefreshEarlySeconds = 60;

} // namespace Shop::Client::AccountWire
