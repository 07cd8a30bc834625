#include "accountsservice.h"

#include "accountsrequests.h"
#include "audit/audit.h"
#include "auth/passwordpolicy.h"
#include "auth/tokens.h"
#include "db/database.h"
#include "db/transaction.h"
#include "http/problem.h"
#include "http/requestlimits.h"
#include "ids.h"
#include "outbox/outbox.h"
#include "redis/cartcache.h"
#include "redis/redisratelimiter.h"
#include "sessionrepository.h"
#include "userrepository.h"
#include "validation.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QUrlQuery>

namespace Shop::Accounts {

Q_LOGGING_CATEGORY(lcAccounts, "shop.accounts.service")

using Http::Reply;
using Http::Request;
using Http::Responder;
using Http::Response;

using namespace Requests;

AccountsService::AccountsService(const Server::ServerConfig &config,
                                 std::shared_ptr<const Auth::JwtCodec> codec,
                                 std::shared_ptr<RevocationSet> revocations)
    : m_config(config)
    , m_codec(std::move(codec))
    , m_revocations(std::move(revocations))
    // Login, registration and reset limits: shared by every instance through Redis when it is
    // configured (these calls run on workers), else this process's own.
    , m_limiter(Redis::makeSharedRateLimiter(config))
    , m_cartCache(Redis::CartCache::forConfig(config))
{
    const int threads = config.auth.hashThreads > 0 ? config.auth.hashThreads
                                                    : std::max(1, QThread::idealThreadCount() / 2);
    Auth::PasswordCost cost;
    cost.opsLimit = quint64(config.auth.passwordIterations);
    cost.memLimitBytes = size_t(config.auth.passwordMemoryKib) * 1024;
    m_hasher = std::make_unique<Auth::PasswordHasher>(cost, threads, config.auth.hashQueue);
    if (auto proxies = Http::TrustedProxies::parse(config.http.rateLimit.trustedProxies)) {
        m_proxies = *proxies;
    }
    m_secureCookie = config.auth.cookieSecure == u"always"
        || (config.auth.cookieSecure == u"auto"
            && config.http.publicUrl.startsWith(u"https://", Qt::CaseInsensitive));
}

AccountsService::~AccountsService() = default;

void AccountsService::registerRoutes(Http::Router &router)
{
    using Http::Route;
    const auto sync = [this](Reply (AccountsService::*method)(const Request &)) {
        return [this, method](const Request &request) {
            return (this->*method)(request);
        };
    };
    const auto async = [this](void (AccountsService::*method)(const Request &, Responder)) {
        return [this, method](const Request &request, Responder responder) {
            (this->*method)(request, std::move(responder));
        };
    };
    const QString auth = Http::kRateClassAuth;
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/auth/register"),
                      .rateClass = auth,
                      .asyncHandler = async(&AccountsService::registerUser)});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/auth/login"),
                      .rateClass = auth,
                      .asyncHandler = async(&AccountsService::login)});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/auth/refresh"),
                      .handler = sync(&AccountsService::refresh),
                      .rateClass = auth});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/auth/logout"),
                      .handler = sync(&AccountsService::logout),
                      .rateClass = auth});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/auth/forgot-password"),
                      .handler = sync(&AccountsService::forgotPassword),
                      .rateClass = auth});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/auth/reset-password"),
                      .rateClass = auth,
                      .asyncHandler = async(&AccountsService::resetPassword)});

    // Signed-in callers count against their account's limit whatever the class; the class only
    // matters for callers without a valid token, who get 401 before it counts.
    const QString signedIn = Http::kRateClassAnonWrite;
    const QString read = QStringLiteral("read:account");
    const QString write = QStringLiteral("write:account");
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/users/me"),
                      .handler = sync(&AccountsService::me),
                      .rateClass = signedIn,
                      .permission = read});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/users/me"),
                      .handler = sync(&AccountsService::updateMe),
                      .rateClass = signedIn,
                      .permission = write});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/users/me/password"),
                      .rateClass = signedIn,
                      .asyncHandler = async(&AccountsService::changePassword),
                      .permission = write});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/users/me/addresses"),
                      .handler = sync(&AccountsService::listAddresses),
                      .rateClass = signedIn,
                      .permission = read});
    router.add(Route {.method = "POST",
                      .pattern = QStringLiteral("/api/users/me/addresses"),
                      .handler = sync(&AccountsService::createAddress),
                      .rateClass = signedIn,
                      .permission = write});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/users/me/addresses/{id}"),
                      .handler = sync(&AccountsService::updateAddress),
                      .rateClass = signedIn,
                      .permission = write});
    router.add(Route {.method = "DELETE",
                      .pattern = QStringLiteral("/api/users/me/addresses/{id}"),
                      .handler = sync(&AccountsService::deleteAddress),
                      .rateClass = signedIn,
                      .permission = write});

    const QString readUsers = QStringLiteral("read:users");
    const QString writeUsers = QStringLiteral("write:users");
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/admin/users"),
                      .handler = sync(&AccountsService::adminListUsers),
                      .rateClass = signedIn,
                      .permission = readUsers});
    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/admin/users/{id}"),
                      .handler = sync(&AccountsService::adminUser),
                      .rateClass = signedIn,
                      .permission = readUsers});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/admin/users/{id}/status"),
                      .handler = sync(&AccountsService::adminSetStatus),
                      .rateClass = signedIn,
                      .permission = writeUsers});
    router.add(Route {.method = "PUT",
                      .pattern = QStringLiteral("/api/admin/users/{id}/role"),
                      .handler = sync(&AccountsService::adminSetRole),
                      .rateClass = signedIn,
                      .permission = writeUsers});
}

