#include "accountflows.h"
#include "cartpage.h"
#include "checkoutdialog.h"
#include "client/accountclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/cartclient.h"
#include "client/productlistmodel.h"
#include "client/secretstore.h"
#include "commerce/pricing.h"
#include "mainwindow.h"
#include "productgridview.h"
#include "productpage.h"
#include "productspage.h"
#include "screenshot.h"
#include "signindialog.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Shop;
using namespace Shop::Storefront;
using Shop::Client::MemorySecretStore;
using Shop::Client::Settings;
using Shop::Tests::ExternalServer;
using Shop::Widgets::AppContext;

namespace {

const QString kAda = QStringLiteral("ada@shop.example");
const QString kAlan = QStringLiteral("alan@shop.example");
const QString kPassword = QStringLiteral("demo-customer-passphrase");
// A loaded 2-core machine hashes Argon2id passwords slowly: generous.
constexpr int kTimeout = 30000;

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

QString labelText(QObject *parent, const QString &name)
{
    auto *label = parent->findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("<no %1>").arg(name);
}

} // namespace

// The storefront's cart and checkout against the REAL shop-server on a fresh seeded database: a
// guest fills a cart from the grid (keyboard) and the product page (quantity), the badge counts,
// checkout asks her to sign in and keeps the cart (merged with her account's), she changes a
// quantity, sees the server's totals for her address and places the order: a pending order on
// the server, stock taken, cart empty. A shortage shows at the line; a double click on
// "Place Order" makes one order; emptying the cart asks first.
class TestStorefrontCart final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void guestFillsCartSignsInAtCheckoutAndPlacesTheOrder();
    void shortageIsShownAtTheLine();
    void doubleClickOnPlaceOrderMakesOneOrder();
    void emptyingTheCartAsksFirst();
    void linesSayWhenThePriceChangedOrTheProductIsGone();

private:
    void openProduct(const Product &product);
    void addFromProductPage(const Product &product, int quantity);
    void signInThroughDialog(const QString &email);
    void signInAs(const QString &email);
    CheckoutDialog *openCheckout();
    [[nodiscard]] QString addAddressFor(const QString &email, const QString &country,
                                        const QString &region);
    [[nodiscard]] int stockOf(const Product &p);
    [[nodiscard]] int ordersOf(const QString &email, const QString &status);
    [[nodiscard]] int cartItemsOf(const QString &email);
    [[nodiscard]] Client::CartClient *cart() const { return m_window->cart(); }

    QTemporaryDir m_dir;
    ExternalServer m_server;
    QList<Product> m_products; // active, with plenty of stock
    QString m_adaAddress;
    QString m_alanAddress;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestStorefrontCart::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_adaAddress = addAddressFor(kAda, QStringLiteral("US"), QStringLiteral("NY"));
    QVERIFY(!m_adaAddress.isEmpty());
    m_alanAddress = addAddressFor(kAlan, QStringLiteral("DE"), QString());
    QVERIFY(!m_alanAddress.isEmpty());
}

void TestStorefrontCart::init()
{
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("storefront.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1100, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    if (m_products.isEmpty()) {
        m_window->showProducts();
        Client::ProductListModel *model = m_window->productsPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->state() == Client::ProductListModel::State::Ready
                                     && model->rowCount() > 10,
                                 kTimeout);
        for (int row = 0; row < model->rowCount(); ++row) {
            const Product *p = model->productAt(row);
            if (p && p->isActive && p->stockQuantity >= 10) {
                m_products << *p;
            }
        }
        QVERIFY(m_products.size() >= 7);
        m_window->showHome();
    }
}

void TestStorefrontCart::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
    }
    if (m_window) { // the next test starts as a guest with an empty cart
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->cart()->isBusy(), kTimeout);
        m_window->cart()->clear();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->cart()->isBusy(), kTimeout);
        if (m_context->session()->isSignedIn()) {
            m_context->session()->signOut();
        }
    }
    m_window.reset();
    m_context.reset();
}

