#include "fakeaccountsserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>

namespace Shop::Tests {

using Http::Reply;
using Http::Request;
using Http::Response;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray cookieValue(const Request &request, QByteArrayView name)
{
    for (const auto &[key, value] : request.headers) {
        if (key != "cookie") {
            continue;
        }
        for (const QByteArray &part : value.split(';')) {
            const QByteArray trimmed = part.trimmed();
            const qsizetype eq = trimmed.indexOf('=');
            if (eq > 0 && QByteArrayView(trimmed).first(eq) == name) {
                return trimmed.mid(eq + 1);
            }
        }
    }
    return {};
}

Error unauthorized(const QString &message)
{
    return Error {ErrorCode::Unauthorized, message, {}};
}

Error forbidden(const QString &message)
{
    return Error {ErrorCode::Forbidden, message, {}};
}

} // namespace

struct FakeAccountsServer::State
{
    struct Account
    {
        QString id;
        QString email;
        QString password;
        QString firstName;
        QString lastName;
        QString role;
        QString language = QStringLiteral("en");
        bool active = true;
        QString createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        QList<QJsonObject> addresses;
    };
    struct AccessToken
    {
        QString userId;
        qint64 exp = 0;
    };

    mutable QMutex mutex;
    QHash<QString, Account> accounts; // by id
    QHash<QByteArray, QString> refreshTokens; // live token -> user id
    QHash<QByteArray, QString> rotatedTokens; // used token -> user id (reuse detection)
    QHash<QByteArray, AccessToken> accessTokens;
    QHash<QString, QString> resetTokens; // token -> user id
    QList<QJsonObject> audit; // newest last
    int accessLifetime = 900;
    Stats stats;
    QAtomicInt refreshDelayBefore; // ms before a refresh is handled
    QAtomicInt refreshDelayAfter; // ms between handling a refresh and answering it
    QAtomicInt passwordDelayAfter; // ms between changing a password and answering

    Account *byEmail(const QString &email)
    {
        for (Account &account : accounts) {
            if (account.email.compare(email, Qt::CaseInsensitive) == 0) {
                return &account;
            }
        }
        return nullptr;
    }

    static QJsonObject userJson(const Account &a)
    {
        return QJsonObject {{QStringLiteral("id"), a.id},
                            {QStringLiteral("email"), a.email},
                            {QStringLiteral("first_name"), a.firstName},
                            {QStringLiteral("last_name"), a.lastName},
                            {QStringLiteral("role"), a.role},
                            {QStringLiteral("is_active"), a.active},
                            {QStringLiteral("language"), a.language},
                            {QStringLiteral("created_at"), a.createdAt}};
    }

