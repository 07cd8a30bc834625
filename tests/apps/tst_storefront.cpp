#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/productlistmodel.h"
#include "homepage.h"
#include "mainwindow.h"
#include "productcarddelegate.h"
#include "productgridview.h"
#include "productimageview.h"
#include "productpage.h"
#include "productspage.h"
#include "screenshot.h"
#include "support/externalserver.h"
#include "widgets/appcontext.h"
#include "widgets/settingsdialog.h"
#include "widgets/statuspanel.h"
#include "widgets/translationloader.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Shop;
using namespace Shop::Client;
using namespace Shop::Widgets;
using Shop::Tests::saveScreenshot;
using namespace Shop::Storefront;
using namespace std::chrono_literals;

namespace {

QStringList itemTexts(const QComboBox *box)
{
    QStringList texts;
    for (int i = 0; i < box->count(); ++i) {
        texts << box->itemText(i);
    }
    return texts;
}

bool matchesSearch(const Product &p, const QString &word)
{
    const QString text = p.name + u' ' + p.description + u' ' + p.brand + u' ' + p.categoryName;
    return text.contains(word, Qt::CaseInsensitive);
}

} // namespace

class TestStorefront final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void homeShowsProductRows();
    void productsGridShowsProducts();
    void searchNarrowsGrid();
    void categoryFilterNarrowsGrid();
    void brandPriceAndStockFiltersNarrowGrid();
    void brandBoxOffersBrandsBeyondTheLoadedPage();
    void brandBoxFollowsTheCategory();
    void enterOpensProductDetail();
    void serverGoneShowsErrorAndRetryRecovers();
    void settingsDialogChecksServerBeforeSaving();
    void languageChangesWhileRunning();
    void windowGeometryIsRemembered();

private:
    [[nodiscard]] ProductsPage *products() const { return m_window->productsPage(); }
    [[nodiscard]] bool gridReady() const
    {
        return products()->model()->state() == ProductListModel::State::Ready
            && products()->isShowingGrid();
    }
    [[nodiscard]] QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    [[nodiscard]] QComboBox *brandBox() const
    {
        return products()->findChild<QComboBox *>(QStringLiteral("brandFilter"));
    }
    // The brands the server lists for a category, straight from the API.
    [[nodiscard]] QStringList serverBrands(const QString &category);
    // Picks a category in the filter tree with the mouse.
    void clickCategory(const QString &slug);

    QTemporaryDir m_dir;
    Tests::ExternalServer m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_total = 0;
};

