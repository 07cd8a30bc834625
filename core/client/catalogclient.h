#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "client/apiclient.h"
#include "error.h"

#include <QObject>
#include <QPointer>

namespace Shop::Client {

// The catalog's resources on the API client: products, one product, the category tree, brands.
// It builds the requests and reads the answers; the transport (ApiClient) sends, retries,
// authenticates and cancels. Holds no state of its own beyond the transport, so any number of
// them may share one ApiClient.
class CatalogClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    explicit CatalogClient(ApiClient *api, QObject *parent = nullptr);

    [[nodiscard]] ApiClient *api() const { return m_api; }

    // GET /api/products?...: one page of products.
    RequestId products(const ProductQuery &query, const QObject *context,
                       Callback<Page<Product>> done, const CallOptions &options = {});
    // GET /api/admin/products?...&active=all (staff only): the same page shape, inactive products
    // included (Product::isActive), never cached.
    RequestId adminProducts(const ProductQuery &query, const QObject *context,
                            Callback<Page<Product>> done, const CallOptions &options = {});
    // GET /api/products/{id}
    RequestId product(const ProductId &id, const QObject *context, Callback<Product> done,
                      const CallOptions &options = {});
    // GET /api/categories: the category tree.
    RequestId categories(const QObject *context, Callback<QList<Category>> done,
                         const CallOptions &options = {});
    // GET /api/brands?category=...: every brand of active products with its product count,
    // sorted by name; only the category's (and its subcategories') products when category is
    // not empty.
    RequestId brands(const QString &category, const QObject *context, Callback<QList<Brand>> done,
                     const CallOptions &options = {});

    // Cancels a call made here (ApiClient::cancel); 0 and unknown ids are ignored.
    void cancel(RequestId id);

private:
    RequestId send(ApiRequest request, const CallOptions &options, const QObject *context,
                   Callback<ApiResponse> done);

    QPointer<ApiClient> m_api;
};

} // namespace Shop::Client
