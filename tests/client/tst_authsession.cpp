#include "callwaiter.h"
#include "client/accountclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/secretstore.h"
#include "client/usermessages.h"
#include "support/fakeaccountsserver.h"
#include "support/resultcheck.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <array>
#include <memory>

using namespace Shop;
using namespace Shop::Client;
using Tests::CallWaiter;
using Tests::FakeAccountsServer;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

// One app's view of the server: its own transport (and cookie jar) and session.
struct App
{
    explicit App(const QUrl &server, SecretStore *store = nullptr)
        : session(&api, store)
        , account(&api, &session)
    {
        api.setBaseUrl(server);
    }
    ApiClient api;
    AuthSession session;
    AccountClient account;
};

Result<User> signIn(App &app, const QString &email, const QString &password, bool remember = false)
{
    CallWaiter<User> waiter;
    app.session.signIn(email, password, remember, nullptr, waiter.callback());
    if (!waiter.wait()) {
        return fail(Error::internal(QStringLiteral("no answer")));
    }
    return *waiter.result;
}

Result<User> me(App &app)
{
    CallWaiter<User> waiter;
    app.account.me(nullptr, waiter.callback());
    if (!waiter.wait()) {
        return fail(Error::internal(QStringLiteral("no answer")));
    }
    return *waiter.result;
}

} // namespace

// AuthSession and AccountClient against a fake accounts server on a real socket that sets and
// reads the shop_refresh cookie exactly as the contract says (tests/support/fakeaccountsserver).
class TestAuthSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void signInSetsCookieAndBearer();
    void wrongPasswordDoesNotRefresh();
    void deactivatedAccountIsForbidden();
    void expiredAccessTokenRefreshesSilently();
    void concurrentUnauthorizedShareOneRefresh();
    void refreshFailureExpiresTheSession();
    void refreshesBeforeExpiry();
    void signOutClearsTheCookie();
    void signOutWinsOverARefreshInFlight_data();
    void signOutWinsOverARefreshInFlight();
    void rememberMeRestoresAtStartUp();
    void withoutRememberMeNothingIsStored();
    void staleRememberedTokenIsForgotten();
    void unreachableServerKeepsTheRememberedToken();
    void noKeychainKeepsTheSessionAndSaysSoOnce();

    void registrationFieldErrorsCarryCodes_data();
    void registrationFieldErrorsCarryCodes();
    void registeringATakenAddressIsAConflict();
    void registerSignsIn();
    void forgotAndResetPassword();

    void profileUpdateChangesTheUser();
    void changePasswordAdoptsTheNewSession();
    void signOutWinsOverAPasswordChangeInFlight();
    void wrongCurrentPasswordIsAFieldError();
    void addressBook();

    void knownFieldCodesAreTranslatedInOnePlace();

private:
    FakeAccountsServer m_server;
};

void TestAuthSession::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_server.addUser(kEmail, kPassword);
    m_server.addUser(QStringLiteral("root@example.com"), kPassword, QStringLiteral("admin"));
}

void TestAuthSession::signInSetsCookieAndBearer()
{
    App app(m_server.baseUrl());
    QSignalSpy signedIn(&app.session, &AuthSession::signedIn);
    QSignalSpy changed(&app.session, &AuthSession::userChanged);
    const int logins = m_server.stats().logins;
    const auto user = signIn(app, kEmail, kPassword);
    SHOP_VERIFY_OK(user);
    QCOMPARE(m_server.stats().logins, logins + 1);
    QCOMPARE(user->email, kEmail);
    QCOMPARE(user->firstName, QStringLiteral("Ada"));
    QVERIFY(!user->isAdmin());
    QVERIFY(app.session.isSignedIn());
    QCOMPARE(signedIn.count(), 1);
    QCOMPARE(changed.count(), 1);
    // The refresh token arrived as the cookie, scoped to the auth routes only.
    QVERIFY(!app.session.refreshCookie().isEmpty());
    const auto cookies = app.api.networkAccessManager()->cookieJar()->cookiesForUrl(
        app.api.resolve(QStringLiteral("api/users/me")));
    QVERIFY(cookies.isEmpty());
    // The access token's exp was read: about 15 minutes.
    QVERIFY(app.session.accessTokenLifetime() > 800);
    QVERIFY(app.session.accessTokenLifetime() <= 900);
    // The bearer token opens the account routes.
    const auto fetched = me(app);
    SHOP_VERIFY_OK(fetched);
    QCOMPARE(fetched->id, user->id);
}

