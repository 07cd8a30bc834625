#include "orderspage.h"

#include "client/adminorderlistmodel.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/usermessages.h"
#include "orderpayments.h"
#include "packingslip.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcOrdersPage, "shop.admin.orders", QtInfoMsg)

namespace Shop::Admin {

using Client::AdminOrderListModel;
using Commerce::OrderStatus;
using Commerce::OrderView;

namespace {

constexpr int kMaxSearchLength = 254; // the API's limit for an email
constexpr int kMaxReasonLength = 500;
constexpr int kMaxShippingFieldLength = 100;

QString statusText(OrderStatus status)
{
    return AdminOrderListModel::statusText(status);
}

QLabel *valueLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

// The dialog behind the default AskChange: a reason, and for shipping the carrier and tracking
// number.
class StatusChangeDialog final : public QDialog
{
    Q_DECLARE_TR_FUNCTIONS(Shop::Admin::OrdersPage)

public:
    StatusChangeDialog(const OrdersPage::ChangeRequest &request, QWidget *parent)
        : QDialog(parent)
        , m_to(request.to)
    {
        setWindowTitle(tr("Change Status"));
        auto *form = new QFormLayout(this);
        auto *question = new QLabel(
            request.numbers.size() == 1
                ? tr("Move order %1 to \"%2\"?").arg(request.numbers.first(), statusText(m_to))
                : tr("Move %n order(s) to \"%1\"?", nullptr, int(request.numbers.size()))
                      .arg(statusText(m_to)),
            this);
        question->setWordWrap(true);
        form->addRow(question);
        if (m_to == OrderStatus::Cancelled) {
            form->addRow(new QLabel(tr("Cancelling puts the items back into stock."), this));
        }
        if (m_to == OrderStatus::Shipped) {
            m_carrier = new QLineEdit(this);
            m_carrier->setObjectName(QStringLiteral("carrierEdit"));
            m_carrier->setMaxLength(kMaxShippingFieldLength);
            m_tracking = new QLineEdit(this);
            m_tracking->setObjectName(QStringLiteral("trackingEdit"));
            m_tracking->setMaxLength(kMaxShippingFieldLength);
            form->addRow(tr("&Carrier:"), m_carrier);
            form->addRow(tr("&Tracking number:"), m_tracking);
        }
        m_reason = new QLineEdit(this);
        m_reason->setObjectName(QStringLiteral("reasonEdit"));
        m_reason->setMaxLength(kMaxReasonLength);
        m_reason->setPlaceholderText(tr("Optional; kept in the order's history"));
        form->addRow(tr("&Reason:"), m_reason);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        buttons->button(QDialogButtonBox::Ok)->setText(tr("Change Status"));
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        form->addRow(buttons);
    }

