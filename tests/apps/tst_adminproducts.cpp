#include "adminwindow.h"
#include "categoriespage.h"
#include "client/admincatalogclient.h"
#include "client/authsession.h"
#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/productlistmodel.h"
#include "client/secretstore.h"
#include "client/settings.h"
#include "csvimportdialog.h"
#include "productconflictdialog.h"
#include "productdialog.h"
#include "productimagespanel.h"
#include "productstablepage.h"
#include "screenshot.h"
#include "signinpage.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/signinform.h"
#include "widgets/translationloader.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
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

// The console's catalog management against the REAL shop-server on a fresh seeded database,
// signed in as the seed's admin: a product created in the form (a bad price at its field, the
// server's 422 for a taken SKU at the SKU field) and found by the storefront's search; a price
// edited in place and seen through the public API; the stock counted in place (a "counted"
// movement, never a PUT); the 412 conflict dialog with both versions (keep mine, take the
// server's); bulk deactivation with its summary; the category tree editor (create, rename, a
// move refused as a cycle and put back, delete refused while not empty, then allowed).
class TestAdminProducts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void actionsAreNamed();
    void createProductAndFindItInTheStorefront();
    void editPriceInPlace();
    void countStockInPlace();
    void conflictKeepMine();
    void conflictTakeServers();
    void bulkDeactivate();
    void categoryTreeEditor();
    void csvImportDryRunThenApply();
    void imagesDroppedOntoTheForm();

private:
    [[nodiscard]] ProductsTablePage *page() const { return m_window->productsPage(); }
    [[nodiscard]] ProductListModel *model() const { return page()->model(); }
    [[nodiscard]] bool ready() const { return model()->state() == ProductListModel::State::Ready; }
    [[nodiscard]] Product publicProduct(const ProductId &id);
    [[nodiscard]] AdminProduct adminProduct(const ProductId &id);
    void editCell(int row, int column, const QString &text);

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminWindow> m_window;
    // The storefront's view and a second admin, on their own transports.
    std::unique_ptr<ApiClient> m_publicApi;
    std::unique_ptr<CatalogClient> m_storefront;
    std::unique_ptr<AdminCatalogClient> m_other;
};

void TestAdminProducts::initTestCase()
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
    QCOMPARE(m_window->currentSection(), AdminWindow::ProductsSection);
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() > 5, kWait);

    m_publicApi = std::make_unique<ApiClient>();
    m_publicApi->setBaseUrl(m_server.baseUrl());
    m_storefront = std::make_unique<CatalogClient>(m_publicApi.get());
    // The second admin shares the console's signed-in transport: another "session" as far as
    // If-Match is concerned (the tag is all that counts).
    m_other = std::make_unique<AdminCatalogClient>(m_context->api());
}

void TestAdminProducts::init()
{
    // A reload after the previous test's change may still be on its way: rows settle first.
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowCount() > 6, kWait);
}

void TestAdminProducts::cleanup()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
    }
}

void TestAdminProducts::cleanupTestCase()
{
    m_window.reset();
    m_other.reset();
    m_context.reset();
}

Product TestAdminProducts::publicProduct(const ProductId &id)
{
    std::optional<Result<Product>> result;
    m_storefront->product(id, nullptr, [&](Result<Product> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kWait) || !*result) {
        return {};
    }
    return **result;
}

AdminProduct TestAdminProducts::adminProduct(const ProductId &id)
{
    std::optional<Result<AdminProduct>> result;
    m_other->product(id, nullptr, [&](Result<AdminProduct> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kWait) || !*result) {
        return {};
    }
    return **result;
}

void TestAdminProducts::editCell(int row, int column, const QString &text)
{
    QTableView *table = page()->table();
    const QModelIndex index = table->model()->index(row, column);
    table->setFocus();
    table->setCurrentIndex(index);
    table->scrollTo(index);
    QTest::keyClick(table, Qt::Key_F2);
    // The delegate's editor, on the viewport.
    QWidget *editor = nullptr;
    QTRY_VERIFY((editor = table->viewport()->findChild<QSpinBox *>())
                || (editor = table->viewport()->findChild<QLineEdit *>()));
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->selectAll();
        QTest::keyClicks(spin, text);
        QTest::keyClick(spin, Qt::Key_Return);
    } else {
        auto *line = qobject_cast<QLineEdit *>(editor);
        QVERIFY(line);
        line->selectAll();
        QTest::keyClicks(line, text);
        QTest::keyClick(line, Qt::Key_Return);
    }
}

