#include "adminwindow.h"
#include "client/adminorderlistmodel.h"
#include "client/apiclient.h"
#include "client/paymentsclient.h"
#include "client/secretstore.h"
#include "client/settings.h"
#include "orderpayments.h"
#include "orderspage.h"
#include "screenshot.h"
#include "signinpage.h"
#include "support/externalserver.h"
#include "support/ordershopper.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QApplication>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrlQuery>

using namespace Shop;
using namespace Shop::Admin;
using namespace Shop::Client;
using Shop::Widgets::AppContext;

namespace {

const QString kAdmin = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
const QString kAda = QStringLiteral("ada@shop.example");
const QString kCustomerPassword = QStringLiteral("demo-customer-passphrase");
constexpr int kWait = 30000;

} // namespace

// The admin console's payments and refunds against the REAL shop-server and the REAL
// shop-sandbox's Stripe: Ada's orders are paid through the sandbox's Stripe API with the 4242
// test card (create-intent, then the confirm call Stripe.js makes), the webhook marks them paid.
// The seed's admin opens one: the payment with its Stripe id and state; refunds part of it after
// a confirmation (a re_ id, succeeded, what is left); an amount over what is left is refused at
// the amount field (422) and the dialog stays; declining the confirmation sends nothing; the
// default amount refunds the rest.
class TestAdminRefunds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void showsThePayment();
    void partialRefundAfterConfirmation();
    void declinedConfirmationSendsNothing();
    void overRefundIsShownAtTheAmount();
    void defaultAmountRefundsTheRest();

private:
    // Pays Ada's order through the sandbox as the Payment Element would, with the 4242 card.
    [[nodiscard]] bool payWithTestCard(const QString &orderId);
    void openOrder(const QString &orderId);
    [[nodiscard]] OrdersPage *page() const { return m_window->ordersPage(); }
    [[nodiscard]] OrderPaymentsPanel *panel() const { return page()->paymentsPanel(); }
    [[nodiscard]] RefundDialog *openRefund();

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<Tests::OrderShopper> m_ada;
    QString m_orderId;
    qint64 m_total = 0;
    QStringList m_questions;
    bool m_answer = true;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminWindow> m_window;
};

bool TestAdminRefunds::payWithTestCard(const QString &orderId)
{
    PaymentsClient payments(&m_ada->api());
    std::optional<Result<PaymentIntentTicket>> ticket;
    payments.createIntent(orderId, this, [&](Result<PaymentIntentTicket> r) { ticket = r; });
    if (!QTest::qWaitFor([&] { return ticket.has_value(); }, kWait) || !*ticket) {
        qWarning() << "create-intent failed" << (ticket ? ticket->error().message : QString());
        return false;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_secret"), (*ticket)->clientSecret);
    form.addQueryItem(QStringLiteral("key"), (*ticket)->publishableKey);
    form.addQueryItem(QStringLiteral("payment_method_data[type]"), QStringLiteral("card"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][number]"),
                      QStringLiteral("4242424242424242"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][exp_month]"), QStringLiteral("12"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][exp_year]"),
                      QStringLiteral("2034"));
    form.addQueryItem(QStringLiteral("payment_method_data[card][cvc]"), QStringLiteral("123"));
    QByteArray body;
    const int status = m_server.stripeRequest(
        "POST", QStringLiteral("/v1/payment_intents/%1/confirm").arg((*ticket)->paymentIntentId),
        form.query(QUrl::FullyEncoded).toUtf8(), &body);
    if (status != 200) {
        qWarning() << "confirm answered" << status << body;
        return false;
    }
    // The webhook (or the server asking Stripe) marks the order paid.
    return QTest::qWaitFor(
        [&] {
            std::optional<Result<PaymentDocument>> doc;
            payments.paymentState(orderId, this, [&](Result<PaymentDocument> r) { doc = r; });
            if (QTest::qWaitFor([&] { return doc.has_value(); }, kWait) && *doc
                && (*doc)->orderPaid()) {
                return true;
            }
            QTest::qWait(300);
            return false;
        },
        kWait);
}

