#include "apiclient.h"
#include "fakenetwork.h"
#include "serialize/catalogjson.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Shop;
using namespace Shop::Client;
using namespace std::chrono_literals;

namespace {

// Collects the one result of an asynchronous call.
template<typename T>
struct Waiter
{
    std::optional<Result<T>> result;
    int calls = 0;

    ApiClient::Callback<T> callback()
    {
        return [this](Result<T> r) {
            ++calls;
            result = std::move(r);
        };
    }
    [[nodiscard]] bool wait(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([this] { return result.has_value(); }, timeoutMs);
    }
    [[nodiscard]] QByteArray errorText() const
    {
        if (!result) {
            return "no result";
        }
        return *result ? QByteArray() : result->error().message.toUtf8();
    }
};

#define VERIFY_VALUE(waiter)                                                                       \
    do {                                                                                           \
        QVERIFY2((waiter).wait(), "no answer in time");                                            \
        QVERIFY2(bool(*(waiter).result), (waiter).errorText().constData());                        \
    } while (false)

// Accepts connections and never answers: a server that hangs.
class HangingServer final : public QTcpServer
{
public:
    HangingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                ++connections;
                m_sockets.append(socket); // keep it open, read nothing back
            }
        });
    }
    int connections = 0;

private:
    QList<QPointer<QTcpSocket>> m_sockets;
};

QByteArray pageJson(int items)
{
    Page<Product> page;
    for (int i = 0; i < items; ++i) {
        Product product;
        product.id = ProductId::generate();
        product.sku = QStringLiteral("SKU-%1").arg(i);
        product.name = QStringLiteral("Product %1").arg(i);
        product.price = Money(1000 + i, Currency());
        page.items.append(product);
    }
    page.total = items;
    return QJsonDocument(Json::toJson(page)).toJson(QJsonDocument::Compact);
}

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

RetryPolicy fastRetries(int attempts, std::chrono::milliseconds initial = 50ms)
{
    RetryPolicy policy;
    policy.maxAttempts = attempts;
    policy.initialDelay = initial;
    policy.multiplier = 2.0;
    policy.maxDelay = 5000ms;
    return policy;
}

} // namespace

class TestApiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Against the real server.
    void health();
    void productsFirstPage();
    void productsFilters_data();
    void productsFilters();
    void productsSorted_data();
    void productsSorted();
    void categoryFilterMatchesCount();
    void productDetail();
    void productNotFound();
    void categoriesTree();
    void brandsMatchTheCatalog();
    void brandsOfACategory();
    void brandsOfAnUnknownCategory();
    void brandsOfAMalformedCategory();
    void validationProblem();
    void newerCallSupersedesOlder();
    void cancelDropsCallback();
    void deadContextDropsCallback();
    void resolveImageUrls();

    // Fake network layer: failures the real server cannot produce on demand.
    void timeoutIsRetriedThenReported();
    void connectionRefusedRetriesWithBackoff();
    void garbageBodyIsAnError();
    void unavailableRetriedThenSuccess();
    void brandsRetriedThenSuccess();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();
    void healthWithoutRetries();

private:
    Tests::TestServer m_server;
    ApiClient m_client;
    Page<Product> m_firstPage;
};

void TestApiClient::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_client.setBaseUrl(m_server.baseUrl());
    Waiter<Page<Product>> waiter;
    m_client.products({}, this, waiter.callback());
    VERIFY_VALUE(waiter);
    m_firstPage = **waiter.result;
    QVERIFY2(m_firstPage.total > 100, "seed-demo should create a catalog of some size");
}

void TestApiClient::health()
{
    Waiter<HealthStatus> waiter;
    m_client.health(this, waiter.callback());
    VERIFY_VALUE(waiter);
    QVERIFY((*waiter.result)->ready);
    QCOMPARE((*waiter.result)->status, QStringLiteral("ready"));
}

void TestApiClient::productsFirstPage()
{
    QCOMPARE(m_firstPage.page, 1);
    QCOMPARE(m_firstPage.limit, ProductQuery::kDefaultLimit);
    QCOMPARE(m_firstPage.items.size(), ProductQuery::kDefaultLimit);
    for (const Product &product : m_firstPage.items) {
        QVERIFY(!product.id.isNull());
        QVERIFY(!product.name.isEmpty());
        QVERIFY(!product.sku.isEmpty());
        QVERIFY(product.price.minorUnits() >= 0);
    }

    // The second page continues the first without overlap.
    ProductQuery query;
    query.page = 2;
    Waiter<Page<Product>> waiter;
    m_client.products(query, this, waiter.callback());
    VERIFY_VALUE(waiter);
    QCOMPARE((*waiter.result)->page, 2);
    for (const Product &product : (*waiter.result)->items) {
        for (const Product &first : m_firstPage.items) {
            QVERIFY(product.id != first.id);
        }
    }
}