QString TestStorefrontCart::addAddressFor(const QString &email, const QString &country,
                                          const QString &region)
{
    Client::ApiClient api;
    api.setBaseUrl(m_server.baseUrl());
    MemorySecretStore secrets;
    Client::AuthSession session(&api, &secrets);
    Client::AccountClient account(&api, &session);
    std::optional<Result<Client::User>> user;
    session.signIn(email, kPassword, false, this, [&](Result<Client::User> r) { user = r; });
    if (!QTest::qWaitFor([&] { return user.has_value(); }, kTimeout) || !*user) {
        return {};
    }
    Client::Address a;
    a.label = QStringLiteral("Home");
    a.recipientName = email.section(u'@', 0, 0);
    a.line1 = QStringLiteral("1 Test Street");
    a.city = QStringLiteral("Testville");
    a.postalCode = QStringLiteral("10001");
    a.region = region;
    a.country = country;
    a.isDefault = true;
    std::optional<Result<Client::Address>> saved;
    account.addAddress(a, this, [&](Result<Client::Address> r) { saved = r; });
    if (!QTest::qWaitFor([&] { return saved.has_value(); }, kTimeout) || !*saved) {
        return {};
    }
    return (*saved)->id;
}

int TestStorefrontCart::stockOf(const Product &p)
{
    return m_server
        .queryValue(QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?"),
                    {p.id.toString()})
        .toInt();
}

int TestStorefrontCart::ordersOf(const QString &email, const QString &status)
{
    return m_server
        .queryValue(QStringLiteral("SELECT count(*) FROM orders o JOIN users u ON u.id = "
                                   "o.user_id WHERE u.email = ? AND o.status = ?"),
                    {email, status})
        .toInt();
}

int TestStorefrontCart::cartItemsOf(const QString &email)
{
    return m_server
        .queryValue(QStringLiteral("SELECT count(*) FROM cart_items i JOIN carts c ON c.id = "
                                   "i.cart_id JOIN users u ON u.id = c.user_id WHERE u.email = ?"),
                    {email})
        .toInt();
}

void TestStorefrontCart::openProduct(const Product &product)
{
    m_window->openProduct(product.id.toString());
    ProductPage *page = m_window->productPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->isShowingProduct() && page->product()->id == product.id,
                             kTimeout);
}

void TestStorefrontCart::addFromProductPage(const Product &product, int quantity)
{
    openProduct(product);
    ProductPage *page = m_window->productPage();
    auto *spin = page->findChild<QSpinBox *>(QStringLiteral("quantitySpin"));
    auto *button = page->findChild<QPushButton *>(QStringLiteral("addToCartButton"));
    QVERIFY(spin->isEnabled());
    QCOMPARE(spin->maximum(), std::min(99, product.stockQuantity));
    spin->setValue(quantity);
    const int before = cart()->itemCount();
    QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), kTimeout);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(cart()->itemCount(), before + quantity, kTimeout);
    QTRY_VERIFY(labelText(page, QStringLiteral("cartNote")).contains(product.name));
}

void TestStorefrontCart::signInThroughDialog(const QString &email)
{
    QPointer<SignInDialog> dialog;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->accountFlows()->signInDialog()), kTimeout);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    type(dialog->form()->emailEdit(), email);
    type(dialog->form()->passwordEdit(), kPassword);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->isSignedIn(), kTimeout);
    QTRY_VERIFY(!m_window->accountFlows()->signInDialog());
}

void TestStorefrontCart::signInAs(const QString &email)
{
    m_window->findChild<QAction *>(QStringLiteral("signInAction"))->trigger();
    signInThroughDialog(email);
    QTRY_VERIFY_WITH_TIMEOUT(!cart()->isGuest() && !cart()->isBusy(), kTimeout);
}

CheckoutDialog *TestStorefrontCart::openCheckout()
{
    m_window->showCart();
    QPushButton *checkout = m_window->cartPage()->checkoutButton();
    if (!QTest::qWaitFor([&] { return checkout->isEnabled(); }, kTimeout)) {
        return nullptr;
    }
    QTest::mouseClick(checkout, Qt::LeftButton);
    CheckoutDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = m_window->checkoutDialog()); }, kTimeout)) {
        return nullptr;
    }
    if (!QTest::qWaitFor([&] { return dialog->isQuoted(); }, kTimeout)) {
        qWarning() << "no totals:" << dialog->message();
        return nullptr;
    }
    return dialog;
}

