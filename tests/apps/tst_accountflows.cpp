#include "accountflows.h"
#include "accountpage.h"
#include "client/adminusersclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/secretstore.h"
#include "forgotpassworddialog.h"
#include "mainwindow.h"
#include "registerdialog.h"
#include "resetpassworddialog.h"
#include "signindialog.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Shop;
using namespace Shop::Storefront;
using Shop::Client::MemorySecretStore;
using Shop::Client::Settings;
using Shop::Tests::ExternalServer;
using Shop::Widgets::AppContext;

namespace {

// The demo accounts of `shop-server seed-demo` (README.md).
const QString kAdminEmail = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
const QString kAda = QStringLiteral("ada@shop.example");
const QString kAlan = QStringLiteral("alan@shop.example");
const QString kCustomerPassword = QStringLiteral("demo-customer-passphrase");

// A loaded 2-core machine hashes Argon2id passwords and runs the mail jobs slowly: generous.
constexpr int kTimeout = 30000;

// Set through ExternalServer::Options::environment: every email carries it.
const QString kStoreName = QStringLiteral("Corner Shop");

const QString kWrongPassword = QStringLiteral("The email address or the password is wrong.");

template<typename T>
T *child(QObject *parent, const QString &name)
{
    return parent->findChild<T *>(name);
}

// What a dialog says, for failure messages; the dialogs delete themselves when they close.
QString said(const QPointer<SignInDialog> &dialog)
{
    return dialog ? dialog->form()->message() : QString();
}

QString said(const QPointer<RegisterDialog> &dialog)
{
    return dialog ? dialog->message() : QString();
}

// The error of a result, for failure messages (QVERIFY2 evaluates its message either way).
template<typename T>
QByteArray errorOf(const std::optional<Result<T>> &result)
{
    return result && !result->has_value() ? result->error().message.toLocal8Bit() : QByteArray();
}

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

void click(QObject *parent, const QString &button)
{
    auto *b = child<QPushButton>(parent, button);
    QVERIFY2(b, qPrintable(button));
    QTest::mouseClick(b, Qt::LeftButton);
}

} // namespace

// The storefront's account screens against the REAL shop-server on a fresh seeded database, its
// mail going to a REAL shop-sandbox (tests/support/externalserver, Options::sandbox): signing in
// and out, the server's registration errors at their fields, the welcome email, a password reset
// with the code from the email in the sandbox inbox, and an admin deactivating a customer whose
// storefront session then ends (she is asked to sign in again on the page she was on, with what
// she typed). tst_storefrontaccount covers the same screens against a fake server in detail.
class TestAccountFlows final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signInShowsTheCustomerAndSignOutEndsTheSession();
    void wrongPasswordIsRefusedInTheDialog();
    void registrationErrorsAtTheFields_data();
    void registrationErrorsAtTheFields();
    void registrationSignsInAndSendsTheWelcomeEmail();
    void passwordResetWithTheCodeFromTheEmail();
    void forgotPasswordSaysTheSameForAnUnknownAddress();
    void deactivatedCustomerIsSignedOutAndKeepsHerPage();

private:
    SignInDialog *openSignIn();
    void signIn(const QString &email, const QString &password);
    // The newest inbox message to `address` whose subject contains `subject`, or empty.
    [[nodiscard]] QJsonObject message(const QString &address, const QString &subject);
    [[nodiscard]] int liveSessions(const QString &email);
    // Asks for a reset email through the sign-in and forgot-password dialogs; what they say.
    [[nodiscard]] QString requestReset(const QString &email);
    // GET `path` with the storefront session's bearer token, outside its ApiClient (no refresh).
    [[nodiscard]] int statusWithStorefrontToken(const QString &path);

    QTemporaryDir m_dir;
    ExternalServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestAccountFlows::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    ExternalServer::Options options;
    options.sandbox = true;
    options.environment.insert(QStringLiteral("SHOP_STORE_NAME"), kStoreName);
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    QVERIFY(m_server.sandboxUrl().isValid());
    QCOMPARE(m_server.sandboxMessages().size(), 0);
}

