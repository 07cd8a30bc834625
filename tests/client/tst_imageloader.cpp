#include "client/apiclient.h"
#include "client/catalogclient.h"
#include "client/gui/imageloader.h"
#include "support/externalserver.h"
#include "support/resultcheck.h"

#include <QNetworkDiskCache>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Client;

namespace {

// True when the image has at least some opaque pixels that differ from the first one.
bool hasContent(const QImage &image)
{
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) > 0 && pixel != first) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

class TestImageLoader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void svgFromServerAtDevicePixelRatio_data();
    void svgFromServerAtDevicePixelRatio();
    void memoryCacheAnswersWithoutNetwork();
    void diskCacheKeepsDownloads();
    void unreachableKeepsPlaceholder();
    void notFoundKeepsPlaceholder();
    void notAnImageKeepsPlaceholder();
    void retryAfterFailure();

private:
    Tests::ExternalServer m_server;
    ApiClient m_client;
    QUrl m_imageUrl; // a product image on the server
    QTemporaryDir m_cacheDir;
};

void TestImageLoader::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_client.setBaseUrl(m_server.baseUrl());
    std::optional<Result<Page<Product>>> page;
    ProductQuery query;
    query.limit = 100;
    CatalogClient catalog(&m_client);
    catalog.products(query, this, [&](Result<Page<Product>> r) { page = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(page.has_value(), 20000);
    SHOP_VERIFY_OK(*page);
    for (const Product &product : (*page)->items) {
        if (product.imageUrl.startsWith(u'/')) {
            m_imageUrl = m_client.resolve(product.imageUrl);
            break;
        }
    }
    QVERIFY2(m_imageUrl.isValid() && !m_imageUrl.isEmpty(),
             "the demo catalog should have products with images on the server");
    QVERIFY(m_cacheDir.isValid());
}

void TestImageLoader::svgFromServerAtDevicePixelRatio_data()
{
    QTest::addColumn<qreal>("dpr");
    QTest::newRow("1x") << qreal(1.0);
    QTest::newRow("1.5x") << qreal(1.5);
    QTest::newRow("2x") << qreal(2.0);
}

void TestImageLoader::svgFromServerAtDevicePixelRatio()
{
    QFETCH(qreal, dpr);
    ImageLoader loader;
    loader.setDiskCacheDirectory(QString());
    const QSize logical(160, 120);
    QSignalSpy ready(&loader, &ImageLoader::imageReady);

    const QPixmap first = loader.pixmap(m_imageUrl, logical, dpr);
    QVERIFY(loader.isPlaceholder(first)); // never blocks: a placeholder while loading
    QCOMPARE(first.deviceIndependentSize().toSize(), logical);
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().first().toUrl(), m_imageUrl);

    const QPixmap pixmap = loader.pixmap(m_imageUrl, logical, dpr);
    QVERIFY(!loader.isPlaceholder(pixmap));
    // Rendered at the device resolution, not scaled up: crisp on HiDPI screens.
    QCOMPARE(pixmap.devicePixelRatio(), dpr);
    QCOMPARE(pixmap.size(),
             QSize(int(std::ceil(logical.width() * dpr)), int(std::ceil(logical.height() * dpr))));
    QVERIFY(hasContent(pixmap.toImage()));
}

void TestImageLoader::memoryCacheAnswersWithoutNetwork()
{
    ImageLoader loader;
    loader.setDiskCacheDirectory(QString());
    QSignalSpy ready(&loader, &ImageLoader::imageReady);
    (void)loader.pixmap(m_imageUrl, QSize(100, 75), 1.0);
    QVERIFY(ready.wait(10000));
    QCOMPARE(loader.downloadsStarted(), 1);

    QVERIFY(loader.hasPixmap(m_imageUrl, QSize(100, 75), 1.0));
    QVERIFY(!loader.isPlaceholder(loader.pixmap(m_imageUrl, QSize(100, 75), 1.0)));
    // Another size renders from the downloaded bytes: no second download.
    (void)loader.pixmap(m_imageUrl, QSize(300, 225), 2.0);
    QVERIFY(ready.wait(10000));
    QVERIFY(!loader.isPlaceholder(loader.pixmap(m_imageUrl, QSize(300, 225), 2.0)));
    QCOMPARE(loader.downloadsStarted(), 1);
}