void TestAdminProducts::actionsAreNamed()
{
    QStringList names;
    for (QAction *action : page()->catalogActions()) {
        names << action->objectName();
        QVERIFY2(!action->text().isEmpty(), qPrintable(action->objectName()));
    }
    QCOMPARE(
        names,
        QStringList({QStringLiteral("newProductAction"), QStringLiteral("editProductAction"),
                     QStringLiteral("stockIntakeAction"), QStringLiteral("activateAction"),
                     QStringLiteral("deactivateAction"), QStringLiteral("moveToCategoryAction"),
                     QStringLiteral("importCsvAction"), QStringLiteral("exportCsvAction")}));
    // In the window's Catalog menu, for the menu bar and the command palette.
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("catalogMenu"));
    QVERIFY(menu);
    QVERIFY(menu->actions().contains(page()->action(QStringLiteral("newProductAction"))));
}

void TestAdminProducts::createProductAndFindItInTheStorefront()
{
    page()->table()->setFocus();
    QTest::keyClick(page()->table(), Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(page()->productDialog() != nullptr);
    ProductDialog *dialog = page()->productDialog();
    QVERIFY(dialog->isNew());
    QTRY_VERIFY(dialog->isVisible());

    // A SKU that is taken (the first product's) and a price that is not a number.
    const QString takenSku = model()->productAt(0)->sku;
    QTest::keyClicks(dialog->skuEdit(), takenSku);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Console Teapot Zephyrine"));
    QTest::keyClicks(dialog->priceEdit(), QStringLiteral("12.5.0"));
    dialog->stockBox()->setValue(7);
    QTest::keyClick(dialog->saveButton(), Qt::Key_Space);
    QVERIFY(!dialog->fieldError(QStringLiteral("price")).isEmpty());
    QVERIFY(dialog->isVisible());

    dialog->priceEdit()->clear();
    QTest::keyClicks(dialog->priceEdit(), QStringLiteral("24.90"));
    QTest::keyClick(dialog->saveButton(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->fieldError(QStringLiteral("sku")).isEmpty(), kWait);
    QVERIFY(dialog->fieldError(QStringLiteral("price")).isEmpty());
    QVERIFY(dialog->isVisible()); // still open, with what staff typed
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Console Teapot Zephyrine"));
    saveScreenshot(dialog, QStringLiteral("admin-product-form-errors"));

    QSignalSpy saved(dialog, &ProductDialog::saved);
    dialog->skuEdit()->clear();
    QTest::keyClicks(dialog->skuEdit(), QStringLiteral("TEAPOT-ZEPH-1"));
    QTest::keyClick(dialog->skuEdit(), Qt::Key_Return); // the form's default button
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWait);
    const auto created = saved.at(0).at(0).value<AdminProduct>();
    QCOMPARE(created.product.sku, QStringLiteral("TEAPOT-ZEPH-1"));
    QCOMPARE(created.product.price.minorUnits(), 2490);
    QCOMPARE(created.product.stockQuantity, 7);
    QTRY_VERIFY(page()->productDialog() == nullptr); // closed

    // The storefront's search finds it.
    ProductListModel storefront(m_storefront.get());
    ProductQuery query;
    query.search = QStringLiteral("Zephyrine teapot");
    storefront.setQuery(query);
    QTRY_VERIFY_WITH_TIMEOUT(storefront.state() == ProductListModel::State::Ready, kWait);
    QCOMPARE(storefront.rowCount(), 1);
    QCOMPARE(storefront.productAt(0)->sku, QStringLiteral("TEAPOT-ZEPH-1"));
    QCOMPARE(storefront.productAt(0)->stockQuantity, 7);
}

void TestAdminProducts::editPriceInPlace()
{
    const Product before = *model()->productAt(1);
    const qint64 newPrice = before.price.minorUnits() + 123;
    const QString text = Money(newPrice, before.price.currency()).toDecimalString();
    editCell(1, ProductListModel::PriceColumn, text);
    // The public API (and so the storefront) shows the new price.
    QTRY_COMPARE_WITH_TIMEOUT(publicProduct(before.id).price.minorUnits(), newPrice, kWait);
    QTRY_COMPARE(model()->productAt(1)->price.minorUnits(), newPrice);
    QVERIFY(page()->noticeLabel()->text().contains(before.name));
    // Only the price changed: the revision went up by one, the stock is untouched.
    const AdminProduct after = adminProduct(before.id);
    QCOMPARE(after.product.price.minorUnits(), newPrice);
    QCOMPARE(after.product.name, before.name);

    // Not a price: nothing sent, the notice says why.
    editCell(1, ProductListModel::PriceColumn, QStringLiteral("cheap"));
    QTRY_VERIFY(page()->noticeLabel()->property("isError").toBool());
    QCOMPARE(publicProduct(before.id).price.minorUnits(), newPrice);
}

void TestAdminProducts::countStockInPlace()
{
    const Product before = *model()->productAt(2);
    const qint64 revision = adminProduct(before.id).revision;
    const int counted = before.stockQuantity + 11;
    editCell(2, ProductListModel::StockColumn, QString::number(counted));
    // The admin read (never cached; the public routes cache the stock until it sells out).
    QTRY_COMPARE_WITH_TIMEOUT(adminProduct(before.id).product.stockQuantity, counted, kWait);
    QTRY_COMPARE(model()->productAt(2)->stockQuantity, counted);
    // A "counted" movement of the difference, not a PUT.
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("SELECT delta FROM stock_movements WHERE product_id = "
                                            "?::uuid AND reason = 'counted' ORDER BY created_at "
                                            "DESC LIMIT 1"),
                             {before.id.toString()})
                 .toInt(),
             11);
    QCOMPARE(adminProduct(before.id).revision, revision); // the stock is not in the revision
}

