#include "mainwindow.h"

#include "accountflows.h"
#include "accountpage.h"
#include "cartpage.h"
#include "checkoutdialog.h"
#include "client/authsession.h"
#include "client/ordersclient.h"
#include "client/productlistmodel.h"
#include "client/usermessages.h"
#include "homepage.h"
#include "orderdetailpage.h"
#include "orderspage.h"
#include "productgridview.h"
#include "productpage.h"
#include "productspage.h"
#include "registerdialog.h"
#include "signindialog.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/settingsdialog.h"
#include "widgets/shortcuts.h"
#include "widgets/translationloader.h"
#include "widgets/windowstate.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

namespace Shop::Storefront {

MainWindow::MainWindow(Widgets::AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_history(new NavigationHistory(this))
    , m_pages(new QStackedWidget(this))
    , m_home(new HomePage(context, this))
    , m_products(new ProductsPage(context, this))
    , m_product(new ProductPage(context, this))
    , m_account(new AccountPage(context, this))
    , m_flows(new AccountFlows(context, this))
    , m_ordersClient(new Client::OrdersClient(context.api(), this))
    , m_ordersPage(new OrdersPage(context, m_ordersClient, this))
    , m_orderDetail(new OrderDetailPage(context, m_ordersClient, this))
    , m_serverStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("storefrontWindow"));
    m_cart = new Client::CartClient(context.api(), context.session(), &context.settings(), this);
    m_cartPage = new CartPage(context, m_cart, this);
    m_product->setCart(m_cart);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(m_home);
    m_pages->addWidget(m_products);
    m_pages->addWidget(m_product);
    m_pages->addWidget(m_account);
    m_pages->addWidget(m_cartPage);
    m_pages->addWidget(m_ordersPage);
    m_pages->addWidget(m_orderDetail);
    setCentralWidget(m_pages);

    m_retranslator = new Widgets::Retranslator(this);
    createActions();
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    statusBar()->addPermanentWidget(m_serverStatus);
    m_retranslator->add([this] {
        updateWindowTitle();
        updateServerStatus(m_serverReachable);
        updateAccount();
        updateCartBadge();
    });

    Client::AuthSession *session = context.session();
    connect(session, &Client::AuthSession::userChanged, this, &MainWindow::updateAccount);
    connect(session, &Client::AuthSession::keychainUnavailable, this, [this] {
        // Said once per run (the session emits it once).
        statusBar()->showMessage(tr("The system keychain is not available: \"Remember me\" "
                                    "keeps you signed in only until the app quits."),
                                 30000);
    });
    connect(m_account, &AccountPage::signInRequested, this, [this] { m_flows->signIn(); });
    connect(m_account, &AccountPage::ordersRequested, this, &MainWindow::showOrders);
    connect(m_ordersPage, &OrdersPage::signInRequested, this, [this] { m_flows->signIn(); });
    connect(m_ordersPage, &OrdersPage::orderActivated, this, &MainWindow::openOrder);
    connect(m_orderDetail, &OrderDetailPage::signInRequested, this, [this] { m_flows->signIn(); });
    connect(m_orderDetail, &OrderDetailPage::backToOrdersRequested, this, &MainWindow::showOrders);
    connect(m_orderDetail, &OrderDetailPage::orderChanged, m_ordersPage, &OrdersPage::updateOrder);
    connect(m_orderDetail, &OrderDetailPage::titleChanged, this, &MainWindow::updateWindowTitle);
    connect(m_account, &AccountPage::languageChosen, this, [this](const QString &code) {
        if (!code.isEmpty() && code != m_context.settings().language()) {
            m_context.settings().setLanguage(code);
            m_context.settings().sync();
            Widgets::TranslationLoader::install(*qApp, code);
        }
    });

