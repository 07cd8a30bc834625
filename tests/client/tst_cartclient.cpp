#include "callwaiter.h"
#include "client/accountclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/cartclient.h"
#include "client/catalogclient.h"
#include "client/secretstore.h"
#include "client/settings.h"
#include "commerce/pricing.h"
#include "support/externalserver.h"
#include "support/resultcheck.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Shop;
using namespace Shop::Client;
using Shop::Tests::CallWaiter;
using Shop::Tests::ExternalServer;

namespace {

const QString kAda = QStringLiteral("ada@shop.example");
const QString kAlan = QStringLiteral("alan@shop.example");
const QString kPassword = QStringLiteral("demo-customer-passphrase");
constexpr int kTimeout = 30000;

// One customer's client stack, as an app builds it.
struct Customer
{
    ApiClient api;
    MemorySecretStore secrets;
    AuthSession session {&api, &secrets};
    AccountClient account {&api, &session};
    std::unique_ptr<CartClient> cart;

    Customer(const QUrl &server, Settings *settings)
    {
        api.setBaseUrl(server);
        cart = std::make_unique<CartClient>(&api, &session, settings);
    }
};

} // namespace

// The cart client against the REAL shop-server on a fresh seeded database: the guest cart (kept
// in the settings, merged into the server's cart at sign-in), changes and totals as the server
// computes them, checkout with its Idempotency-Key (one order per attempt, the same key after a
// network failure), the 409 shortage lines and the 422 of an empty cart.
class TestCartClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void guestCartSurvivesRestartAndMergesAtSignIn();
    void changesFollowTheServerAndTotalsMatchPricing();
    void checkoutPlacesOneOrderAndEmptiesTheCart();
    void retryAfterNetworkFailureReusesTheKey();
    void shortageNamesTheLines();
    void emptyCartAndGuestAreRefused();
    void guestLinesFollowTheCatalog();

private:
    void signIn(Customer &c, const QString &email);
    [[nodiscard]] Address saveAddress(Customer &c, const QString &country, const QString &region);
    [[nodiscard]] int stockOf(const Product &p);
    [[nodiscard]] int ordersOf(const QString &email);

    QTemporaryDir m_dir;
    ExternalServer m_server;
    QList<Product> m_products; // active, with plenty of stock
};

void TestCartClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    ApiClient api;
    api.setBaseUrl(m_server.baseUrl());
    CatalogClient catalog(&api);
    CallWaiter<Page<Product>> page;
    ProductQuery query;
    query.limit = 50;
    catalog.products(query, this, page.callback());
    QVERIFY(page.wait(kTimeout));
    SHOP_VERIFY_OK(*page.result);
    for (const Product &p : (*page.result)->items) {
        if (p.isActive && p.stockQuantity >= 20) {
            m_products << p;
        }
    }
    QVERIFY2(m_products.size() >= 6, "the demo catalog should have products in stock");
}

void TestCartClient::signIn(Customer &c, const QString &email)
{
    CallWaiter<User> user;
    c.session.signIn(email, kPassword, false, this, user.callback());
    QVERIFY(user.wait(kTimeout));
    SHOP_VERIFY_OK(*user.result);
}

Address TestCartClient::saveAddress(Customer &c, const QString &country, const QString &region)
{
    Address a;
    a.label = QStringLiteral("Home");
    a.recipientName = QStringLiteral("Ada Lovelace");
    a.line1 = QStringLiteral("1 Analytical Way");
    a.city = QStringLiteral("Somewhere");
    a.postalCode = QStringLiteral("10001");
    a.region = region;
    a.country = country;
    CallWaiter<Address> saved;
    c.account.addAddress(a, this, saved.callback());
    if (!saved.wait(kTimeout) || !*saved.result) {
        qWarning() << "address not saved:"
                   << (saved.result ? Tests::errorText(*saved.result) : QByteArray("timeout"));
        return {};
    }
    return **saved.result;
}

