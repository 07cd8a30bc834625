#include "adminwindow.h"

#include "appcontext.h"
#include "categoriespage.h"
#include "dashboardpage.h"
#include "placeholderpage.h"
#include "productstablepage.h"
#include "settingsdialog.h"
#include "shortcuts.h"
#include "windowstate.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace Shop::Admin {

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/shop/icons/") + QLatin1String(name) + QStringLiteral(".svg"));
}

} // namespace

AdminWindow::AdminWindow(Client::AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new DashboardPage(context, this))
    , m_products(new ProductsTablePage(context, this))
    , m_categories(new CategoriesPage(context, this))
{
    setObjectName(QStringLiteral("adminWindow"));
    setWindowTitle(tr("Admin Console"));

    const struct
    {
        const char *icon;
        QString title;
        QWidget *page;
    } sections[SectionCount] = {
        {"dashboard", tr("Dashboard"), m_dashboard},
        {"orders", tr("Orders"),
         new PlaceholderPage(tr("Orders"),
                             tr("Order management arrives with the orders feature: order list, "
                                "status changes, refunds."),
                             this)},
        {"products", tr("Products"), m_products},
        {"customers", tr("Customers"),
         new PlaceholderPage(tr("Customers"),
                             tr("Customer management arrives with the accounts feature: customer "
                                "list, account status, order history."),
                             this)},
        {"categories", tr("Categories"), m_categories},
    };
    m_navigation->setObjectName(QStringLiteral("sectionList"));
    for (int i = 0; i < SectionCount; ++i) {
        auto *item = new QListWidgetItem(icon(sections[i].icon), sections[i].title, m_navigation);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(sections[i].title).arg(i + 1));
        m_pages->addWidget(sections[i].page);
    }
    m_navigation->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()) * 1.25);
    m_navigation->setSpacing(fontMetrics().height() / 4);
    m_navigation->setFrameShape(QFrame::NoFrame);
    int navigationWidth = 0;
    for (int i = 0; i < SectionCount; ++i) {
        navigationWidth =
            std::max(navigationWidth, fontMetrics().horizontalAdvance(sections[i].title));
    }
    m_navigation->setFixedWidth(navigationWidth + m_navigation->iconSize().width()
                                + fontMetrics().height() * 3);
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
    setCentralWidget(central);

    createActions();
    auto *server =
        new QLabel(tr("Server: %1").arg(context.api()->baseUrl().toDisplayString()), this);
    server->setObjectName(QStringLiteral("serverStatus"));
    statusBar()->addPermanentWidget(server);
    connect(context.api(), &Client::ApiClient::reachabilityChanged, server,
            [server, &context](bool reachable) {
                const QString url = context.api()->baseUrl().toDisplayString();
                server->setText(reachable ? tr("Server: %1").arg(url)
                                          : tr("Server: %1 (not reachable)").arg(url));
            });

    Client::WindowState::restore(*this, context.settings(), kSettingsKey, QSize(70, 42));
    showSection(ProductsSection);
}

AdminWindow::~AdminWindow() = default;

void AdminWindow::createActions()
{
    QMenu *consoleMenu = menuBar()->addMenu(tr("&Console"));
    auto *settingsAction = consoleMenu->addAction(icon("settings"), tr("&Settings …"), this,
                                                  &AdminWindow::openSettings);
    settingsAction->setShortcuts(Client::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence::Preferences));
    settingsAction->setMenuRole(QAction::PreferencesRole);
    consoleMenu->addSeparator();
    auto *quitAction = consoleMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcuts(Client::Shortcuts::withPlatformKeys(QKeySequence(Qt::CTRL | Qt::Key_Q),
                                                                 QKeySequence::Quit));
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < SectionCount; ++i) {
        QAction *action =
            goMenu->addAction(m_navigation->item(i)->icon(), m_navigation->item(i)->text(), this,
                              [this, i] { showSection(Section(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    goMenu->addSeparator();
    auto *findAction = goMenu->addAction(icon("search"), tr("&Search Products"), this, [this] {
        showSection(ProductsSection);
        m_products->focusSearch();
    });
    findAction->setShortcut(QKeySequence::Find);
    auto *reloadAction =
        goMenu->addAction(icon("refresh"), tr("&Reload"), this, &AdminWindow::reloadCurrent);
    reloadAction->setShortcut(QKeySequence::Refresh);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    auto *about = helpMenu->addAction(tr("&About Shop Admin"), this, [this] {
        QMessageBox::about(this, tr("About Shop Admin"),
                           tr("<h3>Shop Admin %1</h3><p>The shop's admin console for the shop "
                              "server at %2.</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    m_context.api()->baseUrl().toDisplayString().toHtmlEscaped()));
    });
    about->setMenuRole(QAction::AboutRole);
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
    case ProductsSection:
        m_products->refresh();
        break;
    case CategoriesSection:
        m_categories->refresh();
        break;
    default:
        break;
    }
}

void AdminWindow::openSettings()
{
    Client::SettingsDialog::openFor(this, m_context);
}

void AdminWindow::closeEvent(QCloseEvent *event)
{
    Client::WindowState::save(*this, m_context.settings(), kSettingsKey);
    event->accept();
}

} // namespace Shop::Admin
