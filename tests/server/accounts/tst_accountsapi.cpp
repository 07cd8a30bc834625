// The accounts module end to end: the whole shop-server in process on a real socket, a fresh
// PostgreSQL database, its job workers sending mail to shop-sandbox's inbox.
// - registration, sign-in, the profile, the address book, password change and reset, sign-out;
// - sessions: the refresh cookie's attributes, rotation, reuse revoking the family, CSRF proof;
// - the attacks: forged, re-signed, truncated, expired, not-yet-valid tokens, wrong issuer or
//   audience, a refresh or reset token used as an access token, IDOR on every :id route, a
//   customer on every admin route, brute force, user enumeration, mass assignment, deactivated
//   users, malformed JSON and wrong content types;
// - admin: search, status, role, self-protection and the audit log (append-only).

#include "auth/jwt.h"
#include "db/database.h"
#include "sandbox/sandboxserver.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Shop;
using namespace Shop::Tests;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QString kSecretB64 =
    QStringLiteral("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="); // 32 bytes
const QByteArray kSecret = QByteArray::fromBase64(kSecretB64.toLatin1());
const QString kPassword = QStringLiteral("correct horse battery 42");
const QString kSandboxKey = QStringLiteral("SG.accounts-test");

struct Session
{
    QString userId;
    QByteArray access;
    QByteArray refresh; // the cookie's value
};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray cookieOf(const HttpReply &reply)
{
    const QByteArray header = reply.header("set-cookie");
    const qsizetype end = header.indexOf(';');
    const QByteArray pair = header.left(end);
    return pair.startsWith("shop_refresh=") ? pair.mid(13) : QByteArray();
}

// The body without what differs per request.
QJsonObject comparable(QJsonObject problem)
{
    problem.remove(QStringLiteral("request_id"));
    problem.remove(QStringLiteral("instance"));
    return problem;
}

QStringList fieldCodes(const HttpReply &reply)
{
    QStringList codes;
    for (const QJsonValue &e : reply.json().value(QStringLiteral("errors")).toArray()) {
        codes << e[QStringLiteral("field")].toString() + u':'
                + e[QStringLiteral("code")].toString();
    }
    return codes;
}

} // namespace

class TestAccountsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void registerSignsIn();
    void registrationRules();
    void malformedRequests();
    void loginAnswersTheSameForUnknownAndWrong();
    void bruteForceIsLimited();
    void forgedTokensAreRefused();
    void refreshRotatesAndReuseRevokes();
    void refreshNeedsCsrfProof();
    void logoutEndsTheSession();
    void profileRefusesMassAssignment();
    void addressBook();
    void otherUsersAddressesAre404();
    void customerOnAdminRoutesIs403();
    void passwordChangeEndsOtherSessions();
    void forgotAndResetThroughTheInbox();
    void adminManagesUsersAndIsAudited();
    void deactivatedUserIsLockedOut();

private:
    [[nodiscard]] HttpReply post(const QByteArray &path, const QJsonObject &body,
                                 Headers headers = {}) const;
    [[nodiscard]] HttpReply call(const QByteArray &method, const QByteArray &path,
                                 const Session &session, const QJsonObject &body = {}) const;
    [[nodiscard]] Session registerUser(const QString &email,
                                       const QString &name = QStringLiteral("Ada"));
    [[nodiscard]] Session login(const QString &email, const QString &password = kPassword);
    [[nodiscard]] Session makeAdmin(const QString &email);
    [[nodiscard]] QByteArray sign(const Auth::TokenClaims &claims,
                                  const QString &issuer = QStringLiteral("shop"),
                                  const QString &audience = QStringLiteral("shop-api"),
                                  const QByteArray &secret = kSecret) const;
    [[nodiscard]] qint64 scalar(const QString &sql, const QVariantList &values = {}) const;
    [[nodiscard]] QJsonArray inbox() const;

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_sandboxHttp;
    std::unique_ptr<TestServer> m_server;
    int m_counter = 0;
};

void TestAccountsApi::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    Sandbox::SandboxOptions options;
    options.sendGridKeys = {kSandboxKey};
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    m_sandboxHttp = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
    QVERIFY(m_sandboxHttp->isRunning());

    Server::ServerConfig config;
    config.database = m_db->config();
    config.database.poolSize = 4;
    config.auth.signingKeys = QStringLiteral("test:") + kSecretB64;
    config.auth.hashThreads = 2;
    config.mail.sendgridBaseUrl = m_sandboxHttp->url();
    config.mail.sendgridApiKey = kSandboxKey;
    config.jobs.pollMs = 200;
    config.http.rateLimit.authPer15Min = 100000; // this test makes many calls from one address
    config.auth.registrationsPerIp = 1000;
    m_server = std::make_unique<TestServer>(config);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
}

void TestAccountsApi::cleanupTestCase()
{
    m_server.reset();
    m_sandboxHttp.reset();
    m_sandbox.reset();
    m_db.reset();
}

