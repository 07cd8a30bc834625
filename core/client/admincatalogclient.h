#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "client/apiclient.h"
#include "error.h"

#include <QObject>
#include <QPointer>

#include <optional>
#include <variant>

namespace Shop::Client {

// A product as the admin routes answer it: the public Product (active or not) plus its revision,
// and the entity tag to send back in If-Match ("3").
struct AdminProduct
{
    Product product;
    qint64 revision = 0;
    QByteArray etag;
};

// What staff edit in the product form: the catalog fields of POST /api/products and
// PUT /api/products/{id}. The stock is never part of a PUT from the console (see
// docs/catalog-admin.md): only `initialStock` on create; afterwards StockAdjustment.
struct ProductDraft
{
    QString sku;
    QString name;
    QString description;
    QString brand;
    std::optional<CategoryId> categoryId;
    Money price;
    QString imageUrl;
    bool isActive = true;
    std::optional<int> initialStock; // create only

    [[nodiscard]] static ProductDraft fromProduct(const Product &product);
    // The wire body; `withStock` adds stock_quantity (create only).
    [[nodiscard]] QJsonObject toJson(bool withStock) const;
    friend bool operator==(const ProductDraft &, const ProductDraft &) = default;
};

// POST /api/admin/products/{id}/stock
struct StockAdjustment
{
    int delta = 0; // signed, not zero
    QString reason; // "received", "returned", "damaged", "counted"
    QString note;
    // Sent as the Idempotency-Key: the server applies one adjustment per key (the same key and
    // body again answers the first result; see docs/catalog-admin.md). Empty: adjustStock() makes
    // a fresh one. Either way the client's automatic retries (the server unreachable, a timeout)
    // repeat the request with the same key; a caller that retries by hand passes the key again.
    QByteArray idempotencyKey;
};

struct StockMovement
{
    QString id;
    ProductId productId;
    int delta = 0;
    QString reason;
    QString note;
    int stockQuantity = 0; // the stock after the movement
    QDateTime createdAt;
};

// A category as the admin routes answer it (no counts).
struct AdminCategory
{
    CategoryId id;
    QString name;
    QString slug;
    std::optional<CategoryId> parentId;
};

// PUT /api/admin/categories/{id} is a merge: only what is set here is sent.
struct CategoryChange
{
    std::optional<QString> name;
    std::optional<QString> slug;
    bool move = false; // send parent_id (null = to the top)
    std::optional<CategoryId> parentId;

    [[nodiscard]] QJsonObject toJson() const;
};

// GET /api/admin/products/{id}/images
struct ProductImage
{
    QString id;
    QString url;
    QString thumbnailUrl;
    QString contentType;
    int width = 0;
    int height = 0;
    qint64 bytes = 0;
    int position = 0;
};

// One row error of a CSV import (row 1 is the first data row as the server counts).
struct CsvRowError
{
    int row = 0;
    QString column;
    QString code;
    QString message;
};

// The answer of POST /api/admin/products/import (a 422 of a real run carries the same errors).
struct CsvImportReport
{
    bool dryRun = true;
    int rows = 0;
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    QList<CsvRowError> errors;
};

// Which products GET /api/admin/products lists: the public query plus active/inactive.
struct AdminProductFilter
{
    ProductQuery query;
    enum class Active { All, Active, Inactive } active = Active::All;
    QString sku; // an exact SKU (case matters, as for the server's unique index); empty: any

    [[nodiscard]] QByteArray toQueryString() const;
};

// The staff's calls on the catalog (docs/catalog-admin.md): products (create, replace with
// If-Match, deactivate, restore), stock adjustments, categories, images, the CSV import and
// export, and the admin product list. Every write sends If-Match when it has a tag: a product
// someone else changed meanwhile answers ErrorCode::PreconditionFailed and nothing changes.
class AdminCatalogClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminCatalogClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    explicit AdminCatalogClient(ApiClient *api, QObject *parent = nullptr);

    [[nodiscard]] ApiClient *api() const { return m_api; }

    RequestId product(const ProductId &id, const QObject *context, Callback<AdminProduct> done);
    RequestId createProduct(const ProductDraft &draft, const QObject *context,
                            Callback<AdminProduct> done);
    // An empty etag sends no If-Match (an unconditional write).
    RequestId updateProduct(const ProductId &id, const ProductDraft &draft, const QByteArray &etag,
                            const QObject *context, Callback<AdminProduct> done);
    RequestId deactivateProduct(const ProductId &id, const QByteArray &etag, const QObject *context,
                                Callback<AdminProduct> done);
    RequestId restoreProduct(const ProductId &id, const QByteArray &etag, const QObject *context,
                             Callback<AdminProduct> done);
    // Active or not through the right route (DELETE or restore).
    RequestId setActive(const ProductId &id, bool active, const QByteArray &etag,
                        const QObject *context, Callback<AdminProduct> done);

    RequestId adjustStock(const ProductId &id, const StockAdjustment &adjustment,
                          const QObject *context, Callback<StockMovement> done);

    RequestId createCategory(const QString &name, const std::optional<CategoryId> &parent,
                             const QObject *context, Callback<AdminCategory> done);
    RequestId updateCategory(const CategoryId &id, const CategoryChange &change,
                             const QObject *context, Callback<AdminCategory> done);
    RequestId deleteCategory(const CategoryId &id, const QObject *context,
                             Callback<std::monostate> done);

    // GET /api/admin/products (inactive products included).
    RequestId products(const AdminProductFilter &filter, const QObject *context,
                       Callback<Page<AdminProduct>> done, const QString &supersedeKey = {});
    // The product with exactly this SKU, active or not, with its current stock and revision
    // (GET /api/admin/products?sku=...: one request); nullopt when no product has it.
    RequestId productBySku(const QString &sku, const QObject *context,
                           Callback<std::optional<AdminProduct>> done);

    RequestId images(const ProductId &id, const QObject *context,
                     Callback<QList<ProductImage>> done);
    RequestId uploadImage(const ProductId &id, const QByteArray &bytes,
                          const QByteArray &contentType, bool primary, const QObject *context,
                          Callback<ProductImage> done);
    RequestId deleteImage(const ProductId &id, const QString &imageId, const QObject *context,
                          Callback<std::monostate> done);
    RequestId setPrimaryImage(const ProductId &id, const QString &imageId, const QObject *context,
                              Callback<AdminProduct> done);

    // The report of a dry run or a real run; a real run with row errors answers the report too
    // (the server's 422 is turned back into it: nothing was written).
    RequestId importCsv(const QByteArray &csv, bool dryRun, const QObject *context,
                        Callback<CsvImportReport> done);
    RequestId exportCsv(const AdminProductFilter &filter, const QObject *context,
                        Callback<QByteArray> done);

    void cancel(RequestId id);

    [[nodiscard]] static Result<AdminProduct> adminProductFromJson(const QJsonObject &object,
                                                                   const QByteArray &etag = {});
    [[nodiscard]] static CsvImportReport importReportFromJson(const QJsonObject &object);

private:
    RequestId send(ApiRequest request, const QObject *context, Callback<ApiResponse> done);

    QPointer<ApiClient> m_api;
};

} // namespace Shop::Client