void TestApiClient::productsFilters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("brand");
    QTest::addColumn<qint64>("minPrice");
    QTest::addColumn<qint64>("maxPrice");
    QTest::addColumn<bool>("inStockOnly");

    QTest::newRow("search laptop")
        << QStringLiteral("laptop") << QString() << qint64(-1) << qint64(-1) << false;
    QTest::newRow("price 10-50") << QString() << QString() << qint64(1000) << qint64(5000) << false;
    QTest::newRow("in stock") << QString() << QString() << qint64(-1) << qint64(-1) << true;
    QTest::newRow("brand of first product")
        << QString() << QStringLiteral("*") << qint64(-1) << qint64(-1) << false;
    QTest::newRow("search + price + stock")
        << QStringLiteral("laptop") << QString() << qint64(0) << qint64(500000) << true;
}

void TestApiClient::productsFilters()
{
    QFETCH(QString, search);
    QFETCH(QString, brand);
    QFETCH(qint64, minPrice);
    QFETCH(qint64, maxPrice);
    QFETCH(bool, inStockOnly);

    ProductQuery query;
    query.limit = 100;
    query.search = search;
    if (brand == u"*") {
        for (const Product &product : m_firstPage.items) {
            if (!product.brand.isEmpty()) {
                brand = product.brand;
                break;
            }
        }
        QVERIFY(!brand.isEmpty());
    }
    query.brand = brand;
    if (minPrice >= 0) {
        query.minPrice = minPrice;
    }
    if (maxPrice >= 0) {
        query.maxPrice = maxPrice;
    }
    if (inStockOnly) {
        query.inStock = true;
    }
    Waiter<Page<Product>> waiter;
    m_client.products(query, this, waiter.callback());
    VERIFY_VALUE(waiter);
    const Page<Product> &page = **waiter.result;
    QVERIFY2(!page.items.isEmpty(), "the demo catalog should have matches for every row");
    QVERIFY2(page.total < m_firstPage.total, "a filter must narrow the catalog");
    for (const Product &p : page.items) {
        if (!search.isEmpty()) {
            const QString text =
                p.name + u' ' + p.description + u' ' + p.brand + u' ' + p.categoryName;
            QVERIFY2(text.contains(search, Qt::CaseInsensitive), qPrintable(p.name));
        }
        if (!brand.isEmpty()) {
            QCOMPARE(p.brand.toLower(), brand.toLower());
        }
        if (minPrice >= 0) {
            QVERIFY(p.price.minorUnits() >= minPrice);
        }
        if (maxPrice >= 0) {
            QVERIFY(p.price.minorUnits() <= maxPrice);
        }
        if (inStockOnly) {
            QVERIFY(p.inStock());
        }
    }
}

void TestApiClient::productsSorted_data()
{
    QTest::addColumn<int>("sort");
    QTest::newRow("price_asc") << int(ProductSort::PriceAsc);
    QTest::newRow("price_desc") << int(ProductSort::PriceDesc);
    QTest::newRow("newest") << int(ProductSort::Newest);
}

void TestApiClient::productsSorted()
{
    QFETCH(int, sort);
    ProductQuery query;
    query.limit = 100;
    query.sort = ProductSort(sort);
    Waiter<Page<Product>> waiter;
    m_client.products(query, this, waiter.callback());
    VERIFY_VALUE(waiter);
    const auto &items = (*waiter.result)->items;
    QCOMPARE(items.size(), 100);
    for (qsizetype i = 1; i < items.size(); ++i) {
        switch (ProductSort(sort)) {
        case ProductSort::PriceAsc:
            QVERIFY(items[i - 1].price.minorUnits() <= items[i].price.minorUnits());
            break;
        case ProductSort::PriceDesc:
            QVERIFY(items[i - 1].price.minorUnits() >= items[i].price.minorUnits());
            break;
        case ProductSort::Newest:
            QVERIFY(items[i - 1].createdAt >= items[i].createdAt);
            break;
        default:
            break;
        }
    }
}