    // The cart: every add-to-cart path, the badge, the cart page and checkout.
    connect(m_cart, &Client::CartClient::changed, this, &MainWindow::updateCartBadge);
    connect(m_cart, &Client::CartClient::guestCartMerged, this, [this](const QStringList &notes) {
        if (!notes.isEmpty()) {
            statusBar()->showMessage(
                tr("Your cart was added to your account's cart. %1").arg(notes.join(u' ')), 30000);
        }
        if (m_checkoutAfterSignIn) {
            m_checkoutAfterSignIn = false;
            openCheckout();
        }
    });
    for (ProductGridView *grid : findChildren<ProductGridView *>()) {
        connect(grid, &ProductGridView::addToCartRequested, this, &MainWindow::addToCart);
    }
    connect(m_cartPage, &CartPage::checkoutRequested, this, &MainWindow::checkOut);
    connect(m_cartPage, &CartPage::productActivated, this, &MainWindow::openProduct);

    connect(m_history, &NavigationHistory::currentChanged, this, &MainWindow::showLocation);
    // Views such as the product grid accept every mouse press, so the back/forward buttons never
    // reach the window through propagation: watch for them application-wide instead.
    qApp->installEventFilter(this);
    connect(m_history, &NavigationHistory::availabilityChanged, this,
            [this](bool canGoBack, bool canGoForward) {
                m_backAction->setEnabled(canGoBack);
                m_forwardAction->setEnabled(canGoForward);
            });
    connect(m_home, &HomePage::productActivated, this, &MainWindow::openProduct);
    connect(m_home, &HomePage::categoryActivated, this, &MainWindow::showCategory);
    connect(m_home, &HomePage::seeAllRequested, this, [this](ProductSort sort, bool inStock) {
        m_products->showSorted(sort, inStock);
        showProducts();
    });
    connect(m_products, &ProductsPage::productActivated, this, &MainWindow::openProduct);
    connect(m_product, &ProductPage::categoryRequested, this, &MainWindow::showCategory);
    connect(m_product, &ProductPage::productLoaded, this, &MainWindow::updateWindowTitle);
    connect(context.api(), &Client::ApiClient::reachabilityChanged, this,
            &MainWindow::updateServerStatus);
    connect(&context, &Widgets::AppContext::serverChanged, this,
            [this] { updateServerStatus(true); });
    // The grid on show has its first products: what start-up time is measured to.
    const auto reportShown = [this](QWidget *page, Client::ProductListModel *model) {
        connect(model, &Client::ProductListModel::pageLoaded, this, [this, page, model](int n) {
            if (n == 1 && model->rowCount() > 0 && currentPage() == page && !m_catalogShown) {
                m_catalogShown = true;
                Q_EMIT catalogShown();
            }
        });
    };
    reportShown(m_home, m_home->newArrivals());
    reportShown(m_products, m_products->model());