HttpReply TestAccountsApi::post(const QByteArray &path, const QJsonObject &body,
                                Headers headers) const
{
    headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    return m_server->request("POST", path, headers, json(body), 30000);
}

HttpReply TestAccountsApi::call(const QByteArray &method, const QByteArray &path,
                                const Session &session, const QJsonObject &body) const
{
    Headers headers {{"Authorization", "Bearer " + session.access}};
    if (method == "POST" || method == "PUT") {
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return m_server->request(method, path, headers, json(body), 30000);
    }
    return m_server->request(method, path, headers, {}, 30000);
}

Session TestAccountsApi::registerUser(const QString &email, const QString &name)
{
    const HttpReply reply = post("/api/auth/register",
                                 {{QStringLiteral("email"), email},
                                  {QStringLiteral("password"), kPassword},
                                  {QStringLiteral("first_name"), name},
                                  {QStringLiteral("last_name"), QStringLiteral("Lovelace")}});
    if (reply.status != 201) {
        qWarning() << "register" << reply.status << reply.body;
        return {};
    }
    return {reply.json()[QStringLiteral("user")][QStringLiteral("id")].toString(),
            reply.json()[QStringLiteral("access_token")].toString().toLatin1(), cookieOf(reply)};
}

Session TestAccountsApi::login(const QString &email, const QString &password)
{
    const HttpReply reply =
        post("/api/auth/login",
             {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    if (reply.status != 200) {
        qWarning() << "login" << reply.status << reply.body;
        return {};
    }
    return {reply.json()[QStringLiteral("user")][QStringLiteral("id")].toString(),
            reply.json()[QStringLiteral("access_token")].toString().toLatin1(), cookieOf(reply)};
}

Session TestAccountsApi::makeAdmin(const QString &email)
{
    const Session user = registerUser(email, QStringLiteral("Grace"));
    auto db = Db::threadConnection();
    if (!db
        || !Db::exec(*db, QStringLiteral("UPDATE users SET role = 'admin' WHERE id = ?::uuid"),
                     {user.userId})) {
        return {};
    }
    return login(email); // the role is in the token: sign in again
}

QByteArray TestAccountsApi::sign(const Auth::TokenClaims &claims, const QString &issuer,
                                 const QString &audience, const QByteArray &secret) const
{
    auto codec = Auth::JwtCodec::create({{QStringLiteral("test"), secret}}, QStringLiteral("test"),
                                        {issuer, audience, std::chrono::seconds(30)});
    return codec ? codec->sign(claims) : QByteArray();
}

qint64 TestAccountsApi::scalar(const QString &sql, const QVariantList &values) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto q = Db::exec(*db, sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

QJsonArray TestAccountsApi::inbox() const
{
    return m_sandboxHttp->get("/api/messages").json().value(QStringLiteral("messages")).toArray();
}

void TestAccountsApi::registerSignsIn()
{
    const HttpReply reply = post("/api/auth/register",
                                 {{QStringLiteral("email"), QStringLiteral("Ada@Example.com")},
                                  {QStringLiteral("password"), kPassword},
                                  {QStringLiteral("first_name"), QStringLiteral("Ada")},
                                  {QStringLiteral("language"), QStringLiteral("de")}});
    QCOMPARE(reply.status, 201);
    const QJsonObject body = reply.json();
    QCOMPARE(body[QStringLiteral("token_type")].toString(), QStringLiteral("Bearer"));
    QCOMPARE(body[QStringLiteral("expires_in")].toInt(), 900);
    QCOMPARE(body[QStringLiteral("user")][QStringLiteral("role")].toString(),
             QStringLiteral("user"));
    QVERIFY(!body.contains(QStringLiteral("refresh_token")));
    QVERIFY(!reply.body.contains("argon2"));
    const QByteArray cookie = reply.header("set-cookie");
    QVERIFY2(cookie.startsWith("shop_refresh=") && cookie.contains("; HttpOnly")
                 && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/api/auth")
                 && cookie.contains("Max-Age=604800") && !cookie.contains("Secure"),
             cookie.constData());
    QCOMPARE(reply.header("cache-control"), QByteArrayLiteral("no-store"));

    const Session session {body[QStringLiteral("user")][QStringLiteral("id")].toString(),
                           body[QStringLiteral("access_token")].toString().toLatin1(),
                           cookieOf(reply)};
    const HttpReply me = call("GET", "/api/users/me", session);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json()[QStringLiteral("email")].toString(), QStringLiteral("Ada@Example.com"));
    QCOMPARE(me.json()[QStringLiteral("language")].toString(), QStringLiteral("de"));
    // Signing in with another case of the address works.
    QVERIFY(!login(QStringLiteral("ada@example.COM")).access.isEmpty());
    // The welcome email arrives, in German.
    QTRY_VERIFY_WITH_TIMEOUT(!inbox().isEmpty(), 30000);
    const QJsonObject mail = inbox().first().toObject();
    QCOMPARE(mail[QStringLiteral("to")].toArray().first().toString(),
             QStringLiteral("Ada@Example.com"));
    QVERIFY2(mail[QStringLiteral("subject")].toString().contains(u"Willkommen"),
             qPrintable(mail[QStringLiteral("subject")].toString()));
    // Anonymous: 401 with WWW-Authenticate.
    const HttpReply anonymous = m_server->get("/api/users/me");
    QCOMPARE(anonymous.status, 401);
    QVERIFY(anonymous.header("www-authenticate").startsWith("Bearer"));
}

void TestAccountsApi::registrationRules()
{
    const auto attempt = [this](const QJsonObject &body) {
        return post("/api/auth/register", body);
    };
    QJsonObject good {{QStringLiteral("email"), QStringLiteral("rules@example.com")},
                      {QStringLiteral("password"), kPassword},
                      {QStringLiteral("first_name"), QStringLiteral("Rule")}};
    QJsonObject bad = good;
    bad[QStringLiteral("password")] = QStringLiteral("short1");
    QCOMPARE(fieldCodes(attempt(bad)), QStringList {QStringLiteral("password:too_short")});
    bad[QStringLiteral("password")] = QStringLiteral("password1234");
    QCOMPARE(fieldCodes(attempt(bad)), QStringList {QStringLiteral("password:too_common")});
    bad = good;
    bad[QStringLiteral("email")] = QStringLiteral("not an address");
    QCOMPARE(fieldCodes(attempt(bad)), QStringList {QStringLiteral("email:invalid")});
    bad = good;
    bad.remove(QStringLiteral("first_name"));
    QCOMPARE(fieldCodes(attempt(bad)), QStringList {QStringLiteral("first_name:required")});
    // Mass assignment: a client cannot make itself an admin.
    bad = good;
    bad[QStringLiteral("role")] = QStringLiteral("admin");
    bad[QStringLiteral("is_active")] = true;
    const HttpReply refused = attempt(bad);
    QCOMPARE(refused.status, 422);
    QVERIFY(fieldCodes(refused).contains(QStringLiteral("role:read_only")));
    QVERIFY(fieldCodes(refused).contains(QStringLiteral("is_active:read_only")));
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT count(*) FROM users WHERE lower(email) = 'rules@example.com'")),
             0);

    QCOMPARE(attempt(good).status, 201);
    const HttpReply taken = attempt(good);
    QCOMPARE(taken.status, 422);
    QCOMPARE(fieldCodes(taken), QStringList {QStringLiteral("email:taken")});
}

void TestAccountsApi::malformedRequests()
{
    const QList<QByteArray> paths {"/api/auth/register", "/api/auth/login",
                                   "/api/auth/forgot-password", "/api/auth/reset-password"};
    for (const QByteArray &path : paths) {
        const HttpReply notJson =
            m_server->request("POST", path, {{"Content-Type", "application/json"}}, "{nope", 30000);
        QVERIFY2(notJson.status == 400, path.constData());
        const HttpReply wrongType =
            m_server->request("POST", path, {{"Content-Type", "text/plain"}}, "{}", 30000);
        QVERIFY2(wrongType.status == 415, path.constData());
        const HttpReply array =
            m_server->request("POST", path, {{"Content-Type", "application/json"}}, "[1]", 30000);
        QVERIFY2(array.status == 400, path.constData());
        const HttpReply numbers =
            post(path, {{QStringLiteral("email"), 5}, {QStringLiteral("password"), true}});
        QVERIFY2(numbers.status == 422, path.constData());
    }
}

void TestAccountsApi::loginAnswersTheSameForUnknownAndWrong()
{
    (void)registerUser(QStringLiteral("same@example.com"));
    const HttpReply unknown = post("/api/auth/login",
                                   {{QStringLiteral("email"), QStringLiteral("nobody@example.com")},
                                    {QStringLiteral("password"), kPassword}});
    const HttpReply wrong =
        post("/api/auth/login",
             {{QStringLiteral("email"), QStringLiteral("same@example.com")},
              {QStringLiteral("password"), QStringLiteral("not the password at all")}});
    QCOMPARE(unknown.status, 401);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(comparable(unknown.json()), comparable(wrong.json()));
    // Both took a full Argon2id verification (roughly the same time; loose: the machine is shared).
    QVERIFY2(
        unknown.elapsedMs * 4 >= wrong.elapsedMs && wrong.elapsedMs * 4 >= unknown.elapsedMs,
        qPrintable(QStringLiteral("%1 ms vs %2 ms").arg(unknown.elapsedMs).arg(wrong.elapsedMs)));
    // forgot-password: the same answer for a known and an unknown address.
    const HttpReply known = post("/api/auth/forgot-password",
                                 {{QStringLiteral("email"), QStringLiteral("same@example.com")}});
    const HttpReply nobody =
        post("/api/auth/forgot-password",
             {{QStringLiteral("email"), QStringLiteral("nobody@example.com")}});
    QCOMPARE(known.status, 202);
    QCOMPARE(nobody.status, 202);
    QCOMPARE(known.body, nobody.body);
}

void TestAccountsApi::bruteForceIsLimited()
{
    (void)registerUser(QStringLiteral("brute@example.com"));
    for (int i = 0; i < 5; ++i) {
        const HttpReply wrong =
            post("/api/auth/login",
                 {{QStringLiteral("email"), QStringLiteral("brute@example.com")},
                  {QStringLiteral("password"), QStringLiteral("guess number %1 xx").arg(i)}});
        QCOMPARE(wrong.status, 401);
    }
    const HttpReply locked = post("/api/auth/login",
                                  {{QStringLiteral("email"), QStringLiteral("brute@example.com")},
                                   {QStringLiteral("password"), kPassword}});
    QCOMPARE(locked.status, 429);
    QVERIFY(locked.header("retry-after").toInt() > 0);
    QVERIFY(locked.header("content-type").startsWith("application/problem+json"));
    // Another account is not affected.
    (void)registerUser(QStringLiteral("bystander@example.com"));
    QVERIFY(!login(QStringLiteral("bystander@example.com")).access.isEmpty());
}

void TestAccountsApi::forgedTokensAreRefused()
{
    const Session s = registerUser(QStringLiteral("forged@example.com"));
    QCOMPARE(call("GET", "/api/users/me", s).status, 200);
    const QList<QByteArray> parts = s.access.split('.');
    QCOMPARE(parts.size(), 3);
    Auth::TokenClaims claims;
    claims.subject = s.userId;
    claims.sessionId = QStringLiteral("00000000-0000-4000-8000-000000000001");
    claims.type = QStringLiteral("access");
    claims.role = QStringLiteral("admin");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    claims.issuedAt = now;
    claims.expiresAt = now.addSecs(600);

    QHash<QString, QByteArray> forged;
    forged.insert(QStringLiteral("alg none"),
                  QByteArray(R"({"alg":"none","typ":"JWT"})")
                          .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                      + '.' + parts.at(1) + '.');
    forged.insert(QStringLiteral("truncated"), parts.at(0) + '.' + parts.at(1));
    forged.insert(QStringLiteral("tampered payload"),
                  parts.at(0) + '.' + parts.at(1).left(parts.at(1).size() - 2) + "AA."
                      + parts.at(2));
    forged.insert(
        QStringLiteral("another key"),
        sign(claims, QStringLiteral("shop"), QStringLiteral("shop-api"), QByteArray(32, 'k')));
    forged.insert(QStringLiteral("wrong issuer"), sign(claims, QStringLiteral("evil")));
    forged.insert(QStringLiteral("wrong audience"),
                  sign(claims, QStringLiteral("shop"), QStringLiteral("other-api")));
    Auth::TokenClaims expired = claims;
    expired.issuedAt = now.addSecs(-3600);
    expired.notBefore = expired.issuedAt;
    expired.expiresAt = now.addSecs(-120);
    forged.insert(QStringLiteral("expired"), sign(expired));
    Auth::TokenClaims early = claims;
    early.issuedAt = now;
    early.notBefore = now.addSecs(600);
    early.expiresAt = now.addSecs(1200);
    forged.insert(QStringLiteral("not yet valid"), sign(early));
    Auth::TokenClaims refresh = claims;
    refresh.type = QStringLiteral("refresh");
    forged.insert(QStringLiteral("refresh type"), sign(refresh));
    Auth::TokenClaims reset = claims;
    reset.type = QStringLiteral("reset");
    forged.insert(QStringLiteral("reset type"), sign(reset));
    forged.insert(QStringLiteral("refresh cookie as bearer"), s.refresh);
    for (auto it = forged.cbegin(); it != forged.cend(); ++it) {
        const HttpReply reply = call("GET", "/api/users/me", {s.userId, it.value(), {}});
        QVERIFY2(reply.status == 401, qPrintable(it.key() + u": " + QString::number(reply.status)));
        QVERIFY(reply.header("www-authenticate").startsWith("Bearer"));
    }
    // A token signed with the real key for a session that does not exist is still a valid
    // signature: it works only until that session is revoked (it never was created, so me finds
    // the user): the revocation set, not the database, guards access tokens.
    const HttpReply genuine = call("GET", "/api/users/me", {s.userId, sign(claims), {}});
    QCOMPARE(genuine.status, 200);
}

void TestAccountsApi::refreshRotatesAndReuseRevokes()
{
    const Session s = registerUser(QStringLiteral("rotate@example.com"));
    const Headers xrw {{"X-Requested-With", "XMLHttpRequest"}};
    const HttpReply first =
        post("/api/auth/refresh", {}, xrw + Headers {{"Cookie", "shop_refresh=" + s.refresh}});
    QCOMPARE(first.status, 200);
    const QByteArray rotated = cookieOf(first);
    QVERIFY(!rotated.isEmpty() && rotated != s.refresh);
    const QByteArray newAccess = first.json()[QStringLiteral("access_token")].toString().toLatin1();
    QCOMPARE(call("GET", "/api/users/me", {s.userId, newAccess, {}}).status, 200);
    // The old token again: reuse. The whole family ends: the rotated token and the access tokens.
    const HttpReply reuse =
        post("/api/auth/refresh", {}, xrw + Headers {{"Cookie", "shop_refresh=" + s.refresh}});
    QCOMPARE(reuse.status, 401);
    QCOMPARE(
        post("/api/auth/refresh", {}, xrw + Headers {{"Cookie", "shop_refresh=" + rotated}}).status,
        401);
    QTRY_COMPARE(call("GET", "/api/users/me", {s.userId, newAccess, {}}).status, 401);
    QCOMPARE(call("GET", "/api/users/me", s).status, 401);
    // Garbage cookies.
    QCOMPARE(
        post("/api/auth/refresh", {}, xrw + Headers {{"Cookie", "shop_refresh=nonsense"}}).status,
        401);
    QCOMPARE(post("/api/auth/refresh", {}, xrw).status, 401);
}

void TestAccountsApi::refreshNeedsCsrfProof()
{
    const Session s = registerUser(QStringLiteral("csrf@example.com"));
    QCOMPARE(post("/api/auth/refresh", {}, {{"Cookie", "shop_refresh=" + s.refresh}}).status, 403);
    QCOMPARE(post("/api/auth/logout", {}, {{"Cookie", "shop_refresh=" + s.refresh}}).status, 403);
    // Still usable: the refused calls changed nothing.
    QCOMPARE(post("/api/auth/refresh", {},
                  {{"Cookie", "shop_refresh=" + s.refresh}, {"X-Requested-With", "XMLHttpRequest"}})
                 .status,
             200);
}

void TestAccountsApi::logoutEndsTheSession()
{
    const Session s = registerUser(QStringLiteral("logout@example.com"));
    const HttpReply out =
        post("/api/auth/logout", {},
             {{"Cookie", "shop_refresh=" + s.refresh}, {"X-Requested-With", "XMLHttpRequest"}});
    QCOMPARE(out.status, 204);
    QVERIFY(out.header("set-cookie").contains("Max-Age=0"));
    QTRY_COMPARE(call("GET", "/api/users/me", s).status, 401);
    QCOMPARE(post("/api/auth/refresh", {},
                  {{"Cookie", "shop_refresh=" + s.refresh}, {"X-Requested-With", "XMLHttpRequest"}})
                 .status,
             401);
    // Idempotent.
    QCOMPARE(post("/api/auth/logout", {},
                  {{"Cookie", "shop_refresh=" + s.refresh}, {"X-Requested-With", "XMLHttpRequest"}})
                 .status,
             204);
}

void TestAccountsApi::profileRefusesMassAssignment()
{
    const Session s = registerUser(QStringLiteral("profile@example.com"));
    const HttpReply changed = call("PUT", "/api/users/me", s,
                                   {{QStringLiteral("first_name"), QStringLiteral("Augusta")},
                                    {QStringLiteral("language"), QStringLiteral("de")}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json()[QStringLiteral("first_name")].toString(), QStringLiteral("Augusta"));
    QCOMPARE(changed.json()[QStringLiteral("last_name")].toString(), QStringLiteral("Lovelace"));
    for (const QString &field : {QStringLiteral("role"), QStringLiteral("is_active"),
                                 QStringLiteral("email"), QStringLiteral("id")}) {
        const HttpReply refused = call(
            "PUT", "/api/users/me", s,
            {{field,
              field == u"is_active" ? QJsonValue(false) : QJsonValue(QStringLiteral("admin"))}});
        QCOMPARE(refused.status, 422);
        QCOMPARE(fieldCodes(refused), QStringList {field + QStringLiteral(":read_only")});
    }
    QCOMPARE(
        scalar(QStringLiteral(
                   "SELECT count(*) FROM users WHERE id = ?::uuid AND role = 'user' AND is_active"),
               {s.userId}),
        1);
}

void TestAccountsApi::addressBook()
{
    const Session s = registerUser(QStringLiteral("book@example.com"));
    const QJsonObject home {{QStringLiteral("label"), QStringLiteral("Home")},
                            {QStringLiteral("recipient_name"), QStringLiteral("Ada Lovelace")},
                            {QStringLiteral("line1"), QStringLiteral("12 St James's Square")},
                            {QStringLiteral("city"), QStringLiteral("London")},
                            {QStringLiteral("postal_code"), QStringLiteral("SW1Y 4JH")},
                            {QStringLiteral("country"), QStringLiteral("gb")}};
    const HttpReply first = call("POST", "/api/users/me/addresses", s, home);
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json()[QStringLiteral("country")].toString(), QStringLiteral("GB"));
    QVERIFY(first.json()[QStringLiteral("is_default")].toBool()); // the first one
    QJsonObject work = home;
    work[QStringLiteral("label")] = QStringLiteral("Work");
    work[QStringLiteral("is_default")] = true;
    const HttpReply second = call("POST", "/api/users/me/addresses", s, work);
    QCOMPARE(second.status, 201);
    const HttpReply list = call("GET", "/api/users/me/addresses", s);
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.json()[QStringLiteral("items")].toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("label")].toString(),
             QStringLiteral("Work")); // default first
    QVERIFY(!items.at(1)[QStringLiteral("is_default")].toBool());
    // Bad values.
    QJsonObject bad = home;
    bad[QStringLiteral("country")] = QStringLiteral("Germany");
    bad[QStringLiteral("phone")] = QStringLiteral("call me");
    const HttpReply refused = call("POST", "/api/users/me/addresses", s, bad);
    QCOMPARE(refused.status, 422);
    QVERIFY(fieldCodes(refused).contains(QStringLiteral("country:too_long")));
    QVERIFY(fieldCodes(refused).contains(QStringLiteral("phone:invalid")));
    // Deleting the default passes it on.
    const QByteArray workId = second.json()[QStringLiteral("id")].toString().toLatin1();
    QCOMPARE(call("DELETE", "/api/users/me/addresses/" + workId, s).status, 204);
    const QJsonArray left =
        call("GET", "/api/users/me/addresses", s).json()[QStringLiteral("items")].toArray();
    QCOMPARE(left.size(), 1);
    QVERIFY(left.at(0)[QStringLiteral("is_default")].toBool());
    QCOMPARE(call("DELETE", "/api/users/me/addresses/" + workId, s).status, 404);
    QCOMPARE(call("DELETE", "/api/users/me/addresses/not-a-uuid", s).status, 404);
}

