#include "commerce/orderstatus.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Commerce;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Shop::Commerce::OrderStatus)
Q_DECLARE_METATYPE(Shop::Commerce::Actor)

class TestOrderStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names_data();
    void names();
    void unknownNamesAreRefused_data();
    void unknownNamesAreRefused();
    void actorNames();
    void everyTransition_data();
    void everyTransition();
    void allowedTargets_data();
    void allowedTargets();
    void messages();
    void stockAndTerminalStates_data();
    void stockAndTerminalStates();
    void labels();
};

namespace {

// The table, written out independently of orderstatus.cpp: "from to actors".
const QStringList kExpectedTable {
    u"pending paid system"_s,
    u"pending cancelled customer,staff,system"_s,
    u"paid processing staff"_s,
    u"paid cancelled customer,staff"_s,
    u"processing shipped staff"_s,
    u"processing cancelled staff"_s,
    u"shipped delivered staff,system"_s,
};

// "allowed", "conflict" (not in the table) or "forbidden" (in the table, not for this actor).
QString expectedOutcome(const QString &from, const QString &to, const QString &actor)
{
    for (const QString &row : kExpectedTable) {
        const QStringList parts = row.split(u' ');
        if (parts[0] == from && parts[1] == to) {
            return parts[2].split(u',').contains(actor) ? u"allowed"_s : u"forbidden"_s;
        }
    }
    return u"conflict"_s;
}

} // namespace

void TestOrderStatus::names_data()
{
    QTest::addColumn<OrderStatus>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("pending") << OrderStatus::Pending << u"pending"_s;
    QTest::newRow("paid") << OrderStatus::Paid << u"paid"_s;
    QTest::newRow("processing") << OrderStatus::Processing << u"processing"_s;
    QTest::newRow("shipped") << OrderStatus::Shipped << u"shipped"_s;
    QTest::newRow("delivered") << OrderStatus::Delivered << u"delivered"_s;
    QTest::newRow("cancelled") << OrderStatus::Cancelled << u"cancelled"_s;
}

void TestOrderStatus::names()
{
    QFETCH(OrderStatus, status);
    QFETCH(QString, name);
    QCOMPARE(toString(status), name);
    QCOMPARE(orderStatusFromString(name), std::optional(status));
    QCOMPARE(*orderStatusFromString(name), status);
    QVERIFY(allOrderStatuses().contains(status));
    QCOMPARE(allOrderStatuses().size(), 6);
}

void TestOrderStatus::unknownNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("upper case") << u"PAID"_s;
    QTest::newRow("american spelling") << u"canceled"_s;
    QTest::newRow("padded") << u" paid"_s;
    QTest::newRow("unknown") << u"refunded"_s;
}

void TestOrderStatus::unknownNamesAreRefused()
{
    QFETCH(QString, name);
    QCOMPARE(orderStatusFromString(name), std::nullopt);
    QCOMPARE(actorFromString(name), std::nullopt);
}

void TestOrderStatus::actorNames()
{
    QCOMPARE(toString(Actor::Customer), u"customer"_s);
    QCOMPARE(toString(Actor::Staff), u"staff"_s);
    QCOMPARE(toString(Actor::System), u"system"_s);
    for (const Actor actor : allActors()) {
        QCOMPARE(actorFromString(toString(actor)), std::optional(actor));
    }
    QCOMPARE(allActors().size(), 3);
}

void TestOrderStatus::everyTransition_data()
{
    QTest::addColumn<OrderStatus>("from");
    QTest::addColumn<OrderStatus>("to");
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<QString>("outcome");
    // Every (from, to, actor): 6 x 6 x 3 = 108 rows, 12 allowed.
    for (const OrderStatus from : allOrderStatuses()) {
        for (const OrderStatus to : allOrderStatuses()) {
            for (const Actor actor : allActors()) {
                const QString outcome =
                    expectedOutcome(toString(from), toString(to), toString(actor));
                QTest::addRow("%s->%s by %s: %s", qPrintable(toString(from)),
                              qPrintable(toString(to)), qPrintable(toString(actor)),
                              qPrintable(outcome))
                    << from << to << actor << outcome;
            }
        }
    }
}

void TestOrderStatus::everyTransition()
{
    QFETCH(OrderStatus, from);
    QFETCH(OrderStatus, to);
    QFETCH(Actor, actor);
    QFETCH(QString, outcome);

    QCOMPARE(isAllowedTransition(from, to, actor), outcome == u"allowed");
    QCOMPARE(isKnownTransition(from, to), outcome != u"conflict");
    QCOMPARE(actorsFor(from, to).contains(actor), outcome == u"allowed");
    QCOMPARE(Commerce::allowedTargets(from, actor).contains(to), outcome == u"allowed");

    const std::optional<Error> error = checkTransition(from, to, actor);
    if (outcome == u"allowed") {
        QVERIFY(!error);
        QVERIFY(holdsStock(to) || to == OrderStatus::Cancelled);
        QVERIFY(!isTerminal(from));
    } else {
        QVERIFY(error);
        QCOMPARE(error->code, outcome == u"conflict" ? ErrorCode::Conflict : ErrorCode::Forbidden);
        QVERIFY(!error->message.isEmpty());
        QVERIFY2(error->message.contains(toString(from)), qPrintable(error->message));
    }
}

