#include "callwaiter.h"
#include "client/orderlistmodel.h"
#include "client/ordersclient.h"
#include "support/externalserver.h"
#include "support/ordershopper.h"
#include "support/resultcheck.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Shop;
using namespace Shop::Client;
using Shop::Commerce::OrderStatus;
using Shop::Tests::CallWaiter;
using Shop::Tests::ExternalServer;
using Shop::Tests::OrderShopper;

// The customer's order calls (OrdersClient) and the "My orders" table model (OrderListModel)
// against the REAL shop-server on a fresh seeded database (ExternalServer): orders placed over
// HTTP come back newest first and page by page, one order with its items, totals, address and
// history, cancelling restores the stock, a second cancel is Conflict, another customer's order
// and an unknown id are NotFound, and an unreachable server is Unavailable.
class TestOrdersClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsNewestFirstInPages();
    void readsOneOrder();
    void cancelRestoresStockAndSecondCancelConflicts();
    void otherCustomersOrderIsNotFound();
    void modelLoadsPagesAsTheViewScrolls();
    void unreachableServerIsUnavailable();
    void errorTexts();

private:
    ExternalServer m_server;
    std::unique_ptr<OrderShopper> m_ada;
    std::unique_ptr<OrderShopper> m_bob;
    QString m_productA;
    QString m_productB;
    int m_stockA = -1; // before any order
    QStringList m_orderIds; // oldest first
};

void TestOrdersClient::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_ada = std::make_unique<OrderShopper>(m_server.baseUrl());
    m_bob = std::make_unique<OrderShopper>(m_server.baseUrl());
    QVERIFY2(m_ada->registerNew(QStringLiteral("ada")), qPrintable(m_ada->errorString()));
    QVERIFY2(m_bob->registerNew(QStringLiteral("bob")), qPrintable(m_bob->errorString()));
    const QJsonArray products = m_ada->productsInStock(20);
    QVERIFY2(products.size() >= 2, qPrintable(m_ada->errorString()));
    m_productA = products.at(0)[u"id"].toString();
    m_productB = products.at(1)[u"id"].toString();
    m_stockA = products.at(0)[u"stock_quantity"].toInt();
    // Five orders: the n-th has n units of A (and one of B for the first).
    for (int n = 1; n <= 5; ++n) {
        QList<std::pair<QString, int>> lines {{m_productA, n}};
        if (n == 1) {
            lines.append({m_productB, 1});
        }
        const auto order = m_ada->placeOrder(lines);
        QVERIFY2(order, qPrintable(m_ada->errorString()));
        m_orderIds << order->value(QStringLiteral("id")).toString();
    }
    // Bob's cart shows the current stock of A over HTTP.
    QVERIFY2(m_bob->addToCart(m_productA), qPrintable(m_bob->errorString()));
}

void TestOrdersClient::listsNewestFirstInPages()
{
    OrdersClient client(&m_ada->api());
    CallWaiter<Page<Commerce::OrderSummary>> first;
    client.orders(1, 2, nullptr, first.callback());
    QVERIFY(first.wait());
    SHOP_VERIFY_OK(*first.result);
    const Page<Commerce::OrderSummary> &page = **first.result;
    QCOMPARE(page.total, 5);
    QCOMPARE(page.limit, 2);
    QCOMPARE(page.items.size(), 2);
    QCOMPARE(page.items.at(0).id, m_orderIds.at(4));
    QCOMPARE(page.items.at(1).id, m_orderIds.at(3));
    QCOMPARE(page.items.at(0).itemCount, 5);
    QCOMPARE(page.items.at(0).status, OrderStatus::Pending);
    QVERIFY(page.items.at(0).number.startsWith(u"SO-"));
    QVERIFY(page.items.at(0).customerEmail.isEmpty());

    CallWaiter<Page<Commerce::OrderSummary>> last;
    client.orders(3, 2, nullptr, last.callback());
    QVERIFY(last.wait());
    SHOP_VERIFY_OK(*last.result);
    QCOMPARE((*last.result)->items.size(), 1);
    QCOMPARE((*last.result)->items.at(0).id, m_orderIds.at(0));
    QCOMPARE((*last.result)->items.at(0).itemCount, 2);
}

