#include "adminwindow.h"
#include "client/adminorderlistmodel.h"
#include "client/adminordersclient.h"
#include "client/authsession.h"
#include "client/secretstore.h"
#include "orderspage.h"
#include "packingslip.h"
#include "qrcode.h"
#include "screenshot.h"
#include "signinpage.h"
#include "support/externalserver.h"
#include "support/ordershopper.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/statuspanel.h"
#include "widgets/translationloader.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Shop;
using namespace Shop::Admin;
using namespace Shop::Client;
using Commerce::OrderStatus;
using Shop::Tests::saveScreenshot;
using Shop::Widgets::AppContext;

namespace {

const QString kAdmin = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
const QString kAda = QStringLiteral("ada@shop.example");
const QString kCustomerPassword = QStringLiteral("demo-customer-passphrase");
constexpr int kWait = 20000;
constexpr int kOrders = 6;

} // namespace

// The admin console's Orders section against the REAL shop-server on a fresh seeded database,
// its mail going to a REAL shop-sandbox: Ada places orders over HTTP; the seed's admin signs in
// through the console, lists them, filters by status and searches by number, opens one, marks it
// processing and then shipped with carrier and tracking number (the server says shipped, the
// shipping email is in the sandbox inbox); a transition the state machine forbids is never
// offered, one that became impossible meanwhile is refused (409) and explained; two orders change
// together and a per-order failure is listed; F5 and the timer refresh keep the selection; the
// packing slip is a PDF with the number and its QR code holds libqrencode's modules for it.
class TestAdminOrders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void listsTheOrders();
    void filtersAndSearch();
    void shipAnOrder();
    void forbiddenTransitionsAreNotOffered();
    void staleTransitionIsExplained();
    void bulkChange();
    void refreshKeepsSelection();
    void packingSlip();
    void longPackingSlipHasPages();

private:
    [[nodiscard]] OrdersPage *page() const { return m_window->ordersPage(); }
    [[nodiscard]] AdminOrderListModel *model() const { return page()->model(); }
    [[nodiscard]] bool ready() const
    {
        return model()->state() == AdminOrderListModel::State::Ready;
    }
    [[nodiscard]] QString id(int i) const { return m_orders.at(i)[u"id"].toString(); }
    [[nodiscard]] QString number(int i) const { return m_orders.at(i)[u"order_number"].toString(); }
    void setStatusInDatabase(int i, const QString &status);
    void search(const QString &text);
    void select(const QList<int> &orders);
    [[nodiscard]] QStringList offeredActions() const;
    void trigger(OrderStatus to);
    [[nodiscard]] Commerce::OrderView fetch(int i);
    [[nodiscard]] QJsonObject shippingEmail(const QString &orderNumber);

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<Tests::OrderShopper> m_ada;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminWindow> m_window;
    std::unique_ptr<AdminOrdersClient> m_check; // fresh GETs, the server's view
    QList<QJsonObject> m_orders; // oldest first
    QString m_product;
    QList<OrdersPage::ChangeRequest> m_asked;
    std::optional<OrderStatusChange> m_answer;
};

void TestAdminOrders::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    Tests::ExternalServer::Options options;
    options.sandbox = true;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));

    // Ada orders over HTTP, as the storefront does. Order 1 stays pending; the payment (the
    // payments issue) is the database's here: the others are paid.
    m_ada = std::make_unique<Tests::OrderShopper>(m_server.baseUrl());
    QVERIFY(m_ada->signIn(kAda, kCustomerPassword));
    m_product = m_ada->productWithStock(kOrders + 5);
    QVERIFY(!m_product.isEmpty());
    for (int i = 0; i < kOrders; ++i) {
        const QJsonObject order = m_ada->placeOrder({{m_product, 1}}).value_or(QJsonObject());
        QVERIFY2(!order.isEmpty(), qPrintable(m_ada->errorString()));
        m_orders.append(order);
        if (i != 1) {
            setStatusInDatabase(i, QStringLiteral("paid"));
        }
    }

    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<AdminWindow>(*m_context);
    m_window->resize(1400, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    page()->setAskChange([this](const OrdersPage::ChangeRequest &request) {
        m_asked.append(request);
        return m_answer;
    });

    Widgets::SignInForm *form = m_window->signInPage()->form();
    QTest::keyClicks(form->emailEdit(), kAdmin);
    QTest::keyClicks(form->passwordEdit(), kAdminPassword);
    QTest::keyClick(form->passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isConsoleOpen(), kWait);
    m_check = std::make_unique<AdminOrdersClient>(m_context->api());

    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::OrdersSection);
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() == kOrders, kWait);
}