    [[nodiscard]] Client::OrderStatusChange change() const
    {
        Client::OrderStatusChange change;
        change.to = m_to;
        change.reason = m_reason->text();
        if (m_carrier) {
            change.carrier = m_carrier->text();
            change.trackingNumber = m_tracking->text();
        }
        return change;
    }

private:
    OrderStatus m_to;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_carrier = nullptr;
    QLineEdit *m_tracking = nullptr;
};

} // namespace

// A status change of one or more orders, one request after another.
struct OrdersPage::Bulk
{
    QList<std::pair<QString, QString>> orders; // id, number
    Client::OrderStatusChange change;
    int next = 0;
    int succeeded = 0;
    QStringList failures; // "SO-…: why"
    Error lastError;
};

OrdersPage::OrdersPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_client(new Client::AdminOrdersClient(context.api(), this))
    , m_model(new AdminOrderListModel(m_client, this))
    , m_search(new QLineEdit(this))
    , m_statusFilter(new QComboBox(this))
    , m_dateFilter(new QCheckBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_count(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_status(new Widgets::StatusPanel(this))
    , m_detailsStack(new QStackedWidget(this))
    , m_detailsHint(new QLabel(this))
    , m_number(valueLabel("orderNumber", this))
    , m_statusValue(valueLabel("orderStatus", this))
    , m_customer(valueLabel("orderCustomer", this))
    , m_created(valueLabel("orderCreated", this))
    , m_shipping(valueLabel("orderShipping", this))
    , m_address(valueLabel("orderAddress", this))
    , m_totals(valueLabel("orderTotals", this))
    , m_items(new QTreeWidget(this))
    , m_history(new QListWidget(this))
    , m_audit(new QListWidget(this))
    , m_payments(new OrderPaymentsPanel(context, this))
    , m_message(valueLabel("orderMessage", this))
    , m_statusButton(new QToolButton(this))
    , m_statusMenu(new QMenu(this))
    , m_slipButton(new QToolButton(this))
    , m_slipMenu(new QMenu(this))
    , m_progress(new QProgressBar(this))
    , m_bulkLabel(valueLabel("orderBulkResult", this))
{
    setObjectName(QStringLiteral("adminOrdersPage"));
    m_model->setPageSize(kPageSize);
    m_askChange = [this](const ChangeRequest &request) -> std::optional<Client::OrderStatusChange> {
        StatusChangeDialog dialog(request, this);
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        return dialog.change();
    };
    m_askPdfPath = [this](const QString &suggested) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return QFileDialog::getSaveFileName(this, tr("Save Packing Slip"), dir + u'/' + suggested,
                                            tr("PDF files (*.pdf)"));
    };

    auto *heading = new QLabel(this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);

    // Filters.
    m_search->setObjectName(QStringLiteral("orderSearchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/shop/icons/search.svg")),
                        QLineEdit::LeadingPosition);
    m_search->setMaxLength(kMaxSearchLength);
    m_search->setMaximumWidth(fontMetrics().averageCharWidth() * 40);
    m_statusFilter->setObjectName(QStringLiteral("orderStatusFilter"));
    m_statusFilter->addItem(QString());
    for (const OrderStatus status : Commerce::allOrderStatuses()) {
        m_statusFilter->addItem(QString(), int(status));
    }
    m_dateFilter->setObjectName(QStringLiteral("orderDateFilter"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDate(QDate::currentDate());
        edit->setEnabled(false);
    }
    m_from->setObjectName(QStringLiteral("orderFromDate"));
    m_to->setObjectName(QStringLiteral("orderToDate"));
    m_from->setDate(QDate::currentDate().addDays(-30));
    auto *dash = new QLabel(QStringLiteral("–"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_statusFilter);
    top->addWidget(m_dateFilter);
    top->addWidget(m_from);
    top->addWidget(dash);
    top->addWidget(m_to);
    top->addStretch(0);

    // The table.
    m_table->setObjectName(QStringLiteral("orderTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height()
                                                     + fontMetrics().height() / 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const auto chars = [this](int n) {
        return fontMetrics().averageCharWidth() * n + fontMetrics().height();
    };
    // Order numbers have one shape (Commerce::formatOrderNumber): "SO-20261205-000Z8T".
    header->resizeSection(AdminOrderListModel::NumberColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("SO-00000000-WWWWWW"))
                              + fontMetrics().height());
    header->resizeSection(AdminOrderListModel::StatusColumn, chars(12));
    header->resizeSection(AdminOrderListModel::CustomerColumn, chars(28));
    header->resizeSection(AdminOrderListModel::TotalColumn, chars(12));
    header->resizeSection(AdminOrderListModel::ItemsColumn, chars(6));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_status);
    m_count->setObjectName(QStringLiteral("orderResultCount"));
    m_progress->setObjectName(QStringLiteral("orderBulkProgress"));
    m_progress->hide();
    m_bulkLabel->hide();
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_progress);

    // The details.
    auto *details = new QWidget(this);
    details->setObjectName(QStringLiteral("orderDetails"));
    QFont numberFont = m_number->font();
    numberFont.setBold(true);
    numberFont.setPointSizeF(numberFont.pointSizeF() * 1.2);
    m_number->setFont(numberFont);
    auto *form = new QFormLayout;
    auto *statusCaption = new QLabel(this);
    auto *customerCaption = new QLabel(this);
    auto *createdCaption = new QLabel(this);
    auto *shippingCaption = new QLabel(this);
    auto *addressCaption = new QLabel(this);
    auto *totalsCaption = new QLabel(this);
    form->addRow(statusCaption, m_statusValue);
    form->addRow(customerCaption, m_customer);
    form->addRow(createdCaption, m_created);
    form->addRow(shippingCaption, m_shipping);
    form->addRow(addressCaption, m_address);
    form->addRow(totalsCaption, m_totals);
    m_items->setObjectName(QStringLiteral("orderItems"));
    m_items->setRootIsDecorated(false);
    m_items->setColumnCount(4);
    m_items->setMinimumHeight(fontMetrics().height() * 6);
    m_items->header()->setStretchLastSection(false);
    m_items->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column) {
        m_items->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_history->setObjectName(QStringLiteral("orderHistory"));
    m_history->setWordWrap(true);
    m_audit->setObjectName(QStringLiteral("orderAudit"));
    m_audit->setWordWrap(true);
    auto *itemsCaption = new QLabel(this);
    auto *historyCaption = new QLabel(this);
    auto *auditCaption = new QLabel(this);
    auto *paymentsCaption = new QLabel(this);
    m_statusButton->setObjectName(QStringLiteral("orderStatusButton"));
    m_statusButton->setMenu(m_statusMenu);
    m_statusButton->setPopupMode(QToolButton::InstantPopup);
    m_statusButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_slipButton->setObjectName(QStringLiteral("orderSlipButton"));
    m_slipButton->setMenu(m_slipMenu);
    m_slipButton->setPopupMode(QToolButton::InstantPopup);
    QAction *printAction = m_slipMenu->addAction(QString(), this, [this] { printPackingSlip(); });
    QAction *pdfAction = m_slipMenu->addAction(QString(), this, [this] { savePackingSlip(); });
    // Shortcuts for the common status changes (enabled only when allowed: updateActions()).
    const struct
    {
        OrderStatus to;
        const char *name;
        QKeySequence key;
    } marks[] = {
        {OrderStatus::Processing, "markProcessingAction",
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)},
        {OrderStatus::Shipped, "markShippedAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)},
        {OrderStatus::Delivered, "markDeliveredAction",
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)},
    };
    for (const auto &mark : marks) {
        auto *action = new QAction(this);
        action->setObjectName(QLatin1String(mark.name));
        action->setData(int(mark.to));
        action->setShortcut(mark.key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setEnabled(false);
        connect(action, &QAction::triggered, this, [this, to = mark.to] { changeStatus(to); });
        addAction(action);
        m_markActions.append(action);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_statusButton);
    buttons->addWidget(m_slipButton);
    buttons->addStretch(1);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_number);
    detailsLayout->addLayout(form);
    detailsLayout->addWidget(itemsCaption);
    detailsLayout->addWidget(m_items, 2);
    detailsLayout->addWidget(historyCaption);
    detailsLayout->addWidget(m_history, 1);
    detailsLayout->addWidget(auditCaption);
    detailsLayout->addWidget(m_audit, 1);
    detailsLayout->addWidget(paymentsCaption);
    detailsLayout->addWidget(m_payments, 1);
    detailsLayout->addWidget(m_message);
    detailsLayout->addLayout(buttons);
    m_detailsHint->setObjectName(QStringLiteral("orderDetailsHint"));
    m_detailsHint->setWordWrap(true);
    m_detailsHint->setAlignment(Qt::AlignCenter);
    m_detailsStack->addWidget(m_detailsHint);
    m_detailsStack->addWidget(details);
    m_detailsStack->setMinimumWidth(fontMetrics().averageCharWidth() * 45);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_stack, 1);
    leftLayout->addWidget(m_bulkLabel);
    leftLayout->addLayout(bottom);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_detailsStack);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(splitter, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &OrdersPage::applyFilter);
    // A refund may move the order on (a full refund cancels it): its details again.
    connect(m_payments, &OrderPaymentsPanel::refunded, this, [this](const QString &id) {
        if (m_shown && m_shown->id == id) {
            loadDetails(id);
        }
    });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        applyFilter();
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilter);
    connect(m_dateFilter, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &OrdersPage::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &OrdersPage::applyFilter);
    m_refreshTimer.setInterval(kDefaultRefreshInterval);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_bulk && m_model->state() != AdminOrderListModel::State::Loading) {
            refresh();
        }
    });
    connect(m_model, &AdminOrderListModel::stateChanged, this, &OrdersPage::updateState);
    connect(m_model, &AdminOrderListModel::rowsInserted, this, &OrdersPage::updateState);
    connect(m_model, &AdminOrderListModel::rowsRemoved, this, &OrdersPage::updateState);
    connect(m_model, &AdminOrderListModel::modelReset, this, &OrdersPage::updateState);
    connect(m_model, &AdminOrderListModel::dataChanged, this, &OrdersPage::updateActions);
    // A new filter clears the selection without a selectionChanged().
    connect(m_model, &AdminOrderListModel::modelReset, this, &OrdersPage::selectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OrdersPage::selectionChanged);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &OrdersPage::refresh);
    connect(&context, &Widgets::AppContext::serverChanged, this, &OrdersPage::startOver);
    connect(context.session(), &Client::AuthSession::signedIn, this, &OrdersPage::startOver);
    setTabOrder(m_search, m_statusFilter);
    setTabOrder(m_statusFilter, m_dateFilter);
    setTabOrder(m_dateFilter, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_table);
    setFocusProxy(m_search);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), left);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, [this] {
        if (!m_search->text().isEmpty()) {
            m_search->clear();
            applyFilter();
        }
    });

    (new Widgets::Retranslator(this))->add([=, this] {
        heading->setText(tr("Orders"));
        m_search->setPlaceholderText(tr("Order number or customer email (Ctrl+F)"));
        m_statusFilter->setItemText(0, tr("All statuses"));
        for (int i = 1; i < m_statusFilter->count(); ++i) {
            m_statusFilter->setItemText(
                i, statusText(OrderStatus(m_statusFilter->itemData(i).toInt())));
        }
        m_dateFilter->setText(tr("&Created from"));
        m_dateFilter->setToolTip(tr("Only orders created on or after the first day and on or "
                                    "before the second"));
        m_detailsHint->setText(
            tr("Select an order to see its details. Select several to change their status "
               "together."));
        statusCaption->setText(tr("Status:"));
        customerCaption->setText(tr("Customer:"));
        createdCaption->setText(tr("Created:"));
        shippingCaption->setText(tr("Shipping:"));
        addressCaption->setText(tr("Ship to:"));
        totalsCaption->setText(tr("Totals:"));
        itemsCaption->setText(tr("Items:"));
        historyCaption->setText(tr("History:"));
        auditCaption->setText(tr("Audit log:"));
        paymentsCaption->setText(tr("Payments and refunds:"));
        m_items->setHeaderLabels({tr("Item"), tr("SKU"), tr("Qty"), tr("Total")});
        m_slipButton->setText(tr("Packing &Slip"));
        printAction->setText(tr("&Print …"));
        pdfAction->setText(tr("Save as P&DF …"));
        for (QAction *action : std::as_const(m_markActions)) {
            const QString status = statusText(OrderStatus(action->data().toInt()));
            action->setText(tr("Mark as %1").arg(status));
            action->setToolTip(
                tr("Mark the selected orders as %1 (%2)")
                    .arg(status, action->shortcut().toString(QKeySequence::NativeText)));
        }
        m_model->retranslate();
        updateDetailTexts();
        updateState();
    });
}

