#pragma once

#include "client/adminusersclient.h"
#include "error.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QLocale>
#include <QPointer>

namespace Shop::Client {

// The audit log from GET /api/admin/audit for the admin console, newest first, loaded page by
// page as the view scrolls (canFetchMore / fetchMore). Each row: time, actor, action, target and
// the change summarised ("Active → Deactivated"). Targets are named by email when the model
// knows the account (rememberUser), else by id. data() only reads memory.
class AuditLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogModel)

public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, TargetColumn, ChangeColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        ActorIdRole = Qt::UserRole + 1, // QString
        TargetIdRole,
    };
    Q_ENUM(Role)

    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    static constexpr int kMaxPageSize = 100; // the API's limit

    explicit AuditLogModel(AdminUsersClient *client, QObject *parent = nullptr);
    ~AuditLogModel() override;

    // Starts over with a new filter (its page and limit are ignored: the model pages itself).
    void setFilter(const AuditFilter &filter);
    [[nodiscard]] const AuditFilter &filter() const { return m_filter; }
    void setPageSize(int rows);
    void reload();
    void retry();
    void retranslate();

    // An account's email, to name it in the Target column (and the actor when the entry has no
    // email).
    void rememberUser(const QString &id, const QString &email);
    [[nodiscard]] QString nameOf(const QString &id) const;

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const Error &lastError() const { return m_error; }
    [[nodiscard]] qint64 totalCount() const { return m_total; }
    [[nodiscard]] const AuditEntry *entryAt(int row) const;

    [[nodiscard]] static QString actionText(const QString &action);
    // "Active → Deactivated", "Customer → Admin", else "field: before → after" per field; the new
    // value alone when there was none before (an account created).
    [[nodiscard]] static QString changeText(const AuditEntry &entry);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void stateChanged(Shop::Client::AuditLogModel::State state);
    void pageLoaded(int page);

private:
    void requestPage(int page);
    void applyPage(quint64 generation, int page, Result<Page<AuditEntry>> result);
    void setState(State state);

    QPointer<AdminUsersClient> m_client;
    AuditFilter m_filter;
    QLocale m_locale;
    int m_pageSize = 50;
    QList<AuditEntry> m_entries;
    QHash<QString, QString> m_names;
    qint64 m_total = -1;
    int m_loadedPages = 0;
    quint64 m_generation = 0;
    AdminUsersClient::RequestId m_request = 0;
    State m_state = State::Idle;
    Error m_error;
};

} // namespace Shop::Client