void TestAccountsApi::otherUsersAddressesAre404()
{
    const Session owner = registerUser(QStringLiteral("owner@example.com"));
    const Session thief = registerUser(QStringLiteral("thief@example.com"));
    const QJsonObject address {{QStringLiteral("recipient_name"), QStringLiteral("Owner")},
                               {QStringLiteral("line1"), QStringLiteral("1 Main St")},
                               {QStringLiteral("city"), QStringLiteral("Springfield")},
                               {QStringLiteral("postal_code"), QStringLiteral("12345")},
                               {QStringLiteral("country"), QStringLiteral("US")}};
    const HttpReply created = call("POST", "/api/users/me/addresses", owner, address);
    QCOMPARE(created.status, 201);
    const QByteArray id = created.json()[QStringLiteral("id")].toString().toLatin1();
    QJsonObject changed = address;
    changed[QStringLiteral("line1")] = QStringLiteral("Stolen");
    QCOMPARE(call("PUT", "/api/users/me/addresses/" + id, thief, changed).status, 404);
    QCOMPARE(call("DELETE", "/api/users/me/addresses/" + id, thief).status, 404);
    QCOMPARE(call("GET", "/api/users/me/addresses", thief)
                 .json()[QStringLiteral("items")]
                 .toArray()
                 .size(),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM addresses WHERE id = ?::uuid AND "
                                   "address_line1 = '1 Main St'"),
                    {QString::fromLatin1(id)}),
             1);
    QCOMPARE(call("PUT", "/api/users/me/addresses/" + id, owner, changed).status, 200);
}