void TestAdminProducts::conflictKeepMine()
{
    const Product shown = *model()->productAt(3);
    ProductDialog *dialog = page()->editProduct(shown.id);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), kWait);
    QCOMPARE(dialog->nameEdit()->text(), shown.name);

    // Someone else changes the price meanwhile.
    const AdminProduct read = adminProduct(shown.id);
    ProductDraft theirs = ProductDraft::fromProduct(read.product);
    theirs.price = Money(read.product.price.minorUnits() + 500, read.product.price.currency());
    std::optional<Result<AdminProduct>> other;
    m_other->updateProduct(shown.id, theirs, read.etag, nullptr,
                           [&](Result<AdminProduct> r) { other = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(other.has_value(), kWait);
    QVERIFY(bool(*other));

    const QString myName = shown.name + QStringLiteral(" (renamed)");
    dialog->nameEdit()->setText(myName);
    QSignalSpy conflict(dialog, &ProductDialog::conflictShown);
    dialog->save();
    QTRY_COMPARE_WITH_TIMEOUT(conflict.count(), 1, kWait);
    ProductConflictDialog *compare = dialog->conflictDialog();
    QVERIFY(compare && compare->isVisible());
    QCOMPARE(compare->differingFields(),
             QStringList({QStringLiteral("Name"), QStringLiteral("Price")}));
    // Both versions side by side.
    QCOMPARE(compare->table()->item(1, 1)->text(), myName);
    QCOMPARE(compare->table()->item(1, 2)->text(), shown.name);
    saveScreenshot(compare, QStringLiteral("admin-product-conflict"));

    QSignalSpy saved(dialog, &ProductDialog::saved);
    QTest::mouseClick(compare->keepMineButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWait);
    const AdminProduct after = adminProduct(shown.id);
    QCOMPARE(after.product.name, myName);
    QCOMPARE(after.product.price, shown.price); // mine, over theirs
    QCOMPARE(after.revision, (*other)->revision + 1);
}

void TestAdminProducts::conflictTakeServers()
{
    const Product shown = *model()->productAt(4);
    const QString typed =
        Money(shown.price.minorUnits() + 100, shown.price.currency()).toDecimalString();
    // The other admin renames it after the table was loaded; staff then edit the price in the
    // table: the server's version differs from what the table showed.
    const AdminProduct read = adminProduct(shown.id);
    ProductDraft theirs = ProductDraft::fromProduct(read.product);
    theirs.name = shown.name + QStringLiteral(" (theirs)");
    theirs.price = Money(shown.price.minorUnits() + 7, shown.price.currency());
    std::optional<Result<AdminProduct>> other;
    m_other->updateProduct(shown.id, theirs, read.etag, nullptr,
                           [&](Result<AdminProduct> r) { other = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(other.has_value() && bool(*other), kWait);

    editCell(4, ProductListModel::PriceColumn, typed);
    QTRY_VERIFY_WITH_TIMEOUT(page()->conflictDialog() && page()->conflictDialog()->isVisible(),
                             kWait);
    ProductConflictDialog *compare = page()->conflictDialog();
    QVERIFY(compare->differingFields().contains(QStringLiteral("Price")));
    QTest::mouseClick(compare->takeServersButton(), Qt::LeftButton);
    QTRY_COMPARE(model()->productAt(4)->name, theirs.name);
    const AdminProduct after = adminProduct(shown.id);
    QCOMPARE(after.revision, (*other)->revision); // nothing sent
    QCOMPARE(after.product.price, theirs.price);
}

void TestAdminProducts::bulkDeactivate()
{
    QTRY_VERIFY(ready());
    // Two active rows (the staff list has the seed's inactive products too).
    QList<int> rows;
    for (int row = 5; row < model()->rowCount() && rows.size() < 2; ++row) {
        if (model()->productAt(row)->isActive) {
            rows.append(row);
        }
    }
    QCOMPARE(rows.size(), 2);
    const Product a = *model()->productAt(rows.at(0));
    const Product b = *model()->productAt(rows.at(1));
    QTableView *table = page()->table();
    table->setFocus();
    table->selectionModel()->clearSelection();
    for (const int row : rows) {
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(page()->selectedProducts().size(), 2);
    QSignalSpy finished(page(), &ProductsTablePage::bulkFinished);
    page()->action(QStringLiteral("deactivateAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWait);
    QCOMPARE(finished.at(0).at(0).toInt(), 2);
    QCOMPARE(finished.at(0).at(1).toInt(), 0);
    QVERIFY(!adminProduct(a.id).product.isActive);
    QVERIFY(!adminProduct(b.id).product.isActive);
    QVERIFY(publicProduct(a.id).id.isNull()); // hidden from the storefront (404)
    QVERIFY(page()->noticeLabel()->text().contains(QStringLiteral("2")));
    // The table lists the staff's list (GET /api/admin/products?active=all): the rows stay,
    // marked inactive, also after a reload, so they can be activated again from the table.
    QVERIFY(!model()->productAt(model()->rowOf(a.id))->isActive);
    model()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->rowOf(a.id) >= 0 && model()->rowOf(b.id) >= 0,
                             kWait);
    const int rowA = model()->rowOf(a.id);
    const int rowB = model()->rowOf(b.id);
    QVERIFY(!model()->productAt(rowA)->isActive);
    QVERIFY(model()
                ->data(model()->index(rowA, ProductListModel::NameColumn))
                .toString()
                .contains(QStringLiteral("inactive")));
    table->selectionModel()->clearSelection();
    for (const int row : {rowA, rowB}) {
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(page()->selectedProducts().size(), 2);
    page()->action(QStringLiteral("activateAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWait);
    QCOMPARE(finished.at(1).at(0).toInt(), 2);
    QCOMPARE(finished.at(1).at(1).toInt(), 0);
    QVERIFY(adminProduct(a.id).product.isActive);
    QVERIFY(adminProduct(b.id).product.isActive);
    QVERIFY(model()->productAt(model()->rowOf(a.id))->isActive);
    QCOMPARE(publicProduct(a.id).id, a.id); // in the storefront again
    table->selectionModel()->clearSelection();
}

void TestAdminProducts::categoryTreeEditor()
{
    m_window->showSection(AdminWindow::CategoriesSection);
    QCOMPARE(m_window->currentSection(), AdminWindow::CategoriesSection);
    CategoriesPage *categories = m_window->categoriesPage();
    CategoryTreeModel *tree = categories->model();
    QTRY_VERIFY_WITH_TIMEOUT(tree->state() == CategoryTreeModel::State::Ready, kWait);
    QSignalSpy finished(categories, &CategoriesPage::changeFinished);

    categories->createCategory(QStringLiteral("Console Shelf"), QString());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWait);
    QVERIFY(finished.at(0).at(0).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(
        categories->viewIndexForSlug(QStringLiteral("console-shelf")).isValid(), kWait);
    const QString shelf = categories->selectedId();
    QVERIFY(!shelf.isEmpty());
    categories->createCategory(QStringLiteral("Console Box"), shelf);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(categories->viewIndexForSlug(QStringLiteral("console-box")).isValid(),
                             kWait);
    const QString box = categories->selectedId();
    QCOMPARE(categories->viewIndexForSlug(QStringLiteral("console-box")).parent(),
             categories->viewIndexForSlug(QStringLiteral("console-shelf")));

    categories->renameCategory(shelf, QStringLiteral("Console Shelves"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(
        categories->viewIndexForSlug(QStringLiteral("console-shelf")).data().toString(),
        QStringLiteral("Console Shelves"), kWait);

    // The shelf under its own box: the server refuses the cycle; the message says so and the
    // tree is as before.
    categories->moveCategory(shelf, box);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, kWait);
    QVERIFY(!finished.at(3).at(0).toBool());
    QVERIFY2(categories->messageLabel()->text().contains(QStringLiteral("under itself")),
             qPrintable(categories->messageLabel()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(tree->state() == CategoryTreeModel::State::Ready, kWait);
    QCOMPARE(categories->viewIndexForSlug(QStringLiteral("console-box")).parent(),
             categories->viewIndexForSlug(QStringLiteral("console-shelf")));
    saveScreenshot(categories, QStringLiteral("admin-categories-editor"));

    // Not empty: 409 explained.
    categories->deleteCategory(shelf);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 5, kWait);
    QVERIFY(!finished.at(4).at(0).toBool());
    QVERIFY2(categories->messageLabel()->text().contains(QStringLiteral("still holds")),
             qPrintable(categories->messageLabel()->text()));

    // The box to the top, then both deleted.
    categories->moveCategory(box, QString());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 6, kWait);
    QVERIFY(finished.at(5).at(0).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(
        !categories->viewIndexForSlug(QStringLiteral("console-box")).parent().isValid()
            && categories->viewIndexForSlug(QStringLiteral("console-box")).isValid(),
        kWait);
    categories->deleteCategory(shelf);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 7, kWait);
    QVERIFY(finished.at(6).at(0).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(
        !categories->viewIndexForSlug(QStringLiteral("console-shelf")).isValid(), kWait);
}

// The CSV window against the server: a file with a bad price and an unknown category is checked
// (both rows in the error list, Import not offered, nothing written); the corrected file is
// checked and imported.
void TestAdminProducts::csvImportDryRunThenApply()
{
    CsvImportDialog *dialog = page()->openCsvImport();
    QVERIFY(dialog);
    const auto writeFile = [&](const QString &name, const QByteArray &bytes) {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            return QString();
        }
        return file.fileName();
    };
    const QString bad = writeFile(QStringLiteral("bad.csv"),
                                  "SKU,Name,Price,Category Slug,Stock Quantity\n"
                                  "WCSV-1,Widget mug,12.50,,4\n"
                                  "WCSV-2,Widget cup,twelve,,4\n"
                                  "WCSV-3,Widget pot,9.00,no-such-category,4\n");
    QVERIFY(!bad.isEmpty());
    QVERIFY(dialog->loadFile(bad));
    QSignalSpy checked(dialog, &CsvImportDialog::dryRunFinished);
    QSignalSpy imported(dialog, &CsvImportDialog::imported);
    dialog->dryRunButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, kWait);
    const auto report = checked.at(0).at(0).value<Client::CsvImportReport>();
    QCOMPARE(report.errors.size(), 2);
    QTableWidget *errors = dialog->errorTable();
    QCOMPARE(errors->rowCount(), 2);
    QString listed;
    for (int row = 0; row < errors->rowCount(); ++row) {
        for (int column = 0; column < errors->columnCount(); ++column) {
            if (const QTableWidgetItem *item = errors->item(row, column)) {
                listed += item->text() + QLatin1Char(' ');
            }
        }
    }
    QVERIFY2(listed.contains(QStringLiteral("price")), qPrintable(listed));
    QVERIFY2(listed.contains(QStringLiteral("category")), qPrintable(listed));
    QVERIFY(!dialog->importButton()->isEnabled());

    const QString good = writeFile(QStringLiteral("good.csv"),
                                   "SKU,Name,Price,Category Slug,Stock Quantity\n"
                                   "WCSV-1,Widget mug,12.50,,4\n"
                                   "WCSV-2,Widget cup,11.00,,4\n");
    QVERIFY(dialog->loadFile(good));
    dialog->dryRunButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, kWait);
    QVERIFY(checked.at(1).at(0).value<Client::CsvImportReport>().errors.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->importButton()->isEnabled(), kWait);
    dialog->importButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, kWait);
    QCOMPARE(imported.at(0).at(0).value<Client::CsvImportReport>().created, 2);
    dialog->close();
}

// Images in the product form: an SVG dropped onto the panel (a simulated QDropEvent with the
// file's URL) is previewed, uploaded and listed; a text file named .png is refused in words that
// say what to do; the image made primary (the form's image URL follows), then deleted.
void TestAdminProducts::imagesDroppedOntoTheForm()
{
    const Product shown = *model()->productAt(2);
    ProductDialog *dialog = page()->editProduct(shown.id);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), kWait);
    ProductImagesPanel *panel = dialog->imagesPanel();
    QVERIFY(panel);
    QVERIFY(panel->acceptDrops());
    QSignalSpy uploaded(panel, &ProductImagesPanel::uploaded);
    QSignalSpy failed(panel, &ProductImagesPanel::uploadFailed);

    const QString svg = m_dir.filePath(QStringLiteral("mug.png"));
    {
        QFile file(svg);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromHex(
            "89504e470d0a1a0a0000000d494844520000000c000000080802000000428689a60000001149444154789c"
            "6338636c4c10318c2a0200956672c16ccc7bd60000000049454e44ae426082"));
    }
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(svg)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(panel, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(panel, &drop);
    QTRY_COMPARE_WITH_TIMEOUT(uploaded.count(), 1, kWait);
    QVERIFY(!panel->previewLabel()->pixmap().isNull()); // read by QImageReader
    const auto image = uploaded.at(0).at(0).value<Client::ProductImage>();
    QCOMPARE(image.width, 12);
    QTRY_COMPARE_WITH_TIMEOUT(panel->imageList()->count(), 1, kWait);

    const QString fake = m_dir.filePath(QStringLiteral("notes.png"));
    {
        QFile file(fake);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are notes, not a picture\n");
    }
    panel->addFiles({fake});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWait);
    QVERIFY2(panel->messageLabel()->text().contains(QStringLiteral("notes.png"))
                 && panel->messageLabel()->text().contains(QStringLiteral("save it again")),
             qPrintable(panel->messageLabel()->text()));
    QCOMPARE(panel->imageList()->count(), 1);

    QSignalSpy primary(panel, &ProductImagesPanel::primaryChanged);
    panel->imageList()->setCurrentRow(0);
    QVERIFY(panel->primaryButton()->isEnabled());
    panel->primaryButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(primary.count(), 1, kWait);
    QVERIFY2(dialog->imageUrlEdit()->text().contains(image.url),
             qPrintable(dialog->imageUrlEdit()->text()));
    QCOMPARE(adminProduct(shown.id).product.imageUrl, dialog->imageUrlEdit()->text());

    QSignalSpy deleted(panel, &ProductImagesPanel::deleted);
    QTRY_VERIFY_WITH_TIMEOUT(panel->deleteButton()->isEnabled(), kWait);
    panel->deleteButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, kWait);
    QCOMPARE(panel->imageList()->count(), 0);
    dialog->close();
}

QTEST_MAIN(TestAdminProducts)
#include "tst_adminproducts.moc"
