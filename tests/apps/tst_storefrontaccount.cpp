#include "accountflows.h"
#include "accountpage.h"
#include "client/authsession.h"
#include "client/secretstore.h"
#include "forgotpassworddialog.h"
#include "mainwindow.h"
#include "registerdialog.h"
#include "resetpassworddialog.h"
#include "signindialog.h"
#include "support/fakeaccountsserver.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Shop;
using namespace Shop::Storefront;
using Shop::Client::MemorySecretStore;
using Shop::Client::Settings;
using Shop::Tests::FakeAccountsServer;
using Shop::Widgets::AppContext;

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

template<typename T>
T *child(QWidget *parent, const QString &name)
{
    return parent->findChild<T *>(name);
}

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace

// The storefront's account screens against a fake accounts server on a real socket that speaks
// the accounts wire contract (tests/support/fakeaccountsserver): sign in, registration field
// errors at their fields, forgot and reset password (also from a shop:// link), the account page,
// and signing in again after the server ended the session without losing the page or what was
// typed. The catalog of the fake server is empty: browsing is not what is tested here.
class TestStorefrontAccount final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void catalogNeedsNoAccount();
    void signInFromTheAccountButton();
    void wrongPasswordIsSaid();
    void registrationShowsFieldErrorsAtTheFields();
    void registrationSignsIn();
    void endedSessionKeepsThePageAndWhatWasTyped();
    void forgotPasswordSaysAnEmailIsOnItsWay();
    void resetLinkOpensTheResetDialog();
    void addressBookOnTheAccountPage();
    void noKeychainIsSaidOnce();

private:
    SignInDialog *openSignIn();
    void signIn(const QString &email = kEmail, const QString &password = kPassword);

    QTemporaryDir m_dir;
    FakeAccountsServer m_server;
    MemorySecretStore *m_keychain = nullptr;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestStorefrontAccount::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_server.addUser(kEmail, kPassword);
}

void TestStorefrontAccount::init()
{
    auto keychain = std::make_unique<MemorySecretStore>();
    m_keychain = keychain.get();
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("storefront.ini"))),
        std::move(keychain));
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestStorefrontAccount::cleanup()
{
    m_window.reset();
    m_context.reset();
}

SignInDialog *TestStorefrontAccount::openSignIn()
{
    child<QAction>(m_window.get(), QStringLiteral("signInAction"))->trigger();
    SignInDialog *dialog = m_window->accountFlows()->signInDialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

void TestStorefrontAccount::signIn(const QString &email, const QString &password)
{
    SignInDialog *dialog = openSignIn();
    QVERIFY(dialog);
    type(dialog->form()->emailEdit(), email);
    type(dialog->form()->passwordEdit(), password);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->isSignedIn(), 10000);
    QTRY_VERIFY(!m_window->accountFlows()->signInDialog());
}

void TestStorefrontAccount::catalogNeedsNoAccount()
{
    QVERIFY(!m_context->session()->isSignedIn());
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Sign In"));
    m_window->showProducts();
    QTest::qWait(200);
    QVERIFY(!m_window->accountFlows()->signInDialog()); // nobody asked to sign in
    QCOMPARE(m_server.stats().bearerRefusals, 0);
}

void TestStorefrontAccount::signInFromTheAccountButton()
{
    signIn();
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Ada Lovelace"));
    QVERIFY(m_window->accountButton()->toolTip().contains(kEmail));
    QVERIFY(child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->isVisible());
    QVERIFY(!child<QAction>(m_window.get(), QStringLiteral("signInAction"))->isVisible());

    child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();
    QVERIFY(!m_context->session()->isSignedIn());
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Sign In"));
    QTRY_VERIFY(m_context->session()->refreshCookie().isEmpty());
}

void TestStorefrontAccount::wrongPasswordIsSaid()
{
    SignInDialog *dialog = openSignIn();
    QVERIFY(dialog);
    type(dialog->form()->emailEdit(), kEmail);
    type(dialog->form()->passwordEdit(), QStringLiteral("not the password"));
    QTest::keyClick(dialog->form()->passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->form()->message(),
                              QStringLiteral("The email address or the password is wrong."), 10000);
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_context->session()->isSignedIn());
    dialog->reject();
}

