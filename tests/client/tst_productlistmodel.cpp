#include "client/apiclient.h"
#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/productlistmodel.h"
#include "fakecatalog.h"
#include "support/fakenetwork.h"
#include "support/resultcheck.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Shop;
using namespace Shop::Client;
using namespace std::chrono_literals;

// The models against canned JSON (FakeCatalog through FakeNetwork): no server process. The apps'
// end-to-end tests (tests/apps) run them against the real server.
class TestProductListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstPageThenFetchMore();
    void fetchMoreReachesTheEnd();
    void rolesReadMemoryOnly();
    void serverSideSort();
    void newQuerySupersedesOld();
    void maxRowsStopsFetching();
    void failureThenRetry();
    void categoryTree();

private:
    [[nodiscard]] static bool waitReady(ProductListModel &model, int timeoutMs = 20000)
    {
        return QTest::qWaitFor([&] { return model.state() == ProductListModel::State::Ready; },
                               timeoutMs);
    }

    Tests::FakeCatalog m_catalogData;
    Tests::FakeNetwork m_network;
    ApiClient m_client {&m_network};
    CatalogClient m_catalog {&m_client};
    qint64 m_total = 0;
};

void TestProductListModel::initTestCase()
{
    m_network.setScript(m_catalogData.script());
    m_client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
}

void TestProductListModel::firstPageThenFetchMore()
{
    ProductListModel model(&m_catalog);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(50);
    QCOMPARE(model.totalCount(), -1);
    QVERIFY(!model.canFetchMore({}));

    QSignalSpy pages(&model, &ProductListModel::pageLoaded);
    model.setQuery({});
    QCOMPARE(model.state(), ProductListModel::State::Loading);
    QVERIFY(!model.canFetchMore({})); // one request at a time
    QVERIFY(waitReady(model));
    QCOMPARE(model.rowCount(), 50);
    QVERIFY(model.totalCount() > 100);
    m_total = model.totalCount();
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(pages.size(), 1);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.state(), ProductListModel::State::Loading);
    QVERIFY(waitReady(model));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 50); // appended, not reset
    QCOMPARE(inserted.first().at(2).toInt(), 99);
    QCOMPARE(model.query().page, 1); // the model pages itself; its query stays at page 1
}

void TestProductListModel::fetchMoreReachesTheEnd()
{
    ProductListModel model(&m_catalog);
    model.setPageSize(100);
    model.setQuery({});
    QVERIFY(waitReady(model));
    int requests = 1;
    while (model.canFetchMore({})) {
        model.fetchMore({});
        ++requests;
        QVERIFY(waitReady(model));
    }
    QCOMPARE(model.rowCount(), int(m_total));
    QCOMPARE(requests, int((m_total + 99) / 100));
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids.insert(model.index(row, 0).data(ProductListModel::IdRole).toString());
    }
    QCOMPARE(ids.size(), model.rowCount());
}