void TestAccountsApi::customerOnAdminRoutesIs403()
{
    const Session customer = registerUser(QStringLiteral("customer@example.com"));
    const QByteArray other = registerUser(QStringLiteral("victim@example.com")).userId.toLatin1();
    const QList<std::pair<QByteArray, QByteArray>> routes {
        {"GET", "/api/admin/users"},
        {"GET", "/api/admin/users/" + other},
        {"PUT", "/api/admin/users/" + other + "/status"},
        {"PUT", "/api/admin/users/" + other + "/role"},
        {"GET", "/api/admin/audit"}};
    for (const auto &[method, path] : routes) {
        const HttpReply reply = call(method, path, customer,
                                     {{QStringLiteral("role"), QStringLiteral("admin")},
                                      {QStringLiteral("is_active"), false}});
        QVERIFY2(reply.status == 403,
                 qPrintable(QString::fromLatin1(method + ' ' + path) + u" "
                            + QString::number(reply.status)));
        const HttpReply anonymous =
            m_server->request(method, path, {{"Content-Type", "application/json"}}, "{}");
        QCOMPARE(anonymous.status, 401);
    }
    QCOMPARE(
        scalar(QStringLiteral(
                   "SELECT count(*) FROM users WHERE id = ?::uuid AND role = 'user' AND is_active"),
               {QString::fromLatin1(other)}),
        1);
}