void TestStorefront::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    TranslationLoader::install(*qApp, QStringLiteral("en_US"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

    m_context = std::make_unique<AppContext>(
        std::make_unique<Settings>(m_dir.filePath(QStringLiteral("storefront.ini"))));
    RetryPolicy quick;
    quick.maxAttempts = 2;
    quick.initialDelay = 100ms;
    m_context->api()->setRetryPolicy(quick);
    m_context->saveServer(m_server.baseUrl());

    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestStorefront::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
}

void TestStorefront::homeShowsProductRows()
{
    QCOMPARE(m_window->currentPage(), m_window->homePage());
    HomePage *home = m_window->homePage();
    QTRY_VERIFY_WITH_TIMEOUT(home->newArrivals()->state() == ProductListModel::State::Ready, 20000);
    QCOMPARE(home->newArrivals()->rowCount(), HomePage::kStripLength);
    QTRY_VERIFY(home->isShowingContent());
    QTRY_COMPARE(home->categoryModel()->state(), CategoryTreeModel::State::Ready);
    QVERIFY(home->categoryModel()->rowCount() > 0);
    // New arrivals: newest first, all in stock.
    for (int row = 0; row < home->newArrivals()->rowCount(); ++row) {
        const Product *p = home->newArrivals()->productAt(row);
        QVERIFY(p->inStock());
        if (row > 0) {
            QVERIFY(home->newArrivals()->productAt(row - 1)->createdAt >= p->createdAt);
        }
    }
    QTest::qWait(500); // let the images arrive for the screenshot
    saveScreenshot(m_window.get(), QStringLiteral("storefront-home"));
}

void TestStorefront::productsGridShowsProducts()
{
    action("productsAction")->trigger();
    QCOMPARE(m_window->currentPage(), products());
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    ProductListModel *model = products()->model();
    QVERIFY(model->rowCount() > 0);
    m_total = model->totalCount();
    QVERIFY(m_total > 100);
    QVERIFY(products()->grid()->isVisible());
    const auto *count = products()->findChild<QLabel *>(QStringLiteral("resultCount"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("%1 products").arg(QLocale().toString(m_total)));

    // The first cards get their images.
    const QUrl firstImage = model->index(0, 0).data(ProductListModel::ImageUrlRole).toUrl();
    QVERIFY(!firstImage.isEmpty());
    const QSize imageSize = ProductCardDelegate::imageSize(products()->grid()->font());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_context->images()->hasPixmap(firstImage, imageSize,
                                       products()->grid()->viewport()->devicePixelRatioF()),
        10000);
    QTest::qWait(300);
    saveScreenshot(m_window.get(), QStringLiteral("storefront-grid"));
}

void TestStorefront::searchNarrowsGrid()
{
    ProductListModel *model = products()->model();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(products()->searchEdit()->hasFocus());

    QTest::keyClicks(products()->searchEdit(), QStringLiteral("laptop"));
    // Debounced: typing alone does not send a request per key.
    QCOMPARE(model->query().search, QString());
    QTRY_COMPARE(model->query().search, QStringLiteral("laptop"));
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QVERIFY(model->rowCount() > 0);
    QVERIFY(model->totalCount() < m_total);
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY2(matchesSearch(*model->productAt(row), QStringLiteral("laptop")),
                 qPrintable(model->productAt(row)->name));
    }
    saveScreenshot(m_window.get(), QStringLiteral("storefront-search"));

    // Esc clears the search and brings the whole catalog back.
    QTest::keyClick(products()->searchEdit(), Qt::Key_Escape);
    QCOMPARE(products()->searchEdit()->text(), QString());
    QTRY_COMPARE(model->query().search, QString());
    QTRY_VERIFY_WITH_TIMEOUT(gridReady() && model->totalCount() == m_total, 20000);
}

void TestStorefront::categoryFilterNarrowsGrid()
{
    ProductListModel *model = products()->model();
    CategoryTreeModel *categories = products()->categoryModel();
    QTRY_COMPARE(categories->state(), CategoryTreeModel::State::Ready);
    auto *view = products()->findChild<QTreeView *>(QStringLiteral("categoryFilter"));
    QVERIFY(view);

    // A top-level category (row 0 is "All products").
    QModelIndex category;
    for (int row = 1; row < categories->rowCount(); ++row) {
        const QModelIndex index = categories->index(row, 0);
        const qint64 count = index.data(CategoryTreeModel::ProductCountRole).toLongLong();
        if (count > 0 && count < m_total) {
            category = index;
            break;
        }
    }
    QVERIFY(category.isValid());
    const QString slug = categories->slugAt(category);
    const qint64 expected = category.data(CategoryTreeModel::ProductCountRole).toLongLong();
    QStringList subtree {slug};
    for (int row = 0; row < categories->rowCount(category); ++row) {
        subtree << categories->slugAt(categories->index(row, 0, category));
    }

    view->scrollTo(category);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(category).center());
    QTRY_COMPARE(model->query().category, slug);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QCOMPARE(model->totalCount(), expected);
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY2(subtree.contains(model->productAt(row)->categorySlug),
                 qPrintable(model->productAt(row)->categorySlug));
    }
    saveScreenshot(m_window.get(), QStringLiteral("storefront-category"));

    auto *clear = products()->findChild<QPushButton *>(QStringLiteral("clearFilters"));
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_COMPARE(model->query().category, QString());
    QTRY_VERIFY_WITH_TIMEOUT(gridReady() && model->totalCount() == m_total, 20000);
}

