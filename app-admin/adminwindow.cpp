#include "adminwindow.h"

#include "categoriespage.h"
#include "client/adminevents.h"
#include "client/adminorderlistmodel.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/productlistmodel.h"
#include "client/settings.h"
#include "commandpalette.h"
#include "customerspage.h"
#include "dashboardpage.h"
#include "idlesignout.h"
#include "liveorders.h"
#include "orderspage.h"
#include "productstablepage.h"
#include "signinpage.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/settingsdialog.h"
#include "widgets/shortcuts.h"
#include "widgets/signinform.h"
#include "widgets/windowstate.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

#include <QTableView>
#include <memory>

namespace Shop::Admin {

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/shop/icons/") + QLatin1String(name) + QStringLiteral(".svg"));
}

} // namespace

AdminWindow::AdminWindow(Widgets::AppContext &context, QWidget *parent, Access access)
    : QMainWindow(parent)
    , m_context(context)
    , m_access(access)
    , m_gate(new QStackedWidget(this))
    , m_signIn(new SignInPage(context, this))
    , m_idle(new IdleSignOut(this))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new DashboardPage(context, this))
    , m_orders(new OrdersPage(context, this))
    , m_products(new ProductsTablePage(context, this))
    , m_categories(new CategoriesPage(context, this))
    , m_customers(new CustomersPage(context, this))
{
    setObjectName(QStringLiteral("adminWindow"));
    m_retranslator = new Widgets::Retranslator(this);

    const struct
    {
        const char *icon;
        QWidget *page;
    } sections[SectionCount] = {
        {"dashboard", m_dashboard}, {"orders", m_orders},         {"products", m_products},
        {"customers", m_customers}, {"categories", m_categories},
    };
    m_navigation->setObjectName(QStringLiteral("sectionList"));
    for (const auto &section : sections) {
        new QListWidgetItem(icon(section.icon), QString(), m_navigation);
        m_pages->addWidget(section.page);
    }
    m_navigation->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()) * 1.25);
    m_navigation->setSpacing(fontMetrics().height() / 4);
    m_navigation->setFrameShape(QFrame::NoFrame);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto *line = new QFrame(central);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(m_pages, 1);
    m_gate->setObjectName(QStringLiteral("gate"));
    m_gate->addWidget(m_signIn);
    m_gate->addWidget(central);
    setCentralWidget(m_gate);

    createActions();
    m_signedIn = new QLabel(this);
    m_signedIn->setObjectName(QStringLiteral("signedIn"));
    statusBar()->addPermanentWidget(m_signedIn);
    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    statusBar()->addPermanentWidget(m_serverStatus);
    connect(context.api(), &Client::ApiClient::reachabilityChanged, this,
            &AdminWindow::updateServerStatus);
    createLive();

    m_retranslator->add([this] {
        setWindowTitle(tr("Admin Console"));
        const QString titles[SectionCount] = {tr("Dashboard"), tr("Orders"), tr("Products"),
                                              tr("Customers"), tr("Categories")};
        int navigationWidth = 0;
        for (int i = 0; i < SectionCount; ++i) {
            QListWidgetItem *item = m_navigation->item(i);
            item->setText(titles[i]);
            item->setToolTip(tr("%1 (Ctrl+%2)").arg(titles[i]).arg(i + 1));
            m_sectionActions[i]->setText(titles[i]);
            navigationWidth = std::max(navigationWidth, fontMetrics().horizontalAdvance(titles[i]));
        }
        m_navigation->setFixedWidth(navigationWidth + m_navigation->iconSize().width()
                                    + fontMetrics().height() * 3);
        updateServerStatus(m_serverReachable);
        updateSignedIn();
    });

    m_idle->setTimeout(std::chrono::minutes(context.settings().idleSignOutMinutes()));
    connect(m_idle, &IdleSignOut::idle, this, [this] {
        const int minutes = m_context.settings().idleSignOutMinutes();
        closeConsole(
            tr("You were signed out after %n minute(s) without activity.", nullptr, minutes),
            false);
        m_context.session()->signOut();
    });
    connect(m_signIn, &SignInPage::staffSignedIn, this, &AdminWindow::openConsole);
    Client::AuthSession *session = context.session();
    connect(session, &Client::AuthSession::userChanged, this, &AdminWindow::updateSignedIn);
    connect(session, &Client::AuthSession::sessionExpired, this,
            [this] { closeConsole(tr("Your session has ended. Sign in again to go on."), true); });
    connect(session, &Client::AuthSession::signedOut, this,
            [this] { closeConsole(tr("You signed out."), false); });
    connect(session, &Client::AuthSession::userChanged, this, [this] {
        // Signed in elsewhere as someone who is not staff (cannot happen through this window).
        const auto user = m_context.session()->user();
        if (m_consoleOpen && user && !user->isAdmin()) {
            m_context.session()->signOut();
        }
    });

    Widgets::WindowState::restore(*this, context.settings(), kSettingsKey, QSize(56, 32));
    if (m_access == Access::Open) {
        // Nobody is signed in: the products table shows the public catalog (the staff list,
        // with inactive products, needs a staff sign-in), and the live feed, staff-only too,
        // stays off.
        m_products->model()->setSource(Client::ProductListModel::Source::Public);
        m_products->model()->reload(); // replaces the staff list's load the page started
    }
    showSection(ProductsSection);
    if (m_access == Access::Open) {
        m_consoleOpen = true;
        m_gate->setCurrentIndex(1);
        setConsoleActionsEnabled(true);
    } else {
        closeConsole(QString(), false);
    }
}