void TestAccountFlows::init()
{
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("storefront.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestAccountFlows::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
        qWarning("shop-sandbox log (end):\n%s", m_server.sandboxLog().right(2000).constData());
    }
    m_window.reset();
    m_context.reset();
}

SignInDialog *TestAccountFlows::openSignIn()
{
    child<QAction>(m_window.get(), QStringLiteral("signInAction"))->trigger();
    SignInDialog *dialog = m_window->accountFlows()->signInDialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

void TestAccountFlows::signIn(const QString &email, const QString &password)
{
    QPointer<SignInDialog> dialog = openSignIn();
    QVERIFY(dialog);
    type(dialog->form()->emailEdit(), email);
    type(dialog->form()->passwordEdit(), password);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_context->session()->isSignedIn(), qPrintable(said(dialog)),
                              kTimeout);
    QTRY_VERIFY(!m_window->accountFlows()->signInDialog());
}

QJsonObject TestAccountFlows::message(const QString &address, const QString &subject)
{
    const QJsonArray messages = m_server.sandboxMessages();
    for (const QJsonValue &value : messages) {
        const QJsonObject m = value.toObject();
        const QJsonArray to = m.value(QStringLiteral("to")).toArray();
        if (to.contains(address)
            && m.value(QStringLiteral("subject")).toString().contains(subject)) {
            return m;
        }
    }
    return {};
}

int TestAccountFlows::liveSessions(const QString &email)
{
    const QVariant count = m_server.queryValue(
        QStringLiteral("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id "
                       "WHERE u.email = ? AND s.revoked_at IS NULL"),
        {email});
    return count.isValid() ? count.toInt() : -1;
}

QString TestAccountFlows::requestReset(const QString &email)
{
    SignInDialog *signInDialog = openSignIn();
    if (!signInDialog) {
        return QStringLiteral("no sign-in dialog");
    }
    type(signInDialog->form()->emailEdit(), email);
    QTest::mouseClick(child<QPushButton>(signInDialog, QStringLiteral("forgotPassword")),
                      Qt::LeftButton);
    ForgotPasswordDialog *forgot = nullptr;
    if (!QTest::qWaitFor([&] { return (forgot = m_window->findChild<ForgotPasswordDialog *>()); },
                         kTimeout)) {
        return QStringLiteral("no forgot-password dialog");
    }
    if (child<QLineEdit>(forgot, QStringLiteral("email"))->text() != email) {
        return QStringLiteral("the address was not carried over");
    }
    QTest::mouseClick(child<QPushButton>(forgot, QStringLiteral("sendResetLink")), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return forgot->isSent(); }, kTimeout)) {
        return QStringLiteral("not sent: ") + forgot->message();
    }
    return forgot->message();
}