OrdersPage::~OrdersPage() = default;

QAction *OrdersPage::markAction(OrderStatus to) const
{
    for (QAction *action : m_markActions) {
        if (OrderStatus(action->data().toInt()) == to) {
            return action;
        }
    }
    return nullptr;
}

void OrdersPage::refreshLive()
{
    // The rows on show again (new orders inserted, changed ones updated, selection kept); not
    // loaded yet: showEvent() loads them.
    if (m_loaded) {
        m_model->refresh();
    } else if (isVisible()) {
        refresh();
    }
}

void OrdersPage::setAskChange(AskChange ask)
{
    m_askChange = std::move(ask);
}

void OrdersPage::setAskPdfPath(AskPdfPath ask)
{
    m_askPdfPath = std::move(ask);
}

void OrdersPage::setRefreshInterval(std::chrono::milliseconds interval)
{
    m_refreshTimer.setInterval(interval);
}

std::chrono::milliseconds OrdersPage::refreshInterval() const
{
    return m_refreshTimer.intervalAsDuration();
}

void OrdersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_refreshTimer.start();
    if (!m_loaded) {
        refresh();
    }
}

void OrdersPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_refreshTimer.stop();
}

void OrdersPage::startOver()
{
    m_loaded = false;
    m_shown.reset();
    ++m_detailsGeneration;
    setMessage(QString(), false);
    m_detailsStack->setCurrentIndex(0);
    if (isVisible()) {
        refresh();
    }
}

void OrdersPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

Client::AdminOrderFilter OrdersPage::currentFilter() const
{
    Client::AdminOrderFilter filter;
    if (m_statusFilter->currentIndex() > 0) {
        filter.status = OrderStatus(m_statusFilter->currentData().toInt());
    }
    if (m_dateFilter->isChecked()) {
        filter.from = m_from->date().startOfDay();
        filter.to = m_to->date().addDays(1).startOfDay(); // "to" is exclusive
    }
    const QString text = m_search->text().simplified();
    if (text.contains(u'@')) {
        filter.email = text;
    } else {
        filter.number = text;
    }
    return filter;
}

void OrdersPage::refresh()
{
    m_searchDelay.stop();
    const Client::AdminOrderFilter filter = currentFilter();
    if (!m_loaded || !(filter == m_model->filter())) {
        m_loaded = true;
        m_model->setFilter(filter);
    } else {
        m_model->refresh();
    }
    if (m_shown && !m_busy) {
        loadDetails(m_shown->id);
    }
}

void OrdersPage::applyFilter()
{
    m_searchDelay.stop();
    const Client::AdminOrderFilter filter = currentFilter();
    if (m_loaded && filter == m_model->filter()
        && m_model->state() != AdminOrderListModel::State::Failed) {
        return;
    }
    m_loaded = true;
    m_model->setFilter(filter);
    m_table->scrollToTop();
}

