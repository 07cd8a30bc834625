// GET /api/admin/dashboard against the whole server and a known set of orders, and the summary
// tables behind it (migration 0012):
// - sales today, in 7 and 30 days (paid-or-later orders by their creation day in UTC: pending and
//   cancelled never count, an order paid and then cancelled stops counting), averages, the 30
//   zero-filled days, orders by status, top products (units, then revenue; the last 30 days
//   only), low stock (active products at or below the threshold);
// - the triggers on status changes and cancellations keep every summary equal to a recount from
//   the orders, a rolled-back change leaves no trace, and merging the rows changes no sum;
// - a new order placed through the API shows at once (pending), and in the sales once paid;
// - the top products' 30-day window (0013): sales, payments and cancellations move it, the
//   day-rollover (rollDashboardWindow with an explicit day) removes exactly the day that left it,
//   the reader stays exact before the rollover, and concurrent payments, cancellations, merges
//   and a rollover lose no update.

#include "../orders/orderfixture.h"
#include "events/dashboard.h"
#include "resultcheck.h"

#include <QDate>
#include <QLoggingCategory>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Tests;

namespace {
struct Item
{
    QString product;
    int quantity;
    qint64 price;
};
} // namespace

class TestDashboard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refusesAnonymousAndCustomers();
    void figuresForKnownOrders();
    void triggersFollowStatusChangesAndCancellations();
    void newOrderShowsAtOnce();
    void topProductsFollowSalesAndCancellations();
    void dayRolloverRemovesTheExpiredDay();
    void concurrentSalesKeepTheWindowExact();