    // A Session answer with a new access token and a new refresh cookie.
    Response session(const Account &account, int status = 200)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("HS256")},
                                  {QStringLiteral("typ"), QStringLiteral("JWT")},
                                  {QStringLiteral("kid"), QStringLiteral("fake")}};
        const QJsonObject claims {{QStringLiteral("sub"), account.id},
                                  {QStringLiteral("role"), account.role},
                                  {QStringLiteral("typ"), QStringLiteral("access")},
                                  {QStringLiteral("iat"), now},
                                  {QStringLiteral("exp"), now + accessLifetime},
                                  {QStringLiteral("jti"), newId()}};
        const QByteArray access = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact))
            + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.'
            + base64Url(randomToken());
        accessTokens.insert(access, AccessToken {account.id, now + accessLifetime});
        const QByteArray refresh = randomToken();
        refreshTokens.insert(refresh, account.id);
        Response response = Response::json(
            QJsonObject {{QStringLiteral("user"), userJson(account)},
                         {QStringLiteral("access_token"), QString::fromLatin1(access)},
                         {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                         {QStringLiteral("expires_in"), accessLifetime}},
            status);
        response.headers.append(std::pair<QByteArray, QByteArray>(
            "Set-Cookie",
            "shop_refresh=" + refresh
                + "; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=604800"));
        return response;
    }

    // POST /api/auth/refresh: rotates the cookie; reuse revokes the family.
    template<typename Csrf>
    Reply refresh(const Request &request, const Csrf &csrf)
    {
        QMutexLocker lock(&mutex);
        const QByteArray token = cookieValue(request, "shop_refresh");
        stats.lastRefreshCookie = token;
        if (!csrf(request)) {
            return fail(forbidden(QStringLiteral("X-Requested-With is required.")));
        }
        if (const auto reused = rotatedTokens.constFind(token);
            !token.isEmpty() && reused != rotatedTokens.constEnd()) {
            revokeUser(*reused); // reuse revokes the whole family
            ++stats.refusedRefreshes;
            return fail(unauthorized(QStringLiteral("The refresh token was used before.")));
        }
        const auto it = refreshTokens.constFind(token);
        if (token.isEmpty() || it == refreshTokens.constEnd() || !accounts.value(*it).active) {
            ++stats.refusedRefreshes;
            return fail(unauthorized(QStringLiteral("The session has ended.")));
        }
        const QString userId = *it;
        refreshTokens.remove(token);
        rotatedTokens.insert(token, userId);
        ++stats.refreshes;
        return session(accounts[userId]);
    }

    void revokeUser(const QString &userId)
    {
        for (auto it = refreshTokens.begin(); it != refreshTokens.end();) {
            it = it.value() == userId ? refreshTokens.erase(it) : std::next(it);
        }
        for (auto it = accessTokens.begin(); it != accessTokens.end();) {
            it = it.value().userId == userId ? accessTokens.erase(it) : std::next(it);
        }
    }

    // The account behind the request's bearer token.
    Result<Account *> bearer(const Request &request)
    {
        const QByteArray header = request.header("authorization");
        if (!header.startsWith("Bearer ")) {
            ++stats.bearerRefusals;
            return fail(unauthorized(QStringLiteral("Sign in first.")));
        }
        const auto it = accessTokens.constFind(header.mid(7));
        if (it == accessTokens.constEnd() || it->exp <= QDateTime::currentSecsSinceEpoch()
            || !accounts.contains(it->userId) || !accounts[it->userId].active) {
            ++stats.bearerRefusals;
            return fail(unauthorized(QStringLiteral("The access token is invalid or expired.")));
        }
        return &accounts[it->userId];
    }

    // The admin behind the request's bearer token; a customer gets 403.
    Result<Account *> admin(const Request &request)
    {
        auto account = bearer(request);
        if (account && (*account)->role != QLatin1String("admin")) {
            return fail(forbidden(QStringLiteral("Admins only.")));
        }
        return account;
    }

    void record(const Account &actor, const QString &action, const Account &target,
                const QJsonObject &before, const QJsonObject &after, const Request &request)
    {
        audit.append(QJsonObject {
            {QStringLiteral("id"), QString::number(audit.size() + 1)},
            {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("actor_id"), actor.id},
            {QStringLiteral("actor_email"), actor.email},
            {QStringLiteral("action"), action},
            {QStringLiteral("target_type"), QStringLiteral("user")},
            {QStringLiteral("target_id"), target.id},
            {QStringLiteral("before"), before},
            {QStringLiteral("after"), after},
            {QStringLiteral("request_id"), request.requestId}});
    }

    static QJsonObject page(const QJsonArray &all, const QUrlQuery &query)
    {
        const int page = std::max(1, query.queryItemValue(QStringLiteral("page")).toInt());
        const int limit = query.hasQueryItem(QStringLiteral("limit"))
            ? std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 100)
            : 20;
        QJsonArray items;
        for (qsizetype i = qsizetype(page - 1) * limit; i < all.size() && items.size() < limit;
             ++i) {
            items.append(all[i]);
        }
        return QJsonObject {{QStringLiteral("items"), items},
                            {QStringLiteral("page"), page},
                            {QStringLiteral("limit"), limit},
                            {QStringLiteral("total"), all.size()}};
    }

    static QList<FieldError> passwordErrors(const QString &field, const QString &password,
                                            const QString &email)
    {
        if (password.size() < 12) {
            return {{field, QStringLiteral("must be at least 12 characters"),
                     QStringLiteral("too_short")}};
        }
        if (password == kCommonPassword) {
            return {{field, QStringLiteral("is too common"), QStringLiteral("too_common")}};
        }
        if (!email.isEmpty() && password.contains(email.section(u'@', 0, 0), Qt::CaseInsensitive)) {
            return {{field, QStringLiteral("must not contain the email"),
                     QStringLiteral("contains_email")}};
        }
        return {};
    }
};