bool AdminWindow::isConsoleOpen() const
{
    return m_consoleOpen;
}

void AdminWindow::openConsole()
{
    m_consoleOpen = true;
    m_gate->setCurrentIndex(1);
    setConsoleActionsEnabled(true);
    m_idle->start();
    m_events->start();
    updateSignedIn();
    m_navigation->setFocus(Qt::OtherFocusReason);
}

void AdminWindow::closeConsole(const QString &why, bool isError)
{
    if (m_access == Access::Open) {
        updateSignedIn();
        return;
    }
    if (!m_consoleOpen && !why.isEmpty() && m_gate->currentIndex() == 0) {
        return; // already closed: keep the message that is shown (e.g. "not a staff account")
    }
    m_consoleOpen = false;
    m_idle->stop();
    m_events->stop();
    m_gate->setCurrentIndex(0);
    setConsoleActionsEnabled(false);
    m_signIn->setMessage(why, isError);
    m_signIn->form()->clearPassword();
    m_signIn->form()->focusFirstEmpty();
    updateSignedIn();
}

void AdminWindow::setConsoleActionsEnabled(bool enabled)
{
    m_goMenu->setEnabled(enabled);
    m_catalogMenu->setEnabled(enabled);
    for (QAction *action : m_goMenu->actions()) {
        action->setEnabled(enabled);
    }
    m_signOutAction->setEnabled(enabled && m_access == Access::SignInRequired);
}

void AdminWindow::signOut()
{
    m_context.session()->signOut(); // signedOut() closes the console
}

QString AdminWindow::signedInText() const
{
    return m_signedIn->text();
}

void AdminWindow::updateSignedIn()
{
    const auto user = m_context.session()->user();
    m_signedIn->setText(user && user->isAdmin()
                            ? tr("Signed in as %1 (%2)").arg(user->displayName(), user->email)
                            : tr("Not signed in"));
}

void AdminWindow::updateServerStatus(bool reachable)
{
    m_serverReachable = reachable;
    const QString url = m_context.api()->baseUrl().toDisplayString();
    m_serverStatus->setText(reachable ? tr("Server: %1").arg(url)
                                      : tr("Server: %1 (not reachable)").arg(url));
}

AdminWindow::~AdminWindow() = default;