int TestCartClient::stockOf(const Product &p)
{
    return m_server
        .queryValue(QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?"),
                    {p.id.toString()})
        .toInt();
}

int TestCartClient::ordersOf(const QString &email)
{
    return m_server
        .queryValue(QStringLiteral("SELECT count(*) FROM orders o JOIN users u ON u.id = "
                                   "o.user_id WHERE u.email = ?"),
                    {email})
        .toInt();
}

void TestCartClient::guestCartSurvivesRestartAndMergesAtSignIn()
{
    const Product &a = m_products.at(0);
    const Product &b = m_products.at(1);
    Settings settings(m_dir.filePath(QStringLiteral("guest.ini")));
    {
        Customer guest(m_server.baseUrl(), &settings);
        QVERIFY(guest.cart->isGuest());
        QSignalSpy changed(guest.cart.get(), &CartClient::changed);
        CallWaiter<Commerce::CartView> added;
        guest.cart->add(a, 2, this, added.callback());
        QVERIFY(added.wait());
        SHOP_VERIFY_OK(*added.result);
        guest.cart->add(b, 1);
        guest.cart->add(a, 1); // adds to its line
        QCOMPARE(changed.size(), 3);
        QCOMPARE(guest.cart->cart().lines.size(), 2);
        QCOMPARE(guest.cart->itemCount(), 4);
        QCOMPARE(guest.cart->taxBasis(), QStringLiteral("guest"));
        QVERIFY(guest.cart->taxPending());
        const qint64 subtotal = 3 * a.price.minorUnits() + b.price.minorUnits();
        QCOMPARE(guest.cart->cart().totals.subtotal.minorUnits(), subtotal);
        QCOMPARE(guest.cart->cart().totals.tax.minorUnits(), 0);

        // 99 per line, as on the server.
        CallWaiter<Commerce::CartView> tooMany;
        guest.cart->add(a, 97, this, tooMany.callback());
        QVERIFY(tooMany.wait());
        QVERIFY(!*tooMany.result);
        QCOMPARE(tooMany.result->error().code, ErrorCode::Validation);
        QCOMPARE(guest.cart->itemCount(), 4);
        guest.cart->setQuantity(b.id.toString(), 2);
        QCOMPARE(guest.cart->itemCount(), 5);
    }

    // Ada already has a line of `a` in her server cart.
    {
        Customer other(m_server.baseUrl(), nullptr);
        signIn(other, kAda);
        QTRY_VERIFY_WITH_TIMEOUT(!other.cart->isBusy(), kTimeout);
        CallWaiter<Commerce::CartView> added;
        other.cart->add(a, 1, this, added.callback());
        QVERIFY(added.wait(kTimeout));
        SHOP_VERIFY_OK(*added.result);
    }

    // A restart: the guest cart is still there; signing in merges it.
    Customer restarted(m_server.baseUrl(), &settings);
    QCOMPARE(restarted.cart->itemCount(), 5);
    QSignalSpy merged(restarted.cart.get(), &CartClient::guestCartMerged);
    signIn(restarted, kAda);
    QVERIFY(merged.wait(kTimeout) || merged.size() == 1);
    QCOMPARE(merged.first().first().toStringList(), QStringList());
    QTRY_VERIFY_WITH_TIMEOUT(!restarted.cart->isBusy(), kTimeout);
    QVERIFY(!restarted.cart->isGuest());
    QCOMPARE(restarted.cart->itemCount(), 4 + 2);
    for (const auto &line : restarted.cart->cart().lines) {
        QCOMPARE(line.quantity, line.productId == a.id.toString() ? 4 : 2);
        QVERIFY(line.id != line.productId); // the server's line ids now
    }
    QVERIFY(settings.guestCart().isEmpty());
    QVERIFY(restarted.cart->taxBasis() != QStringLiteral("guest"));

    // Signing out shows the (empty) guest cart; the server keeps the account's.
    restarted.session.signOut();
    QTRY_VERIFY_WITH_TIMEOUT(restarted.cart->isGuest(), kTimeout);
    QCOMPARE(restarted.cart->itemCount(), 0);
    QCOMPARE(restarted.cart->taxBasis(), QStringLiteral("guest"));

    Customer again(m_server.baseUrl(), nullptr);
    signIn(again, kAda);
    QTRY_COMPARE_WITH_TIMEOUT(again.cart->itemCount(), 6, kTimeout);
    CallWaiter<Commerce::CartView> cleared;
    again.cart->clear(this, cleared.callback());
    QVERIFY(cleared.wait(kTimeout));
    SHOP_VERIFY_OK(*cleared.result);
    QCOMPARE(again.cart->itemCount(), 0);
    QVERIFY(again.cart->cart().lines.isEmpty());
}