int TestAccountFlows::statusWithStorefrontToken(const QString &path)
{
    QUrl url = m_server.baseUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    m_context->session()->authorize(request);
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

void TestAccountFlows::signInShowsTheCustomerAndSignOutEndsTheSession()
{
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Sign In"));
    signIn(kAda, kCustomerPassword);
    QCOMPARE(m_context->session()->user()->email, kAda);
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Ada Lovelace"));
    QVERIFY(m_window->accountButton()->toolTip().contains(kAda));
    QVERIFY(child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->isVisible());
    QVERIFY(!child<QAction>(m_window.get(), QStringLiteral("signInAction"))->isVisible());
    // The account page shows her profile as the server has it.
    child<QAction>(m_window.get(), QStringLiteral("myAccountAction"))->trigger();
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    QTRY_COMPARE(
        child<QLineEdit>(m_window->accountPage(), QStringLiteral("profileFirstName"))->text(),
        QStringLiteral("Ada"));
    QCOMPARE(child<QLabel>(m_window->accountPage(), QStringLiteral("profileEmail"))->text(), kAda);
    // The refresh token is a cookie the server set; the access token works on the server.
    QVERIFY(!m_context->session()->refreshCookie().isEmpty());
    QCOMPARE(statusWithStorefrontToken(QStringLiteral("/api/users/me")), 200);
    QCOMPARE(liveSessions(kAda), 1);

    child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();
    QVERIFY(!m_context->session()->isSignedIn());
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Sign In"));
    // Signing out ended the session on the server, not only in the app; the server's answer
    // cleared the cookie.
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->refreshCookie().isEmpty(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(liveSessions(kAda), 0, kTimeout);
}

void TestAccountFlows::wrongPasswordIsRefusedInTheDialog()
{
    SignInDialog *dialog = openSignIn();
    QVERIFY(dialog);
    type(dialog->form()->emailEdit(), kAda);
    type(dialog->form()->passwordEdit(), QStringLiteral("not her passphrase at all"));
    QTest::keyClick(dialog->form()->passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->form()->message(), kWrongPassword, kTimeout);
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_context->session()->isSignedIn());
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Sign In"));
    QCOMPARE(liveSessions(kAda), 0);

    // An unknown address gets the same words (no account enumeration).
    type(dialog->form()->emailEdit(), QStringLiteral("nobody@shop.example"));
    type(dialog->form()->passwordEdit(), QStringLiteral("not her passphrase at all"));
    dialog->form()->setMessage(QString());
    QTest::keyClick(dialog->form()->passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->form()->message(), kWrongPassword, kTimeout);
    dialog->reject();
}

void TestAccountFlows::registrationErrorsAtTheFields_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("error");

    const QString good = QStringLiteral("lantern quietly over the harbour");
    QTest::newRow("taken address")
        << kAda << good << QStringLiteral("email")
        << QStringLiteral("An account with this email address already exists. Sign in instead, "
                          "or reset the password.");
    QTest::newRow("short password")
        << QStringLiteral("newcomer@shop.example") << QStringLiteral("short")
        << QStringLiteral("password")
        << QStringLiteral("Too short: a password needs at least 12 characters.");
    QTest::newRow("common password")
        << QStringLiteral("newcomer@shop.example") << QStringLiteral("password1234")
        << QStringLiteral("password")
        << QStringLiteral("This password is too common. Choose one that is harder to guess.");
    QTest::newRow("invalid email")
        << QStringLiteral("newcomer.shop.example") << good << QStringLiteral("email")
        << QStringLiteral("This is not a valid email address.");
}

void TestAccountFlows::registrationErrorsAtTheFields()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, field);
    QFETCH(QString, error);

    child<QAction>(m_window.get(), QStringLiteral("registerAction"))->trigger();
    RegisterDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<RegisterDialog *>()));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    type(child<QLineEdit>(dialog, QStringLiteral("firstName")), QStringLiteral("Nina"));
    type(child<QLineEdit>(dialog, QStringLiteral("lastName")), QStringLiteral("Newcomer"));
    type(child<QLineEdit>(dialog, QStringLiteral("email")), email);
    type(child<QLineEdit>(dialog, QStringLiteral("password")), password);
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")), password);
    click(dialog, QStringLiteral("createAccount"));

    auto *label = child<QLabel>(dialog, field + QStringLiteral("Error"));
    QVERIFY(label);
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), error, kTimeout);
    QVERIFY(label->isVisible());
    QCOMPARE(dialog->fieldErrors().text(field), error);
    // Only at that field, and nothing said in general.
    const QString other =
        field == QLatin1String("email") ? QStringLiteral("password") : QStringLiteral("email");
    QVERIFY2(dialog->fieldErrors().text(other).isEmpty(),
             qPrintable(dialog->fieldErrors().text(other)));
    QVERIFY(!child<QLabel>(dialog, other + QStringLiteral("Error"))->isVisible());
    QVERIFY2(dialog->message().isEmpty(), qPrintable(dialog->message()));
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_context->session()->isSignedIn());
    // No account was made for the refused registration.
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("SELECT count(*) FROM users WHERE email = ?"),
                             {QStringLiteral("newcomer@shop.example")})
                 .toInt(),
             0);
    dialog->reject();
}

