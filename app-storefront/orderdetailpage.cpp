#include "orderdetailpage.h"

#include "paymentdialog.h"

#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/ordersclient.h"
#include "commerce/orderstatus.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"
#include "widgets/uistyle.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcOrderPage, "shop.storefront.orders", QtInfoMsg)

namespace Shop::Storefront {

namespace {

enum PageIndex { SignedOutPage, StatusPage, OrderPage };

QString when(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

QLabel *heading(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setFont(Widgets::UiStyle::scaled(parent->font(), 1.15));
    return label;
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

OrderDetailPage::OrderDetailPage(Widgets::AppContext &context, Client::OrdersClient *orders,
                                 QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_orders(orders)
    , m_pages(new QStackedWidget(this))
    , m_status(new Widgets::StatusPanel(this))
{
    setObjectName(QStringLiteral("orderDetailPage"));
    m_status->setObjectName(QStringLiteral("orderStatusPanel"));

    // Signed out
    auto *signedOut = new QWidget(m_pages);
    auto *signedOutText = new QLabel(signedOut);
    signedOutText->setWordWrap(true);
    signedOutText->setAlignment(Qt::AlignCenter);
    auto *signIn = new QPushButton(signedOut);
    signIn->setObjectName(QStringLiteral("orderSignIn"));
    auto *signedOutLayout = new QVBoxLayout(signedOut);
    signedOutLayout->addStretch(1);
    signedOutLayout->addWidget(signedOutText);
    signedOutLayout->addWidget(signIn, 0, Qt::AlignCenter);
    signedOutLayout->addStretch(2);
    connect(signIn, &QPushButton::clicked, this, &OrderDetailPage::signInRequested);

    // The order
    auto *scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    const auto label = [content](const char *name) {
        auto *l = new QLabel(content);
        l->setObjectName(QLatin1String(name));
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    m_title = label("orderTitle");
    m_title->setFont(Widgets::UiStyle::scaled(font(), 1.5));
    m_message = label("orderMessage");
    m_state = label("orderState");
    m_state->setFont(Widgets::UiStyle::scaled(font(), 1.15));
    m_dates = label("orderDates");
    m_hold = label("orderHold");
    m_shipping = label("orderShipping");
    m_address = label("orderAddress");
    m_subtotal = label("orderSubtotal");
    m_tax = label("orderTax");
    m_shippingCost = label("orderShippingCost");
    m_total = label("orderTotal");
    for (QLabel *amount : {m_subtotal, m_tax, m_shippingCost, m_total}) {
        amount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);
    m_cancel = new QPushButton(content);
    m_cancel->setObjectName(QStringLiteral("cancelOrder"));
    m_back = new QPushButton(content);
    m_back->setObjectName(QStringLiteral("backToOrders"));
    m_pay = new QPushButton(content);
    m_pay->setObjectName(QStringLiteral("payOrder"));

    m_items = new QTableWidget(0, 5, content);
    m_items->setObjectName(QStringLiteral("orderItems"));
    m_items->verticalHeader()->hide();
    m_items->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_items->setSelectionMode(QAbstractItemView::NoSelection);
    m_items->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_items->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_items->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_items->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_timeline = new QTreeWidget(content);
    m_timeline->setObjectName(QStringLiteral("orderTimeline"));
    m_timeline->setColumnCount(4);
    m_timeline->setRootIsDecorated(false);
    m_timeline->setSelectionMode(QAbstractItemView::NoSelection);
    m_timeline->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_timeline->header()->setStretchLastSection(true);
    m_timeline->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);

    m_itemsHeading = heading(content);
    m_totalsHeading = heading(content);
    m_addressHeading = heading(content);
    m_timelineHeading = heading(content);
    m_subtotalLabel = new QLabel(content);
    m_taxLabel = new QLabel(content);
    m_shippingLabel = new QLabel(content);
    m_totalLabel = new QLabel(content);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_back);
    top->addWidget(m_cancel);
    top->addWidget(m_pay);
    auto *totals = new QFormLayout;
    totals->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    totals->addRow(m_subtotalLabel, m_subtotal);
    totals->addRow(m_taxLabel, m_tax);
    totals->addRow(m_shippingLabel, m_shippingCost);
    totals->addRow(m_totalLabel, m_total);
    auto *totalsAndAddress = new QHBoxLayout;
    auto *totalsColumn = new QVBoxLayout;
    totalsColumn->addWidget(m_totalsHeading);
    totalsColumn->addLayout(totals);
    totalsColumn->addStretch(1);
    auto *addressColumn = new QVBoxLayout;
    addressColumn->addWidget(m_addressHeading);
    addressColumn->addWidget(m_address);
    addressColumn->addStretch(1);
    totalsAndAddress->addLayout(totalsColumn);
    totalsAndAddress->addSpacing(48);
    totalsAndAddress->addLayout(addressColumn, 1);

    auto *layout = new QVBoxLayout(content);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_state);
    layout->addWidget(m_dates);
    layout->addWidget(m_hold);
    layout->addWidget(m_shipping);
    layout->addWidget(m_itemsHeading);
    layout->addWidget(m_items);
    layout->addLayout(totalsAndAddress);
    layout->addWidget(m_timelineHeading);
    layout->addWidget(m_timeline);
    layout->addStretch(1);
    scroll->setWidget(content);

    m_pages->addWidget(signedOut);
    m_pages->addWidget(m_status);
    m_pages->addWidget(scroll);
    auto *pageLayout = new QVBoxLayout(this);
    pageLayout->addWidget(m_pages);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        signedOutText->setText(tr("Sign in to see your orders."));
        signIn->setText(tr("Sign In …"));
        m_cancel->setText(tr("&Cancel Order …"));
        m_pay->setText(tr("&Pay Now …"));
        m_back->setText(tr("All &Orders"));
        m_itemsHeading->setText(tr("Items"));
        m_totalsHeading->setText(tr("Totals"));
        m_addressHeading->setText(tr("Shipping address"));
        m_timelineHeading->setText(tr("History"));
        m_subtotalLabel->setText(tr("Subtotal:"));
        m_taxLabel->setText(tr("Tax:"));
        m_shippingLabel->setText(tr("Shipping:"));
        m_totalLabel->setText(tr("Total:"));
        m_items->setHorizontalHeaderLabels(
            {tr("Product"), tr("SKU"), tr("Quantity"), tr("Unit price"), tr("Total")});
        m_timeline->setHeaderLabels({tr("Change"), tr("When"), tr("By"), tr("Reason")});
        fill();
    });

