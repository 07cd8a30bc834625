#pragma once

#include <QMainWindow>

#include <array>

class QAction;
class QLabel;
class QMenu;
class QListWidget;
class QStackedWidget;

namespace Shop::Client {
class AdminEvents;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class Retranslator;
class SettingsDialog;
} // namespace Shop::Widgets

namespace Shop::Admin {

class CategoriesPage;
class CommandPalette;
class CustomersPage;
class DashboardPage;
class IdleSignOut;
class LiveOrders;
class OrdersPage;
class ProductsTablePage;
class SignInPage;

// The admin console: a section list (Dashboard, Orders, Products, Customers, Categories) and
// the selected section. Ctrl+1..5 switch sections, Ctrl+F searches (orders in Orders, customers
// in Customers, else products), F5 reloads.
// With Access::SignInRequired (the app) the console opens only after a staff member (role
// admin) signs in; it shows who is signed in, signs out on request, when the server ends the
// session, and after the configured time without input (Settings::idleSignOutMinutes).
class AdminWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminWindow)

public:
    enum Section {
        DashboardSection,
        OrdersSection,
        ProductsSection,
        CustomersSection,
        CategoriesSection,
        SectionCount
    };
    Q_ENUM(Section)

    static inline const QString kSettingsKey = QStringLiteral("admin/main");
    static constexpr int kMaxIdleSignOutMinutes = 24 * 60;

    // Open: the console without a sign-in step (tests of the catalog sections and measurements;
    // the server still refuses admin calls without an admin's token).
    enum class Access { SignInRequired, Open };

    explicit AdminWindow(Widgets::AppContext &context, QWidget *parent = nullptr,
                         Access access = Access::SignInRequired);
    ~AdminWindow() override;

    void showSection(Section section);
    [[nodiscard]] Section currentSection() const;
    [[nodiscard]] DashboardPage *dashboardPage() const { return m_dashboard; }
    [[nodiscard]] OrdersPage *ordersPage() const { return m_orders; }
    [[nodiscard]] ProductsTablePage *productsPage() const { return m_products; }
    [[nodiscard]] CategoriesPage *categoriesPage() const { return m_categories; }
    [[nodiscard]] CustomersPage *customersPage() const { return m_customers; }
    [[nodiscard]] QWidget *sectionWidget(Section section) const;
    [[nodiscard]] bool isConsoleOpen() const;
    [[nodiscard]] SignInPage *signInPage() const { return m_signIn; }
    [[nodiscard]] IdleSignOut *idleSignOut() const { return m_idle; }
    [[nodiscard]] QString signedInText() const;
    void signOut();
    // The live feed (GET /api/admin/events): running while the console is open; it feeds the
    // Orders table, the notifications and the dashboard (LiveOrders, DashboardPage).
    [[nodiscard]] Client::AdminEvents *events() const { return m_events; }
    [[nodiscard]] LiveOrders *liveOrders() const { return m_live; }
    [[nodiscard]] QLabel *liveIndicator() const { return m_liveStatus; }
    // Ctrl+K: products, orders, customers and every action of the window by typing.
    [[nodiscard]] CommandPalette *commandPalette() const { return m_palette; }
    void openCommandPalette();
    // Console > Settings (not blocking): the shared dialog plus the idle sign-out time.
    Widgets::SettingsDialog *openSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void applyIdleSignOutSetting();
    void reloadCurrent();
    void updateServerStatus(bool reachable);
    void openConsole();
    void closeConsole(const QString &why, bool isError);
    void updateSignedIn();
    void setConsoleActionsEnabled(bool enabled);

    Widgets::AppContext &m_context;
    Access m_access;
    QStackedWidget *m_gate;
    SignInPage *m_signIn;
    IdleSignOut *m_idle;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    DashboardPage *m_dashboard;
    OrdersPage *m_orders;
    ProductsTablePage *m_products;
    CategoriesPage *m_categories;
    CustomersPage *m_customers;
    Widgets::Retranslator *m_retranslator = nullptr;
    std::array<QAction *, SectionCount> m_sectionActions {};
    QLabel *m_serverStatus = nullptr;
    QLabel *m_signedIn = nullptr;
    QAction *m_signOutAction = nullptr;
    QMenu *m_goMenu = nullptr;
    QMenu *m_catalogMenu = nullptr;
    void createLive();
    Client::AdminEvents *m_events = nullptr;
    LiveOrders *m_live = nullptr;
    QLabel *m_liveStatus = nullptr;
    CommandPalette *m_palette = nullptr;
    bool m_consoleOpen = false;
    bool m_serverReachable = true;
};

} // namespace Shop::Admin
