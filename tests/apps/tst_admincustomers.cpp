#include "adminwindow.h"
#include "auditlogpage.h"
#include "client/accountclient.h"
#include "client/adminusersclient.h"
#include "client/auditlogmodel.h"
#include "client/authsession.h"
#include "client/secretstore.h"
#include "client/userlistmodel.h"
#include "customerspage.h"
#include "idlesignout.h"
#include "screenshot.h"
#include "signinpage.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/settingsdialog.h"
#include "widgets/signinform.h"
#include "widgets/statuspanel.h"
#include "widgets/translationloader.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Shop;
using namespace Shop::Admin;
using namespace Shop::Client;
using namespace std::chrono_literals;
using Shop::Tests::saveScreenshot;
using Shop::Widgets::AppContext;

namespace {

const QString kAdmin = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
const QString kAda = QStringLiteral("ada@shop.example");
const QString kCustomerPassword = QStringLiteral("demo-customer-passphrase");
constexpr int kWait = 20000;

} // namespace

// The admin console's Customers section and audit log against the REAL shop-server on a fresh
// seeded database: an admin signs in through the console, finds Ada, opens her details with her
// addresses, deactivates (after a confirmation; a cancelled one changes nothing) and activates
// her, grants and revokes admin, is refused changing themselves (409), and finds those actions
// in the audit log filtered by account and date. The server's view is checked with a fresh GET.
class TestAdminCustomers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void consoleShowsWhoIsSignedIn();
    void searchFindsAda();
    void filtersNarrowTheList();
    void pagesLoadAsTheTableNeedsThem();
    void detailsShowAddresses();
    void cancelledDeactivationChangesNothing();
    void deactivationEndsSessionsAndActivationRestores();
    void grantAndRevokeAdmin();
    void selfChangesAreRefused();
    void auditLogListsTheActions();
    void idleSignOutIsASetting();
    void unreachableServerIsExplained();

private:
    [[nodiscard]] CustomersPage *page() const { return m_window->customersPage(); }
    [[nodiscard]] UserListModel *model() const { return page()->model(); }
    [[nodiscard]] bool ready() const { return model()->state() == UserListModel::State::Ready; }
    void search(const QString &text);
    void openFirstRow();
    [[nodiscard]] UserDetails fetch(const QString &id);
    [[nodiscard]] QString statusInTable(const QString &id) const;

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AppContext> m_adaContext; // Ada's own session, as the storefront has it
    std::unique_ptr<AdminWindow> m_window;
    std::unique_ptr<AdminUsersClient> m_check; // fresh GETs, the server's view
    QList<CustomersPage::Confirmation> m_asked;
    bool m_answer = true;
    QString m_adaId;
    QString m_adminId;
};

void TestAdminCustomers::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

    // Ada signs in elsewhere and saves an address.
    m_adaContext = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("ada.ini"))),
        std::make_unique<MemorySecretStore>());
    m_adaContext->saveServer(m_server.baseUrl());
    bool signedIn = false;
    m_adaContext->session()->signIn(kAda, kCustomerPassword, false, this,
                                    [&](Result<User> user) { signedIn = user.has_value(); });
    QTRY_VERIFY_WITH_TIMEOUT(signedIn, kWait);
    m_adaId = m_adaContext->session()->user()->id;
    Address home;
    home.label = QStringLiteral("Home");
    home.recipientName = QStringLiteral("Ada Lovelace");
    home.line1 = QStringLiteral("12 St James's Square");
    home.city = QStringLiteral("London");
    home.postalCode = QStringLiteral("SW1Y 4JH");
    home.country = QStringLiteral("GB");
    home.isDefault = true;
    bool added = false;
    m_adaContext->account()->addAddress(
        home, this, [&](Result<Address> address) { added = address.has_value(); });
    QTRY_VERIFY_WITH_TIMEOUT(added, kWait);

    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<AdminWindow>(*m_context);
    m_window->resize(1280, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    page()->setConfirm([this](const CustomersPage::Confirmation &confirmation) {
        m_asked.append(confirmation);
        return m_answer;
    });

    // Sign in through the console.
    Widgets::SignInForm *form = m_window->signInPage()->form();
    QTest::keyClicks(form->emailEdit(), kAdmin);
    QTest::keyClicks(form->passwordEdit(), kAdminPassword);
    QTest::keyClick(form->passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isConsoleOpen(), kWait);
    m_adminId = m_context->session()->user()->id;
    m_check = std::make_unique<AdminUsersClient>(m_context->api());

    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::CustomersSection);
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() > 0, kWait);
}

