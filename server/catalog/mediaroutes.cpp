// The staff's list, image and CSV routes (media branch): thin adapters between
// Http::Request/Response and AdminProductList, ProductImages and CatalogCsv.
//
//   GET    /api/admin/products                             the product list, inactive included
//   GET    /api/admin/products/export.csv                  the list's filters, as import CSV
//   POST   /api/admin/products/import?dry_run=true|false   CSV import (dry run by default)
//   GET    /api/admin/products/{id}/images                 the product's images, by position
//   POST   /api/admin/products/{id}/images?primary=        upload (raw body; If-Match)
//   DELETE /api/admin/products/{id}/images/{image_id}      remove (If-Match)
//   PUT    /api/admin/products/{id}/images/{image_id}/primary  make it products.image_url
//
// Every route needs an admin (401 anonymous, 403 customers) and runs on the worker pool; the
// upload decodes the image and makes its thumbnail on the MediaDecoder's own pool in between
// (media/workers). Nothing here is cached. The upload and the
// import accept bodies up to http/max_upload_bytes (MediaRouteServices::maxUploadBytes), every
// other route the server's http/max_body_bytes.

#include "adminproductlist.h"
#include "adminroutesinternal.h"
#include "catalogcsv.h"
#include "catalogroutes.h"
#include "http/requestlimits.h"
#include "mediadecoder.h"
#include "mediaimage.h"
#include "productimages.h"
#include "validation.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace Shop::Catalog {

