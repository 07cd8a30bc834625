#pragma once

#include "catalog/product.h"
#include "client/account.h"
#include "client/apiclient.h"
#include "commerce/views.h"
#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace Shop::Client {

class AuthSession;
class CatalogClient;
class Settings;

// Where tax is computed for: a saved address, a country (and region), or the server's default
// (the customer's default address, else none). GET /api/cart?address_id= or ?country=&region=.
struct TaxDestination
{
    QString addressId;
    QString country;
    QString region;

    [[nodiscard]] bool isDefault() const { return addressId.isEmpty() && country.isEmpty(); }
};

// Where an order goes: a saved address (its id) or one entered for this order only.
struct ShippingChoice
{
    QString addressId; // one of the customer's saved addresses; empty: `address` is used
    Address address; // inline; its id and label are not sent

    [[nodiscard]] static ShippingChoice saved(const QString &id) { return {id, {}}; }
    [[nodiscard]] static ShippingChoice inlineAddress(const Address &a) { return {{}, a}; }
};

// One line of a 409 answer to a checkout: a product that lacks stock or is no longer sold.
struct ShortageLine
{
    QString productId;
    QString name;
    int requested = 0;
    int available = 0;
    QString reason; // "insufficient_stock" or "unavailable"

    [[nodiscard]] bool isUnavailable() const { return reason == QLatin1String("unavailable"); }
};

// The customer's shopping cart, one per app window, shared by every view of it (the toolbar
// badge, the cart page, checkout): they read cart() and follow changed().
//
// Signed in, the cart is the server's (docs/cart.md): every change is a call and the answer (the
// whole cart with the server's totals) replaces what is held here. Signed out, the cart is a
// guest cart kept here and in the Settings (so it survives a restart); its totals are computed
// with core/commerce/pricing.h (subtotal only: tax and shipping need an address and the server's
// rule, taxBasis() is "guest"). At sign-in the guest lines are added to the server's cart (adding
// to lines already there, at most 99 per line) and the guest cart is cleared.
//
// checkout() places an order (POST /api/orders) with an Idempotency-Key made once per attempt:
// a retry of the same attempt (the transport's own retries, or checkout() called again with the
// same address after a network failure) sends the same key, so the server never makes a second
// order; a second checkout() while one runs is refused at once.
class CartClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CartClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    static constexpr std::chrono::milliseconds kCheckoutTimeout {30000};

    // `session` may be null (always a guest); `settings` (may be null: the guest cart lives in
    // memory only) must outlive this object.
    CartClient(ApiClient *api, AuthSession *session, Settings *settings, QObject *parent = nullptr);
    ~CartClient() override;

    [[nodiscard]] const Commerce::CartView &cart() const { return m_cart; }
    // The sum of the quantities of the available lines (what the badge shows).
    [[nodiscard]] int itemCount() const { return m_cart.totals.itemCount; }
    [[nodiscard]] bool isGuest() const;
    // How the tax was computed: "address", "destination", "none" (the server's tax_basis) or
    // "guest" (a signed-out cart: subtotal only).
    [[nodiscard]] QString taxBasis() const { return m_taxBasis; }
    // Whether tax (and, for a guest, shipping) waits for an address.
    [[nodiscard]] bool taxPending() const
    {
        return m_taxBasis == QLatin1String("none") || m_taxBasis == QLatin1String("guest");
    }
    [[nodiscard]] int taxRatePpm() const { return m_taxRatePpm; }
    // Requests in flight.
    [[nodiscard]] bool isBusy() const { return m_busy > 0; }
    [[nodiscard]] bool isCheckingOut() const { return m_checkingOut; }
    // The Idempotency-Key of the current checkout attempt, empty between attempts (tests).
    [[nodiscard]] QByteArray checkoutKey() const { return m_checkoutKey; }

    // GET /api/cart. A guest: the local cart at once, then each line's product is read again
    // from the catalog (price, stock, still sold) and changed() follows.
    RequestId refresh(const QObject *context = nullptr, Callback<Commerce::CartView> done = {});
    // GET /api/cart with tax for `destination`; the answer also becomes cart().
    RequestId quote(const TaxDestination &destination, const QObject *context,
                    Callback<Commerce::CartView> done);
    // POST /api/cart/items; a guest: added locally (at most 99 per line, one currency).
    RequestId add(const Product &product, int quantity, const QObject *context = nullptr,
                  Callback<Commerce::CartView> done = {});
    // PUT /api/cart/items/{lineId} (a guest's line id is the product id).
    RequestId setQuantity(const QString &lineId, int quantity, const QObject *context = nullptr,
                          Callback<Commerce::CartView> done = {});
    // DELETE /api/cart/items/{lineId}.
    RequestId remove(const QString &lineId, const QObject *context = nullptr,
                     Callback<Commerce::CartView> done = {});
    // DELETE /api/cart.
    RequestId clear(const QObject *context = nullptr, Callback<Commerce::CartView> done = {});

    // POST /api/orders. Unauthorized at once for a guest; Conflict at once while another
    // checkout runs. On success the cart is read again (the ordered lines left it).
    RequestId checkout(const ShippingChoice &shipping, const QObject *context,
                       Callback<Commerce::OrderView> done);

    // The lines of a 409 checkout answer (empty for other errors).
    [[nodiscard]] static QList<ShortageLine> shortageLines(const Error &error);

Q_SIGNALS:
    // cart() changed (new lines, quantities, totals, signed in or out).
    void changed();
    void busyChanged(bool busy);
    // The guest cart went into the server's cart after sign-in. `notes` names the lines that
    // could not be added in full (already 99, no longer sold), empty when all went in.
    void guestCartMerged(const QStringList &notes);
    // A change failed (also reported to the call's callback).
    void failed(const Shop::Error &error);

private:
    struct GuestLine
    {
        Product product;
        int quantity = 0;
        Money priceAtAdd;
    };

    RequestId send(const ApiRequest &request, const QObject *context,
                   Callback<Commerce::CartView> done);
    void adopt(const Commerce::CartView &view, const QJsonObject &json);
    void setBusy(int delta);
    void onSignedIn();
    void onSignedOut();
    void mergeGuestLines(quint64 generation);
    void addNextGuestLine(quint64 generation, QList<GuestLine> pending, QList<GuestLine> kept,
                          QStringList notes);
    void showGuestCart();
    void refreshGuestProducts();
    void loadGuestCart();
    void saveGuestCart();
    Result<Commerce::CartView> guestResult(Result<void> status);

    QPointer<ApiClient> m_api;
    QPointer<AuthSession> m_session;
    Settings *m_settings = nullptr;
    CatalogClient *m_catalog;
    Commerce::CartView m_cart;
    QString m_taxBasis = QStringLiteral("guest");
    int m_taxRatePpm = 0;
    QList<GuestLine> m_guest;
    bool m_wasSignedIn = false;
    quint64 m_generation = 0; // bumped at sign-in and sign-out: older answers are dropped
    int m_busy = 0;
    bool m_checkingOut = false;
    QByteArray m_checkoutKey;
    QJsonObject m_checkoutBody;
};

} // namespace Shop::Client
