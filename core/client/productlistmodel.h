#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "client/catalogclient.h"
#include "error.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QPointer>
#include <QSet>

namespace Shop::Client {

// Products from GET /api/products, loaded page by page as views ask for more (canFetchMore /
// fetchMore), so it serves a catalog of any size: the first page arrives, the next one is
// requested when a view scrolls to the end. Rows are a table for the admin console; a list view
// shows column 0 and reads everything else through the roles. data() only reads memory.
class ProductListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductListModel)

public:
    enum Column {
        NameColumn,
        SkuColumn,
        BrandColumn,
        CategoryColumn,
        PriceColumn,
        StockColumn,
        CreatedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        NameRole,
        SkuRole,
        BrandRole,
        CategoryNameRole,
        DescriptionRole,
        PriceRole, // Shop::Money
        FormattedPriceRole, // Money::format(locale)
        StockQuantityRole, // int
        InStockRole, // bool
        StockTextRole, // "In stock", "Only 3 left", "Out of stock"
        ImageUrlRole, // QUrl, absolute (resolved against the server); empty when none
        ProductRole, // Shop::Product
        IsActiveRole, // bool (false only in the Admin source)
    };
    Q_ENUM(Role)

    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    // Where the rows come from: the public catalog (active products, the storefront) or the
    // staff list GET /api/admin/products?active=all (inactive products too, the admin console).
    enum class Source { Public, Admin };
    Q_ENUM(Source)

    explicit ProductListModel(CatalogClient *client, QObject *parent = nullptr);
    ~ProductListModel() override;

    // Starts over with a new query (its page and limit are ignored: the model pages itself).
    // The old rows stay until the first page of the new query arrives, so search-as-you-type
    // does not flicker.
    void setQuery(const ProductQuery &query);
    [[nodiscard]] const ProductQuery &query() const { return m_query; }
    // Rows per request (1..ProductQuery::kMaxLimit); takes effect with the next setQuery().
    void setPageSize(int rows);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    // At most this many rows (e.g. a "new arrivals" strip); 0 = unlimited.
    void setMaxRows(int rows) { m_maxRows = rows; }
    // Takes effect with the next setQuery() or reload().
    void setSource(Source source) { m_source = source; }
    [[nodiscard]] Source source() const { return m_source; }
    void setLocale(const QLocale &locale);
    // The language changed: prices, dates and texts follow the new default QLocale and
    // translation (same as setLocale(QLocale()), plus the headers).
    void retranslate();

    void reload(); // the current query from page 1
    void retry(); // after Failed: repeats the request that failed

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const Error &lastError() const { return m_error; }
    [[nodiscard]] qint64 totalCount() const { return m_total; } // -1 until the first page
    [[nodiscard]] const Product *productAt(int row) const;
    [[nodiscard]] int rowOf(const ProductId &id) const;
    // A product changed on the server (an admin's edit): its row shows the new values. False when
    // it is not loaded.
    bool updateProduct(const Product &product);

    // The server-side order that a click on `column`'s header asks for, when the API has it.
    [[nodiscard]] static std::optional<ProductSort> sortForColumn(int column, Qt::SortOrder order);
    // The column and direction the current server order shows as, when it is a column's order.
    [[nodiscard]] static std::optional<std::pair<int, Qt::SortOrder>>
    columnForSort(ProductSort sort);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Server-side sort: changes the query's sort and reloads. Unsupported columns or directions
    // are ignored (see sortForColumn).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    [[nodiscard]] QString stockText(const Product &product) const;

Q_SIGNALS:
    void stateChanged(Shop::Client::ProductListModel::State state);
    void loadFailed(const Shop::Error &error);
    void pageLoaded(int page);
    void totalCountChanged(qint64 total);
    void queryChanged();

private:
    void requestPage(int page);
    void applyPage(quint64 generation, int page, Result<Page<Product>> result);
    void setState(State state);

    QPointer<CatalogClient> m_client;
    ProductQuery m_query;
    QLocale m_locale;
    int m_pageSize = 24;
    int m_maxRows = 0;
    Source m_source = Source::Public;
    QList<Product> m_products;
    QSet<ProductId> m_ids; // pages can overlap when the catalog changes between requests
    qint64 m_total = -1;
    int m_loadedPages = 0;
    int m_pendingPage = 0;
    quint64 m_generation = 0;
    CatalogClient::RequestId m_request = 0;
    State m_state = State::Idle;
    Error m_error;
    QString m_supersedeKey;
};

} // namespace Shop::Client

Q_DECLARE_METATYPE(Shop::Money)
Q_DECLARE_METATYPE(Shop::Product)
