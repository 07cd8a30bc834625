#include "callwaiter.h"
#include "client/adminorderlistmodel.h"
#include "client/adminordersclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "support/externalserver.h"
#include "support/ordershopper.h"
#include "support/resultcheck.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Shop;
using namespace Shop::Client;
using Commerce::OrderStatus;
using Tests::CallWaiter;

namespace {

const QString kAdmin = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
const QString kAda = QStringLiteral("ada@shop.example");
const QString kCustomerPassword = QStringLiteral("demo-customer-passphrase");

} // namespace

// The staff's order calls (AdminOrdersClient) and the Orders table's model (AdminOrderListModel)
// against the REAL shop-server on a fresh seeded database: orders placed over HTTP by a customer,
// listed with each filter and in keyset pages, one order in detail, status changes (allowed,
// not in the table: 409, the system's: 403), the audit entries of the order, and the model's
// paging and refresh that inserts new orders without resetting the rows.
class TestAdminOrdersClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void queryStrings();
    void listsAndFilters();
    void keysetPages();
    void detailHasTheCustomer();
    void statusChangesFollowTheStateMachine();
    void customersAreRefused();
    void modelPagesAndRefreshes();

private:
    [[nodiscard]] AdminOrderPage list(const AdminOrderFilter &filter);
    void setPaid(const QString &id);

    Tests::ExternalServer m_server;
    std::unique_ptr<Tests::OrderShopper> m_ada;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<AuthSession> m_session;
    std::unique_ptr<AdminOrdersClient> m_client;
    QString m_product;
    QList<QJsonObject> m_orders; // oldest first
};

void TestAdminOrdersClient::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_ada = std::make_unique<Tests::OrderShopper>(m_server.baseUrl());
    QVERIFY(m_ada->signIn(kAda, kCustomerPassword));
    m_product = m_ada->productWithStock(10);
    QVERIFY(!m_product.isEmpty());
    for (int i = 0; i < 3; ++i) {
        const QJsonObject order = m_ada->placeOrder({{m_product, 1}}).value_or(QJsonObject());
        QVERIFY2(!order.isEmpty(), qPrintable(m_ada->errorString()));
        m_orders.append(order);
    }
    m_api = std::make_unique<ApiClient>();
    m_api->setBaseUrl(m_server.baseUrl());
    m_session = std::make_unique<AuthSession>(m_api.get(), nullptr);
    CallWaiter<User> admin;
    m_session->signIn(kAdmin, kAdminPassword, false, nullptr, admin.callback());
    QVERIFY(admin.wait());
    SHOP_VERIFY_OK(*admin.result);
    m_client = std::make_unique<AdminOrdersClient>(m_api.get());
}

void TestAdminOrdersClient::cleanupTestCase()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
    }
}

AdminOrderPage TestAdminOrdersClient::list(const AdminOrderFilter &filter)
{
    CallWaiter<AdminOrderPage> waiter;
    m_client->orders(filter, nullptr, waiter.callback());
    if (!waiter.wait() || !*waiter.result) {
        qWarning() << "list failed" << (waiter.result ? waiter.result->error().message : QString());
        return {};
    }
    return **waiter.result;
}

void TestAdminOrdersClient::setPaid(const QString &id)
{
    // The payment (the payments issue) moves an order to paid; until then the database does.
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("UPDATE orders SET status = 'paid', expires_at = NULL "
                                            "WHERE id = ?::uuid RETURNING status"),
                             {id})
                 .toString(),
             QStringLiteral("paid"));
}

void TestAdminOrdersClient::queryStrings()
{
    AdminOrderFilter filter;
    QCOMPARE(filter.toQueryString(), QByteArray("limit=50"));
    filter.status = OrderStatus::Shipped;
    filter.from = QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone(3600));
    filter.to = QDateTime(QDate(2026, 3, 2), QTime(0, 0), Qt::UTC);
    filter.email = QStringLiteral(" ada+shop@example.com ");
    filter.number = QStringLiteral("SO-1");
    filter.after = QStringLiteral("a b");
    filter.limit = 500;
    const QByteArray query = filter.toQueryString();
    QVERIFY2(query.startsWith("status=shipped&from=2026-02-28T23%3A00%3A00"), query.constData());
    QVERIFY2(query.contains("&to=2026-03-02T00%3A00%3A00"), query.constData());
    QVERIFY2(query.contains("&email=ada%2Bshop%40example.com&number=SO-1&after=a%20b&limit=200"),
             query.constData());

    OrderStatusChange change;
    change.to = OrderStatus::Processing;
    change.carrier = QStringLiteral("DHL"); // only with shipped
    QCOMPARE(change.toJson(),
             QJsonObject({{QStringLiteral("status"), QStringLiteral("processing")}}));
    change.to = OrderStatus::Shipped;
    change.trackingNumber = QStringLiteral(" 123 ");
    change.reason = QStringLiteral("packed");
    QCOMPARE(change.toJson(),
             QJsonObject({{QStringLiteral("status"), QStringLiteral("shipped")},
                          {QStringLiteral("reason"), QStringLiteral("packed")},
                          {QStringLiteral("carrier"), QStringLiteral("DHL")},
                          {QStringLiteral("tracking_number"), QStringLiteral("123")}}));
}