void TestCartClient::changesFollowTheServerAndTotalsMatchPricing()
{
    Customer c(m_server.baseUrl(), nullptr);
    signIn(c, kAlan);
    QTRY_VERIFY_WITH_TIMEOUT(!c.cart->isBusy(), kTimeout);
    const Product &a = m_products.at(2);
    const Product &b = m_products.at(3);
    CallWaiter<Commerce::CartView> first;
    c.cart->add(a, 3, this, first.callback());
    QVERIFY(first.wait(kTimeout));
    SHOP_VERIFY_OK(*first.result);
    CallWaiter<Commerce::CartView> second;
    c.cart->add(b, 1, this, second.callback());
    QVERIFY(second.wait(kTimeout));
    SHOP_VERIFY_OK(*second.result);
    QCOMPARE(c.cart->itemCount(), 4);

    QString lineA;
    for (const auto &line : c.cart->cart().lines) {
        if (line.productId == a.id.toString()) {
            lineA = line.id;
        }
    }
    QVERIFY(!lineA.isEmpty());
    CallWaiter<Commerce::CartView> changed;
    c.cart->setQuantity(lineA, 5, this, changed.callback());
    QVERIFY(changed.wait(kTimeout));
    SHOP_VERIFY_OK(*changed.result);
    QCOMPARE(c.cart->itemCount(), 6);

    // A quantity the server refuses: the error, and the cart as it was.
    QSignalSpy failed(c.cart.get(), &CartClient::failed);
    CallWaiter<Commerce::CartView> refused;
    c.cart->setQuantity(lineA, 100, this, refused.callback());
    QVERIFY(refused.wait(kTimeout));
    QVERIFY(!*refused.result);
    QCOMPARE(refused.result->error().code, ErrorCode::Validation);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(c.cart->itemCount(), 6);

    // Tax for New York (8.875 %), as core's pricing computes it.
    CallWaiter<Commerce::CartView> quoted;
    c.cart->quote(TaxDestination {{}, QStringLiteral("US"), QStringLiteral("NY")}, this,
                  quoted.callback());
    QVERIFY(quoted.wait(kTimeout));
    SHOP_VERIFY_OK(*quoted.result);
    QCOMPARE(c.cart->taxBasis(), QStringLiteral("destination"));
    QCOMPARE(c.cart->taxRatePpm(), 88750);
    QVERIFY(!c.cart->taxPending());
    const Commerce::Totals &t = c.cart->cart().totals;
    const qint64 subtotal = 5 * a.price.minorUnits() + b.price.minorUnits();
    QCOMPARE(t.subtotal.minorUnits(), subtotal);
    QCOMPARE(t.tax, *Commerce::taxOn(t.subtotal, 88750));
    QCOMPARE(t.total.minorUnits(),
             t.subtotal.minorUnits() + t.tax.minorUnits() + t.shipping.minorUnits());

    // No address: tax waits for checkout.
    CallWaiter<Commerce::CartView> plain;
    c.cart->refresh(this, plain.callback());
    QVERIFY(plain.wait(kTimeout));
    SHOP_VERIFY_OK(*plain.result);
    QCOMPARE(c.cart->taxBasis(), QStringLiteral("none"));
    QVERIFY(c.cart->taxPending());

    CallWaiter<Commerce::CartView> removed;
    c.cart->remove(lineA, this, removed.callback());
    QVERIFY(removed.wait(kTimeout));
    SHOP_VERIFY_OK(*removed.result);
    QCOMPARE(c.cart->itemCount(), 1);
    CallWaiter<Commerce::CartView> cleared;
    c.cart->clear(this, cleared.callback());
    QVERIFY(cleared.wait(kTimeout));
    SHOP_VERIFY_OK(*cleared.result);
    QCOMPARE(c.cart->itemCount(), 0);
}