void TestOrderStatus::allowedTargets_data()
{
    QTest::addColumn<OrderStatus>("from");
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<QList<OrderStatus>>("targets");
    using S = OrderStatus;
    QTest::newRow("pending, customer") << S::Pending << Actor::Customer << QList {S::Cancelled};
    QTest::newRow("pending, staff") << S::Pending << Actor::Staff << QList {S::Cancelled};
    QTest::newRow("pending, system")
        << S::Pending << Actor::System << QList {S::Paid, S::Cancelled};
    QTest::newRow("paid, customer") << S::Paid << Actor::Customer << QList {S::Cancelled};
    QTest::newRow("paid, staff") << S::Paid << Actor::Staff << QList {S::Processing, S::Cancelled};
    QTest::newRow("paid, system") << S::Paid << Actor::System << QList<S> {};
    QTest::newRow("processing, staff")
        << S::Processing << Actor::Staff << QList {S::Shipped, S::Cancelled};
    QTest::newRow("processing, customer") << S::Processing << Actor::Customer << QList<S> {};
    QTest::newRow("shipped, staff") << S::Shipped << Actor::Staff << QList {S::Delivered};
    QTest::newRow("shipped, system") << S::Shipped << Actor::System << QList {S::Delivered};
    QTest::newRow("shipped, customer") << S::Shipped << Actor::Customer << QList<S> {};
    QTest::newRow("delivered, staff") << S::Delivered << Actor::Staff << QList<S> {};
    QTest::newRow("cancelled, staff") << S::Cancelled << Actor::Staff << QList<S> {};
    QTest::newRow("cancelled, system") << S::Cancelled << Actor::System << QList<S> {};
}

void TestOrderStatus::allowedTargets()
{
    QFETCH(OrderStatus, from);
    QFETCH(Actor, actor);
    QFETCH(QList<OrderStatus>, targets);
    // QCOMPARE on statuses compiles (orderstatus.h says why that needs care).
    QCOMPARE(Commerce::allowedTargets(from, actor), targets);
}

void TestOrderStatus::messages()
{
    const auto shippedCancel =
        checkTransition(OrderStatus::Shipped, OrderStatus::Cancelled, Actor::Staff);
    QVERIFY(shippedCancel);
    QCOMPARE(shippedCancel->code, ErrorCode::Conflict);
    QCOMPARE(shippedCancel->message, u"An order that is shipped cannot be cancelled."_s);

    const auto self = checkTransition(OrderStatus::Paid, OrderStatus::Paid, Actor::System);
    QVERIFY(self);
    QCOMPARE(self->code, ErrorCode::Conflict);
    QCOMPARE(self->message, u"The order is already paid."_s);

    const auto customerShips =
        checkTransition(OrderStatus::Processing, OrderStatus::Shipped, Actor::Customer);
    QVERIFY(customerShips);
    QCOMPARE(customerShips->code, ErrorCode::Forbidden);
    QCOMPARE(customerShips->message,
             u"Only staff can move an order that is processing to shipped."_s);

    const auto staffPays = checkTransition(OrderStatus::Pending, OrderStatus::Paid, Actor::Staff);
    QVERIFY(staffPays);
    QCOMPARE(staffPays->code, ErrorCode::Forbidden);
    QCOMPARE(staffPays->message, u"Only the system can move an order that is pending to paid."_s);

    const auto systemCancelsPaid =
        checkTransition(OrderStatus::Paid, OrderStatus::Cancelled, Actor::System);
    QVERIFY(systemCancelsPaid);
    QCOMPARE(systemCancelsPaid->message,
             u"Only the customer or staff can move an order that is paid to cancelled."_s);
}

void TestOrderStatus::stockAndTerminalStates_data()
{
    QTest::addColumn<OrderStatus>("status");
    QTest::addColumn<bool>("holds");
    QTest::addColumn<bool>("terminal");
    QTest::addColumn<bool>("customerCancels");
    QTest::newRow("pending") << OrderStatus::Pending << true << false << true;
    QTest::newRow("paid") << OrderStatus::Paid << true << false << true;
    QTest::newRow("processing") << OrderStatus::Processing << true << false << false;
    QTest::newRow("shipped") << OrderStatus::Shipped << true << false << false;
    QTest::newRow("delivered") << OrderStatus::Delivered << true << true << false;
    QTest::newRow("cancelled") << OrderStatus::Cancelled << false << true << false;
}

void TestOrderStatus::stockAndTerminalStates()
{
    QFETCH(OrderStatus, status);
    QFETCH(bool, holds);
    QFETCH(bool, terminal);
    QFETCH(bool, customerCancels);
    QCOMPARE(holdsStock(status), holds);
    QCOMPARE(isTerminal(status), terminal);
    QCOMPARE(customerMayCancel(status), customerCancels);
    // A terminal state has no way out for anyone.
    if (terminal) {
        for (const Actor actor : allActors()) {
            QVERIFY(Commerce::allowedTargets(status, actor).isEmpty());
        }
    }
}

void TestOrderStatus::labels()
{
    QCOMPARE(QString::fromLatin1(orderStatusLabel(OrderStatus::Pending)), u"Pending"_s);
    QCOMPARE(QString::fromLatin1(orderStatusLabel(OrderStatus::Cancelled)), u"Cancelled"_s);
    for (const OrderStatus status : allOrderStatuses()) {
        QVERIFY(orderStatusLabel(status) != nullptr);
        QCOMPARE(QString::fromLatin1(orderStatusLabel(status)).toLower(), toString(status));
    }
}

QTEST_APPLESS_MAIN(TestOrderStatus)
#include "tst_orderstatus.moc"
