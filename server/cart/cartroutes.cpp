// The cart's HTTP routes: thin adapters between Http::Request/Response and CartService. Every
// route needs a signed-in caller with write:cart (checked by the server before a worker runs the
// handler) and counts against the caller's per-account request limit.
//
//   GET    /api/cart                 200 the cart; ?address_id= or ?country=&region= for the tax
//   POST   /api/cart/items           201 the cart; {"product_id", "quantity"}
//   PUT    /api/cart/items/{id}      200 the cart; {"quantity"}
//   DELETE /api/cart/items/{id}      200 the cart
//   DELETE /api/cart                 204
//
// A line id that is malformed, unknown or another user's is 404 alike.

#include "cartroutes.h"

#include "cartservice.h"
#include "commerce/cartrules.h"
#include "http/request.h"
#include "ids.h"
#include "validation.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace Shop::Cart {

namespace {

using Http::Reply;
using Http::Request;
using Http::Response;

const QString kWriteCart = QStringLiteral("write:cart");

Reply cartResponse(const Result<PricedCart> &cart, int status = 200)
{
    if (!cart) {
        return fail(cart.error());
    }
    Response response = Response::json(CartService::toJson(*cart), status);
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

// The GET answer, already in its wire form (possibly from the Redis cart cache).
Reply cartResponse(Result<QByteArray> cart)
{
    if (!cart) {
        return fail(cart.error());
    }
    Response response = Response::jsonBytes(std::move(*cart));
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

// Members other than `allowed` are field errors ("unknown").
void allowOnly(const QJsonObject &body, const QStringList &allowed, Validator &v)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (!allowed.contains(it.key())) {
            v.add(it.key(), QStringLiteral("is not a known field"), QStringLiteral("unknown"));
        }
    }
}

void addErrors(const Error &error, Validator &v)
{
    for (const FieldError &e : error.fieldErrors) {
        v.add(e.field, e.message, e.code);
    }
}

std::optional<QString> lineId(const Request &request)
{
    const auto id = ProductId::parse(request.pathParam(QStringLiteral("id")));
    if (!id) {
        return std::nullopt;
    }
    return id->toString();
}

Result<TaxChoice> taxChoice(const Request &request)
{
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    Validator v;
    TaxChoice choice;
    QString country;
    std::optional<QString> region;
    for (const auto &[key, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        const QString value = rawValue.trimmed();
        if (key == u"address_id") {
            const auto id = UserId::parse(value);
            if (v.check(id.has_value(), key, QStringLiteral("must be an address id (a UUID)"))) {
                choice.addressId = id->toString();
            }
        } else if (key == u"country") {
            static const QRegularExpression code(QStringLiteral("^[A-Za-z]{2}$"));
            if (v.check(code.match(value).hasMatch(), key,
                        QStringLiteral("must be an ISO 3166-1 code such as US"))) {
                country = value.toUpper();
            }
        } else if (key == u"region") {
            if (v.check(value.size() <= 100, key,
                        QStringLiteral("must be at most 100 characters"))) {
                region = value;
            }
        } else {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (choice.addressId && (!country.isEmpty() || region)) {
        v.add(QStringLiteral("address_id"),
              QStringLiteral("cannot be combined with country and region"),
              QStringLiteral("conflict"));
    }
    if (region && country.isEmpty() && !v.hasError(QStringLiteral("country"))) {
        v.add(QStringLiteral("country"), QStringLiteral("is required with region"),
              QStringLiteral("required"));
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    if (!country.isEmpty()) {
        choice.destination = Destination {country, region.value_or(QString())};
    }
    return choice;
}

} // namespace

void registerCartRoutes(Http::Router &router, const std::shared_ptr<const CartService> &service)
{
    using Http::Route;
    // Signed-in callers count against their account's limit; the class only matters for callers
    // without a valid token, who get 401 before it counts.
    const QString limit = Http::kRateClassAnonWrite;

    router.add(Route {.method = "GET",
                      .pattern = QStringLiteral("/api/cart"),
                      .handler = [service](const Request &request) -> Reply {
                          auto tax = taxChoice(request);
                          if (!tax) {
                              return fail(tax.error());
                          }
                          return cartResponse(service->cartJson(request.principal.userId, *tax));
                      },
                      .rateClass = limit,
                      .permission = kWriteCart});

    router.add(Route {
        .method = "POST",
        .pattern = QStringLiteral("/api/cart/items"),
        .handler = [service](const Request &request) -> Reply {
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            Validator v;
            allowOnly(*body, {QStringLiteral("product_id"), QStringLiteral("quantity")}, v);
            const QJsonValue product = body->value(QStringLiteral("product_id"));
            std::optional<ProductId> productId;
            if (product.isUndefined() || product.isNull()) {
                v.add(QStringLiteral("product_id"), QStringLiteral("is required"),
                      QStringLiteral("required"));
            } else {
                productId = ProductId::parse(product.toString());
                if (!product.isString() || !productId) {
                    v.add(QStringLiteral("product_id"),
                          QStringLiteral("must be a product id (a UUID)"),
                          QStringLiteral("invalid"));
                }
            }
            auto quantity = Commerce::parseQuantity(body->value(QStringLiteral("quantity")));
            if (!quantity) {
                addErrors(quantity.error(), v);
            }
            if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
                return fail(*error);
            }
            return cartResponse(
                service->addItem(request.principal.userId, productId->toString(), *quantity), 201);
        },
        .rateClass = limit,
        .permission = kWriteCart});

    router.add(Route {
        .method = "PUT",
        .pattern = QStringLiteral("/api/cart/items/{id}"),
        .handler = [service](const Request &request) -> Reply {
            const auto id = lineId(request);
            if (!id) {
                return fail(Error::notFound(QStringLiteral("Your cart has no such line.")));
            }
            auto body = request.jsonObject();
            if (!body) {
                return fail(body.error());
            }
            Validator v;
            allowOnly(*body, {QStringLiteral("quantity")}, v);
            auto quantity = Commerce::parseQuantity(body->value(QStringLiteral("quantity")));
            if (!quantity) {
                addErrors(quantity.error(), v);
            }
            if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
                return fail(*error);
            }
            return cartResponse(service->setQuantity(request.principal.userId, *id, *quantity));
        },
        .rateClass = limit,
        .permission = kWriteCart});

    router.add(Route {.method = "DELETE",
                      .pattern = QStringLiteral("/api/cart/items/{id}"),
                      .handler = [service](const Request &request) -> Reply {
                          const auto id = lineId(request);
                          if (!id) {
                              return fail(
                                  Error::notFound(QStringLiteral("Your cart has no such line.")));
                          }
                          return cartResponse(service->removeItem(request.principal.userId, *id));
                      },
                      .rateClass = limit,
                      .permission = kWriteCart});

    router.add(Route {.method = "DELETE",
                      .pattern = QStringLiteral("/api/cart"),
                      .handler = [service](const Request &request) -> Reply {
                          if (auto cleared = service->clear(request.principal.userId); !cleared) {
                              return fail(cleared.error());
                          }
                          return Response::noContent();
                      },
                      .rateClass = limit,
                      .permission = kWriteCart});
}

} // namespace Shop::Cart