FakeAccountsServer::FakeAccountsServer()
    : m_state(std::make_unique<State>())
{
    State &s = *m_state;
    const auto csrf = [&s](const Request &request) -> bool {
        if (request.header("x-requested-with") != "XMLHttpRequest") {
            ++s.stats.csrfRefusals;
            return false;
        }
        return true;
    };

    m_router.post(QStringLiteral("/api/auth/register"), [&s](const Request &request) -> Reply {
        auto body = request.jsonObject();
        if (!body) {
            return fail(body.error());
        }
        const QString email = body->value(QStringLiteral("email")).toString();
        const QString password = body->value(QStringLiteral("password")).toString();
        QList<FieldError> errors;
        if (!email.contains(u'@')) {
            errors.append({QStringLiteral("email"), QStringLiteral("is not an email address"),
                           QStringLiteral("invalid")});
        }
        errors += State::passwordErrors(QStringLiteral("password"), password, email);
        if (body->value(QStringLiteral("first_name")).toString().trimmed().isEmpty()) {
            errors.append({QStringLiteral("first_name"), QStringLiteral("is required"),
                           QStringLiteral("required")});
        }
        if (!errors.isEmpty()) {
            return fail(Error::validation(errors, QStringLiteral("Check the highlighted fields.")));
        }
        QMutexLocker lock(&s.mutex);
        if (s.byEmail(email)) {
            return fail(
                Error::conflict(QStringLiteral("This email address is already registered.")));
        }
        State::Account account;
        account.id = newId();
        account.email = email;
        account.password = password;
        account.firstName = body->value(QStringLiteral("first_name")).toString();
        account.lastName = body->value(QStringLiteral("last_name")).toString();
        account.role = QStringLiteral("user");
        account.language = body->value(QStringLiteral("language")).toString(QStringLiteral("en"));
        s.accounts.insert(account.id, account);
        return s.session(account, 201);
    });

    m_router.post(QStringLiteral("/api/auth/login"), [&s](const Request &request) -> Reply {
        auto body = request.jsonObject();
        if (!body) {
            return fail(body.error());
        }
        QMutexLocker lock(&s.mutex);
        State::Account *account = s.byEmail(body->value(QStringLiteral("email")).toString());
        if (!account || account->password != body->value(QStringLiteral("password")).toString()) {
            return fail(unauthorized(QStringLiteral("Invalid credentials.")));
        }
        if (!account->active) {
            return fail(forbidden(QStringLiteral("This account is deactivated.")));
        }
        ++s.stats.logins;
        return s.session(*account);
    });

    m_router.post(QStringLiteral("/api/auth/refresh"), [&s, csrf](const Request &request) -> Reply {
        // Handlers run on worker threads: sleeping holds this answer only.
        QThread::msleep(s.refreshDelayBefore.loadRelaxed());
        Reply reply = s.refresh(request, csrf);
        QThread::msleep(s.refreshDelayAfter.loadRelaxed());
        return reply;
    });

    m_router.post(QStringLiteral("/api/auth/logout"), [&s, csrf](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        const QByteArray token = cookieValue(request, "shop_refresh");
        s.stats.lastLogoutCookie = token;
        if (!csrf(request)) {
            return fail(forbidden(QStringLiteral("X-Requested-With is required.")));
        }
        s.refreshTokens.remove(token);
        ++s.stats.logouts;
        Response response = Response::noContent();
        response.headers.append(std::pair<QByteArray, QByteArray>(
            "Set-Cookie", "shop_refresh=; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=0"));
        return response;
    });
    m_router.post(QStringLiteral("/api/auth/logout"), [&s, csrf](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        const QByteArray token = cookieValue(request, "shop_refresh");
        s.stats.lastLogoutCookie = token;
        if (!csrf(request)) {
            return fail(forbidden(QStringLiteral("X-Requested-With is required.")));
        }
        s.refreshTokens.remove(token);
        ++s.stats.logouts;
        Response response = Response::noContent();
        response.headers.append(std::pair<QByteArray, QByteArray>(
            "Set-Cookie", "shop_refresh=; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=0"));
        return response;
    });

    m_router.post(
        QStringLiteral("/api/auth/forgot-password"), [&s](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            QMutexLocker lock(&s.mutex);
            s.stats.forgotPasswordEmails.append(body->value(QStringLiteral("email")).toString());
            return Response::json(
                QJsonObject {{QStringLiteral("status"), QStringLiteral("accepted")}}, 202);
        });

    m_router.post(
        QStringLiteral("/api/auth/reset-password"), [&s](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            QMutexLocker lock(&s.mutex);
            const QString token = body->value(QStringLiteral("token")).toString();
            const auto it = s.resetTokens.constFind(token);
            if (it == s.resetTokens.constEnd()) {
                return fail(
                    Error::badRequest(QStringLiteral("The reset link is invalid or expired.")));
            }
            State::Account &account = s.accounts[*it];
            const QString password = body->value(QStringLiteral("password")).toString();
            if (auto errors =
                    State::passwordErrors(QStringLiteral("password"), password, account.email);
                !errors.isEmpty()) {
                return fail(Error::validation(errors));
            }
            account.password = password;
            s.resetTokens.remove(token);
            s.revokeUser(account.id);
            return Response::noContent();
        });

    m_router.get(QStringLiteral("/api/users/me"), [&s](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        auto account = s.bearer(request);
        if (!account) {
            return fail(account.error());
        }
        return Response::json(State::userJson(**account));
    });

    m_router.put(QStringLiteral("/api/users/me"), [&s](const Request &request) -> Reply {
        auto body = request.jsonObject();
        if (!body) {
            return fail(body.error());
        }
        QMutexLocker lock(&s.mutex);
        auto account = s.bearer(request);
        if (!account) {
            return fail(account.error());
        }
        QList<FieldError> errors;
        for (const char *field : {"role", "is_active", "email", "id"}) {
            if (body->contains(QLatin1String(field))) {
                errors.append({QLatin1String(field), QStringLiteral("is read-only"),
                               QStringLiteral("read_only")});
            }
        }
        if (!errors.isEmpty()) {
            return fail(Error::validation(errors));
        }
        State::Account &a = **account;
        a.firstName = body->value(QStringLiteral("first_name")).toString(a.firstName);
        a.lastName = body->value(QStringLiteral("last_name")).toString(a.lastName);
        a.language = body->value(QStringLiteral("language")).toString(a.language);
        return Response::json(State::userJson(a));
    });

    m_router.put(QStringLiteral("/api/users/me/password"), [&s](const Request &request) -> Reply {
        Reply reply = [&]() -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            QMutexLocker lock(&s.mutex);
            auto account = s.bearer(request);
            if (!account) {
                return fail(account.error());
            }
            State::Account &a = **account;
            if (body->value(QStringLiteral("current_password")).toString() != a.password) {
                return fail(Error::validation(
                    {{QStringLiteral("current_password"), QStringLiteral("is wrong"), QString()}}));
            }
            const QString password = body->value(QStringLiteral("new_password")).toString();
            if (auto errors =
                    State::passwordErrors(QStringLiteral("new_password"), password, a.email);
                !errors.isEmpty()) {
                return fail(Error::validation(errors));
            }
            a.password = password;
            s.revokeUser(a.id);
            return s.session(a);
        }();
        QThread::msleep(s.passwordDelayAfter.loadRelaxed()); // handled, not yet answered
        return reply;
    });

    m_router.get(QStringLiteral("/api/users/me/addresses"), [&s](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        auto account = s.bearer(request);
        if (!account) {
            return fail(account.error());
        }
        QJsonArray items;
        for (const QJsonObject &address : (*account)->addresses) {
            if (address.value(QStringLiteral("is_default")).toBool()) {
                items.prepend(address);
            } else {
                items.append(address);
            }
        }
        return Response::json(QJsonObject {{QStringLiteral("items"), items}});
    });

    const auto writeAddress = [&s](const Request &request, const QString &id) -> Reply {
        auto body = request.jsonObject();
        if (!body) {
            return fail(body.error());
        }
        QMutexLocker lock(&s.mutex);
        auto account = s.bearer(request);
        if (!account) {
            return fail(account.error());
        }
        QList<QJsonObject> &addresses = (*account)->addresses;
        QList<FieldError> errors;
        for (const char *field : {"recipient_name", "line1", "city", "postal_code", "country"}) {
            if (body->value(QLatin1String(field)).toString().trimmed().isEmpty()) {
                errors.append({QLatin1String(field), QStringLiteral("is required"),
                               QStringLiteral("required")});
            }
        }
        if (!errors.isEmpty()) {
            return fail(Error::validation(errors));
        }
        qsizetype index = -1;
        for (qsizetype i = 0; i < addresses.size(); ++i) {
            if (addresses[i].value(QStringLiteral("id")).toString() == id) {
                index = i;
            }
        }
        if (!id.isEmpty() && index < 0) {
            return fail(Error::notFound(QStringLiteral("No such address.")));
        }
        QJsonObject address = *body;
        address.insert(QStringLiteral("id"), id.isEmpty() ? newId() : id);
        const bool makeDefault = address.value(QStringLiteral("is_default")).toBool()
            || addresses.isEmpty() || (index >= 0 && addresses.size() == 1);
        if (makeDefault) {
            for (QJsonObject &other : addresses) {
                other.insert(QStringLiteral("is_default"), false);
            }
        } else if (index >= 0) {
            address.insert(QStringLiteral("is_default"),
                           addresses[index].value(QStringLiteral("is_default")).toBool());
        }
        address.insert(QStringLiteral("is_default"),
                       makeDefault || address.value(QStringLiteral("is_default")).toBool());
        if (index >= 0) {
            addresses[index] = address;
            return Response::json(address);
        }
        addresses.append(address);
        return Response::json(address, 201);
    };
    m_router.post(QStringLiteral("/api/users/me/addresses"),
                  [writeAddress](const Request &request) { return writeAddress(request, {}); });
    m_router.put(QStringLiteral("/api/users/me/addresses/{id}"),
                 [writeAddress](const Request &request) {
                     return writeAddress(request, request.pathParam(QStringLiteral("id")));
                 });
    m_router.del(QStringLiteral("/api/users/me/addresses/{id}"),
                 [&s](const Request &request) -> Reply {
                     QMutexLocker lock(&s.mutex);
                     auto account = s.bearer(request);
                     if (!account) {
                         return fail(account.error());
                     }
                     QList<QJsonObject> &addresses = (*account)->addresses;
                     const QString id = request.pathParam(QStringLiteral("id"));
                     for (qsizetype i = 0; i < addresses.size(); ++i) {
                         if (addresses[i].value(QStringLiteral("id")).toString() == id) {
                             const bool wasDefault =
                                 addresses[i].value(QStringLiteral("is_default")).toBool();
                             addresses.removeAt(i);
                             if (wasDefault && !addresses.isEmpty()) {
                                 addresses.first().insert(QStringLiteral("is_default"), true);
                             }
                             return Response::noContent();
                         }
                     }
                     return fail(Error::notFound(QStringLiteral("No such address.")));
                 });

    m_router.get(QStringLiteral("/api/admin/users"), [&s](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        if (auto admin = s.admin(request); !admin) {
            return fail(admin.error());
        }
        const QUrlQuery query(QString::fromLatin1(request.rawQuery));
        const auto value = [&query](const char *key) {
            return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
        };
        const QString search = value("search");
        QList<const State::Account *> matching;
        for (const State::Account &a : std::as_const(s.accounts)) {
            if (!search.isEmpty() && !a.email.contains(search, Qt::CaseInsensitive)
                && !QString(a.firstName + u' ' + a.lastName)
                        .contains(search, Qt::CaseInsensitive)) {
                continue;
            }
            if (!value("role").isEmpty() && a.role != value("role")) {
                continue;
            }
            if (!value("status").isEmpty()
                && a.active != (value("status") == QLatin1String("active"))) {
                continue;
            }
            matching.append(&a);
        }
        std::sort(matching.begin(), matching.end(),
                  [](const auto *x, const auto *y) { return x->email < y->email; });
        QJsonArray all;
        for (const State::Account *a : matching) {
            all.append(State::userJson(*a));
        }
        return Response::json(State::page(all, query));
    });
    m_router.get(QStringLiteral("/api/admin/users/{id}"), [&s](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        if (auto admin = s.admin(request); !admin) {
            return fail(admin.error());
        }
        const auto it = s.accounts.constFind(request.pathParam(QStringLiteral("id")));
        if (it == s.accounts.constEnd()) {
            return fail(Error::notFound(QStringLiteral("No such user.")));
        }
        QJsonArray addresses;
        for (const QJsonObject &address : it->addresses) {
            addresses.append(address);
        }
        return Response::json(QJsonObject {{QStringLiteral("user"), State::userJson(*it)},
                                           {QStringLiteral("addresses"), addresses}});
    });
    const auto change = [&s](const Request &request, const QString &field) -> Reply {
        auto body = request.jsonObject();
        if (!body) {
            return fail(body.error());
        }
        QMutexLocker lock(&s.mutex);
        auto admin = s.admin(request);
        if (!admin) {
            return fail(admin.error());
        }
        const auto it = s.accounts.find(request.pathParam(QStringLiteral("id")));
        if (it == s.accounts.end()) {
            return fail(Error::notFound(QStringLiteral("No such user.")));
        }
        if (it->id == (*admin)->id) {
            return fail(
                Error::conflict(QStringLiteral("Admins cannot change their own status or role.")));
        }
        const QJsonObject before = State::userJson(*it);
        if (field == QLatin1String("is_active")) {
            if (!body->value(field).isBool()) {
                return fail(Error::validation(
                    {{field, QStringLiteral("must be true or false"), QStringLiteral("invalid")}}));
            }
            it->active = body->value(field).toBool();
            if (!it->active) {
                s.revokeUser(it->id);
            }
        } else {
            const QString role = body->value(field).toString();
            if (role != QLatin1String("user") && role != QLatin1String("admin")) {
                return fail(Error::validation(
                    {{field, QStringLiteral("must be user or admin"), QStringLiteral("invalid")}}));
            }
            it->role = role;
        }
        const QJsonObject after = State::userJson(*it);
        s.record(**admin,
                 field == QLatin1String("role") ? QStringLiteral("user.role")
                                                : QStringLiteral("user.status"),
                 *it, QJsonObject {{field, before.value(field)}},
                 QJsonObject {{field, after.value(field)}}, request);
        return Response::json(after);
    };
    m_router.put(QStringLiteral("/api/admin/users/{id}/status"), [change](const Request &request) {
        return change(request, QStringLiteral("is_active"));
    });
    m_router.put(QStringLiteral("/api/admin/users/{id}/role"), [change](const Request &request) {
        return change(request, QStringLiteral("role"));
    });
    m_router.get(QStringLiteral("/api/admin/audit"), [&s](const Request &request) -> Reply {
        QMutexLocker lock(&s.mutex);
        if (auto admin = s.admin(request); !admin) {
            return fail(admin.error());
        }
        const QUrlQuery query(QString::fromLatin1(request.rawQuery));
        const QString actor = query.queryItemValue(QStringLiteral("actor"));
        const QString target = query.queryItemValue(QStringLiteral("target"));
        QJsonArray all;
        for (auto it = s.audit.crbegin(); it != s.audit.crend(); ++it) { // newest first
            if ((!actor.isEmpty() && it->value(QStringLiteral("actor_id")).toString() != actor)
                || (!target.isEmpty()
                    && it->value(QStringLiteral("target_id")).toString() != target)) {
                continue;
            }
            all.append(*it);
        }
        return Response::json(State::page(all, query));
    });

    // An empty catalog, so that an app can start against this server.
    m_router.get(QStringLiteral("/api/products"), [](const Request &) -> Reply {
        return Response::json(QJsonObject {{QStringLiteral("items"), QJsonArray()},
                                           {QStringLiteral("page"), 1},
                                           {QStringLiteral("limit"), 20},
                                           {QStringLiteral("total"), 0}});
    });
    m_router.get(QStringLiteral("/api/categories"),
                 [](const Request &) -> Reply { return Response::json(QJsonArray()); });
    m_router.get(QStringLiteral("/api/brands"), [](const Request &) -> Reply {
        return Response::json(QJsonObject {{QStringLiteral("items"), QJsonArray()}});
    });
}

