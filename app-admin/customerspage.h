#pragma once

#include "client/account.h"
#include "error.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace Shop::Client {
class AdminUsersClient;
class UserListModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Admin {

class AuditLogPage;

// The Customers section: two tabs, the accounts and the audit log.
//
// Accounts: a search box (email or name, applied 300 ms after typing stops or on Enter), role
// and status filters, a table loaded page by page, and a details panel that Enter (or a double
// click) opens on the current row: the account, its addresses and the actions Activate or
// Deactivate, Grant or Revoke Admin (each after a confirmation that names the account and the
// consequence) and "Show Audit Entries" (the audit tab filtered by that account). A changed
// account replaces its row. Errors say what happened and what to do, in the panel.
class CustomersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomersPage)

public:
    static constexpr int kPageSize = 50;
    static constexpr int kSearchDelayMs = 300;

    // What a confirmation asks: the dialog's title, the question with its consequence, and the
    // text of the button that goes ahead.
    struct Confirmation
    {
        QString title;
        QString text;
        QString confirmText;
    };
    // Returns true to go ahead. The default asks with a QMessageBox (Cancel is the default
    // button); tests replace it.
    using Confirm = std::function<bool(const Confirmation &)>;

    explicit CustomersPage(Widgets::AppContext &context, QWidget *parent = nullptr);
    ~CustomersPage() override;

    [[nodiscard]] Client::UserListModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QLineEdit *searchEdit() const { return m_search; }
    [[nodiscard]] QComboBox *roleFilter() const { return m_role; }
    [[nodiscard]] QComboBox *statusFilter() const { return m_statusFilter; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] AuditLogPage *auditPage() const { return m_audit; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }
    [[nodiscard]] QPushButton *activeButton() const { return m_activeButton; }
    [[nodiscard]] QPushButton *roleButton() const { return m_roleButton; }
    [[nodiscard]] QPushButton *auditButton() const { return m_auditButton; }
    [[nodiscard]] QListWidget *addressList() const { return m_addresses; }
    [[nodiscard]] QString detailsMessage() const;
    // The account the details panel shows (empty when none).
    [[nodiscard]] std::optional<Client::User> shownUser() const { return m_shown; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] bool addressesLoaded() const { return m_addressesLoaded; }

    void setConfirm(Confirm confirm);

    void focusSearch();
    void clearSearch();
    void refresh();
    // Opens the details panel for the table's row.
    void openRow(int row);
    void showAuditLog();
    // The audit tab filtered by the shown account (as target).
    void showAuditForShownUser();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void startOver();
    void applyFilter();
    void updateState();
    void showUser(const Client::User &user);
    void loadDetails(const QString &id);
    void toggleActive();
    void toggleAdmin();
    void finishChange(const QString &action, Result<Client::User> result);
    void setMessage(const QString &text, bool isError);
    void setBusy(bool busy);
    void updateDetailTexts();
    [[nodiscard]] bool isSelf(const Client::User &user) const;

    Widgets::AppContext &m_context;
    Client::AdminUsersClient *m_client;
    Client::UserListModel *m_model;
    Confirm m_confirm;
    QTimer m_searchDelay;
    QTabWidget *m_tabs;
    AuditLogPage *m_audit;
    QLineEdit *m_search;
    QComboBox *m_role;
    QComboBox *m_statusFilter;
    QLabel *m_count;
    QPushButton *m_retryMore;
    QStackedWidget *m_stack;
    QTableView *m_table;
    Widgets::StatusPanel *m_status;
    // Details panel
    QStackedWidget *m_detailsStack;
    QLabel *m_detailsHint;
    QLabel *m_name;
    QLabel *m_email;
    QLabel *m_roleValue;
    QLabel *m_statusValue;
    QLabel *m_language;
    QLabel *m_created;
    QListWidget *m_addresses;
    QLabel *m_message;
    QPushButton *m_activeButton;
    QPushButton *m_roleButton;
    QPushButton *m_auditButton;
    std::optional<Client::User> m_shown;
    quint64 m_detailsGeneration = 0;
    bool m_addressesLoaded = false;
    bool m_busy = false;
    bool m_loaded = false;
};

} // namespace Shop::Admin