void TestAdminOrders::init()
{
    m_asked.clear();
    m_answer.reset();
}

void TestAdminOrders::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
        qWarning("shop-sandbox log (end):\n%s", m_server.sandboxLog().right(2000).constData());
    }
}

void TestAdminOrders::cleanupTestCase()
{
    m_window.reset();
    m_check.reset();
    m_context.reset();
    m_ada.reset();
}

void TestAdminOrders::setStatusInDatabase(int i, const QString &status)
{
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("UPDATE orders SET status = ?, expires_at = NULL "
                                            "WHERE id = ?::uuid RETURNING status"),
                             {status, id(i)})
                 .toString(),
             status);
}

void TestAdminOrders::search(const QString &text)
{
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(page()->searchEdit()->hasFocus());
    QTest::keyClick(page()->searchEdit(), Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty()) {
        QTest::keyClick(page()->searchEdit(), Qt::Key_Delete);
    } else {
        QTest::keyClicks(page()->searchEdit(), text);
    }
    // Applied after the pause in typing.
    QTRY_COMPARE_WITH_TIMEOUT(model()->filter().number, text.contains(u'@') ? QString() : text,
                              kWait);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), kWait);
}

void TestAdminOrders::select(const QList<int> &orders)
{
    QItemSelectionModel *selection = page()->table()->selectionModel();
    selection->clearSelection();
    for (const int i : orders) {
        const int row = model()->rowOf(id(i));
        QVERIFY2(row >= 0, qPrintable(number(i)));
        selection->select(model()->index(row, 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    if (orders.size() == 1) {
        QTRY_VERIFY_WITH_TIMEOUT(
            page()->shownOrder() && page()->shownOrder()->id == id(orders.first()), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(page()->auditLoaded(), kWait);
    }
}

QStringList TestAdminOrders::offeredActions() const
{
    QStringList texts;
    for (QAction *action : page()->statusButton()->menu()->actions()) {
        texts << action->text();
    }
    return texts;
}

void TestAdminOrders::trigger(OrderStatus to)
{
    // Through the button's menu, as a person would.
    for (QAction *action : page()->statusButton()->menu()->actions()) {
        if (action->data().toInt() == int(to)) {
            QSignalSpy finished(page(), &OrdersPage::changeFinished);
            action->trigger();
            if (m_answer) {
                QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWait);
            }
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("not offered: %1").arg(Commerce::toString(to))));
}

Commerce::OrderView TestAdminOrders::fetch(int i)
{
    std::optional<Result<Commerce::OrderView>> answer;
    m_check->order(id(i), this, [&](Result<Commerce::OrderView> r) { answer = std::move(r); });
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWait);
    }();
    if (!answer || !*answer) {
        qWarning() << "GET order failed";
        return {};
    }
    return **answer;
}

QJsonObject TestAdminOrders::shippingEmail(const QString &orderNumber)
{
    for (const QJsonValue &value : m_server.sandboxMessages()) {
        const QJsonObject m = value.toObject();
        if (m.value(u"to").toArray().contains(kAda)
            && m.value(u"subject").toString().contains(orderNumber)
            && m.value(u"subject").toString().contains(u"on its way")) {
            return m;
        }
    }
    return {};
}

void TestAdminOrders::listsTheOrders()
{
    QCOMPARE(model()->columnCount(), int(AdminOrderListModel::ColumnCount));
    QCOMPARE(model()->headerData(AdminOrderListModel::CustomerColumn, Qt::Horizontal).toString(),
             QStringLiteral("Customer"));
    // Newest first.
    QCOMPARE(model()->index(0, AdminOrderListModel::NumberColumn).data().toString(),
             number(kOrders - 1));
    QCOMPARE(model()->index(kOrders - 1, AdminOrderListModel::NumberColumn).data().toString(),
             number(0));
    const int pending = model()->rowOf(id(1));
    QCOMPARE(model()->index(pending, AdminOrderListModel::StatusColumn).data().toString(),
             QStringLiteral("Pending"));
    QCOMPARE(model()->index(0, AdminOrderListModel::StatusColumn).data().toString(),
             QStringLiteral("Paid"));
    QCOMPARE(model()->index(0, AdminOrderListModel::CustomerColumn).data().toString(), kAda);
    QCOMPARE(model()->index(0, AdminOrderListModel::ItemsColumn).data().toString(),
             QStringLiteral("1"));
    QVERIFY(!model()->index(0, AdminOrderListModel::TotalColumn).data().toString().isEmpty());
    QVERIFY(page()->table()->isVisible());
    QVERIFY(page()
                ->findChild<QLabel *>(QStringLiteral("orderResultCount"))
                ->text()
                .contains(QStringLiteral("Showing %1 orders").arg(kOrders)));
}

void TestAdminOrders::filtersAndSearch()
{
    QComboBox *status = page()->statusFilter();
    status->setCurrentIndex(status->findData(int(OrderStatus::Pending)));
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().status == OrderStatus::Pending && ready(), kWait);
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->orderAt(0)->id, id(1));
    status->setCurrentIndex(status->findData(int(OrderStatus::Delivered)));
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().status == OrderStatus::Delivered && ready(), kWait);
    QCOMPARE(model()->rowCount(), 0);
    QTRY_VERIFY(page()->statusPanel()->isVisible());
    QCOMPARE(page()->statusPanel()->kind(), Widgets::StatusPanel::Kind::Empty);
    status->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(!model()->filter().status && ready(), kWait);
    QCOMPARE(model()->rowCount(), kOrders);

    // The date range: from tomorrow finds nothing, from yesterday everything.
    page()->fromEdit()->setDate(QDate::currentDate().addDays(1));
    page()->toEdit()->setDate(QDate::currentDate().addDays(2));
    page()->dateFilter()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().from.isValid() && ready(), kWait);
    QCOMPARE(model()->rowCount(), 0);
    page()->fromEdit()->setDate(QDate::currentDate().addDays(-1));
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() == kOrders, kWait);
    page()->dateFilter()->setChecked(false);
    QTRY_VERIFY_WITH_TIMEOUT(!model()->filter().from.isValid() && ready(), kWait);

    search(number(2));
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->orderAt(0)->id, id(2));
    search(kAda);
    QTRY_COMPARE_WITH_TIMEOUT(model()->filter().email, kAda, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() == kOrders, kWait);
    search(QString());
    QTRY_VERIFY_WITH_TIMEOUT(model()->filter().email.isEmpty() && ready(), kWait);
    QCOMPARE(model()->rowCount(), kOrders);
}

