#include "adminwindow.h"
#include "client/admincatalogclient.h"
#include "client/authsession.h"
#include "client/productlistmodel.h"
#include "client/secretstore.h"
#include "client/settings.h"
#include "productstablepage.h"
#include "screenshot.h"
#include "signinpage.h"
#include "stockintakedialog.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Admin;
using namespace Shop::Client;
using Shop::Tests::saveScreenshot;
using Shop::Widgets::AppContext;

namespace {

const QString kAdmin = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
constexpr int kWait = 30000;

} // namespace

// Stock intake in scanner mode against the REAL shop-server: the scanner is a keyboard
// (QTest::keyClicks of the SKU, then Enter), the quantity typed and Enter; the same product
// twice on one line; a product far beyond the list's first page found by its SKU; an unknown SKU
// explained; a line removed with Delete before confirming; Ctrl+Enter sends one "received"
// adjustment per line and shows each line's new stock.
class TestAdminStockIntake final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void scanTypeConfirm();

private:
    void scan(StockIntakeDialog *dialog, const QString &sku);
    void typeQuantity(StockIntakeDialog *dialog, int quantity);
    [[nodiscard]] int stockOf(const ProductId &id);

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminWindow> m_window;
};

void TestAdminStockIntake::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Widgets::TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))),
        std::make_unique<MemorySecretStore>());
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<AdminWindow>(*m_context);
    m_window->resize(1400, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Widgets::SignInForm *form = m_window->signInPage()->form();
    QTest::keyClicks(form->emailEdit(), kAdmin);
    QTest::keyClicks(form->passwordEdit(), kAdminPassword);
    QTest::keyClick(form->passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isConsoleOpen(), kWait);
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->productsPage()->model()->state()
                                     == ProductListModel::State::Ready
                                 && m_window->productsPage()->model()->rowCount() > 3,
                             kWait);
}

void TestAdminStockIntake::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
    }
}

void TestAdminStockIntake::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
}

int TestAdminStockIntake::stockOf(const ProductId &id)
{
    return m_server
        .queryValue(QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?::uuid"),
                    {id.toString()})
        .toInt();
}

void TestAdminStockIntake::scan(StockIntakeDialog *dialog, const QString &sku)
{
    QTRY_VERIFY(dialog->scanEdit()->isEnabled() && !dialog->isLookingUp());
    dialog->scanEdit()->setFocus();
    dialog->scanEdit()->clear();
    QTest::keyClicks(dialog->scanEdit(), sku);
    QTest::keyClick(dialog->scanEdit(), Qt::Key_Return);
}

void TestAdminStockIntake::typeQuantity(StockIntakeDialog *dialog, int quantity)
{
    QTRY_VERIFY_WITH_TIMEOUT(dialog->quantityBox()->isEnabled(), kWait);
    dialog->quantityBox()->selectAll();
    QTest::keyClicks(dialog->quantityBox(), QString::number(quantity));
    QTest::keyClick(dialog->quantityBox(), Qt::Key_Return);
}