void TestAccountsApi::passwordChangeEndsOtherSessions()
{
    const Session a = registerUser(QStringLiteral("change@example.com"));
    const Session b = login(QStringLiteral("change@example.com"));
    const HttpReply wrong =
        call("PUT", "/api/users/me/password", a,
             {{QStringLiteral("current_password"), QStringLiteral("not my password!")},
              {QStringLiteral("new_password"), QStringLiteral("a brand new passphrase 7")}});
    QCOMPARE(wrong.status, 422);
    QCOMPARE(fieldCodes(wrong), QStringList {QStringLiteral("current_password:wrong_password")});
    const HttpReply changed =
        call("PUT", "/api/users/me/password", a,
             {{QStringLiteral("current_password"), kPassword},
              {QStringLiteral("new_password"), QStringLiteral("a brand new passphrase 7")}});
    QCOMPARE(changed.status, 200);
    const Session fresh {a.userId,
                         changed.json()[QStringLiteral("access_token")].toString().toLatin1(),
                         cookieOf(changed)};
    QTRY_COMPARE(call("GET", "/api/users/me", b).status, 401);
    QCOMPARE(call("GET", "/api/users/me", a).status, 401);
    QCOMPARE(call("GET", "/api/users/me", fresh).status, 200);
    QCOMPARE(post("/api/auth/login",
                  {{QStringLiteral("email"), QStringLiteral("change@example.com")},
                   {QStringLiteral("password"), kPassword}})
                 .status,
             401);
    QVERIFY(!login(QStringLiteral("change@example.com"), QStringLiteral("a brand new passphrase 7"))
                 .access.isEmpty());
}