// --- helpers ---------------------------------------------------------------------------------

// The cart's tax follows the default address: cached carts go (docs/caching.md).
void AccountsService::addressesChanged(const QString &userId) const
{
    if (m_cartCache) {
        m_cartCache->invalidate(userId);
    }
}

QByteArray AccountsService::clientIp(const Request &request) const
{
    return m_proxies.clientAddress(request).toString().toLatin1();
}

std::optional<Response> AccountsService::limited(const Request &request, const QString &scope,
                                                 const QByteArray &key,
                                                 const Http::RateLimit &limit, bool count)
{
    if (!m_config.http.rateLimit.enabled) {
        return std::nullopt;
    }
    const Http::RateDecision decision =
        count ? m_limiter->hit(scope, key, limit) : m_limiter->peek(scope, key, limit);
    if (decision.allowed) {
        return std::nullopt;
    }
    return Http::tooManyRequestsResponse(decision, request.path, request.requestId);
}

QByteArray AccountsService::accessToken(const User &user, const QString &sessionId) const
{
    Auth::TokenClaims claims;
    claims.subject = user.id;
    claims.sessionId = sessionId;
    claims.type = QStringLiteral("access");
    claims.role = user.role;
    claims.issuedAt = QDateTime::currentDateTimeUtc();
    claims.expiresAt = claims.issuedAt.addSecs(m_config.auth.accessTtlSec);
    return m_codec->sign(claims);
}

QByteArray AccountsService::refreshCookie(const QByteArray &token, bool clear) const
{
    QByteArray cookie = kCookieName + '=' + (clear ? QByteArray() : token)
        + "; Path=/api/auth; Max-Age="
        + QByteArray::number(clear ? 0 : qint64(m_config.auth.refreshTtlDays) * 86400)
        + "; HttpOnly; SameSite=Strict";
    if (m_secureCookie) {
        cookie += "; Secure";
    }
    return cookie;
}

