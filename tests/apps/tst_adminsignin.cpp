#include "adminwindow.h"
#include "client/authsession.h"
#include "client/secretstore.h"
#include "idlesignout.h"
#include "signinpage.h"
#include "support/fakeaccountsserver.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Admin;
using namespace std::chrono_literals;
using Shop::Client::MemorySecretStore;
using Shop::Client::Settings;
using Shop::Tests::FakeAccountsServer;
using Shop::Widgets::AppContext;

namespace {

const QString kAdmin = QStringLiteral("root@example.com");
const QString kCustomer = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

// The admin console's sign-in step against a fake accounts server on a real socket: only staff
// (role admin) get in, a customer is refused with a clear message and signed out on the server,
// the console shows who is signed in, signs out on request and after the idle time.
class TestAdminSignIn final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void consoleIsClosedUntilSignIn();
    void customerAccountIsRefused();
    void staffSignsInAndOut();
    void endedSessionClosesTheConsole();
    void idleTimeSignsOut();
    void inputKeepsTheConsoleOpen();
    void idleTimeIsASetting();

private:
    void signIn(const QString &email);

    QTemporaryDir m_dir;
    FakeAccountsServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminWindow> m_window;
};

void TestAdminSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_server.addUser(kAdmin, kPassword, QStringLiteral("admin"), QStringLiteral("Root"),
                     QStringLiteral("Admin"));
    m_server.addUser(kCustomer, kPassword);
}

void TestAdminSignIn::init()
{
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<AdminWindow>(*m_context);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestAdminSignIn::cleanup()
{
    m_window.reset();
    m_context.reset();
}

void TestAdminSignIn::signIn(const QString &email)
{
    Widgets::SignInForm *form = m_window->signInPage()->form();
    QVERIFY(form->isVisible());
    form->emailEdit()->clear();
    QTest::keyClicks(form->emailEdit(), email);
    form->passwordEdit()->clear();
    QTest::keyClicks(form->passwordEdit(), kPassword);
    QTest::keyClick(form->passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!form->isBusy(), 10000);
}

void TestAdminSignIn::consoleIsClosedUntilSignIn()
{
    QVERIFY(!m_window->isConsoleOpen());
    QVERIFY(m_window->signInPage()->isVisible());
    QVERIFY(!m_window->sectionWidget(AdminWindow::ProductsSection)->isVisible());
    QCOMPARE(m_window->signedInText(), QStringLiteral("Not signed in"));
    // No "remember me" and no "forgot password" for staff.
    QVERIFY(!m_window->signInPage()->form()->rememberBox());
}

void TestAdminSignIn::customerAccountIsRefused()
{
    const int logouts = m_server.stats().logouts;
    signIn(kCustomer);
    QTRY_COMPARE(m_window->signInPage()->form()->message(),
                 QStringLiteral("This account is not a staff account. Sign in with an "
                                "administrator's account."));
    QVERIFY(!m_window->isConsoleOpen());
    QVERIFY(m_window->signInPage()->isVisible());
    QVERIFY(!m_context->session()->isSignedIn());
    // Also ended on the server.
    QTRY_COMPARE_WITH_TIMEOUT(m_server.stats().logouts, logouts + 1, 10000);
    QCOMPARE(m_window->signedInText(), QStringLiteral("Not signed in"));
}

void TestAdminSignIn::staffSignsInAndOut()
{
    signIn(kAdmin);
    QTRY_VERIFY(m_window->isConsoleOpen());
    QVERIFY(m_window->sectionWidget(AdminWindow::ProductsSection)->isVisible());
    QCOMPARE(m_window->signedInText(), QStringLiteral("Signed in as Root Admin (%1)").arg(kAdmin));
    QVERIFY(m_window->idleSignOut()->isActive());

    m_window->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    QVERIFY(!m_window->isConsoleOpen());
    QVERIFY(m_window->signInPage()->isVisible());
    QCOMPARE(m_window->signInPage()->form()->message(), QStringLiteral("You signed out."));
    QVERIFY(m_window->signInPage()->form()->passwordEdit()->text().isEmpty());
    QCOMPARE(m_window->signInPage()->form()->email(), kAdmin); // ready for the next sign-in
    QVERIFY(!m_window->idleSignOut()->isActive());
}

void TestAdminSignIn::endedSessionClosesTheConsole()
{
    signIn(kAdmin);
    QTRY_VERIFY(m_window->isConsoleOpen());
    m_server.revokeAllSessions(); // e.g. another admin took the role away
    // The next call that needs the account finds out.
    m_context->account()->me(this, [](Result<Client::User>) {});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConsoleOpen(), 10000);
    QVERIFY(m_window->signInPage()->form()->message().contains(u"session has ended"));
}

void TestAdminSignIn::idleTimeSignsOut()
{
    signIn(kAdmin);
    QTRY_VERIFY(m_window->isConsoleOpen());
    const int logouts = m_server.stats().logouts;
    m_window->idleSignOut()->setTimeout(300ms);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConsoleOpen(), 10000);
    QVERIFY(m_window->signInPage()->form()->message().contains(u"without activity"));
    QVERIFY(!m_context->session()->isSignedIn());
    QTRY_COMPARE_WITH_TIMEOUT(m_server.stats().logouts, logouts + 1, 10000);
}

void TestAdminSignIn::inputKeepsTheConsoleOpen()
{
    signIn(kAdmin);
    QTRY_VERIFY(m_window->isConsoleOpen());
    m_window->idleSignOut()->setTimeout(3000ms);
    // Keys for twice the idle time: still open.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 6000) {
        QTest::keyClick(m_window.get(), Qt::Key_Shift);
        QTest::qWait(200);
        QVERIFY(m_window->isConsoleOpen());
    }
    // Then nothing: closed.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isConsoleOpen(), 15000);
}

void TestAdminSignIn::idleTimeIsASetting()
{
    QCOMPARE(m_context->settings().idleSignOutMinutes(), 15); // the default
    QCOMPARE(m_window->idleSignOut()->timeout(), std::chrono::milliseconds(15min));
    m_context->settings().setIdleSignOutMinutes(5);
    AdminWindow other(*m_context);
    QCOMPARE(other.idleSignOut()->timeout(), std::chrono::milliseconds(5min));
    m_context->settings().setIdleSignOutMinutes(Settings::kDefaultIdleSignOutMinutes);
}

QTEST_MAIN(TestAdminSignIn)
#include "tst_adminsignin.moc"
