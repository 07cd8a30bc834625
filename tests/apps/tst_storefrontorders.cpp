#include "accountflows.h"
#include "client/authsession.h"
#include "client/orderlistmodel.h"
#include "client/secretstore.h"
#include "mainwindow.h"
#include "orderdetailpage.h"
#include "orderspage.h"
#include "screenshot.h"
#include "signindialog.h"
#include "support/externalserver.h"
#include "support/ordershopper.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/statuspanel.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>

using namespace Shop;
using namespace Shop::Storefront;
using Shop::Client::MemorySecretStore;
using Shop::Client::OrderListModel;
using Shop::Client::Settings;
using Shop::Tests::ExternalServer;
using Shop::Tests::OrderShopper;
using Shop::Widgets::AppContext;

namespace {

// A loaded 2-core machine hashes Argon2id passwords slowly: generous.
constexpr int kTimeout = 30000;
constexpr int kOrders = 12;
constexpr int kPageSize = 5;

template<typename T>
T *child(QObject *parent, const QString &name)
{
    return parent->findChild<T *>(name);
}

QString labelText(QObject *parent, const QString &name)
{
    auto *label = child<QLabel>(parent, name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace

// The storefront's "My orders" and order detail pages against the REAL shop-server on a fresh
// seeded database (ExternalServer). A customer's orders are placed over HTTP (cart + POST
// /api/orders with an Idempotency-Key, tests/support/ordershopper.h); then, in the window: the Go
// menu asks a signed-out customer to sign in, the list shows the orders newest first and loads
// more pages as it scrolls, the detail shows items, totals, address and the timeline, "Cancel
// Order" cancels on the server and the stock returns, a cancel that comes after the server
// already cancelled says so, and another customer's order is "not found".
class TestStorefrontOrders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void goMenuAsksASignedOutCustomerToSignIn();
    void listShowsOrdersNewestFirstWithPaging();
    void detailShowsItemsTotalsAndTimeline();
    void cancelCancelsOnTheServerAndRestoresStock();
    void cancellingAnAlreadyCancelledOrderSaysSo();
    void shippedOrderShowsCarrierTrackingAndWhoActed();
    void anotherCustomersOrderIsNotFound();
    void accountPageLeadsToOrdersAndGermanFollows();
    void signingOutForgetsTheOrders();

private:
    void openFromList(int row);
    [[nodiscard]] QString serverStatus(const QString &orderId);
    // The stock in the database itself; over HTTP it is read from Bob's cart (the catalog's
    // product answers come from a cache that is not told about every stock change).
    [[nodiscard]] int databaseStock(const QString &productId);

    QTemporaryDir m_dir;
    ExternalServer m_server;
    std::unique_ptr<OrderShopper> m_ada;
    std::unique_ptr<OrderShopper> m_bob;
    QString m_productA;
    QString m_productB;
    int m_stockA = -1; // before any order
    int m_stockB = -1;
    QStringList m_orderIds; // Ada's, oldest first
    QString m_bobOrderId;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestStorefrontOrders::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

    m_ada = std::make_unique<OrderShopper>(m_server.baseUrl());
    m_bob = std::make_unique<OrderShopper>(m_server.baseUrl());
    QVERIFY2(m_ada->registerNew(QStringLiteral("ada")), qPrintable(m_ada->errorString()));
    QVERIFY2(m_bob->registerNew(QStringLiteral("bob")), qPrintable(m_bob->errorString()));
    const QJsonArray products = m_ada->productsInStock(30);
    QVERIFY2(products.size() >= 2, qPrintable(m_ada->errorString()));
    m_productA = products.at(0)[u"id"].toString();
    m_productB = products.at(1)[u"id"].toString();
    m_stockA = products.at(0)[u"stock_quantity"].toInt();
    m_stockB = products.at(1)[u"stock_quantity"].toInt();
    // Ada's orders: the n-th has one unit of A; the last three also n units of B.
    for (int n = 1; n <= kOrders; ++n) {
        QList<std::pair<QString, int>> lines {{m_productA, 1}};
        if (n > kOrders - 3) {
            lines.append({m_productB, n - (kOrders - 3)});
        }
        const auto order = m_ada->placeOrder(lines);
        QVERIFY2(order, qPrintable(m_ada->errorString()));
        m_orderIds << order->value(QStringLiteral("id")).toString();
    }
    const auto bobs = m_bob->placeOrder({{m_productA, 1}});
    QVERIFY2(bobs, qPrintable(m_bob->errorString()));
    m_bobOrderId = bobs->value(QStringLiteral("id")).toString();
    // Bob's cart shows the current stock of A and B over HTTP.
    QVERIFY2(m_bob->addToCart(m_productA) && m_bob->addToCart(m_productB),
             qPrintable(m_bob->errorString()));

    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("storefront.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->ordersPage()->model()->setPageSize(kPageSize);
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestStorefrontOrders::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
}

void TestStorefrontOrders::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
    }
}

QString TestStorefrontOrders::serverStatus(const QString &orderId)
{
    const auto order = m_ada->call("GET", QStringLiteral("api/orders/") + orderId);
    return order ? order->value(QStringLiteral("status")).toString() : m_ada->errorString();
}

int TestStorefrontOrders::databaseStock(const QString &productId)
{
    const QVariant stock = m_server.queryValue(
        QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?::uuid"), {productId});
    return stock.isValid() ? stock.toInt() : -1;
}

void TestStorefrontOrders::openFromList(int row)
{
    OrdersPage *page = m_window->ordersPage();
    QTableView *table = page->table();
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > row, kTimeout);
    const QModelIndex index = page->model()->index(row, 0);
    table->scrollTo(index);
    const QRect rect = table->visualRect(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), m_window->orderDetailPage(), kTimeout);
}