FakeAccountsServer::~FakeAccountsServer() = default;

bool FakeAccountsServer::start()
{
    m_server = std::make_unique<TestServer>(m_router);
    return m_server->isRunning();
}

QString FakeAccountsServer::errorString() const
{
    return m_server ? m_server->errorString() : QStringLiteral("not started");
}

QUrl FakeAccountsServer::baseUrl() const
{
    return QUrl(m_server->url(QStringLiteral("/")));
}

QString FakeAccountsServer::addUser(const QString &email, const QString &password,
                                    const QString &role, const QString &firstName,
                                    const QString &lastName)
{
    QMutexLocker lock(&m_state->mutex);
    State::Account account;
    account.id = newId();
    account.email = email;
    account.password = password;
    account.role = role;
    account.firstName = firstName;
    account.lastName = lastName;
    m_state->accounts.insert(account.id, account);
    return account.id;
}

void FakeAccountsServer::setActive(const QString &email, bool active)
{
    QMutexLocker lock(&m_state->mutex);
    if (State::Account *account = m_state->byEmail(email)) {
        account->active = active;
    }
}

void FakeAccountsServer::setAccessTokenLifetime(int seconds)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->accessLifetime = seconds;
}

void FakeAccountsServer::expireAccessTokens()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->accessTokens.clear();
}