void TestAdminRefunds::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    Tests::ExternalServer::Options options;
    options.sandbox = true;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));

    m_ada = std::make_unique<Tests::OrderShopper>(m_server.baseUrl());
    QVERIFY(m_ada->signIn(kAda, kCustomerPassword));
    const QString product = m_ada->productWithStock(5);
    QVERIFY(!product.isEmpty());
    const QJsonObject order = m_ada->placeOrder({{product, 3}}).value_or(QJsonObject());
    QVERIFY2(!order.isEmpty(), qPrintable(m_ada->errorString()));
    m_orderId = order.value(u"id").toString();
    m_total = order.value(u"total").toInteger();
    QVERIFY(m_total >= 300);
    QVERIFY2(payWithTestCard(m_orderId), m_server.sandboxLog().right(2000).constData());

    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<AdminWindow>(*m_context);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Widgets::SignInForm *form = m_window->signInPage()->form();
    QTest::keyClicks(form->emailEdit(), kAdmin);
    QTest::keyClicks(form->passwordEdit(), kAdminPassword);
    QTest::keyClick(form->passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isConsoleOpen(), kWait);
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::OrdersSection);
    QTRY_VERIFY_WITH_TIMEOUT(page()->model()->rowCount() >= 1, kWait);
    panel()->setConfirm([this](const QString &question) {
        m_questions << question;
        return m_answer;
    });
    openOrder(m_orderId);
}

void TestAdminRefunds::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
        qWarning("shop-sandbox log (end):\n%s", m_server.sandboxLog().right(2000).constData());
    }
    m_questions.clear();
    m_answer = true;
}

void TestAdminRefunds::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
    m_ada.reset();
}

void TestAdminRefunds::openOrder(const QString &orderId)
{
    const int row = page()->model()->rowOf(orderId);
    QVERIFY(row >= 0);
    page()->table()->selectionModel()->select(page()->model()->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect
                                                  | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(page()->shownOrder() && page()->shownOrder()->id == orderId, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->isLoaded() && panel()->document(), kWait);
}

RefundDialog *TestAdminRefunds::openRefund()
{
    // The previous test's dialog is gone first (deleted on close).
    if (!QTest::qWaitFor([this] { return !panel()->findChild<RefundDialog *>(); }, kWait)) {
        return nullptr;
    }
    if (!QTest::qWaitFor([this] { return panel()->refundButton()->isEnabled(); }, kWait)) {
        return nullptr;
    }
    QTest::mouseClick(panel()->refundButton(), Qt::LeftButton);
    RefundDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = panel()->findChild<RefundDialog *>()); }, kWait)) {
        return nullptr;
    }
    return dialog;
}

void TestAdminRefunds::showsThePayment()
{
    const PaymentDocument &doc = *panel()->document();
    QVERIFY(doc.payment);
    QVERIFY(doc.payment->paymentIntentId.startsWith(u"pi_"));
    QCOMPARE(doc.payment->status, QStringLiteral("succeeded"));
    QCOMPARE(doc.refundable.minorUnits(), m_total);
    QTreeWidget *rows = panel()->view();
    QCOMPARE(rows->topLevelItemCount(), 1);
    QCOMPARE(rows->topLevelItem(0)->text(1), doc.payment->paymentIntentId);
    QCOMPARE(rows->topLevelItem(0)->text(2), QStringLiteral("Succeeded"));
    QVERIFY(panel()->refundButton()->isEnabled());
    Tests::saveScreenshot(m_window.get(), QStringLiteral("admin-order-payment"));
}

