#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateNameColumnWidth();
    void applySearch();
    void onHeaderClicked(int column);
    void updateSortIndicator();
    void updateState();

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
};

} // namespace Shop::Admin