void TestApiClient::categoryFilterMatchesCount()
{
    Waiter<QList<Category>> categories;
    m_client.categories(this, categories.callback());
    VERIFY_VALUE(categories);
    // A top-level category with subcategories: the filter includes the whole subtree.
    const Category *chosen = nullptr;
    for (const Category &category : **categories.result) {
        if (category.productCount > 0 && (!chosen || !category.children.isEmpty())) {
            chosen = &category;
        }
    }
    QVERIFY(chosen);
    QStringList subtree;
    std::function<void(const Category &)> collect = [&](const Category &c) {
        subtree << c.slug;
        for (const Category &child : c.children) {
            collect(child);
        }
    };
    collect(*chosen);

    ProductQuery query;
    query.category = chosen->slug;
    query.limit = 100;
    Waiter<Page<Product>> waiter;
    m_client.products(query, this, waiter.callback());
    VERIFY_VALUE(waiter);
    QCOMPARE((*waiter.result)->total, chosen->productCount);
    for (const Product &p : (*waiter.result)->items) {
        QVERIFY2(subtree.contains(p.categorySlug), qPrintable(p.categorySlug));
    }
}

void TestApiClient::productDetail()
{
    const Product &listed = m_firstPage.items.first();
    Waiter<Product> waiter;
    m_client.product(listed.id, this, waiter.callback());
    VERIFY_VALUE(waiter);
    const Product &product = **waiter.result;
    QCOMPARE(product.id, listed.id);
    QCOMPARE(product.name, listed.name);
    QCOMPARE(product.price, listed.price);
    QCOMPARE(product.sku, listed.sku);
    QCOMPARE(product.stockQuantity, listed.stockQuantity);
}

void TestApiClient::productNotFound()
{
    Waiter<Product> waiter;
    m_client.product(ProductId::generate(), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::NotFound);
    QVERIFY(!waiter.result->error().message.isEmpty());
}

void TestApiClient::categoriesTree()
{
    Waiter<QList<Category>> waiter;
    m_client.categories(this, waiter.callback());
    VERIFY_VALUE(waiter);
    const QList<Category> &tree = **waiter.result;
    QVERIFY(!tree.isEmpty());
    bool hasChildren = false;
    for (const Category &category : tree) {
        QVERIFY(!category.slug.isEmpty());
        QVERIFY(!category.parentId.has_value());
        qint64 childSum = 0;
        for (const Category &child : category.children) {
            QVERIFY(child.parentId.has_value());
            QCOMPARE(*child.parentId, category.id);
            childSum += child.productCount;
            hasChildren = true;
        }
        // A parent counts its own products and its children's.
        QVERIFY(category.productCount >= childSum);
    }
    QVERIFY2(hasChildren, "the demo categories form a tree");
}

void TestApiClient::brandsMatchTheCatalog()
{
    Waiter<QList<Brand>> waiter;
    m_client.brands(QString(), this, waiter.callback());
    VERIFY_VALUE(waiter);
    const QList<Brand> &brands = **waiter.result;
    QVERIFY2(brands.size() > 10, "the demo catalog has many brands");
    qint64 sum = 0;
    for (qsizetype i = 0; i < brands.size(); ++i) {
        QVERIFY(!brands.at(i).name.isEmpty());
        QVERIFY(brands.at(i).productCount > 0);
        if (i > 0) {
            QVERIFY2(brands.at(i - 1).name.compare(brands.at(i).name, Qt::CaseInsensitive) < 0,
                     qPrintable(brands.at(i - 1).name + u' ' + brands.at(i).name));
        }
        sum += brands.at(i).productCount;
    }
    // Every demo product has a brand.
    QCOMPARE(sum, m_firstPage.total);
    // Every brand on the first page is offered, with the count the brand filter finds.
    for (const Product &product : m_firstPage.items) {
        const auto it = std::find_if(brands.cbegin(), brands.cend(), [&](const Brand &brand) {
            return brand.name == product.brand;
        });
        QVERIFY2(it != brands.cend(), qPrintable(product.brand));
    }
    ProductQuery query;
    query.brand = brands.last().name;
    Waiter<Page<Product>> page;
    m_client.products(query, this, page.callback());
    VERIFY_VALUE(page);
    QCOMPARE((*page.result)->total, brands.last().productCount);
}