void TestAdminOrders::shipAnOrder()
{
    select({0});
    QCOMPARE(page()->shownOrder()->customerEmail, kAda);
    QCOMPARE(page()->itemsView()->topLevelItemCount(), 1);
    QCOMPARE(page()->historyList()->count(), 1);
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("orderNumber"))->text(),
             QStringLiteral("Order %1").arg(number(0)));
    QVERIFY(page()
                ->findChild<QLabel *>(QStringLiteral("orderAddress"))
                ->text()
                .contains(QStringLiteral("New York")));
    // Paid: processing or cancel, nothing else.
    QCOMPARE(page()->offeredTargets(),
             (QList<OrderStatus> {OrderStatus::Processing, OrderStatus::Cancelled}));
    QCOMPARE(offeredActions(),
             (QStringList {QStringLiteral("Mark as Processing"), QStringLiteral("Cancel Order")}));

    OrderStatusChange processing;
    processing.reason = QStringLiteral("picked");
    m_answer = processing;
    trigger(OrderStatus::Processing);
    QCOMPARE(m_asked.size(), 1);
    QCOMPARE(m_asked.last().numbers, QStringList {number(0)});
    QCOMPARE(m_asked.last().to, OrderStatus::Processing);
    QTRY_COMPARE_WITH_TIMEOUT(page()->shownOrder()->status, OrderStatus::Processing, kWait);
    QCOMPARE(
        model()->index(model()->rowOf(id(0)), AdminOrderListModel::StatusColumn).data().toString(),
        QStringLiteral("Processing"));
    QCOMPARE(page()->offeredTargets(),
             (QList<OrderStatus> {OrderStatus::Shipped, OrderStatus::Cancelled}));

    OrderStatusChange shipped;
    shipped.carrier = QStringLiteral("DHL");
    shipped.trackingNumber = QStringLiteral("JD014600006281");
    shipped.reason = QStringLiteral("left the warehouse");
    m_answer = shipped;
    trigger(OrderStatus::Shipped);
    QCOMPARE(m_asked.last().to, OrderStatus::Shipped);
    QTRY_COMPARE_WITH_TIMEOUT(page()->shownOrder()->status, OrderStatus::Shipped, kWait);
    QVERIFY2(page()->messageLabel()->text().contains(QStringLiteral("is now \"Shipped\"")),
             qPrintable(page()->messageLabel()->text()));
    QVERIFY(page()
                ->findChild<QLabel *>(QStringLiteral("orderShipping"))
                ->text()
                .contains(QStringLiteral("JD014600006281")));
    // Placed, processing, shipped (paid came from the database, without a history entry).
    QCOMPARE(page()->historyList()->count(), 3);
    QVERIFY(page()->historyList()->item(2)->text().contains(QStringLiteral("left the warehouse")));
    QTRY_VERIFY_WITH_TIMEOUT(page()->auditLoaded() && page()->auditList()->count() == 2, kWait);
    QVERIFY(page()->auditList()->item(0)->text().contains(kAdmin));
    QVERIFY(page()->auditList()->item(0)->text().contains(QStringLiteral("Processing → Shipped")));

    // The server's view.
    const Commerce::OrderView order = fetch(0);
    QCOMPARE(order.status, OrderStatus::Shipped);
    QCOMPARE(order.carrier, QStringLiteral("DHL"));
    QCOMPARE(order.trackingNumber, QStringLiteral("JD014600006281"));
    // The shipping email went through the job system to the sandbox, to Ada.
    QJsonObject email;
    QTRY_VERIFY_WITH_TIMEOUT(!(email = shippingEmail(number(0))).isEmpty(), 30000);
    QVERIFY(email.value(u"text").toString().contains(QStringLiteral("JD014600006281")));
    QVERIFY(email.value(u"text").toString().contains(QStringLiteral("DHL")));
    saveScreenshot(m_window.get(), QStringLiteral("admin-orders-shipped"));

    // Shipped: only delivered is left.
    QCOMPARE(page()->offeredTargets(), QList<OrderStatus> {OrderStatus::Delivered});
}