void TestAuthSession::wrongPasswordDoesNotRefresh()
{
    App app(m_server.baseUrl());
    const auto before = m_server.stats();
    const auto user = signIn(app, kEmail, QStringLiteral("wrong password!"));
    QVERIFY(!user);
    QCOMPARE(user.error().code, ErrorCode::Unauthorized);
    const auto after = m_server.stats();
    QCOMPARE(after.refreshes + after.refusedRefreshes, before.refreshes + before.refusedRefreshes);
    QVERIFY(!app.session.isSignedIn());
    QVERIFY(app.session.refreshCookie().isEmpty());
}

void TestAuthSession::deactivatedAccountIsForbidden()
{
    const QString email = QStringLiteral("gone@example.com");
    m_server.addUser(email, kPassword);
    m_server.setActive(email, false);
    App app(m_server.baseUrl());
    const auto user = signIn(app, email, kPassword);
    QVERIFY(!user);
    QCOMPARE(user.error().code, ErrorCode::Forbidden);
}

void TestAuthSession::expiredAccessTokenRefreshesSilently()
{
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    const QByteArray firstCookie = app.session.refreshCookie();
    QSignalSpy expired(&app.session, &AuthSession::sessionExpired);
    const auto before = m_server.stats();

    m_server.expireAccessTokens(); // 15 minutes later
    const auto fetched = me(app); // 401 → refresh with the cookie → repeated
    SHOP_VERIFY_OK(fetched);
    const auto after = m_server.stats();
    QCOMPARE(after.refreshes, before.refreshes + 1);
    QCOMPARE(after.csrfRefusals, before.csrfRefusals); // X-Requested-With was sent
    QCOMPARE(after.lastRefreshCookie, firstCookie);
    // The cookie was rotated; the old one is now spent.
    QVERIFY(!app.session.refreshCookie().isEmpty());
    QVERIFY(app.session.refreshCookie() != firstCookie);
    QCOMPARE(expired.count(), 0);
    QVERIFY(app.session.isSignedIn());
}

void TestAuthSession::concurrentUnauthorizedShareOneRefresh()
{
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    m_server.expireAccessTokens();
    const auto before = m_server.stats();
    std::array<CallWaiter<User>, 4> waiters;
    for (auto &waiter : waiters) {
        app.account.me(nullptr, waiter.callback());
    }
    for (auto &waiter : waiters) {
        QVERIFY(waiter.wait());
        SHOP_VERIFY_OK(*waiter.result);
    }
    const auto after = m_server.stats();
    QCOMPARE(after.refreshes, before.refreshes + 1);
    QCOMPARE(after.refusedRefreshes, before.refusedRefreshes); // no reuse of a rotated cookie
}

void TestAuthSession::refreshFailureExpiresTheSession()
{
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    QSignalSpy expired(&app.session, &AuthSession::sessionExpired);
    QSignalSpy signedOut(&app.session, &AuthSession::signedOut);

    m_server.revokeAllSessions(); // e.g. an admin deactivated and reactivated the account
    const auto fetched = me(app);
    QVERIFY(!fetched);
    QCOMPARE(fetched.error().code, ErrorCode::Unauthorized);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(signedOut.count(), 0); // not the user's doing
    QVERIFY(!app.session.isSignedIn());
    QCOMPARE(app.session.lastEmail(), kEmail); // to ask again
    QVERIFY(app.session.refreshCookie().isEmpty());

    // Signing in again goes on where it stopped.
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    {
        const auto result = me(app);
        SHOP_VERIFY_OK(result);
    }
}

