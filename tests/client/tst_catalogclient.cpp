#include "callwaiter.h"
#include "client/apiclient.h"
#include "client/catalogclient.h"
#include "fakecatalog.h"
#include "serialize/catalogjson.h"
#include "support/externalserver.h"
#include "support/fakenetwork.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Shop;
using namespace Shop::Client;
using namespace std::chrono_literals;
using Tests::CallWaiter;
using Tests::CannedReply;

namespace {

QByteArray problemJson(const QString &code, int status, const QString &detail)
{
    return QJsonDocument(
               QJsonObject {{QStringLiteral("type"), QString(QStringLiteral("/problems/") + code)},
                            {QStringLiteral("title"), detail},
                            {QStringLiteral("status"), status},
                            {QStringLiteral("code"), code},
                            {QStringLiteral("detail"), detail}})
        .toJson(QJsonDocument::Compact);
}

CannedReply json(const QByteArray &body)
{
    return CannedReply {200, "application/json", body, QNetworkReply::NoError};
}

RetryPolicy fastRetries(int attempts)
{
    RetryPolicy policy;
    policy.maxAttempts = attempts;
    policy.initialDelay = 20ms;
    return policy;
}

} // namespace

// The catalog's requests and answers. Canned JSON checks what goes out and how answers (and odd
// answers) are read; a few cases run against the REAL shop-server, where the wire matters: the
// query strings the client builds are the ones the server understands, and the server's
// problem+json answers arrive as errors with their field errors.
class TestCatalogClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Canned.
    void requestsGoWhereExpected();
    void answersAreRead();
    void categoriesAcceptBothShapes();
    void unexpectedShapesAreErrors();
    void brandsRetriedThenSuccess();
    void cancel();

    // Against the real server.
    void realFirstPagesAndDetail();
    void realFilters_data();
    void realFilters();
    void realCategoriesTree();
    void realNotFound();
    void realValidationProblems();

private:
    // Starts the real server and reads the first page once; false (with a warning) on failure.
    [[nodiscard]] bool startRealServer();

    std::unique_ptr<Tests::ExternalServer> m_server;
    ApiClient m_realApi;
    CatalogClient m_real {&m_realApi};
    Page<Product> m_firstPage;
};

void TestCatalogClient::requestsGoWhereExpected()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return json("{}"); });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/store")));
    CatalogClient catalog(&api);
    QCOMPARE(catalog.api(), &api);

    ProductQuery query;
    query.page = 2;
    query.search = QStringLiteral("red shoe");
    query.sort = ProductSort::PriceAsc;
    const ProductId id = ProductId::generate();
    CallWaiter<Page<Product>> products;
    CallWaiter<Page<Product>> all;
    CallWaiter<Product> product;
    CallWaiter<QList<Category>> categories;
    CallWaiter<QList<Brand>> brands;
    CallWaiter<QList<Brand>> allBrands;
    catalog.products(query, this, products.callback());
    catalog.products({}, this, all.callback());
    catalog.product(id, this, product.callback());
    catalog.categories(this, categories.callback());
    catalog.brands(QStringLiteral("garden-tools"), this, brands.callback());
    catalog.brands(QString(), this, allBrands.callback());
    QVERIFY(products.wait() && all.wait() && product.wait() && categories.wait() && brands.wait()
            && allBrands.wait());
    QCOMPARE(network.requestCount(), 6);
    const QString base = QStringLiteral("http://shop.test/store/api/");
    const QStringList expected {
        base + QStringLiteral("products?") + QString::fromLatin1(query.toQueryString()),
        base + QStringLiteral("products"),
        base + QStringLiteral("products/") + id.toString(),
        base + QStringLiteral("categories"),
        base + QStringLiteral("brands?category=garden-tools"),
        base + QStringLiteral("brands"),
    };
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(network.requestUrls().at(i).toString(QUrl::FullyEncoded), expected.at(i));
        QCOMPARE(network.requestMethods().at(i), QByteArray("GET"));
    }
    QVERIFY(
        network.requestUrls().first().toString(QUrl::FullyEncoded).contains(u"search=red%20shoe"));
}

