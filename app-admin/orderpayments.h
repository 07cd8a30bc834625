#pragma once

#include "client/paymentsclient.h"

#include <QDialog>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Admin {

// "Refund": the amount (everything refundable by default; money in the order's currency), the
// reason (Stripe's: requested by the customer, duplicate, fraudulent) and a note (required). A
// confirmation first; a refused amount (422) is shown at the amount field and the dialog stays.
class RefundDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundDialog)

public:
    // Returns true to go ahead (default: a question box); tests replace it.
    using Confirm = std::function<bool(const QString &question)>;

    RefundDialog(Client::PaymentsClient *payments, const Client::PaymentDocument &document,
                 QWidget *parent = nullptr);

    [[nodiscard]] QLineEdit *amountEdit() const { return m_amount; }
    [[nodiscard]] QComboBox *reasonBox() const { return m_reason; }
    [[nodiscard]] QPlainTextEdit *noteEdit() const { return m_note; }
    [[nodiscard]] QLabel *amountError() const { return m_amountError; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    [[nodiscard]] QPushButton *refundButton() const { return m_refund; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    // The refund made (after accepted()).
    [[nodiscard]] const std::optional<Client::RefundInfo> &refund() const { return m_done; }

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void submit();

private:
    void updateButtons();

    Client::PaymentsClient *m_payments;
    Client::PaymentDocument m_document;
    Confirm m_confirm;
    std::optional<Client::RefundInfo> m_done;
    bool m_busy = false;
    QLineEdit *m_amount;
    QLabel *m_amountError;
    QComboBox *m_reason;
    QPlainTextEdit *m_note;
    QLabel *m_message;
    QPushButton *m_refund;
    QPushButton *m_cancel;
};

// The order's payment and refunds in the order details (GET /api/admin/orders/{id}/payment):
// the PaymentIntent's Stripe id, state and amount, each refund with its Stripe id, state,
// amount, reason and note, what was refunded and what is left; "Refund …" opens a RefundDialog.
class OrderPaymentsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderPaymentsPanel)

public:
    explicit OrderPaymentsPanel(Widgets::AppContext &context, QWidget *parent = nullptr);

    void showOrder(const QString &orderId);
    void reload();
    void clear();
    // Opens the refund dialog for the shown payment.
    RefundDialog *openRefund();

    [[nodiscard]] QTreeWidget *view() const { return m_view; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] QPushButton *refundButton() const { return m_refund; }
    [[nodiscard]] const std::optional<Client::PaymentDocument> &document() const
    {
        return m_document;
    }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    // For tests: the confirmation every refund dialog uses.
    void setConfirm(RefundDialog::Confirm confirm) { m_confirm = std::move(confirm); }

Q_SIGNALS:
    // A refund was made: the order (its status) may have changed.
    void refunded(const QString &orderId);

private:
    void fill();

    Widgets::AppContext &m_context;
    Client::PaymentsClient *m_payments;
    QString m_orderId;
    std::optional<Client::PaymentDocument> m_document;
    quint64 m_generation = 0;
    bool m_loaded = false;
    RefundDialog::Confirm m_confirm;
    QLabel *m_summary;
    QTreeWidget *m_view;
    QPushButton *m_refund;
};

} // namespace Shop::Admin
