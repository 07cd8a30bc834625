#pragma once

#include <QMainWindow>

#include <array>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace Shop::Widgets {
class AppContext;
class Retranslator;
} // namespace Shop::Widgets

namespace Shop::Admin {

class CategoriesPage;
class DashboardPage;
class ProductsTablePage;

// The admin console: a section list (Dashboard, Orders, Products, Customers, Categories) and
// the selected section. Ctrl+1..5 switch sections, Ctrl+F searches products, F5 reloads.
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

    explicit AdminWindow(Widgets::AppContext &context, QWidget *parent = nullptr);
    ~AdminWindow() override;

    void showSection(Section section);
    [[nodiscard]] Section currentSection() const;
    [[nodiscard]] DashboardPage *dashboardPage() const { return m_dashboard; }
    [[nodiscard]] ProductsTablePage *productsPage() const { return m_products; }
    [[nodiscard]] CategoriesPage *categoriesPage() const { return m_categories; }
    [[nodiscard]] QWidget *sectionWidget(Section section) const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void openSettings();
    void reloadCurrent();
    void updateServerStatus(bool reachable);

    Widgets::AppContext &m_context;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    DashboardPage *m_dashboard;
    ProductsTablePage *m_products;
    CategoriesPage *m_categories;
    Widgets::Retranslator *m_retranslator = nullptr;
    std::array<QAction *, SectionCount> m_sectionActions {};
    QLabel *m_serverStatus = nullptr;
    bool m_serverReachable = true;
};

} // namespace Shop::Admin