void TestAdminCustomers::cleanupTestCase()
{
    m_window.reset();
    m_check.reset();
    m_context.reset();
    m_adaContext.reset();
}

void TestAdminCustomers::search(const QString &text)
{
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(page()->searchEdit()->hasFocus());
    QTest::keyClick(page()->searchEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(page()->searchEdit(), text);
    // Applied after the pause in typing.
    QTRY_COMPARE_WITH_TIMEOUT(model()->filter().search, text, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), kWait);
}

void TestAdminCustomers::openFirstRow()
{
    QTableView *table = page()->table();
    table->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(table->hasFocus());
    table->setCurrentIndex(model()->index(0, 0));
    QTest::keyClick(table, Qt::Key_Return); // Enter opens
    QVERIFY(page()->shownUser());
    QTRY_VERIFY_WITH_TIMEOUT(page()->addressesLoaded(), kWait);
}

UserDetails TestAdminCustomers::fetch(const QString &id)
{
    std::optional<Result<UserDetails>> answer;
    m_check->user(id, this, [&](Result<UserDetails> details) { answer = std::move(details); });
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWait);
    }();
    if (!answer || !*answer) {
        qWarning() << "GET user failed";
        return {};
    }
    return **answer;
}

QString TestAdminCustomers::statusInTable(const QString &id) const
{
    const int row = model()->rowOf(id);
    return row < 0 ? QString() : model()->index(row, UserListModel::StatusColumn).data().toString();
}

void TestAdminCustomers::consoleShowsWhoIsSignedIn()
{
    QCOMPARE(m_window->signedInText(),
             QStringLiteral("Signed in as Grace Hopper (%1)").arg(kAdmin));
    QVERIFY(model()->totalCount() >= 4); // the seed's accounts
    QCOMPARE(model()->columnCount(), int(UserListModel::ColumnCount));
    QCOMPARE(model()->headerData(UserListModel::EmailColumn, Qt::Horizontal).toString(),
             QStringLiteral("Email"));
}

void TestAdminCustomers::searchFindsAda()
{
    search(QStringLiteral("ada"));
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->index(0, UserListModel::EmailColumn).data().toString(), kAda);
    QCOMPARE(model()->index(0, UserListModel::NameColumn).data().toString(),
             QStringLiteral("Ada Lovelace"));
    QCOMPARE(model()->index(0, UserListModel::RoleColumn).data().toString(),
             QStringLiteral("Customer"));
    QCOMPARE(model()->index(0, UserListModel::StatusColumn).data().toString(),
             QStringLiteral("Active"));
    QCOMPARE(model()->index(0, UserListModel::LanguageColumn).data().toString(),
             QStringLiteral("en"));
    QVERIFY(!model()->index(0, UserListModel::CreatedColumn).data().toString().isEmpty());
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("customerResultCount"))->text(),
             QStringLiteral("Showing 1 of 1 accounts"));

    // By name too.
    search(QStringLiteral("Noether"));
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->index(0, UserListModel::EmailColumn).data().toString(),
             QStringLiteral("emmy@shop.example"));

    // Nothing: said so.
    search(QStringLiteral("nobody-here"));
    QCOMPARE(model()->rowCount(), 0);
    QTRY_VERIFY(page()->statusPanel()->isVisible());
    QCOMPARE(page()->statusPanel()->kind(), Widgets::StatusPanel::Kind::Empty);

    // Escape clears the search.
    QTest::keyClick(page()->searchEdit(), Qt::Key_Escape);
    QTRY_COMPARE(model()->filter().search, QString());
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() >= 4, kWait);
}

void TestAdminCustomers::filtersNarrowTheList()
{
    QComboBox *role = page()->roleFilter();
    role->setCurrentIndex(role->findData(QStringLiteral("admin")));
    QTRY_COMPARE(model()->filter().role, QStringLiteral("admin"));
    QTRY_VERIFY_WITH_TIMEOUT(ready(), kWait);
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->index(0, UserListModel::EmailColumn).data().toString(), kAdmin);
    role->setCurrentIndex(role->findData(QStringLiteral("user")));
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().role == u"user" && ready(), kWait);
    QCOMPARE(model()->rowCount(), 3);
    role->setCurrentIndex(0);

    QComboBox *status = page()->statusFilter();
    status->setCurrentIndex(status->findData(QStringLiteral("inactive")));
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().status == u"inactive" && ready(), kWait);
    QCOMPARE(model()->rowCount(), 0);
    status->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().status.isEmpty() && ready(), kWait);
    QVERIFY(model()->rowCount() >= 4);
}