void TestStorefrontAccount::registrationShowsFieldErrorsAtTheFields()
{
    child<QAction>(m_window.get(), QStringLiteral("registerAction"))->trigger();
    auto *dialog = m_window->findChild<RegisterDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    type(child<QLineEdit>(dialog, QStringLiteral("firstName")), QStringLiteral("Grace"));
    type(child<QLineEdit>(dialog, QStringLiteral("lastName")), QStringLiteral("Hopper"));
    type(child<QLineEdit>(dialog, QStringLiteral("email")), QStringLiteral("grace@example.com"));
    type(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("short"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")), QStringLiteral("short"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("createAccount")), Qt::LeftButton);

    auto *passwordError = child<QLabel>(dialog, QStringLiteral("passwordError"));
    QVERIFY(passwordError);
    QTRY_COMPARE_WITH_TIMEOUT(passwordError->text(),
                              QStringLiteral("Too short: a password needs at least 12 characters."),
                              10000);
    QVERIFY(passwordError->isVisible());
    QVERIFY(!child<QLabel>(dialog, QStringLiteral("emailError"))->isVisible());

    // A common password: its own text; the repeated field is checked here first.
    type(child<QLineEdit>(dialog, QStringLiteral("password")), FakeAccountsServer::kCommonPassword);
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")), QStringLiteral("different"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("createAccount")), Qt::LeftButton);
    QCOMPARE(child<QLabel>(dialog, QStringLiteral("password_repeatError"))->text(),
             QStringLiteral("The two passwords differ."));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         FakeAccountsServer::kCommonPassword);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("createAccount")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(passwordError->text().contains(u"too common"), 10000);
    QVERIFY(!child<QLabel>(dialog, QStringLiteral("password_repeatError"))->isVisible());

    // A taken address: at the email field.
    type(child<QLineEdit>(dialog, QStringLiteral("email")), kEmail);
    type(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("long and unusual"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         QStringLiteral("long and unusual"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("createAccount")), Qt::LeftButton);
    auto *emailError = child<QLabel>(dialog, QStringLiteral("emailError"));
    QTRY_VERIFY_WITH_TIMEOUT(emailError->isVisible(), 10000);
    QVERIFY(emailError->text().contains(u"already exists"));
    QVERIFY(!passwordError->isVisible());
    QVERIFY(!m_context->session()->isSignedIn());
    dialog->reject();
}

void TestStorefrontAccount::registrationSignsIn()
{
    child<QAction>(m_window.get(), QStringLiteral("registerAction"))->trigger();
    auto *dialog = m_window->findChild<RegisterDialog *>();
    QVERIFY(dialog);
    type(child<QLineEdit>(dialog, QStringLiteral("firstName")), QStringLiteral("Katherine"));
    type(child<QLineEdit>(dialog, QStringLiteral("lastName")), QStringLiteral("Johnson"));
    type(child<QLineEdit>(dialog, QStringLiteral("email")), QStringLiteral("kj@example.com"));
    type(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("orbital mechanics"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         QStringLiteral("orbital mechanics"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("createAccount")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->isSignedIn(), 10000);
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Katherine Johnson"));
}

void TestStorefrontAccount::endedSessionKeepsThePageAndWhatWasTyped()
{
    signIn();
    child<QAction>(m_window.get(), QStringLiteral("myAccountAction"))->trigger();
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    auto *firstName = child<QLineEdit>(m_window->accountPage(), QStringLiteral("profileFirstName"));
    QTRY_COMPARE(firstName->text(), QStringLiteral("Ada"));
    type(firstName, QStringLiteral("Augusta Ada"));

    m_server.revokeAllSessions(); // e.g. the password was changed on another computer
    QTest::mouseClick(child<QPushButton>(m_window->accountPage(), QStringLiteral("saveProfile")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->accountFlows()->signInDialog(), 10000);
    SignInDialog *dialog = m_window->accountFlows()->signInDialog();
    QVERIFY(dialog->form()->message().contains(u"session has ended"));
    QCOMPARE(dialog->form()->email(), kEmail);
    // The page and the typed text are still there.
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    QCOMPARE(firstName->text(), QStringLiteral("Augusta Ada"));

    type(dialog->form()->passwordEdit(), kPassword);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->isSignedIn(), 10000);
    QCOMPARE(m_window->currentPage(), m_window->accountPage());
    QCOMPARE(firstName->text(), QStringLiteral("Augusta Ada"));
    QTest::mouseClick(child<QPushButton>(m_window->accountPage(), QStringLiteral("saveProfile")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_context->session()->user()->firstName,
                              QStringLiteral("Augusta Ada"), 10000);
    QCOMPARE(m_window->accountButton()->text(), QStringLiteral("Augusta Ada Lovelace"));
    // Back to the name the other tests expect.
    type(firstName, QStringLiteral("Ada"));
    QTest::mouseClick(child<QPushButton>(m_window->accountPage(), QStringLiteral("saveProfile")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_context->session()->user()->firstName, QStringLiteral("Ada"),
                              10000);
}

void TestStorefrontAccount::forgotPasswordSaysAnEmailIsOnItsWay()
{
    SignInDialog *dialog = openSignIn();
    QVERIFY(dialog);
    type(dialog->form()->emailEdit(), QStringLiteral("someone@example.com"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("forgotPassword")), Qt::LeftButton);
    ForgotPasswordDialog *forgot = nullptr;
    QTRY_VERIFY((forgot = m_window->findChild<ForgotPasswordDialog *>()));
    QCOMPARE(child<QLineEdit>(forgot, QStringLiteral("email"))->text(),
             QStringLiteral("someone@example.com"));
    QTest::mouseClick(child<QPushButton>(forgot, QStringLiteral("sendResetLink")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(forgot->isSent(), 10000);
    QVERIFY(forgot->message().startsWith(
        QStringLiteral("If the address is registered, an email is on its way.")));
    QCOMPARE(m_server.stats().forgotPasswordEmails.last(), QStringLiteral("someone@example.com"));
    forgot->reject();
}

void TestStorefrontAccount::resetLinkOpensTheResetDialog()
{
    const QString email = QStringLiteral("reset@example.com");
    m_server.addUser(email, kPassword);
    const QString token = m_server.issueResetToken(email);
    QCOMPARE(
        ResetPasswordDialog::tokenFromUrl(QUrl(QStringLiteral("https://x.test/other?token=a"))),
        QString());
    QVERIFY(m_window->accountFlows()->openUrl(
        QUrl(QStringLiteral("shop://reset-password?token=") + token)));
    ResetPasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ResetPasswordDialog *>()));
    QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("token"))->text(), token);
    type(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("my new password"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         QStringLiteral("my new password"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("savePassword")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.passwordOf(email), QStringLiteral("my new password"), 10000);
    // Then sign in with it.
    QTRY_VERIFY(m_window->accountFlows()->signInDialog());
    QVERIFY(m_window->accountFlows()->signInDialog()->form()->message().contains(u"changed"));
    m_window->accountFlows()->signInDialog()->reject();

    // The same code a second time: said at the code field.
    QVERIFY(m_window->accountFlows()->openUrl(
        QUrl(QStringLiteral("shop://reset-password?token=") + token)));
    QTRY_VERIFY((dialog = m_window->findChild<ResetPasswordDialog *>()));
    type(child<QLineEdit>(dialog, QStringLiteral("password")), QStringLiteral("another password"));
    type(child<QLineEdit>(dialog, QStringLiteral("repeatPassword")),
         QStringLiteral("another password"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("savePassword")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->fieldErrors().text(QStringLiteral("token")).contains(u"expired"), 10000);
    dialog->reject();
}

void TestStorefrontAccount::addressBookOnTheAccountPage()
{
    signIn();
    m_window->showAccount();
    AccountPage *page = m_window->accountPage();
    QTest::mouseClick(child<QPushButton>(page, QStringLiteral("addAddress")), Qt::LeftButton);
    QWidget *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<QDialog *>(QStringLiteral("addressDialog"))));
    type(child<QLineEdit>(dialog, QStringLiteral("label")), QStringLiteral("Home"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("saveAddress")), Qt::LeftButton);
    // Missing fields: at the fields.
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, QStringLiteral("line1Error"))->isVisible(),
                             10000);
    QCOMPARE(child<QLabel>(dialog, QStringLiteral("cityError"))->text(),
             QStringLiteral("Required."));
    type(child<QLineEdit>(dialog, QStringLiteral("line1")), QStringLiteral("12 St James's Square"));
    type(child<QLineEdit>(dialog, QStringLiteral("city")), QStringLiteral("London"));
    type(child<QLineEdit>(dialog, QStringLiteral("postal_code")), QStringLiteral("SW1Y 4JH"));
    type(child<QLineEdit>(dialog, QStringLiteral("country")), QStringLiteral("gb"));
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("saveAddress")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->addresses().size(), 1, 10000);
    QVERIFY(page->addresses().first().isDefault);
    QCOMPARE(page->addresses().first().country, QStringLiteral("GB"));
    QVERIFY(page->addressList()->item(0)->text().contains(u"(default)"));
    QCOMPARE(m_server.addressCount(kEmail), 1);

    page->addressList()->setCurrentRow(0);
    page->removeAddress(0);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = page->findChild<QMessageBox *>(QStringLiteral("confirmDeleteAddress"))));
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->addresses().size(), 0, 10000);
    QCOMPARE(m_server.addressCount(kEmail), 0);
}

void TestStorefrontAccount::noKeychainIsSaidOnce()
{
    m_keychain->setAvailable(false);
    SignInDialog *dialog = openSignIn();
    QVERIFY(dialog);
    QVERIFY(dialog->form()->rememberBox()->isEnabled());
    dialog->form()->rememberBox()->setChecked(true);
    type(dialog->form()->emailEdit(), kEmail);
    type(dialog->form()->passwordEdit(), kPassword);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->isSignedIn(), 10000);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"keychain"));
    QVERIFY(!m_context->session()->remembered());
    // The next sign-in dialog says it up front and offers no "remember me".
    child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();
    dialog = openSignIn();
    QVERIFY(!dialog->form()->rememberBox()->isEnabled());
    QVERIFY(child<QLabel>(dialog, QStringLiteral("rememberMeNote"))->isVisible());
    dialog->reject();
}

QTEST_MAIN(TestStorefrontAccount)
#include "tst_storefrontaccount.moc"
