#include "checkoutdialog.h"

#include "addressdialog.h"
#include "client/accountclient.h"
#include "client/usermessages.h"
#include "paymentpage.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/uistyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Shop::Storefront {

CheckoutDialog::CheckoutDialog(Widgets::AppContext &context, Client::CartClient *cart,
                               QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_cart(cart)
    , m_stack(new QStackedWidget(this))
    , m_addresses(new QComboBox(this))
    , m_newAddress(new QPushButton(this))
    , m_review(new QLabel(this))
    , m_subtotal(new QLabel(this))
    , m_tax(new QLabel(this))
    , m_shipping(new QLabel(this))
    , m_total(new QLabel(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_place(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_placedText(new QLabel(this))
    , m_viewOrder(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("checkoutDialog"));
    setWindowModality(Qt::WindowModal);
    m_addresses->setObjectName(QStringLiteral("shippingAddress"));
    m_addresses->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_addresses->setMinimumContentsLength(40);
    m_newAddress->setObjectName(QStringLiteral("newAddressButton"));
    m_review->setObjectName(QStringLiteral("reviewLines"));
    m_review->setTextFormat(Qt::PlainText);
    m_review->setWordWrap(true);
    m_subtotal->setObjectName(QStringLiteral("checkoutSubtotal"));
    m_tax->setObjectName(QStringLiteral("checkoutTax"));
    m_shipping->setObjectName(QStringLiteral("checkoutShipping"));
    m_total->setObjectName(QStringLiteral("checkoutTotal"));
    m_total->setFont(Widgets::UiStyle::scaled(font(), 1.2));
    for (QLabel *amount : {m_subtotal, m_tax, m_shipping, m_total}) {
        amount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    m_message->setObjectName(QStringLiteral("checkoutMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_message->hide();
    m_progress->setObjectName(QStringLiteral("checkoutProgress"));
    m_progress->setRange(0, 0); // busy
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_place->setObjectName(QStringLiteral("placeOrderButton"));
    m_place->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelCheckout"));
    m_placedText->setObjectName(QStringLiteral("placedText"));
    m_placedText->setWordWrap(true);
    m_placedText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_viewOrder->setObjectName(QStringLiteral("viewOrderButton"));
    m_viewOrder->setDefault(true);
    m_close->setObjectName(QStringLiteral("closeCheckout"));

    // The form: address, review, totals.
    auto *form = new QWidget(this);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    auto *addressHeading = new QLabel(form);
    addressHeading->setFont(Widgets::UiStyle::scaled(font(), 1.1));
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_addresses, 1);
    addressRow->addWidget(m_newAddress);
    auto *reviewHeading = new QLabel(form);
    reviewHeading->setFont(addressHeading->font());
    auto *totals = new QFormLayout;
    auto *subtotalLabel = new QLabel(form);
    auto *taxLabel = new QLabel(form);
    auto *shippingLabel = new QLabel(form);
    auto *totalLabel = new QLabel(form);
    totalLabel->setFont(m_total->font());
    totals->addRow(subtotalLabel, m_subtotal);
    totals->addRow(taxLabel, m_tax);
    totals->addRow(shippingLabel, m_shipping);
    totals->addRow(totalLabel, m_total);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_place);
    formLayout->addWidget(addressHeading);
    formLayout->addLayout(addressRow);
    formLayout->addSpacing(fontMetrics().height() / 2);
    formLayout->addWidget(reviewHeading);
    formLayout->addWidget(m_review);
    formLayout->addLayout(totals);
    formLayout->addWidget(m_message);
    formLayout->addWidget(m_progress);
    formLayout->addStretch(1);
    formLayout->addLayout(buttons);

    // The end: the order is placed and waits for payment; the payment step (PaymentPage) goes
    // between the text and the buttons once the order is placed.
    auto *placed = new QWidget(this);
    auto *placedLayout = new QVBoxLayout(placed);
    placedLayout->setContentsMargins(0, 0, 0, 0);
    auto *placedHeading = new QLabel(placed);
    placedHeading->setFont(Widgets::UiStyle::scaled(font(), 1.3));
    auto *placedButtons = new QHBoxLayout;
    placedButtons->addStretch(1);
    placedButtons->addWidget(m_close);
    placedButtons->addWidget(m_viewOrder);
    placedLayout->addWidget(placedHeading);
    placedLayout->addWidget(m_placedText);
    placedLayout->addStretch(1);
    placedLayout->addLayout(placedButtons);
    m_placedLayout = placedLayout;

    m_stack->addWidget(form);
    m_stack->addWidget(placed);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        setWindowTitle(tr("Check Out"));
        addressHeading->setText(tr("Ship to"));
        m_newAddress->setText(tr("&New Address …"));
        reviewHeading->setText(tr("Review your order"));
        subtotalLabel->setText(tr("Subtotal:"));
        taxLabel->setText(tr("Tax:"));
        shippingLabel->setText(tr("Shipping:"));
        totalLabel->setText(tr("Total:"));
        m_place->setText(tr("&Place Order"));
        m_cancel->setText(tr("Cancel"));
        placedHeading->setText(tr("Thank you for your order"));
        m_viewOrder->setText(tr("&View Order"));
        m_close->setText(m_payment && m_payment->state() != PaymentPage::State::Paid
                             ? tr("Pay &Later")
                             : tr("Close"));
        showTotals();
    });

    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_place, &QPushButton::clicked, this, &CheckoutDialog::placeOrder);
    connect(m_newAddress, &QPushButton::clicked, this, &CheckoutDialog::addAddress);
    connect(m_viewOrder, &QPushButton::clicked, this, [this] {
        if (m_order) {
            Q_EMIT viewOrderRequested(m_order->id);
        }
        accept();
    });
    connect(m_addresses, &QComboBox::currentIndexChanged, this, &CheckoutDialog::requestQuote);
    if (m_cart) {
        connect(m_cart, &Client::CartClient::changed, this, &CheckoutDialog::showTotals);
    }
    showTotals();
    loadAddresses();
}

QString CheckoutDialog::addressId() const
{
    return m_addresses->currentData().toString();
}

QString CheckoutDialog::message() const
{
    return m_message->isVisible() || !m_message->text().isEmpty() ? m_message->text() : QString();
}

void CheckoutDialog::loadAddresses(const QString &select)
{
    m_loadingAddresses = true;
    updateButtons();
    m_context.account()->addresses(this, [this, select](Result<QList<Client::Address>> result) {
        m_loadingAddresses = false;
        if (!result) {
            showMessage(
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl()).message);
            updateButtons();
            return;
        }
        m_addressList = *result;
        {
            const QSignalBlocker blocker(m_addresses);
            m_addresses->clear();
            for (const Client::Address &address : std::as_const(m_addressList)) {
                m_addresses->addItem(address.summary(), address.id);
            }
            int index = select.isEmpty() ? 0 : m_addresses->findData(select);
            m_addresses->setCurrentIndex(m_addressList.isEmpty() ? -1 : std::max(0, index));
        }
        if (m_addressList.isEmpty()) {
            showMessage(tr("Add the address the order goes to with \"New Address\"."));
        }
        requestQuote();
    });
}

