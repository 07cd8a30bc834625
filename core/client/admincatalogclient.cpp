#include "client/admincatalogclient.h"

#include "serialize/catalogjson.h"
#include "serialize/problemjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcAdminCatalog, "shop.client.admincatalog", QtInfoMsg)

namespace Shop::Client {

namespace {

QString encoded(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QString productPath(const ProductId &id, const QString &tail = {})
{
    return QStringLiteral("api/admin/products/") + encoded(id.toString()) + tail;
}

QString publicProductPath(const ProductId &id)
{
    return QStringLiteral("api/products/") + encoded(id.toString());
}

QString categoryPath(const CategoryId &id)
{
    return QStringLiteral("api/admin/categories/") + encoded(id.toString());
}

Error malformed()
{
    return Error::internal(AdminCatalogClient::tr(
        "The shop server sent an answer about the catalog in an unexpected format."));
}

QJsonValue nullable(const QString &text)
{
    return text.trimmed().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text.trimmed());
}

void addIfMatch(ApiRequest &request, const QByteArray &etag)
{
    if (!etag.isEmpty()) {
        request.headers.append({QByteArrayLiteral("If-Match"), etag});
    }
}

// The answer as an object, or the error.
Result<QJsonObject> objectOf(Result<ApiResponse> &result)
{
    if (!result) {
        return fail(result.error());
    }
    if (!result->json.isObject()) {
        return fail(malformed());
    }
    return result->json.object();
}

ApiClient::Callback<ApiResponse> productReply(ApiClient::Callback<AdminProduct> done)
{
    return [done = std::move(done)](Result<ApiResponse> result) {
        auto object = objectOf(result);
        if (!object) {
            done(fail(object.error()));
            return;
        }
        done(AdminCatalogClient::adminProductFromJson(*object, result->header("ETag")));
    };
}

Result<AdminCategory> categoryFromJson(const QJsonObject &o)
{
    AdminCategory category;
    const auto id = CategoryId::parse(o.value(QLatin1String("id")).toString());
    if (!id) {
        return fail(malformed());
    }
    category.id = *id;
    category.name = o.value(QLatin1String("name")).toString();
    category.slug = o.value(QLatin1String("slug")).toString();
    category.parentId = CategoryId::parse(o.value(QLatin1String("parent_id")).toString());
    return category;
}

ApiClient::Callback<ApiResponse> categoryReply(ApiClient::Callback<AdminCategory> done)
{
    return [done = std::move(done)](Result<ApiResponse> result) {
        auto object = objectOf(result);
        if (!object) {
            done(fail(object.error()));
            return;
        }
        // Either the category itself or {"category": {...}}.
        const QJsonObject inner = object->value(QLatin1String("category")).isObject()
            ? object->value(QLatin1String("category")).toObject()
            : *object;
        done(categoryFromJson(inner));
    };
}

ApiClient::Callback<ApiResponse> emptyReply(ApiClient::Callback<std::monostate> done)
{
    return [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
        } else {
            done(std::monostate {});
        }
    };
}

ProductImage imageFromJson(const QJsonObject &o)
{
    ProductImage image;
    image.id = o.value(QLatin1String("id")).toString();
    image.url = o.value(QLatin1String("url")).toString();
    image.thumbnailUrl = o.value(QLatin1String("thumbnail_url")).toString();
    image.contentType = o.value(QLatin1String("content_type")).toString();
    image.width = o.value(QLatin1String("width")).toInt();
    image.height = o.value(QLatin1String("height")).toInt();
    image.bytes = o.value(QLatin1String("bytes")).toInteger();
    image.position = o.value(QLatin1String("position")).toInt();
    return image;
}

} // namespace

ProductDraft ProductDraft::fromProduct(const Product &product)
{
    ProductDraft draft;
    draft.sku = product.sku;
    draft.name = product.name;
    draft.description = product.description;
    draft.brand = product.brand;
    draft.categoryId = product.categoryId;
    draft.price = product.price;
    draft.imageUrl = product.imageUrl;
    draft.isActive = product.isActive;
    return draft;
}