void TestStorefrontCart::guestFillsCartSignsInAtCheckoutAndPlacesTheOrder()
{
    const Product a = m_products.at(0);
    const Product b = m_products.at(1);
    // Ada's account already holds one of `b`.
    {
        Client::ApiClient api;
        api.setBaseUrl(m_server.baseUrl());
        MemorySecretStore secrets;
        Client::AuthSession session(&api, &secrets);
        Client::CartClient other(&api, &session, nullptr);
        session.signIn(kAda, kPassword, false, this, [](Result<Client::User>) {});
        QTRY_VERIFY_WITH_TIMEOUT(session.isSignedIn() && !other.isBusy(), kTimeout);
        std::optional<Result<Commerce::CartView>> added;
        other.add(b, 1, this, [&](Result<Commerce::CartView> r) { added = r; });
        QTRY_VERIFY_WITH_TIMEOUT(added.has_value(), kTimeout);
        QVERIFY(bool(*added));
    }
    const int stockA = stockOf(a);
    const int stockB = stockOf(b);
    QToolButton *badge = m_window->cartButton();
    QCOMPARE(badge->text(), QStringLiteral("Cart"));

    // From the grid with the keyboard: "+" on the current card.
    m_window->showProducts();
    ProductGridView *grid = m_window->productsPage()->grid();
    Client::ProductListModel *model = m_window->productsPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->state() == Client::ProductListModel::State::Ready
                                 && m_window->productsPage()->isShowingGrid(),
                             kTimeout);
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->productAt(i)->id == a.id) {
            row = i;
        }
    }
    QVERIFY(row >= 0);
    grid->setFocus();
    grid->setCurrentIndex(model->index(row, 0));
    QTest::keyClick(grid, Qt::Key_Plus);
    QTRY_COMPARE(cart()->itemCount(), 1);
    QCOMPARE(badge->text(), QStringLiteral("Cart (1)"));
    QVERIFY(cart()->isGuest());

    // From the product page with a quantity.
    addFromProductPage(a, 2);
    QCOMPARE(badge->text(), QStringLiteral("Cart (3)"));
    QCOMPARE(cart()->cart().lines.size(), 1);

    // The cart page, as a guest: subtotal only.
    QTest::mouseClick(badge, Qt::LeftButton);
    CartPage *page = m_window->cartPage();
    QCOMPARE(m_window->currentPage(), page);
    QVERIFY(page->lineRow(a.id.toString()));
    QCOMPARE(labelText(page, QStringLiteral("cartSubtotal")),
             Money(3 * a.price.minorUnits(), a.price.currency()).format(QLocale()));
    QVERIFY(labelText(page, QStringLiteral("cartTaxNote")).contains(QStringLiteral("checkout")));

    // Checkout asks the guest to sign in, keeps the cart and merges it with her account's.
    QTRY_VERIFY_WITH_TIMEOUT(page->checkoutButton()->isEnabled(), kTimeout);
    QTest::mouseClick(page->checkoutButton(), Qt::LeftButton);
    signInThroughDialog(kAda);
    CheckoutDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->checkoutDialog()), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(cart()->itemCount(), 4, kTimeout);
    QCOMPARE(badge->text(), QStringLiteral("Cart (4)"));
    QVERIFY(page->lineRow(b.id.toString()));
    QVERIFY(m_context->settings().guestCart().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isQuoted(), kTimeout);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelCheckout")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_window->checkoutDialog());

    // A quantity changed on the cart page goes to the server.
    QWidget *rowA = page->lineRow(a.id.toString());
    QVERIFY(rowA);
    auto *spin = rowA->findChild<QSpinBox *>(QStringLiteral("lineQuantity"));
    QCOMPARE(spin->value(), 3);
    spin->setValue(2);
    QTRY_COMPARE_WITH_TIMEOUT(cart()->itemCount(), 3, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(cartItemsOf(kAda), 2, kTimeout);
    QCOMPARE(badge->text(), QStringLiteral("Cart (3)"));

    // Checkout: the server's tax and shipping for her New York address.
    dialog = openCheckout();
    QVERIFY(dialog);
    QCOMPARE(dialog->addressId(), m_adaAddress);
    const Commerce::Totals totals = cart()->cart().totals;
    const Money subtotal(2 * a.price.minorUnits() + b.price.minorUnits(), a.price.currency());
    QCOMPARE(totals.subtotal, subtotal);
    QCOMPARE(totals.tax, *Commerce::taxOn(subtotal, 88750));
    QCOMPARE(labelText(dialog, QStringLiteral("checkoutTax")), totals.tax.format(QLocale()));
    QCOMPARE(labelText(dialog, QStringLiteral("checkoutShipping")),
             totals.shipping.format(QLocale()));
    QCOMPARE(labelText(dialog, QStringLiteral("checkoutTotal")), totals.total.format(QLocale()));
    QVERIFY(labelText(dialog, QStringLiteral("reviewLines")).contains(a.name));
    QTRY_VERIFY_WITH_TIMEOUT(m_context->images()->isIdle(), kTimeout);
    Tests::saveScreenshot(m_window.get(), QStringLiteral("storefront-cart"));
    Tests::saveScreenshot(dialog, QStringLiteral("storefront-checkout"));

    QSignalSpy placed(m_window.get(), &MainWindow::orderPlaced);
    QSignalSpy view(m_window.get(), &MainWindow::viewOrderRequested);
    QTest::mouseClick(dialog->placeOrderButton(), Qt::LeftButton);
    QVERIFY(!dialog->placeOrderButton()->isEnabled()); // busy: no second order
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isPlaced(), kTimeout);
    QCOMPARE(placed.size(), 1);
    const Commerce::OrderView order = *dialog->order();
    QCOMPARE(placed.first().first().toString(), order.id);
    const QString text = labelText(dialog, QStringLiteral("placedText"));
    QVERIFY2(text.startsWith(
                 QStringLiteral("Order %1 is placed and waiting for payment.").arg(order.number)),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("the order is held until")));
    Tests::saveScreenshot(dialog, QStringLiteral("storefront-order-placed"));
    QCOMPARE(order.totals.total, totals.total);

    // On the server: one pending order, the stock taken, the cart empty.
    QCOMPARE(ordersOf(kAda, QStringLiteral("pending")), 1);
    QCOMPARE(
        m_server.queryValue(QStringLiteral("SELECT total FROM orders WHERE id = ?"), {order.id})
            .toLongLong(),
        totals.total.minorUnits());
    QCOMPARE(stockOf(a), stockA - 2);
    QCOMPARE(stockOf(b), stockB - 1);
    QCOMPARE(cartItemsOf(kAda), 0);
    QTRY_COMPARE_WITH_TIMEOUT(badge->text(), QStringLiteral("Cart"), kTimeout);

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("viewOrderButton")),
                      Qt::LeftButton);
    QCOMPARE(view.size(), 1);
    QCOMPARE(view.first().first().toString(), order.id);
    QTRY_VERIFY(!m_window->checkoutDialog());
}