    Widgets::WindowState::restore(*this, context.settings(), kSettingsKey, QSize(50, 32));
    showLocation(m_history->current());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto icon = [](const char *name) {
        return QIcon(QStringLiteral(":/shop/icons/") + QLatin1String(name)
                     + QStringLiteral(".svg"));
    };
    m_backAction = new QAction(icon("go-back"), QString(), this);
    m_backAction->setObjectName(QStringLiteral("backAction"));
    m_backAction->setShortcuts(Widgets::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence::Back));
    m_retranslator->add([this] {
        m_backAction->setText(tr("&Back"));
        m_backAction->setToolTip(tr("Back (Alt+Left)"));
    });
    m_backAction->setEnabled(false);
    connect(m_backAction, &QAction::triggered, m_history, &NavigationHistory::back);

    m_forwardAction = new QAction(icon("go-forward"), QString(), this);
    m_forwardAction->setObjectName(QStringLiteral("forwardAction"));
    m_forwardAction->setShortcuts(Widgets::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence::Forward));
    m_retranslator->add([this] {
        m_forwardAction->setText(tr("&Forward"));
        m_forwardAction->setToolTip(tr("Forward (Alt+Right)"));
    });
    m_forwardAction->setEnabled(false);
    connect(m_forwardAction, &QAction::triggered, m_history, &NavigationHistory::forward);

    m_homeAction = new QAction(icon("home"), QString(), this);
    m_homeAction->setObjectName(QStringLiteral("homeAction"));
    m_homeAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Home));
    m_retranslator->add([this] {
        m_homeAction->setText(tr("&Home"));
        m_homeAction->setToolTip(tr("Home (Alt+Home)"));
    });
    m_homeAction->setCheckable(true);
    connect(m_homeAction, &QAction::triggered, this, &MainWindow::showHome);

    m_productsAction = new QAction(icon("products"), QString(), this);
    m_productsAction->setObjectName(QStringLiteral("productsAction"));
    m_productsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_retranslator->add([this] {
        m_productsAction->setText(tr("&Products"));
        m_productsAction->setToolTip(tr("All products (Ctrl+1)"));
    });
    m_productsAction->setCheckable(true);
    connect(m_productsAction, &QAction::triggered, this, &MainWindow::showProducts);
    auto *pageGroup = new QActionGroup(this);
    pageGroup->addAction(m_homeAction);
    pageGroup->addAction(m_productsAction);
    pageGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);

    auto *findAction = new QAction(icon("search"), QString(), this);
    m_retranslator->add([findAction] { findAction->setText(tr("&Search Products")); });
    findAction->setObjectName(QStringLiteral("findAction"));
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        showProducts();
        m_products->focusSearch();
    });

    auto *reloadAction = new QAction(icon("refresh"), QString(), this);
    m_retranslator->add([reloadAction] { reloadAction->setText(tr("&Reload")); });
    reloadAction->setObjectName(QStringLiteral("reloadAction"));
    reloadAction->setShortcut(QKeySequence::Refresh);
    connect(reloadAction, &QAction::triggered, this, [this] {
        const QWidget *page = currentPage();
        if (page == m_home) {
            m_home->refresh();
        } else if (page == m_products) {
            m_products->refresh();
        } else if (page == m_account) {
            m_account->refresh();
        } else if (page == m_cartPage) {
            m_cartPage->refresh();
        } else if (page == m_ordersPage) {
            m_ordersPage->refresh();
        } else if (page == m_orderDetail) {
            m_orderDetail->reload();
        } else {
            m_product->reload();
        }
    });

    auto *settingsAction = new QAction(icon("settings"), QString(), this);
    m_retranslator->add([settingsAction] { settingsAction->setText(tr("&Settings …")); });
    settingsAction->setObjectName(QStringLiteral("settingsAction"));
    settingsAction->setShortcuts(Widgets::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence::Preferences));
    settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(settingsAction, &QAction::triggered, this, &MainWindow::openSettings);

    auto *quitAction = new QAction(this);
    m_retranslator->add([quitAction] { quitAction->setText(tr("&Quit")); });
    quitAction->setShortcuts(Widgets::Shortcuts::withPlatformKeys(
        QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence::Quit));
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    auto *aboutAction = new QAction(this);
    m_retranslator->add([aboutAction] { aboutAction->setText(tr("&About Shop")); });
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Shop"),
                           tr("<h3>Shop %1</h3><p>The shop's storefront: browse the catalog of "
                              "the shop server at %2.</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    m_context.api()->baseUrl().toDisplayString().toHtmlEscaped()));
    });

    m_signInAction = new QAction(this);
    m_signInAction->setObjectName(QStringLiteral("signInAction"));
    connect(m_signInAction, &QAction::triggered, this, [this] { m_flows->signIn(); });
    m_registerAction = new QAction(this);
    m_registerAction->setObjectName(QStringLiteral("registerAction"));
    connect(m_registerAction, &QAction::triggered, m_flows, &AccountFlows::registerAccount);
    m_myAccountAction = new QAction(icon("account"), QString(), this);
    m_myAccountAction->setObjectName(QStringLiteral("myAccountAction"));
    connect(m_myAccountAction, &QAction::triggered, this, &MainWindow::showAccount);
    m_signOutAction = new QAction(this);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    connect(m_signOutAction, &QAction::triggered, this, [this] { m_context.session()->signOut(); });
    m_cartAction = new QAction(icon("cart"), QString(), this);
    m_cartAction->setObjectName(QStringLiteral("cartAction"));
    connect(m_cartAction, &QAction::triggered, this, &MainWindow::showCart);
    m_myOrdersAction = new QAction(this);
    m_myOrdersAction->setObjectName(QStringLiteral("myOrdersAction"));
    connect(m_myOrdersAction, &QAction::triggered, this, &MainWindow::showOrders);
    m_goOrdersAction = new QAction(this);
    m_goOrdersAction->setObjectName(QStringLiteral("goOrdersAction"));
    connect(m_goOrdersAction, &QAction::triggered, this, &MainWindow::showOrders);
    m_retranslator->add([this] {
        m_myOrdersAction->setText(tr("My O&rders"));
        m_goOrdersAction->setText(tr("My &Orders"));
        m_goOrdersAction->setToolTip(tr("Your orders (signed in)"));
        m_signInAction->setText(tr("Sign &In …"));
        m_registerAction->setText(tr("&Create an Account …"));
        m_myAccountAction->setText(tr("My &Account"));
        m_signOutAction->setText(tr("Sign &Out"));
    });

    QMenu *shopMenu = menuBar()->addMenu(QString());
    shopMenu->setObjectName(QStringLiteral("shopMenu"));
    shopMenu->addAction(settingsAction);
    shopMenu->addSeparator();
    shopMenu->addAction(quitAction);
    QMenu *goMenu = menuBar()->addMenu(QString());
    goMenu->addAction(m_backAction);
    goMenu->addAction(m_forwardAction);
    goMenu->addSeparator();
    goMenu->addAction(m_homeAction);
    goMenu->addAction(m_productsAction);
    goMenu->addAction(findAction);
    goMenu->addAction(m_cartAction);
    goMenu->addAction(m_goOrdersAction);
    goMenu->addSeparator();
    goMenu->addAction(reloadAction);
    QMenu *accountMenu = menuBar()->addMenu(QString());
    accountMenu->setObjectName(QStringLiteral("accountMenu"));
    const auto fillAccountMenu = [this](QMenu *menu) {
        menu->addAction(m_signInAction);
        menu->addAction(m_registerAction);
        menu->addAction(m_myAccountAction);
        menu->addAction(m_myOrdersAction);
        menu->addSeparator();
        menu->addAction(m_signOutAction);
    };
    fillAccountMenu(accountMenu);
    QMenu *helpMenu = menuBar()->addMenu(QString());
    helpMenu->addAction(aboutAction);
    m_retranslator->add([shopMenu, goMenu, accountMenu, helpMenu] {
        shopMenu->setTitle(tr("&Shop"));
        goMenu->setTitle(tr("&Go"));
        accountMenu->setTitle(tr("&Account"));
        helpMenu->setTitle(tr("&Help"));
    });

    QToolBar *toolbar = addToolBar(QString());
    m_retranslator->add([toolbar] { toolbar->setWindowTitle(tr("Navigation")); });
    toolbar->setObjectName(QStringLiteral("navigationToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_backAction);
    toolbar->addAction(m_forwardAction);
    toolbar->addSeparator();
    toolbar->addAction(m_homeAction);
    toolbar->addAction(m_productsAction);
    toolbar->addAction(reloadAction);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_cartButton = new QToolButton(toolbar);
    m_cartButton->setObjectName(QStringLiteral("cartButton"));
    m_cartButton->setDefaultAction(m_cartAction);
    m_cartButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(m_cartButton);
    m_accountButton = new QToolButton(toolbar);
    m_accountButton->setObjectName(QStringLiteral("accountButton"));
    m_accountButton->setIcon(icon("account"));
    m_accountButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_accountButton->setPopupMode(QToolButton::InstantPopup);
    auto *accountButtonMenu = new QMenu(m_accountButton);
    fillAccountMenu(accountButtonMenu);
    m_accountButton->setMenu(accountButtonMenu);
    toolbar->addWidget(m_accountButton);
    toolbar->addAction(settingsAction);
}

void MainWindow::updateAccount()
{
    if (!m_accountButton) {
        return;
    }
    const auto user = m_context.session()->user();
    m_signInAction->setVisible(!user);
    m_registerAction->setVisible(!user);
    m_myAccountAction->setVisible(bool(user));
    m_myOrdersAction->setVisible(bool(user));
    m_signOutAction->setVisible(bool(user));
    m_accountButton->setText(user ? user->displayName() : tr("Sign In"));
    m_accountButton->setToolTip(user ? tr("Signed in as %1").arg(user->email)
                                     : tr("Not signed in. Browsing the catalog needs no account."));
}

void MainWindow::updateCartBadge()
{
    if (!m_cartAction) {
        return;
    }
    const int count = m_cart->itemCount();
    m_cartAction->setText(count > 0 ? tr("&Cart (%1)").arg(count) : tr("&Cart"));
    m_cartAction->setToolTip(count > 0 ? tr("%n item(s) in your cart", nullptr, count)
                                       : tr("Your cart is empty"));
}

void MainWindow::addToCart(const Product &product)
{
    const QString name = product.name;
    if (product.stockQuantity <= 0) {
        statusBar()->showMessage(tr("%1 is out of stock: it cannot be ordered now.").arg(name),
                                 15000);
        return;
    }
    m_cart->add(product, 1, this, [this, name](Result<Commerce::CartView> result) {
        if (result) {
            statusBar()->showMessage(tr("Added %1 to your cart.").arg(name), 5000);
        } else {
            const Error &error = result.error();
            statusBar()->showMessage(
                tr("%1 was not added: %2")
                    .arg(name,
                         !error.fieldErrors.isEmpty()
                             ? Client::UserMessages::fieldError(error.fieldErrors.first())
                             : Client::UserMessages::describe(error, m_context.api()->baseUrl())
                                   .message),
                15000);
        }
    });
}

void MainWindow::showCart()
{
    m_history->navigate(Location {Location::Page::Cart, {}, {}});
}

void MainWindow::checkOut()
{
    if (m_context.session()->isSignedIn()) {
        openCheckout();
        return;
    }
    m_checkoutAfterSignIn = true;
    SignInDialog *dialog =
        m_flows->signIn(tr("Sign in to check out. Your cart is kept and added to your account."));
    connect(dialog, &QDialog::finished, this, [this] {
        // Cancelled, unless the customer went on to register (which signs in too) or back.
        QTimer::singleShot(0, this, [this] {
            const auto registering = findChildren<RegisterDialog *>();
            const bool open = m_flows->signInDialog()
                || std::any_of(registering.begin(), registering.end(),
                               [](const RegisterDialog *d) { return d->isVisible(); });
            if (!m_context.session()->isSignedIn() && !open) {
                m_checkoutAfterSignIn = false;
            }
        });
    });
}

void MainWindow::openCheckout()
{
    if (m_checkout) {
        m_checkout->raise();
        return;
    }
    if (m_history->current().page != Location::Page::Cart) {
        showCart();
    }
    m_checkout = new CheckoutDialog(m_context, m_cart, this);
    m_checkout->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_checkout, &CheckoutDialog::orderPlaced, this, &MainWindow::orderPlaced);
    connect(m_checkout, &CheckoutDialog::viewOrderRequested, this, &MainWindow::viewOrderRequested);
    connect(m_checkout, &CheckoutDialog::viewOrderRequested, this, &MainWindow::openOrder);
    connect(m_checkout, &CheckoutDialog::shortageFound, m_cartPage, &CartPage::showShortage);
    m_checkout->open();
}