void AdminWindow::createLive()
{
    m_events = new Client::AdminEvents(m_context.api(), this);
    m_liveStatus = new QLabel(this);
    m_liveStatus->setObjectName(QStringLiteral("liveIndicator"));
    statusBar()->addPermanentWidget(m_liveStatus);
    m_live = new LiveOrders(m_events, m_orders, m_liveStatus, this);
    m_retranslator->add([this] { m_live->updateIndicator(); });
    m_dashboard->setEvents(m_events);
    m_palette = new CommandPalette(
        m_context.api(), this,
        [this](const CommandPalette::Hit &hit) {
            const auto search = [](QLineEdit *edit, const QString &text) {
                edit->setText(text);
                Q_EMIT edit->returnPressed();
            };
            switch (hit.kind) {
            case CommandPalette::Kind::Product:
                showSection(ProductsSection);
                search(m_products->searchEdit(), hit.key);
                m_products->table()->setFocus(Qt::OtherFocusReason);
                break;
            case CommandPalette::Kind::Order: {
                showSection(OrdersSection);
                Client::AdminOrderListModel *model = m_orders->model();
                const auto select = [this, model, id = hit.id] {
                    if (const int row = model->rowOf(id); row >= 0) {
                        m_orders->table()->selectRow(row);
                        m_orders->table()->setFocus(Qt::OtherFocusReason);
                    }
                };
                search(m_orders->searchEdit(), hit.key);
                if (model->filter().number == hit.key
                    && model->state() == Client::AdminOrderListModel::State::Ready) {
                    select(); // already shown
                    break;
                }
                // Else once the table shows the search's answer.
                auto connection = std::make_shared<QMetaObject::Connection>();
                *connection = connect(model, &Client::AdminOrderListModel::loaded, this,
                                      [model, connection, select, number = hit.key] {
                                          if (model->filter().number == number) {
                                              disconnect(*connection);
                                              select();
                                          }
                                      });
                break;
            }
            case CommandPalette::Kind::Customer:
                showSection(CustomersSection);
                search(m_customers->searchEdit(), hit.key);
                break;
            case CommandPalette::Kind::Action:
                break;
            }
        },
        this);
}

void AdminWindow::openCommandPalette()
{
    if (m_consoleOpen) {
        m_palette->popup();
    }
}

void AdminWindow::createActions()
{
    QMenu *consoleMenu = menuBar()->addMenu(QString());
    auto *settingsAction =
        consoleMenu->addAction(icon("settings"), QString(), this, [this] { openSettings(); });
    settingsAction->setShortcuts(Widgets::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence::Preferences));
    settingsAction->setMenuRole(QAction::PreferencesRole);
    consoleMenu->addSeparator();
    m_signOutAction = consoleMenu->addAction(QString(), this, &AdminWindow::signOut);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    consoleMenu->addSeparator();
    auto *quitAction = consoleMenu->addAction(QString(), this, &QWidget::close);
    quitAction->setShortcuts(Widgets::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence::Quit));
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu *goMenu = menuBar()->addMenu(QString());
    m_goMenu = goMenu;
    for (int i = 0; i < SectionCount; ++i) {
        QAction *action = goMenu->addAction(m_navigation->item(i)->icon(), QString(), this,
                                            [this, i] { showSection(Section(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        m_sectionActions[i] = action; // named with the sections (constructor)
    }
    goMenu->addSeparator();
    // Searches the customers in the Customers section, else the products.
    auto *findAction = goMenu->addAction(icon("search"), QString(), this, [this] {
        if (currentSection() == OrdersSection) {
            m_orders->focusSearch();
            return;
        }
        if (currentSection() == CustomersSection) {
            m_customers->focusSearch();
            return;
        }
        showSection(ProductsSection);
        m_products->focusSearch();
    });
    findAction->setShortcut(QKeySequence::Find);
    auto *reloadAction =
        goMenu->addAction(icon("refresh"), QString(), this, &AdminWindow::reloadCurrent);
    reloadAction->setShortcut(QKeySequence::Refresh);
    auto *paletteAction =
        goMenu->addAction(icon("search"), QString(), this, &AdminWindow::openCommandPalette);
    paletteAction->setObjectName(QStringLiteral("commandPaletteAction"));
    paletteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));

    // Catalog management: the Products and Categories sections' actions (their shortcuts work
    // in their section; the menu and the command palette reach them from anywhere).
    m_catalogMenu = menuBar()->addMenu(QString());
    m_catalogMenu->setObjectName(QStringLiteral("catalogMenu"));
    for (QAction *action : m_products->catalogActions()) {
        m_catalogMenu->addAction(action);
        connect(action, &QAction::triggered, this, [this] { showSection(ProductsSection); });
    }
    m_catalogMenu->addSeparator();
    for (QAction *action : m_categories->categoryActions()) {
        m_catalogMenu->addAction(action);
    }

    QMenu *helpMenu = menuBar()->addMenu(QString());
    auto *about = helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About Shop Admin"),
                           tr("<h3>Shop Admin %1</h3><p>The shop's admin console for the shop "
                              "server at %2.</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    m_context.api()->baseUrl().toDisplayString().toHtmlEscaped()));
    });
    about->setMenuRole(QAction::AboutRole);

    m_retranslator->add([=, this] {
        consoleMenu->setTitle(tr("&Console"));
        settingsAction->setText(tr("&Settings …"));
        m_signOutAction->setText(tr("Sign &Out"));
        quitAction->setText(tr("&Quit"));
        goMenu->setTitle(tr("&Go"));
        findAction->setText(tr("&Search"));
        reloadAction->setText(tr("&Reload"));
        m_catalogMenu->setTitle(tr("C&atalog"));
        paletteAction->setText(tr("&Command Palette …"));
        helpMenu->setTitle(tr("&Help"));
        about->setText(tr("&About Shop Admin"));
    });
}

