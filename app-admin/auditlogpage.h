#pragma once

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace Shop::Client {
class AdminUsersClient;
class AuditLogModel;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class StatusPanel;
} // namespace Shop::Widgets

namespace Shop::Admin {

// The audit log of admin actions (the Customers section's second tab), newest first, loaded
// page by page as the table scrolls. Filters: who did it (actor), which account it was done to
// (target), both chosen from the customers list or from a selected entry, and a date range
// (inclusive days in local time).
class AuditLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogPage)

public:
    static constexpr int kPageSize = 50;

    AuditLogPage(Widgets::AppContext &context, Client::AdminUsersClient *client,
                 QWidget *parent = nullptr);

    [[nodiscard]] Client::AuditLogModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QCheckBox *dateRangeBox() const { return m_dateRange; }
    [[nodiscard]] QDateEdit *fromEdit() const { return m_from; }
    [[nodiscard]] QDateEdit *toEdit() const { return m_to; }
    [[nodiscard]] Widgets::StatusPanel *statusPanel() const { return m_status; }

    // Empty id: anyone / any account.
    void setActor(const QString &id, const QString &email);
    void setTarget(const QString &id, const QString &email);
    [[nodiscard]] QString actorId() const { return m_actorId; }
    [[nodiscard]] QString targetId() const { return m_targetId; }
    void setDateRange(QDate from, QDate to);
    void clearDateRange();

    void refresh();
    // The log changed (an action from the Customers tab): reload when next shown.
    void markStale();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyFilter();
    void updateFilterTexts();
    void updateState();
    void filterBySelected(bool actor);

    Widgets::AppContext &m_context;
    Client::AuditLogModel *m_model;
    QString m_actorId;
    QString m_actorEmail;
    QString m_targetId;
    QString m_targetEmail;
    QLabel *m_actorLabel;
    QLabel *m_targetLabel;
    QToolButton *m_clearActor;
    QToolButton *m_clearTarget;
    QPushButton *m_onlyActor;
    QPushButton *m_onlyTarget;
    QCheckBox *m_dateRange;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_table;
    Widgets::StatusPanel *m_status;
    bool m_stale = true;
};

} // namespace Shop::Admin