void OrdersPage::updateState()
{
    using State = AdminOrderListModel::State;
    const State state = m_model->state();
    const int rows = m_model->rowCount();
    const QLocale locale;
    if (state == State::Failed && rows == 0) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        m_count->clear();
        return;
    }
    if (rows == 0 && state != State::Ready) {
        m_status->showLoading(tr("Loading orders …"));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("Loading …"));
        return;
    }
    if (rows == 0) {
        const Client::AdminOrderFilter &filter = m_model->filter();
        const QString search = filter.email.isEmpty() ? filter.number : filter.email;
        m_status->showEmpty(tr("No orders"),
                            search.isEmpty()
                                ? tr("No order matches these filters. Choose other ones.")
                                : tr("No order matches \"%1\". Enter a whole order number or "
                                     "the customer's whole email address.")
                                      .arg(search));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("No orders"));
        return;
    }
    m_stack->setCurrentWidget(m_table);
    if (state == State::Failed) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_count->setText(
            tr("Showing %n order(s); loading failed: %1 Press F5 to try again.", nullptr, rows)
                .arg(text.message));
        return;
    }
    m_count->setText(m_model->hasMore()
                         ? tr("Showing %n order(s); more load as you scroll.", nullptr, rows)
                         : tr("Showing %n order(s).", nullptr, rows));
    updateActions();
}

QStringList OrdersPage::selectedIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    for (const int row : rows) {
        if (const auto *order = m_model->orderAt(row)) {
            ids.append(order->id);
        }
    }
    return ids;
}

QList<OrderStatus> OrdersPage::offeredTargets() const
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty()) {
        return {};
    }
    std::optional<QList<OrderStatus>> common;
    for (const QString &id : ids) {
        const auto *order = m_model->orderAt(m_model->rowOf(id));
        if (!order) {
            return {};
        }
        // The shown order's status is the newest we know.
        const OrderStatus status = m_shown && m_shown->id == id ? m_shown->status : order->status;
        const QList<OrderStatus> targets = Commerce::allowedTargets(status, Commerce::Actor::Staff);
        if (!common) {
            common = targets;
        } else {
            common->removeIf([&](OrderStatus s) { return !targets.contains(s); });
        }
    }
    return common.value_or(QList<OrderStatus> {});
}