void TestStorefront::brandPriceAndStockFiltersNarrowGrid()
{
    ProductListModel *model = products()->model();
    QTRY_VERIFY_WITH_TIMEOUT(gridReady() && model->totalCount() == m_total, 20000);
    const QString brand = model->productAt(0)->brand;
    QVERIFY(!brand.isEmpty());

    auto *brandBox = this->brandBox();
    QTRY_VERIFY(brandBox->findText(brand) >= 0); // offered by the server's brand list
    brandBox->setFocus();
    QTest::keyClicks(brandBox->lineEdit(), brand);
    QTest::keyClick(brandBox->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(model->query().brand, brand);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QVERIFY(model->totalCount() < m_total);
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->productAt(row)->brand, brand);
    }

    // Prices in major units as people type them; the request carries minor units.
    auto *minPrice = products()->findChild<QLineEdit *>(QStringLiteral("minPrice"));
    auto *maxPrice = products()->findChild<QLineEdit *>(QStringLiteral("maxPrice"));
    minPrice->setFocus();
    QTest::keyClicks(minPrice, QStringLiteral("10"));
    QTest::keyClick(minPrice, Qt::Key_Tab);
    QTest::keyClicks(maxPrice, QStringLiteral("99.99"));
    QTest::keyClick(maxPrice, Qt::Key_Return);
    QTRY_COMPARE(model->query().maxPrice, std::optional<qint64>(9999));
    QCOMPARE(model->query().minPrice, std::optional<qint64>(1000));
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    for (int row = 0; row < model->rowCount(); ++row) {
        const qint64 price = model->productAt(row)->price.minorUnits();
        QVERIFY(price >= 1000 && price <= 9999);
        QCOMPARE(model->productAt(row)->brand, brand);
    }

    auto *inStock = products()->findChild<QCheckBox *>(QStringLiteral("inStockFilter"));
    inStock->click();
    QTRY_COMPARE(model->query().inStock, std::optional<bool>(true));
    QTRY_VERIFY_WITH_TIMEOUT(model->state() == ProductListModel::State::Ready, 20000);
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(model->productAt(row)->inStock());
    }

    // A price that is not an amount is refused in place, not sent.
    minPrice->setText(QStringLiteral("cheap"));
    QVERIFY(!products()->currentQuery().minPrice.has_value());
    QVERIFY(!minPrice->toolTip().isEmpty());

    auto *clear = products()->findChild<QPushButton *>(QStringLiteral("clearFilters"));
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady() && model->totalCount() == m_total, 20000);
    QCOMPARE(model->query().brand, QString());
    QVERIFY(!model->query().inStock.has_value());
    // ...and the cleared field is no longer marked as invalid.
    QVERIFY(minPrice->text().isEmpty());
    QVERIFY(minPrice->toolTip().isEmpty());
    QVERIFY(minPrice->styleSheet().isEmpty());
}

QStringList TestStorefront::serverBrands(const QString &category)
{
    auto result = std::make_shared<std::optional<Result<QList<Brand>>>>();
    Client::CatalogClient catalog(m_context->api());
    catalog.brands(category, this,
                   [result](Result<QList<Brand>> brands) { *result = std::move(brands); });
    if (!QTest::qWaitFor([&] { return result->has_value(); }, 20000) || !**result) {
        qWarning() << "GET /api/brands failed for" << category;
        return {};
    }
    QStringList names;
    for (const Brand &brand : ***result) {
        names << brand.name;
    }
    return names;
}

void TestStorefront::clickCategory(const QString &slug)
{
    auto *view = products()->findChild<QTreeView *>(QStringLiteral("categoryFilter"));
    const QModelIndex index = products()->categoryModel()->indexForSlug(slug);
    QVERIFY2(index.isValid(), qPrintable(slug));
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QTRY_COMPARE(products()->model()->query().category, slug);
}

