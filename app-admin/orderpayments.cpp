#include "orderpayments.h"

#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Shop::Admin {

namespace {

const QStringList kReasons {QStringLiteral("requested_by_customer"), QStringLiteral("duplicate"),
                            QStringLiteral("fraudulent")};

QString when(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

} // namespace

RefundDialog::RefundDialog(Client::PaymentsClient *payments,
                           const Client::PaymentDocument &document, QWidget *parent)
    : QDialog(parent)
    , m_payments(payments)
    , m_document(document)
    , m_amount(new QLineEdit(this))
    , m_amountError(new QLabel(this))
    , m_reason(new QComboBox(this))
    , m_note(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_refund(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("refundDialog"));
    setWindowModality(Qt::WindowModal);
    m_amount->setObjectName(QStringLiteral("refundAmount"));
    m_amount->setText(document.refundable.toDecimalString());
    m_amountError->setObjectName(QStringLiteral("refundAmountError"));
    m_amountError->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_amountError->setWordWrap(true);
    m_amountError->hide();
    m_reason->setObjectName(QStringLiteral("refundReason"));
    for (const QString &reason : kReasons) {
        m_reason->addItem(Client::PaymentsClient::refundReasonText(reason), reason);
    }
    m_note->setObjectName(QStringLiteral("refundNote"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(fontMetrics().height() * 5);
    m_message->setObjectName(QStringLiteral("refundMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_message->hide();
    m_refund->setObjectName(QStringLiteral("refundSubmit"));
    m_refund->setDefault(true);

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    auto *amountColumn = new QVBoxLayout;
    amountColumn->addWidget(m_amount);
    amountColumn->addWidget(m_amountError);
    auto *form = new QFormLayout;
    auto *amountLabel = new QLabel(this);
    auto *reasonLabel = new QLabel(this);
    auto *noteLabel = new QLabel(this);
    amountLabel->setBuddy(m_amount);
    reasonLabel->setBuddy(m_reason);
    noteLabel->setBuddy(m_note);
    form->addRow(amountLabel, amountColumn);
    form->addRow(reasonLabel, m_reason);
    form->addRow(noteLabel, m_note);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_refund);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        setWindowTitle(tr("Refund Order %1").arg(m_document.orderNumber));
        intro->setText(tr("Paid %1; refunded so far %2. Up to %3 can be refunded to the "
                          "customer's card.")
                           .arg(m_document.total.format(QLocale()),
                                m_document.refunded.format(QLocale()),
                                m_document.refundable.format(QLocale())));
        amountLabel->setText(tr("&Amount (%1):").arg(m_document.total.currency().code()));
        reasonLabel->setText(tr("&Reason:"));
        noteLabel->setText(tr("&Note:"));
        for (int i = 0; i < kReasons.size(); ++i) {
            m_reason->setItemText(i, Client::PaymentsClient::refundReasonText(kReasons.at(i)));
        }
        m_refund->setText(tr("&Refund"));
        m_cancel->setText(tr("Cancel"));
    });
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, windowTitle(), question) == QMessageBox::Yes;
    };
    connect(m_refund, &QPushButton::clicked, this, &RefundDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_note, &QPlainTextEdit::textChanged, this, &RefundDialog::updateButtons);
    connect(m_amount, &QLineEdit::textChanged, this, [this] {
        m_amountError->hide();
        updateButtons();
    });
    updateButtons();
}

void RefundDialog::updateButtons()
{
    m_refund->setEnabled(!m_busy && !m_note->toPlainText().trimmed().isEmpty()
                         && !m_amount->text().trimmed().isEmpty());
    m_cancel->setEnabled(!m_busy);
    m_amount->setEnabled(!m_busy);
    m_reason->setEnabled(!m_busy);
    m_note->setEnabled(!m_busy);
}

void RefundDialog::submit()
{
    if (m_busy || !m_refund->isEnabled()) {
        return;
    }
    m_message->hide();
    const Currency currency = m_document.total.currency();
    const auto amount = Money::parseDecimal(m_amount->text().trimmed(), currency);
    if (!amount || amount->minorUnits() <= 0) {
        m_amountError->setText(
            tr("Enter an amount such as %1.").arg(m_document.refundable.toDecimalString()));
        m_amountError->show();
        m_amount->setFocus();
        return;
    }
    if (!m_confirm(tr("Refund %1 of order %2 to the customer's card? This cannot be undone.")
                       .arg(amount->format(QLocale()), m_document.orderNumber))) {
        return;
    }
    Client::RefundRequest request;
    // Everything refundable is sent as "everything": no race with a refund made meanwhile.
    if (amount->minorUnits() != m_document.refundable.minorUnits()) {
        request.amount = amount->minorUnits();
    }
    request.reason = m_reason->currentData().toString();
    request.note = m_note->toPlainText().trimmed().left(500);
    m_busy = true;
    updateButtons();
    m_payments->refund(m_document.orderId, request, this,
                       [this](Result<Client::RefundInfo> result) {
                           m_busy = false;
                           updateButtons();
                           if (result) {
                               m_done = *result;
                               accept();
                               return;
                           }
                           const Error &error = result.error();
                           for (const FieldError &field : error.fieldErrors) {
                               if (field.field == u"amount") {
                                   m_amountError->setText(Client::UserMessages::fieldError(field));
                                   m_amountError->show();
                                   m_amount->setFocus();
                                   m_amount->selectAll();
                                   return;
                               }
                           }
                           QString text = error.message;
                           if (error.code == ErrorCode::Conflict) {
                               text = tr("Nothing was paid for this order: there is nothing "
                                         "to refund.");
                           } else if (text.isEmpty()
                                      || (error.code != ErrorCode::Validation
                                          && error.code != ErrorCode::BadRequest)) {
                               text = Client::UserMessages::describe(error, QUrl()).message;
                           }
                           m_message->setText(text);
                           m_message->show();
                       });
}

