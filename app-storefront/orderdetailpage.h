#pragma once

#include "commerce/views.h"
#include "error.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTreeWidget;

namespace Shop::Client {
class OrdersClient;
}

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Storefront {

// One of the customer's orders: number, dates, status, a timeline from the order's history
// (from → to, when, who: you, the shop's staff or the shop itself, why), the items with
// quantities and prices, subtotal, tax, shipping and total, the shipping address as it was when
// ordering, the carrier and tracking number once shipped, and while pending the time the order is
// held until and "Pay Now" (the payment step in a PaymentDialog). "Cancel Order" while the state
// machine lets the customer cancel (Commerce::customerMayCancel): after a confirmation, the new
// state is shown; when the order moved on meanwhile (409), what happened is said and the order
// reloaded.
class OrderDetailPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailPage)

public:
    OrderDetailPage(Widgets::AppContext &context, Client::OrdersClient *orders,
                    QWidget *parent = nullptr);

    // Loads the order (signed in only; signed out, the page offers to sign in).
    void showOrder(const QString &orderId);
    void reload();
    // Asks for confirmation, then cancels.
    void cancelOrder();
    // A pending order: the payment step in a PaymentDialog; the order is reloaded afterwards.
    void payOrder();

    [[nodiscard]] QString orderId() const { return m_orderId; }
    [[nodiscard]] const std::optional<Commerce::OrderView> &order() const { return m_order; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }
    [[nodiscard]] QString message() const;
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancel; }
    [[nodiscard]] QPushButton *payButton() const { return m_pay; }
    [[nodiscard]] QTableWidget *itemsTable() const { return m_items; }
    [[nodiscard]] QTreeWidget *timeline() const { return m_timeline; }

    // "you", "the shop's staff", "the shop" (translated), as the timeline names who acted.
    [[nodiscard]] static QString actorText(Commerce::Actor actor);
    // The server's reason for a transition, translated when it is one the server words itself.
    [[nodiscard]] static QString reasonText(const QString &reason);
    // What the page says when a cancel came too late (409): how the order moved on.
    [[nodiscard]] static QString movedOnText(const Commerce::OrderView &order,
                                             const QString &fallback);

Q_SIGNALS:
    void signInRequested();
    void backToOrdersRequested();
    // The order was loaded or changed (after a cancel): the list may show the new state.
    void orderChanged(const Shop::Commerce::OrderView &order);
    void titleChanged();

private:
    void updateSignedIn();
    void load();
    void showLoaded(const Commerce::OrderView &order);
    void showFailure(const Error &error);
    void fill();
    void setMessage(const QString &text, bool isError = false);

    Widgets::AppContext &m_context;
    Client::OrdersClient *m_orders;
    QString m_orderId;
    QString m_userId; // whose order is on show
    std::optional<Commerce::OrderView> m_order;
    quint64 m_generation = 0;
    bool m_cancelling = false;
    QStackedWidget *m_pages; // signed out, status panel, the order
    Widgets::StatusPanel *m_status;
    QLabel *m_title;
    QLabel *m_message;
    QLabel *m_state;
    QLabel *m_dates;
    QLabel *m_hold;
    QLabel *m_shipping;
    QTableWidget *m_items;
    QLabel *m_subtotal;
    QLabel *m_tax;
    QLabel *m_shippingCost;
    QLabel *m_total;
    QLabel *m_address;
    QTreeWidget *m_timeline;
    QPushButton *m_cancel;
    QPushButton *m_pay;
    QPushButton *m_back;
    QLabel *m_itemsHeading;
    QLabel *m_totalsHeading;
    QLabel *m_addressHeading;
    QLabel *m_timelineHeading;
    QLabel *m_subtotalLabel;
    QLabel *m_taxLabel;
    QLabel *m_shippingLabel;
    QLabel *m_totalLabel;
};

} // namespace Shop::Storefront