void OrdersPage::selectionChanged()
{
    const QStringList ids = selectedIds();
    if (ids.size() == 1) {
        if (!m_shown || m_shown->id != ids.first()) {
            loadDetails(ids.first());
        }
    } else {
        m_shown.reset();
        ++m_detailsGeneration;
        m_detailsStack->setCurrentIndex(0);
        m_payments->clear();
    }
    updateActions();
}

void OrdersPage::loadDetails(const QString &id)
{
    const quint64 generation = ++m_detailsGeneration;
    m_client->order(id, this, [this, generation](Result<OrderView> result) {
        if (generation != m_detailsGeneration) {
            return;
        }
        if (!result) {
            setMessage(describe(result.error(), m_shown ? m_shown->number : QString()), true);
            return;
        }
        showOrder(*result);
    });
}

void OrdersPage::showOrder(const OrderView &order)
{
    const bool other = !m_shown || m_shown->id != order.id;
    m_shown = order;
    m_model->updateOrder(order);
    if (other) {
        setMessage(QString(), false);
    }
    m_detailsStack->setCurrentIndex(1);
    updateDetailTexts();
    updateActions();
    loadAudit(order.id);
    m_payments->showOrder(order.id);
}

void OrdersPage::loadAudit(const QString &id)
{
    m_auditLoaded = false;
    const quint64 generation = m_detailsGeneration;
    m_client->audit(id, this, [this, generation](Result<Page<Client::AuditEntry>> result) {
        if (generation != m_detailsGeneration) {
            return;
        }
        m_audit->clear();
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            m_audit->addItem(tr("The audit log could not be loaded: %1").arg(text.message));
        } else {
            const QLocale locale;
            for (const Client::AuditEntry &entry : result->items) {
                const QString before = entry.before.value(QLatin1String("status")).toString();
                const QString after = entry.after.value(QLatin1String("status")).toString();
                const auto from = Commerce::orderStatusFromString(before);
                const auto to = Commerce::orderStatusFromString(after);
                QString change = entry.action;
                if (from && to) {
                    change = tr("%1 → %2").arg(statusText(*from), statusText(*to));
                }
                const QString reason = entry.after.value(QLatin1String("reason")).toString();
                if (!reason.isEmpty()) {
                    change += tr(": \"%1\"").arg(reason);
                }
                m_audit->addItem(
                    tr("%1  %2: %3")
                        .arg(locale.toString(entry.at.toLocalTime(), QLocale::ShortFormat),
                             entry.actorEmail, change));
            }
            if (result->items.isEmpty()) {
                m_audit->addItem(tr("No staff changes yet."));
            }
        }
        m_auditLoaded = true;
    });
}