void TestOrdersClient::readsOneOrder()
{
    OrdersClient client(&m_ada->api());
    CallWaiter<Commerce::OrderView> waiter;
    client.order(m_orderIds.at(0), nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    const Commerce::OrderView &order = **waiter.result;
    QCOMPARE(order.id, m_orderIds.at(0));
    QCOMPARE(order.status, OrderStatus::Pending);
    QCOMPARE(order.lines.size(), 2);
    QCOMPARE(order.totals.itemCount, 2);
    qint64 subtotal = 0;
    for (const Commerce::OrderLineView &line : order.lines) {
        QCOMPARE(line.lineTotal.minorUnits(), line.unitPrice.minorUnits() * line.quantity);
        subtotal += line.lineTotal.minorUnits();
    }
    QCOMPARE(order.totals.subtotal.minorUnits(), subtotal);
    QCOMPARE(order.totals.total.minorUnits(),
             subtotal + order.totals.tax.minorUnits() + order.totals.shipping.minorUnits());
    QCOMPARE(order.shippingAddress.city, QStringLiteral("New York"));
    QCOMPARE(order.shippingAddress.country, QStringLiteral("US"));
    QCOMPARE(order.history.size(), 1);
    QVERIFY(!order.history.at(0).from);
    QCOMPARE(order.history.at(0).to, OrderStatus::Pending);
    QCOMPARE(order.history.at(0).actor, Commerce::Actor::Customer);
    QVERIFY(order.expiresAt.isValid());
    QVERIFY(order.expiresAt > order.createdAt);
}

void TestOrdersClient::cancelRestoresStockAndSecondCancelConflicts()
{
    OrdersClient client(&m_ada->api());
    const QString id = m_orderIds.at(2); // 3 units of A
    // The stock in the database itself, and over HTTP in Bob's cart (GET /api/cart reads the
    // products table; the catalog answers from a cache that is not told about every stock
    // change). The five orders took 1 + 2 + 3 + 4 + 5 units of A.
    const auto databaseStock = [this] {
        const QVariant stock = m_server.queryValue(
            QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?::uuid"), {m_productA});
        return stock.isValid() ? stock.toInt() : -1;
    };
    QCOMPARE(databaseStock(), m_stockA - 15);

    CallWaiter<Commerce::OrderView> cancelled;
    client.cancelOrder(id, QStringLiteral("changed my mind"), nullptr, cancelled.callback());
    QVERIFY(cancelled.wait());
    SHOP_VERIFY_OK(*cancelled.result);
    QCOMPARE((*cancelled.result)->status, OrderStatus::Cancelled);
    QCOMPARE((*cancelled.result)->history.size(), 2);
    const Commerce::OrderHistoryEntry &entry = (*cancelled.result)->history.last();
    QCOMPARE(entry.from, std::optional(OrderStatus::Pending));
    QCOMPARE(entry.to, OrderStatus::Cancelled);
    QCOMPARE(entry.actor, Commerce::Actor::Customer);
    QVERIFY2(entry.reason.contains(u"changed my mind"), qPrintable(entry.reason));
    QVERIFY(!(*cancelled.result)->expiresAt.isValid());
    QCOMPARE(databaseStock(), m_stockA - 12);
    QCOMPARE(m_bob->stockInCart(m_productA), m_stockA - 12);

    CallWaiter<Commerce::OrderView> again;
    client.cancelOrder(id, {}, nullptr, again.callback());
    QVERIFY(again.wait());
    QVERIFY(!again.result->has_value());
    QCOMPARE(again.result->error().code, ErrorCode::Conflict);
    QCOMPARE(databaseStock(), m_stockA - 12); // once
}

void TestOrdersClient::otherCustomersOrderIsNotFound()
{
    OrdersClient bob(&m_bob->api());
    for (const QString &id : {m_orderIds.at(1), QUuid::createUuid().toString(QUuid::WithoutBraces),
                              QStringLiteral("not-an-id")}) {
        CallWaiter<Commerce::OrderView> read;
        bob.order(id, nullptr, read.callback());
        QVERIFY(read.wait());
        QVERIFY(!read.result->has_value());
        QCOMPARE(read.result->error().code, ErrorCode::NotFound);
    }
    CallWaiter<Commerce::OrderView> cancel;
    bob.cancelOrder(m_orderIds.at(1), {}, nullptr, cancel.callback());
    QVERIFY(cancel.wait());
    QVERIFY(!cancel.result->has_value());
    QCOMPARE(cancel.result->error().code, ErrorCode::NotFound);
    CallWaiter<Page<Commerce::OrderSummary>> list;
    bob.orders(1, 20, nullptr, list.callback());
    QVERIFY(list.wait());
    SHOP_VERIFY_OK(*list.result);
    QCOMPARE((*list.result)->total, 0);
}

void TestOrdersClient::modelLoadsPagesAsTheViewScrolls()
{
    OrdersClient client(&m_ada->api());
    OrderListModel model(&client);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(2);
    QCOMPARE(model.totalCount(), -1);
    model.reload();
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), OrderListModel::State::Ready, 20000);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalCount(), 5);
    QCOMPARE(
        model.data(model.index(0, OrderListModel::NumberColumn), OrderListModel::IdRole).toString(),
        m_orderIds.at(4));
    QCOMPARE(model.headerData(OrderListModel::StatusColumn, Qt::Horizontal).toString(),
             QStringLiteral("Status"));
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), OrderListModel::State::Ready, 20000);
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), OrderListModel::State::Ready, 20000);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.orderAt(4)->id, m_orderIds.at(0));
    // The cancelled one shows its status; the column reads the translated name.
    const int cancelledRow = model.rowOf(m_orderIds.at(2));
    QCOMPARE(cancelledRow, 2);
    QCOMPARE(model.data(model.index(cancelledRow, OrderListModel::StatusColumn)).toString(),
             QStringLiteral("Cancelled"));
    QCOMPARE(model.data(model.index(0, OrderListModel::ItemsColumn)).toString(),
             QStringLiteral("5"));

    // updateOrder() changes the row in place.
    Commerce::OrderView view;
    view.id = m_orderIds.at(4);
    view.status = OrderStatus::Cancelled;
    view.totals.total = model.orderAt(0)->total;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateOrder(view);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.orderAt(0)->status, OrderStatus::Cancelled);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.state(), OrderListModel::State::Idle);
}