void TestStorefrontCart::shortageIsShownAtTheLine()
{
    signInAs(kAlan);
    const Product scarce = m_products.at(2);
    addFromProductPage(scarce, 3);
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE products SET stock_quantity = 1 WHERE id = ? "
                                           "RETURNING id"),
                            {scarce.id.toString()})
                .isValid());
    const int pending = ordersOf(kAlan, QStringLiteral("pending"));

    CheckoutDialog *dialog = openCheckout();
    QVERIFY(dialog);
    QCOMPARE(dialog->addressId(), m_alanAddress);
    QTest::mouseClick(dialog->placeOrderButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->message().contains(scarce.name), kTimeout);
    QVERIFY(dialog->message().contains(QStringLiteral("3 wanted, 1 available")));
    QVERIFY(!dialog->isPlaced());
    QWidget *row = m_window->cartPage()->lineRow(scarce.id.toString());
    QVERIFY(row);
    const QString notice = labelText(row, QStringLiteral("lineNotice"));
    QVERIFY2(notice.contains(QStringLiteral("3 requested, only 1 available")), qPrintable(notice));
    QCOMPARE(ordersOf(kAlan, QStringLiteral("pending")), pending);
    QCOMPARE(stockOf(scarce), 1);

    // Back on the cart page: reloaded, the line says the stock is lower than the quantity.
    dialog->reject();
    QTRY_VERIFY(!m_window->checkoutDialog());
    m_window->cartPage()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(
        labelText(m_window->cartPage()->lineRow(scarce.id.toString()), QStringLiteral("lineNotice"))
            .contains(QStringLiteral("Only 1 left")),
        kTimeout);
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE products SET stock_quantity = ? WHERE id = ? "
                                           "RETURNING id"),
                            {scarce.stockQuantity, scarce.id.toString()})
                .isValid());
}

