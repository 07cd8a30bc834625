#pragma once

#include "catalog/product.h"
#include "client/catalogclient.h"
#include "error.h"

#include <QAbstractItemModel>
#include <QLocale>
#include <QPointer>

#include <memory>
#include <vector>

namespace Shop::Client {

// The category tree from GET /api/categories. Column 0 is the name, column 1 the number of
// products (including subcategories). Optionally a first top-level row "All products" with an
// empty slug, for views that filter by category.
class CategoryTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoryTreeModel)

public:
    enum Column { NameColumn, CountColumn, ColumnCount };
    enum Role {
        SlugRole = Qt::UserRole + 1,
        IdRole,
        ProductCountRole, // qint64
        IsAllRole, // true on the "All products" row
    };
    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    explicit CategoryTreeModel(CatalogClient *client, QObject *parent = nullptr);
    ~CategoryTreeModel() override;

    void setShowAllItem(bool show);
    void reload();
    // The language changed: counts and texts follow the new default QLocale and translation.
    void retranslate();
    // Replaces the tree (used by reload(); handy for tests and for data from elsewhere).
    void setCategories(const QList<Category> &categories);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const Error &lastError() const { return m_error; }
    [[nodiscard]] QModelIndex indexForSlug(const QString &slug) const; // "" = the All row
    [[nodiscard]] QString slugAt(const QModelIndex &index) const;
    [[nodiscard]] int categoryCount() const { return m_categoryCount; }

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void stateChanged(Shop::Client::CategoryTreeModel::State state);
    void loadFailed(const Shop::Error &error);
    void loaded();

private:
    struct Node
    {
        Category category; // children moved into `children` below
        Node *parent = nullptr;
        int row = 0;
        bool isAll = false;
        std::vector<std::unique_ptr<Node>> children;
    };

    void rebuild(const QList<Category> &categories);
    void addChildren(Node *parent, const QList<Category> &categories);
    [[nodiscard]] Node *nodeFor(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex findSlug(const Node *node, const QString &slug) const;
    void announceDataChanged(const Node *node);
    void setState(State state);

    QPointer<CatalogClient> m_client;
    std::unique_ptr<Node> m_root;
    QList<Category> m_categories;
    bool m_showAll = false;
    int m_categoryCount = 0;
    qint64 m_totalProducts = 0;
    CatalogClient::RequestId m_request = 0;
    State m_state = State::Idle;
    Error m_error;
    QLocale m_locale;
};

} // namespace Shop::Client