void TestApiClient::brandsOfACategory()
{
    Waiter<QList<Category>> categories;
    m_client.categories(this, categories.callback());
    VERIFY_VALUE(categories);
    // A top-level category with subcategories: its brands include theirs.
    const Category *chosen = nullptr;
    for (const Category &category : **categories.result) {
        if (category.productCount > 0 && !category.children.isEmpty()) {
            chosen = &category;
            break;
        }
    }
    QVERIFY(chosen);

    Waiter<QList<Brand>> waiter;
    m_client.brands(chosen->slug, this, waiter.callback());
    VERIFY_VALUE(waiter);
    const QList<Brand> &brands = **waiter.result;
    QVERIFY(!brands.isEmpty());
    qint64 sum = 0;
    for (const Brand &brand : brands) {
        sum += brand.productCount;
    }
    QCOMPARE(sum, chosen->productCount);

    Waiter<QList<Brand>> all;
    m_client.brands(QString(), this, all.callback());
    VERIFY_VALUE(all);
    QVERIFY(brands.size() < (*all.result)->size());

    ProductQuery query;
    query.category = chosen->slug;
    query.brand = brands.first().name;
    Waiter<Page<Product>> page;
    m_client.products(query, this, page.callback());
    VERIFY_VALUE(page);
    QCOMPARE((*page.result)->total, brands.first().productCount);
}

void TestApiClient::brandsOfAnUnknownCategory()
{
    Waiter<QList<Brand>> waiter;
    m_client.brands(QStringLiteral("no-such-category"), this, waiter.callback());
    VERIFY_VALUE(waiter);
    QVERIFY((*waiter.result)->isEmpty());
}

void TestApiClient::brandsOfAMalformedCategory()
{
    Waiter<QList<Brand>> waiter;
    QSignalSpy retries(&m_client, &ApiClient::retrying);
    m_client.brands(QStringLiteral("Not A Slug"), this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    const Error &error = waiter.result->error();
    QCOMPARE(error.code, ErrorCode::Validation);
    QCOMPARE(error.fieldErrors.size(), 1);
    QCOMPARE(error.fieldErrors.first().field, QStringLiteral("category"));
    QCOMPARE(retries.size(), 0); // a 4xx is final
}

void TestApiClient::validationProblem()
{
    ProductQuery query;
    query.limit = 1000; // beyond kMaxLimit: the server must refuse it
    Waiter<Page<Product>> waiter;
    QSignalSpy retries(&m_client, &ApiClient::retrying);
    m_client.products(query, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    const Error &error = waiter.result->error();
    QCOMPARE(error.code, ErrorCode::Validation);
    QCOMPARE(error.fieldErrors.size(), 1);
    QCOMPARE(error.fieldErrors.first().field, QStringLiteral("limit"));
    QVERIFY(!error.fieldErrors.first().message.isEmpty());
    QCOMPARE(retries.size(), 0); // a 4xx is final
}

void TestApiClient::newerCallSupersedesOlder()
{
    CallOptions options;
    options.supersedeKey = QStringLiteral("search");
    Waiter<Page<Product>> older;
    Waiter<Page<Product>> newer;
    ProductQuery first;
    first.search = QStringLiteral("a");
    ProductQuery second;
    second.search = QStringLiteral("laptop");
    m_client.products(first, this, older.callback(), options);
    m_client.products(second, this, newer.callback(), options);
    VERIFY_VALUE(newer);
    QTest::qWait(200);
    QCOMPARE(older.calls, 0);
    QCOMPARE(newer.calls, 1);
    QCOMPARE(m_client.pendingCount(), 0);
}

void TestApiClient::cancelDropsCallback()
{
    Waiter<Page<Product>> waiter;
    const auto id = m_client.products({}, this, waiter.callback());
    QCOMPARE(m_client.pendingCount(), 1);
    m_client.cancel(id);
    QCOMPARE(m_client.pendingCount(), 0);
    QTest::qWait(300);
    QCOMPARE(waiter.calls, 0);
}

void TestApiClient::deadContextDropsCallback()
{
    Waiter<Page<Product>> waiter;
    auto *context = new QObject;
    m_client.products({}, context, waiter.callback());
    delete context;
    QTRY_COMPARE(m_client.pendingCount(), 0);
    QCOMPARE(waiter.calls, 0);
}

void TestApiClient::resolveImageUrls()
{
    const QString base = m_server.baseUrl().toString();
    QCOMPARE(m_client.resolve(QStringLiteral("/media/products/a.svg")).toString(),
             base + QStringLiteral("/media/products/a.svg"));
    QCOMPARE(m_client.resolve(QStringLiteral("https://cdn.example.com/x.png")).toString(),
             QStringLiteral("https://cdn.example.com/x.png"));
    QVERIFY(m_client.resolve(QString()).isEmpty());

    // A server below a path prefix keeps the prefix.
    ApiClient prefixed;
    prefixed.setBaseUrl(QUrl(QStringLiteral("http://shop.example/store")));
    QCOMPARE(prefixed.resolve(QStringLiteral("/media/x.svg")).toString(),
             QStringLiteral("http://shop.example/store/media/x.svg"));
}

void TestApiClient::timeoutIsRetriedThenReported()
{
    HangingServer hanging;
    QVERIFY(hanging.listen(QHostAddress::LocalHost));
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(hanging.serverPort())));
    client.setTimeout(300ms);
    client.setRetryPolicy(fastRetries(2));
    QSignalSpy retries(&client, &ApiClient::retrying);

    QElapsedTimer clock;
    clock.start();
    Waiter<Page<Product>> waiter;
    client.products({}, this, waiter.callback());
    QVERIFY(waiter.wait(10000));
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Timeout);
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries.first().at(2).value<Error>().code, ErrorCode::Timeout);
    QCOMPARE(hanging.connections, 2);
    // Two attempts of 300 ms each plus the 50 ms pause.
    QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed())));
}

