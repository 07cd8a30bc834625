#pragma once

#include "client/adminordersclient.h"
#include "commerce/orderstatus.h"
#include "commerce/views.h"
#include "error.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;
class QTreeWidget;

namespace Shop::Client {
class AdminOrderListModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Admin {

class OrderPaymentsPanel;

// The Orders section: the store's orders, newest first, with a status filter, a date range and a
// search (an order number, or a customer's email when the text has an '@'; applied 300 ms after
// typing stops or on Enter), loaded one keyset page at a time as the table scrolls, refreshed on
// F5 and every `refreshInterval` while shown (keeping selection and scroll position).
//
// Selecting one order shows its details beside the table: customer, address, items, totals,
// carrier and tracking number, the status history and the audit log's entries about it. "Change
// Status" offers only the transitions core/commerce/orderstatus.h allows staff from the order's
// status; each asks for a reason, shipping also for the carrier and tracking number. With several
// orders selected, the change applies to all of them, offering only the transitions allowed for
// every one, one request after another with progress; failures are listed per order. "Packing
// Slip" prints (QPrintDialog) or saves a PDF (PackingSlip).
class OrdersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)

public:
    static constexpr int kPageSize = 50;
    static constexpr int kSearchDelayMs = 300;
    static constexpr std::chrono::seconds kDefaultRefreshInterval {30};

    // What the status change asks about: the orders (their numbers) and the new status.
    struct ChangeRequest
    {
        QStringList numbers;
        Commerce::OrderStatus to = Commerce::OrderStatus::Processing;
    };
    // Returns the change to make (reason, carrier, tracking number) or nothing to cancel. The
    // default asks with a dialog; tests replace it.
    using AskChange =
        std::function<std::optional<Client::OrderStatusChange>(const ChangeRequest &)>;
    // Returns the file to save a packing slip to, or empty to cancel (default: a file dialog).
    using AskPdfPath = std::function<QString(const QString &suggestedName)>;

    explicit OrdersPage(Widgets::AppContext &context, QWidget *parent = nullptr);
    ~OrdersPage() override;

    [[nodiscard]] Client::AdminOrderListModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QLineEdit *searchEdit() const { return m_search; }
    [[nodiscard]] QComboBox *statusFilter() const { return m_statusFilter; }
    [[nodiscard]] QCheckBox *dateFilter() const { return m_dateFilter; }
    [[nodiscard]] QDateEdit *fromEdit() const { return m_from; }
    [[nodiscard]] QDateEdit *toEdit() const { return m_to; }
    [[nodiscard]] QToolButton *statusButton() const { return m_statusButton; }
    [[nodiscard]] QToolButton *slipButton() const { return m_slipButton; }
    [[nodiscard]] QTreeWidget *itemsView() const { return m_items; }
    [[nodiscard]] QListWidget *historyList() const { return m_history; }
    [[nodiscard]] QListWidget *auditList() const { return m_audit; }
    // The shown order's payment and refunds, with "Refund …".
    [[nodiscard]] OrderPaymentsPanel *paymentsPanel() const { return m_payments; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    [[nodiscard]] QLabel *bulkLabel() const { return m_bulkLabel; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }
    // The order the details panel shows.
    [[nodiscard]] std::optional<Commerce::OrderView> shownOrder() const { return m_shown; }
    [[nodiscard]] bool auditLoaded() const { return m_auditLoaded; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    // The ids of the selected orders, in table order.
    [[nodiscard]] QStringList selectedIds() const;
    // What "Change Status" offers now: for the one selected order, or for all selected ones.
    [[nodiscard]] QList<Commerce::OrderStatus> offeredTargets() const;

    void setAskChange(AskChange ask);
    void setAskPdfPath(AskPdfPath ask);
    void setRefreshInterval(std::chrono::milliseconds interval);
    [[nodiscard]] std::chrono::milliseconds refreshInterval() const;

    void focusSearch();
    // F5: the list again (keeping selection and scroll position) and the shown order.
    void refresh();
    // The live feed's order events: the loaded rows again (debounced by the caller).
    void refreshLive();
    // The shortcut actions for common status changes (Processing Ctrl+Shift+P, Shipped
    // Ctrl+Shift+S, Delivered Ctrl+Shift+D): enabled only when the selection allows them; also in
    // the "Change Status" menu. Null for other targets.
    [[nodiscard]] QAction *markAction(Commerce::OrderStatus to) const;
    // Moves the selected orders to `to` (after asking); one at a time when several.
    void changeStatus(Commerce::OrderStatus to);
    void printPackingSlip();
    // Saves the shown order's packing slip (asks for the file when `path` is empty).
    bool savePackingSlip(const QString &path = {});

Q_SIGNALS:
    // A status change (one order, or every order of a bulk change) finished.
    void changeFinished();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Bulk;

    void startOver();
    void applyFilter();
    [[nodiscard]] Client::AdminOrderFilter currentFilter() const;
    void updateState();
    void selectionChanged();
    void loadDetails(const QString &id);
    void showOrder(const Commerce::OrderView &order);
    void loadAudit(const QString &id);
    void updateActions();
    void runBulk();
    void finishBulk();
    void setMessage(const QString &text, bool isError);
    [[nodiscard]] QString describe(const Error &error, const QString &number) const;
    void updateDetailTexts();

    Widgets::AppContext &m_context;
    Client::AdminOrdersClient *m_client;
    Client::AdminOrderListModel *m_model;
    AskChange m_askChange;
    AskPdfPath m_askPdfPath;
    QTimer m_searchDelay;
    QTimer m_refreshTimer;
    QLineEdit *m_search;
    QComboBox *m_statusFilter;
    QCheckBox *m_dateFilter;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_table;
    Widgets::StatusPanel *m_status;
    // Details
    QStackedWidget *m_detailsStack;
    QLabel *m_detailsHint;
    QLabel *m_number;
    QLabel *m_statusValue;
    QLabel *m_customer;
    QLabel *m_created;
    QLabel *m_shipping;
    QLabel *m_address;
    QLabel *m_totals;
    QTreeWidget *m_items;
    QListWidget *m_history;
    QListWidget *m_audit;
    OrderPaymentsPanel *m_payments;
    QLabel *m_message;
    QToolButton *m_statusButton;
    QMenu *m_statusMenu;
    QToolButton *m_slipButton;
    QMenu *m_slipMenu;
    QProgressBar *m_progress;
    QLabel *m_bulkLabel;
    std::optional<Commerce::OrderView> m_shown;
    std::unique_ptr<Bulk> m_bulk;
    quint64 m_detailsGeneration = 0;
    bool m_auditLoaded = false;
    bool m_busy = false;
    bool m_loaded = false;
    QList<QAction *> m_markActions;
};

} // namespace Shop::Admin
