#include "callwaiter.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/keychain/keychainsecretstore.h"
#include "support/fakeaccountsserver.h"
#include "support/resultcheck.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Shop;
using namespace Shop::Client;
using Tests::CallWaiter;
using Tests::FakeAccountsServer;

namespace {

SecretStore::Outcome run(const std::function<void(SecretStore::Callback)> &call)
{
    std::optional<SecretStore::Outcome> outcome;
    call([&outcome](SecretStore::Outcome o) { outcome = std::move(o); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000)) {
        return {SecretStore::Status::Unavailable, {}, QStringLiteral("no answer in 30 s")};
    }
    return *outcome;
}

const QString kEmail = QStringLiteral("keeper@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

// The system keychain through QtKeychain. Two runs (tests/client/CMakeLists.txt):
// tst_keychain inside a private D-Bus session with an unlocked gnome-keyring (a real Secret
// Service; tests/client/with-secret-service), and tst_keychain_no_bus without any bus, where
// every keychain call must fail and the session must stay in memory.
class TestKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    // With the Secret Service:
    void storesReadsAndRemovesSecrets();
    void rememberedSessionSurvivesARestart();
    // Without a bus:
    void noKeychainMeansSessionOnly();

private:
    [[nodiscard]] bool haveBus() const { return !qEnvironmentVariableIsEmpty("SHOP_KEYRING_DIR"); }

    FakeAccountsServer m_server;
};

void TestKeychain::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_server.addUser(kEmail, kPassword);
}

void TestKeychain::storesReadsAndRemovesSecrets()
{
    if (!haveBus()) {
        // The no-bus run: the same calls must report the keychain unavailable.
        KeychainSecretStore store(QStringLiteral("shop-tests"));
        const auto outcome = run([&](auto done) { store.write(u"k"_qs, "v", done); });
        QCOMPARE(outcome.status, SecretStore::Status::Unavailable);
        QVERIFY(!outcome.error.isEmpty());
        return;
    }
    KeychainSecretStore store(QStringLiteral("shop-tests"));
    const QString key = QStringLiteral("refresh-token http://127.0.0.1:1/")
        + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray secret = "s3cr3t-\x01\xff-token";
    auto outcome = run([&](auto done) { store.read(key, done); });
    QCOMPARE(outcome.status, SecretStore::Status::NotFound);
    outcome = run([&](auto done) { store.write(key, secret, done); });
    QVERIFY2(outcome.status == SecretStore::Status::Ok, qPrintable(outcome.error));
    outcome = run([&](auto done) { store.read(key, done); });
    QCOMPARE(outcome.status, SecretStore::Status::Ok);
    QCOMPARE(outcome.value, secret);
    // A second store object (the next start of the app) sees it too.
    KeychainSecretStore later(QStringLiteral("shop-tests"));
    outcome = run([&](auto done) { later.read(key, done); });
    QCOMPARE(outcome.value, secret);
    outcome = run([&](auto done) { store.write(key, "rotated", done); });
    QCOMPARE(outcome.status, SecretStore::Status::Ok);
    outcome = run([&](auto done) { store.read(key, done); });
    QCOMPARE(outcome.value, QByteArray("rotated"));
    outcome = run([&](auto done) { store.remove(key, done); });
    QCOMPARE(outcome.status, SecretStore::Status::Ok);
    outcome = run([&](auto done) { store.read(key, done); });
    QCOMPARE(outcome.status, SecretStore::Status::NotFound);
}

void TestKeychain::rememberedSessionSurvivesARestart()
{
    if (!haveBus()) {
        return; // covered by noKeychainMeansSessionOnly in this run
    }
    QString userId;
    {
        KeychainSecretStore keychain(QStringLiteral("shop-tests"));
        ApiClient api;
        api.setBaseUrl(m_server.baseUrl());
        AuthSession session(&api, &keychain);
        QSignalSpy unavailable(&session, &AuthSession::keychainUnavailable);
        CallWaiter<User> waiter;
        session.signIn(kEmail, kPassword, true, nullptr, waiter.callback());
        QVERIFY(waiter.wait());
        SHOP_VERIFY_OK(*waiter.result);
        userId = (*waiter.result)->id;
        // Wait until the keychain holds the cookie.
        QTRY_VERIFY_WITH_TIMEOUT(
            run([&](auto done) { keychain.read(session.secretKey(), done); }).value
                == session.refreshCookie(),
            20000);
        QCOMPARE(unavailable.count(), 0);
        QVERIFY(session.remembered());
    }
    KeychainSecretStore keychain(QStringLiteral("shop-tests"));
    ApiClient api;
    api.setBaseUrl(m_server.baseUrl());
    AuthSession session(&api, &keychain);
    QSignalSpy restored(&session, &AuthSession::restoreFinished);
    session.restore();
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 20000);
    QCOMPARE(restored.first().first().toBool(), true);
    QCOMPARE(session.user()->id, userId);
    session.signOut();
    QTRY_COMPARE_WITH_TIMEOUT(
        run([&](auto done) { keychain.read(session.secretKey(), done); }).status,
        SecretStore::Status::NotFound, 20000);
}

void TestKeychain::noKeychainMeansSessionOnly()
{
    if (haveBus()) {
        return; // covered by the two functions above in this run
    }
    KeychainSecretStore keychain(QStringLiteral("shop-tests"));
    ApiClient api;
    api.setBaseUrl(m_server.baseUrl());
    AuthSession session(&api, &keychain);
    QSignalSpy unavailable(&session, &AuthSession::keychainUnavailable);
    QSignalSpy restored(&session, &AuthSession::restoreFinished);
    session.restore(); // nothing to restore: says so once
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 20000);
    QCOMPARE(restored.first().first().toBool(), false);
    QCOMPARE(unavailable.count(), 1);
    QVERIFY(!session.keychainAvailable());
    QVERIFY(!session.keychainError().isEmpty());

    CallWaiter<User> waiter;
    session.signIn(kEmail, kPassword, true, nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QVERIFY(session.isSignedIn());
    QVERIFY(!session.remembered());
    m_server.expireAccessTokens();
    CallWaiter<ApiResponse> me;
    api.send(ApiRequest::get(QStringLiteral("api/users/me")), nullptr, me.callback());
    QVERIFY(me.wait());
    SHOP_VERIFY_OK(*me.result); // the in-memory cookie refreshed the session
    QTest::qWait(100);
    QCOMPARE(unavailable.count(), 1);
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