void CheckoutDialog::addAddress()
{
    Client::Address fresh;
    fresh.isDefault = m_addressList.isEmpty();
    auto *dialog = new AddressDialog(m_context, fresh, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &AddressDialog::saved, this,
            [this](const Client::Address &address) { loadAddresses(address.id); });
    dialog->open();
}

void CheckoutDialog::requestQuote()
{
    m_quoted = false;
    const QString id = addressId();
    if (!m_cart || id.isEmpty()) {
        showTotals();
        updateButtons();
        return;
    }
    m_message->hide();
    m_quoting = true;
    updateButtons();
    m_cart->quote(Client::TaxDestination {id, {}, {}}, this,
                  [this, id](Result<Commerce::CartView> result) {
                      if (id != addressId()) {
                          return; // another address was chosen meanwhile
                      }
                      m_quoting = false;
                      if (!result) {
                          showMessage(Client::UserMessages::describe(result.error(),
                                                                     m_context.api()->baseUrl())
                                          .message);
                      } else {
                          m_quoted = true;
                      }
                      showTotals();
                      updateButtons();
                  });
}

void CheckoutDialog::showTotals()
{
    if (!m_cart) {
        return;
    }
    const QLocale locale;
    const Commerce::CartView &cart = m_cart->cart();
    QStringList lines;
    for (const auto &line : cart.lines) {
        if (line.available) {
            lines << tr("%1 × %2: %3")
                         .arg(line.quantity)
                         .arg(line.name, line.lineTotal.format(locale));
        } else {
            lines << tr("%1: no longer available, not ordered").arg(line.name);
        }
    }
    m_review->setText(lines.isEmpty() ? tr("Your cart is empty.") : lines.join(u'\n'));
    const Commerce::Totals &totals = cart.totals;
    const bool known = m_quoted && !m_cart->taxPending();
    m_subtotal->setText(totals.subtotal.format(locale));
    m_tax->setText(known ? totals.tax.format(locale) : tr("calculated for the address"));
    m_shipping->setText(known ? totals.shipping.format(locale) : tr("calculated for the address"));
    m_total->setText(known ? totals.total.format(locale) : QStringLiteral("—"));
    updateButtons();
}