void TestAdminOrdersClient::listsAndFilters()
{
    const AdminOrderPage all = list({});
    QVERIFY(all.items.size() >= 3);
    QVERIFY(all.nextCursor.isEmpty());
    // Newest first: the last placed order leads.
    QCOMPARE(all.items.first().id, m_orders.last()[u"id"].toString());
    QCOMPARE(all.items.first().customerEmail, kAda);
    QCOMPARE(all.items.first().itemCount, 1);
    QCOMPARE(all.items.first().status, OrderStatus::Pending);

    AdminOrderFilter byNumber;
    byNumber.number = m_orders.first()[u"order_number"].toString();
    const AdminOrderPage one = list(byNumber);
    QCOMPARE(one.items.size(), 1);
    QCOMPARE(one.items.first().id, m_orders.first()[u"id"].toString());

    AdminOrderFilter byEmail;
    byEmail.email = kAda.toUpper();
    QCOMPARE(list(byEmail).items.size(), all.items.size());
    byEmail.email = QStringLiteral("nobody@shop.example");
    QCOMPARE(list(byEmail).items.size(), 0);

    AdminOrderFilter byStatus;
    byStatus.status = OrderStatus::Delivered;
    QCOMPARE(list(byStatus).items.size(), 0);
    byStatus.status = OrderStatus::Pending;
    QVERIFY(list(byStatus).items.size() >= 3);

    AdminOrderFilter byDate;
    byDate.from = QDateTime::currentDateTimeUtc().addDays(1);
    QCOMPARE(list(byDate).items.size(), 0);
    byDate.from = QDateTime::currentDateTimeUtc().addDays(-1);
    byDate.to = QDateTime::currentDateTimeUtc().addDays(1);
    QCOMPARE(list(byDate).items.size(), all.items.size());
}

void TestAdminOrdersClient::keysetPages()
{
    AdminOrderFilter filter;
    filter.limit = 2;
    const AdminOrderPage first = list(filter);
    QCOMPARE(first.items.size(), 2);
    QVERIFY(!first.nextCursor.isEmpty());
    filter.after = first.nextCursor;
    const AdminOrderPage second = list(filter);
    QVERIFY(!second.items.isEmpty());
    for (const auto &order : second.items) {
        QVERIFY(order.id != first.items.at(0).id && order.id != first.items.at(1).id);
        QVERIFY(order.createdAt <= first.items.at(1).createdAt);
    }
}