void MainWindow::showAccount()
{
    m_history->navigate(Location {Location::Page::Account, {}, {}});
}

void MainWindow::showOrders()
{
    m_history->navigate(Location {Location::Page::Orders, {}, {}});
    if (!m_context.session()->isSignedIn()) {
        m_flows->signIn(tr("Sign in to see your orders."));
    }
}

void MainWindow::openOrder(const QString &orderId)
{
    if (!orderId.isEmpty()) {
        m_history->navigate(Location {Location::Page::Order, {}, orderId});
    }
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::showHome()
{
    m_history->navigate(Location {Location::Page::Home, {}});
}

void MainWindow::showProducts()
{
    m_history->navigate(Location {Location::Page::Products, {}});
}

void MainWindow::openProduct(const QString &productId)
{
    m_history->navigate(Location {Location::Page::Product, productId});
}

void MainWindow::showCategory(const QString &slug)
{
    m_products->showCategory(slug);
    showProducts();
}

void MainWindow::showLocation(const Location &location)
{
    switch (location.page) {
    case Location::Page::Home:
        m_pages->setCurrentWidget(m_home);
        m_homeAction->setChecked(true);
        break;
    case Location::Page::Products:
        m_pages->setCurrentWidget(m_products);
        m_productsAction->setChecked(true);
        break;
    case Location::Page::Product:
        m_homeAction->setChecked(false);
        m_productsAction->setChecked(false);
        m_pages->setCurrentWidget(m_product);
        m_product->showProduct(location.productId);
        break;
    case Location::Page::Account:
        m_homeAction->setChecked(false);
        m_productsAction->setChecked(false);
        m_pages->setCurrentWidget(m_account);
        m_account->refresh();
        break;
    case Location::Page::Cart:
        m_homeAction->setChecked(false);
        m_productsAction->setChecked(false);
        m_pages->setCurrentWidget(m_cartPage);
        m_cartPage->refresh();
        break;
    case Location::Page::Orders:
        m_homeAction->setChecked(false);
        m_productsAction->setChecked(false);
        m_pages->setCurrentWidget(m_ordersPage);
        m_ordersPage->refresh();
        break;
    case Location::Page::Order:
        m_homeAction->setChecked(false);
        m_productsAction->setChecked(false);
        m_pages->setCurrentWidget(m_orderDetail);
        m_orderDetail->showOrder(location.orderId);
        break;
    }
    updateWindowTitle();
}

void MainWindow::updateWindowTitle()
{
    const QWidget *page = currentPage();
    if (page == m_home) {
        setWindowTitle(tr("Home"));
    } else if (page == m_products) {
        setWindowTitle(tr("Products"));
    } else if (page == m_account) {
        setWindowTitle(tr("My Account"));
    } else if (page == m_cartPage) {
        setWindowTitle(tr("Cart"));
    } else if (page == m_ordersPage) {
        setWindowTitle(tr("My Orders"));
    } else if (page == m_orderDetail) {
        setWindowTitle(m_orderDetail->order() ? tr("Order %1").arg(m_orderDetail->order()->number)
                                              : tr("Order"));
    } else if (m_product->product()) {
        setWindowTitle(m_product->product()->name);
    }
}

void MainWindow::openSettings()
{
    Widgets::SettingsDialog::openFor(this, m_context);
}

void MainWindow::updateServerStatus(bool reachable)
{
    m_serverReachable = reachable;
    const QString server = m_context.api()->baseUrl().toDisplayString();
    m_serverStatus->setText(reachable ? tr("Server: %1").arg(server)
                                      : tr("Server: %1 (not reachable)").arg(server));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonPress && watched->isWidgetType()
        && static_cast<QWidget *>(watched)->window() == this) {
        const Qt::MouseButton button = static_cast<QMouseEvent *>(event)->button();
        QAction *action = button == Qt::BackButton ? m_backAction
            : button == Qt::ForwardButton          ? m_forwardAction
                                                   : nullptr;
        if (action != nullptr) {
            if (action->isEnabled()) {
                action->trigger();
            }
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Widgets::WindowState::save(*this, m_context.settings(), kSettingsKey);
    event->accept();
}

} // namespace Shop::Storefront