void TestAuthSession::refreshesBeforeExpiry()
{
    m_server.setAccessTokenLifetime(4);
    App app(m_server.baseUrl());
    const auto before = m_server.stats();
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    m_server.setAccessTokenLifetime(900);
    QVERIFY(app.session.accessTokenLifetime() <= 4);
    // Refreshed at half the short lifetime, without any 401.
    QTRY_VERIFY_WITH_TIMEOUT(m_server.stats().refreshes > before.refreshes, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(app.session.accessTokenLifetime() > 800, 5000);
    QCOMPARE(m_server.stats().bearerRefusals, before.bearerRefusals);
    QVERIFY(app.session.isSignedIn());
}

void TestAuthSession::signOutClearsTheCookie()
{
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    const QByteArray cookie = app.session.refreshCookie();
    const int live = m_server.liveRefreshTokens();
    const auto before = m_server.stats();
    QSignalSpy signedOut(&app.session, &AuthSession::signedOut);

    app.session.signOut();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!app.session.isSignedIn());
    QTRY_COMPARE_WITH_TIMEOUT(m_server.stats().logouts, before.logouts + 1, 10000);
    const auto after = m_server.stats();
    QCOMPARE(after.lastLogoutCookie, cookie);
    QCOMPARE(after.csrfRefusals, before.csrfRefusals);
    QTRY_VERIFY(app.session.refreshCookie().isEmpty());
    QCOMPARE(m_server.liveRefreshTokens(), live - 1); // revoked on the server
    // The account routes are closed now, and no refresh is attempted without a cookie.
    const auto fetched = me(app);
    QVERIFY(!fetched);
    QCOMPARE(fetched.error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_server.stats().refreshes + m_server.stats().refusedRefreshes,
             after.refreshes + after.refusedRefreshes);
}

void TestAuthSession::signOutWinsOverARefreshInFlight_data()
{
    QTest::addColumn<bool>("handledFirst");
    // The server handles the sign-out first: the refresh is refused (its token was revoked).
    QTest::newRow("refresh handled after the sign-out") << false;
    // The server rotated the token before the sign-out reached it, and the answer with the new
    // token arrives after the sign-out: the client must not keep it, and revokes it.
    QTest::newRow("refresh handled first, answered after") << true;
}

void TestAuthSession::signOutWinsOverARefreshInFlight()
{
    QFETCH(bool, handledFirst);
    using namespace std::chrono_literals;
    App app(m_server.baseUrl());
    const int live = m_server.liveRefreshTokens();
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    QCOMPARE(m_server.liveRefreshTokens(), live + 1);
    const QByteArray signedInToken = app.session.refreshCookie();
    m_server.delayRefreshes(handledFirst ? 0ms : 1000ms, handledFirst ? 1000ms : 0ms);
    const auto undelay = qScopeGuard([this] { m_server.delayRefreshes(0ms, 0ms); });
    const auto before = m_server.stats();

    std::optional<bool> refreshed;
    app.session.refresh([&refreshed](bool ok) { refreshed = ok; });
    if (handledFirst) {
        QTRY_COMPARE(m_server.stats().refreshes, before.refreshes + 1); // rotated, not answered
    }
    app.session.signOut();
    QVERIFY(app.session.refreshCookie().isEmpty()); // at once, whatever the server says
    QVERIFY(refreshed.has_value()); // the waiters are told at once too
    QCOMPARE(*refreshed, false);

    if (handledFirst) {
        // The late answer's new token is revoked by a second sign-out call, with that token.
        QTRY_COMPARE(m_server.stats().logouts, before.logouts + 2);
        const auto after = m_server.stats();
        QVERIFY(!after.lastLogoutCookie.isEmpty());
        QVERIFY(after.lastLogoutCookie != signedInToken);
    } else {
        QTRY_COMPARE(m_server.stats().refusedRefreshes, before.refusedRefreshes + 1);
        QCOMPARE(m_server.stats().logouts, before.logouts + 1);
        QCOMPARE(m_server.stats().lastLogoutCookie, signedInToken);
    }
    QTest::qWait(100); // anything still on its way arrives and is ignored
    QCOMPARE(m_server.liveRefreshTokens(), live);
    QVERIFY(!app.session.isSignedIn());
    QVERIFY(app.session.refreshCookie().isEmpty());
}