void TestAccountFlows::registrationSignsInAndSendsTheWelcomeEmail()
{
    const QString email = QStringLiteral("katherine@shop.example");
    child<QAction>(m_window.get(), QStringLiteral("registerAction"))->trigger();
    QPointer<RegisterDialog> dialog;
    QTRY_VERIFY((dialog = m_window->findChild<RegisterDialog *>()));
    type(child<QLineEdit>(dialog, QStringLiteral("firstName")), QStringLiteral("Katherine"));
    type(child<QLineEdit>(dialog, QStringLiteral("lastName")), QStringLiteral("Johnson"));
    type(child<QLineEdit>(dialog, QStringLiteral("email")), email);
    type(child<QLineEdit>(dialog, QStringLiteral("password")),
         QStringLiteral("orbital mechanics by hand"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         QStringLiteral("orbital mechanics by hand"));
    click(dialog, QStringLiteral("createAccount"));
    QTRY_VERIFY2_WITH_TIMEOUT(m_context->session()->isSignedIn(), qPrintable(said(dialog)),
                              kTimeout);
    QCOMPARE(m_context->session()->user()->email, email);
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Katherine Johnson"));
    QTRY_VERIFY(!m_window->findChild<RegisterDialog *>());

    // The welcome email went through the job system to the sandbox, to that address only.
    QJsonObject welcome;
    QTRY_VERIFY2_WITH_TIMEOUT(!(welcome = message(email, QStringLiteral("Welcome"))).isEmpty(),
                              qPrintable(m_server.errorString()), kTimeout);
    QCOMPARE(welcome.value(QStringLiteral("to")).toArray(), QJsonArray {email});
    QCOMPARE(welcome.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Welcome to Corner Shop, Katherine Johnson"));
    QVERIFY(welcome.value(QStringLiteral("text")).toString().contains(u"shop://"));

    child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();
    QVERIFY(!m_context->session()->isSignedIn());
    // The new password works from a fresh sign-in.
    signIn(email, QStringLiteral("orbital mechanics by hand"));
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Katherine Johnson"));
}

void TestAccountFlows::passwordResetWithTheCodeFromTheEmail()
{
    const QString newPassword = QStringLiteral("enigma rotors in the morning");
    const QString answer = requestReset(kAlan);
    QVERIFY2(answer.startsWith(u"If the address is registered, an email is on its way."),
             qPrintable(answer));
    ForgotPasswordDialog *forgot = m_window->findChild<ForgotPasswordDialog *>();
    QVERIFY(forgot);

    // The reset email arrives in the sandbox inbox with a shop:// link that carries the code.
    QJsonObject reset;
    QTRY_VERIFY2_WITH_TIMEOUT(!(reset = message(kAlan, QStringLiteral("Reset"))).isEmpty(),
                              qPrintable(m_server.errorString()), kTimeout);
    const QString text = reset.value(QStringLiteral("text")).toString();
    static const QRegularExpression link(QStringLiteral("shop://reset-password\\?token=\\S+"));
    const QRegularExpressionMatch match = link.match(text);
    QVERIFY2(match.hasMatch(), "no reset link in the email's text");
    const QString token = ResetPasswordDialog::tokenFromUrl(QUrl(match.captured(0)));
    QVERIFY(token.size() >= 20);
    QVERIFY(reset.value(QStringLiteral("html")).toString().contains(token));

    // "Enter the code" leads to the reset dialog, where the code is pasted.
    click(forgot, QStringLiteral("enterResetCode"));
    ResetPasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ResetPasswordDialog *>()));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *tokenEdit = child<QLineEdit>(dialog, QStringLiteral("token"));
    tokenEdit->clear();
    tokenEdit->insert(token); // pasted
    // The server's password rules apply, at the password field.
    type(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("too short"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")), QStringLiteral("too short"));
    click(dialog, QStringLiteral("savePassword"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->fieldErrors().text(QStringLiteral("password")),
                              QStringLiteral("Too short: a password needs at least 12 characters."),
                              kTimeout);
    QVERIFY(dialog->isVisible());
    type(child<QLineEdit>(dialog, QStringLiteral("password")), newPassword);
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")), newPassword);
    click(dialog, QStringLiteral("savePassword"));

    // Then the sign-in dialog asks for the new password.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<ResetPasswordDialog *>(), kTimeout);
    QTRY_VERIFY(m_window->accountFlows()->signInDialog());
    QPointer<SignInDialog> signInDialog = m_window->accountFlows()->signInDialog();
    QVERIFY2(signInDialog->form()->message().contains(u"changed"),
             qPrintable(signInDialog->form()->message()));
    // The old password is refused ...
    type(signInDialog->form()->emailEdit(), kAlan);
    type(signInDialog->form()->passwordEdit(), kCustomerPassword);
    QTest::mouseClick(signInDialog->form()->signInButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(signInDialog->form()->message(), kWrongPassword, kTimeout);
    QVERIFY(!m_context->session()->isSignedIn());
    // ... the new one signs in.
    type(signInDialog->form()->passwordEdit(), newPassword);
    QTest::mouseClick(signInDialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_context->session()->isSignedIn(), qPrintable(said(signInDialog)),
                              kTimeout);
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Alan Turing"));
    child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();

    // The code works once.
    QVERIFY(m_window->accountFlows()->openUrl(QUrl(match.captured(0))));
    QTRY_VERIFY((dialog = m_window->findChild<ResetPasswordDialog *>()));
    QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("token"))->text(), token);
    type(child<QLineEdit>(dialog, QStringLiteral("password")),
         QStringLiteral("a third passphrase"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         QStringLiteral("a third passphrase"));
    click(dialog, QStringLiteral("savePassword"));
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->fieldErrors().text(QStringLiteral("token")).contains(u"unknown, used or expired"),
        kTimeout);
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

void TestAccountFlows::forgotPasswordSaysTheSameForAnUnknownAddress()
{
    const QString nobody = QStringLiteral("nobody@shop.example");
    const QString emmy = QStringLiteral("emmy@shop.example");
    QVERIFY2(m_server.clearSandboxInbox(), qPrintable(m_server.errorString()));
    QCOMPARE(m_server.sandboxMessages().size(), 0);
    const QString forNobody = requestReset(nobody);
    QVERIFY2(forNobody.startsWith(u"If the address is registered"), qPrintable(forNobody));
    m_window->findChild<ForgotPasswordDialog *>()->reject();
    QTRY_VERIFY(!m_window->findChild<ForgotPasswordDialog *>());
    QCOMPARE(requestReset(emmy), forNobody);
    m_window->findChild<ForgotPasswordDialog *>()->reject();

    // Emmy gets her email (in German, her language); the mail job for the unknown address ends
    // without one.
    QJsonObject reset;
    QTRY_VERIFY2_WITH_TIMEOUT(
        !(reset = message(emmy, QStringLiteral("Passwort bei Corner Shop"))).isEmpty(),
        qPrintable(m_server.errorString()), kTimeout);
    QVERIFY2(reset.value(QStringLiteral("text")).toString().contains(u"shop://reset-password"),
             qPrintable(reset.value(QStringLiteral("subject")).toString()));
    const QString job =
        QStringLiteral("SELECT state FROM jobs WHERE unique_key = 'password_reset:' || ?");
    QTRY_COMPARE_WITH_TIMEOUT(m_server.queryValue(job, {nobody}).toString(), QStringLiteral("done"),
                              kTimeout);
    QCOMPARE(m_server.queryValue(job, {emmy}).toString(), QStringLiteral("done"));
    for (const QJsonValue &value : m_server.sandboxMessages()) {
        QVERIFY(!value.toObject().value(QStringLiteral("to")).toArray().contains(nobody));
    }
}

void TestAccountFlows::deactivatedCustomerIsSignedOutAndKeepsHerPage()
{
    signIn(kAda, kCustomerPassword);
    child<QAction>(m_window.get(), QStringLiteral("myAccountAction"))->trigger();
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    auto *firstName = child<QLineEdit>(m_window->accountPage(), QStringLiteral("profileFirstName"));
    QTRY_COMPARE(firstName->text(), QStringLiteral("Ada"));
    type(firstName, QStringLiteral("Augusta Ada"));

    // The admin, in a console of her own (its own client, session and cookie jar), deactivates
    // Ada through the admin API.
    Client::ApiClient adminApi;
    adminApi.setBaseUrl(m_server.baseUrl());
    Client::AuthSession adminSession(&adminApi, nullptr);
    Client::AdminUsersClient admin(&adminApi);
    std::optional<Result<Client::User>> signedIn;
    adminSession.signIn(kAdminEmail, kAdminPassword, false, this,
                        [&](Result<Client::User> user) { signedIn = std::move(user); });
    QTRY_VERIFY_WITH_TIMEOUT(signedIn.has_value(), kTimeout);
    QVERIFY2(signedIn->has_value(), errorOf(signedIn).constData());
    QVERIFY((*signedIn)->isAdmin());

    Client::UserFilter filter;
    filter.search = kAda;
    std::optional<Result<Page<Client::User>>> found;
    admin.users(filter, this, [&](Result<Page<Client::User>> page) { found = std::move(page); });
    QTRY_VERIFY_WITH_TIMEOUT(found.has_value(), kTimeout);
    QVERIFY2(found->has_value(), errorOf(found).constData());
    QCOMPARE((*found)->items.size(), 1);
    const QString adaId = (*found)->items.first().id;
    QCOMPARE(adaId, m_context->session()->user()->id);

    auto setActive = [&](bool active) {
        std::optional<Result<Client::User>> changed;
        admin.setActive(adaId, active, this,
                        [&](Result<Client::User> user) { changed = std::move(user); });
        QTRY_VERIFY_WITH_TIMEOUT(changed.has_value(), kTimeout);
        QVERIFY2(changed->has_value(), errorOf(changed).constData());
        QCOMPARE((*changed)->isActive, active);
    };
    setActive(false);
    if (QTest::currentTestFailed()) {
        return;
    }
    // Her sessions are revoked in the database, and her access token is refused at once by the
    // server's revocation set (told by NOTIFY; a route that does not read the user row).
    QCOMPARE(liveSessions(kAda), 0);
    QTRY_COMPARE_WITH_TIMEOUT(statusWithStorefrontToken(QStringLiteral("/api/users/me/addresses")),
                              401, kTimeout);
    // The storefront still believes it is signed in: nothing told it yet.
    QVERIFY(m_context->session()->isSignedIn());

    // Her next step: the access token is refused, the refresh too, and the storefront signs her
    // out and asks her to sign in again, over the page she was on, with what she typed.
    click(m_window->accountPage(), QStringLiteral("saveProfile"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->accountFlows()->signInDialog(), kTimeout);
    QPointer<SignInDialog> dialog = m_window->accountFlows()->signInDialog();
    QVERIFY2(dialog->form()->message().contains(u"session has ended"),
             qPrintable(dialog->form()->message()));
    QCOMPARE(dialog->form()->email(), kAda);
    QVERIFY(!m_context->session()->isSignedIn());
    QVERIFY(m_context->session()->refreshCookie().isEmpty());
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Sign In"));
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    QCOMPARE(firstName->text(), QStringLiteral("Augusta Ada"));
    QTRY_VERIFY(child<QLabel>(m_window->accountPage(), QStringLiteral("accountStatus"))
                    ->text()
                    .contains(u"what you typed is still here"));

    // While deactivated she cannot sign in, and is told why.
    type(dialog->form()->passwordEdit(), kCustomerPassword);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->form()->message().contains(u"deactivated"), kTimeout);
    QVERIFY(!m_context->session()->isSignedIn());
    QVERIFY(dialog->isVisible());

    // Once the admin activates her again, she signs in and goes on where she was.
    setActive(true);
    if (QTest::currentTestFailed()) {
        return;
    }
    type(dialog->form()->passwordEdit(), kCustomerPassword);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_context->session()->isSignedIn(), qPrintable(said(dialog)),
                              kTimeout);
    QTRY_VERIFY(!m_window->accountFlows()->signInDialog());
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    QCOMPARE(firstName->text(), QStringLiteral("Augusta Ada"));
    click(m_window->accountPage(), QStringLiteral("saveProfile"));
    QTRY_COMPARE_WITH_TIMEOUT(m_context->session()->user()->firstName,
                              QStringLiteral("Augusta Ada"), kTimeout);
    QCOMPARE(
        m_server.queryValue(QStringLiteral("SELECT first_name FROM users WHERE email = ?"), {kAda})
            .toString(),
        QStringLiteral("Augusta Ada"));
}

QTEST_MAIN(TestAccountFlows)
#include "tst_accountflows.moc"