private:
    QString order(int daysAgo, const QList<Item> &items, const QString &status)
    {
        qint64 total = 0;
        for (const Item &item : items) {
            total += item.quantity * item.price;
        }
        const QString id = m_fixture.scalarText(
            QStringLiteral("INSERT INTO orders (user_id, order_number, subtotal, total, currency, "
                           "created_at) VALUES (?::uuid, ?, ?, ?, 'USD', now() - "
                           "make_interval(days => ?)) RETURNING id"),
            {m_customer.id, QStringLiteral("D-%1").arg(++m_counter), total, total, daysAgo});
        for (const Item &item : items) {
            m_fixture.exec(QStringLiteral("INSERT INTO order_items (order_id, product_id, "
                                          "product_name, sku, quantity, price) SELECT ?::uuid, "
                                          "id, name, sku, ?, ? FROM products WHERE id = ?::uuid"),
                           {id, item.quantity, item.price, item.product});
        }
        if (status != u"pending") {
            setStatus(id, status);
        }
        return id;
    }
    void setStatus(const QString &id, const QString &status)
    {
        QVERIFY(m_fixture.exec(QStringLiteral("UPDATE orders SET status = ? WHERE id = ?::uuid"),
                               {status, id}));
    }
    QJsonObject dashboard()
    {
        const HttpReply reply = m_fixture.call("GET", "/api/admin/dashboard", m_admin);
        if (reply.status != 200) {
            qWarning() << reply.status << reply.body;
        }
        return reply.json();
    }
    // Every summary equals a recount from the orders.
    void verifySummariesMatchOrders()
    {
        QCOMPARE(m_fixture.scalar(QStringLiteral(
                     "SELECT count(*) FROM (SELECT status, sum(orders) AS n FROM "
                     "dashboard_status_counts GROUP BY status HAVING sum(orders) <> 0) s "
                     "FULL JOIN (SELECT status, count(*) AS n FROM orders GROUP BY status) o "
                     "USING (status) WHERE s.n IS DISTINCT FROM o.n")),
                 0);
        QCOMPARE(m_fixture.scalar(QStringLiteral(
                     "SELECT count(*) FROM (SELECT day, sum(orders) AS n, sum(revenue) AS r "
                     "FROM dashboard_daily_sales GROUP BY day HAVING sum(orders) <> 0) s "
                     "FULL JOIN (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) "
                     "AS n, sum(total) AS r FROM orders WHERE shop_is_sale(status) GROUP BY 1) o "
                     "USING (day) WHERE s.n IS DISTINCT FROM o.n OR s.r IS DISTINCT FROM o.r")),
                 0);
        QCOMPARE(m_fixture.scalar(QStringLiteral(
                     "SELECT count(*) FROM (SELECT day, product_id, sum(units) AS u, "
                     "sum(revenue) AS r FROM dashboard_product_daily GROUP BY 1, 2 "
                     "HAVING sum(units) <> 0) s FULL JOIN (SELECT (o.created_at AT TIME ZONE "
                     "'UTC')::date AS day, i.product_id, sum(i.quantity) AS u, "
                     "sum(i.quantity * i.price) AS r FROM orders o JOIN order_items i ON "
                     "i.order_id = o.id WHERE shop_is_sale(o.status) GROUP BY 1, 2) o "
                     "USING (day, product_id) WHERE s.u IS DISTINCT FROM o.u "
                     "OR s.r IS DISTINCT FROM o.r")),
                 0);
        verifyWindowMatchesDays();
    }
    // The top products' window (0013): merged + pending rows equal the product-day rows from
    // the window's first day on, and its top ten equal those of the product-day rows.
    void verifyWindowMatchesDays()
    {
        QCOMPARE(m_fixture.scalar(QStringLiteral(
                     "SELECT count(*) FROM (SELECT product_id, sum(units) AS u, sum(revenue) AS r "
                     "FROM (SELECT product_id, units, revenue FROM dashboard_top_products "
                     "UNION ALL SELECT product_id, units, revenue FROM "
                     "dashboard_top_products_pending) x GROUP BY 1 "
                     "HAVING sum(units) <> 0 OR sum(revenue) <> 0) w "
                     "FULL JOIN (SELECT product_id, sum(units) AS u, sum(revenue) AS r "
                     "FROM dashboard_product_daily WHERE day >= (SELECT window_start FROM "
                     "dashboard_top_window) GROUP BY 1 "
                     "HAVING sum(units) <> 0 OR sum(revenue) <> 0) d "
                     "USING (product_id) WHERE w.u IS DISTINCT FROM d.u "
                     "OR w.r IS DISTINCT FROM d.r")),
                 0);
        QCOMPARE(m_fixture.scalarText(QStringLiteral(
                     "SELECT string_agg(concat_ws(':', product_id, units, revenue), ',') FROM "
                     "shop_dashboard_top_products(10)")),
                 m_fixture.scalarText(QStringLiteral(
                     "SELECT string_agg(concat_ws(':', product_id, u, r), ',') FROM ("
                     "SELECT product_id, sum(units) AS u, sum(revenue) AS r "
                     "FROM dashboard_product_daily WHERE day >= (SELECT window_start FROM "
                     "dashboard_top_window) GROUP BY 1 HAVING sum(units) > 0 "
                     "ORDER BY 2 DESC, 3 DESC, 1 LIMIT 10) t")));
    }
    // The dashboard as the route computes it, for another day than today (no generated_at).
    QJsonObject dashboardOn(QDate today)
    {
        auto db = Db::threadConnection();
        if (!db) {
            qWarning() << db.error().message;
            return {};
        }
        auto d = Events::readDashboard(*db, QStringLiteral("USD"), 5, today);
        if (!d) {
            qWarning() << d.error().message;
            return {};
        }
        d->remove(QStringLiteral("generated_at"));
        return *d;
    }
    QDate windowStart()
    {
        return QDate::fromString(
            m_fixture.scalarText(QStringLiteral("SELECT window_start::text FROM "
                                                "dashboard_top_window")),
            Qt::ISODate);
    }

    OrderFixture m_fixture;
    Customer m_admin;
    Customer m_customer;
    int m_counter = 0;
    QString m_p1, m_p2, m_p3, m_p5;
    QString m_o2, m_o3, m_o4;
};

void TestDashboard::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shop.http.access.info=false"));
    const QString error = m_fixture.start(2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_admin = m_fixture.customer(QStringLiteral("admin"));
    m_customer = m_fixture.customer();
}

void TestDashboard::cleanupTestCase()
{
    m_fixture.stop();
}

void TestDashboard::refusesAnonymousAndCustomers()
{
    QCOMPARE(m_fixture.server().get("/api/admin/dashboard").status, 401);
    QCOMPARE(m_fixture.call("GET", "/api/admin/dashboard", m_customer).status, 403);
}