void TestCatalogClient::answersAreRead()
{
    const Tests::FakeCatalog data(30);
    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &request, int) -> std::optional<CannedReply> {
        const QString path = request.url().path();
        if (path.contains(u"/api/products/")) {
            return json(
                QJsonDocument(Json::toJson(data.products().at(3))).toJson(QJsonDocument::Compact));
        }
        if (path.endsWith(u"/api/brands")) {
            return json(QJsonDocument(Json::toJson(QList<Brand> {{QStringLiteral("Acme"), 15},
                                                                 {QStringLiteral("Globex"), 15}}))
                            .toJson(QJsonDocument::Compact));
        }
        return data.answer(request.url());
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CatalogClient catalog(&api);

    ProductQuery query;
    query.limit = 10;
    query.page = 3;
    CallWaiter<Page<Product>> page;
    catalog.products(query, this, page.callback());
    QVERIFY(page.wait());
    SHOP_VERIFY_OK(*page.result);
    QCOMPARE((*page.result)->page, 3);
    QCOMPARE((*page.result)->total, 30);
    QCOMPARE((*page.result)->items.size(), 10);
    QCOMPARE((*page.result)->items.first().sku, data.products().at(20).sku);
    QCOMPARE((*page.result)->items.first().price, data.products().at(20).price);

    CallWaiter<Product> product;
    catalog.product(data.products().at(3).id, this, product.callback());
    QVERIFY(product.wait());
    SHOP_VERIFY_OK(*product.result);
    QCOMPARE((*product.result)->id, data.products().at(3).id);
    QCOMPARE((*product.result)->name, data.products().at(3).name);

    CallWaiter<QList<Category>> categories;
    catalog.categories(this, categories.callback());
    QVERIFY(categories.wait());
    SHOP_VERIFY_OK(*categories.result);
    QCOMPARE((*categories.result)->size(), 2);
    QCOMPARE((*categories.result)->at(1).children.size(), 1);

    CallWaiter<QList<Brand>> brands;
    catalog.brands(QString(), this, brands.callback());
    QVERIFY(brands.wait());
    SHOP_VERIFY_OK(*brands.result);
    QCOMPARE(**brands.result,
             (QList<Brand> {{QStringLiteral("Acme"), 15}, {QStringLiteral("Globex"), 15}}));
}

void TestCatalogClient::categoriesAcceptBothShapes()
{
    const Tests::FakeCatalog data(10);
    const QJsonArray tree = Json::toJson(data.categories());
    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &, int number) {
        return json(number == 1 ? QJsonDocument(tree).toJson(QJsonDocument::Compact)
                                : QJsonDocument(QJsonObject {{QStringLiteral("items"), tree}})
                                      .toJson(QJsonDocument::Compact));
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CatalogClient catalog(&api);
    for (int i = 0; i < 2; ++i) {
        CallWaiter<QList<Category>> waiter;
        catalog.categories(this, waiter.callback());
        QVERIFY(waiter.wait());
        SHOP_VERIFY_OK(*waiter.result);
        QCOMPARE(waiter.result->value().size(), data.categories().size());
    }
}

void TestCatalogClient::unexpectedShapesAreErrors()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return json("[1, 2, 3]"); });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    api.setRetryPolicy(fastRetries(3));
    CatalogClient catalog(&api);

    CallWaiter<Page<Product>> products;
    catalog.products({}, this, products.callback());
    CallWaiter<Product> product;
    catalog.product(ProductId::generate(), this, product.callback());
    CallWaiter<QList<Brand>> brands;
    catalog.brands(QString(), this, brands.callback());
    QVERIFY(products.wait() && product.wait() && brands.wait());
    for (const Error &error :
         {products.result->error(), product.result->error(), brands.result->error()}) {
        QCOMPARE(error.code, ErrorCode::Internal);
        QVERIFY(error.message.contains(u"unexpected format"));
    }

    network.setScript([](const QNetworkRequest &, int) { return json(R"({"total": 3})"); });
    CallWaiter<QList<Category>> categories;
    catalog.categories(this, categories.callback());
    QVERIFY(categories.wait());
    QVERIFY(!*categories.result);
    QCOMPARE(categories.result->error().code, ErrorCode::Internal);
    QCOMPARE(network.requestCount(), 4); // a wrong shape is not retried
}

void TestCatalogClient::brandsRetriedThenSuccess()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int number) {
        if (number == 1) {
            return CannedReply {
                503, "application/problem+json",
                problemJson(QStringLiteral("unavailable"), 503, QStringLiteral("Busy.")),
                QNetworkReply::NoError};
        }
        return json(QJsonDocument(Json::toJson(QList<Brand> {{QStringLiteral("Acme"), 3}}))
                        .toJson(QJsonDocument::Compact));
    });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test/store")));
    api.setRetryPolicy(fastRetries(3));
    CatalogClient catalog(&api);
    QSignalSpy retries(&api, &ApiClient::retrying);
    CallWaiter<QList<Brand>> waiter;
    catalog.brands(QStringLiteral("garden-tools"), this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE(**waiter.result, (QList<Brand> {{QStringLiteral("Acme"), 3}}));
    QCOMPARE(retries.size(), 1);
    QCOMPARE(network.requestCount(), 2);
}

