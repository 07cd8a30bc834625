#pragma once

#include <QWidget>

class QStackedWidget;
class QTreeView;

namespace Shop::Client {
class CatalogClient;
class CategoryTreeModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Admin {

// The category tree with product counts, read-only for now.
class CategoriesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoriesPage)

public:
    explicit CategoriesPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Client::CategoryTreeModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    void refresh();

private:
    void updateState();

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Client::CategoryTreeModel *m_model;
    QStackedWidget *m_stack;
    QTreeView *m_view;
    Widgets::StatusPanel *m_status;
};

} // namespace Shop::Admin