void AdminWindow::showSection(Section section)
{
    m_navigation->setCurrentRow(int(section));
}

AdminWindow::Section AdminWindow::currentSection() const
{
    return Section(m_pages->currentIndex());
}

QWidget *AdminWindow::sectionWidget(Section section) const
{
    return m_pages->widget(int(section));
}

void AdminWindow::reloadCurrent()
{
    switch (currentSection()) {
    case DashboardSection:
        m_dashboard->refresh();
        break;
    case OrdersSection:
        m_orders->refresh();
        break;
    case ProductsSection:
        m_products->refresh();
        break;
    case CategoriesSection:
        m_categories->refresh();
        break;
    case CustomersSection:
        m_customers->refresh();
        break;
    default:
        break;
    }
}

Widgets::SettingsDialog *AdminWindow::openSettings()
{
    // The admin's own row: the idle sign-out time (Settings::idleSignOutMinutes), applied at once.
    return Widgets::SettingsDialog::openFor(
        this, m_context, [this](Widgets::SettingsDialog &dialog) {
            auto *minutes = new QSpinBox(&dialog);
            minutes->setObjectName(QStringLiteral("idleSignOutSpin"));
            minutes->setRange(0, kMaxIdleSignOutMinutes);
            minutes->setSpecialValueText(tr("Never"));
            minutes->setSuffix(tr(" min"));
            minutes->setToolTip(tr("Sign out after this many minutes without a key press or mouse "
                                   "movement; 0 never signs out."));
            minutes->setValue(m_context.settings().idleSignOutMinutes());
            dialog.addRow(tr("Sign out when &idle:"), minutes, [this, minutes] {
                m_context.settings().setIdleSignOutMinutes(minutes->value());
                applyIdleSignOutSetting();
            });
        });
}

void AdminWindow::applyIdleSignOutSetting()
{
    // While signed in, the wait starts again with the new time.
    m_idle->setTimeout(std::chrono::minutes(m_context.settings().idleSignOutMinutes()));
}

void AdminWindow::closeEvent(QCloseEvent *event)
{
    Widgets::WindowState::save(*this, m_context.settings(), kSettingsKey);
    event->accept();
}

} // namespace Shop::Admin
