#pragma once

#include <QDialog>

class QPushButton;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

class PaymentPage;

// "Pay Now" for a pending order from the order history: the payment step (PaymentPage) in a
// dialog of its own. paid() when the server says the order is paid.
class PaymentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentDialog)

public:
    PaymentDialog(Widgets::AppContext &context, const QString &orderId, QWidget *parent = nullptr);

    [[nodiscard]] PaymentPage *paymentPage() const { return m_page; }
    [[nodiscard]] QPushButton *closeButton() const { return m_close; }

    void reject() override;

Q_SIGNALS:
    void paid(const QString &orderId);

private:
    PaymentPage *m_page;
    QPushButton *m_close;
};

} // namespace Shop::Storefront