void TestStorefrontOrders::goMenuAsksASignedOutCustomerToSignIn()
{
    QVERIFY(!m_context->session()->isSignedIn());
    auto *go = child<QAction>(m_window.get(), QStringLiteral("goOrdersAction"));
    QVERIFY(go);
    QVERIFY(!child<QAction>(m_window.get(), QStringLiteral("myOrdersAction"))->isVisible());
    go->trigger();
    QCOMPARE(m_window->currentPage(), m_window->ordersPage());
    QVERIFY(!m_window->ordersPage()->isSignedInView());
    QVERIFY(child<QLabel>(m_window->ordersPage(), QStringLiteral("ordersSignedOut"))->isVisible());

    QPointer<SignInDialog> dialog = m_window->accountFlows()->signInDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    type(dialog->form()->emailEdit(), m_ada->email());
    type(dialog->form()->passwordEdit(), OrderShopper::kPassword);
    QTest::mouseClick(dialog->form()->signInButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_context->session()->isSignedIn(), kTimeout);
    QTRY_VERIFY(!m_window->accountFlows()->signInDialog());

    // Signed in, the page shows her orders without being asked again.
    QVERIFY(m_window->ordersPage()->isSignedInView());
    QVERIFY(child<QAction>(m_window.get(), QStringLiteral("myOrdersAction"))->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->ordersPage()->model()->rowCount() > 0, kTimeout);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("My Orders"));
}