void TestApiClient::connectionRefusedRetriesWithBackoff()
{
    const quint16 closedPort = Tests::TestServer::freePort();
    Tests::FakeNetwork network; // counts and passes every request to the real network
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
    client.setRetryPolicy(fastRetries(4, 100ms));
    QSignalSpy retries(&client, &ApiClient::retrying);
    QSignalSpy reachability(&client, &ApiClient::reachabilityChanged);

    Waiter<Page<Product>> waiter;
    client.products({}, this, waiter.callback());
    QVERIFY(waiter.wait(10000));
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unavailable);
    QVERIFY(waiter.result->error().isRetryable());
    QCOMPARE(network.requestCount(), 4);
    QCOMPARE(retries.size(), 3);
    // Exponential backoff: 100, 200, 400 ms between the attempts.
    const QList<qint64> expected {100, 200, 400};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(retries.at(i).at(3).toLongLong(), expected[i]);
        const qint64 gap = network.requestTimes().at(i + 1) - network.requestTimes().at(i);
        // The retry timer is a Qt::CoarseTimer, which may fire up to 5 % early.
        QVERIFY2(gap >= expected[i] * 95 / 100 - 2,
                 qPrintable(QStringLiteral("gap %1: %2 ms").arg(i).arg(gap)));
    }
    QCOMPARE(reachability.size(), 1);
    QCOMPARE(reachability.first().first().toBool(), false);
}

void TestApiClient::garbageBodyIsAnError()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return Tests::CannedReply {200, "text/html", "<html><body>Welcome to nginx!</body></html>",
                                   QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(3));
    Waiter<Page<Product>> waiter;
    client.products({}, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Internal);
    QVERIFY(waiter.result->error().message.contains(QStringLiteral("cannot be read")));
    QCOMPARE(network.requestCount(), 1); // not retried: the answer will not change

    // Well-formed JSON of the wrong shape is refused too.
    network.setScript([](const QNetworkRequest &, int) {
        return Tests::CannedReply {200, "application/json", "[1, 2, 3]", QNetworkReply::NoError};
    });
    Waiter<Page<Product>> wrongShape;
    client.products({}, this, wrongShape.callback());
    QVERIFY(wrongShape.wait());
    QVERIFY(!*wrongShape.result);
    QCOMPARE(wrongShape.result->error().code, ErrorCode::Internal);
}

void TestApiClient::unavailableRetriedThenSuccess()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int number) {
        if (number <= 2) {
            return Tests::CannedReply {
                503, "application/problem+json",
                problemJson(QStringLiteral("unavailable"), 503,
                            QStringLiteral("The database cannot be reached.")),
                QNetworkReply::NoError};
        }
        return Tests::CannedReply {200, "application/json", pageJson(3), QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(4));
    QSignalSpy retries(&client, &ApiClient::retrying);
    Waiter<Page<Product>> waiter;
    client.products({}, this, waiter.callback());
    VERIFY_VALUE(waiter);
    QCOMPARE((*waiter.result)->items.size(), 3);
    QCOMPARE(network.requestCount(), 3);
    QCOMPARE(retries.size(), 2);
    QCOMPARE(retries.first().at(2).value<Error>().code, ErrorCode::Unavailable);
    QCOMPARE(retries.first().at(2).value<Error>().message,
             QStringLiteral("The database cannot be reached."));
    // Every attempt carries the transfer timeout.
    QCOMPARE(network.lastRequest().transferTimeout(), int(ApiClient::kDefaultTimeout.count()));
}