void TestImageLoader::diskCacheKeepsDownloads()
{
    ImageLoader loader;
    loader.setDiskCacheDirectory(m_cacheDir.path());
    QSignalSpy ready(&loader, &ImageLoader::imageReady);
    (void)loader.pixmap(m_imageUrl, QSize(64, 48), 1.0);
    QVERIFY(ready.wait(10000));
    QTRY_COMPARE(loader.downloadsInFlight(), 0);

    QNetworkDiskCache cache;
    cache.setCacheDirectory(m_cacheDir.path());
    QVERIFY2(cache.metaData(m_imageUrl).isValid(), "the image should be in the disk cache");
}

void TestImageLoader::unreachableKeepsPlaceholder()
{
    ImageLoader loader;
    loader.setDiskCacheDirectory(QString());
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/media/products/gone.svg")
                       .arg(Tests::ExternalServer::freePort()));
    QSignalSpy failed(&loader, &ImageLoader::imageFailed);
    QVERIFY(loader.isPlaceholder(loader.pixmap(url, QSize(80, 60), 1.0)));
    QVERIFY(failed.wait(10000));
    QVERIFY(loader.hasFailed(url));
    const int downloads = loader.downloadsStarted();
    QVERIFY(loader.isPlaceholder(loader.pixmap(url, QSize(80, 60), 1.0)));
    QCOMPARE(loader.downloadsStarted(), downloads); // a failed URL is not hammered
}

void TestImageLoader::notFoundKeepsPlaceholder()
{
    ImageLoader loader;
    loader.setDiskCacheDirectory(QString());
    const QUrl url = m_client.resolve(QStringLiteral("/media/products/no-such-product.svg"));
    QSignalSpy failed(&loader, &ImageLoader::imageFailed);
    QSignalSpy ready(&loader, &ImageLoader::imageReady);
    (void)loader.pixmap(url, QSize(80, 60), 1.0);
    QVERIFY(failed.wait(10000));
    QCOMPARE(ready.size(), 0);
    QVERIFY(loader.isPlaceholder(loader.pixmap(url, QSize(80, 60), 1.0)));
}

void TestImageLoader::notAnImageKeepsPlaceholder()
{
    ImageLoader loader;
    loader.setDiskCacheDirectory(QString());
    const QUrl url = m_client.resolve(QStringLiteral("/api/categories")); // JSON, not an image
    QSignalSpy failed(&loader, &ImageLoader::imageFailed);
    (void)loader.pixmap(url, QSize(80, 60), 1.0);
    QVERIFY(failed.wait(10000));
    QVERIFY(loader.isPlaceholder(loader.pixmap(url, QSize(80, 60), 1.0)));
}

void TestImageLoader::retryAfterFailure()
{
    ImageLoader loader;
    loader.setDiskCacheDirectory(QString());
    QSignalSpy failed(&loader, &ImageLoader::imageFailed);
    QSignalSpy ready(&loader, &ImageLoader::imageReady);
    m_server.stopServing();
    (void)loader.pixmap(m_imageUrl, QSize(80, 60), 1.0);
    QVERIFY(failed.wait(10000));
    QVERIFY(m_server.startServing());
    loader.retryFailed();
    (void)loader.pixmap(m_imageUrl, QSize(80, 60), 1.0);
    QVERIFY(ready.wait(10000));
    QVERIFY(!loader.isPlaceholder(loader.pixmap(m_imageUrl, QSize(80, 60), 1.0)));
}

QTEST_MAIN(TestImageLoader)
#include "tst_imageloader.moc"
