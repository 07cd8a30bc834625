#pragma once

#include "navigationhistory.h"

#include "checkoutdialog.h"
#include "client/cartclient.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace Shop::Client {
class OrdersClient;
}

namespace Shop::Widgets {
class AppContext;
class Retranslator;
} // namespace Shop::Widgets

namespace Shop::Storefront {

class AccountFlows;
class AccountPage;
class CartPage;
class OrderDetailPage;
class OrdersPage;
class HomePage;
class ProductPage;
class ProductsPage;

// The storefront window: Home, Products, Product and Account pages with browser-like
// back/forward navigation (toolbar, Alt+Left/Right), Ctrl+F for search, settings, remembered
// geometry, and the account button (who is signed in; sign in, register, my account, sign out).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static inline const QString kSettingsKey = QStringLiteral("storefront/main");

    explicit MainWindow(Widgets::AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] HomePage *homePage() const { return m_home; }
    [[nodiscard]] ProductsPage *productsPage() const { return m_products; }
    [[nodiscard]] ProductPage *productPage() const { return m_product; }
    [[nodiscard]] AccountPage *accountPage() const { return m_account; }
    [[nodiscard]] AccountFlows *accountFlows() const { return m_flows; }
    [[nodiscard]] OrdersPage *ordersPage() const { return m_ordersPage; }
    [[nodiscard]] OrderDetailPage *orderDetailPage() const { return m_orderDetail; }
    [[nodiscard]] QToolButton *accountButton() const { return m_accountButton; }
    [[nodiscard]] Client::CartClient *cart() const { return m_cart; }
    [[nodiscard]] CartPage *cartPage() const { return m_cartPage; }
    // The toolbar's cart badge: the number of items; opens the cart.
    [[nodiscard]] QToolButton *cartButton() const { return m_cartButton; }
    [[nodiscard]] CheckoutDialog *checkoutDialog() const { return m_checkout; }
    [[nodiscard]] NavigationHistory *history() const { return m_history; }
    [[nodiscard]] QWidget *currentPage() const;

    void showHome();
    void showProducts();
    void openProduct(const QString &productId);
    void showCategory(const QString &slug);
    void showAccount();
    void showCart();
    // Opens checkout; a guest is asked to sign in first (the cart is kept and merged).
    void checkOut();
    // "My orders"; signed out, the page says why it is empty and the sign-in dialog opens.
    void showOrders();
    void openSettings();

public Q_SLOTS:
    // One of the signed-in customer's orders (e.g. the one just placed at checkout).
    void openOrder(const QString &orderId);

Q_SIGNALS:
    // The first product grid on show has its products (for the start-up measurement).
    void catalogShown();
    // Checkout placed an order (pending until payments exist).
    void orderPlaced(const QString &orderId);
    // "View Order" after checkout (the window then opens the order with openOrder()).
    void viewOrderRequested(const QString &orderId);

protected:
    void closeEvent(QCloseEvent *event) override;
    // The mouse's back and forward buttons, pressed anywhere in this window.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void showLocation(const Location &location);
    void updateWindowTitle();
    void updateServerStatus(bool reachable);
    void updateAccount();
    void updateCartBadge();
    void openCheckout();
    void addToCart(const Product &product);

    Widgets::AppContext &m_context;
    NavigationHistory *m_history;
    QStackedWidget *m_pages;
    HomePage *m_home;
    ProductsPage *m_products;
    ProductPage *m_product;
    AccountPage *m_account;
    AccountFlows *m_flows;
    Client::CartClient *m_cart = nullptr;
    CartPage *m_cartPage = nullptr;
    QPointer<CheckoutDialog> m_checkout;
    bool m_checkoutAfterSignIn = false;
    QAction *m_cartAction = nullptr;
    QToolButton *m_cartButton = nullptr;
    Client::OrdersClient *m_ordersClient;
    OrdersPage *m_ordersPage;
    OrderDetailPage *m_orderDetail;
    Widgets::Retranslator *m_retranslator = nullptr;
    bool m_serverReachable = true;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_homeAction = nullptr;
    QAction *m_productsAction = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_registerAction = nullptr;
    QAction *m_myAccountAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_myOrdersAction = nullptr; // the account menus: signed in only
    QAction *m_goOrdersAction = nullptr; // the Go menu: always
    QToolButton *m_accountButton = nullptr;
    QLabel *m_serverStatus;
    bool m_catalogShown = false;
};

} // namespace Shop::Storefront