void TestAdminOrdersClient::detailHasTheCustomer()
{
    CallWaiter<Commerce::OrderView> waiter;
    m_client->order(m_orders.first()[u"id"].toString(), nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    const Commerce::OrderView &order = **waiter.result;
    QCOMPARE(order.customerEmail, kAda);
    QCOMPARE(order.lines.size(), 1);
    QCOMPARE(order.lines.first().productId, m_product);
    QCOMPARE(order.shippingAddress.city, QStringLiteral("New York"));
    QCOMPARE(order.history.size(), 1);

    CallWaiter<Commerce::OrderView> unknown;
    m_client->order(QStringLiteral("00000000-0000-4000-8000-000000000000"), nullptr,
                    unknown.callback());
    QVERIFY(unknown.wait());
    QVERIFY(!*unknown.result);
    QCOMPARE(unknown.result->error().code, ErrorCode::NotFound);
}

void TestAdminOrdersClient::statusChangesFollowTheStateMachine()
{
    const QString id = m_orders.at(1)[u"id"].toString();
    const auto change = [&](OrderStatus to, const QString &carrier = {},
                            const QString &tracking = {}) {
        OrderStatusChange c;
        c.to = to;
        c.carrier = carrier;
        c.trackingNumber = tracking;
        c.reason = QStringLiteral("client test");
        CallWaiter<Commerce::OrderView> waiter;
        m_client->setStatus(id, c, nullptr, waiter.callback());
        [&] {
            QVERIFY(waiter.wait());
        }();
        return waiter.result.value_or(Result<Commerce::OrderView>(fail(Error::internal({}))));
    };
    // pending -> processing is not in the table: 409; pending -> paid is the payment's: 403.
    auto refused = change(OrderStatus::Processing);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    refused = change(OrderStatus::Paid);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Forbidden);

    setPaid(id);
    auto processing = change(OrderStatus::Processing);
    SHOP_VERIFY_OK(processing);
    QCOMPARE(processing->status, OrderStatus::Processing);
    auto shipped = change(OrderStatus::Shipped, QStringLiteral("DHL"), QStringLiteral("JD0001"));
    SHOP_VERIFY_OK(shipped);
    QCOMPARE(shipped->status, OrderStatus::Shipped);
    QCOMPARE(shipped->carrier, QStringLiteral("DHL"));
    QCOMPARE(shipped->trackingNumber, QStringLiteral("JD0001"));
    QCOMPARE(shipped->history.size(),
             3); // placed, processing, shipped (paid came from the database)
    QCOMPARE(shipped->history.last().reason, QStringLiteral("client test"));
    // Shipped cannot be cancelled.
    refused = change(OrderStatus::Cancelled);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);

    // The audit log names the order as target, newest first, with before and after.
    CallWaiter<Page<AuditEntry>> audit;
    m_client->audit(id, nullptr, audit.callback());
    QVERIFY(audit.wait());
    SHOP_VERIFY_OK(*audit.result);
    const QList<AuditEntry> &entries = (*audit.result)->items;
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.first().action, QStringLiteral("order.status"));
    QCOMPARE(entries.first().targetId, id);
    QCOMPARE(entries.first().actorEmail, kAdmin);
    QCOMPARE(entries.first().before.value(u"status").toString(), QStringLiteral("processing"));
    QCOMPARE(entries.first().after.value(u"status").toString(), QStringLiteral("shipped"));
}

void TestAdminOrdersClient::customersAreRefused()
{
    AdminOrdersClient asAda(&m_ada->api());
    CallWaiter<AdminOrderPage> waiter;
    asAda.orders({}, nullptr, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Forbidden);
}

void TestAdminOrdersClient::modelPagesAndRefreshes()
{
    AdminOrderListModel model(m_client.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(2);
    AdminOrderFilter filter;
    filter.email = kAda;
    model.setFilter(filter);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), AdminOrderListModel::State::Ready, 20000);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), AdminOrderListModel::State::Ready, 20000);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.data(model.index(0, AdminOrderListModel::NumberColumn)).toString(),
             m_orders.last()[u"order_number"].toString());
    QCOMPARE(model.data(model.index(0, AdminOrderListModel::CustomerColumn)).toString(), kAda);
    QCOMPARE(model.data(model.index(1, AdminOrderListModel::StatusColumn)).toString(),
             QStringLiteral("Shipped"));

    // A new order and a status change elsewhere: refresh inserts the one and updates the other,
    // and never resets the rows (a view keeps its selection).
    const QJsonObject fresh = m_ada->placeOrder({{m_product, 1}}).value_or(QJsonObject());
    QVERIFY(!fresh.isEmpty());
    const QString cancelled = m_orders.first()[u"id"].toString();
    QVERIFY(m_server
                .queryValue(QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE id = "
                                           "?::uuid RETURNING id"),
                            {cancelled})
                .isValid());
    QPersistentModelIndex kept = model.index(model.rowOf(cancelled), 0);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(), AdminOrderListModel::State::Ready, 20000);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.orderAt(0)->id, fresh[u"id"].toString());
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(AdminOrderListModel::IdRole).toString(), cancelled);
    QCOMPARE(kept.data(AdminOrderListModel::StatusRole).toInt(), int(OrderStatus::Cancelled));
    QCOMPARE(kept.row(), 3);

    // Another filter starts over.
    filter.status = OrderStatus::Cancelled;
    model.setFilter(filter);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 20000);
    QCOMPARE(model.orderAt(0)->id, cancelled);
}

QTEST_GUILESS_MAIN(TestAdminOrdersClient)
#include "tst_adminordersclient.moc"
