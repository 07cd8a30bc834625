// The staff's catalog routes: thin adapters between Http::Request/Response and CatalogAdmin.
//
//   POST   /api/products                          create (201, Location, ETag)
//   PUT    /api/products/{id}                     replace the catalog fields (If-Match)
//   DELETE /api/products/{id}                     deactivate: a soft delete (If-Match)
//   GET    /api/admin/products/{id}               the product, active or not, with its ETag
//   POST   /api/admin/products/{id}/restore       activate again (If-Match)
//   POST   /api/admin/products/{id}/stock         adjust the stock by a signed delta
//   GET    /api/admin/products/{id}/stock-movements  the latest stock movements
//   POST   /api/admin/categories                  create a category (201)
//   PUT    /api/admin/categories/{id}             rename, change the slug, move
//   DELETE /api/admin/categories/{id}             delete an empty category (204)
//
// Every route needs an admin (401 anonymous, 403 customers: write:products, read:products:all,
// write:categories, which only the admin role's "*" grants) and runs on the worker pool. The
// entity tag is the product's revision, "<revision>" (strong): it changes with every catalog
// field and never with the stock alone. If-Match is optional; when sent, a write whose product
// is at another revision answers 412.

#include "catalogadmin.h"
#include "catalogroutes.h"
#include "http/requestlimits.h"
#include "validation.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace Shop::Catalog {

namespace {

using Http::Reply;
using Http::Request;
using Http::Response;

const QString kWriteProducts = QStringLiteral("write:products");
const QString kReadProducts = QStringLiteral("read:products:all");
const QString kWriteCategories = QStringLiteral("write:categories");

QByteArray entityTag(qint64 revision)
{
    return '"' + QByteArray::number(revision) + '"';
}

// If-Match (RFC 9110 §13.1.1): "*" or a list of entity tags, compared strongly (a weak tag never
// matches). nullopt when the request has none.
std::optional<RevisionCondition> ifMatch(const Request &request)
{
    const QByteArray value = request.header("if-match").trimmed();
    if (value.isEmpty()) {
        return std::nullopt;
    }
    RevisionCondition condition;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray tag = part.trimmed();
        if (tag == "*") {
            condition.any = true;
        } else if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"')) {
            bool ok = false;
            const qint64 revision = tag.mid(1, tag.size() - 2).toLongLong(&ok);
            if (ok && revision > 0) {
                condition.revisions.append(revision);
            }
        }
    }
    return condition;
}

Actor actorOf(const Request &request)
{
    return {request.principal.userId, request.requestId};
}

Response productResponse(const AdminProduct &product, int status = 200)
{
    Response response = Response::json(CatalogAdmin::toJson(product), status);
    response.setHeader(QByteArrayLiteral("ETag"), entityTag(product.revision));
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

Reply productReply(Result<AdminProduct> product, int status = 200)
{
    if (!product) {
        return fail(product.error());
    }
    return productResponse(*product, status);
}

} // namespace

void registerCatalogAdminRoutes(Http::Router &router, const std::shared_ptr<CatalogAdmin> &admin)
{
    using Http::Route;
    // Signed-in callers count against their account's limit; the class only matters for callers
    // without a valid token, who get 401 first.
    const QString limit = Http::kRateClassAnonWrite;
    const auto add = [&](QByteArray method, QString pattern, QString permission,
                         Http::Handler handler) {
        router.add(Route {.method = std::move(method),
                          .pattern = std::move(pattern),
                          .handler = std::move(handler),
                          .rateClass = limit,
                          .permission = std::move(permission)});
    };

    add("POST", QStringLiteral("/api/products"), kWriteProducts,
        [admin](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            auto product = admin->createProduct(*body, actorOf(request));
            if (!product) {
                return fail(product.error());
            }
            Response response = productResponse(*product, 201);
            response.setHeader(QByteArrayLiteral("Location"),
                               QByteArrayLiteral("/api/admin/products/")
                                   + product->product.id.toString().toLatin1());
            return response;
        });

    add("PUT", QStringLiteral("/api/products/{id}"), kWriteProducts,
        [admin](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            return productReply(admin->replaceProduct(request.pathParam(QStringLiteral("id")),
                                                      *body, ifMatch(request), actorOf(request)));
        });

    add("DELETE", QStringLiteral("/api/products/{id}"), kWriteProducts,
        [admin](const Request &request) -> Reply {
            return productReply(admin->setActive(request.pathParam(QStringLiteral("id")), false,
                                                 ifMatch(request), actorOf(request)));
        });

    add("GET", QStringLiteral("/api/admin/products/{id}"), kReadProducts,
        [admin](const Request &request) -> Reply {
            return productReply(admin->product(request.pathParam(QStringLiteral("id"))));
        });

    add("POST", QStringLiteral("/api/admin/products/{id}/restore"), kWriteProducts,
        [admin](const Request &request) -> Reply {
            return productReply(admin->setActive(request.pathParam(QStringLiteral("id")), true,
                                                 ifMatch(request), actorOf(request)));
        });

    add("POST", QStringLiteral("/api/admin/products/{id}/stock"), kWriteProducts,
        [admin](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            auto movement = admin->adjustStock(request.pathParam(QStringLiteral("id")), *body,
                                               actorOf(request));
            if (!movement) {
                return fail(movement.error());
            }
            return Response::json(CatalogAdmin::toJson(*movement));
        });

    add("GET", QStringLiteral("/api/admin/products/{id}/stock-movements"), kReadProducts,
        [admin](const Request &request) -> Reply {
            const QUrlQuery query(QString::fromUtf8(request.rawQuery));
            Validator v;
            PageParams paging;
            paging.limit = 50;
            for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
                if (key != u"limit" || !takePageParam(key, value.trimmed(), paging, v, 200)) {
                    v.add(key, QStringLiteral("is not a known parameter"),
                          QStringLiteral("unknown"));
                }
            }
            if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
                return fail(*error);
            }
            auto movements =
                admin->stockMovements(request.pathParam(QStringLiteral("id")), paging.limit);
            if (!movements) {
                return fail(movements.error());
            }
            QJsonArray items;
            for (const StockMovement &m : std::as_const(*movements)) {
                items.append(CatalogAdmin::toJson(m));
            }
            return Response::json(QJsonObject {{QStringLiteral("items"), items}});
        });

    add("POST", QStringLiteral("/api/admin/categories"), kWriteCategories,
        [admin](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            auto category = admin->createCategory(*body, actorOf(request));
            if (!category) {
                return fail(category.error());
            }
            return Response::json(CatalogAdmin::toJson(*category), 201);
        });

    add("PUT", QStringLiteral("/api/admin/categories/{id}"), kWriteCategories,
        [admin](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            auto category = admin->updateCategory(request.pathParam(QStringLiteral("id")), *body,
                                                  actorOf(request));
            if (!category) {
                return fail(category.error());
            }
            return Response::json(CatalogAdmin::toJson(*category));
        });

    add("DELETE", QStringLiteral("/api/admin/categories/{id}"), kWriteCategories,
        [admin](const Request &request) -> Reply {
            auto deleted =
                admin->deleteCategory(request.pathParam(QStringLiteral("id")), actorOf(request));
            if (!deleted) {
                return fail(deleted.error());
            }
            return Response::noContent();
        });
}

} // namespace Shop::Catalog