void TestAdminRefunds::partialRefundAfterConfirmation()
{
    RefundDialog *dialog = openRefund();
    QVERIFY(dialog);
    const Money refundable = panel()->document()->refundable;
    QCOMPARE(dialog->amountEdit()->text(), refundable.toDecimalString());
    QVERIFY(!dialog->refundButton()->isEnabled()); // the note is required
    const Money part(m_total / 3, refundable.currency());
    dialog->amountEdit()->selectAll();
    QTest::keyClicks(dialog->amountEdit(), part.toDecimalString());
    dialog->reasonBox()->setCurrentIndex(dialog->reasonBox()->findData(u"duplicate"_qs));
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Charged twice for one item"));
    QVERIFY(dialog->refundButton()->isEnabled());
    QPointer<RefundDialog> guard(dialog);
    QTest::mouseClick(dialog->refundButton(), Qt::LeftButton);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(m_questions.first().contains(part.format(QLocale())));
    QTRY_VERIFY_WITH_TIMEOUT(!guard, kWait); // accepted and closed
    QTRY_VERIFY_WITH_TIMEOUT(panel()->document() && panel()->document()->refunds.size() == 1,
                             kWait);
    const RefundInfo &refund = panel()->document()->refunds.first();
    QCOMPARE(refund.amount.minorUnits(), part.minorUnits());
    QCOMPARE(refund.reason, QStringLiteral("duplicate"));
    QCOMPARE(refund.note, QStringLiteral("Charged twice for one item"));
    QCOMPARE(refund.createdBy, QStringLiteral("staff"));
    QVERIFY2(refund.stripeRefundId.startsWith(u"re_"), qPrintable(refund.stripeRefundId));
    QCOMPARE(refund.status, QStringLiteral("succeeded"));
    QCOMPARE(panel()->document()->refunded.minorUnits(), part.minorUnits());
    QCOMPARE(panel()->document()->refundable.minorUnits(), m_total - part.minorUnits());
    QTreeWidget *rows = panel()->view();
    QCOMPARE(rows->topLevelItemCount(), 2);
    QCOMPARE(rows->topLevelItem(1)->text(0), QStringLiteral("Refund"));
    QVERIFY(rows->topLevelItem(1)->text(1).startsWith(u"re_"));
    QVERIFY(rows->topLevelItem(1)->text(5).contains(u"Charged twice"));
    // At Stripe (the sandbox): the refund exists with that amount.
    QByteArray body;
    QCOMPARE(
        m_server.stripeRequest(
            "GET", QStringLiteral("/v1/refunds/%1").arg(rows->topLevelItem(1)->text(1)), {}, &body),
        200);
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"amount").toInteger(),
             part.minorUnits());
    Tests::saveScreenshot(m_window.get(), QStringLiteral("admin-order-refunded"));
}

void TestAdminRefunds::declinedConfirmationSendsNothing()
{
    RefundDialog *dialog = openRefund();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Not really"));
    m_answer = false;
    QTest::mouseClick(dialog->refundButton(), Qt::LeftButton);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(!dialog->isBusy());
    QVERIFY(dialog->isVisible());
    dialog->reject();
    QTest::qWait(300);
    panel()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(panel()->document(), kWait);
    QCOMPARE(panel()->document()->refunds.size(), 1);
}

void TestAdminRefunds::overRefundIsShownAtTheAmount()
{
    RefundDialog *dialog = openRefund();
    QVERIFY(dialog);
    const Money refundable = panel()->document()->refundable;
    const Money tooMuch(refundable.minorUnits() + 100, refundable.currency());
    dialog->amountEdit()->selectAll();
    QTest::keyClicks(dialog->amountEdit(), tooMuch.toDecimalString());
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Too much"));
    QTest::mouseClick(dialog->refundButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->amountError()->isVisible(), kWait);
    QVERIFY2(!dialog->amountError()->text().isEmpty(), "no text at the amount");
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->amountEdit()->hasFocus());
    Tests::saveScreenshot(dialog, QStringLiteral("admin-refund-too-much"));
    dialog->reject();
    panel()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(panel()->document(), kWait);
    QCOMPARE(panel()->document()->refunds.size(), 1);
}

void TestAdminRefunds::defaultAmountRefundsTheRest()
{
    RefundDialog *dialog = openRefund();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Customer returned everything"));
    QPointer<RefundDialog> guard(dialog);
    QTest::mouseClick(dialog->refundButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!guard, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->document() && panel()->document()->refunds.size() == 2,
                             kWait);
    QCOMPARE(panel()->document()->refunded.minorUnits(), m_total);
    QCOMPARE(panel()->document()->refundable.minorUnits(), 0);
    QVERIFY(!panel()->refundButton()->isEnabled());
}

QTEST_MAIN(TestAdminRefunds)
#include "tst_adminrefunds.moc"