void TestAdminStockIntake::scanTypeConfirm()
{
    ProductListModel *model = m_window->productsPage()->model();
    const Product a = *model->productAt(0);
    const Product b = *model->productAt(1);
    const Product c = *model->productAt(2);
    const int stockA = stockOf(a.id);
    const int stockB = stockOf(b.id);
    const int stockC = stockOf(c.id);

    m_window->productsPage()->table()->setFocus();
    QTest::keyClick(m_window->productsPage()->table(), Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(m_window->productsPage()->stockIntakeDialog() != nullptr);
    StockIntakeDialog *dialog = m_window->productsPage()->stockIntakeDialog();
    QTRY_VERIFY(dialog->isVisible());

    // A: 5, then scanned again with 2 (the same line: 7).
    scan(dialog, a.sku);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->productLabel()->text().contains(a.name), kWait);
    typeQuantity(dialog, 5);
    QTRY_COMPARE(dialog->lineCount(), 1);
    scan(dialog, a.sku);
    typeQuantity(dialog, 2);
    QTRY_COMPARE(dialog->linesTable()->item(0, StockIntakeDialog::QuantityColumn)->text(),
                 QStringLiteral("7"));
    QCOMPARE(dialog->lineCount(), 1);

    // An unknown SKU: explained, nothing added, the scan field ready again.
    scan(dialog, QStringLiteral("NO-SUCH-SKU-42"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->productLabel()->text().contains(QStringLiteral("NO-SUCH")),
                             kWait);
    QTRY_VERIFY(!dialog->isLookingUp());
    QVERIFY(!dialog->quantityBox()->isEnabled());
    QCOMPARE(dialog->lineCount(), 1);

    scan(dialog, b.sku);
    typeQuantity(dialog, 3);
    scan(dialog, c.sku);
    typeQuantity(dialog, 4);
    QTRY_COMPARE(dialog->lineCount(), 3);

    // A product far down the list (the old lookup paged 100 products a request, newest first,
    // and reached this one after 20 requests): found by its exact SKU in one request. Taken in
    // and removed again below, with B.
    const QString deepSku =
        m_server
            .queryValue(QStringLiteral("SELECT sku FROM products ORDER BY created_at DESC, id DESC "
                                       "OFFSET 2000 LIMIT 1"))
            .toString();
    const QString deepName =
        m_server.queryValue(QStringLiteral("SELECT name FROM products WHERE sku = ?"), {deepSku})
            .toString();
    QVERIFY(!deepSku.isEmpty() && !deepName.isEmpty());
    scan(dialog, deepSku);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->productLabel()->text().contains(deepName), kWait);
    typeQuantity(dialog, 6);
    QTRY_COMPARE(dialog->lineCount(), 4);
    QCOMPARE(dialog->linesTable()->item(3, StockIntakeDialog::SkuColumn)->text(), deepSku);
    dialog->linesTable()->setFocus();
    dialog->linesTable()->setCurrentCell(3, 0);
    QTest::keyClick(dialog->linesTable(), Qt::Key_Delete);
    QCOMPARE(dialog->lineCount(), 3);

    // B was a mistake: removed with Delete before confirming.
    dialog->linesTable()->setFocus();
    dialog->linesTable()->setCurrentCell(1, 0);
    QTest::keyClick(dialog->linesTable(), Qt::Key_Delete);
    QCOMPARE(dialog->lineCount(), 2);
    QCOMPARE(dialog->linesTable()->item(1, StockIntakeDialog::SkuColumn)->text(), c.sku);
    QCOMPARE(stockOf(a.id), stockA); // nothing sent before the confirmation
    saveScreenshot(dialog, QStringLiteral("admin-stock-intake"));

    QSignalSpy confirmed(dialog, &StockIntakeDialog::confirmed);
    QTest::keyClick(dialog->scanEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, kWait);
    QCOMPARE(confirmed.at(0).at(0).toInt(), 2);
    QCOMPARE(confirmed.at(0).at(1).toInt(), 0);
    QCOMPARE(stockOf(a.id), stockA + 7);
    QCOMPARE(stockOf(b.id), stockB);
    QCOMPARE(stockOf(c.id), stockC + 4);
    QCOMPARE(dialog->lineState(0), StockIntakeDialog::LineState::Done);
    QVERIFY2(dialog->linesTable()
                 ->item(0, StockIntakeDialog::ResultColumn)
                 ->text()
                 .contains(QString::number(stockA + 7)),
             qPrintable(dialog->linesTable()->item(0, StockIntakeDialog::ResultColumn)->text()));
    // One "received" movement per line.
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("SELECT count(*) FROM stock_movements WHERE reason = "
                                            "'received' AND note = 'Stock intake' AND product_id "
                                            "IN (?::uuid, ?::uuid, ?::uuid)"),
                             {a.id.toString(), b.id.toString(), c.id.toString()})
                 .toInt(),
             2);
    // Done lines cannot be removed any more; the confirmation is not offered again.
    dialog->removeLine(0);
    QCOMPARE(dialog->lineCount(), 2);
    QVERIFY(!dialog->confirmButton()->isEnabled());
}

QTEST_MAIN(TestAdminStockIntake)
#include "tst_adminstockintake.moc"
