#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "money.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace Shop::Client {
class CatalogClient;
class CategoryTreeModel;
class ProductListModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Storefront {

class ProductGridView;

// The catalog: a grid of product cards with search (debounced), category, brand, price and
// stock filters and a sort order; pages load as the grid scrolls. The brand box offers every
// brand of the current category (GET /api/brands), not only those of the loaded cards. Empty and
// error states say what happened and offer what to do next.
class ProductsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductsPage)

public:
    static constexpr int kSearchDelayMs = 300;

    explicit ProductsPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Client::ProductListModel *model() const { return m_model; }
    [[nodiscard]] Client::CategoryTreeModel *categoryModel() const { return m_categories; }
    [[nodiscard]] ProductGridView *grid() const { return m_grid; }
    [[nodiscard]] QLineEdit *searchEdit() const { return m_search; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }
    [[nodiscard]] bool isShowingGrid() const;
    // The query the page asks for now (filters as entered).
    [[nodiscard]] ProductQuery currentQuery() const;

    void focusSearch();
    void clearSearch();
    void clearFilters();
    // Shows one category only (other filters cleared); "" for all.
    void showCategory(const QString &slug);
    // Shows everything in `sort` order, optionally only what is in stock.
    void showSorted(ProductSort sort, bool inStockOnly);
    void refresh();

Q_SIGNALS:
    void productActivated(const QString &productId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilters();
    // Empties search, brand and prices, sets these, and asks for the result once.
    void resetFilters(const QString &category, bool inStockOnly, std::optional<ProductSort> sort);
    void updateState();
    // Asks the server for the brands of the current category; showBrands() fills the box.
    void reloadBrands();
    void showBrands(const QList<Brand> &brands);
    [[nodiscard]] static QString brandToolTip(qint64 productCount);
    void selectCategory(const QString &slug);
    [[nodiscard]] std::optional<qint64> parsePrice(QLineEdit *edit) const;
    [[nodiscard]] bool hasFilters() const;

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Client::ProductListModel *m_model;
    Client::CategoryTreeModel *m_categories;
    QTimer m_searchDelay;
    QLineEdit *m_search;
    QComboBox *m_sort;
    QLabel *m_count;
    QTreeView *m_categoryView;
    QComboBox *m_brand;
    QLineEdit *m_minPrice;
    QLineEdit *m_maxPrice;
    QCheckBox *m_inStock;
    QPushButton *m_clearFilters;
    QStackedWidget *m_stack;
    ProductGridView *m_grid;
    Widgets::StatusPanel *m_status;
    QString m_category;
    Currency m_currency;
    std::optional<QString> m_brandsCategory; // the category the brand box was last asked for
    quint64 m_brandsRequest = 0;
    bool m_applying = false;
};

} // namespace Shop::Storefront