void TestDashboard::figuresForKnownOrders()
{
    // An empty store: zeros, 30 zero days.
    QJsonObject empty = dashboard();
    QCOMPARE(empty[u"daily"].toArray().size(), 30);
    QCOMPARE(empty[u"sales"][u"last_30_days"][u"orders"].toInt(), 0);
    QCOMPARE(empty[u"sales"][u"today"][u"average_order"][u"amount"].toInt(), 0);
    QCOMPARE(empty[u"orders_by_status"][u"pending"].toInt(), 0);

    m_p1 = m_fixture.product(500, 100, QStringLiteral("Kettle"));
    m_p2 = m_fixture.product(700, 3, QStringLiteral("Teapot"));
    m_p3 = m_fixture.product(1000, 50, QStringLiteral("Mug"));
    m_p5 = m_fixture.product(100, 5, QStringLiteral("Spoon"));
    const QString p4 = m_fixture.product(100, 1, QStringLiteral("Retired"));
    QVERIFY(m_fixture.exec(QStringLiteral("UPDATE products SET is_active = false WHERE id = "
                                          "?::uuid"),
                           {p4}));

    order(0, {{m_p1, 2, 500}}, QStringLiteral("paid")); // O1
    m_o2 = order(0, {{m_p2, 1, 700}}, QStringLiteral("pending"));
    m_o3 = order(3, {{m_p3, 3, 1000}}, QStringLiteral("shipped"));
    m_o4 = order(10, {{m_p1, 4, 500}}, QStringLiteral("delivered"));
    const QString o5 = order(10, {{m_p3, 5, 1000}}, QStringLiteral("paid"));
    setStatus(o5, QStringLiteral("cancelled")); // paid, then cancelled: no longer a sale
    order(40, {{m_p2, 9, 1000}}, QStringLiteral("paid")); // O6: before the 30 days
    order(0, {{m_p3, 1, 1500}}, QStringLiteral("processing")); // O7

    const QJsonObject d = dashboard();
    QCOMPARE(d[u"currency"].toString(), QStringLiteral("USD"));
    QVERIFY(d[u"generated_at"].toString().endsWith(u'Z'));
    const QJsonObject sales = d[u"sales"].toObject();
    QCOMPARE(sales[u"today"][u"orders"].toInt(), 2);
    QCOMPARE(sales[u"today"][u"revenue"][u"amount"].toInteger(), 2500);
    QCOMPARE(sales[u"today"][u"revenue"][u"currency"].toString(), QStringLiteral("USD"));
    QCOMPARE(sales[u"today"][u"average_order"][u"amount"].toInteger(), 1250);
    QCOMPARE(sales[u"last_7_days"][u"orders"].toInt(), 3);
    QCOMPARE(sales[u"last_7_days"][u"revenue"][u"amount"].toInteger(), 5500);
    QCOMPARE(sales[u"last_7_days"][u"average_order"][u"amount"].toInteger(), 1833);
    QCOMPARE(sales[u"last_30_days"][u"orders"].toInt(), 4);
    QCOMPARE(sales[u"last_30_days"][u"revenue"][u"amount"].toInteger(), 7500);
    QCOMPARE(sales[u"last_30_days"][u"average_order"][u"amount"].toInteger(), 1875);

    const QJsonArray daily = d[u"daily"].toArray();
    QCOMPARE(daily.size(), 30);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    for (int i = 0; i < 30; ++i) {
        const QJsonObject day = daily[i].toObject();
        QCOMPARE(day[u"date"].toString(), today.addDays(i - 29).toString(Qt::ISODate));
        const int daysAgo = 29 - i;
        const int orders = daysAgo == 0 ? 2 : (daysAgo == 3 || daysAgo == 10) ? 1 : 0;
        const qint64 revenue = daysAgo == 0 ? 2500 : daysAgo == 3 ? 3000 : daysAgo == 10 ? 2000 : 0;
        QCOMPARE(day[u"orders"].toInt(), orders);
        QCOMPARE(day[u"revenue"].toInteger(), revenue);
    }

    const QJsonObject byStatus = d[u"orders_by_status"].toObject();
    QCOMPARE(byStatus[u"pending"].toInt(), 1);
    QCOMPARE(byStatus[u"paid"].toInt(), 2);
    QCOMPARE(byStatus[u"processing"].toInt(), 1);
    QCOMPARE(byStatus[u"shipped"].toInt(), 1);
    QCOMPARE(byStatus[u"delivered"].toInt(), 1);
    QCOMPARE(byStatus[u"cancelled"].toInt(), 1);

    const QJsonArray top = d[u"top_products"].toArray();
    QCOMPARE(top.size(), 2);
    QCOMPARE(top[0][u"product_id"].toString(), m_p1);
    QCOMPARE(top[0][u"name"].toString(), QStringLiteral("Kettle"));
    QCOMPARE(top[0][u"units"].toInt(), 6);
    QCOMPARE(top[0][u"revenue"].toInteger(), 3000);
    QCOMPARE(top[1][u"product_id"].toString(), m_p3);
    QCOMPARE(top[1][u"units"].toInt(), 4);
    QCOMPARE(top[1][u"revenue"].toInteger(), 4500);
    QVERIFY(!top[1][u"sku"].toString().isEmpty());

    const QJsonArray low = d[u"low_stock"].toArray();
    QCOMPARE(low.size(), 2); // the inactive product is not listed
    QCOMPARE(low[0][u"product_id"].toString(), m_p2);
    QCOMPARE(low[0][u"stock_quantity"].toInt(), 3);
    QCOMPARE(low[1][u"product_id"].toString(), m_p5);
    QCOMPARE(low[1][u"stock_quantity"].toInt(), 5);
    verifySummariesMatchOrders();
}