    connect(m_cancel, &QPushButton::clicked, this, &OrderDetailPage::cancelOrder);
    connect(m_pay, &QPushButton::clicked, this, &OrderDetailPage::payOrder);
    connect(m_back, &QPushButton::clicked, this, &OrderDetailPage::backToOrdersRequested);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &OrderDetailPage::reload);
    connect(context.session(), &Client::AuthSession::userChanged, this,
            &OrderDetailPage::updateSignedIn);
    updateSignedIn();
}

QString OrderDetailPage::message() const
{
    return m_message->text();
}

void OrderDetailPage::setMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #c62828;") : QString());
    m_message->setVisible(!text.isEmpty());
}

QString OrderDetailPage::actorText(Commerce::Actor actor)
{
    switch (actor) {
    case Commerce::Actor::Customer:
        return tr("you");
    case Commerce::Actor::Staff:
        return tr("the shop's staff");
    case Commerce::Actor::System:
        return tr("the shop (automatically)");
    }
    return {};
}

QString OrderDetailPage::reasonText(const QString &reason)
{
    // The reasons the server words itself (server/orders); staff notes are shown as written.
    if (reason == QLatin1String("placed")) {
        return tr("Order placed");
    }
    if (reason == QLatin1String("expired")) {
        return tr("Not paid in time");
    }
    if (reason == QLatin1String("cancelled by the customer")) {
        return tr("Cancelled by you");
    }
    if (reason == QLatin1String("payment succeeded")) {
        return tr("Payment received");
    }
    return reason;
}

QString OrderDetailPage::movedOnText(const Commerce::OrderView &order, const QString &fallback)
{
    if (order.status == Commerce::OrderStatus::Cancelled) {
        for (auto it = order.history.crbegin(); it != order.history.crend(); ++it) {
            if (it->to == Commerce::OrderStatus::Cancelled) {
                return tr("The order had already been cancelled (%1, by %2), so nothing changed.")
                    .arg(when(it->at), actorText(it->actor));
            }
        }
        return tr("The order had already been cancelled, so nothing changed.");
    }
    if (!Commerce::customerMayCancel(order.status)) {
        return tr("The order can no longer be cancelled: its status is now “%1”.")
            .arg(Client::OrdersClient::statusText(order.status));
    }
    return fallback;
}

