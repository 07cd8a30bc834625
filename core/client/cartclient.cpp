#include "client/cartclient.h"

#include "client/authsession.h"
#include "client/catalogclient.h"
#include "client/settings.h"
#include "commerce/cartrules.h"
#include "commerce/pricing.h"
#include "serialize/catalogjson.h"
#include "serialize/commercejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

Q_LOGGING_CATEGORY(lcCart, "shop.client.cart", QtInfoMsg)

namespace Shop::Client {

namespace {

const QString kCart = QStringLiteral("api/cart");
const QString kCartItems = QStringLiteral("api/cart/items");
const QString kOrders = QStringLiteral("api/orders");

QString linePath(const QString &lineId)
{
    return kCartItems + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(lineId));
}

ApiRequest withBody(QByteArray method, const QString &path, const QJsonObject &body)
{
    ApiRequest request;
    request.method = std::move(method);
    request.path = path;
    request.body = QJsonDocument(body);
    return request;
}

QJsonObject addressJson(const Address &a)
{
    return {{QStringLiteral("recipient_name"), a.recipientName},
            {QStringLiteral("line1"), a.line1},
            {QStringLiteral("line2"), a.line2},
            {QStringLiteral("city"), a.city},
            {QStringLiteral("postal_code"), a.postalCode},
            {QStringLiteral("region"), a.region},
            {QStringLiteral("country"), a.country},
            {QStringLiteral("phone"), a.phone}};
}

Error notSignedIn()
{
    return Error {
        ErrorCode::Unauthorized, CartClient::tr("Sign in to check out: your cart is kept."), {}};
}

} // namespace

