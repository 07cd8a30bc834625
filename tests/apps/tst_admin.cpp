#include "adminwindow.h"
#include "categoriespage.h"
#include "client/adminorderlistmodel.h"
#include "client/categorytreemodel.h"
#include "client/productlistmodel.h"
#include "client/userlistmodel.h"
#include "customerspage.h"
#include "dashboardpage.h"
#include "orderspage.h"
#include "productstablepage.h"
#include "screenshot.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/statuspanel.h"
#include "widgets/translationloader.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Shop;
using namespace Shop::Client;
using namespace Shop::Widgets;
using Shop::Tests::saveScreenshot;
using namespace Shop::Admin;

class TestAdmin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void tableListsProducts();
    void scrollingLoadsMore();
    void headerClickSortsOnServer();
    void searchNarrowsTable();
    void dashboardShowsCatalogFigures();
    void categoriesShowTree();
    void laterSectionsSaySo();
    void languageChangesWhileRunning();

private:
    [[nodiscard]] ProductListModel *model() const { return m_window->productsPage()->model(); }
    [[nodiscard]] QTableView *table() const { return m_window->productsPage()->table(); }
    [[nodiscard]] bool ready() const { return model()->state() == ProductListModel::State::Ready; }
    void clickHeader(int column)
    {
        QHeaderView *header = table()->horizontalHeader();
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    }

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<AdminWindow> m_window;
    qint64 m_total = 0;
};

void TestAdmin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("admin.ini"))));
    m_context->saveServer(m_server.baseUrl());
    m_window = std::make_unique<AdminWindow>(*m_context, nullptr, AdminWindow::Access::Open);
    m_window->resize(1280, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestAdmin::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
}

void TestAdmin::tableListsProducts()
{
    QCOMPARE(m_window->currentSection(), AdminWindow::ProductsSection);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 20000);
    QCOMPARE(model()->rowCount(), ProductsTablePage::kPageSize);
    m_total = model()->totalCount();
    QVERIFY(m_total > ProductsTablePage::kPageSize);
    QVERIFY(table()->isVisible());
    QCOMPARE(table()->model()->columnCount(), int(ProductListModel::ColumnCount));
    // Sorted by name to begin with, and the header says so.
    QCOMPARE(model()->query().sort, ProductSort::Name);
    QCOMPARE(table()->horizontalHeader()->sortIndicatorSection(),
             int(ProductListModel::NameColumn));
    const auto *count = m_window->findChild<QLabel *>(QStringLiteral("adminResultCount"));
    QCOMPARE(count->text(),
             QStringLiteral("Showing 100 of %1 products").arg(QLocale().toString(m_total)));
    saveScreenshot(m_window.get(), QStringLiteral("admin-products"));
}

void TestAdmin::scrollingLoadsMore()
{
    QTRY_VERIFY(ready());
    table()->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(model()->rowCount() >= 2 * ProductsTablePage::kPageSize && ready(),
                             20000);
    QVERIFY(model()->rowCount() < m_total); // page by page, not everything at once
}

void TestAdmin::headerClickSortsOnServer()
{
    QHeaderView *header = table()->horizontalHeader();

    clickHeader(ProductListModel::PriceColumn);
    QCOMPARE(model()->query().sort, ProductSort::PriceAsc);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 20000);
    QCOMPARE(header->sortIndicatorSection(), int(ProductListModel::PriceColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    const qint64 cheapest = model()->productAt(0)->price.minorUnits();
    for (int row = 1; row < model()->rowCount(); ++row) {
        QVERIFY(model()->productAt(row - 1)->price.minorUnits()
                <= model()->productAt(row)->price.minorUnits());
    }

    clickHeader(ProductListModel::PriceColumn); // again: reversed
    QCOMPARE(model()->query().sort, ProductSort::PriceDesc);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 20000);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(model()->productAt(0)->price.minorUnits() >= cheapest);
    QVERIFY(model()->productAt(0)->price.minorUnits()
            > model()->productAt(model()->rowCount() - 1)->price.minorUnits());
    saveScreenshot(m_window.get(), QStringLiteral("admin-products-by-price"));

    clickHeader(ProductListModel::CreatedColumn);
    QCOMPARE(model()->query().sort, ProductSort::Newest);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 20000);
    QCOMPARE(header->sortIndicatorSection(), int(ProductListModel::CreatedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

    // The API cannot sort by SKU: nothing changes, the arrow stays where the order is.
    clickHeader(ProductListModel::SkuColumn);
    QCOMPARE(model()->query().sort, ProductSort::Newest);
    QCOMPARE(header->sortIndicatorSection(), int(ProductListModel::CreatedColumn));

    clickHeader(ProductListModel::NameColumn);
    QCOMPARE(model()->query().sort, ProductSort::Name);
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 20000);
}

void TestAdmin::searchNarrowsTable()
{
    QLineEdit *search = m_window->productsPage()->searchEdit();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("laptop"));
    QTRY_COMPARE(model()->query().search, QStringLiteral("laptop"));
    QTRY_VERIFY_WITH_TIMEOUT(ready(), 20000);
    QVERIFY(model()->rowCount() > 0);
    QVERIFY(model()->totalCount() < m_total);
    QCOMPARE(model()->query().sort, ProductSort::Name); // the order survives a search

    QTest::keyClick(search, Qt::Key_Escape);
    QTRY_COMPARE(model()->query().search, QString());
    QTRY_VERIFY_WITH_TIMEOUT(ready() && model()->totalCount() == m_total, 20000);
}