void OrderDetailPage::updateSignedIn()
{
    const auto user = m_context.session()->user();
    if (!user) {
        ++m_generation;
        m_userId.clear();
        m_order.reset();
        m_pages->setCurrentIndex(SignedOutPage);
        Q_EMIT titleChanged();
        return;
    }
    if (user->id != m_userId) {
        // Another person: nothing of the previous one's order stays.
        m_userId = user->id;
        m_order.reset();
        setMessage(QString());
        if (!m_orderId.isEmpty()) {
            load();
        }
    }
}

void OrderDetailPage::showOrder(const QString &orderId)
{
    if (orderId != m_orderId) {
        m_order.reset();
        setMessage(QString());
    }
    m_orderId = orderId;
    load();
}

void OrderDetailPage::reload()
{
    load();
}

void OrderDetailPage::load()
{
    if (!m_context.session()->isSignedIn()) {
        m_pages->setCurrentIndex(SignedOutPage);
        return;
    }
    if (m_orderId.isEmpty()) {
        return;
    }
    if (!m_order || m_order->id != m_orderId) {
        m_status->showLoading(tr("Loading the order …"));
        m_pages->setCurrentIndex(StatusPage);
    }
    const quint64 generation = ++m_generation;
    m_orders->order(m_orderId, this,
                    [this, generation, id = m_orderId](Result<Commerce::OrderView> order) {
                        if (generation != m_generation || id != m_orderId) {
                            return;
                        }
                        if (!order) {
                            showFailure(order.error());
                            return;
                        }
                        showLoaded(*order);
                    });
}

void OrderDetailPage::showFailure(const Error &error)
{
    const auto text = Client::OrdersClient::describe(error, m_context.api()->baseUrl());
    if (m_order && error.code != ErrorCode::NotFound) {
        setMessage(text.message, true); // keep what is on show
        return;
    }
    m_order.reset();
    m_status->showError(text.title, text.message);
    m_pages->setCurrentIndex(StatusPage);
    Q_EMIT titleChanged();
}

void OrderDetailPage::showLoaded(const Commerce::OrderView &order)
{
    m_order = order;
    fill();
    m_pages->setCurrentIndex(OrderPage);
    Q_EMIT titleChanged();
    Q_EMIT orderChanged(order);
}

void OrderDetailPage::fill()
{
    if (!m_order) {
        return;
    }
    const Commerce::OrderView &o = *m_order;
    const QLocale locale;
    m_title->setText(tr("Order %1").arg(o.number));
    m_state->setText(tr("Status: %1").arg(Client::OrdersClient::statusText(o.status)));
    m_dates->setText(
        o.updatedAt.isValid() && o.updatedAt != o.createdAt
            ? tr("Placed %1 · last changed %2").arg(when(o.createdAt), when(o.updatedAt))
            : tr("Placed %1").arg(when(o.createdAt)));
    const bool pending = o.status == Commerce::OrderStatus::Pending;
    m_hold->setVisible(pending);
    if (pending) {
        m_hold->setText(
            o.expiresAt.isValid()
                ? tr("Your items are held for you until %1. Pay with \"Pay Now\" before then: "
                     "an unpaid order is cancelled automatically when the time is up.")
                      .arg(when(o.expiresAt))
                : tr("The order waits for payment: pay with \"Pay Now\"."));
    }
    const bool shipped = !o.carrier.isEmpty() || !o.trackingNumber.isEmpty();
    m_shipping->setVisible(shipped);
    if (shipped) {
        m_shipping->setText(
            o.trackingNumber.isEmpty() ? tr("Shipped with %1.").arg(o.carrier)
                : o.carrier.isEmpty()
                ? tr("Tracking number: %1").arg(o.trackingNumber)
                : tr("Shipped with %1, tracking number %2.").arg(o.carrier, o.trackingNumber));
    }

    m_items->setRowCount(int(o.lines.size()));
    for (int row = 0; row < o.lines.size(); ++row) {
        const Commerce::OrderLineView &line = o.lines.at(row);
        m_items->setItem(row, 0, cell(line.name));
        m_items->setItem(row, 1, cell(line.sku));
        m_items->setItem(row, 2, cell(locale.toString(line.quantity), Qt::AlignRight));
        m_items->setItem(row, 3, cell(line.unitPrice.format(locale), Qt::AlignRight));
        m_items->setItem(row, 4, cell(line.lineTotal.format(locale), Qt::AlignRight));
    }
    m_subtotal->setText(o.totals.subtotal.format(locale));
    m_tax->setText(o.totals.tax.format(locale));
    m_shippingCost->setText(o.totals.shipping.isZero() ? tr("Free")
                                                       : o.totals.shipping.format(locale));
    m_total->setText(o.totals.total.format(locale));

    const Commerce::OrderAddress &a = o.shippingAddress;
    QStringList address;
    for (const QString &line :
         {a.recipientName, a.line1, a.line2,
          QStringList {a.postalCode, a.city}.join(u' ').trimmed(),
          a.region.isEmpty() ? a.country : a.region + QStringLiteral(", ") + a.country, a.phone}) {
        if (!line.trimmed().isEmpty()) {
            address << line.trimmed();
        }
    }
    m_address->setText(address.join(u'\n'));

    m_timeline->clear();
    for (const Commerce::OrderHistoryEntry &entry : o.history) {
        const QString to = Client::OrdersClient::statusText(entry.to);
        const QString change = entry.from
            ? tr("%1 → %2").arg(Client::OrdersClient::statusText(*entry.from), to)
            : tr("Placed: %1").arg(to);
        auto *item = new QTreeWidgetItem(
            m_timeline, {change, when(entry.at), actorText(entry.actor), reasonText(entry.reason)});
        item->setToolTip(3, entry.reason);
    }

    const bool mayCancel = Commerce::customerMayCancel(o.status);
    m_cancel->setVisible(mayCancel);
    m_cancel->setEnabled(mayCancel && !m_cancelling);
    m_pay->setVisible(pending);
    m_pay->setEnabled(pending && !m_cancelling);
}