void TestAuthSession::rememberMeRestoresAtStartUp()
{
    MemorySecretStore keychain;
    QString userId;
    QString key;
    {
        App first(m_server.baseUrl(), &keychain);
        const auto user = signIn(first, kEmail, kPassword, true);
        SHOP_VERIFY_OK(user);
        userId = user->id;
        key = first.session.secretKey();
        QTRY_COMPARE(keychain.value(key), first.session.refreshCookie());
        QVERIFY(first.session.remembered());
    } // the app quits (its cookie jar and memory are gone)

    const auto before = m_server.stats();
    App second(m_server.baseUrl(), &keychain);
    QVERIFY(second.session.refreshCookie().isEmpty());
    QSignalSpy restored(&second.session, &AuthSession::restoreFinished);
    QSignalSpy signedIn(&second.session, &AuthSession::signedIn);
    second.session.restore();
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 10000);
    QCOMPARE(restored.first().first().toBool(), true);
    QCOMPARE(signedIn.count(), 1);
    QVERIFY(second.session.isSignedIn());
    QCOMPARE(second.session.user()->id, userId);
    QCOMPARE(m_server.stats().refreshes, before.refreshes + 1);
    // The rotated token replaced the stored one.
    QTRY_COMPARE(keychain.value(key), second.session.refreshCookie());
    {
        const auto result = me(second);
        SHOP_VERIFY_OK(result);
    }

    // Signing out forgets it.
    second.session.signOut();
    QTRY_VERIFY(!keychain.contains(key));
}

void TestAuthSession::withoutRememberMeNothingIsStored()
{
    MemorySecretStore keychain;
    App app(m_server.baseUrl(), &keychain);
    {
        const auto result = signIn(app, kEmail, kPassword, false);
        SHOP_VERIFY_OK(result);
    }
    QTest::qWait(50);
    QVERIFY(!keychain.contains(app.session.secretKey()));
    QVERIFY(!app.session.remembered());
    // A restart restores nothing.
    App second(m_server.baseUrl(), &keychain);
    QSignalSpy restored(&second.session, &AuthSession::restoreFinished);
    second.session.restore();
    QTRY_COMPARE(restored.count(), 1);
    QCOMPARE(restored.first().first().toBool(), false);
    QVERIFY(!second.session.isSignedIn());
}

void TestAuthSession::staleRememberedTokenIsForgotten()
{
    MemorySecretStore keychain;
    App app(m_server.baseUrl(), &keychain);
    bool written = false;
    keychain.write(app.session.secretKey(), "no-such-token",
                   [&written](SecretStore::Outcome) { written = true; });
    QTRY_VERIFY(written);
    QSignalSpy restored(&app.session, &AuthSession::restoreFinished);
    QSignalSpy expired(&app.session, &AuthSession::sessionExpired);
    app.session.restore();
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 10000);
    QCOMPARE(restored.first().first().toBool(), false);
    QCOMPARE(expired.count(), 0); // nobody was signed in
    QTRY_VERIFY(!keychain.contains(app.session.secretKey()));
}

void TestAuthSession::unreachableServerKeepsTheRememberedToken()
{
    // The server is down at start-up: the token stays for the next start.
    MemorySecretStore keychain;
    QTcpServer closed; // a port nobody listens on
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    App app(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), &keychain);
    app.api.setRetryPolicy(RetryPolicy {1, {}, 1.0, {}});
    bool written = false;
    keychain.write(app.session.secretKey(), "kept-token",
                   [&written](SecretStore::Outcome) { written = true; });
    QTRY_VERIFY(written);
    QSignalSpy restored(&app.session, &AuthSession::restoreFinished);
    app.session.restore();
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 20000);
    QCOMPARE(restored.first().first().toBool(), false);
    QTest::qWait(50);
    QCOMPARE(keychain.value(app.session.secretKey()), QByteArray("kept-token"));
}

void TestAuthSession::noKeychainKeepsTheSessionAndSaysSoOnce()
{
    MemorySecretStore keychain;
    keychain.setAvailable(false);
    App app(m_server.baseUrl(), &keychain);
    QSignalSpy unavailable(&app.session, &AuthSession::keychainUnavailable);
    {
        const auto result = signIn(app, kEmail, kPassword, true);
        SHOP_VERIFY_OK(result);
    }
    QTRY_COMPARE(unavailable.count(), 1);
    QVERIFY(!app.session.keychainAvailable());
    QVERIFY(!app.session.remembered());
    QVERIFY(app.session.isSignedIn()); // for this run
    m_server.expireAccessTokens();
    const auto fetched = me(app); // refreshes with the in-memory cookie
    SHOP_VERIFY_OK(fetched);
    app.session.signOut();
    {
        const auto result = signIn(app, kEmail, kPassword, true);
        SHOP_VERIFY_OK(result);
    }
    QTest::qWait(50);
    QCOMPARE(unavailable.count(), 1); // said once
}

