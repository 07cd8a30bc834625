#pragma once

#include "client/admincatalogclient.h"

#include <QIdentityProxyModel>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Shop::Client {
class CatalogClient;
class ProductListModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Admin {

class CsvImportDialog;
class ProductConflictDialog;
class ProductDialog;
class StockIntakeDialog;

// The products table's model as the view sees it: the price and stock cells are editable in
// place; an edit is not applied here but handed to the page (editRequested), which sends it and
// puts the server's answer into the source model.
class ProductEditProxy final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductEditProxy)

public:
    using QIdentityProxyModel::QIdentityProxyModel;

    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

Q_SIGNALS:
    void editRequested(int row, int column, const QVariant &value);
};

// The whole catalog as a table: server-side search and sort (a header click asks the server for
// that order), loaded page by page as the table scrolls, so 100,000 products never freeze it.
class ProductsTablePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductsTablePage)

public:
    static constexpr int kPageSize = 100;
    static constexpr int kSearchDelayMs = 300;

    explicit ProductsTablePage(Widgets::AppContext &context, QWidget *parent = nullptr);

    [[nodiscard]] Client::ProductListModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QLineEdit *searchEdit() const { return m_search; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }

    void focusSearch();
    void clearSearch();
    void refresh();

    // Catalog management (docs/apps.md, "Catalog management in the console"). The actions have
    // object names (newProductAction, editProductAction, stockIntakeAction, activateAction,
    // deactivateAction, moveToCategoryAction, importCsvAction, exportCsvAction) so the window's
    // menus and the command palette can list them.
    [[nodiscard]] QList<QAction *> catalogActions() const { return m_actions; }
    [[nodiscard]] QAction *action(const QString &objectName) const;
    [[nodiscard]] Client::AdminCatalogClient *adminClient() const { return m_admin; }
    [[nodiscard]] QLabel *noticeLabel() const { return m_notice; }
    [[nodiscard]] ProductDialog *productDialog() const;
    [[nodiscard]] StockIntakeDialog *stockIntakeDialog() const;
    [[nodiscard]] ProductConflictDialog *conflictDialog() const;
    [[nodiscard]] bool isBulkRunning() const { return !m_bulkQueue.isEmpty() || m_bulkBusy; }

    ProductDialog *newProduct();
    ProductDialog *editProduct(const ProductId &id);
    StockIntakeDialog *openStockIntake();
    CsvImportDialog *openCsvImport();
    // GET /api/admin/products/export.csv with the table's search, written to `path`; the
    // notice says how it went.
    void exportCsv(const QString &path);
    [[nodiscard]] CsvImportDialog *csvImportDialog() const;
    // The selected rows' products, in table order.
    [[nodiscard]] QList<Product> selectedProducts() const;
    // Bulk changes of the selected rows, one request after the other, with progress and a
    // summary of the failures in the notice.
    void setSelectedActive(bool active);
    void moveSelectedToCategory(const std::optional<CategoryId> &category);

Q_SIGNALS:
    void bulkFinished(int succeeded, int failed);
    void productSaved(const Shop::Client::AdminProduct &product);
    void exported(bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateNameColumnWidth();
    void applySearch();
    void onHeaderClicked(int column);
    void updateSortIndicator();
    void updateState();
    void createActions();
    void updateActions();
    void onEditRequested(int row, int column, const QVariant &value);
    void changePrice(const Product &shown, const Money &price);
    void countStock(const Product &shown, int counted);
    void resolveConflict(const Client::ProductDraft &mine, const Client::AdminProduct &servers);
    void applySaved(const Client::AdminProduct &product);
    void showNotice(const QString &text, bool isError = false);
    void startBulk(const QString &title,
                   std::function<void(const Product &, std::function<void(Result<bool>)>)> step);
    void runNextBulkStep();
    [[nodiscard]] Currency storeCurrency() const;

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Client::ProductListModel *m_model;
    QTimer m_searchDelay;
    QLineEdit *m_search;
    QLabel *m_count;
    QPushButton *m_retryMore;
    QStackedWidget *m_stack;
    QTableView *m_table;
    Widgets::StatusPanel *m_status;
    Client::AdminCatalogClient *m_admin;
    ProductEditProxy *m_proxy;
    QLabel *m_notice;
    QProgressBar *m_progress;
    QList<QAction *> m_actions;
    QPointer<ProductDialog> m_dialog;
    QPointer<StockIntakeDialog> m_intake;
    QPointer<CsvImportDialog> m_csvImport;
    QPointer<ProductConflictDialog> m_conflict;
    QList<Product> m_bulkQueue;
    std::function<void(const Product &, std::function<void(Result<bool>)>)> m_bulkStep;
    QStringList m_bulkFailures;
    int m_bulkDone = 0;
    int m_bulkTotal = 0;
    bool m_bulkBusy = false;
};

} // namespace Shop::Admin