void TestStorefrontOrders::listShowsOrdersNewestFirstWithPaging()
{
    m_window->showHome();
    OrderListModel *model = m_window->ordersPage()->model();
    // The rows after each page: the table asks for the next page when it is scrolled to the end
    // (or has room for more rows).
    QList<int> rowsAfterPage;
    QObject probe;
    connect(model, &OrderListModel::pageLoaded, &probe,
            [&](int page) { rowsAfterPage.append(page * 1000 + model->rowCount()); });
    // A table with room for three rows: the next page comes only when it is scrolled down.
    QTableView *table = m_window->ordersPage()->table();
    table->setFixedHeight(table->horizontalHeader()->sizeHint().height()
                          + 3 * table->verticalHeader()->defaultSectionSize()
                          + 2 * table->frameWidth());
    child<QAction>(m_window.get(), QStringLiteral("myOrdersAction"))->trigger();
    QCOMPARE(m_window->currentPage(), m_window->ordersPage());
    QTRY_VERIFY_WITH_TIMEOUT(!rowsAfterPage.isEmpty(), kTimeout);
    QCOMPARE(rowsAfterPage.first(), 1000 + kPageSize); // page 1: 5 rows
    QTest::qWait(500);
    QCOMPARE(model->rowCount(), kPageSize); // not scrolled: no second page
    QCOMPARE(model->totalCount(), kOrders);
    QCOMPARE(labelText(m_window->ordersPage(), QStringLiteral("ordersSummary")),
             QStringLiteral("12 orders"));

    // Scrolling down loads the rest, a page at a time.
    const auto loaded = [&] {
        table->scrollToBottom();
        return model->rowCount() == kOrders;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(loaded(),
                              qPrintable(QStringLiteral("rows %1, state %2, pages %3, error %4")
                                             .arg(model->rowCount())
                                             .arg(int(model->state()))
                                             .arg(model->loadedPages())
                                             .arg(model->lastError().message)),
                              kTimeout);
    QCOMPARE(rowsAfterPage, QList<int>({1005, 2010, 3012}));
    QVERIFY(!model->canFetchMore({}));

    // With room for them, the pages come without scrolling.
    table->setMinimumHeight(0);
    table->setMaximumHeight(QWIDGETSIZE_MAX);
    rowsAfterPage.clear();
    child<QAction>(m_window.get(), QStringLiteral("reloadAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(rowsAfterPage, QList<int>({1005, 2010, 3012}), kTimeout);
    for (int row = 0; row < kOrders; ++row) {
        QCOMPARE(model->orderAt(row)->id, m_orderIds.at(kOrders - 1 - row));
    }
    QCOMPARE(model->data(model->index(0, OrderListModel::StatusColumn)).toString(),
             QStringLiteral("Pending"));
    QCOMPARE(model->data(model->index(0, OrderListModel::ItemsColumn)).toString(),
             QStringLiteral("4")); // 1 A + 3 B
    table->scrollToTop();
    Tests::saveScreenshot(m_window.get(), QStringLiteral("storefront-orders"));
}

void TestStorefrontOrders::detailShowsItemsTotalsAndTimeline()
{
    m_window->showOrders();
    openFromList(0); // the newest: 1 A + 3 B
    OrderDetailPage *page = m_window->orderDetailPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->order().has_value(), kTimeout);
    const Commerce::OrderView &order = *page->order();
    QCOMPARE(order.id, m_orderIds.last());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Order ") + order.number);
    QCOMPARE(labelText(page, QStringLiteral("orderTitle")),
             QStringLiteral("Order ") + order.number);
    QCOMPARE(labelText(page, QStringLiteral("orderState")), QStringLiteral("Status: Pending"));

    // Items with quantities and prices.
    QTableWidget *items = page->itemsTable();
    QCOMPARE(items->rowCount(), 2);
    QStringList quantities;
    for (int row = 0; row < items->rowCount(); ++row) {
        quantities << items->item(row, 2)->text();
        QCOMPARE(items->item(row, 0)->text(), order.lines.at(row).name);
        QCOMPARE(items->item(row, 3)->text(), order.lines.at(row).unitPrice.format(QLocale()));
        QCOMPARE(items->item(row, 4)->text(), order.lines.at(row).lineTotal.format(QLocale()));
    }
    quantities.sort();
    QCOMPARE(quantities, QStringList({QStringLiteral("1"), QStringLiteral("3")}));
    // Totals as the server computed them.
    QCOMPARE(labelText(page, QStringLiteral("orderSubtotal")),
             order.totals.subtotal.format(QLocale()));
    QCOMPARE(labelText(page, QStringLiteral("orderTax")), order.totals.tax.format(QLocale()));
    QCOMPARE(labelText(page, QStringLiteral("orderTotal")), order.totals.total.format(QLocale()));
    QCOMPARE(order.totals.total.minorUnits(),
             order.totals.subtotal.minorUnits() + order.totals.tax.minorUnits()
                 + order.totals.shipping.minorUnits());
    // The address snapshot and the hold.
    QVERIFY2(labelText(page, QStringLiteral("orderAddress")).contains(u"1 Analytical Way"),
             qPrintable(labelText(page, QStringLiteral("orderAddress"))));
    QVERIFY(labelText(page, QStringLiteral("orderAddress")).contains(u"NY, US"));
    QVERIFY(child<QLabel>(page, QStringLiteral("orderHold"))->isVisible());
    QVERIFY2(labelText(page, QStringLiteral("orderHold")).contains(u"held for you until"),
             qPrintable(labelText(page, QStringLiteral("orderHold"))));
    QVERIFY(labelText(page, QStringLiteral("orderHold")).contains(u"Pay Now"));
    QVERIFY(!child<QLabel>(page, QStringLiteral("orderShipping"))->isVisible());
    // The timeline: placed by the customer.
    QCOMPARE(page->timeline()->topLevelItemCount(), 1);
    QCOMPARE(page->timeline()->topLevelItem(0)->text(0), QStringLiteral("Placed: Pending"));
    QCOMPARE(page->timeline()->topLevelItem(0)->text(2), QStringLiteral("you"));
    QCOMPARE(page->timeline()->topLevelItem(0)->text(3), QStringLiteral("Order placed"));
    QVERIFY(page->cancelButton()->isVisible());
    Tests::saveScreenshot(m_window.get(), QStringLiteral("storefront-order-detail"));

    // Back returns to the list, forward to the order.
    QVERIFY(m_window->history()->canGoBack());
    child<QAction>(m_window.get(), QStringLiteral("backAction"))->trigger();
    QCOMPARE(m_window->currentPage(), m_window->ordersPage());
    child<QAction>(m_window.get(), QStringLiteral("forwardAction"))->trigger();
    QCOMPARE(m_window->currentPage(), m_window->orderDetailPage());
    QCOMPARE(page->orderId(), m_orderIds.last());
}

void TestStorefrontOrders::cancelCancelsOnTheServerAndRestoresStock()
{
    const QString id = m_orderIds.last(); // 1 A + 3 B
    // Ada's twelve orders and Bob's took 13 units of A; Ada's last three 1 + 2 + 3 of B.
    QCOMPARE(databaseStock(m_productA), m_stockA - 13);
    QCOMPARE(databaseStock(m_productB), m_stockB - 6);
    m_window->openOrder(id);
    OrderDetailPage *page = m_window->orderDetailPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->order() && page->order()->id == id, kTimeout);

    // Asked first; keeping the order changes nothing.
    QTest::mouseClick(page->cancelButton(), Qt::LeftButton);
    QPointer<QMessageBox> confirm = child<QMessageBox>(page, QStringLiteral("confirmCancelOrder"));
    QVERIFY(confirm);
    QVERIFY(confirm->text().contains(page->order()->number));
    QTest::mouseClick(child<QPushButton>(confirm, QStringLiteral("confirmCancelKeep")),
                      Qt::LeftButton);
    QTRY_VERIFY(!confirm);
    QTest::qWait(300);
    QCOMPARE(serverStatus(id), QStringLiteral("pending"));

    QTest::mouseClick(page->cancelButton(), Qt::LeftButton);
    confirm = child<QMessageBox>(page, QStringLiteral("confirmCancelOrder"));
    QVERIFY(confirm);
    QTest::mouseClick(child<QPushButton>(confirm, QStringLiteral("confirmCancelYes")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(page, QStringLiteral("orderState")),
                              QStringLiteral("Status: Cancelled"), kTimeout);
    QCOMPARE(page->message(),
             QStringLiteral("The order was cancelled. Its items are back in stock."));
    QVERIFY(!page->cancelButton()->isVisible());
    QVERIFY(!child<QLabel>(page, QStringLiteral("orderHold"))->isVisible());
    QCOMPARE(page->timeline()->topLevelItemCount(), 2);
    QCOMPARE(page->timeline()->topLevelItem(1)->text(0), QStringLiteral("Pending → Cancelled"));
    QCOMPARE(page->timeline()->topLevelItem(1)->text(2), QStringLiteral("you"));
    QCOMPARE(page->timeline()->topLevelItem(1)->text(3), QStringLiteral("Cancelled by you"));

    // On the server: cancelled, the stock back.
    QCOMPARE(serverStatus(id), QStringLiteral("cancelled"));
    QCOMPARE(databaseStock(m_productA), m_stockA - 12);
    QCOMPARE(databaseStock(m_productB), m_stockB - 3);
    QCOMPARE(m_bob->stockInCart(m_productA), m_stockA - 12);
    QCOMPARE(m_bob->stockInCart(m_productB), m_stockB - 3);

    // The list shows the new state.
    OrderListModel *model = m_window->ordersPage()->model();
    const int row = model->rowOf(id);
    QVERIFY(row >= 0);
    QCOMPARE(model->data(model->index(row, OrderListModel::StatusColumn)).toString(),
             QStringLiteral("Cancelled"));
}

void TestStorefrontOrders::cancellingAnAlreadyCancelledOrderSaysSo()
{
    const QString id = m_orderIds.at(kOrders - 2); // 1 A + 2 B
    m_window->openOrder(id);
    OrderDetailPage *page = m_window->orderDetailPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->order() && page->order()->id == id, kTimeout);
    QVERIFY(page->cancelButton()->isVisible());

    // Meanwhile the order is cancelled elsewhere (another device).
    QVERIFY2(m_ada->call("PUT", QStringLiteral("api/orders/") + id + QStringLiteral("/cancel")),
             qPrintable(m_ada->errorString()));
    QCOMPARE(databaseStock(m_productB), m_stockB - 1);

    QTest::mouseClick(page->cancelButton(), Qt::LeftButton);
    QPointer<QMessageBox> confirm = child<QMessageBox>(page, QStringLiteral("confirmCancelOrder"));
    QVERIFY(confirm);
    QTest::mouseClick(child<QPushButton>(confirm, QStringLiteral("confirmCancelYes")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->message().startsWith(u"The order had already been cancelled ("),
                             kTimeout);
    QVERIFY2(page->message().contains(u"by you), so nothing changed."),
             qPrintable(page->message()));
    QTRY_COMPARE_WITH_TIMEOUT(labelText(page, QStringLiteral("orderState")),
                              QStringLiteral("Status: Cancelled"), kTimeout);
    QVERIFY(!page->cancelButton()->isVisible());
    QCOMPARE(databaseStock(m_productB), m_stockB - 1); // returned once
    QCOMPARE(databaseStock(m_productA), m_stockA - 11);
    QCOMPARE(m_bob->stockInCart(m_productB), m_stockB - 1);
}

void TestStorefrontOrders::shippedOrderShowsCarrierTrackingAndWhoActed()
{
    // Payments and the staff's status changes are other features: the order is moved on in the
    // database, with the history entries they would write.
    const QString id = m_orderIds.first();
    const QVariant written = m_server.queryValue(
        QStringLiteral(
            "WITH o AS (UPDATE orders SET status = 'shipped', carrier = ?, tracking_number = ?, "
            "expires_at = NULL, updated_at = now() + interval '3 minutes' WHERE id = ?::uuid "
            "RETURNING id), h AS (INSERT INTO order_status_history (order_id, from_status, "
            "to_status, actor, reason, at) SELECT o.id, x.f, x.t, x.a, x.r, now() + x.m * "
            "interval '1 minute' FROM o, (VALUES ('pending', 'paid', 'system', 'payment "
            "succeeded', 1), ('paid', 'processing', 'staff', '', 2), ('processing', 'shipped', "
            "'staff', 'Packed with care', 3)) AS x (f, t, a, r, m) RETURNING 1) "
            "SELECT count(*) FROM h"),
        {QStringLiteral("DHL"), QStringLiteral("JJD0099"), id});
    QVERIFY2(written.toInt() == 3, qPrintable(m_server.errorString()));

    m_window->openOrder(id);
    OrderDetailPage *page = m_window->orderDetailPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->order() && page->order()->id == id
                                 && page->order()->status == Commerce::OrderStatus::Shipped,
                             kTimeout);
    QCOMPARE(labelText(page, QStringLiteral("orderState")), QStringLiteral("Status: Shipped"));
    QVERIFY(child<QLabel>(page, QStringLiteral("orderShipping"))->isVisible());
    QCOMPARE(labelText(page, QStringLiteral("orderShipping")),
             QStringLiteral("Shipped with DHL, tracking number JJD0099."));
    QVERIFY(!child<QLabel>(page, QStringLiteral("orderHold"))->isVisible());
    QVERIFY(!page->cancelButton()->isVisible()); // shipped: the customer cannot cancel
    QVERIFY(labelText(page, QStringLiteral("orderDates")).contains(u"last changed"));
    QTreeWidget *timeline = page->timeline();
    QCOMPARE(timeline->topLevelItemCount(), 4);
    const QStringList expected[] = {
        {QStringLiteral("Placed: Pending"), QStringLiteral("you"), QStringLiteral("Order placed")},
        {QStringLiteral("Pending → Paid"), QStringLiteral("the shop (automatically)"),
         QStringLiteral("Payment received")},
        {QStringLiteral("Paid → Processing"), QStringLiteral("the shop's staff"), QString()},
        {QStringLiteral("Processing → Shipped"), QStringLiteral("the shop's staff"),
         QStringLiteral("Packed with care")},
    };
    for (int row = 0; row < 4; ++row) {
        const QTreeWidgetItem *item = timeline->topLevelItem(row);
        QCOMPARE(QStringList({item->text(0), item->text(2), item->text(3)}), expected[row]);
    }
    // The list shows it shipped after a reload.
    m_window->showOrders();
    OrderListModel *model = m_window->ordersPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        model->rowOf(id) >= 0
            && model->data(model->index(model->rowOf(id), OrderListModel::StatusColumn))
                == QStringLiteral("Shipped"),
        kTimeout);
}