void TestStorefrontCart::doubleClickOnPlaceOrderMakesOneOrder()
{
    signInAs(kAlan);
    const Product p = m_products.at(3);
    const int stock = stockOf(p);
    addFromProductPage(p, 1);
    const int pending = ordersOf(kAlan, QStringLiteral("pending"));
    CheckoutDialog *dialog = openCheckout();
    QVERIFY(dialog);
    QTest::mouseDClick(dialog->placeOrderButton(), Qt::LeftButton);
    dialog->placeOrder(); // and once more from code while it runs
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isPlaced(), kTimeout);
    QTest::qWait(1000); // a second order would have arrived by now
    QCOMPARE(ordersOf(kAlan, QStringLiteral("pending")), pending + 1);
    QCOMPARE(stockOf(p), stock - 1);
    dialog->accept();
}

void TestStorefrontCart::emptyingTheCartAsksFirst()
{
    const Product p = m_products.at(4);
    addFromProductPage(p, 2);
    m_window->showCart();
    CartPage *page = m_window->cartPage();
    auto *empty = page->findChild<QPushButton *>(QStringLiteral("emptyCartButton"));
    QTRY_VERIFY(empty->isEnabled());
    QTest::mouseClick(empty, Qt::LeftButton);
    QPointer<QMessageBox> question = page->emptyQuestion();
    QVERIFY(question);
    QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!question);
    QCOMPARE(cart()->itemCount(), 2);

    QTest::mouseClick(empty, Qt::LeftButton);
    question = page->emptyQuestion();
    QVERIFY(question);
    QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("confirmEmptyCart")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(cart()->itemCount(), 0, kTimeout);
    QCOMPARE(m_window->cartButton()->text(), QStringLiteral("Cart"));
    QVERIFY(labelText(page, QStringLiteral("cartEmptyText")).contains(QStringLiteral("empty")));
}

void TestStorefrontCart::linesSayWhenThePriceChangedOrTheProductIsGone()
{
    signInAs(kAda);
    const Product dearer = m_products.at(5);
    const Product gone = m_products.at(6);
    addFromProductPage(dearer, 1);
    addFromProductPage(gone, 1);
    const qint64 newPrice = dearer.price.minorUnits() + 100;
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
    m_window->showCart();
    CartPage *page = m_window->cartPage();
    page->refresh();
    const QString expected = QStringLiteral("The price changed from %1 to %2")
                                 .arg(dearer.price.format(QLocale()),
                                      Money(newPrice, dearer.price.currency()).format(QLocale()));
    QTRY_VERIFY_WITH_TIMEOUT(
        page->lineRow(dearer.id.toString())
            && labelText(page->lineRow(dearer.id.toString()), QStringLiteral("lineNotice"))
                   .contains(expected),
        kTimeout);
    QVERIFY(labelText(page->lineRow(gone.id.toString()), QStringLiteral("lineNotice"))
                .contains(QStringLiteral("no longer available")));
    QCOMPARE(cart()->itemCount(), 1); // the unavailable line is not counted
    QCOMPARE(m_window->cartButton()->text(), QStringLiteral("Cart (1)"));
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

QTEST_MAIN(TestStorefrontCart)
#include "tst_storefrontcart.moc"