void TestAccountsApi::forgotAndResetThroughTheInbox()
{
    const Session before =
        registerUser(QStringLiteral("forgot@example.com"), QStringLiteral("Forgetful"));
    QCOMPARE(m_sandboxHttp->request("DELETE", "/api/messages").status, 204);
    QCOMPARE(post("/api/auth/forgot-password",
                  {{QStringLiteral("email"), QStringLiteral("FORGOT@example.com")}})
                 .status,
             202);
    QString text;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &m : inbox()) {
                if (m[QStringLiteral("to")].toArray().first().toString() == u"forgot@example.com"
                    && m[QStringLiteral("text")].toString().contains(u"reset-password")) {
                    text = m[QStringLiteral("text")].toString();
                    return true;
                }
            }
            return false;
        }(),
        30000);
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("token=([A-Za-z0-9_-]+)")).match(text);
    QVERIFY2(match.hasMatch(), qPrintable(text));
    const QString token = match.captured(1);
    // The database keeps only the digest.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE payload::text LIKE ?"),
                    {QVariant(QString(u'%' + token + u'%'))}),
             0);
    QCOMPARE(post("/api/auth/reset-password",
                  {{QStringLiteral("token"), QStringLiteral("wrong-token")},
                   {QStringLiteral("password"), QStringLiteral("my renewed passphrase 9")}})
                 .status,
             400);
    QCOMPARE(fieldCodes(post("/api/auth/reset-password",
                             {{QStringLiteral("token"), token},
                              {QStringLiteral("password"), QStringLiteral("short")}})),
             QStringList {QStringLiteral("password:too_short")});
    QCOMPARE(post("/api/auth/reset-password",
                  {{QStringLiteral("token"), token},
                   {QStringLiteral("password"), QStringLiteral("my renewed passphrase 9")}})
                 .status,
             204);
    QTRY_COMPARE(call("GET", "/api/users/me", before).status, 401); // every session ended
    QVERIFY(!login(QStringLiteral("forgot@example.com"), QStringLiteral("my renewed passphrase 9"))
                 .access.isEmpty());
    // Single use.
    QCOMPARE(post("/api/auth/reset-password",
                  {{QStringLiteral("token"), token},
                   {QStringLiteral("password"), QStringLiteral("yet another passphrase 3")}})
                 .status,
             400);
    // An unknown address gets no email (the job is done without one).
    const int messages = inbox().size();
    QCOMPARE(post("/api/auth/forgot-password",
                  {{QStringLiteral("email"), QStringLiteral("ghost@example.com")}})
                 .status,
             202);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE payload->>'address' = "
                              "'ghost@example.com' AND state = 'done'")),
        1, 30000);
    QCOMPARE(inbox().size(), messages);
}