void OrdersPage::updateDetailTexts()
{
    if (!m_shown) {
        return;
    }
    const OrderView &o = *m_shown;
    const QLocale locale;
    m_number->setText(tr("Order %1").arg(o.number));
    m_statusValue->setText(statusText(o.status));
    m_customer->setText(o.customerEmail);
    m_created->setText(locale.toString(o.createdAt.toLocalTime(), QLocale::LongFormat));
    if (o.carrier.isEmpty() && o.trackingNumber.isEmpty()) {
        m_shipping->setText(o.status == OrderStatus::Shipped || o.status == OrderStatus::Delivered
                                ? tr("No carrier or tracking number given")
                                : tr("Not shipped yet"));
    } else {
        m_shipping->setText(tr("%1, tracking number %2")
                                .arg(o.carrier.isEmpty() ? tr("(carrier not given)") : o.carrier,
                                     o.trackingNumber.isEmpty() ? tr("(none)") : o.trackingNumber));
    }
    const Commerce::OrderAddress &a = o.shippingAddress;
    QStringList address {a.recipientName, a.line1,
                         a.line2,         QStringList {a.postalCode, a.city}.join(u' ').trimmed(),
                         a.region,        a.country,
                         a.phone};
    address.removeAll(QString());
    m_address->setText(address.join(u'\n'));
    m_totals->setText(tr("Subtotal %1, tax %2, shipping %3, total %4")
                          .arg(o.totals.subtotal.format(locale), o.totals.tax.format(locale),
                               o.totals.shipping.format(locale), o.totals.total.format(locale)));
    m_items->clear();
    for (const Commerce::OrderLineView &line : o.lines) {
        auto *item = new QTreeWidgetItem(
            m_items,
            {line.name, line.sku, locale.toString(line.quantity), line.lineTotal.format(locale)});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_history->clear();
    for (const Commerce::OrderHistoryEntry &entry : o.history) {
        QString who;
        switch (entry.actor) {
        case Commerce::Actor::Customer:
            who = tr("the customer");
            break;
        case Commerce::Actor::Staff:
            who = tr("staff");
            break;
        case Commerce::Actor::System:
            who = tr("the shop");
            break;
        }
        QString text = entry.from
            ? tr("%1  %2 → %3 by %4")
                  .arg(locale.toString(entry.at.toLocalTime(), QLocale::ShortFormat),
                       statusText(*entry.from), statusText(entry.to), who)
            : tr("%1  placed (%2) by %3")
                  .arg(locale.toString(entry.at.toLocalTime(), QLocale::ShortFormat),
                       statusText(entry.to), who);
        if (!entry.reason.isEmpty()) {
            text += tr(": \"%1\"").arg(entry.reason);
        }
        m_history->addItem(text);
    }
}

void OrdersPage::updateActions()
{
    m_statusMenu->clear();
    const QList<OrderStatus> targets = offeredTargets();
    const int selected = int(selectedIds().size());
    for (QAction *mark : std::as_const(m_markActions)) {
        mark->setEnabled(!m_busy && targets.contains(OrderStatus(mark->data().toInt())));
    }
    for (const OrderStatus to : targets) {
        if (QAction *mark = markAction(to)) {
            m_statusMenu->addAction(mark); // with its shortcut
            continue;
        }
        QAction *action = m_statusMenu->addAction(to == OrderStatus::Cancelled
                                                      ? tr("Cancel Order")
                                                      : tr("Mark as %1").arg(statusText(to)));
        action->setData(int(to));
        connect(action, &QAction::triggered, this, [this, to] { changeStatus(to); });
    }
    m_statusButton->setText(selected > 1 ? tr("Change Status of %n Order(s)", nullptr, selected)
                                         : tr("Change S&tatus"));
    m_statusButton->setEnabled(!targets.isEmpty() && !m_busy);
    m_statusButton->setToolTip(
        targets.isEmpty() && selected > 0
            ? (selected > 1 ? tr("No status change is allowed for all selected orders.")
                            : tr("No status change is allowed from this status."))
            : QString());
    m_slipButton->setEnabled(m_shown.has_value());
}

void OrdersPage::changeStatus(OrderStatus to)
{
    if (m_busy || !offeredTargets().contains(to)) {
        return;
    }
    auto bulk = std::make_unique<Bulk>();
    ChangeRequest request;
    request.to = to;
    for (const QString &id : selectedIds()) {
        const auto *order = m_model->orderAt(m_model->rowOf(id));
        bulk->orders.append({id, order->number});
        request.numbers.append(order->number);
    }
    const std::optional<Client::OrderStatusChange> change = m_askChange(request);
    if (!change) {
        return;
    }
    bulk->change = *change;
    bulk->change.to = to;
    m_bulk = std::move(bulk);
    m_busy = true;
    setMessage(QString(), false);
    m_bulkLabel->hide();
    if (m_bulk->orders.size() > 1) {
        m_progress->setRange(0, int(m_bulk->orders.size()));
        m_progress->setValue(0);
        m_progress->show();
    }
    updateActions();
    runBulk();
}

void OrdersPage::runBulk()
{
    if (m_bulk->next >= m_bulk->orders.size()) {
        finishBulk();
        return;
    }
    const QString id = m_bulk->orders.at(m_bulk->next).first;
    const QString number = m_bulk->orders.at(m_bulk->next).second;
    m_progress->setFormat(tr("%1 (%v of %m)").arg(number));
    m_client->setStatus(id, m_bulk->change, this, [this, id, number](Result<OrderView> result) {
        if (!m_bulk) {
            return;
        }
        if (result) {
            ++m_bulk->succeeded;
            m_model->updateOrder(*result);
            if (m_shown && m_shown->id == id) {
                showOrder(*result);
            }
        } else {
            qCInfo(lcOrdersPage) << "status change failed for" << number;
            m_bulk->lastError = result.error();
            m_bulk->failures.append(tr("%1: %2").arg(number, describe(result.error(), number)));
        }
        ++m_bulk->next;
        m_progress->setValue(m_bulk->next);
        runBulk();
    });
}

void OrdersPage::finishBulk()
{
    std::unique_ptr<Bulk> bulk = std::move(m_bulk);
    m_busy = false;
    m_progress->hide();
    const int total = int(bulk->orders.size());
    const QString to = statusText(bulk->change.to);
    if (total == 1) {
        if (bulk->failures.isEmpty()) {
            setMessage(tr("Order %1 is now \"%2\".").arg(bulk->orders.first().second, to), false);
        } else {
            setMessage(describe(bulk->lastError, bulk->orders.first().second), true);
        }
    } else {
        QString text =
            tr("%1 of %n order(s) moved to \"%2\".", nullptr, total).arg(bulk->succeeded).arg(to);
        if (!bulk->failures.isEmpty()) {
            text += u'\n' + tr("Not changed:") + u'\n' + bulk->failures.join(u'\n');
        }
        m_bulkLabel->setText(text);
        m_bulkLabel->setStyleSheet(
            bulk->failures.isEmpty() ? QString() : QStringLiteral("color: palette(highlight)"));
        m_bulkLabel->show();
    }
    if (!bulk->failures.isEmpty()) {
        // Whatever moved on elsewhere is shown as it is now.
        m_model->refresh();
        if (m_shown) {
            loadDetails(m_shown->id);
        }
    }
    updateActions();
    Q_EMIT changeFinished();
}

QString OrdersPage::describe(const Error &error, const QString &number) const
{
    switch (error.code) {
    case ErrorCode::Conflict:
        return tr("Order %1 cannot make this change any more: its status changed since it was "
                  "shown. The server says: %2 Its current status is being loaded; choose again "
                  "from what is offered then.")
            .arg(number, error.message);
    case ErrorCode::Forbidden:
        return tr("The server refused the change for order %1. The server says: %2 Staff may "
                  "not make this change, or your account is no longer staff: sign in again as "
                  "staff.")
            .arg(number, error.message);
    case ErrorCode::NotFound:
        return tr("Order %1 no longer exists. Press F5 to reload the list.").arg(number);
    default: {
        const auto text = Client::UserMessages::describe(error, m_context.api()->baseUrl());
        return text.title + u' ' + text.message;
    }
    }
}

void OrdersPage::setMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: palette(highlight)") : QString());
}

void OrdersPage::printPackingSlip()
{
    if (!m_shown) {
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(tr("Packing slip %1").arg(m_shown->number));
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const PackingSlip slip(*m_shown);
    if (!slip.print(printer)) {
        setMessage(tr("The packing slip could not be printed. Check the printer and try again."),
                   true);
        return;
    }
    setMessage(tr("The packing slip for %1 went to the printer.").arg(m_shown->number), false);
}

bool OrdersPage::savePackingSlip(const QString &path)
{
    if (!m_shown) {
        return false;
    }
    const QString target =
        path.isEmpty() ? m_askPdfPath(tr("packing-slip-%1.pdf").arg(m_shown->number)) : path;
    if (target.isEmpty()) {
        return false;
    }
    const PackingSlip slip(*m_shown);
    QString error;
    if (!slip.writePdf(target, &error)) {
        setMessage(tr("The packing slip could not be saved to %1: %2. Choose another folder.")
                       .arg(target, error),
                   true);
        return false;
    }
    setMessage(tr("The packing slip for %1 was saved to %2.").arg(m_shown->number, target), false);
    return true;
}

} // namespace Shop::Admin