QJsonObject ProductDraft::toJson(bool withStock) const
{
    QJsonObject body {
        {QStringLiteral("sku"), sku.trimmed()},
        {QStringLiteral("name"), name.trimmed()},
        {QStringLiteral("description"), description.trimmed()},
        {QStringLiteral("brand"), nullable(brand)},
        {QStringLiteral("category_id"),
         categoryId ? QJsonValue(categoryId->toString()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("price"), price.minorUnits()},
        {QStringLiteral("currency"), price.currency().code()},
        {QStringLiteral("image_url"), nullable(imageUrl)},
        {QStringLiteral("is_active"), isActive},
    };
    if (withStock && initialStock) {
        body.insert(QStringLiteral("stock_quantity"), *initialStock);
    }
    return body;
}

QJsonObject CategoryChange::toJson() const
{
    QJsonObject body;
    if (name) {
        body.insert(QStringLiteral("name"), name->trimmed());
    }
    if (slug) {
        body.insert(QStringLiteral("slug"), slug->trimmed());
    }
    if (move) {
        body.insert(QStringLiteral("parent_id"),
                    parentId ? QJsonValue(parentId->toString()) : QJsonValue(QJsonValue::Null));
    }
    return body;
}

QByteArray AdminProductFilter::toQueryString() const
{
    ProductQuery copy = query;
    QByteArray text = copy.toQueryString();
    const char *value = active == Active::Active ? "true"
        : active == Active::Inactive             ? "false"
                                                 : "all";
    if (!text.isEmpty()) {
        text += '&';
    }
    text += QByteArrayLiteral("active=") + value;
    if (!sku.isEmpty()) {
        text += QByteArrayLiteral("&sku=") + QUrl::toPercentEncoding(sku);
    }
    return text;
}

AdminCatalogClient::AdminCatalogClient(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{ }

void AdminCatalogClient::cancel(RequestId id)
{
    if (m_api && id != 0) {
        m_api->cancel(id);
    }
}

AdminCatalogClient::RequestId AdminCatalogClient::send(ApiRequest request, const QObject *context,
                                                       Callback<ApiResponse> done)
{
    if (!m_api) {
        return 0;
    }
    qCDebug(lcAdminCatalog) << request.method << request.path;
    return m_api->send(request, context, std::move(done));
}

Result<AdminProduct> AdminCatalogClient::adminProductFromJson(const QJsonObject &object,
                                                              const QByteArray &etag)
{
    auto product = Json::productFromJson(object);
    if (!product) {
        return fail(product.error());
    }
    AdminProduct admin;
    admin.product = std::move(*product);
    admin.revision = object.value(QLatin1String("revision")).toInteger();
    admin.etag = !etag.isEmpty() ? etag
        : admin.revision > 0     ? QByteArray('"' + QByteArray::number(admin.revision) + '"')
                                 : QByteArray();
    return admin;
}

CsvImportReport AdminCatalogClient::importReportFromJson(const QJsonObject &o)
{
    CsvImportReport report;
    report.dryRun = o.value(QLatin1String("dry_run")).toBool(true);
    report.rows = o.value(QLatin1String("rows")).toInt();
    report.created = o.value(QLatin1String("created")).toInt();
    report.updated = o.value(QLatin1String("updated")).toInt();
    report.unchanged = o.value(QLatin1String("unchanged")).toInt();
    for (const QJsonValue &value : o.value(QLatin1String("errors")).toArray()) {
        const QJsonObject e = value.toObject();
        report.errors.append({e.value(QLatin1String("row")).toInt(),
                              e.value(QLatin1String("column")).toString(),
                              e.value(QLatin1String("code")).toString(),
                              e.value(QLatin1String("message")).toString()});
    }
    return report;
}

AdminCatalogClient::RequestId AdminCatalogClient::product(const ProductId &id,
                                                          const QObject *context,
                                                          Callback<AdminProduct> done)
{
    return send(ApiRequest::get(productPath(id)), context, productReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::createProduct(const ProductDraft &draft,
                                                                const QObject *context,
                                                                Callback<AdminProduct> done)
{
    ApiRequest request =
        ApiRequest::post(QStringLiteral("api/products"), QJsonDocument(draft.toJson(true)));
    request.options.retry = false; // a repeat after a lost answer would create it twice
    qCInfo(lcAdminCatalog) << "creating product" << draft.sku;
    return send(request, context, productReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::updateProduct(const ProductId &id,
                                                                const ProductDraft &draft,
                                                                const QByteArray &etag,
                                                                const QObject *context,
                                                                Callback<AdminProduct> done)
{
    ApiRequest request;
    request.method = "PUT";
    request.path = publicProductPath(id);
    request.body = QJsonDocument(draft.toJson(false)); // never the stock: see ProductDraft
    addIfMatch(request, etag);
    qCInfo(lcAdminCatalog) << "updating product" << id.toString();
    return send(request, context, productReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::deactivateProduct(const ProductId &id,
                                                                    const QByteArray &etag,
                                                                    const QObject *context,
                                                                    Callback<AdminProduct> done)
{
    ApiRequest request;
    request.method = "DELETE";
    request.path = publicProductPath(id);
    addIfMatch(request, etag);
    return send(request, context, productReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::restoreProduct(const ProductId &id,
                                                                 const QByteArray &etag,
                                                                 const QObject *context,
                                                                 Callback<AdminProduct> done)
{
    ApiRequest request;
    request.method = "POST";
    request.path = productPath(id, QStringLiteral("/restore"));
    addIfMatch(request, etag);
    request.options.retry = false;
    return send(request, context, productReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::setActive(const ProductId &id, bool active,
                                                            const QByteArray &etag,
                                                            const QObject *context,
                                                            Callback<AdminProduct> done)
{
    return active ? restoreProduct(id, etag, context, std::move(done))
                  : deactivateProduct(id, etag, context, std::move(done));
}

AdminCatalogClient::RequestId AdminCatalogClient::adjustStock(const ProductId &id,
                                                              const StockAdjustment &adjustment,
                                                              const QObject *context,
                                                              Callback<StockMovement> done)
{
    QJsonObject body {{QStringLiteral("delta"), adjustment.delta},
                      {QStringLiteral("reason"), adjustment.reason}};
    if (!adjustment.note.trimmed().isEmpty()) {
        body.insert(QStringLiteral("note"), adjustment.note.trimmed());
    }
    ApiRequest request =
        ApiRequest::post(productPath(id, QStringLiteral("/stock")), QJsonDocument(body));
    // One adjustment per key: the automatic retries repeat this request with this key, and the
    // server answers a repeat with the first result instead of adjusting twice.
    request.idempotencyKey = adjustment.idempotencyKey.isEmpty() ? ApiClient::newIdempotencyKey()
                                                                 : adjustment.idempotencyKey;
    request.options.retry = true;
    qCInfo(lcAdminCatalog) << "stock" << id.toString() << adjustment.delta << adjustment.reason;
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        auto object = objectOf(result);
        if (!object) {
            done(fail(object.error()));
            return;
        }
        const QJsonObject o = object->value(QLatin1String("movement")).isObject()
            ? object->value(QLatin1String("movement")).toObject()
            : *object;
        StockMovement movement;
        movement.id = o.value(QLatin1String("id")).toVariant().toString();
        movement.productId =
            ProductId::parse(o.value(QLatin1String("product_id")).toString()).value_or(ProductId());
        movement.delta = o.value(QLatin1String("delta")).toInt();
        movement.reason = o.value(QLatin1String("reason")).toString();
        movement.note = o.value(QLatin1String("note")).toString();
        movement.stockQuantity = o.value(QLatin1String("stock_quantity")).toInt();
        movement.createdAt = Json::fromWireTime(o.value(QLatin1String("created_at")).toString());
        done(movement);
    });
}

AdminCatalogClient::RequestId
AdminCatalogClient::createCategory(const QString &name, const std::optional<CategoryId> &parent,
                                   const QObject *context, Callback<AdminCategory> done)
{
    const QJsonObject body {
        {QStringLiteral("name"), name.trimmed()},
        {QStringLiteral("parent_id"),
         parent ? QJsonValue(parent->toString()) : QJsonValue(QJsonValue::Null)}};
    ApiRequest request =
        ApiRequest::post(QStringLiteral("api/admin/categories"), QJsonDocument(body));
    request.options.retry = false;
    return send(request, context, categoryReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::updateCategory(const CategoryId &id,
                                                                 const CategoryChange &change,
                                                                 const QObject *context,
                                                                 Callback<AdminCategory> done)
{
    ApiRequest request;
    request.method = "PUT";
    request.path = categoryPath(id);
    request.body = QJsonDocument(change.toJson());
    return send(request, context, categoryReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::deleteCategory(const CategoryId &id,
                                                                 const QObject *context,
                                                                 Callback<std::monostate> done)
{
    ApiRequest request;
    request.method = "DELETE";
    request.path = categoryPath(id);
    return send(request, context, emptyReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::products(const AdminProductFilter &filter,
                                                           const QObject *context,
                                                           Callback<Page<AdminProduct>> done,
                                                           const QString &supersedeKey)
{
    ApiRequest request =
        ApiRequest::get(QStringLiteral("api/admin/products"), filter.toQueryString());
    request.options.supersedeKey = supersedeKey;
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        auto object = objectOf(result);
        if (!object) {
            done(fail(object.error()));
            return;
        }
        auto page = Json::productPageFromJson(*object);
        if (!page) {
            done(fail(page.error()));
            return;
        }
        Page<AdminProduct> admin;
        admin.page = page->page;
        admin.limit = page->limit;
        admin.total = page->total;
        // The same shape as GET /api/products ("items"); "products" as the contract first said.
        QJsonArray raw = object->value(QLatin1String("items")).toArray();
        if (raw.isEmpty()) {
            raw = object->value(QLatin1String("products")).toArray();
        }
        for (int i = 0; i < raw.size(); ++i) {
            auto product = adminProductFromJson(raw.at(i).toObject());
            if (!product) {
                done(fail(product.error()));
                return;
            }
            admin.items.append(std::move(*product));
        }
        done(std::move(admin));
    });
}

AdminCatalogClient::RequestId
AdminCatalogClient::productBySku(const QString &sku, const QObject *context,
                                 Callback<std::optional<AdminProduct>> done)
{
    AdminProductFilter filter;
    filter.sku = sku.trimmed();
    filter.query.limit = 1;
    return products(filter, context, [done = std::move(done)](Result<Page<AdminProduct>> page) {
        if (!page) {
            done(fail(page.error()));
            return;
        }
        if (page->items.isEmpty()) {
            done(std::optional<AdminProduct>());
            return;
        }
        done(std::optional<AdminProduct>(page->items.takeFirst()));
    });
}

AdminCatalogClient::RequestId AdminCatalogClient::images(const ProductId &id,
                                                         const QObject *context,
                                                         Callback<QList<ProductImage>> done)
{
    return send(ApiRequest::get(productPath(id, QStringLiteral("/images"))), context,
                [done = std::move(done)](Result<ApiResponse> result) {
                    auto object = objectOf(result);
                    if (!object) {
                        done(fail(object.error()));
                        return;
                    }
                    QList<ProductImage> list;
                    for (const QJsonValue &v : object->value(QLatin1String("images")).toArray()) {
                        list.append(imageFromJson(v.toObject()));
                    }
                    done(std::move(list));
                });
}

AdminCatalogClient::RequestId AdminCatalogClient::uploadImage(const ProductId &id,
                                                              const QByteArray &bytes,
                                                              const QByteArray &contentType,
                                                              bool primary, const QObject *context,
                                                              Callback<ProductImage> done)
{
    ApiRequest request;
    request.method = "POST";
    request.path = productPath(id, QStringLiteral("/images"));
    request.query = primary ? QByteArrayLiteral("primary=true") : QByteArray();
    request.rawBody = bytes;
    request.contentType =
        contentType.isEmpty() ? QByteArrayLiteral("application/octet-stream") : contentType;
    request.options.timeout = std::chrono::seconds(60);
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        auto object = objectOf(result);
        if (!object) {
            done(fail(object.error()));
            return;
        }
        done(imageFromJson(object->value(QLatin1String("image")).toObject()));
    });
}

AdminCatalogClient::RequestId AdminCatalogClient::deleteImage(const ProductId &id,
                                                              const QString &imageId,
                                                              const QObject *context,
                                                              Callback<std::monostate> done)
{
    ApiRequest request;
    request.method = "DELETE";
    request.path = productPath(id, QStringLiteral("/images/") + encoded(imageId));
    return send(request, context, emptyReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::setPrimaryImage(const ProductId &id,
                                                                  const QString &imageId,
                                                                  const QObject *context,
                                                                  Callback<AdminProduct> done)
{
    ApiRequest request;
    request.method = "PUT";
    request.path =
        productPath(id, QStringLiteral("/images/") + encoded(imageId) + QStringLiteral("/primary"));
    return send(request, context, productReply(std::move(done)));
}

AdminCatalogClient::RequestId AdminCatalogClient::importCsv(const QByteArray &csv, bool dryRun,
                                                            const QObject *context,
                                                            Callback<CsvImportReport> done)
{
    qCInfo(lcAdminCatalog) << "CSV import of" << csv.size() << "bytes, dry run" << dryRun;
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("api/admin/products/import");
    request.query = dryRun ? QByteArrayLiteral("dry_run=true") : QByteArrayLiteral("dry_run=false");
    request.rawBody = csv;
    request.contentType = QByteArrayLiteral("text/csv; charset=utf-8");
    request.options.timeout = std::chrono::minutes(5);
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            // A real run with row errors: 422 with the same errors, nothing written.
            const Error &error = result.error();
            const QJsonArray rowErrors =
                error.extensions.value(QLatin1String("row_errors")).toArray();
            if (error.code == ErrorCode::Validation && !rowErrors.isEmpty()) {
                // The server's 422 carries the rows as in a dry run ("row_errors").
                CsvImportReport report =
                    importReportFromJson(QJsonObject {{QStringLiteral("errors"), rowErrors}});
                report.dryRun = false;
                done(report);
                return;
            }
            if (error.code == ErrorCode::Validation && !error.fieldErrors.isEmpty()) {
                // The problem's "errors" arrive as field errors: the row numbers, when the
                // server names them, are in the problem's "rows" extension.
                CsvImportReport report = importReportFromJson(error.extensions);
                report.dryRun = false;
                const QJsonArray rows = error.extensions.value(QLatin1String("rows")).toArray();
                for (qsizetype i = 0; i < error.fieldErrors.size(); ++i) {
                    const FieldError &field = error.fieldErrors.at(i);
                    report.errors.append({i < rows.size() ? rows.at(i).toInt() : 0, field.field,
                                          field.code, field.message});
                }
                done(report);
                return;
            }
            done(fail(error));
            return;
        }
        if (!result->json.isObject()) {
            done(fail(malformed()));
            return;
        }
        done(importReportFromJson(result->json.object()));
    });
}

AdminCatalogClient::RequestId AdminCatalogClient::exportCsv(const AdminProductFilter &filter,
                                                            const QObject *context,
                                                            Callback<QByteArray> done)
{
    ApiRequest request =
        ApiRequest::get(QStringLiteral("api/admin/products/export.csv"), filter.toQueryString());
    request.requireJsonBody = false;
    request.options.timeout = std::chrono::minutes(5);
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
        } else {
            done(result->body);
        }
    });
}

} // namespace Shop::Client