void TestDashboard::triggersFollowStatusChangesAndCancellations()
{
    QVERIFY(!m_o3.isEmpty());
    const qint64 before = dashboard()[u"sales"][u"last_7_days"][u"revenue"][u"amount"].toInteger();
    setStatus(m_o3, QStringLiteral("cancelled")); // shipped -> cancelled: 3000 less
    setStatus(m_o2, QStringLiteral("paid")); // pending -> paid: 700 more today
    setStatus(m_o4, QStringLiteral("cancelled")); // delivered -> cancelled
    verifySummariesMatchOrders();
    QJsonObject d = dashboard();
    QCOMPARE(d[u"sales"][u"last_7_days"][u"revenue"][u"amount"].toInteger(), before - 3000 + 700);
    QCOMPARE(d[u"sales"][u"today"][u"orders"].toInt(), 3);
    QCOMPARE(d[u"orders_by_status"][u"cancelled"].toInt(), 3);
    QCOMPARE(d[u"orders_by_status"][u"pending"].toInt(), 0);
    const QJsonArray top = d[u"top_products"].toArray();
    QCOMPARE(top[0][u"product_id"].toString(), m_p1); // 2 units left (O1)
    QCOMPARE(top[0][u"units"].toInt(), 2);

    // A change rolled back leaves the summaries as they were.
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    SHOP_VERIFY_OK(Db::exec(*db, QStringLiteral("BEGIN")));
    SHOP_VERIFY_OK(Db::exec(*db, QStringLiteral("UPDATE orders SET status = 'delivered'")));
    SHOP_VERIFY_OK(Db::exec(*db, QStringLiteral("ROLLBACK")));
    verifySummariesMatchOrders();
    d.remove(QStringLiteral("generated_at"));
    QJsonObject again = dashboard();
    again.remove(QStringLiteral("generated_at"));
    QCOMPARE(again, d);

    // Merging the rows: one per key, the same sums. The product-day rows the triggers wrote are
    // unmerged (0016: the merge visits their keys only) and repeat keys.
    QVERIFY(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM dashboard_status_counts")) > 6);
    const QString repeatedKeys = QStringLiteral(
        "SELECT count(*) - count(DISTINCT (day, product_id)) FROM dashboard_product_daily");
    const QString unmerged =
        QStringLiteral("SELECT count(*) FROM dashboard_product_daily WHERE NOT merged");
    QVERIFY(m_fixture.scalar(repeatedKeys) > 0);
    QVERIFY(m_fixture.scalar(unmerged) > 0);
    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_dashboard_merge()")));
    QCOMPARE(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM dashboard_status_counts")),
             m_fixture.scalar(QStringLiteral("SELECT count(DISTINCT status) FROM orders")));
    QCOMPARE(m_fixture.scalar(repeatedKeys), qint64(0));
    QCOMPARE(m_fixture.scalar(unmerged), qint64(0));
    verifySummariesMatchOrders();
    QJsonObject merged = dashboard();
    merged.remove(QStringLiteral("generated_at"));
    QCOMPARE(merged, d);
}

void TestDashboard::newOrderShowsAtOnce()
{
    const QJsonObject before = dashboard();
    const QString product = m_fixture.product(2000, 10, QStringLiteral("Pot"));
    m_fixture.addToCart(m_customer, product, 2);
    const HttpReply placed = m_fixture.placeOrder(m_customer, "dashboard-order-1");
    QCOMPARE(placed.status, 201);
    const QString orderId = placed.json()[u"id"].toString();
    const qint64 total = placed.json()[u"total"].toInteger();
    QVERIFY(total >= 4000);
    QJsonObject after = dashboard();
    QCOMPARE(after[u"orders_by_status"][u"pending"].toInt(),
             before[u"orders_by_status"][u"pending"].toInt() + 1);
    QCOMPARE(after[u"sales"][u"today"][u"orders"].toInt(),
             before[u"sales"][u"today"][u"orders"].toInt());

    // Paid as the payments module marks it (staff may not move pending to paid).
    QVERIFY(m_fixture.exec(QStringLiteral("UPDATE orders SET status = 'paid' WHERE id = ?::uuid"),
                           {orderId}));
    after = dashboard();
    QCOMPARE(after[u"sales"][u"today"][u"orders"].toInt(),
             before[u"sales"][u"today"][u"orders"].toInt() + 1);
    QCOMPARE(after[u"sales"][u"today"][u"revenue"][u"amount"].toInteger(),
             before[u"sales"][u"today"][u"revenue"][u"amount"].toInteger() + total);
    QCOMPARE(after[u"top_products"][0][u"product_id"].toString(), product);
    QCOMPARE(after[u"top_products"][0][u"units"].toInt(), 2);
    verifySummariesMatchOrders();
}

void TestDashboard::topProductsFollowSalesAndCancellations()
{
    // Quantities above every earlier test's, so these three lead the list.
    const QString a = m_fixture.product(100, 1000, QStringLiteral("Alpha"));
    const QString b = m_fixture.product(100, 1000, QStringLiteral("Bravo"));
    const QString c = m_fixture.product(100, 1000, QStringLiteral("Charlie"));
    const QString oa = order(0, {{a, 100, 100}}, QStringLiteral("paid"));
    order(5, {{b, 80, 100}}, QStringLiteral("delivered"));
    const QString oc = order(29, {{c, 90, 100}, {b, 1, 100}}, QStringLiteral("pending"));
    order(31, {{c, 500, 100}}, QStringLiteral("paid")); // before the window
    auto top = [this] {
        QStringList list;
        for (const QJsonValue &row : dashboard()[u"top_products"].toArray()) {
            list << QStringLiteral("%1:%2:%3")
                        .arg(row[u"name"].toString())
                        .arg(row[u"units"].toInteger())
                        .arg(row[u"revenue"].toInteger());
        }
        return list.mid(0, 3);
    };
    QCOMPARE(windowStart(), QDateTime::currentDateTimeUtc().date().addDays(-29));
    // Pot (the previous test's order): 2 units, more revenue than Kettle's 2.
    QCOMPARE(top(), QStringLiteral("Alpha:100:10000,Bravo:80:8000,Pot:2:4000").split(u','));
    setStatus(oc, QStringLiteral("paid")); // on the window's first day
    QCOMPARE(top(), QStringLiteral("Alpha:100:10000,Charlie:90:9000,Bravo:81:8100").split(u','));
    setStatus(oa, QStringLiteral("cancelled"));
    QCOMPARE(top(), QStringLiteral("Charlie:90:9000,Bravo:81:8100,Pot:2:4000").split(u','));
    verifySummariesMatchOrders();
    QVERIFY(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM "
                                            "dashboard_top_products_pending"))
            > 0);

    // Merged: one row per product, none pending, the same list.
    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_dashboard_merge()")));
    QCOMPARE(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM "
                                             "dashboard_top_products_pending")),
             0);
    QCOMPARE(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM dashboard_top_products WHERE "
                                             "product_id = ?::uuid"),
                              {a}),
             0); // at zero: removed
    QCOMPARE(top(), QStringLiteral("Charlie:90:9000,Bravo:81:8100,Pot:2:4000").split(u','));
    verifySummariesMatchOrders();
    // Cancelled after the merge: a pending row against a merged one.
    setStatus(oc, QStringLiteral("cancelled"));
    QCOMPARE(top(), QStringLiteral("Bravo:80:8000,Pot:2:4000,Kettle:2:1000").split(u','));
    verifySummariesMatchOrders();
}