void TestCatalogClient::cancel()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) { return json("[]"); });
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    CatalogClient catalog(&api);
    CallWaiter<QList<Category>> waiter;
    const auto id = catalog.categories(this, waiter.callback());
    QVERIFY(id != 0);
    catalog.cancel(id);
    catalog.cancel(0); // ignored
    QCOMPARE(api.pendingCount(), 0);
    QTest::qWait(50);
    QCOMPARE(waiter.calls, 0);

    // Without a transport nothing is sent and nothing answers.
    CatalogClient orphan(nullptr);
    QCOMPARE(orphan.categories(this, waiter.callback()), CatalogClient::RequestId(0));
}

bool TestCatalogClient::startRealServer()
{
    if (m_server) {
        return m_firstPage.total > 100;
    }
    m_server = std::make_unique<Tests::ExternalServer>();
    if (!m_server->start()) {
        qWarning() << "the shop-server did not start:" << m_server->errorString();
        return false;
    }
    m_realApi.setBaseUrl(m_server->baseUrl());
    CallWaiter<Page<Product>> waiter;
    m_real.products({}, this, waiter.callback());
    if (!waiter.wait()) {
        qWarning() << "the first page did not arrive in time";
        return false;
    }
    if (!*waiter.result) {
        qWarning() << "the first page failed:" << Tests::errorText(*waiter.result);
        return false;
    }
    m_firstPage = **waiter.result;
    if (m_firstPage.total <= 100) {
        qWarning() << "seed-demo should create a catalog of some size";
    }
    return m_firstPage.total > 100;
}

void TestCatalogClient::realFirstPagesAndDetail()
{
    QVERIFY(startRealServer());
    QCOMPARE(m_firstPage.page, 1);
    QCOMPARE(m_firstPage.limit, ProductQuery::kDefaultLimit);
    QCOMPARE(m_firstPage.items.size(), ProductQuery::kDefaultLimit);

    // The second page continues the first without overlap.
    ProductQuery query;
    query.page = 2;
    CallWaiter<Page<Product>> waiter;
    m_real.products(query, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    QCOMPARE((*waiter.result)->page, 2);
    for (const Product &product : (*waiter.result)->items) {
        for (const Product &first : m_firstPage.items) {
            QVERIFY(product.id != first.id);
        }
    }

    const Product &listed = m_firstPage.items.first();
    CallWaiter<Product> detail;
    m_real.product(listed.id, this, detail.callback());
    QVERIFY(detail.wait());
    SHOP_VERIFY_OK(*detail.result);
    QCOMPARE((*detail.result)->id, listed.id);
    QCOMPARE((*detail.result)->name, listed.name);
    QCOMPARE((*detail.result)->price, listed.price);
    QCOMPARE((*detail.result)->stockQuantity, listed.stockQuantity);
}

void TestCatalogClient::realFilters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<qint64>("minPrice");
    QTest::addColumn<qint64>("maxPrice");
    QTest::addColumn<bool>("inStockOnly");
    QTest::addColumn<int>("sort");

    QTest::newRow("search laptop") << QStringLiteral("laptop") << qint64(-1) << qint64(-1) << false
                                   << int(ProductSort::Relevance);
    QTest::newRow("price 10-50 ascending")
        << QString() << qint64(1000) << qint64(5000) << false << int(ProductSort::PriceAsc);
    QTest::newRow("search + price + stock")
        << QStringLiteral("laptop") << qint64(0) << qint64(500000) << true
        << int(ProductSort::PriceDesc);
}

