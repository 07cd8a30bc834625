// The staff's catalog routes: thin adapters between Http::Request/Response and CatalogAdmin.
//
//   POST   /api/products                          create (201, Location, ETag)
//   PUT    /api/products/{id}                     replace the catalog fields (If-Match)
//   DELETE /api/products/{id}                     deactivate: a soft delete (If-Match)
//   GET    /api/admin/products/{id}               the product, active or not, with its ETag
//   POST   /api/admin/products/{id}/restore       activate again (If-Match)
//   POST   /api/admin/products/{id}/stock         adjust the stock by a signed delta (at most
//                                                  once per Idempotency-Key when one is sent)
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

#include "adminroutesinternal.h"
#include "catalogadmin.h"
#include "catalogroutes.h"
#include "db/database.h"
#include "db/idempotency.h"
#include "http/idempotentreplay.h"
#include "http/problem.h"
#include "http/requestlimits.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcCatalogStock, "shop.catalog.stock", QtInfoMsg)

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

using AdminRoutes::actorOf;
using AdminRoutes::ifMatch;

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

// POST /api/admin/products/{id}/stock with an Idempotency-Key: the orders' mechanism
// (Db::Idempotency, docs/orders.md), scoped to the staff user and this route; the digest covers
// the product id and the body. The same key and body again answer the first result (a 200 with
// the movement, or the 409 of a stock too short), byte for byte, with Idempotent-Replayed: true;
// another product or body with the key is refused with 422; a request still running with the
// key answers 409. Invalid input and failures release the key (the client may retry with it).
Reply adjustStockOnce(CatalogAdmin &admin, const Request &request, const QJsonObject &body,
                      const QByteArray &key)
{
    namespace Idempotency = Db::Idempotency;
    if (!Idempotency::isValidKey(key)) {
        return fail(Error::badRequest(QStringLiteral(
            "The Idempotency-Key header must be 1 to 255 printable ASCII characters.")));
    }
    const QString userId = request.principal.userId;
    const QString keyText = QString::fromLatin1(key);
    const QString &scope = Idempotency::kScopeStock;
    const QString productId = request.pathParam(QStringLiteral("id"));
    const QByteArray digest = Idempotency::requestDigest(body, productId);
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto claim = Idempotency::claim(*db, userId, scope, keyText, digest);
    if (!claim) {
        return fail(claim.error());
    }
    switch (claim->state) {
    case Idempotency::Claim::State::Replay:
        return Http::idempotentReplay(claim->status, claim->body);
    case Idempotency::Claim::State::InFlight:
        return fail(Error::conflict(QStringLiteral(
            "A stock adjustment with this Idempotency-Key is still running. Wait for its answer, "
            "then retry with the same key to read it.")));
    case Idempotency::Claim::State::Mismatch:
        return fail(Error::validation(
            {},
            QStringLiteral("This Idempotency-Key was used for a different request. Use a new "
                           "key for a new stock adjustment.")));
    case Idempotency::Claim::State::Proceed:
        break;
    }

    // From here on the key is ours: every way out stores an answer or releases the key.
    const auto giveUp = [&](const Error &error) -> Reply {
        if (auto released = Idempotency::release(*db, userId, scope, keyText); !released) {
            qCWarning(lcCatalogStock, "Could not release an idempotency key: %ls",
                      qUtf16Printable(released.error().message));
        }
        return fail(error);
    };
    QByteArray answer;
    auto movement = admin.adjustStock(
        productId, body, actorOf(request),
        [&](QSqlDatabase &tx, const StockMovement &m) -> Result<void> {
            // The answer commits with the movement: a key is never "done" without it.
            answer = QJsonDocument(CatalogAdmin::toJson(m)).toJson(QJsonDocument::Compact);
            return Idempotency::store(tx, userId, scope, keyText, 200, answer);
        });
    if (!movement) {
        const Error &error = movement.error();
        // Too little stock: the request ran and was refused; the same request again gets the
        // same refusal, as an order with too little stock does.
        if (error.code != ErrorCode::Conflict
            || !error.extensions.contains(QStringLiteral("lines"))) {
            return giveUp(error);
        }
        Response refusal = Http::problemResponse(error, request.path, request.requestId);
        if (auto stored =
                Idempotency::store(*db, userId, scope, keyText, refusal.status, refusal.body);
            !stored) {
            return giveUp(stored.error());
        }
        return refusal;
    }
    return Response::jsonBytes(answer);
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
            if (const QByteArray key = request.header("idempotency-key"); !key.isEmpty()) {
                return adjustStockOnce(*admin, request, *body, key);
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