void TestStorefront::brandBoxOffersBrandsBeyondTheLoadedPage()
{
    ProductListModel *model = products()->model();
    QTRY_VERIFY_WITH_TIMEOUT(gridReady() && model->totalCount() == m_total, 20000);
    QComboBox *box = brandBox();
    QVERIFY(box->isEditable());
    QVERIFY(box->completer());

    // The box lists every brand of the catalog, in the server's order ...
    const QStringList all = serverBrands(QString());
    QVERIFY(all.size() > 10);
    QTRY_COMPARE(itemTexts(box), all);
    // ... including one that no loaded card shows.
    QSet<QString> loaded;
    for (int row = 0; row < model->rowCount(); ++row) {
        loaded.insert(model->productAt(row)->brand);
    }
    QVERIFY(model->rowCount() < m_total);
    int row = -1;
    for (int i = 0; i < box->count() && row < 0; ++i) {
        if (!loaded.contains(box->itemText(i))) {
            row = i;
        }
    }
    QVERIFY2(row >= 0, "every brand is on the loaded page");
    const QString brand = box->itemText(row);
    const qint64 count = box->itemData(row).toLongLong();
    QVERIFY(count > 0);
    QVERIFY(!box->itemData(row, Qt::ToolTipRole).toString().isEmpty());

    // Picked from the drop-down list.
    box->setFocus();
    box->showPopup();
    QAbstractItemView *popup = box->view();
    // The offscreen platform activates the popup's window; wait for that before closing it, so
    // that it cannot take the activation from the main window afterwards.
    QVERIFY(QTest::qWaitForWindowActive(popup->window()));
    popup->setCurrentIndex(box->model()->index(row, 0));
    QTest::keyClick(popup, Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(box->currentText(), brand);
    QTRY_COMPARE(model->query().brand, brand);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QCOMPARE(model->totalCount(), count);
    QVERIFY(model->rowCount() > 0);
    for (int i = 0; i < model->rowCount(); ++i) {
        QCOMPARE(model->productAt(i)->brand, brand);
    }
    saveScreenshot(m_window.get(), QStringLiteral("storefront-brand"));
}

void TestStorefront::brandBoxFollowsTheCategory()
{
    ProductListModel *model = products()->model();
    QComboBox *box = brandBox();
    const QString brand = model->query().brand;
    QVERIFY2(!brand.isEmpty(), "runs after brandBoxOffersBrandsBeyondTheLoadedPage");
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QTRY_COMPARE(products()->categoryModel()->state(), CategoryTreeModel::State::Ready);

    // A category that has the brand: the box offers that category's brands only, and the brand
    // stays picked.
    const QString withBrand = model->productAt(0)->categorySlug;
    const QStringList brandsThere = serverBrands(withBrand);
    QVERIFY(brandsThere.contains(brand));
    QVERIFY(brandsThere.size() < serverBrands(QString()).size());
    clickCategory(withBrand);
    QTRY_COMPARE_WITH_TIMEOUT(itemTexts(box), brandsThere, 20000);
    QCOMPARE(box->currentText(), brand);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QCOMPARE(model->query().brand, brand);
    for (int i = 0; i < model->rowCount(); ++i) {
        QCOMPARE(model->productAt(i)->brand, brand);
        QCOMPARE(model->productAt(i)->categorySlug, withBrand);
    }

    // A category without it: the brand no longer applies and is dropped from the filter.
    CategoryTreeModel *categories = products()->categoryModel();
    QString withoutBrand;
    for (int row = 1; row < categories->rowCount() && withoutBrand.isEmpty(); ++row) {
        const QString slug = categories->slugAt(categories->index(row, 0));
        const QStringList there = serverBrands(slug);
        if (!there.isEmpty() && !there.contains(brand)) {
            withoutBrand = slug;
        }
    }
    QVERIFY2(!withoutBrand.isEmpty(), "some department does not sell the brand");
    const QStringList brandsElsewhere = serverBrands(withoutBrand);
    clickCategory(withoutBrand);
    QTRY_COMPARE_WITH_TIMEOUT(itemTexts(box), brandsElsewhere, 20000);
    QTRY_COMPARE(model->query().brand, QString());
    QCOMPARE(box->currentText(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QVERIFY(model->totalCount() > 0);

    auto *clear = products()->findChild<QPushButton *>(QStringLiteral("clearFilters"));
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(itemTexts(box), serverBrands(QString()), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady() && model->totalCount() == m_total, 20000);
}

void TestStorefront::enterOpensProductDetail()
{
    ProductListModel *model = products()->model();
    ProductGridView *grid = products()->grid();
    QTRY_VERIFY(gridReady());
    const Product listed = *model->productAt(1);
    grid->setFocus();
    grid->setCurrentIndex(model->index(1, 0));
    QTest::keyClick(grid, Qt::Key_Return);

    ProductPage *page = m_window->productPage();
    QCOMPARE(m_window->currentPage(), page);
    QTRY_VERIFY_WITH_TIMEOUT(page->isShowingProduct(), 20000);
    QCOMPARE(page->product()->id, listed.id);
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("productName"))->text(), listed.name);
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("productPrice"))->text(),
             listed.price.format(QLocale()));
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("productAvailability"))->text().isEmpty());
    auto *quantity = page->findChild<QSpinBox *>(QStringLiteral("quantitySpin"));
    QCOMPARE(quantity->maximum(), std::clamp(listed.stockQuantity, 1, 99));
    auto *addToCart = page->findChild<QPushButton *>(QStringLiteral("addToCartButton"));
    QVERIFY(addToCart->isVisible());
    QCOMPARE(addToCart->isEnabled(), listed.stockQuantity > 0); // tst_storefrontcart adds
    QTRY_VERIFY_WITH_TIMEOUT(page->imageView()->showsImage(), 10000);
    saveScreenshot(m_window.get(), QStringLiteral("storefront-product"));

    // Alt+Left goes back to the grid, Alt+Right forward to the product again.
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->currentPage(), products());
    QVERIFY(action("forwardAction")->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(m_window->currentPage(), page);
    QCOMPARE(page->product()->id, listed.id);
    action("backAction")->trigger();
    QCOMPARE(m_window->currentPage(), products());

    // The mouse's forward and back buttons, pressed over the product grid (a view that accepts
    // every press itself) and over the product page.
    QTest::mouseClick(grid->viewport(), Qt::ForwardButton, {}, QPoint(5, 5));
    QCOMPARE(m_window->currentPage(), page);
    QCOMPARE(page->product()->id, listed.id);
    QTest::mouseClick(page, Qt::BackButton, {}, QPoint(5, 5));
    QCOMPARE(m_window->currentPage(), products());
    QCOMPARE(grid->currentIndex().row(), 1); // an ordinary click would have moved the selection
}