OrderPaymentsPanel::OrderPaymentsPanel(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_payments(new Client::PaymentsClient(context.api(), this))
    , m_summary(new QLabel(this))
    , m_view(new QTreeWidget(this))
    , m_refund(new QPushButton(this))
{
    setObjectName(QStringLiteral("orderPayments"));
    m_summary->setObjectName(QStringLiteral("paymentSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(QStringLiteral("paymentRows"));
    m_view->setRootIsDecorated(false);
    m_view->setColumnCount(6);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    m_view->setMinimumHeight(fontMetrics().height() * 4);
    m_refund->setObjectName(QStringLiteral("refundButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refund);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this] {
        m_view->setHeaderLabels({tr("What"), tr("Stripe id"), tr("State"), tr("Amount"), tr("When"),
                                 tr("Reason and note")});
        m_refund->setText(tr("Re&fund …"));
        fill();
    });
    connect(m_refund, &QPushButton::clicked, this, [this] { openRefund(); });
    clear();
}

void OrderPaymentsPanel::clear()
{
    ++m_generation;
    m_orderId.clear();
    m_document.reset();
    m_loaded = false;
    fill();
}

void OrderPaymentsPanel::showOrder(const QString &orderId)
{
    if (orderId != m_orderId) {
        m_document.reset();
        m_loaded = false;
        fill();
    }
    m_orderId = orderId;
    reload();
}

void OrderPaymentsPanel::reload()
{
    if (m_orderId.isEmpty()) {
        return;
    }
    const quint64 generation = ++m_generation;
    m_payments->adminPaymentState(
        m_orderId, this, [this, generation](Result<Client::PaymentDocument> result) {
            if (generation != m_generation) {
                return;
            }
            m_loaded = true;
            if (!result) {
                m_document.reset();
                fill();
                m_summary->setText(tr("The payment could not be loaded: %1")
                                       .arg(Client::UserMessages::describe(
                                                result.error(), m_context.api()->baseUrl())
                                                .message));
                return;
            }
            m_document = *result;
            fill();
        });
}

void OrderPaymentsPanel::fill()
{
    m_view->clear();
    m_refund->setEnabled(m_document && m_document->refundable.minorUnits() > 0);
    if (!m_document) {
        m_summary->setText(m_orderId.isEmpty() || !m_loaded ? QString() : m_summary->text());
        return;
    }
    const QLocale locale;
    const Client::PaymentDocument &d = *m_document;
    if (!d.payment) {
        m_summary->setText(tr("No payment yet."));
        return;
    }
    m_summary->setText(tr("Refunded %1 of %2; %3 can still be refunded.")
                           .arg(d.refunded.format(locale), d.payment->amount.format(locale),
                                d.refundable.format(locale)));
    auto *payment = new QTreeWidgetItem(
        m_view,
        {tr("Payment"), d.payment->paymentIntentId,
         Client::PaymentsClient::paymentStatusText(d.payment->status),
         d.payment->amount.format(locale), when(d.payment->updatedAt), d.payment->lastError});
    payment->setData(1, Qt::UserRole, d.payment->status);
    for (const Client::RefundInfo &refund : d.refunds) {
        QStringList why {Client::PaymentsClient::refundReasonText(refund.reason)};
        if (!refund.note.isEmpty()) {
            why << refund.note;
        }
        auto *item = new QTreeWidgetItem(m_view,
                                         {tr("Refund"), refund.stripeRefundId,
                                          Client::PaymentsClient::paymentStatusText(refund.status),
                                          refund.amount.format(locale), when(refund.createdAt),
                                          why.join(QStringLiteral(": "))});
        item->setData(1, Qt::UserRole, refund.status);
    }
}

RefundDialog *OrderPaymentsPanel::openRefund()
{
    if (!m_document || m_document->refundable.minorUnits() <= 0) {
        return nullptr;
    }
    auto *dialog = new RefundDialog(m_payments, *m_document, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_confirm) {
        dialog->setConfirm(m_confirm);
    }
    const QString orderId = m_orderId;
    connect(dialog, &QDialog::accepted, this, [this, orderId] {
        reload();
        Q_EMIT refunded(orderId);
    });
    dialog->open();
    return dialog;
}

} // namespace Shop::Admin