namespace {

using Http::Reply;
using Http::Request;
using Http::Response;

const QString kReadProducts = QStringLiteral("read:products:all");
const QString kWriteProducts = QStringLiteral("write:products");

Response noStore(Response response)
{
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

using AdminRoutes::actorOf;
using AdminRoutes::ifMatch;

// A boolean query parameter (true/false); `fallback` when absent; an error names it.
Result<bool> flag(const Request &request, const QString &name, bool fallback,
                  const QStringList &known)
{
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    Validator v;
    bool value = fallback;
    for (const auto &[key, text] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == name && (text == u"true" || text == u"1")) {
            value = true;
        } else if (key == name && (text == u"false" || text == u"0")) {
            value = false;
        } else if (key == name) {
            v.add(name, QStringLiteral("must be true or false"), QStringLiteral("invalid"));
        } else if (!known.contains(key)) {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    return value;
}

} // namespace

void registerCatalogMediaRoutes(Http::Router &router, const MediaRouteServices &services)
{
    using Http::Route;
    const QString limit = Http::kRateClassAnonWrite;
    const auto add = [&](QByteArray method, QString pattern, QString permission,
                         Http::Handler handler, qint64 maxBodyBytes = 0) {
        router.add(Route {.method = std::move(method),
                          .pattern = std::move(pattern),
                          .handler = std::move(handler),
                          .rateClass = limit,
                          .permission = std::move(permission),
                          .maxBodyBytes = maxBodyBytes});
    };
    const std::shared_ptr<ProductImages> images = services.images;
    const std::shared_ptr<CatalogCsv> csv = services.csv;

    add("GET", QStringLiteral("/api/admin/products"), kReadProducts,
        [](const Request &request) -> Reply {
            auto query = AdminProductQuery::fromQueryString(request.rawQuery);
            if (!query) {
                return fail(query.error());
            }
            auto page = AdminProductList::find(*query);
            if (!page) {
                return fail(page.error());
            }
            return noStore(Response::json(AdminProductList::toJson(*page)));
        });

    add("GET", QStringLiteral("/api/admin/products/export.csv"), kReadProducts,
        [csv](const Request &request) -> Reply {
            auto query = AdminProductQuery::fromQueryString(request.rawQuery);
            if (!query) {
                return fail(query.error());
            }
            auto file = csv->exportCsv(*query);
            if (!file) {
                return fail(file.error());
            }
            Response response =
                Response::bytes(QByteArrayLiteral("text/csv; charset=utf-8"), std::move(*file));
            response.setHeader(QByteArrayLiteral("Content-Disposition"),
                               QByteArrayLiteral("attachment; filename=\"products.csv\""));
            return noStore(std::move(response));
        });

    add(
        "POST", QStringLiteral("/api/admin/products/import"), kWriteProducts,
        [csv](const Request &request) -> Reply {
            auto dryRun = flag(request, QStringLiteral("dry_run"), true, {});
            if (!dryRun) {
                return fail(dryRun.error());
            }
            auto report = csv->import(request.body, *dryRun, actorOf(request));
            if (!report) {
                return fail(report.error());
            }
            return noStore(Response::json(CatalogCsv::toJson(*report)));
        },
        services.maxUploadBytes);

    add("GET", QStringLiteral("/api/admin/products/{id}/images"), kReadProducts,
        [images](const Request &request) -> Reply {
            auto list = images->list(request.pathParam(QStringLiteral("id")));
            if (!list) {
                return fail(list.error());
            }
            QJsonArray items;
            for (const ProductImage &image : std::as_const(*list)) {
                items.append(ProductImages::toJson(image));
            }
            return noStore(Response::json(QJsonObject {{QStringLiteral("images"), items}}));
        });

    // The upload is asynchronous: the worker hands the bytes to the media decoder's own pool
    // (decoding and thumbnails take a CPU for up to seconds) and is free at once; the decoded
    // image is stored on a worker again. A full decoder queue answers 503 with Retry-After.
    const std::shared_ptr<MediaDecoder> decoder = services.decoder;
    router.add(Route {
        .method = "POST",
        .pattern = QStringLiteral("/api/admin/products/{id}/images"),
        .rateClass = limit,
        .asyncHandler =
            [images, decoder](const Request &request, Http::Responder responder) {
                auto primary = flag(request, QStringLiteral("primary"), false, {});
                if (!primary) {
                    responder.respond(fail(primary.error()));
                    return;
                }
                const bool accepted = decoder->decode(
                    request.body,
                    [images, request, responder,
                     primary = *primary](Result<MediaImage::Processed> processed) {
                        if (!processed) {
                            responder.respond(fail(processed.error()));
                            return;
                        }
                        responder.continueOnWorker([images, request, primary,
                                                    decoded = std::move(*processed)]() -> Reply {
                            auto uploaded =
                                images->store(request.pathParam(QStringLiteral("id")), request.body,
                                              decoded, primary, ifMatch(request), actorOf(request));
                            if (!uploaded) {
                                return fail(uploaded.error());
                            }
                            Response response = Response::json(
                                QJsonObject {{QStringLiteral("image"),
                                              ProductImages::toJson(uploaded->image)}},
                                uploaded->created ? 201 : 200);
                            response.setHeader(QByteArrayLiteral("Location"),
                                               uploaded->image.url().toUtf8());
                            return noStore(std::move(response));
                        });
                    });
                if (!accepted) {
                    responder.respond(fail(Error::unavailable(
                        QStringLiteral("Too many images are being processed; try again "
                                       "shortly."))));
                }
            },
        .permission = kWriteProducts,
        // No image is larger: a longer body is refused from its head, with the image check's
        // own problem.
        .maxBodyBytes = MediaImage::kMaxBytes,
        .bodyTooLarge = MediaImage::tooLarge()});

    add("DELETE", QStringLiteral("/api/admin/products/{id}/images/{image_id}"), kWriteProducts,
        [images](const Request &request) -> Reply {
            auto removed = images->remove(request.pathParam(QStringLiteral("id")),
                                          request.pathParam(QStringLiteral("image_id")),
                                          ifMatch(request), actorOf(request));
            if (!removed) {
                return fail(removed.error());
            }
            return Response::noContent();
        });

    add("PUT", QStringLiteral("/api/admin/products/{id}/images/{image_id}/primary"), kWriteProducts,
        [images](const Request &request) -> Reply {
            auto product = images->setPrimary(request.pathParam(QStringLiteral("id")),
                                              request.pathParam(QStringLiteral("image_id")),
                                              ifMatch(request), actorOf(request));
            if (!product) {
                return fail(product.error());
            }
            Response response = Response::json(CatalogAdmin::toJson(*product));
            response.setHeader(QByteArrayLiteral("ETag"),
                               '"' + QByteArray::number(product->revision) + '"');
            return noStore(std::move(response));
        });
}

} // namespace Shop::Catalog