void TestAccountsApi::adminManagesUsersAndIsAudited()
{
    const Session admin = makeAdmin(QStringLiteral("admin@example.com"));
    QVERIFY(!admin.access.isEmpty());
    const Session target =
        registerUser(QStringLiteral("managed@example.com"), QStringLiteral("Managed"));
    const QByteArray id = target.userId.toLatin1();

    const HttpReply found =
        call("GET", "/api/admin/users?search=MANAGED&role=user&status=active&limit=5", admin);
    QCOMPARE(found.status, 200);
    QCOMPARE(found.json()[QStringLiteral("total")].toInt(), 1);
    QCOMPARE(
        found.json()[QStringLiteral("items")].toArray().first()[QStringLiteral("id")].toString(),
        target.userId);
    QCOMPARE(call("GET", "/api/admin/users?limit=0", admin).status, 422);
    QCOMPARE(call("GET", "/api/admin/users?sort=evil", admin).status, 422);
    QCOMPARE(call("GET", "/api/admin/users/" + id, admin).status, 200);
    QCOMPARE(call("GET", "/api/admin/users/00000000-0000-4000-8000-000000000000", admin).status,
             404);

    const HttpReply promoted = call("PUT", "/api/admin/users/" + id + "/role", admin,
                                    {{QStringLiteral("role"), QStringLiteral("admin")}});
    QCOMPARE(promoted.status, 200);
    QCOMPARE(promoted.json()[QStringLiteral("role")].toString(), QStringLiteral("admin"));
    QCOMPARE(call("PUT", "/api/admin/users/" + id + "/role", admin,
                  {{QStringLiteral("role"), QStringLiteral("root")}})
                 .status,
             422);
    // Self-protection.
    QCOMPARE(call("PUT", "/api/admin/users/" + admin.userId.toLatin1() + "/role", admin,
                  {{QStringLiteral("role"), QStringLiteral("user")}})
                 .status,
             409);
    QCOMPARE(call("PUT", "/api/admin/users/" + admin.userId.toLatin1() + "/status", admin,
                  {{QStringLiteral("is_active"), false}})
                 .status,
             409);

    const HttpReply audit = call("GET", "/api/admin/audit?target=" + id, admin);
    QCOMPARE(audit.status, 200);
    const QJsonArray entries = audit.json()[QStringLiteral("items")].toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry[QStringLiteral("action")].toString(), QStringLiteral("user.role"));
    QCOMPARE(entry[QStringLiteral("actor_id")].toString(), admin.userId);
    QCOMPARE(entry[QStringLiteral("actor_email")].toString(), QStringLiteral("admin@example.com"));
    QCOMPARE(entry[QStringLiteral("before")].toObject(),
             QJsonObject({{QStringLiteral("role"), QStringLiteral("user")}}));
    QCOMPARE(entry[QStringLiteral("after")].toObject(),
             QJsonObject({{QStringLiteral("role"), QStringLiteral("admin")}}));
    QVERIFY(!entry[QStringLiteral("request_id")].toString().isEmpty());
    QCOMPARE(
        call("GET",
             "/api/admin/audit?actor=" + admin.userId.toLatin1() + "&from=2000-01-01T00:00:00Z",
             admin)
            .json()[QStringLiteral("total")]
            .toInt(),
        1);
    QCOMPARE(call("GET", "/api/admin/audit?from=yesterday", admin).status, 422);
    // Append-only, whatever the SQL.
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QVERIFY(
        !Db::exec(*db, QStringLiteral("UPDATE audit_log SET action = 'user.nothing'")).has_value());
    QVERIFY(!Db::exec(*db, QStringLiteral("DELETE FROM audit_log")).has_value());
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM audit_log")) >= 1);
}

