#pragma once

#include "catalog/productquery.h"

#include <QWidget>

#include <functional>

class QLabel;
class QStackedWidget;
class QTreeView;

namespace Shop::Client {
class CatalogClient;
class CategoryTreeModel;
class ProductListModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class Retranslator;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Storefront {

class ProductGridView;

// The start page: the category tree and a couple of product strips (new arrivals, best prices),
// each with a "See all" link into the catalog.
class HomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HomePage)

public:
    static constexpr int kStripLength = 8;

    explicit HomePage(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Client::ProductListModel *newArrivals() const { return m_newArrivals; }
    [[nodiscard]] Client::ProductListModel *bestPrices() const { return m_bestPrices; }
    [[nodiscard]] Client::CategoryTreeModel *categoryModel() const { return m_categories; }
    [[nodiscard]] ProductGridView *newArrivalsView() const { return m_newArrivalsView; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }
    [[nodiscard]] bool isShowingContent() const;

    void refresh();

Q_SIGNALS:
    void productActivated(const QString &productId);
    void categoryActivated(const QString &slug);
    void seeAllRequested(Shop::ProductSort sort, bool inStockOnly);

private:
    [[nodiscard]] QWidget *makeStrip(const std::function<QString()> &title,
                                     Client::ProductListModel *model, ProductGridView *view,
                                     ProductSort sort);
    void updateState();

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Widgets::Retranslator *m_retranslator = nullptr;
    Client::CategoryTreeModel *m_categories;
    Client::ProductListModel *m_newArrivals;
    Client::ProductListModel *m_bestPrices;
    QStackedWidget *m_stack;
    Widgets::StatusPanel *m_status;
    QTreeView *m_categoryView;
    ProductGridView *m_newArrivalsView;
    ProductGridView *m_bestPricesView;
};

} // namespace Shop::Storefront