void OrderDetailPage::payOrder()
{
    if (!m_order || m_order->status != Commerce::OrderStatus::Pending) {
        return;
    }
    // The payment step in a dialog of its own (QtWebEngine starts only now); an expired order
    // says so there (409, reason "expired").
    auto *dialog = new PaymentDialog(m_context, m_order->id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->resize(600, 560);
    connect(dialog, &PaymentDialog::paid, this, &OrderDetailPage::reload);
    connect(dialog, &QDialog::finished, this, &OrderDetailPage::reload);
    dialog->open();
}

void OrderDetailPage::cancelOrder()
{
    if (!m_order || !Commerce::customerMayCancel(m_order->status) || m_cancelling) {
        return;
    }
    auto *confirm = new QMessageBox(
        QMessageBox::Question, tr("Cancel Order"),
        tr("Cancel the order %1 for %2? Its items go back into stock; this cannot be undone.")
            .arg(m_order->number, m_order->totals.total.format(QLocale())),
        QMessageBox::NoButton, this);
    confirm->setObjectName(QStringLiteral("confirmCancelOrder"));
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = confirm->addButton(tr("Cancel Order"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmCancelYes"));
    QPushButton *keep = confirm->addButton(tr("Keep Order"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("confirmCancelKeep"));
    confirm->setDefaultButton(keep);
    connect(
        confirm, &QMessageBox::buttonClicked, this,
        [this, yes, id = m_order->id](QAbstractButton *button) {
            if (button != yes || id != m_orderId) {
                return;
            }
            m_cancelling = true;
            m_cancel->setEnabled(false);
            setMessage(tr("Cancelling the order …"));
            qCInfo(lcOrderPage) << "cancelling order" << id;
            m_orders->cancelOrder(id, {}, this, [this, id](Result<Commerce::OrderView> result) {
                m_cancelling = false;
                if (id != m_orderId) {
                    return;
                }
                if (result) {
                    setMessage(tr("The order was cancelled. Its items are back in stock."));
                    showLoaded(*result);
                    return;
                }
                const Error &error = result.error();
                if (error.code == ErrorCode::Conflict || error.code == ErrorCode::Forbidden) {
                    // It moved on meanwhile: say what happened once it is reloaded.
                    const QString fallback =
                        Client::OrdersClient::describe(error, m_context.api()->baseUrl()).message;
                    setMessage(fallback, true);
                    const quint64 generation = ++m_generation;
                    m_orders->order(
                        id, this, [this, generation, id, fallback](Result<Commerce::OrderView> o) {
                            if (generation != m_generation || id != m_orderId) {
                                return;
                            }
                            if (!o) {
                                showFailure(o.error());
                                return;
                            }
                            showLoaded(*o);
                            setMessage(movedOnText(*o, fallback), true);
                        });
                    return;
                }
                if (error.code == ErrorCode::NotFound) {
                    showFailure(error);
                    return;
                }
                fill();
                setMessage(
                    Client::OrdersClient::describe(error, m_context.api()->baseUrl()).message,
                    true);
            });
        });
    confirm->open();
}

} // namespace Shop::Storefront