void TestAdminCustomers::pagesLoadAsTheTableNeedsThem()
{
    // Two accounts a request: the table asks for the next page while its end is in view.
    QList<int> pages;
    const auto connection =
        connect(model(), &UserListModel::pageLoaded, this, [&pages](int page) { pages << page; });
    model()->setPageSize(2);
    page()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() == model()->totalCount(), kWait);
    QCOMPARE(model()->totalCount(), 4);
    QCOMPARE(pages, (QList<int> {1, 2}));
    for (int row = 0; row < model()->rowCount(); ++row) { // no account twice
        QCOMPARE(model()->rowOf(model()->userAt(row)->id), row);
    }
    disconnect(connection);
    model()->setPageSize(CustomersPage::kPageSize);
    page()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() == 4, kWait);
}

void TestAdminCustomers::detailsShowAddresses()
{
    search(QStringLiteral("ada"));
    openFirstRow();
    QCOMPARE(page()->shownUser()->email, kAda);
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("customerName"))->text(),
             QStringLiteral("Ada Lovelace"));
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("customerStatus"))->text(),
             QStringLiteral("Active"));
    QListWidget *addresses = page()->addressList();
    QCOMPARE(addresses->count(), 1);
    QCOMPARE(addresses->item(0)->text(),
             QStringLiteral("Home: Ada Lovelace, 12 St James's Square, SW1Y 4JH London, GB "
                            "(default)"));
    QCOMPARE(page()->activeButton()->text(), QStringLiteral("&Deactivate …"));
    QCOMPARE(page()->roleButton()->text(), QStringLiteral("Grant Ad&min …"));
    QCoreApplication::processEvents();
    saveScreenshot(m_window.get(), QStringLiteral("admin-customers"));
}