void FakeAccountsServer::revokeAllSessions()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->refreshTokens.clear();
    m_state->accessTokens.clear();
}

QString FakeAccountsServer::issueResetToken(const QString &email)
{
    QMutexLocker lock(&m_state->mutex);
    State::Account *account = m_state->byEmail(email);
    if (!account) {
        return {};
    }
    const QString token = QString::fromLatin1(randomToken());
    m_state->resetTokens.insert(token, account->id);
    return token;
}

FakeAccountsServer::Stats FakeAccountsServer::stats() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->stats;
}

QString FakeAccountsServer::passwordOf(const QString &email) const
{
    QMutexLocker lock(&m_state->mutex);
    const State::Account *account = m_state->byEmail(email);
    return account ? account->password : QString();
}

int FakeAccountsServer::addressCount(const QString &email) const
{
    QMutexLocker lock(&m_state->mutex);
    const State::Account *account = m_state->byEmail(email);
    return account ? int(account->addresses.size()) : -1;
}

void FakeAccountsServer::delayRefreshes(std::chrono::milliseconds beforeHandling,
                                        std::chrono::milliseconds beforeAnswering)
{
    m_state->refreshDelayBefore.storeRelaxed(int(beforeHandling.count()));
    m_state->refreshDelayAfter.storeRelaxed(int(beforeAnswering.count()));
}

void FakeAccountsServer::delayPasswordChanges(std::chrono::milliseconds beforeAnswering)
{
    m_state->passwordDelayAfter.storeRelaxed(int(beforeAnswering.count()));
}

int FakeAccountsServer::liveRefreshTokens() const
{
    QMutexLocker lock(&m_state->mutex);
    return int(m_state->refreshTokens.size());
}

} // namespace Shop::Tests