void TestAdmin::dashboardShowsCatalogFigures()
{
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::DashboardSection);
    DashboardPage *dashboard = m_window->dashboardPage();
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->figure(QStringLiteral("products")),
                              QLocale().toString(m_total), 20000);
    QTRY_VERIFY(dashboard->figure(QStringLiteral("categories")) != QStringLiteral("–"));
    QTRY_VERIFY(dashboard->figure(QStringLiteral("inStock")) != QStringLiteral("–"));
    QTRY_VERIFY(dashboard->figure(QStringLiteral("outOfStock")) != QStringLiteral("–"));
    const QLocale locale;
    const qint64 inStock = locale.toLongLong(dashboard->figure(QStringLiteral("inStock")));
    const qint64 outOfStock = locale.toLongLong(dashboard->figure(QStringLiteral("outOfStock")));
    QCOMPARE(inStock + outOfStock, m_total);
    saveScreenshot(m_window.get(), QStringLiteral("admin-dashboard"));
}

void TestAdmin::categoriesShowTree()
{
    QTest::keyClick(m_window.get(), Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::CategoriesSection);
    CategoriesPage *page = m_window->categoriesPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->state(), CategoryTreeModel::State::Ready, 20000);
    QVERIFY(page->model()->rowCount() > 0);
    QTRY_VERIFY(page->view()->isVisible());
    saveScreenshot(m_window.get(), QStringLiteral("admin-categories"));
}

void TestAdmin::laterSectionsSaySo()
{
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::OrdersSection);
    // The Orders section is real (tst_adminorders): without a staff sign-in the server refuses.
    OrdersPage *orders = m_window->ordersPage();
    QCOMPARE(m_window->sectionWidget(AdminWindow::OrdersSection), orders);
    QTRY_COMPARE_WITH_TIMEOUT(orders->model()->state(), AdminOrderListModel::State::Failed, 20000);
    QTRY_VERIFY(orders->statusPanel()->isVisible());
    QCOMPARE(orders->statusPanel()->kind(), StatusPanel::Kind::Error);
    QCOMPARE(orders->statusPanel()->title(), QStringLiteral("Not allowed"));
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->currentSection(), AdminWindow::CustomersSection);
    // The Customers section is real now (tst_admincustomers): nobody is signed in here
    // (Access::Open), so the server refuses the list and the page says so.
    CustomersPage *customers = m_window->customersPage();
    QCOMPARE(m_window->sectionWidget(AdminWindow::CustomersSection), customers);
    QTRY_COMPARE_WITH_TIMEOUT(customers->model()->state(), UserListModel::State::Failed, 20000);
    QTRY_VERIFY(customers->statusPanel()->isVisible());
    QCOMPARE(customers->statusPanel()->kind(), StatusPanel::Kind::Error);
    QCOMPARE(customers->statusPanel()->title(), QStringLiteral("Not allowed"));
}

// A language change (the settings dialog calls TranslationLoader::install) reaches the whole
// console at once: window title, section list, table headers, search box, the Orders section, and
// the dashboard's figures in the new locale's digit grouping.
void TestAdmin::languageChangesWhileRunning()
{
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    DashboardPage *dashboard = m_window->dashboardPage();
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->figure(QStringLiteral("products")),
                              QLocale().toString(m_total), 20000);
    QVERIFY2(m_total >= 1000, "the German digit grouping needs a four-digit figure");
    auto *sections = m_window->findChild<QListWidget *>(QStringLiteral("sectionList"));
    auto *search =
        m_window->productsPage()->findChild<QLineEdit *>(QStringLiteral("adminSearchEdit"));
    QCOMPARE(sections->item(AdminWindow::DashboardSection)->text(), QStringLiteral("Dashboard"));

    TranslationLoader::install(*qApp, QStringLiteral("de"));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Verwaltung"));
    QCOMPARE(sections->item(AdminWindow::DashboardSection)->text(), QStringLiteral("Übersicht"));
    QCOMPARE(sections->item(AdminWindow::OrdersSection)->text(), QStringLiteral("Bestellungen"));
    QCOMPARE(model()->headerData(ProductListModel::PriceColumn, Qt::Horizontal).toString(),
             QStringLiteral("Preis"));
    QCOMPARE(search->placeholderText(),
             QStringLiteral("Nach Name, Marke oder Beschreibung suchen (Strg+F)"));
    QCOMPARE(dashboard->figure(QStringLiteral("products")),
             QLocale(QStringLiteral("de")).toString(m_total));
    QVERIFY(dashboard->figure(QStringLiteral("products")).contains(u'.')); // "2.322"
    QCOMPARE(m_window->ordersPage()->searchEdit()->placeholderText(),
             QStringLiteral("Bestellnummer oder E-Mail-Adresse des Kunden (Strg+F)"));
    QCoreApplication::processEvents(); // the layouts' pass for the longer German texts
    saveScreenshot(m_window.get(), QStringLiteral("admin-dashboard-de"));

    TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Admin Console"));
    QCOMPARE(sections->item(AdminWindow::DashboardSection)->text(), QStringLiteral("Dashboard"));
    QCOMPARE(model()->headerData(ProductListModel::PriceColumn, Qt::Horizontal).toString(),
             QStringLiteral("Price"));
    QCOMPARE(dashboard->figure(QStringLiteral("products")), QLocale().toString(m_total));
}

QTEST_MAIN(TestAdmin)
#include "tst_admin.moc"