void TestDashboard::dayRolloverRemovesTheExpiredDay()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate tomorrow = today.addDays(1);
    const QString d = m_fixture.product(100, 1000, QStringLiteral("Delta"));
    const QString e = m_fixture.product(100, 1000, QStringLiteral("Echo"));
    const QString od = order(29, {{d, 200, 100}, {e, 1, 100}}, QStringLiteral("paid"));
    order(28, {{e, 150, 100}}, QStringLiteral("paid"));
    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_dashboard_merge()")));
    order(29, {{d, 7, 100}}, QStringLiteral("paid")); // pending rows of the expiring day too
    verifySummariesMatchOrders();

    const QJsonObject now = dashboardOn(today);
    QCOMPARE(now[u"top_products"][0][u"product_id"].toString(), d);
    QCOMPARE(now[u"top_products"][0][u"units"].toInt(), 207);
    QCOMPARE(now[u"top_products"][1][u"product_id"].toString(), e);
    QCOMPARE(now[u"top_products"][1][u"units"].toInt(), 151);

    // Tomorrow, before the rollover: the window is a day behind; the reader sums the days.
    const QJsonObject before = dashboardOn(tomorrow);
    QCOMPARE(before[u"top_products"][0][u"product_id"].toString(), e);
    QCOMPARE(before[u"top_products"][0][u"units"].toInt(), 150);
    for (const QJsonValue &row : before[u"top_products"].toArray()) {
        QVERIFY(row[u"product_id"].toString() != d);
    }

    // The rollover subtracts today - 29, exactly: the same figures from the window.
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    auto rolled = Events::rollDashboardWindow(*db, tomorrow);
    SHOP_VERIFY_OK(rolled);
    QVERIFY(*rolled >= 2); // Delta, Echo (and whatever earlier tests sold 29 days ago)
    QCOMPARE(windowStart(), today.addDays(-28));
    verifyWindowMatchesDays();
    QCOMPARE(dashboardOn(tomorrow), before);
    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_dashboard_merge()")));
    QCOMPARE(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM dashboard_top_products WHERE "
                                             "product_id = ?::uuid"),
                              {d}),
             0);
    QCOMPARE(dashboardOn(tomorrow), before);

    // Again, or for an earlier day: nothing (the window never moves back).
    rolled = Events::rollDashboardWindow(*db, tomorrow);
    SHOP_VERIFY_OK(rolled);
    QCOMPARE(*rolled, 0);
    rolled = Events::rollDashboardWindow(*db, today);
    SHOP_VERIFY_OK(rolled);
    QCOMPARE(*rolled, 0);
    QCOMPARE(windowStart(), today.addDays(-28));

    // A sale of a day outside the window changes the days, not the window.
    const qint64 pending =
        m_fixture.scalar(QStringLiteral("SELECT count(*) FROM dashboard_top_products_pending"));
    setStatus(od, QStringLiteral("cancelled"));
    QCOMPARE(m_fixture.scalar(QStringLiteral("SELECT count(*) FROM "
                                             "dashboard_top_products_pending")),
             pending);
    verifySummariesMatchOrders();

    // Today's dashboard while the window is ahead of it (a clock behind): still exact.
    const QJsonObject today2 = dashboardOn(today);
    QCOMPARE(today2[u"top_products"][0][u"product_id"].toString(), e);
    QCOMPARE(today2[u"top_products"][0][u"units"].toInt(), 150); // its unit of od cancelled
    QCOMPARE(today2[u"top_products"][2][u"product_id"].toString(), d); // after Bravo's 80
    QCOMPARE(today2[u"top_products"][2][u"units"].toInt(), 7);

    // Back to today's window for the next tests.
    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_dashboard_rebuild_window()")));
    QCOMPARE(windowStart(), today.addDays(-29));
    verifySummariesMatchOrders();
    QCOMPARE(dashboardOn(today), today2);
}

