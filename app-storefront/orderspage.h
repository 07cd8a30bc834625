#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Shop::Client {
class OrderListModel;
class OrdersClient;
} // namespace Shop::Client

namespace Shop::Commerce {
struct OrderView;
}

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Storefront {

// "My orders": the signed-in customer's orders, newest first (number, date, status, items,
// total), more loaded as the table scrolls. Activating a row (double click, Enter, "Open")
// asks for the order's detail page. Signed out, it offers to sign in; signing out forgets the
// rows, signing in as someone else loads theirs.
class OrdersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)

public:
    OrdersPage(Widgets::AppContext &context, Client::OrdersClient *orders,
               QWidget *parent = nullptr);

    // Loads the first page again (signed in only).
    void refresh();
    // The order changed on another page (a cancel): its row follows.
    void updateOrder(const Commerce::OrderView &order);

    [[nodiscard]] Client::OrderListModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }
    [[nodiscard]] bool isSignedInView() const;

Q_SIGNALS:
    void orderActivated(const QString &orderId);
    void signInRequested();

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // The next page when the rows on show do not fill the table (the view itself asks only when
    // it is scrolled to the end, which it cannot be without a scroll bar).
    void fetchMoreIfRoom();
    void updateSignedIn();
    void updateState();
    void openCurrent();

    Widgets::AppContext &m_context;
    Client::OrderListModel *m_model;
    QString m_userId;
    QStackedWidget *m_pages;
    QLabel *m_title;
    QLabel *m_summary;
    QTableView *m_table;
    Widgets::StatusPanel *m_status;
    QStackedWidget *m_content; // the table or the status panel
    QPushButton *m_open;
    QTimer *m_fill;
};

} // namespace Shop::Storefront