void TestStorefront::serverGoneShowsErrorAndRetryRecovers()
{
    QCOMPARE(m_window->currentPage(), products());
    m_server.stopServing();
    action("reloadAction")->trigger();
    StatusPanel *status = products()->statusPanel();
    QTRY_VERIFY_WITH_TIMEOUT(status->isVisible() && status->kind() == StatusPanel::Kind::Error,
                             20000);
    const QString expected = QStringLiteral("Cannot reach the shop server at %1. Check that it is "
                                            "running, then Retry.")
                                 .arg(m_server.baseUrl().toDisplayString());
    QCOMPARE(status->message(), expected);
    QVERIFY(status->actionButton()->isVisible());
    QCOMPARE(status->actionButton()->text(), QStringLiteral("Retry"));
    saveScreenshot(m_window.get(), QStringLiteral("storefront-error"));

    QVERIFY2(m_server.startServing(), qPrintable(m_server.errorString()));
    QTest::mouseClick(status->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    QCOMPARE(products()->model()->totalCount(), m_total);
}

void TestStorefront::settingsDialogChecksServerBeforeSaving()
{
    Settings settings(m_dir.filePath(QStringLiteral("firstrun.ini")));
    QVERIFY(!settings.hasServerUrl());
    SettingsDialog dialog(settings, SettingsDialog::Mode::FirstRun);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("serverUrlEdit"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("serverCheckStatus"));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QCOMPARE(edit->text(), Settings::defaultServerUrl().toString());

    // Nothing listens there: the dialog says so and saves nothing.
    const QString dead = QStringLiteral("127.0.0.1:%1").arg(Tests::ExternalServer::freePort());
    edit->setText(dead);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Cannot reach")), 10000);
    QVERIFY(dialog.isVisible());
    QVERIFY(!settings.hasServerUrl());

    // Not an address at all.
    edit->setText(QStringLiteral("ftp://nope"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(status->text().contains(QStringLiteral("is not a server address")));

    // The real server: checked, saved, accepted.
    edit->setText(m_server.baseUrl().toString());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 10000);
    QVERIFY(settings.hasServerUrl());
    QCOMPARE(settings.serverUrl(), m_server.baseUrl());
    QCOMPARE(dialog.serverUrl(), m_server.baseUrl());
}

// Settings → Language → Deutsch: the open window follows at once, without a restart: menus,
// labels, the sort box (keeping its choice), the count, the cards' stock texts and prices in the
// German locale. And back to English.
void TestStorefront::languageChangesWhileRunning()
{
    m_window->showProducts();
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    auto *search = products()->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *sort = products()->findChild<QComboBox *>(QStringLiteral("sortCombo"));
    auto *count = products()->findChild<QLabel *>(QStringLiteral("resultCount"));
    auto *shopMenu = m_window->findChild<QMenu *>(QStringLiteral("shopMenu"));
    ProductListModel *model = products()->model();
    QCOMPARE(search->placeholderText(), QStringLiteral("Search products (Ctrl+F)"));
    QCOMPARE(shopMenu->title(), QStringLiteral("&Shop"));
    sort->setCurrentIndex(3); // price, high to low
    QTRY_VERIFY_WITH_TIMEOUT(gridReady(), 20000);
    const QModelIndex first = model->index(0, 0);
    const Product product = *model->productAt(0);
    QVERIFY(product.stockQuantity > 5);
    QCOMPARE(first.data(ProductListModel::StockTextRole).toString(), QStringLiteral("In stock"));
    QVERIFY(count->text().endsWith(QStringLiteral(" products")));

    const auto chooseLanguage = [this](const QString &code) {
        m_window->openSettings();
        auto *dialog = m_window->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *language = dialog->findChild<QComboBox *>(QStringLiteral("languageCombo"));
        language->setCurrentIndex(language->findData(code));
        QVERIFY(language->currentIndex() > 0);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(m_window->findChild<SettingsDialog *>() == nullptr); // closed, deleted
    };

    chooseLanguage(QStringLiteral("de"));
    QTRY_COMPARE(search->placeholderText(), QStringLiteral("Produkte suchen (Strg+F)"));
    QCOMPARE(m_context->settings().language(), QStringLiteral("de"));
    QCOMPARE(sort->currentIndex(), 3);
    QCOMPARE(sort->itemText(0), QStringLiteral("Beste Treffer"));
    QVERIFY2(count->text().endsWith(QStringLiteral(" Produkte")), qPrintable(count->text()));
    QCOMPARE(first.data(ProductListModel::StockTextRole).toString(), QStringLiteral("Auf Lager"));
    QCOMPARE(first.data(ProductListModel::FormattedPriceRole).toString(),
             product.price.format(QLocale(QStringLiteral("de"))));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Produkte"));
    QVERIFY(action("backAction")->text() != QStringLiteral("&Back"));
    saveScreenshot(m_window.get(), QStringLiteral("storefront-grid-de"));

    // The start page too (it was not on show).
    const QList<QLabel *> homeLabels = m_window->homePage()->findChildren<QLabel *>();
    QVERIFY(std::any_of(homeLabels.cbegin(), homeLabels.cend(), [](const QLabel *label) {
        return label->text() == QStringLiteral("Willkommen im Shop");
    }));

    chooseLanguage(QStringLiteral("en"));
    QTRY_COMPARE(search->placeholderText(), QStringLiteral("Search products (Ctrl+F)"));
    QCOMPARE(shopMenu->title(), QStringLiteral("&Shop"));
    QCOMPARE(sort->itemText(0), QStringLiteral("Best match"));
    QCOMPARE(first.data(ProductListModel::StockTextRole).toString(), QStringLiteral("In stock"));
    sort->setCurrentIndex(0);
}

void TestStorefront::windowGeometryIsRemembered()
{
    const QString key = MainWindow::kSettingsKey;
    m_window->resize(780, 720); // fits the offscreen screen (800x800); larger ones are shrunk
    QVERIFY(m_window->close());
    Settings settings(m_dir.filePath(QStringLiteral("storefront.ini")));
    QVERIFY(!settings.windowGeometry(key).isEmpty());
    QCOMPARE(settings.serverUrl(), m_server.baseUrl());

    MainWindow again(*m_context);
    QCOMPARE(again.size(), QSize(780, 720));
}

QTEST_MAIN(TestStorefront)
#include "tst_storefront.moc"
