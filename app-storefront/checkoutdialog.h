#pragma once

#include "client/account.h"
#include "client/cartclient.h"
#include "commerce/views.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

class PaymentPage;

// Checkout: choose a saved address (or add one to the address book, validated as in the account
// page), see the tax and shipping for it (the server's figures for this cart and address),
// review the lines and place the order. The order is placed pending, with the time it is held
// until; then the payment step (PaymentPage) opens below it: card fields in Stripe's Payment
// Element, Pay, and the server's word on the outcome. "Pay Later" leaves the order pending (the
// order page offers "Pay Now"). While a request runs its buttons are disabled and a progress bar
// shows: one click, one order.
class CheckoutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckoutDialog)

public:
    CheckoutDialog(Widgets::AppContext &context, Client::CartClient *cart,
                   QWidget *parent = nullptr);

    [[nodiscard]] QComboBox *addressBox() const { return m_addresses; }
    [[nodiscard]] QPushButton *placeOrderButton() const { return m_place; }
    // The address chosen, empty while none is.
    [[nodiscard]] QString addressId() const;
    // The placed order (after orderPlaced()).
    [[nodiscard]] const std::optional<Commerce::OrderView> &order() const { return m_order; }
    [[nodiscard]] bool isPlaced() const { return m_order.has_value(); }
    // Whether the totals shown are the server's for the chosen address.
    [[nodiscard]] bool isQuoted() const { return m_quoted; }
    [[nodiscard]] QString message() const;
    // The payment step, null until the order is placed.
    [[nodiscard]] PaymentPage *paymentPage() const { return m_payment; }

    void placeOrder();
    void loadAddresses(const QString &select = {});
    void reject() override;

Q_SIGNALS:
    void orderPlaced(const QString &orderId);
    void viewOrderRequested(const QString &orderId);
    // The server says the order is paid.
    void orderPaid(const QString &orderId);
    // The order was refused for lack of stock (409): which lines.
    void shortageFound(const QList<Shop::Client::ShortageLine> &lines);

private:
    void requestQuote();
    void showTotals();
    void showMessage(const QString &text);
    void updateButtons();
    void addAddress();
    void startPayment();

    Widgets::AppContext &m_context;
    QPointer<Client::CartClient> m_cart;
    QList<Client::Address> m_addressList;
    std::optional<Commerce::OrderView> m_order;
    bool m_loadingAddresses = false;
    bool m_quoting = false;
    bool m_quoted = false;
    bool m_placing = false;
    QStackedWidget *m_stack;
    QComboBox *m_addresses;
    QPushButton *m_newAddress;
    QLabel *m_review;
    QLabel *m_subtotal;
    QLabel *m_tax;
    QLabel *m_shipping;
    QLabel *m_total;
    QLabel *m_message;
    QProgressBar *m_progress;
    QPushButton *m_place;
    QPushButton *m_cancel;
    QLabel *m_placedText;
    QPushButton *m_viewOrder;
    QPushButton *m_close;
    QVBoxLayout *m_placedLayout = nullptr;
    PaymentPage *m_payment = nullptr;
};

} // namespace Shop::Storefront
