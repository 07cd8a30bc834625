#pragma once

#include "client/account.h"
#include "client/adminusersclient.h"
#include "error.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QPointer>

namespace Shop::Client {

// The accounts from GET /api/admin/users for the admin console's Customers table, loaded page by
// page as the view scrolls (canFetchMore / fetchMore), as ProductListModel does for products.
// updateUser() puts an account the server just returned (after a status or role change) into
// its row. data() only reads memory.
class UserListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserListModel)

public:
    enum Column {
        EmailColumn,
        NameColumn,
        RoleColumn,
        StatusColumn,
        LanguageColumn,
        CreatedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        EmailRole,
        IsActiveRole, // bool
        IsAdminRole, // bool
    };
    Q_ENUM(Role)

    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    static constexpr int kMaxPageSize = 100; // the API's limit

    explicit UserListModel(AdminUsersClient *client, QObject *parent = nullptr);
    ~UserListModel() override;

    // Starts over with a new filter (its page and limit are ignored: the model pages itself).
    // The old rows stay until the first page of the new filter arrives.
    void setFilter(const UserFilter &filter);
    [[nodiscard]] const UserFilter &filter() const { return m_filter; }
    void setPageSize(int rows);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    void reload();
    void retry(); // after Failed: repeats the page that failed
    // The language changed: headers, role and status texts and dates follow.
    void retranslate();

    // Replaces the row of `user.id` (when loaded) with `user`.
    void updateUser(const User &user);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const Error &lastError() const { return m_error; }
    [[nodiscard]] qint64 totalCount() const { return m_total; } // -1 until the first page
    [[nodiscard]] const User *userAt(int row) const;
    [[nodiscard]] int rowOf(const QString &id) const;

    [[nodiscard]] static QString roleText(const QString &role);
    [[nodiscard]] static QString statusText(bool active);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void stateChanged(Shop::Client::UserListModel::State state);
    void pageLoaded(int page);
    // Every account a page brought (the audit view names actors and targets with them).
    void usersSeen(const QList<Shop::Client::User> &users);

private:
    void requestPage(int page);
    void applyPage(quint64 generation, int page, Result<Page<User>> result);
    void setState(State state);

    QPointer<AdminUsersClient> m_client;
    UserFilter m_filter;
    QLocale m_locale;
    int m_pageSize = 50;
    QList<User> m_users;
    qint64 m_total = -1;
    int m_loadedPages = 0;
    quint64 m_generation = 0;
    AdminUsersClient::RequestId m_request = 0;
    State m_state = State::Idle;
    Error m_error;
};

} // namespace Shop::Client