void TestStorefrontOrders::anotherCustomersOrderIsNotFound()
{
    OrderDetailPage *page = m_window->orderDetailPage();
    for (const QString &id : {m_bobOrderId, QUuid::createUuid().toString(QUuid::WithoutBraces)}) {
        m_window->openOrder(id);
        QCOMPARE(m_window->currentPage(), page);
        QTRY_COMPARE_WITH_TIMEOUT(page->statusPanel()->kind(), Widgets::StatusPanel::Kind::Error,
                                  kTimeout);
        QCOMPARE(page->statusPanel()->title(), QStringLiteral("Order not found"));
        QVERIFY(page->statusPanel()->isVisible());
        QVERIFY(!page->order());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Order"));
    }
    // Bob's order is untouched.
    const auto bobs = m_bob->call("GET", QStringLiteral("api/orders/") + m_bobOrderId);
    QVERIFY(bobs);
    QCOMPARE(bobs->value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
}

void TestStorefrontOrders::accountPageLeadsToOrdersAndGermanFollows()
{
    m_window->showAccount();
    QTest::mouseClick(child<QPushButton>(m_window.get(), QStringLiteral("accountMyOrders")),
                      Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), m_window->ordersPage());
    OrderListModel *model = m_window->ordersPage()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->state(), OrderListModel::State::Ready, kTimeout);
    const int cancelled = model->rowOf(m_orderIds.last());
    QVERIFY(cancelled >= 0);

    // Another language applies at once: headers, statuses, the page's texts.
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("de"));
    QCOMPARE(model->headerData(OrderListModel::NumberColumn, Qt::Horizontal).toString(),
             QStringLiteral("Bestellung"));
    QCOMPARE(model->data(model->index(cancelled, OrderListModel::StatusColumn)).toString(),
             QStringLiteral("Storniert"));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Meine Bestellungen"));
    QTRY_COMPARE(labelText(m_window->ordersPage(), QStringLiteral("ordersSummary")),
                 QStringLiteral("12 Bestellungen"));
    m_window->openOrder(m_orderIds.last());
    OrderDetailPage *page = m_window->orderDetailPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->order() && page->order()->id == m_orderIds.last(), kTimeout);
    QCOMPARE(labelText(page, QStringLiteral("orderState")), QStringLiteral("Status: Storniert"));
    QCOMPARE(page->timeline()->topLevelItem(1)->text(0), QStringLiteral("Offen → Storniert"));
    QCOMPARE(page->timeline()->topLevelItem(1)->text(2), QStringLiteral("Sie"));
    Tests::saveScreenshot(m_window.get(), QStringLiteral("storefront-order-detail-de"));
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QTRY_COMPARE(labelText(page, QStringLiteral("orderState")),
                 QStringLiteral("Status: Cancelled"));
}

void TestStorefrontOrders::signingOutForgetsTheOrders()
{
    m_window->showOrders();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->ordersPage()->model()->rowCount() > 0, kTimeout);
    child<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();
    QVERIFY(!m_context->session()->isSignedIn());
    QCOMPARE(m_window->ordersPage()->model()->rowCount(), 0);
    QVERIFY(!m_window->ordersPage()->isSignedInView());
    QVERIFY(!child<QAction>(m_window.get(), QStringLiteral("myOrdersAction"))->isVisible());
    // The order page forgets what it showed too.
    m_window->openOrder(m_orderIds.first());
    QVERIFY(!m_window->orderDetailPage()->order());
    QVERIFY(child<QPushButton>(m_window->orderDetailPage(), QStringLiteral("orderSignIn"))
                ->isVisible());
}

QTEST_MAIN(TestStorefrontOrders)
#include "tst_storefrontorders.moc"