void TestAuthSession::registrationFieldErrorsCarryCodes_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");
    QTest::newRow("short") << "new1@example.com"
                           << "short"
                           << "password"
                           << "too_short";
    QTest::newRow("common") << "new2@example.com" << FakeAccountsServer::kCommonPassword
                            << "password"
                            << "too_common";
    QTest::newRow("email in password") << "grace@example.com"
                                       << "grace-is-my-password"
                                       << "password"
                                       << "contains_email";
    QTest::newRow("bad email") << "not-an-email"
                               << "long enough password"
                               << "email"
                               << "invalid";
}

void TestAuthSession::registrationFieldErrorsCarryCodes()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, field);
    QFETCH(QString, code);
    App app(m_server.baseUrl());
    CallWaiter<User> waiter;
    app.session.registerAccount(
        {email, password, QStringLiteral("Grace"), QStringLiteral("Hopper"), QString()}, false,
        nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    const Error &error = waiter.result->error();
    QCOMPARE(error.code, ErrorCode::Validation);
    QCOMPARE(error.fieldErrors.size(), 1);
    QCOMPARE(error.fieldErrors.first().field, field);
    QCOMPARE(error.fieldErrors.first().code, code);
    QVERIFY(!app.session.isSignedIn());
}

void TestAuthSession::registeringATakenAddressIsAConflict()
{
    App app(m_server.baseUrl());
    CallWaiter<User> waiter;
    app.session.registerAccount(
        {kEmail, QStringLiteral("another long password"), QStringLiteral("Ada"), {}, {}}, false,
        nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Conflict);
}