CartClient::CartClient(ApiClient *api, AuthSession *session, Settings *settings, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_session(session)
    , m_settings(settings)
    , m_catalog(new CatalogClient(api, this))
{
    loadGuestCart();
    if (m_session) {
        connect(m_session, &AuthSession::signedIn, this, &CartClient::onSignedIn);
        m_wasSignedIn = m_session->isSignedIn();
        connect(m_session, &AuthSession::userChanged, this, [this] {
            const bool signedIn = m_session->isSignedIn();
            if (m_wasSignedIn && !signedIn) {
                onSignedOut();
            }
            m_wasSignedIn = signedIn;
        });
    }
    if (isGuest()) {
        showGuestCart();
    } else {
        refresh();
    }
}

CartClient::~CartClient() = default;

bool CartClient::isGuest() const
{
    return !m_session || !m_session->isSignedIn();
}

void CartClient::setBusy(int delta)
{
    const bool was = isBusy();
    m_busy += delta;
    if (was != isBusy()) {
        Q_EMIT busyChanged(isBusy());
    }
}

void CartClient::adopt(const Commerce::CartView &view, const QJsonObject &json)
{
    m_cart = view;
    m_taxBasis = json.value(QStringLiteral("tax_basis")).toString(QStringLiteral("none"));
    m_taxRatePpm = json.value(QStringLiteral("tax_rate_ppm")).toInt();
    Q_EMIT changed();
}

CartClient::RequestId CartClient::send(const ApiRequest &request, const QObject *context,
                                       Callback<Commerce::CartView> done)
{
    if (!m_api) {
        return 0;
    }
    const quint64 generation = m_generation;
    QPointer<const QObject> guard = context;
    const bool hasContext = context != nullptr;
    setBusy(+1);
    return m_api->send(
        request, this,
        [this, generation, guard, hasContext, done = std::move(done)](Result<ApiResponse> result) {
            setBusy(-1);
            Result<Commerce::CartView> cart = result
                ? Result<Commerce::CartView>()
                : Result<Commerce::CartView>(fail(result.error()));
            if (result) {
                if (result->status == 204) {
                    Commerce::CartView empty;
                    empty.currency = m_cart.currency;
                    cart = empty;
                } else {
                    cart = Json::cartViewFromJson(result->json.object());
                }
            }
            if (generation == m_generation) {
                if (cart) {
                    adopt(*cart,
                          result->status == 204
                              ? QJsonObject {{QStringLiteral("tax_basis"), m_taxBasis}}
                              : result->json.object());
                } else {
                    qCInfo(lcCart) << "cart request failed:" << cart.error().message;
                    Q_EMIT failed(cart.error());
                }
            }
            if (done && (!hasContext || guard)) {
                done(std::move(cart));
            }
        });
}

CartClient::RequestId CartClient::refresh(const QObject *context, Callback<Commerce::CartView> done)
{
    if (isGuest()) {
        showGuestCart();
        if (done) {
            done(m_cart);
        }
        refreshGuestProducts();
        return 0;
    }
    return send(ApiRequest::get(kCart), context, std::move(done));
}

CartClient::RequestId CartClient::quote(const TaxDestination &destination, const QObject *context,
                                        Callback<Commerce::CartView> done)
{
    if (isGuest()) {
        return refresh(context, std::move(done));
    }
    QUrlQuery query;
    if (!destination.addressId.isEmpty()) {
        query.addQueryItem(QStringLiteral("address_id"), destination.addressId);
    } else if (!destination.country.isEmpty()) {
        query.addQueryItem(QStringLiteral("country"), destination.country);
        if (!destination.region.isEmpty()) {
            query.addQueryItem(QStringLiteral("region"), destination.region);
        }
    }
    ApiRequest request = ApiRequest::get(kCart, query.toString(QUrl::FullyEncoded).toLatin1());
    request.options.supersedeKey = QStringLiteral("cart-quote");
    return send(request, context, std::move(done));
}

Result<Commerce::CartView> CartClient::guestResult(Result<void> status)
{
    if (!status) {
        Q_EMIT failed(status.error());
        return fail(status.error());
    }
    saveGuestCart();
    showGuestCart();
    return m_cart;
}

CartClient::RequestId CartClient::add(const Product &product, int quantity, const QObject *context,
                                      Callback<Commerce::CartView> done)
{
    if (!isGuest()) {
        return send(withBody("POST", kCartItems,
                             {{QStringLiteral("product_id"), product.id.toString()},
                              {QStringLiteral("quantity"), quantity}}),
                    context, std::move(done));
    }
    Result<void> status;
    if (!Commerce::isValidQuantity(quantity)) {
        status = fail(
            Error::validation({{QStringLiteral("quantity"), tr("Choose a quantity from 1 to 99."),
                                QStringLiteral("out_of_range")}}));
    } else if (!product.isActive) {
        status = fail(
            Error::validation({{QStringLiteral("product_id"), tr("This product is no longer sold."),
                                QStringLiteral("inactive")}}));
    } else if (!m_guest.isEmpty()
               && !(m_guest.first().product.price.currency() == product.price.currency())) {
        status = fail(Error::validation(
            {{QStringLiteral("product_id"), tr("This product is priced in another currency."),
              QStringLiteral("currency")}}));
    } else {
        auto it = std::find_if(m_guest.begin(), m_guest.end(),
                               [&](const GuestLine &l) { return l.product.id == product.id; });
        if (it == m_guest.end()) {
            m_guest.append(GuestLine {product, quantity, product.price});
        } else {
            const auto sum = Commerce::addQuantities(it->quantity, quantity);
            if (!sum) {
                status = fail(sum.error());
            } else {
                it->quantity = *sum;
                it->product = product;
                it->priceAtAdd = product.price;
            }
        }
    }
    auto result = guestResult(std::move(status));
    if (done) {
        done(std::move(result));
    }
    return 0;
}

CartClient::RequestId CartClient::setQuantity(const QString &lineId, int quantity,
                                              const QObject *context,
                                              Callback<Commerce::CartView> done)
{
    if (!isGuest()) {
        return send(withBody("PUT", linePath(lineId), {{QStringLiteral("quantity"), quantity}}),
                    context, std::move(done));
    }
    Result<void> status;
    auto it = std::find_if(m_guest.begin(), m_guest.end(),
                           [&](const GuestLine &l) { return l.product.id.toString() == lineId; });
    if (it == m_guest.end()) {
        status = fail(Error::notFound(tr("This line is no longer in the cart.")));
    } else if (!Commerce::isValidQuantity(quantity)) {
        status = fail(
            Error::validation({{QStringLiteral("quantity"), tr("Choose a quantity from 1 to 99."),
                                QStringLiteral("out_of_range")}}));
    } else {
        it->quantity = quantity;
    }
    auto result = guestResult(std::move(status));
    if (done) {
        done(std::move(result));
    }
    return 0;
}

CartClient::RequestId CartClient::remove(const QString &lineId, const QObject *context,
                                         Callback<Commerce::CartView> done)
{
    if (!isGuest()) {
        ApiRequest request;
        request.method = "DELETE";
        request.path = linePath(lineId);
        return send(request, context, std::move(done));
    }
    m_guest.removeIf([&](const GuestLine &l) { return l.product.id.toString() == lineId; });
    auto result = guestResult({});
    if (done) {
        done(std::move(result));
    }
    return 0;
}

CartClient::RequestId CartClient::clear(const QObject *context, Callback<Commerce::CartView> done)
{
    if (!isGuest()) {
        ApiRequest request;
        request.method = "DELETE";
        request.path = kCart;
        return send(request, context, std::move(done));
    }
    m_guest.clear();
    auto result = guestResult({});
    if (done) {
        done(std::move(result));
    }
    return 0;
}

CartClient::RequestId CartClient::checkout(const ShippingChoice &shipping, const QObject *context,
                                           Callback<Commerce::OrderView> done)
{
    if (!m_api || isGuest()) {
        if (done) {
            done(fail(notSignedIn()));
        }
        return 0;
    }
    if (m_checkingOut) {
        if (done) {
            done(fail(Error::conflict(tr("The order is being placed already."))));
        }
        return 0;
    }
    QJsonObject body;
    if (!shipping.addressId.isEmpty()) {
        body.insert(QStringLiteral("address_id"), shipping.addressId);
    } else {
        body.insert(QStringLiteral("shipping_address"), addressJson(shipping.address));
    }
    // One key per attempt: the same attempt again (after a network failure) keeps it, so the
    // server answers with the first order instead of making a second one.
    if (m_checkoutKey.isEmpty() || body != m_checkoutBody) {
        m_checkoutKey = ApiClient::newIdempotencyKey();
        m_checkoutBody = body;
    }
    ApiRequest request = withBody("POST", kOrders, body);
    request.idempotencyKey = m_checkoutKey;
    request.options.timeout = kCheckoutTimeout;
    m_checkingOut = true;
    setBusy(+1);
    const quint64 generation = m_generation;
    QPointer<const QObject> guard = context;
    const bool hasContext = context != nullptr;
    // Bound to this client, not to `context`: the attempt ends here even if the page is gone.
    return m_api->send(
        request, this,
        [this, generation, guard, hasContext, done = std::move(done)](Result<ApiResponse> result) {
            m_checkingOut = false;
            const bool report = done && (!hasContext || guard);
            setBusy(-1);
            if (!result) {
                const Error &error = result.error();
                const bool unknownOutcome = error.code == ErrorCode::Unavailable
                    || error.code == ErrorCode::Timeout || error.code == ErrorCode::RequestTimeout
                    || (error.code == ErrorCode::Conflict && shortageLines(error).isEmpty());
                if (!unknownOutcome) {
                    m_checkoutKey.clear(); // a refusal: the next try is new
                }
                qCInfo(lcCart) << "checkout failed:" << error.message;
                if (report) {
                    done(fail(error));
                }
                return;
            }
            m_checkoutKey.clear();
            auto order = Json::orderViewFromJson(result->json.object());
            if (order && generation == m_generation) {
                refresh();
            }
            if (report) {
                done(std::move(order));
            }
        });
}

QList<ShortageLine> CartClient::shortageLines(const Error &error)
{
    QList<ShortageLine> lines;
    if (error.code != ErrorCode::Conflict) {
        return lines;
    }
    const QJsonArray array = error.extensions.value(QStringLiteral("lines")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        lines.append(ShortageLine {o.value(QStringLiteral("product_id")).toString(),
                                   o.value(QStringLiteral("name")).toString(),
                                   o.value(QStringLiteral("requested")).toInt(),
                                   o.value(QStringLiteral("available")).toInt(),
                                   o.value(QStringLiteral("reason")).toString()});
    }
    return lines;
}

void CartClient::onSignedIn()
{
    m_wasSignedIn = true;
    ++m_generation;
    m_checkoutKey.clear();
    mergeGuestLines(m_generation);
}

void CartClient::onSignedOut()
{
    ++m_generation;
    m_checkoutKey.clear();
    showGuestCart();
}

void CartClient::mergeGuestLines(quint64 generation)
{
    if (m_guest.isEmpty()) {
        refresh();
        return;
    }
    // The server's cart first: a line already there takes only what fits (99 at most).
    setBusy(+1);
    m_api->send(ApiRequest::get(kCart), this, [this, generation](Result<ApiResponse> result) {
        setBusy(-1);
        if (generation != m_generation) {
            return;
        }
        if (!result) {
            qCInfo(lcCart) << "cannot read the cart to merge the guest cart into:"
                           << result.error().message;
            Q_EMIT failed(result.error());
            return; // the guest lines stay for the next sign-in
        }
        const auto server = Json::cartViewFromJson(result->json.object());
        if (server) {
            adopt(*server, result->json.object());
        }
        QList<GuestLine> pending;
        QStringList notes;
        for (GuestLine line : std::as_const(m_guest)) {
            int existing = 0;
            if (server) {
                for (const auto &l : server->lines) {
                    if (l.productId == line.product.id.toString()) {
                        existing = l.quantity;
                    }
                }
            }
            const int room = Commerce::kMaxLineQuantity - existing;
            if (room <= 0) {
                notes << tr("%1: the cart holds the most there can be (%2).")
                             .arg(line.product.name)
                             .arg(Commerce::kMaxLineQuantity);
                continue;
            }
            if (line.quantity > room) {
                notes << tr("%1: only %2 more could be added (at most %3).")
                             .arg(line.product.name)
                             .arg(room)
                             .arg(Commerce::kMaxLineQuantity);
                line.quantity = room;
            }
            pending.append(line);
        }
        addNextGuestLine(generation, pending, {}, notes);
    });
}

void CartClient::addNextGuestLine(quint64 generation, QList<GuestLine> pending,
                                  QList<GuestLine> kept, QStringList notes)
{
    if (generation != m_generation) {
        return;
    }
    if (pending.isEmpty()) {
        m_guest = kept; // only what could not be sent for a network failure stays
        saveGuestCart();
        qCInfo(lcCart) << "guest cart merged;" << notes.size() << "notes";
        Q_EMIT guestCartMerged(notes);
        if (!kept.isEmpty()) {
            refresh();
        }
        return;
    }
    const GuestLine line = pending.takeFirst();
    ApiRequest request = withBody("POST", kCartItems,
                                  {{QStringLiteral("product_id"), line.product.id.toString()},
                                   {QStringLiteral("quantity"), line.quantity}});
    setBusy(+1);
    m_api->send(request, this,
                [this, generation, line, pending, kept, notes](Result<ApiResponse> result) mutable {
                    setBusy(-1);
                    if (generation != m_generation) {
                        return;
                    }
                    if (result) {
                        const auto cart = Json::cartViewFromJson(result->json.object());
                        if (cart) {
                            adopt(*cart, result->json.object());
                        }
                    } else if (result.error().code == ErrorCode::Unavailable
                               || result.error().code == ErrorCode::Timeout) {
                        kept.append(line);
                    } else {
                        notes << tr("%1 could not be added: %2")
                                     .arg(line.product.name, result.error().message);
                    }
                    addNextGuestLine(generation, pending, kept, notes);
                });
}

void CartClient::refreshGuestProducts()
{
    const quint64 generation = m_generation;
    for (const GuestLine &line : std::as_const(m_guest)) {
        const ProductId id = line.product.id;
        setBusy(+1);
        m_catalog->product(id, this, [this, generation, id](Result<Product> result) {
            setBusy(-1);
            if (generation != m_generation || !isGuest()) {
                return;
            }
            auto it = std::find_if(m_guest.begin(), m_guest.end(),
                                   [&](const GuestLine &l) { return l.product.id == id; });
            if (it == m_guest.end()) {
                return;
            }
            if (result) {
                it->product = *result; // the price at add stays: a change is shown
            } else if (result.error().code == ErrorCode::NotFound) {
                it->product.isActive = false; // no longer sold
            } else {
                return; // unreachable now: the lines stay as they were
            }
            saveGuestCart();
            showGuestCart();
        });
    }
}

void CartClient::showGuestCart()
{
    Commerce::CartView view;
    QList<Commerce::PriceLine> priceLines;
    Currency currency;
    if (!m_guest.isEmpty()) {
        currency = m_guest.first().product.price.currency();
    }
    for (const GuestLine &g : std::as_const(m_guest)) {
        Commerce::CartLineView line;
        line.id = g.product.id.toString();
        line.productId = line.id;
        line.name = g.product.name;
        line.sku = g.product.sku;
        line.imageUrl = g.product.imageUrl;
        line.quantity = g.quantity;
        line.unitPrice = g.product.price;
        line.priceAtAdd = g.priceAtAdd;
        line.stock = g.product.stockQuantity;
        line.available = g.product.isActive;
        line.lineTotal = Commerce::lineTotal({line.productId, g.quantity, g.product.price})
                             .value_or(Money(0, currency));
        view.lines.append(line);
        if (line.available) { // as on the server: shown, but not in the totals
            priceLines.append({line.productId, g.quantity, g.product.price});
        }
    }
    view.currency = currency.code();
    // Subtotal only: the tax needs an address and the shipping the server's rule.
    const Commerce::ShippingRule noShipping {Money(0, currency), std::nullopt};
    const auto totals = Commerce::computeTotals(priceLines, 0, noShipping, currency);
    view.totals = totals ? *totals
                         : Commerce::Totals {Money(0, currency), Money(0, currency),
                                             Money(0, currency), Money(0, currency), 0};
    m_cart = view;
    m_taxBasis = QStringLiteral("guest");
    m_taxRatePpm = 0;
    Q_EMIT changed();
}

void CartClient::loadGuestCart()
{
    m_guest.clear();
    if (!m_settings) {
        return;
    }
    const QJsonArray array = QJsonDocument::fromJson(m_settings->guestCart()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        auto product = Json::productFromJson(o.value(QStringLiteral("product")).toObject());
        const int quantity = o.value(QStringLiteral("quantity")).toInt();
        if (!product || !Commerce::isValidQuantity(quantity)) {
            qCInfo(lcCart) << "dropping a malformed guest cart line";
            continue;
        }
        const Money atAdd(
            o.value(QStringLiteral("price_at_add")).toInteger(product->price.minorUnits()),
            product->price.currency());
        m_guest.append(GuestLine {*product, quantity, atAdd});
    }
}

void CartClient::saveGuestCart()
{
    if (!m_settings) {
        return;
    }
    QJsonArray array;
    for (const GuestLine &g : std::as_const(m_guest)) {
        array.append(QJsonObject {{QStringLiteral("product"), Json::toJson(g.product)},
                                  {QStringLiteral("quantity"), g.quantity},
                                  {QStringLiteral("price_at_add"), g.priceAtAdd.minorUnits()}});
    }
    m_settings->setGuestCart(array.isEmpty() ? QByteArray()
                                             : QJsonDocument(array).toJson(QJsonDocument::Compact));
    m_settings->sync();
}

} // namespace Shop::Client