void TestCartClient::checkoutPlacesOneOrderAndEmptiesTheCart()
{
    Customer c(m_server.baseUrl(), nullptr);
    signIn(c, kAlan);
    QTRY_VERIFY_WITH_TIMEOUT(!c.cart->isBusy(), kTimeout);
    const Product &a = m_products.at(4);
    const int stockBefore = stockOf(a);
    const int ordersBefore = ordersOf(kAlan);
    CallWaiter<Commerce::CartView> added;
    c.cart->add(a, 2, this, added.callback());
    QVERIFY(added.wait(kTimeout));
    SHOP_VERIFY_OK(*added.result);

    Address inlineAddress;
    inlineAddress.recipientName = QStringLiteral("Alan Turing");
    inlineAddress.line1 = QStringLiteral("2 Bletchley Park");
    inlineAddress.city = QStringLiteral("Austin");
    inlineAddress.postalCode = QStringLiteral("73301");
    inlineAddress.region = QStringLiteral("TX");
    inlineAddress.country = QStringLiteral("US");
    CallWaiter<Commerce::OrderView> order;
    CallWaiter<Commerce::OrderView> second;
    c.cart->checkout(ShippingChoice::inlineAddress(inlineAddress), this, order.callback());
    const QByteArray key = c.cart->checkoutKey();
    QVERIFY(!key.isEmpty());
    QVERIFY(c.cart->isCheckingOut());
    // A second checkout while the first runs is refused at once: no second order.
    c.cart->checkout(ShippingChoice::inlineAddress(inlineAddress), this, second.callback());
    QVERIFY(second.result.has_value());
    QCOMPARE(second.result->error().code, ErrorCode::Conflict);
    QVERIFY(order.wait(kTimeout));
    SHOP_VERIFY_OK(*order.result);
    const Commerce::OrderView &o = **order.result;
    QCOMPARE(o.status, Commerce::OrderStatus::Pending);
    QVERIFY(o.number.startsWith(QStringLiteral("SO-")));
    QVERIFY(o.expiresAt.isValid());
    QCOMPARE(o.shippingAddress.region, QStringLiteral("TX"));
    QCOMPARE(o.totals.tax, *Commerce::taxOn(o.totals.subtotal, 62500));
    QVERIFY(c.cart->checkoutKey().isEmpty()); // the next checkout is a new attempt
    QTRY_COMPARE_WITH_TIMEOUT(c.cart->itemCount(), 0, kTimeout);
    QCOMPARE(ordersOf(kAlan), ordersBefore + 1);
    QCOMPARE(stockOf(a), stockBefore - 2);
    QCOMPARE(m_server.queryValue(QStringLiteral("SELECT status FROM orders WHERE id = ?"), {o.id})
                 .toString(),
             QStringLiteral("pending"));
}