void TestAuthSession::registerSignsIn()
{
    App app(m_server.baseUrl());
    QSignalSpy signedIn(&app.session, &AuthSession::signedIn);
    CallWaiter<User> waiter;
    app.session.registerAccount({QStringLiteral("  new@example.com "),
                                 QStringLiteral("a long enough password"), QStringLiteral("Neo"),
                                 QStringLiteral("Anderson"), QStringLiteral("de")},
                                false, nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE((*waiter.result)->email, QStringLiteral("new@example.com"));
    QCOMPARE((*waiter.result)->language, QStringLiteral("de"));
    QCOMPARE(signedIn.count(), 1);
    {
        const auto result = me(app);
        SHOP_VERIFY_OK(result);
    }
}

void TestAuthSession::forgotAndResetPassword()
{
    const QString email = QStringLiteral("forgetful@example.com");
    m_server.addUser(email, kPassword);
    App app(m_server.baseUrl());
    CallWaiter<void> forgot;
    app.session.forgotPassword(QStringLiteral(" forgetful@example.com"), nullptr,
                               forgot.callback());
    QVERIFY(forgot.wait());
    SHOP_VERIFY_OK(*forgot.result);
    QCOMPARE(m_server.stats().forgotPasswordEmails.last(), email);
    // Unknown addresses get the same answer.
    CallWaiter<void> unknown;
    app.session.forgotPassword(QStringLiteral("nobody@example.com"), nullptr, unknown.callback());
    QVERIFY(unknown.wait());
    SHOP_VERIFY_OK(*unknown.result);

    const QString token = m_server.issueResetToken(email);
    CallWaiter<void> tooShort;
    app.session.resetPassword(token, QStringLiteral("short"), nullptr, tooShort.callback());
    QVERIFY(tooShort.wait());
    QVERIFY(!*tooShort.result);
    QCOMPARE(tooShort.result->error().code, ErrorCode::Validation);
    QCOMPARE(tooShort.result->error().fieldErrors.first().code, QStringLiteral("too_short"));

    CallWaiter<void> reset;
    app.session.resetPassword(token, QStringLiteral("a brand new password"), nullptr,
                              reset.callback());
    QVERIFY(reset.wait());
    SHOP_VERIFY_OK(*reset.result);
    QCOMPARE(m_server.passwordOf(email), QStringLiteral("a brand new password"));

    CallWaiter<void> again; // single use
    app.session.resetPassword(token, QStringLiteral("yet another password"), nullptr,
                              again.callback());
    QVERIFY(again.wait());
    QVERIFY(!*again.result);
    QCOMPARE(again.result->error().code, ErrorCode::BadRequest);
    {
        const auto result = signIn(app, email, QStringLiteral("a brand new password"));
        SHOP_VERIFY_OK(result);
    }
}

void TestAuthSession::profileUpdateChangesTheUser()
{
    const QString email = QStringLiteral("profile@example.com");
    m_server.addUser(email, kPassword);
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, email, kPassword);
        SHOP_VERIFY_OK(result);
    }
    QSignalSpy changed(&app.session, &AuthSession::userChanged);
    CallWaiter<User> waiter;
    ProfileUpdate update;
    update.firstName = QStringLiteral("Augusta");
    update.language = QStringLiteral("de");
    app.account.updateProfile(update, nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE((*waiter.result)->firstName, QStringLiteral("Augusta"));
    QCOMPARE((*waiter.result)->lastName, QStringLiteral("Lovelace"));
    QCOMPARE(app.session.user()->language, QStringLiteral("de"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(app.session.user()->displayName(), QStringLiteral("Augusta Lovelace"));
}

void TestAuthSession::changePasswordAdoptsTheNewSession()
{
    const QString email = QStringLiteral("changer@example.com");
    m_server.addUser(email, kPassword);
    App app(m_server.baseUrl());
    App other(m_server.baseUrl()); // another device
    {
        const auto result = signIn(app, email, kPassword);
        SHOP_VERIFY_OK(result);
    }
    {
        const auto result = signIn(other, email, kPassword);
        SHOP_VERIFY_OK(result);
    }
    const QByteArray oldCookie = app.session.refreshCookie();

    CallWaiter<void> waiter;
    app.account.changePassword(kPassword, QStringLiteral("the new long password"), nullptr,
                               waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(m_server.passwordOf(email), QStringLiteral("the new long password"));
    QVERIFY(app.session.refreshCookie() != oldCookie);
    // This client goes on with the fresh session, also after its access token expires...
    m_server.expireAccessTokens();
    {
        const auto result = me(app);
        SHOP_VERIFY_OK(result);
    }
    // ...while the other device's session has ended.
    QSignalSpy expired(&other.session, &AuthSession::sessionExpired);
    QVERIFY(!me(other));
    QCOMPARE(expired.count(), 1);
}

// The password changed on the server, which answered with a new session, but the user signed out
// before the answer came: the new session is not kept (no cookie, not signed in) and is revoked.
void TestAuthSession::signOutWinsOverAPasswordChangeInFlight()
{
    using namespace std::chrono_literals;
    const QString email = QStringLiteral("late.changer@example.com");
    m_server.addUser(email, kPassword);
    const int live = m_server.liveRefreshTokens();
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, email, kPassword);
        SHOP_VERIFY_OK(result);
    }
    m_server.delayPasswordChanges(1000ms);
    const auto undelay = qScopeGuard([this] { m_server.delayPasswordChanges(0ms); });
    const int logouts = m_server.stats().logouts;

    CallWaiter<void> waiter;
    app.account.changePassword(kPassword, QStringLiteral("the new long password"), nullptr,
                               waiter.callback());
    QTRY_COMPARE(m_server.passwordOf(email), QStringLiteral("the new long password"));
    app.session.signOut();
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result); // the password did change
    QVERIFY(!app.session.isSignedIn());
    QVERIFY(app.session.refreshCookie().isEmpty());
    // The sign-out's own call, then the revocation of the session the late answer granted.
    QTRY_COMPARE(m_server.stats().logouts, logouts + 2);
    QCOMPARE(m_server.liveRefreshTokens(), live);
}

void TestAuthSession::wrongCurrentPasswordIsAFieldError()
{
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, kEmail, kPassword);
        SHOP_VERIFY_OK(result);
    }
    CallWaiter<void> waiter;
    app.account.changePassword(QStringLiteral("not my password"),
                               QStringLiteral("the new long password"), nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    const Error &error = waiter.result->error();
    QCOMPARE(error.code, ErrorCode::Validation);
    QCOMPARE(error.fieldErrors.first().field, QStringLiteral("current_password"));
    QCOMPARE(UserMessages::fieldError(error.fieldErrors.first()),
             QStringLiteral("The current password is wrong."));
    QVERIFY(app.session.isSignedIn());
}