void TestAdminOrders::forbiddenTransitionsAreNotOffered()
{
    // Pending: the payment moves it to paid (the system), staff may only cancel it.
    select({1});
    QCOMPARE(page()->offeredTargets(), QList<OrderStatus> {OrderStatus::Cancelled});
    QCOMPARE(offeredActions(), QStringList {QStringLiteral("Cancel Order")});
    // Asking for a transition that is not offered does nothing: no question, no request.
    m_answer = OrderStatusChange {};
    page()->changeStatus(OrderStatus::Paid);
    page()->changeStatus(OrderStatus::Shipped);
    QVERIFY(m_asked.isEmpty());
    QVERIFY(!page()->isBusy());
    QCOMPARE(fetch(1).status, OrderStatus::Pending);

    // A cancelled order offers nothing.
    m_answer = OrderStatusChange {};
    trigger(OrderStatus::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(page()->shownOrder()->status, OrderStatus::Cancelled, kWait);
    QCOMPARE(fetch(1).status, OrderStatus::Cancelled);
    QVERIFY(page()->offeredTargets().isEmpty());
    QVERIFY(!page()->statusButton()->isEnabled());
    QVERIFY(offeredActions().isEmpty());
}

void TestAdminOrders::staleTransitionIsExplained()
{
    select({5});
    QCOMPARE(page()->shownOrder()->status, OrderStatus::Paid);
    // Meanwhile the customer cancels (here: the database): the console still shows it paid.
    setStatusInDatabase(5, QStringLiteral("cancelled"));
    m_answer = OrderStatusChange {};
    trigger(OrderStatus::Processing);
    const QString message = page()->messageLabel()->text();
    QVERIFY2(message.contains(QStringLiteral("its status changed since it was shown")),
             qPrintable(message));
    QVERIFY(message.contains(number(5)));
    // The current status is loaded, and what it allows (nothing) is offered.
    QTRY_COMPARE_WITH_TIMEOUT(page()->shownOrder()->status, OrderStatus::Cancelled, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(
        model()->index(model()->rowOf(id(5)), AdminOrderListModel::StatusColumn).data().toString(),
        QStringLiteral("Cancelled"), kWait);
    QVERIFY(page()->offeredTargets().isEmpty());
}

void TestAdminOrders::bulkChange()
{
    // Paid and pending-cancelled together: nothing is allowed for both.
    select({2, 1});
    QVERIFY(page()->offeredTargets().isEmpty());
    // Two paid orders: processing for both, one request after another.
    select({2, 3});
    QCOMPARE(page()->offeredTargets(),
             (QList<OrderStatus> {OrderStatus::Processing, OrderStatus::Cancelled}));
    QCOMPARE(page()->statusButton()->text(), QStringLiteral("Change Status of 2 Orders"));
    OrderStatusChange change;
    change.reason = QStringLiteral("batch 7");
    m_answer = change;
    trigger(OrderStatus::Processing);
    QCOMPARE(m_asked.last().numbers, (QStringList {number(3), number(2)})); // table order
    QCOMPARE(fetch(2).status, OrderStatus::Processing);
    QCOMPARE(fetch(3).status, OrderStatus::Processing);
    QVERIFY2(page()->bulkLabel()->text().contains(QStringLiteral("2 of 2 orders moved to "
                                                                 "\"Processing\"")),
             qPrintable(page()->bulkLabel()->text()));
    QCOMPARE(page()->offeredTargets(),
             (QList<OrderStatus> {OrderStatus::Shipped, OrderStatus::Cancelled}));

    // One of them moves on elsewhere: the other ships, the failure is listed with its number.
    setStatusInDatabase(3, QStringLiteral("cancelled"));
    OrderStatusChange ship;
    ship.carrier = QStringLiteral("UPS");
    ship.trackingNumber = QStringLiteral("1Z999");
    m_answer = ship;
    trigger(OrderStatus::Shipped);
    const QString result = page()->bulkLabel()->text();
    QVERIFY2(result.contains(QStringLiteral("1 of 2 orders moved to \"Shipped\"")),
             qPrintable(result));
    QVERIFY2(result.contains(number(3) + QStringLiteral(": Order ") + number(3)),
             qPrintable(result));
    QVERIFY(!result.contains(number(2) + u':'));
    QCOMPARE(fetch(2).status, OrderStatus::Shipped);
    QCOMPARE(fetch(2).carrier, QStringLiteral("UPS"));
    QCOMPARE(fetch(3).status, OrderStatus::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(!shippingEmail(number(2)).isEmpty(), 30000);
}

void TestAdminOrders::refreshKeepsSelection()
{
    select({4});
    // A new order arrives; F5 shows it on top and the selection stays on order 4.
    const QJsonObject fresh = m_ada->placeOrder({{m_product, 1}}).value_or(QJsonObject());
    QVERIFY(!fresh.isEmpty());
    QSignalSpy resets(model(), &QAbstractItemModel::modelReset);
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(model()->rowOf(fresh[u"id"].toString()) == 0, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), kWait);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(page()->selectedIds(), QStringList {id(4)});
    QCOMPARE(page()->shownOrder()->id, id(4));

    // And on the timer, without F5.
    page()->setRefreshInterval(std::chrono::milliseconds(300));
    const QJsonObject another = m_ada->placeOrder({{m_product, 1}}).value_or(QJsonObject());
    QVERIFY(!another.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model()->rowOf(another[u"id"].toString()) == 0, kWait);
    QCOMPARE(page()->selectedIds(), QStringList {id(4)});
    page()->setRefreshInterval(OrdersPage::kDefaultRefreshInterval);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), kWait);
}