void TestCartClient::retryAfterNetworkFailureReusesTheKey()
{
    Customer c(m_server.baseUrl(), nullptr);
    c.api.setRetryPolicy(
        RetryPolicy {1, std::chrono::milliseconds(100), 2.0, std::chrono::milliseconds(100)});
    signIn(c, kAda);
    QTRY_VERIFY_WITH_TIMEOUT(!c.cart->isBusy(), kTimeout);
    const Address address = saveAddress(c, QStringLiteral("DE"), QString());
    QVERIFY(!address.id.isEmpty());
    const Product &a = m_products.at(5);
    CallWaiter<Commerce::CartView> added;
    c.cart->add(a, 1, this, added.callback());
    QVERIFY(added.wait(kTimeout));
    SHOP_VERIFY_OK(*added.result);
    const int ordersBefore = ordersOf(kAda);

    m_server.stopServing();
    CallWaiter<Commerce::OrderView> failedAttempt;
    c.cart->checkout(ShippingChoice::saved(address.id), this, failedAttempt.callback());
    const QByteArray key = c.cart->checkoutKey();
    QVERIFY(failedAttempt.wait(kTimeout));
    QVERIFY(!*failedAttempt.result);
    QCOMPARE(failedAttempt.result->error().code, ErrorCode::Unavailable);
    QCOMPARE(c.cart->checkoutKey(), key); // the outcome is unknown: the attempt goes on
    QVERIFY2(m_server.startServing(), qPrintable(m_server.errorString()));

    CallWaiter<Commerce::OrderView> retried;
    c.cart->checkout(ShippingChoice::saved(address.id), this, retried.callback());
    QCOMPARE(c.cart->checkoutKey(), key);
    QVERIFY(retried.wait(kTimeout));
    SHOP_VERIFY_OK(*retried.result);
    QCOMPARE((*retried.result)->totals.tax,
             *Commerce::taxOn((*retried.result)->totals.subtotal, 190000));
    QCOMPARE(ordersOf(kAda), ordersBefore + 1);
}

void TestCartClient::shortageNamesTheLines()
{
    Customer c(m_server.baseUrl(), nullptr);
    signIn(c, kAlan);
    QTRY_VERIFY_WITH_TIMEOUT(!c.cart->isBusy(), kTimeout);
    const Product &scarce = m_products.at(0);
    CallWaiter<Commerce::CartView> added;
    c.cart->add(scarce, 3, this, added.callback());
    QVERIFY(added.wait(kTimeout));
    SHOP_VERIFY_OK(*added.result);
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE products SET stock_quantity = 1 WHERE id = ? "
                                           "RETURNING stock_quantity"),
                            {scarce.id.toString()})
                .isValid());
    const int ordersBefore = ordersOf(kAlan);

    Address address;
    address.recipientName = QStringLiteral("Alan Turing");
    address.line1 = QStringLiteral("2 Bletchley Park");
    address.city = QStringLiteral("London");
    address.postalCode = QStringLiteral("MK3 6EB");
    address.country = QStringLiteral("GB");
    CallWaiter<Commerce::OrderView> order;
    c.cart->checkout(ShippingChoice::inlineAddress(address), this, order.callback());
    QVERIFY(order.wait(kTimeout));
    QVERIFY(!*order.result);
    const Error &error = order.result->error();
    QCOMPARE(error.code, ErrorCode::Conflict);
    const QList<ShortageLine> lines = CartClient::shortageLines(error);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().productId, scarce.id.toString());
    QCOMPARE(lines.first().name, scarce.name);
    QCOMPARE(lines.first().requested, 3);
    QCOMPARE(lines.first().available, 1);
    QVERIFY(!lines.first().isUnavailable());
    QVERIFY(c.cart->checkoutKey().isEmpty()); // a refusal: the next try is a new attempt
    QCOMPARE(ordersOf(kAlan), ordersBefore);
    QCOMPARE(stockOf(scarce), 1);
    QCOMPARE(c.cart->itemCount(), 3);

    CallWaiter<Commerce::CartView> cleared;
    c.cart->clear(this, cleared.callback());
    QVERIFY(cleared.wait(kTimeout));
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE products SET stock_quantity = ? WHERE id = ? "
                                           "RETURNING stock_quantity"),
                            {scarce.stockQuantity, scarce.id.toString()})
                .isValid());
}

