#include "client/catalogclient.h"

#include "serialize/catalogjson.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Shop::Client {

namespace {

// Adapts an answer that must be a JSON object: parses it with `parse`, or reports `unexpected`.
template<typename T, typename Parse>
ApiClient::Callback<ApiResponse> whenObject(ApiClient::Callback<T> done, Parse parse,
                                            const QString &unexpected)
{
    return [done = std::move(done), parse, unexpected](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        if (!result->json.isObject()) {
            done(fail(Error::internal(unexpected)));
            return;
        }
        done(parse(result->json.object()));
    };
}

} // namespace

CatalogClient::CatalogClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

CatalogClient::RequestId CatalogClient::send(ApiRequest request, const CallOptions &options,
                                             const QObject *context, Callback<ApiResponse> done)
{
    if (!m_api) {
        return 0;
    }
    request.options = options;
    return m_api->send(request, context, std::move(done));
}

void CatalogClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

CatalogClient::RequestId CatalogClient::products(const ProductQuery &query, const QObject *context,
                                                 Callback<Page<Product>> done,
                                                 const CallOptions &options)
{
    return send(ApiRequest::get(QStringLiteral("api/products"), query.toQueryString()), options,
                context,
                whenObject<Page<Product>>(
                    std::move(done), Json::productPageFromJson,
                    tr("The shop server sent a product list in an unexpected format.")));
}

CatalogClient::RequestId CatalogClient::adminProducts(const ProductQuery &query,
                                                      const QObject *context,
                                                      Callback<Page<Product>> done,
                                                      const CallOptions &options)
{
    QByteArray text = query.toQueryString();
    text += text.isEmpty() ? "active=all" : "&active=all";
    return send(ApiRequest::get(QStringLiteral("api/admin/products"), text), options, context,
                whenObject<Page<Product>>(
                    std::move(done), Json::productPageFromJson,
                    tr("The shop server sent a product list in an unexpected format.")));
}

CatalogClient::RequestId CatalogClient::product(const ProductId &id, const QObject *context,
                                                Callback<Product> done, const CallOptions &options)
{
    return send(ApiRequest::get(QStringLiteral("api/products/") + id.toString()), options, context,
                whenObject<Product>(std::move(done), Json::productFromJson,
                                    tr("The shop server sent a product in an unexpected format.")));
}

CatalogClient::RequestId CatalogClient::categories(const QObject *context,
                                                   Callback<QList<Category>> done,
                                                   const CallOptions &options)
{
    return send(ApiRequest::get(QStringLiteral("api/categories")), options, context,
                [done = std::move(done)](Result<ApiResponse> result) {
                    if (!result) {
                        done(fail(result.error()));
                        return;
                    }
                    // The tree is a bare array; accept {"items": [...]} too.
                    const QJsonDocument &json = result->json;
                    if (json.isArray()) {
                        done(Json::categoriesFromJson(json.array()));
                    } else if (json.isObject()
                               && json.object().value(QStringLiteral("items")).isArray()) {
                        done(Json::categoriesFromJson(
                            json.object().value(QStringLiteral("items")).toArray()));
                    } else {
                        done(fail(Error::internal(
                            tr("The shop server sent the categories in an unexpected format."))));
                    }
                });
}

CatalogClient::RequestId CatalogClient::brands(const QString &category, const QObject *context,
                                               Callback<QList<Brand>> done,
                                               const CallOptions &options)
{
    return send(
        ApiRequest::get(QStringLiteral("api/brands"), BrandQuery {category}.toQueryString()),
        options, context,
        whenObject<QList<Brand>>(std::move(done), Json::brandListFromJson,
                                 tr("The shop server sent the brands in an unexpected format.")));
}

} // namespace Shop::Client