void TestOrdersClient::unreachableServerIsUnavailable()
{
    ApiClient api;
    QUrl nowhere;
    nowhere.setScheme(QStringLiteral("http"));
    nowhere.setHost(QStringLiteral("127.0.0.1"));
    nowhere.setPort(ExternalServer::freePort());
    api.setBaseUrl(nowhere);
    api.setRetryPolicy(RetryPolicy {1});
    OrdersClient client(&api);
    OrderListModel model(&client);
    model.reload();
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), OrderListModel::State::Failed, 20000);
    QCOMPARE(model.lastError().code, ErrorCode::Unavailable);
    QVERIFY(OrdersClient::describe(model.lastError(), nowhere)
                .message.contains(nowhere.toDisplayString()));
}

void TestOrdersClient::errorTexts()
{
    const QUrl server(QStringLiteral("http://shop.test"));
    QCOMPARE(OrdersClient::describe(Error::notFound(QStringLiteral("x")), server).title,
             QStringLiteral("Order not found"));
    QCOMPARE(OrdersClient::describe(Error::conflict(QStringLiteral("x")), server).title,
             QStringLiteral("The order cannot be cancelled now"));
    QCOMPARE(OrdersClient::statusText(OrderStatus::Shipped), QStringLiteral("Shipped"));
}

QTEST_GUILESS_MAIN(TestOrdersClient)
#include "tst_ordersclient.moc"