void TestProductListModel::rolesReadMemoryOnly()
{
    ProductListModel model(&m_catalog);
    model.setLocale(QLocale(QLocale::German, QLocale::Germany));
    model.setQuery({});
    QVERIFY(waitReady(model));
    const int before = m_client.pendingCount();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        const Product *product = model.productAt(row);
        QVERIFY(product);
        QCOMPARE(index.data(Qt::DisplayRole).toString(), product->name);
        QCOMPARE(index.data(ProductListModel::NameRole).toString(), product->name);
        QCOMPARE(index.data(ProductListModel::BrandRole).toString(), product->brand);
        QCOMPARE(index.data(ProductListModel::PriceRole).value<Money>(), product->price);
        QCOMPARE(index.data(ProductListModel::FormattedPriceRole).toString(),
                 product->price.format(QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(index.data(ProductListModel::InStockRole).toBool(), product->inStock());
        QVERIFY(!index.data(ProductListModel::StockTextRole).toString().isEmpty());
        const QUrl image = index.data(ProductListModel::ImageUrlRole).toUrl();
        if (!product->imageUrl.isEmpty()) {
            QVERIFY2(!image.isRelative(), qPrintable(image.toString()));
        }
        QCOMPARE(model.index(row, ProductListModel::PriceColumn).data().toString(),
                 product->price.format(QLocale(QLocale::German, QLocale::Germany)));
    }
    QCOMPARE(m_client.pendingCount(), before); // reading data() started no request
}

void TestProductListModel::serverSideSort()
{
    ProductListModel model(&m_catalog);
    model.setPageSize(100);
    model.setQuery({});
    QVERIFY(waitReady(model));

    model.sort(ProductListModel::PriceColumn, Qt::DescendingOrder);
    QCOMPARE(model.query().sort, ProductSort::PriceDesc);
    QVERIFY(waitReady(model));
    QCOMPARE(model.rowCount(), 100);
    for (int row = 1; row < model.rowCount(); ++row) {
        QVERIFY(model.productAt(row - 1)->price.minorUnits()
                >= model.productAt(row)->price.minorUnits());
    }
    // The most expensive product of the catalog comes first.
    ProductQuery cheapest;
    cheapest.sort = ProductSort::PriceAsc;
    cheapest.limit = 1;
    std::optional<Result<Page<Product>>> answer;
    m_catalog.products(cheapest, this, [&](Result<Page<Product>> r) { answer = std::move(r); });
    QTRY_VERIFY(answer.has_value());
    SHOP_VERIFY_OK(*answer);
    QVERIFY((*answer)->items.first().price.minorUnits()
            <= model.productAt(model.rowCount() - 1)->price.minorUnits());

    // A column the API cannot sort by changes nothing.
    model.sort(ProductListModel::SkuColumn, Qt::AscendingOrder);
    QCOMPARE(model.query().sort, ProductSort::PriceDesc);
    QCOMPARE(model.state(), ProductListModel::State::Ready);
    QCOMPARE(ProductListModel::sortForColumn(ProductListModel::NameColumn, Qt::AscendingOrder),
             std::optional(ProductSort::Name));
    QCOMPARE(ProductListModel::sortForColumn(ProductListModel::NameColumn, Qt::DescendingOrder),
             std::nullopt);
}

void TestProductListModel::newQuerySupersedesOld()
{
    ProductListModel model(&m_catalog);
    model.setPageSize(100);
    QSignalSpy pages(&model, &ProductListModel::pageLoaded);
    ProductQuery broad;
    broad.search = QStringLiteral("a");
    model.setQuery(broad);
    ProductQuery narrow;
    narrow.search = QStringLiteral("laptop");
    model.setQuery(narrow);
    QVERIFY(waitReady(model));
    QTest::qWait(300); // the superseded answer must not arrive late
    QCOMPARE(pages.size(), 1);
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.totalCount() < m_total);
    for (int row = 0; row < model.rowCount(); ++row) {
        const Product *p = model.productAt(row);
        const QString text =
            p->name + u' ' + p->description + u' ' + p->brand + u' ' + p->categoryName;
        QVERIFY2(text.contains(QStringLiteral("laptop"), Qt::CaseInsensitive), qPrintable(p->name));
    }
}

void TestProductListModel::maxRowsStopsFetching()
{
    ProductListModel model(&m_catalog);
    model.setPageSize(24);
    model.setMaxRows(8);
    model.setQuery({});
    QVERIFY(waitReady(model));
    QCOMPARE(model.rowCount(), 8);
    QVERIFY(!model.canFetchMore({}));
}

void TestProductListModel::failureThenRetry()
{
    bool serverUp = false;
    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &request, int) {
        if (!serverUp) {
            return Tests::CannedReply {0, {}, {}, QNetworkReply::ConnectionRefusedError};
        }
        return m_catalogData.answer(request.url());
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    RetryPolicy once;
    once.maxAttempts = 1;
    client.setRetryPolicy(once);
    CatalogClient catalog(&client);
    ProductListModel model(&catalog);
    QSignalSpy failures(&model, &ProductListModel::loadFailed);
    model.setQuery({});
    QTRY_COMPARE(model.state(), ProductListModel::State::Failed);
    QCOMPARE(failures.size(), 1);
    QCOMPARE(model.lastError().code, ErrorCode::Unavailable);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({})); // a view must not hammer a dead server

    serverUp = true; // the server is back
    model.retry();
    QVERIFY(waitReady(model));
    QVERIFY(model.rowCount() > 0);
}

void TestProductListModel::categoryTree()
{
    CategoryTreeModel model(&m_catalog);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setShowAllItem(true);
    model.reload();
    QTRY_COMPARE(model.state(), CategoryTreeModel::State::Ready);
    QVERIFY(model.rowCount() > 1);
    QVERIFY(model.categoryCount() > model.rowCount() - 1); // there are subcategories

    const QModelIndex all = model.index(0, 0);
    QVERIFY(all.data(CategoryTreeModel::IsAllRole).toBool());
    QCOMPARE(model.slugAt(all), QString());
    QCOMPARE(model.indexForSlug(QString()), all);

    // Find a child; its slug leads back to it, its parent is a top-level row.
    QModelIndex child;
    for (int row = 1; row < model.rowCount() && !child.isValid(); ++row) {
        const QModelIndex top = model.index(row, 0);
        if (model.rowCount(top) > 0) {
            child = model.index(0, 0, top);
        }
    }
    QVERIFY(child.isValid());
    const QString slug = model.slugAt(child);
    QVERIFY(!slug.isEmpty());
    QCOMPARE(model.indexForSlug(slug), child);
    QVERIFY(model.parent(child).isValid());
    QVERIFY(!model.parent(model.parent(child)).isValid());
    QVERIFY(model.index(child.row(), CategoryTreeModel::CountColumn, model.parent(child))
                .data()
                .toString()
                .size()
            > 0);
}

QTEST_GUILESS_MAIN(TestProductListModel)
#include "tst_productlistmodel.moc"