void CheckoutDialog::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void CheckoutDialog::updateButtons()
{
    const bool busy = m_placing || m_quoting || m_loadingAddresses;
    const bool ready =
        m_cart && m_quoted && !addressId().isEmpty() && m_cart->cart().totals.itemCount > 0;
    m_place->setEnabled(!busy && ready);
    m_addresses->setEnabled(!m_placing && !m_loadingAddresses);
    m_newAddress->setEnabled(!m_placing);
    m_cancel->setEnabled(!m_placing);
    m_progress->setVisible(busy);
}

void CheckoutDialog::placeOrder()
{
    if (!m_cart || m_placing || !m_place->isEnabled()) {
        return;
    }
    m_placing = true;
    m_message->hide();
    updateButtons();
    m_cart->checkout(
        Client::ShippingChoice::saved(addressId()), this,
        [this](Result<Commerce::OrderView> result) {
            m_placing = false;
            updateButtons();
            if (result) {
                m_order = *result;
                const QLocale locale;
                m_placedText->setText(
                    tr("Order %1 is placed and waiting for payment. Pay below; the order is held "
                       "until %2.")
                        .arg(m_order->number,
                             locale.toString(m_order->expiresAt.toLocalTime(),
                                             QLocale::ShortFormat)));
                m_stack->setCurrentIndex(1);
                Q_EMIT orderPlaced(m_order->id);
                startPayment();
                return;
            }
            const Error &error = result.error();
            const auto shortage = Client::CartClient::shortageLines(error);
            if (!shortage.isEmpty()) {
                QStringList names;
                for (const auto &line : shortage) {
                    names << (line.isUnavailable() ? tr("%1 (no longer sold)").arg(line.name)
                                                   : tr("%1 (%2 wanted, %3 available)")
                                                         .arg(line.name)
                                                         .arg(line.requested)
                                                         .arg(line.available));
                }
                showMessage(tr("Not enough stock for: %1. Change these lines in the cart; "
                               "nothing was ordered.")
                                .arg(names.join(QStringLiteral("; "))));
                Q_EMIT shortageFound(shortage);
                return;
            }
            if (error.code == ErrorCode::Unavailable || error.code == ErrorCode::Timeout) {
                showMessage(
                    tr("%1 Press \"Place Order\" again: the order will not be placed "
                       "twice.")
                        .arg(Client::UserMessages::describe(error, m_context.api()->baseUrl())
                                 .message));
                return;
            }
            const QString text = error.code == ErrorCode::Validation && !error.fieldErrors.isEmpty()
                ? Client::UserMessages::fieldError(error.fieldErrors.first())
                : Client::UserMessages::describe(error, m_context.api()->baseUrl()).message;
            showMessage(text);
        });
}

void CheckoutDialog::startPayment()
{
    if (!m_order || m_payment) {
        return;
    }
    // The payment step: created now, so that checking out loads QtWebEngine only at this point.
    m_payment = new PaymentPage(m_context, this);
    m_placedLayout->insertWidget(m_placedLayout->indexOf(m_placedText) + 1, m_payment, 1);
    m_placedLayout->setStretch(m_placedLayout->indexOf(m_payment) + 1, 0); // the payment grows
    m_close->setText(tr("Pay &Later"));
    connect(m_payment, &PaymentPage::stateChanged, this, [this](PaymentPage::State state) {
        const bool busy = m_payment->isBusy();
        m_close->setEnabled(!busy);
        m_viewOrder->setEnabled(!busy);
        m_close->setText(state == PaymentPage::State::Paid ? tr("Close") : tr("Pay &Later"));
        if (state == PaymentPage::State::Paid) {
            m_placedText->setText(tr("Thank you: order %1 is paid.").arg(m_order->number));
            m_viewOrder->setDefault(true);
            m_viewOrder->setFocus();
        }
    });
    connect(m_payment, &PaymentPage::paid, this, &CheckoutDialog::orderPaid);
    resize(std::max(width(), 600), std::max(height(), 640));
    m_payment->start(m_order->id);
}

void CheckoutDialog::reject()
{
    if (m_payment && m_payment->isBusy()) {
        return; // the payment is being confirmed: its outcome is shown first
    }
    QDialog::reject();
}

} // namespace Shop::Storefront