// Eight connections pay and cancel orders of the same two products at once, while another
// merges the summaries and rolls the window over to tomorrow in the middle of it: no increment is
// lost, and the window equals the product-day rows from its new first day.
void TestDashboard::concurrentSalesKeepTheWindowExact()
{
    constexpr int Writers = 8;
    constexpr int PerWriter = 25;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString h1 = m_fixture.product(300, 100000, QStringLiteral("Hot 1"));
    const QString h2 = m_fixture.product(500, 100000, QStringLiteral("Hot 2"));
    QList<QStringList> orders(Writers);
    for (int w = 0; w < Writers; ++w) {
        for (int i = 0; i < PerWriter; ++i) {
            // Half on the day the rollover removes, half today.
            orders[w] << order(i % 2 == 0 ? 29 : 0, {{h1, 1, 300}, {h2, 2, 500}},
                               QStringLiteral("pending"));
        }
    }
    QStringList errors(Writers + 1);
    std::atomic<int> done {0};
    QList<QThread *> threads;
    for (int w = 0; w < Writers; ++w) {
        threads << QThread::create([w, &orders, &errors, &done] {
            auto db = Db::threadConnection();
            if (!db) {
                errors[w] = db.error().message;
                done.fetch_add(1);
                return;
            }
            for (int i = 0; i < orders[w].size() && errors[w].isEmpty(); ++i) {
                // Paid; every third one cancelled afterwards in the same transaction or later.
                QStringList statements {QStringLiteral("BEGIN"),
                                        QStringLiteral("UPDATE orders SET status = 'paid' WHERE "
                                                       "id = ?::uuid")};
                if (i % 3 == 0) {
                    statements << QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE "
                                                 "id = ?::uuid");
                }
                statements << QStringLiteral("COMMIT");
                if (i % 3 == 1) {
                    statements << QStringLiteral("UPDATE orders SET status = 'cancelled' WHERE "
                                                 "id = ?::uuid");
                }
                for (const QString &sql : statements) {
                    const QVariantList values =
                        sql.contains(u'?') ? QVariantList {orders[w][i]} : QVariantList {};
                    if (auto q = Db::exec(*db, sql, values); !q) {
                        errors[w] = q.error().message;
                        break;
                    }
                }
            }
            done.fetch_add(1);
        });
    }
    threads << QThread::create([&errors, &done, today] {
        auto db = Db::threadConnection();
        if (!db) {
            errors[Writers] = db.error().message;
            return;
        }
        bool rolled = false;
        for (int round = 0; done.load() < Writers; ++round) {
            if (auto merged = Db::exec(*db, QStringLiteral("SELECT shop_dashboard_merge()"));
                !merged) {
                errors[Writers] = merged.error().message;
                return;
            }
            if (!rolled && round == 3) {
                auto r = Events::rollDashboardWindow(*db, today.addDays(1));
                if (!r) {
                    errors[Writers] = r.error().message;
                    return;
                }
                rolled = true;
            }
            QThread::msleep(20);
        }
        if (!rolled) {
            // The writers were faster than three merges: roll now (still exact, less racy).
            if (auto r = Events::rollDashboardWindow(*db, today.addDays(1)); !r) {
                errors[Writers] = r.error().message;
            }
        }
    });
    for (QThread *thread : threads) {
        thread->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(240000));
        delete thread;
    }
    for (const QString &error : std::as_const(errors)) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QCOMPARE(windowStart(), today.addDays(-28));
    verifySummariesMatchOrders();

    // In the window: today's orders still paid (i odd and i % 3 == 2).
    int expected = 0;
    for (int i = 0; i < PerWriter; ++i) {
        expected += (i % 2 == 1 && i % 3 == 2) ? Writers : 0;
    }
    const QString windowUnits = QStringLiteral(
        "SELECT coalesce(sum(units), 0) FROM (SELECT units FROM dashboard_top_products WHERE "
        "product_id = ?::uuid UNION ALL SELECT units FROM dashboard_top_products_pending WHERE "
        "product_id = ?::uuid) x");
    QCOMPARE(m_fixture.scalar(windowUnits, {h1, h1}), expected);
    QCOMPARE(m_fixture.scalar(windowUnits, {h2, h2}), 2 * expected);
    QCOMPARE(m_fixture.scalar(QStringLiteral("SELECT sum(units) FROM dashboard_product_daily "
                                             "WHERE product_id = ?::uuid"),
                              {h1}),
             m_fixture.scalar(QStringLiteral("SELECT count(*) FROM orders o JOIN order_items i "
                                             "ON i.order_id = o.id WHERE o.status = 'paid' "
                                             "AND i.product_id = ?::uuid"),
                              {h1}));

    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_dashboard_rebuild_window()")));
    QCOMPARE(windowStart(), today.addDays(-29));
    verifySummariesMatchOrders();
}

QTEST_GUILESS_MAIN(TestDashboard)
#include "tst_dashboard.moc"