void TestCatalogClient::realFilters()
{
    QFETCH(QString, search);
    QFETCH(qint64, minPrice);
    QFETCH(qint64, maxPrice);
    QFETCH(bool, inStockOnly);
    QFETCH(int, sort);
    QVERIFY(startRealServer());

    ProductQuery query;
    query.limit = 100;
    query.search = search;
    if (minPrice >= 0) {
        query.minPrice = minPrice;
    }
    if (maxPrice >= 0) {
        query.maxPrice = maxPrice;
    }
    if (inStockOnly) {
        query.inStock = true;
    }
    query.sort = ProductSort(sort);
    CallWaiter<Page<Product>> waiter;
    m_real.products(query, this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    const Page<Product> &page = **waiter.result;
    QVERIFY2(!page.items.isEmpty(), "the demo catalog should have matches for every row");
    QVERIFY2(page.total < m_firstPage.total, "a filter must narrow the catalog");
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        const Product &p = page.items.at(i);
        if (!search.isEmpty()) {
            const QString text =
                p.name + u' ' + p.description + u' ' + p.brand + u' ' + p.categoryName;
            QVERIFY2(text.contains(search, Qt::CaseInsensitive), qPrintable(p.name));
        }
        QVERIFY(minPrice < 0 || p.price.minorUnits() >= minPrice);
        QVERIFY(maxPrice < 0 || p.price.minorUnits() <= maxPrice);
        QVERIFY(!inStockOnly || p.inStock());
        if (i > 0 && query.sort == ProductSort::PriceAsc) {
            QVERIFY(page.items.at(i - 1).price.minorUnits() <= p.price.minorUnits());
        }
        if (i > 0 && query.sort == ProductSort::PriceDesc) {
            QVERIFY(page.items.at(i - 1).price.minorUnits() >= p.price.minorUnits());
        }
    }
}

void TestCatalogClient::realCategoriesTree()
{
    QVERIFY(startRealServer());
    CallWaiter<QList<Category>> waiter;
    m_real.categories(this, waiter.callback());
    QVERIFY(waiter.wait());
    SHOP_VERIFY_OK(*waiter.result);
    const QList<Category> &tree = **waiter.result;
    QVERIFY(!tree.isEmpty());
    bool hasChildren = false;
    for (const Category &category : tree) {
        QVERIFY(!category.slug.isEmpty());
        QVERIFY(!category.parentId.has_value());
        for (const Category &child : category.children) {
            QCOMPARE(child.parentId, std::optional(category.id));
            hasChildren = true;
        }
    }
    QVERIFY2(hasChildren, "the demo categories form a tree");

    // The client's category filter is the one the server applies (subtree included).
    const auto chosen = std::find_if(tree.cbegin(), tree.cend(), [](const Category &c) {
        return c.productCount > 0 && !c.children.isEmpty();
    });
    QVERIFY(chosen != tree.cend());
    ProductQuery query;
    query.category = chosen->slug;
    CallWaiter<Page<Product>> page;
    m_real.products(query, this, page.callback());
    CallWaiter<QList<Brand>> brands;
    m_real.brands(chosen->slug, this, brands.callback());
    QVERIFY(page.wait() && brands.wait());
    SHOP_VERIFY_OK(*page.result);
    SHOP_VERIFY_OK(*brands.result);
    QCOMPARE((*page.result)->total, chosen->productCount);
    qint64 sum = 0;
    for (const Brand &brand : **brands.result) {
        sum += brand.productCount;
    }
    QCOMPARE(sum, chosen->productCount);
}

void TestCatalogClient::realNotFound()
{
    QVERIFY(startRealServer());
    CallWaiter<Product> waiter;
    m_real.product(ProductId::generate(), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::NotFound);
    QVERIFY(!waiter.result->error().message.isEmpty());
}

void TestCatalogClient::realValidationProblems()
{
    QVERIFY(startRealServer());
    QSignalSpy retries(&m_realApi, &ApiClient::retrying);

    ProductQuery query;
    query.limit = 1000; // beyond kMaxLimit: the server must refuse it
    CallWaiter<Page<Product>> products;
    m_real.products(query, this, products.callback());
    CallWaiter<QList<Brand>> brands;
    m_real.brands(QStringLiteral("Not A Slug"), this, brands.callback());
    QVERIFY(products.wait() && brands.wait());
    QVERIFY(!*products.result);
    QVERIFY(!*brands.result);
    const Error &limit = products.result->error();
    QCOMPARE(limit.code, ErrorCode::Validation);
    QCOMPARE(limit.fieldErrors.size(), 1);
    QCOMPARE(limit.fieldErrors.first().field, QStringLiteral("limit"));
    QVERIFY(!limit.fieldErrors.first().message.isEmpty());
    const Error &slug = brands.result->error();
    QCOMPARE(slug.code, ErrorCode::Validation);
    QCOMPARE(slug.fieldErrors.size(), 1);
    QCOMPARE(slug.fieldErrors.first().field, QStringLiteral("category"));
    QCOMPARE(retries.size(), 0); // a 4xx is final
}

QTEST_GUILESS_MAIN(TestCatalogClient)
#include "tst_catalogclient.moc"