void TestAdminOrders::packingSlip()
{
    select({0});
    const QString path = m_dir.filePath(QStringLiteral("slip.pdf"));
    QVERIFY(page()->savePackingSlip(path));
    QVERIFY(page()->messageLabel()->text().contains(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    // The document's title names the order (the page text is in compressed content streams).
    QByteArray utf16;
    for (const QChar c : number(0)) {
        utf16.append(char(c.unicode() >> 8));
        utf16.append(char(c.unicode() & 0xff));
    }
    QVERIFY2(pdf.contains(number(0).toLatin1()) || pdf.contains(utf16),
             "the order number is not in the PDF");

    // The QR code: the same layout painted onto an image (A4 proportions) carries, module by
    // module, the symbol libqrencode makes for the order number.
    const PackingSlip slip(*page()->shownOrder());
    QCOMPARE(slip.qrPayload(), number(0).toUtf8());
    const QrCode code = QrCode::encode(slip.qrPayload());
    QVERIFY(code.isValid());
    QVERIFY(code.size() >= 21 && (code.size() - 21) % 4 == 0); // a QR version's size
    QImage image(1240, 1754, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        const QRectF pageRect(60, 60, 1120, 1634);
        QCOMPARE(slip.pageCount(painter, pageRect), 1);
        slip.paintPage(painter, pageRect, 0);
        const QRectF qr = PackingSlip::qrRect(pageRect);
        painter.end();
        const double module = QrCode::moduleSide(qr.width(), code.size());
        QVERIFY(module >= 4); // large enough to sample the centres
        int mismatches = 0;
        for (int y = -QrCode::kQuietZone; y < code.size() + QrCode::kQuietZone; ++y) {
            for (int x = -QrCode::kQuietZone; x < code.size() + QrCode::kQuietZone; ++x) {
                const QPoint centre(int(qr.left() + (x + QrCode::kQuietZone + 0.5) * module),
                                    int(qr.top() + (y + QrCode::kQuietZone + 0.5) * module));
                const bool dark = qGray(image.pixel(centre)) < 128;
                mismatches += dark != code.isDark(x, y) ? 1 : 0;
            }
        }
        QCOMPARE(mismatches, 0);
    }
    // The PDF itself, read by other programs (poppler-utils and zbar-tools, installed by
    // scripts/install-deps): its text has the number, the address and the item; its page,
    // rasterised, holds a QR code that decodes to the order number.
    const auto run = [](const QString &program, const QStringList &arguments, QByteArray *output) {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            qWarning() << program << process.errorString() << process.readAllStandardError();
            return false;
        }
        *output = process.readAllStandardOutput();
        return true;
    };
    QByteArray out;
    QVERIFY(run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")},
                &out));
    const QString text = QString::fromUtf8(out);
    QVERIFY2(text.contains(number(0)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Packing slip")));
    QVERIFY(text.contains(QStringLiteral("1 Analytical Way")));
    QVERIFY(text.contains(page()->shownOrder()->lines.first().sku));
    const QString raster = m_dir.filePath(QStringLiteral("slip"));
    QVERIFY(run(QStringLiteral("pdftoppm"),
                {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("150"),
                 QStringLiteral("-singlefile"), path, raster},
                &out));
    QVERIFY(
        run(QStringLiteral("zbarimg"),
            {QStringLiteral("--quiet"), QStringLiteral("--raw"), raster + QStringLiteral(".png")},
            &out));
    const QByteArray decoded = out.trimmed();
    // For reviewers: the slip as the PDF shows it.
    const QString copy = QDir(QStringLiteral(SHOP_SCREENSHOT_DIR))
                             .filePath(QStringLiteral("admin-packing-slip.png"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(raster + QStringLiteral(".png"), copy));
    QCOMPARE(decoded, number(0).toUtf8());
    saveScreenshot(m_window.get(), QStringLiteral("admin-orders"));
}

// A slip with more items than fit on a page continues on further pages, every item on one.
void TestAdminOrders::longPackingSlipHasPages()
{
    Commerce::OrderView order;
    order.number = QStringLiteral("SO-20260101-LONG01");
    order.createdAt = QDateTime::currentDateTimeUtc();
    order.shippingAddress.recipientName = QStringLiteral("Grace Hopper");
    order.shippingAddress.line1 = QStringLiteral("1 Navy Way");
    order.shippingAddress.city = QStringLiteral("Arlington");
    order.shippingAddress.country = QStringLiteral("US");
    for (int i = 1; i <= 120; ++i) {
        Commerce::OrderLineView line;
        line.name = QStringLiteral("Item number %1").arg(i);
        line.sku = QStringLiteral("SKU-%1").arg(i, 4, 10, QLatin1Char('0'));
        line.quantity = i % 7 + 1;
        order.lines.append(line);
    }
    const PackingSlip slip(order);
    const QString path = m_dir.filePath(QStringLiteral("long.pdf"));
    QString error;
    QVERIFY2(slip.writePdf(path, &error), qPrintable(error));
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
                  {QStringLiteral("-layout"), path, QStringLiteral("-")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    const int pages = int(text.count(u'\f'));
    QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    QVERIFY(text.contains(QStringLiteral("Packing slip SO-20260101-LONG01 (page 2)")));
    for (int i = 1; i <= 120; ++i) {
        QVERIFY2(text.count(QStringLiteral("SKU-%1").arg(i, 4, 10, QLatin1Char('0'))) == 1,
                 qPrintable(QString::number(i)));
    }
}

QTEST_MAIN(TestAdminOrders)
#include "tst_adminorders.moc"