void TestApiClient::brandsRetriedThenSuccess()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int number) {
        if (number == 1) {
            return Tests::CannedReply {
                503, "application/problem+json",
                problemJson(QStringLiteral("unavailable"), 503, QStringLiteral("Busy.")),
                QNetworkReply::NoError};
        }
        return Tests::CannedReply {
            200, "application/json",
            QJsonDocument(Json::toJson(QList<Brand> {{QStringLiteral("Acme"), 3}}))
                .toJson(QJsonDocument::Compact),
            QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test/store")));
    client.setRetryPolicy(fastRetries(3));
    QSignalSpy retries(&client, &ApiClient::retrying);
    Waiter<QList<Brand>> waiter;
    client.brands(QStringLiteral("garden-tools"), this, waiter.callback());
    VERIFY_VALUE(waiter);
    QCOMPARE(**waiter.result, (QList<Brand> {{QStringLiteral("Acme"), 3}}));
    QCOMPARE(retries.size(), 1);
    QCOMPARE(network.requestCount(), 2);
    QCOMPARE(network.requestUrls().last().toString(),
             QStringLiteral("http://shop.test/store/api/brands?category=garden-tools"));

    // An answer of another shape is an error, not an empty list.
    network.setScript([](const QNetworkRequest &, int) {
        return Tests::CannedReply {200, "application/json", "[]", QNetworkReply::NoError};
    });
    Waiter<QList<Brand>> odd;
    client.brands(QString(), this, odd.callback());
    QVERIFY(odd.wait());
    QVERIFY(!*odd.result);
    QCOMPARE(network.requestUrls().last().toString(),
             QStringLiteral("http://shop.test/store/api/brands"));
}

void TestApiClient::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expectedCode");

    QTest::newRow("404 problem") << 404 << QByteArray("application/problem+json")
                                 << problemJson(QStringLiteral("not-found"), 404,
                                                QStringLiteral("No such product."))
                                 << int(ErrorCode::NotFound);
    QTest::newRow("422 with fields")
        << 422 << QByteArray("application/problem+json")
        << QByteArray(R"({"type":"/problems/validation","code":"validation","status":422,)"
                      R"("detail":"Invalid.","errors":[{"field":"page","message":"too big"}]})")
        << int(ErrorCode::Validation);
    QTest::newRow("429 plain") << 429 << QByteArray("text/plain") << QByteArray("slow down")
                               << int(ErrorCode::TooManyRequests);
    QTest::newRow("500 html") << 500 << QByteArray("text/html") << QByteArray("<h1>oops</h1>")
                              << int(ErrorCode::Internal);
}

void TestApiClient::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, expectedCode);

    Tests::FakeNetwork network;
    network.setScript([&](const QNetworkRequest &, int) {
        return Tests::CannedReply {status, contentType, body, QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(4));
    Waiter<Page<Product>> waiter;
    client.products({}, this, waiter.callback());
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(int(waiter.result->error().code), expectedCode);
    QCOMPARE(network.requestCount(), 1);
    if (status == 422) {
        QCOMPARE(waiter.result->error().fieldErrors.size(), 1);
        QCOMPARE(waiter.result->error().fieldErrors.first().field, QStringLiteral("page"));
    }
}

void TestApiClient::healthWithoutRetries()
{
    Tests::FakeNetwork network;
    network.setScript([](const QNetworkRequest &, int) {
        return Tests::CannedReply {503, "application/problem+json",
                                   problemJson(QStringLiteral("unavailable"), 503,
                                               QStringLiteral("1 database migration is pending.")),
                                   QNetworkReply::NoError};
    });
    ApiClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://shop.test")));
    client.setRetryPolicy(fastRetries(4));
    CallOptions options;
    options.retry = false;
    Waiter<HealthStatus> waiter;
    client.health(this, waiter.callback(), options);
    QVERIFY(waiter.wait());
    QVERIFY(!*waiter.result);
    QCOMPARE(waiter.result->error().code, ErrorCode::Unavailable);
    QCOMPARE(network.requestCount(), 1);
    QCOMPARE(network.requestUrls().first().path(), QStringLiteral("/health/ready"));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