void TestAdminCustomers::cancelledDeactivationChangesNothing()
{
    QCOMPARE(page()->shownUser()->id, m_adaId);
    m_asked.clear();
    m_answer = false;
    QTest::mouseClick(page()->activeButton(), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    // The confirmation names the account and the consequence.
    QCOMPARE(m_asked.first().title, QStringLiteral("Deactivate Account"));
    QVERIFY(m_asked.first().text.contains(u"Ada Lovelace (ada@shop.example)"));
    QVERIFY(m_asked.first().text.contains(u"every session they have open ends"));
    QCOMPARE(m_asked.first().confirmText, QStringLiteral("Deactivate"));
    QCOMPARE(page()->detailsMessage(), QStringLiteral("Nothing changed."));
    QVERIFY(!page()->isBusy());
    QCOMPARE(statusInTable(m_adaId), QStringLiteral("Active"));
    QVERIFY(fetch(m_adaId).user.isActive);
    QVERIFY(m_adaContext->session()->isSignedIn());
}

void TestAdminCustomers::deactivationEndsSessionsAndActivationRestores()
{
    m_asked.clear();
    m_answer = true;
    QTest::mouseClick(page()->activeButton(), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(statusInTable(m_adaId), QStringLiteral("Deactivated"), kWait);
    QCOMPARE(page()->detailsMessage(),
             QStringLiteral("Ada Lovelace is deactivated; their sessions have ended."));
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("customerStatus"))->text(),
             QStringLiteral("Deactivated"));
    QCOMPARE(page()->activeButton()->text(), QStringLiteral("Ac&tivate …"));
    // The server agrees.
    QVERIFY(!fetch(m_adaId).user.isActive);
    // Ada's own session has ended: her next call finds out.
    m_adaContext->account()->me(this, [](Result<User>) {});
    QTRY_VERIFY_WITH_TIMEOUT(!m_adaContext->session()->isSignedIn(), kWait);

    // Activate again.
    m_asked.clear();
    QTest::mouseClick(page()->activeButton(), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    QCOMPARE(m_asked.first().title, QStringLiteral("Activate Account"));
    QTRY_COMPARE_WITH_TIMEOUT(statusInTable(m_adaId), QStringLiteral("Active"), kWait);
    QVERIFY(fetch(m_adaId).user.isActive);
}

void TestAdminCustomers::grantAndRevokeAdmin()
{
    const auto roleInTable = [this] {
        return model()->index(model()->rowOf(m_adaId), UserListModel::RoleColumn).data().toString();
    };
    m_asked.clear();
    QTest::mouseClick(page()->roleButton(), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    QCOMPARE(m_asked.first().title, QStringLiteral("Grant Admin"));
    QVERIFY(m_asked.first().text.contains(u"Make Ada Lovelace (ada@shop.example) an admin?"));
    QTRY_COMPARE_WITH_TIMEOUT(roleInTable(), QStringLiteral("Admin"), kWait);
    QCOMPARE(page()->detailsMessage(), QStringLiteral("Ada Lovelace is now an admin."));
    QCOMPARE(fetch(m_adaId).user.role, QStringLiteral("admin"));
    QCOMPARE(page()->roleButton()->text(), QStringLiteral("&Revoke Admin …"));

    m_asked.clear();
    QTest::mouseClick(page()->roleButton(), Qt::LeftButton);
    QCOMPARE(m_asked.size(), 1);
    QCOMPARE(m_asked.first().title, QStringLiteral("Revoke Admin"));
    QTRY_COMPARE_WITH_TIMEOUT(roleInTable(), QStringLiteral("Customer"), kWait);
    QCOMPARE(fetch(m_adaId).user.role, QStringLiteral("user"));
}

void TestAdminCustomers::selfChangesAreRefused()
{
    search(QStringLiteral("admin@shop"));
    QCOMPARE(model()->rowCount(), 1);
    openFirstRow();
    QCOMPARE(page()->shownUser()->id, m_adminId);
    m_answer = true;
    QTest::mouseClick(page()->activeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page()->isBusy(), kWait);
    QCOMPARE(page()->detailsMessage(),
             QStringLiteral("You cannot deactivate your own account. Ask another admin to do it."));
    QCOMPARE(page()
                 ->findChild<QLabel *>(QStringLiteral("customerMessage"))
                 ->property("isError")
                 .toBool(),
             true);
    QCOMPARE(statusInTable(m_adminId), QStringLiteral("Active"));

    QTest::mouseClick(page()->roleButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page()->isBusy(), kWait);
    QCOMPARE(page()->detailsMessage(),
             QStringLiteral("You cannot take the admin role from yourself. Ask another admin to "
                            "do it."));
    const UserDetails me = fetch(m_adminId);
    QVERIFY(me.user.isActive);
    QVERIFY(me.user.isAdmin());
    QVERIFY(m_window->isConsoleOpen());
}

void TestAdminCustomers::auditLogListsTheActions()
{
    // From Ada's details: "Show Audit Entries".
    search(QStringLiteral("ada"));
    openFirstRow();
    QTest::mouseClick(page()->auditButton(), Qt::LeftButton);
    AuditLogPage *audit = page()->auditPage();
    QTRY_VERIFY(audit->isVisible());
    QCOMPARE(audit->targetId(), m_adaId);
    QCOMPARE(audit->findChild<QLabel *>(QStringLiteral("auditTargetFilter"))->text(), kAda);
    AuditLogModel *log = audit->model();
    const auto logReady = [log] {
        return log->state() == AuditLogModel::State::Ready;
    };
    QTRY_VERIFY_WITH_TIMEOUT(logReady() && log->filter().target == m_adaId, kWait);
    // Deactivate, activate, grant, revoke (the cancelled one and the refused ones are not there),
    // newest first.
    // Deactivate, activate, grant, revoke (the cancelled one and the refused ones are not there),
    // newest first, after the seed's "created".
    QCOMPARE(log->rowCount(), 5);
    const auto cell = [log](int row, int column) {
        return log->index(row, column).data().toString();
    };
    const QStringList changes {QStringLiteral("Admin → Customer"),
                               QStringLiteral("Customer → Admin"),
                               QStringLiteral("Deactivated → Active"),
                               QStringLiteral("Active → Deactivated"), QStringLiteral("Customer")};
    const QStringList actions {QStringLiteral("Role"), QStringLiteral("Role"),
                               QStringLiteral("Account status"), QStringLiteral("Account status"),
                               QStringLiteral("Account created")};
    for (int row = 0; row < 5; ++row) {
        QCOMPARE(cell(row, AuditLogModel::ChangeColumn), changes.at(row));
        QCOMPARE(cell(row, AuditLogModel::ActionColumn), actions.at(row));
        QCOMPARE(cell(row, AuditLogModel::ActorColumn),
                 row < 4 ? kAdmin : QStringLiteral("(command line)"));
        QCOMPARE(cell(row, AuditLogModel::TargetColumn), kAda);
        QVERIFY(!cell(row, AuditLogModel::TimeColumn).isEmpty());
    }
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("auditResultCount"))->text(),
             QStringLiteral("Showing 5 of 5 entries"));
    QCoreApplication::processEvents();
    saveScreenshot(m_window.get(), QStringLiteral("admin-audit"));

    // Today's entries (the date range, both days included).
    const QDate today = QDate::currentDate();
    audit->fromEdit()->setDate(today);
    audit->toEdit()->setDate(today);
    audit->dateRangeBox()->click();
    QVERIFY(audit->dateRangeBox()->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(log->filter().from.isValid() && logReady(), kWait);
    QCOMPARE(log->filter().from, today.startOfDay());
    QCOMPARE(log->filter().to, today.addDays(1).startOfDay());
    QCOMPARE(log->rowCount(), 5);
    // An earlier week: none, and the page says so.
    audit->fromEdit()->setDate(today.addDays(-8));
    audit->toEdit()->setDate(today.addDays(-1));
    QTRY_VERIFY_WITH_TIMEOUT(log->filter().to == today.startOfDay() && logReady(), kWait);
    QCOMPARE(log->rowCount(), 0);
    QTRY_VERIFY(audit->statusPanel()->isVisible());
    QCOMPARE(audit->statusPanel()->kind(), Widgets::StatusPanel::Kind::Empty);
    audit->clearDateRange();
    QTRY_VERIFY_WITH_TIMEOUT(!log->filter().from.isValid() && logReady(), kWait);
    QCOMPARE(log->rowCount(), 5);

    // By actor, from a selected entry: the admin's four (the seed acted from the command line).
    audit->table()->setCurrentIndex(log->index(0, 0));
    QTest::mouseClick(audit->findChild<QPushButton *>(QStringLiteral("auditOnlyActor")),
                      Qt::LeftButton);
    QCOMPARE(audit->actorId(), m_adminId);
    QTRY_VERIFY_WITH_TIMEOUT(log->filter().actor == m_adminId && logReady(), kWait);
    QCOMPARE(log->rowCount(), 4);
    // Any account, still by that admin: the same (no other account was changed).
    QTest::mouseClick(audit->findChild<QToolButton *>(QStringLiteral("auditClearTarget")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(log->filter().target.isEmpty() && logReady(), kWait);
    QCOMPARE(log->rowCount(), 4);
    // Another account as target: nothing.
    audit->setTarget(m_adminId, kAdmin);
    QTRY_VERIFY_WITH_TIMEOUT(log->filter().target == m_adminId && logReady(), kWait);
    QCOMPARE(log->rowCount(), 0);
    audit->setTarget({}, {});
    audit->setActor({}, {});
    page()->tabs()->setCurrentIndex(0);
}

void TestAdminCustomers::idleSignOutIsASetting()
{
    QCOMPARE(m_window->idleSignOut()->timeout(), std::chrono::milliseconds(15min));
    Widgets::SettingsDialog *dialog = m_window->openSettings();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *minutes = dialog->findChild<QSpinBox *>(QStringLiteral("idleSignOutSpin"));
    QVERIFY(minutes);
    QCOMPARE(minutes->value(), 15);
    minutes->setValue(7);
    dialog->accept(); // the server is unchanged: saved without a check
    QTRY_COMPARE_WITH_TIMEOUT(m_context->settings().idleSignOutMinutes(), 7, kWait);
    QCOMPARE(m_window->idleSignOut()->timeout(), std::chrono::milliseconds(7min));
    QVERIFY(m_window->idleSignOut()->isActive());
    QVERIFY(m_window->isConsoleOpen());

    // Cancel keeps the setting.
    dialog = m_window->openSettings();
    dialog->findChild<QSpinBox *>(QStringLiteral("idleSignOutSpin"))->setValue(3);
    dialog->reject();
    QCOMPARE(m_context->settings().idleSignOutMinutes(), 7);
    QCOMPARE(m_window->idleSignOut()->timeout(), std::chrono::milliseconds(7min));
}

void TestAdminCustomers::unreachableServerIsExplained()
{
    page()->tabs()->setCurrentIndex(0);
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    m_server.stopServing();
    QTest::keyClick(m_window.get(), Qt::Key_F5); // reload
    QTRY_VERIFY_WITH_TIMEOUT(model()->state() == UserListModel::State::Failed, 60000);
    QTRY_VERIFY(page()->statusPanel()->isVisible());
    QCOMPARE(page()->statusPanel()->kind(), Widgets::StatusPanel::Kind::Error);
    QCOMPARE(page()->statusPanel()->title(), QStringLiteral("Cannot reach the shop server"));
    QVERIFY(page()->statusPanel()->message().contains(m_server.baseUrl().toDisplayString()));
}

QTEST_MAIN(TestAdminCustomers)
#include "tst_admincustomers.moc"