Response AccountsService::sessionResponse(const User &user, const QString &sessionId,
                                          const QByteArray &refreshToken, int status) const
{
    Response response =
        Response::json(QJsonObject {{QStringLiteral("user"), user.toJson()},
                                    {QStringLiteral("access_token"),
                                     QString::fromLatin1(accessToken(user, sessionId))},
                                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                    {QStringLiteral("expires_in"), m_config.auth.accessTtlSec}},
                       status);
    response.setHeader(QByteArrayLiteral("Set-Cookie"), refreshCookie(refreshToken, false));
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

Reply AccountsService::newSession(const Request &request, const User &user, int status)
{
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto session = SessionRepository::create(
        *db, user.id, std::chrono::days(m_config.auth.refreshTtlDays),
        QString::fromUtf8(request.header("user-agent")), QString::fromLatin1(clientIp(request)));
    if (!session) {
        return fail(session.error());
    }
    return sessionResponse(user, session->sessionId, session->refreshToken, status);
}

// --- anonymous -------------------------------------------------------------------------------

void AccountsService::registerUser(const Request &request, Responder responder)
{
    auto f = fieldsOf(request);
    if (!f) {
        responder.respond(fail(f.error()));
        return;
    }
    f->allowOnly({QStringLiteral("email"), QStringLiteral("password"), QStringLiteral("first_name"),
                  QStringLiteral("last_name"), QStringLiteral("language")},
                 {QStringLiteral("role"), QStringLiteral("is_active"), QStringLiteral("id")});
    UserRepository::NewUser user;
    user.email = f->email(QStringLiteral("email"));
    const QString password = f->newPassword(QStringLiteral("password"), user.email);
    user.firstName = f->text(QStringLiteral("first_name"), true, 100);
    user.lastName = f->text(QStringLiteral("last_name"), false, 100);
    user.language = f->language(QStringLiteral("language"));
    if (user.language.isEmpty()) {
        user.language = QStringLiteral("en");
    }
    if (auto error = f->error()) {
        responder.respond(fail(*error));
        return;
    }
    if (auto refused = limited(request, QStringLiteral("register.ip"), clientIp(request),
                               {m_config.auth.registrationsPerIp, std::chrono::hours(1)}, true)) {
        responder.respond(std::move(*refused));
        return;
    }
    auto db = database();
    if (!db) {
        responder.respond(fail(db.error()));
        return;
    }
    auto existing = UserRepository::findByEmail(*db, user.email);
    if (!existing) {
        responder.respond(fail(existing.error()));
        return;
    }
    if (existing->has_value()) {
        responder.respond(fail(Error::validation(
            {{QStringLiteral("email"), QStringLiteral("has an account already; sign in instead"),
              QStringLiteral("taken")}},
            QStringLiteral("An account with this email address exists."))));
        return;
    }
    const bool accepted =
        m_hasher->hash(password, [this, request, responder, user](Result<QByteArray> hash) mutable {
            if (!hash) {
                responder.respond(fail(hash.error()));
                return;
            }
            user.passwordHash = *hash;
            responder.continueOnWorker([this, request, user]() -> Reply {
                auto db = database();
                if (!db) {
                    return fail(db.error());
                }
                auto tx = Db::Transaction::begin(*db);
                if (!tx) {
                    return fail(tx.error());
                }
                auto created = UserRepository::create(*db, user);
                if (!created) {
                    if (created.error().code == ErrorCode::Conflict) {
                        return fail(Error::validation(
                            {{QStringLiteral("email"),
                              QStringLiteral("has an account already; sign in instead"),
                              QStringLiteral("taken")}},
                            QStringLiteral("An account with this email address exists.")));
                    }
                    return fail(created.error());
                }
                auto welcome = Outbox::enqueueMail(*db, QStringLiteral("welcome"),
                                                   {{QStringLiteral("user_id"), created->id}},
                                                   QStringLiteral("welcome:") + created->id);
                if (!welcome) {
                    return fail(welcome.error());
                }
                Reply session = newSession(request, *created, 201);
                if (!session) {
                    return session;
                }
                if (auto committed = tx->commit(); !committed) {
                    return fail(committed.error());
                }
                qCInfo(lcAccounts, "Account %ls registered.", qUtf16Printable(created->id));
                return session;
            });
        });
    if (!accepted) {
        responder.respond(fail(busy()));
    }
}

void AccountsService::login(const Request &request, Responder responder)
{
    auto f = fieldsOf(request);
    if (!f) {
        responder.respond(fail(f.error()));
        return;
    }
    f->allowOnly({QStringLiteral("email"), QStringLiteral("password")});
    const QString email = f->text(QStringLiteral("email"), true, 254).toLower();
    const QString password = f->text(QStringLiteral("password"), true, 1024, false);
    if (auto error = f->error()) {
        responder.respond(fail(*error));
        return;
    }
    const QByteArray accountKey = email.toUtf8();
    const QByteArray ip = clientIp(request);
    const Http::RateLimit accountLimit {m_config.auth.loginFailuresPerAccount, kFifteenMinutes};
    const Http::RateLimit ipLimit {m_config.auth.loginFailuresPerIp, kFifteenMinutes};
    // Locked accounts answer 429 even for the right password: guessing stops paying off.
    if (auto refused =
            limited(request, QStringLiteral("login.account"), accountKey, accountLimit, false)) {
        responder.respond(std::move(*refused));
        return;
    }
    if (auto refused = limited(request, QStringLiteral("login.ip"), ip, ipLimit, false)) {
        responder.respond(std::move(*refused));
        return;
    }
    auto db = database();
    if (!db) {
        responder.respond(fail(db.error()));
        return;
    }
    auto found = UserRepository::findByEmail(*db, email);
    if (!found) {
        responder.respond(fail(found.error()));
        return;
    }
    const std::optional<UserWithHash> user = *found;
    auto checked = [this, request, responder, user, password, accountKey, ip, accountLimit,
                    ipLimit](Auth::PasswordCheck check) {
        if (check.matches && check.needsRehash && user) {
            // The cost changed since this hash was made: store one at today's cost. On the
            // hasher's thread, with its own connection (rare: once per account and change).
            const bool queued = m_hasher->hash(
                password, [id = user->user.id, old = user->passwordHash](Result<QByteArray> hash) {
                    auto db = Db::threadConnection();
                    if (hash && db) {
                        auto replaced = UserRepository::setPasswordHash(*db, id, *hash, old);
                        if (!replaced) {
                            qCWarning(lcAccounts, "Rehashing a password failed: %ls",
                                      qUtf16Printable(replaced.error().message));
                        }
                    }
                });
            Q_UNUSED(queued) // a full queue only postpones the rehash to the next sign-in
        }
        responder.continueOnWorker([this, request, user, check, accountKey, ip, accountLimit,
                                    ipLimit]() -> Reply {
            if (!check.matches || !user) {
                if (m_config.http.rateLimit.enabled) {
                    (void)m_limiter->hit(u"login.account", accountKey, accountLimit);
                    (void)m_limiter->hit(u"login.ip", ip, ipLimit);
                }
                return fail(invalidCredentials());
            }
            if (!user->user.isActive) {
                return fail(Error {ErrorCode::Forbidden,
                                   QStringLiteral("This account is deactivated; contact support "
                                                  "if you think this is a mistake."),
                                   {},
                                   {}});
            }
            m_limiter->reset(u"login.account", accountKey);
            return newSession(request, user->user, 200);
        });
    };
    const bool accepted = user ? m_hasher->verify(password, user->passwordHash, checked)
                               : m_hasher->verifyDummy(password, checked);
    if (!accepted) {
        responder.respond(fail(busy()));
    }
}

Reply AccountsService::refresh(const Request &request)
{
    if (!hasCsrfProof(request)) {
        return fail(Error {ErrorCode::Forbidden,
                           QStringLiteral("Send X-Requested-With: XMLHttpRequest with cookie-"
                                          "authenticated requests."),
                           {},
                           {}});
    }
    const QByteArray token = cookieValue(request, kCookieName);
    if (token.isEmpty() || token.size() > 128) {
        return fail(Error {ErrorCode::Unauthorized,
                           QStringLiteral("Your session has ended; sign in again."),
                           {},
                           {}});
    }
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto rotated =
        SessionRepository::rotate(*db, token, std::chrono::days(m_config.auth.refreshTtlDays));
    if (!rotated) {
        return fail(rotated.error());
    }
    return sessionResponse(rotated->user, rotated->session.sessionId, rotated->session.refreshToken,
                           200);
}

Reply AccountsService::logout(const Request &request)
{
    if (!hasCsrfProof(request)) {
        return fail(Error {ErrorCode::Forbidden,
                           QStringLiteral("Send X-Requested-With: XMLHttpRequest with cookie-"
                                          "authenticated requests."),
                           {},
                           {}});
    }
    const QByteArray token = cookieValue(request, kCookieName);
    if (!token.isEmpty() && token.size() <= 128) {
        auto db = database();
        if (!db) {
            return fail(db.error());
        }
        auto revoked = SessionRepository::revokeByToken(*db, token, QStringLiteral("signed out"));
        if (!revoked) {
            return fail(revoked.error());
        }
        if (*revoked) {
            m_revocations->add(**revoked);
        }
    }
    Response response = Response::noContent();
    response.setHeader(QByteArrayLiteral("Set-Cookie"), refreshCookie({}, true));
    return response;
}

Reply AccountsService::forgotPassword(const Request &request)
{
    auto f = fieldsOf(request);
    if (!f) {
        return fail(f.error());
    }
    f->allowOnly({QStringLiteral("email")});
    const QString email = f->email(QStringLiteral("email")).toLower();
    if (auto error = f->error()) {
        return fail(*error);
    }
    if (auto refused = limited(request, QStringLiteral("forgot.ip"), clientIp(request),
                               {m_config.auth.passwordResetsPerIp, kFifteenMinutes}, true)) {
        return std::move(*refused);
    }
    // The same work whatever the address: one job. Whether an account exists is decided when the
    // email is composed, so neither the answer nor its timing tells.
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto queued = Outbox::enqueueMail(*db, QStringLiteral("password_reset"),
                                      {{QStringLiteral("address"), email}},
                                      QStringLiteral("password_reset:") + email);
    if (!queued) {
        return fail(queued.error());
    }
    return Response::json(
        QJsonObject {{QStringLiteral("detail"),
                      QStringLiteral("If an account uses this address, an email with a link to "
                                     "choose a new password is on its way.")}},
        202);
}

void AccountsService::resetPassword(const Request &request, Responder responder)
{
    auto f = fieldsOf(request);
    if (!f) {
        responder.respond(fail(f.error()));
        return;
    }
    f->allowOnly({QStringLiteral("token"), QStringLiteral("password")});
    const QByteArray token = f->text(QStringLiteral("token"), true, 128).toLatin1();
    const QString password = f->newPassword(QStringLiteral("password"), QString());
    if (auto error = f->error()) {
        responder.respond(fail(*error));
        return;
    }
    auto db = database();
    if (!db) {
        responder.respond(fail(db.error()));
        return;
    }
    auto usable = SessionRepository::isResetUsable(*db, token);
    if (!usable) {
        responder.respond(fail(usable.error()));
        return;
    }
    if (!*usable) {
        responder.respond(fail(Error::badRequest(
            QStringLiteral("This password reset link is invalid, used or expired; ask for a "
                           "new one."))));
        return;
    }
    const bool accepted =
        m_hasher->hash(password, [this, responder, token](Result<QByteArray> hash) {
            if (!hash) {
                responder.respond(fail(hash.error()));
                return;
            }
            responder.continueOnWorker([this, token, hash = *hash]() -> Reply {
                auto db = database();
                if (!db) {
                    return fail(db.error());
                }
                auto tx = Db::Transaction::begin(*db);
                if (!tx) {
                    return fail(tx.error());
                }
                auto userId = SessionRepository::consumeReset(*db, token);
                if (!userId) {
                    return fail(userId.error());
                }
                auto replaced = UserRepository::setPasswordHash(*db, *userId, hash);
                if (!replaced) {
                    return fail(replaced.error());
                }
                auto revoked = SessionRepository::revokeAllOfUser(*db, *userId,
                                                                  QStringLiteral("password reset"));
                if (!revoked) {
                    return fail(revoked.error());
                }
                if (auto committed = tx->commit(); !committed) {
                    return fail(committed.error());
                }
                qCInfo(lcAccounts, "Password of %ls reset; %d sessions ended.",
                       qUtf16Printable(*userId), *revoked);
                return Response::noContent();
            });
        });
    if (!accepted) {
        responder.respond(fail(busy()));
    }
}

// --- signed in -------------------------------------------------------------------------------

Reply AccountsService::me(const Request &request)
{
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto user = UserRepository::findById(*db, request.principal.userId);
    if (!user) {
        return fail(user.error());
    }
    if (!user->has_value() || !(*user)->user.isActive) {
        return fail(Error {ErrorCode::Unauthorized,
                           QStringLiteral("Your session has ended; sign in again."),
                           {},
                           {}});
    }
    return Response::json((*user)->user.toJson());
}

Reply AccountsService::updateMe(const Request &request)
{
    auto f = fieldsOf(request);
    if (!f) {
        return fail(f.error());
    }
    f->allowOnly(
        {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("language")},
        {QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("role"),
         QStringLiteral("is_active"), QStringLiteral("created_at"), QStringLiteral("password")});
    UserRepository::ProfileChange change;
    if (f->has(QStringLiteral("first_name"))) {
        change.firstName = f->text(QStringLiteral("first_name"), true, 100);
    }
    if (f->has(QStringLiteral("last_name"))) {
        change.lastName = f->text(QStringLiteral("last_name"), false, 100);
    }
    if (f->has(QStringLiteral("language"))) {
        change.language = f->language(QStringLiteral("language"));
        if (change.language->isEmpty()) {
            f->add(QStringLiteral("language"), QStringLiteral("is required"),
                   QStringLiteral("required"));
        }
    }
    if (auto error = f->error()) {
        return fail(*error);
    }
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto user = UserRepository::updateProfile(*db, request.principal.userId, change);
    if (!user) {
        return fail(user.error());
    }
    return Response::json(user->toJson());
}

void AccountsService::changePassword(const Request &request, Responder responder)
{
    auto f = fieldsOf(request);
    if (!f) {
        responder.respond(fail(f.error()));
        return;
    }
    f->allowOnly({QStringLiteral("current_password"), QStringLiteral("new_password")});
    const QString current = f->text(QStringLiteral("current_password"), true, 1024, false);
    auto db = database();
    if (!db) {
        responder.respond(fail(db.error()));
        return;
    }
    auto found = UserRepository::findById(*db, request.principal.userId);
    if (!found) {
        responder.respond(fail(found.error()));
        return;
    }
    if (!found->has_value()) {
        responder.respond(fail(Error {ErrorCode::Unauthorized,
                                      QStringLiteral("Your session has ended; sign in again."),
                                      {},
                                      {}}));
        return;
    }
    const UserWithHash user = **found;
    const QString next = f->newPassword(QStringLiteral("new_password"), user.user.email);
    if (auto error = f->error()) {
        responder.respond(fail(*error));
        return;
    }
    const QByteArray accountKey = user.user.email.toLower().toUtf8();
    const Http::RateLimit accountLimit {m_config.auth.loginFailuresPerAccount, kFifteenMinutes};
    if (auto refused =
            limited(request, QStringLiteral("login.account"), accountKey, accountLimit, false)) {
        responder.respond(std::move(*refused));
        return;
    }
    const bool accepted =
        m_hasher->verify(current, user.passwordHash, [=, this](Auth::PasswordCheck check) {
            if (!check.matches) {
                if (m_config.http.rateLimit.enabled) {
                    (void)m_limiter->hit(u"login.account", accountKey, accountLimit);
                }
                responder.respond(fail(Error::validation(
                    {{QStringLiteral("current_password"), QStringLiteral("is not your password"),
                      QStringLiteral("wrong_password")}})));
                return;
            }
            const bool hashing = m_hasher->hash(next, [=, this](Result<QByteArray> hash) {
                if (!hash) {
                    responder.respond(fail(hash.error()));
                    return;
                }
                responder.continueOnWorker([=, this]() -> Reply {
                    auto db = database();
                    if (!db) {
                        return fail(db.error());
                    }
                    auto tx = Db::Transaction::begin(*db);
                    if (!tx) {
                        return fail(tx.error());
                    }
                    auto replaced = UserRepository::setPasswordHash(*db, user.user.id, *hash,
                                                                    user.passwordHash);
                    if (!replaced) {
                        return fail(replaced.error());
                    }
                    if (!*replaced) {
                        return fail(Error::conflict(
                            QStringLiteral("The password was changed meanwhile; sign in again.")));
                    }
                    auto revoked = SessionRepository::revokeAllOfUser(
                        *db, user.user.id, QStringLiteral("password changed"));
                    if (!revoked) {
                        return fail(revoked.error());
                    }
                    m_revocations->add(request.principal.sessionId);
                    Reply session = newSession(request, user.user, 200);
                    if (!session) {
                        return session;
                    }
                    if (auto committed = tx->commit(); !committed) {
                        return fail(committed.error());
                    }
                    return session;
                });
            });
            if (!hashing) {
                responder.respond(fail(busy()));
            }
        });
    if (!accepted) {
        responder.respond(fail(busy()));
    }
}

Reply AccountsService::listAddresses(const Request &request)
{
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto list = UserRepository::addresses(*db, request.principal.userId);
    if (!list) {
        return fail(list.error());
    }
    QJsonArray items;
    for (const Address &a : std::as_const(*list)) {
        items.append(a.toJson());
    }
    return Response::json(QJsonObject {{QStringLiteral("items"), items}});
}

Reply AccountsService::createAddress(const Request &request)
{
    auto f = fieldsOf(request);
    if (!f) {
        return fail(f.error());
    }
    f->allowOnly(kAddressFields, {QStringLiteral("id")});
    const Address address = addressFrom(*f);
    if (auto error = f->error()) {
        return fail(*error);
    }
    auto created = inTransaction([&](QSqlDatabase &db) {
        return UserRepository::createAddress(db, request.principal.userId, address);
    });
    addressesChanged(request.principal.userId);
    if (!created) {
        return fail(created.error());
    }
    return Response::json(created->toJson(), 201);
}

Reply AccountsService::updateAddress(const Request &request)
{
    const auto id = parseId(request, QStringLiteral("id"));
    if (!id) {
        return fail(Error::notFound(QStringLiteral("There is no such address.")));
    }
    auto f = fieldsOf(request);
    if (!f) {
        return fail(f.error());
    }
    f->allowOnly(kAddressFields, {QStringLiteral("id")});
    Address address = addressFrom(*f);
    address.id = *id;
    if (auto error = f->error()) {
        return fail(*error);
    }
    auto updated = inTransaction([&](QSqlDatabase &db) {
        return UserRepository::updateAddress(db, request.principal.userId, address);
    });
    addressesChanged(request.principal.userId);
    if (!updated) {
        return fail(updated.error());
    }
    return Response::json(updated->toJson());
}

Reply AccountsService::deleteAddress(const Request &request)
{
    const auto id = parseId(request, QStringLiteral("id"));
    if (!id) {
        return fail(Error::notFound(QStringLiteral("There is no such address.")));
    }
    auto deleted = inTransaction([&](QSqlDatabase &db) {
        return UserRepository::deleteAddress(db, request.principal.userId, *id);
    });
    addressesChanged(request.principal.userId);
    if (!deleted) {
        return fail(deleted.error());
    }
    return Response::noContent();
}

} // namespace Shop::Accounts