void TestCartClient::emptyCartAndGuestAreRefused()
{
    Customer guest(m_server.baseUrl(), nullptr);
    CallWaiter<Commerce::OrderView> asGuest;
    guest.cart->checkout(ShippingChoice::saved(QStringLiteral("x")), this, asGuest.callback());
    QVERIFY(asGuest.result.has_value());
    QCOMPARE(asGuest.result->error().code, ErrorCode::Unauthorized);

    Customer c(m_server.baseUrl(), nullptr);
    signIn(c, kAlan);
    QTRY_VERIFY_WITH_TIMEOUT(!c.cart->isBusy(), kTimeout);
    QCOMPARE(c.cart->itemCount(), 0);
    Address address;
    address.recipientName = QStringLiteral("Alan Turing");
    address.line1 = QStringLiteral("2 Bletchley Park");
    address.city = QStringLiteral("London");
    address.postalCode = QStringLiteral("MK3 6EB");
    address.country = QStringLiteral("GB");
    CallWaiter<Commerce::OrderView> empty;
    c.cart->checkout(ShippingChoice::inlineAddress(address), this, empty.callback());
    QVERIFY(empty.wait(kTimeout));
    QVERIFY(!*empty.result);
    QCOMPARE(empty.result->error().code, ErrorCode::Validation);

    // An invalid inline address: field errors.
    const Product &a = m_products.at(1);
    CallWaiter<Commerce::CartView> added;
    c.cart->add(a, 1, this, added.callback());
    QVERIFY(added.wait(kTimeout));
    SHOP_VERIFY_OK(*added.result);
    address.country = QStringLiteral("XX1");
    CallWaiter<Commerce::OrderView> invalid;
    c.cart->checkout(ShippingChoice::inlineAddress(address), this, invalid.callback());
    QVERIFY(invalid.wait(kTimeout));
    QVERIFY(!*invalid.result);
    QCOMPARE(invalid.result->error().code, ErrorCode::Validation);
    QVERIFY(!invalid.result->error().fieldErrors.isEmpty());
    CallWaiter<Commerce::CartView> cleared;
    c.cart->clear(this, cleared.callback());
    QVERIFY(cleared.wait(kTimeout));
}

void TestCartClient::guestLinesFollowTheCatalog()
{
    const Product dearer = m_products.at(3);
    const Product gone = m_products.at(4);
    Customer guest(m_server.baseUrl(), nullptr);
    guest.cart->add(dearer, 2);
    guest.cart->add(gone, 1);
    QCOMPARE(guest.cart->itemCount(), 3);
    const qint64 newPrice = dearer.price.minorUnits() + 250;
    QVERIFY(
        m_server
            .queryValue(QStringLiteral("UPDATE products SET price = ? WHERE id = ? RETURNING id"),
                        {newPrice, dearer.id.toString()})
            .isValid());
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE products SET is_active = false WHERE id = ? "
                                           "RETURNING id"),
                            {gone.id.toString()})
                .isValid());
    // The catalog's cache learns of the change through NOTIFY: ask until it has.
    const auto line = [&](const Product &p) {
        for (const auto &l : guest.cart->cart().lines) {
            if (l.productId == p.id.toString()) {
                return l;
            }
        }
        return Commerce::CartLineView {};
    };
    QTRY_VERIFY_WITH_TIMEOUT((guest.cart->isBusy() || guest.cart->refresh() == 0)
                                 && line(dearer).priceChanged() && !line(gone).available,
                             kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!guest.cart->isBusy(), kTimeout);
    QCOMPARE(line(dearer).priceAtAdd, dearer.price);
    QCOMPARE(line(dearer).unitPrice.minorUnits(), newPrice);
    QCOMPARE(guest.cart->itemCount(), 2); // the product no longer sold is left out
    QCOMPARE(guest.cart->cart().totals.subtotal.minorUnits(), 2 * newPrice);
    QVERIFY(
        m_server
            .queryValue(QStringLiteral("UPDATE products SET price = ? WHERE id = ? RETURNING id"),
                        {dearer.price.minorUnits(), dearer.id.toString()})
            .isValid());
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE products SET is_active = true WHERE id = ? "
                                           "RETURNING id"),
                            {gone.id.toString()})
                .isValid());
}

QTEST_GUILESS_MAIN(TestCartClient)
#include "tst_cartclient.moc"