void TestAccountsApi::deactivatedUserIsLockedOut()
{
    const Session admin = makeAdmin(QStringLiteral("boss@example.com"));
    const Session user = registerUser(QStringLiteral("leaving@example.com"));
    QCOMPARE(call("GET", "/api/users/me", user).status, 200);
    const HttpReply off = call("PUT", "/api/admin/users/" + user.userId.toLatin1() + "/status",
                               admin, {{QStringLiteral("is_active"), false}});
    QCOMPARE(off.status, 200);
    QCOMPARE(off.json()[QStringLiteral("is_active")].toBool(), false);
    // At once, not after the access token's 15 minutes.
    QTRY_COMPARE_WITH_TIMEOUT(call("GET", "/api/users/me", user).status, 401, 5000);
    QCOMPARE(
        post("/api/auth/refresh", {},
             {{"Cookie", "shop_refresh=" + user.refresh}, {"X-Requested-With", "XMLHttpRequest"}})
            .status,
        401);
    const HttpReply login = post("/api/auth/login",
                                 {{QStringLiteral("email"), QStringLiteral("leaving@example.com")},
                                  {QStringLiteral("password"), kPassword}});
    QCOMPARE(login.status, 403);
    QCOMPARE(call("PUT", "/api/admin/users/" + user.userId.toLatin1() + "/status", admin,
                  {{QStringLiteral("is_active"), true}})
                 .status,
             200);
    QVERIFY(!this->login(QStringLiteral("leaving@example.com")).access.isEmpty());
}

QTEST_GUILESS_MAIN(TestAccountsApi)
#include "tst_accountsapi.moc"