void TestAuthSession::addressBook()
{
    const QString email = QStringLiteral("addresses@example.com");
    m_server.addUser(email, kPassword);
    App app(m_server.baseUrl());
    {
        const auto result = signIn(app, email, kPassword);
        SHOP_VERIFY_OK(result);
    }

    Address home;
    home.label = QStringLiteral("Home");
    home.recipientName = QStringLiteral("Ada Lovelace");
    home.line1 = QStringLiteral("12 St James's Square");
    home.city = QStringLiteral("London");
    home.postalCode = QStringLiteral("SW1Y 4JH");
    home.country = QStringLiteral("gb");
    CallWaiter<Address> added;
    app.account.addAddress(home, nullptr, added.callback());
    QVERIFY(added.wait());
    SHOP_VERIFY_OK(*added.result);
    const Address first = **added.result;
    QVERIFY(!first.id.isEmpty());
    QCOMPARE(first.country, QStringLiteral("GB"));
    QVERIFY(first.isDefault); // the first address becomes the default

    Address work = home;
    work.label = QStringLiteral("Work");
    work.line1 = QStringLiteral("1 Analytical Engine Road");
    work.isDefault = true; // moves the default
    CallWaiter<Address> added2;
    app.account.addAddress(work, nullptr, added2.callback());
    QVERIFY(added2.wait());
    SHOP_VERIFY_OK(*added2.result);
    const QString workId = (*added2.result)->id;

    CallWaiter<QList<Address>> list;
    app.account.addresses(nullptr, list.callback());
    QVERIFY(list.wait());
    SHOP_VERIFY_OK(*list.result);
    QCOMPARE((*list.result)->size(), 2);
    QCOMPARE((*list.result)->first().id, workId); // default first
    QVERIFY(!(*list.result)->last().isDefault);

    Address edited = first;
    edited.line2 = QStringLiteral("Flat 2");
    CallWaiter<Address> updated;
    app.account.updateAddress(edited, nullptr, updated.callback());
    QVERIFY(updated.wait());
    SHOP_VERIFY_OK(*updated.result);
    QCOMPARE((*updated.result)->line2, QStringLiteral("Flat 2"));

    Address missing;
    missing.label = QStringLiteral("Nowhere");
    CallWaiter<Address> invalid;
    app.account.addAddress(missing, nullptr, invalid.callback());
    QVERIFY(invalid.wait());
    QVERIFY(!*invalid.result);
    QCOMPARE(invalid.result->error().code, ErrorCode::Validation);
    QVERIFY(!invalid.result->error().fieldErrors.isEmpty());

    CallWaiter<void> removed;
    app.account.removeAddress(workId, nullptr, removed.callback());
    QVERIFY(removed.wait());
    SHOP_VERIFY_OK(*removed.result);
    QCOMPARE(m_server.addressCount(email), 1);

    CallWaiter<void> gone;
    app.account.removeAddress(workId, nullptr, gone.callback());
    QVERIFY(gone.wait());
    QVERIFY(!*gone.result);
    QCOMPARE(gone.result->error().code, ErrorCode::NotFound);
}

void TestAuthSession::knownFieldCodesAreTranslatedInOnePlace()
{
    const auto text = [](const QString &field, const QString &code) {
        return UserMessages::fieldError({field, QStringLiteral("server words"), code});
    };
    QCOMPARE(text(QStringLiteral("password"), QStringLiteral("too_short")),
             QStringLiteral("Too short: a password needs at least 12 characters."));
    QVERIFY(text(QStringLiteral("password"), QStringLiteral("too_common")).contains(u"common"));
    QVERIFY(text(QStringLiteral("password"), QStringLiteral("contains_email"))
                .contains(u"email address"));
    QVERIFY(text(QStringLiteral("email"), QStringLiteral("taken")).contains(u"already exists"));
    QCOMPARE(text(QStringLiteral("email"), QStringLiteral("invalid")),
             QStringLiteral("This is not a valid email address."));
    QCOMPARE(text(QStringLiteral("city"), QStringLiteral("required")), QStringLiteral("Required."));
    // Unknown codes: the server's message, as a sentence.
    QCOMPARE(text(QStringLiteral("city"), QStringLiteral("mystery")),
             QStringLiteral("server words."));
}

QTEST_GUILESS_MAIN(TestAuthSession)
#include "tst_authsession.moc"
