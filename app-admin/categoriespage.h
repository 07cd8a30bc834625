#pragma once

#include "catalog/product.h"

#include <QIdentityProxyModel>
#include <QTreeView>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QStackedWidget;

namespace Shop::Client {
class AdminCatalogClient;
class CatalogClient;
class CategoryTreeModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Admin {

// The category tree as the view sees it: every category can be dragged and dropped onto
// another one (or onto the empty space: to the top level).
class CategoryDragProxy final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoryDragProxy)

public:
    using QIdentityProxyModel::QIdentityProxyModel;

    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] Qt::DropActions supportedDragActions() const override;
};

// A drop does not move anything in the view: it asks the page to move the category on the
// server (moveRequested); the tree is loaded again afterwards, so a refused move leaves the
// category where it was.
class CategoryTreeView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoryTreeView)

public:
    using QTreeView::QTreeView;

Q_SIGNALS:
    // `parent` empty: to the top level.
    void moveRequested(const QString &categoryId, const QString &parentId);

protected:
    void dropEvent(QDropEvent *event) override;
};

// The category tree editor: create (at the top or under the selected category), rename, delete
// (only empty categories; the server's 409 explained), and moves by drag and drop (a move under
// its own subcategory is refused by the server: its error is shown and the tree put back).
// Keys: Ctrl+N new, Ctrl+Shift+N new subcategory, F2 rename, Delete delete.
class CategoriesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoriesPage)

public:
    explicit CategoriesPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Client::CategoryTreeModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] QList<QAction *> categoryActions() const { return m_actions; }
    void refresh();

    // The selected category's id, or empty.
    [[nodiscard]] QString selectedId() const;
    // The view's index of a category by slug.
    [[nodiscard]] QModelIndex viewIndexForSlug(const QString &slug) const;

    // The edits, as the actions and a drop send them (the actions ask for names first).
    void createCategory(const QString &name, const QString &parentId);
    void renameCategory(const QString &id, const QString &name);
    void deleteCategory(const QString &id);
    void moveCategory(const QString &id, const QString &parentId);

Q_SIGNALS:
    void changeFinished(bool ok);

private:
    void updateState();
    void createActions();
    void finish(const QString &okText, const Error *error, const QString &what);
    void setBusy(bool busy);
    [[nodiscard]] QString nameOf(const QString &id) const;

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Client::AdminCatalogClient *m_admin;
    Client::CategoryTreeModel *m_model;
    CategoryDragProxy *m_proxy;
    QStackedWidget *m_stack;
    CategoryTreeView *m_view;
    Widgets::StatusPanel *m_status;
    QLabel *m_message;
    QList<QAction *> m_actions;
    QString m_selectAfterLoad; // a slug or id to select when the tree is back
    bool m_busy = false;
};

} // namespace Shop::Admin
