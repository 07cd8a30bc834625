// The staff's product images and product list against the whole server (real PostgreSQL, real
// sockets):
// - every new route refuses anonymous callers (401) and customers (403) and changes nothing;
// - refused uploads (a GIF sent as PNG, text, a broken PNG, oversized, a decompression bomb,
//   SVGs with scripts, event handlers, external references, entities, foreignObject) answer a
//   clear problem and store nothing (media, product_images and audit rows counted);
// - PNG, JPEG, WebP and a safe SVG are stored content-addressed and served from /media with an
//   ETag (304 on revalidation), with a thumbnail; primary image, delete, the unused files'
//   removal after the grace period;
// - GET /api/admin/products lists inactive products too, with revisions.
// - body limits per route with the server's defaults (1 MiB; the upload 20 MiB): 413 from the
//   head alone on another route and over the upload's limit, a real 2 MiB PNG accepted;
// - uploads are decoded on the media pool (one thread here), not on the HTTP workers: a worker
//   route answers while more uploads than workers are in flight.

#include "../orders/orderfixture.h"
#include "catalog/productimages.h"
#include "http/httpserver.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QLoggingCategory>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>
#include <vector>

using namespace Shop;
using namespace Shop::Tests;

namespace {

QString describe(const HttpReply &reply)
{
    return QString::number(reply.status) + u' ' + QString::fromUtf8(reply.body.left(600));
}

QByteArray encoded(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image)) {
        qWarning() << "cannot write" << format << writer.errorString();
    }
    return bytes;
}

QImage picture(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    for (int x = 0; x < width; x += 7) {
        for (int y = 0; y < height; y += 5) {
            image.setPixel(x, y, qRgb(x % 256, y % 256, (x * y) % 256));
        }
    }
    return image;
}

quint32 crc32(QByteArrayView data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

QByteArray be32(quint32 v)
{
    QByteArray out(4, '\0');
    out[0] = char(v >> 24);
    out[1] = char(v >> 16);
    out[2] = char(v >> 8);
    out[3] = char(v);
    return out;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    const QByteArray typed = type + data;
    return be32(quint32(data.size())) + typed + be32(crc32(typed));
}

// A valid-looking PNG of a few hundred bytes whose header declares width x height pixels.
QByteArray pngDeclaring(quint32 width, quint32 height)
{
    QByteArray ihdr = be32(width) + be32(height);
    ihdr += char(8); // bit depth
    ihdr += char(2); // RGB
    ihdr += QByteArray(3, '\0');
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr)
        + pngChunk("IDAT",
                   QByteArray::fromHex("789cedc1010d000000c2a0f74f6d0e37a00000000000000000be0d"))
        + pngChunk("IEND", {});
}

const QByteArray kSafeSvg =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
    "width=\"120\" height=\"80\" viewBox=\"0 0 120 80\">"
    "<defs><linearGradient id=\"g\"><stop offset=\"0\" "
    "stop-color=\"#fff\"/></linearGradient></defs>"
    "<rect width=\"120\" height=\"80\" fill=\"url(#g)\"/>"
    "<use xlink:href=\"#g\"/><title>A mug</title></svg>";

} // namespace

constexpr int kHttpWorkers = 4;

class TestAdminMedia final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void authorisation_data();
    void authorisation();
    void refused_data();
    void refused();
    void rasterFormats_data();
    void rasterFormats();
    void safeSvg();
    void sameBytesTwice();
    void primaryImage();
    void deleteAndCleanup();
    void imageNotFound();
    void adminList();
    void adminListBySku();
    void bodyLimits();
    void uploadsLeaveTheWorkersFree();

private:
    HttpReply upload(const QString &productId, const QByteArray &bytes,
                     const QByteArray &contentType = "image/png", const QByteArray &query = {},
                     const Headers &extra = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + m_admin.token},
                         {"Content-Type", contentType}};
        headers += extra;
        return f.server().request("POST",
                                  "/api/admin/products/" + productId.toLatin1() + "/images" + query,
                                  headers, bytes, 120000);
    }
    HttpReply get(const QByteArray &path, const Headers &extra = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + m_admin.token}};
        headers += extra;
        return f.server().request("GET", path, headers, {}, 60000);
    }
    QString newProduct() { return f.product(1500, 5); }
    QString stored() const
    {
        return f.scalarText(QStringLiteral(
            "SELECT (SELECT count(*) FROM media) || '/' || (SELECT count(*) FROM product_images) "
            "|| '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT coalesce(sum(revision), "
            "0) FROM products)"));
    }

    OrderFixture f;
    Customer m_admin;
    Customer m_customer;
};

void TestAdminMedia::initTestCase()
{
    QLoggingCategory::setFilterRules(
        QStringLiteral("shop.http.access.info=false\nshop.orders.*.info=false\n"
                       "shop.catalog.*.info=false"));
    // The server's defaults: 1 MiB bodies, the upload route 20 MiB (http/max_upload_bytes). One
    // decoding thread (media/workers), so that uploads queue for it.
    const QString error = f.start(kHttpWorkers, [](Server::ServerConfig &config, const QString &) {
        config.media.workers = 1;
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_admin = f.customer(QStringLiteral("admin"));
    m_customer = f.customer();
    qInfo() << "image formats:" << QImageReader::supportedImageFormats();
}

void TestAdminMedia::cleanupTestCase()
{
    f.stop();
}

void TestAdminMedia::authorisation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    const QString product = newProduct();
    const QByteArray id = product.toLatin1();
    const HttpReply uploaded = upload(product, encoded(picture(40, 30), "png"));
    QCOMPARE(uploaded.status, 201);
    const QByteArray imageId = uploaded.json()[u"image"][u"id"].toString().toLatin1();
    const QByteArray png = encoded(picture(20, 20), "png");
    QTest::newRow("list products")
        << QByteArray("GET") << QByteArray("/api/admin/products") << QByteArray();
    QTest::newRow("export") << QByteArray("GET") << QByteArray("/api/admin/products/export.csv")
                            << QByteArray();
    QTest::newRow("import") << QByteArray("POST")
                            << QByteArray("/api/admin/products/import?dry_run=false")
                            << QByteArray(
                                   "sku,name,description,price,category_slug,category_name,"
                                   "brand,stock_quantity,image_url\r\nX-1,X,,1.00,,,,1,\r\n");
    QTest::newRow("list images") << QByteArray("GET")
                                 << QByteArray("/api/admin/products/" + id + "/images")
                                 << QByteArray();
    QTest::newRow("upload") << QByteArray("POST")
                            << QByteArray("/api/admin/products/" + id + "/images?primary=true")
                            << png;
    QTest::newRow("delete image") << QByteArray("DELETE")
                                  << QByteArray("/api/admin/products/" + id + "/images/" + imageId)
                                  << QByteArray();
    QTest::newRow("primary") << QByteArray(
        "PUT") << QByteArray("/api/admin/products/" + id + "/images/" + imageId + "/primary")
                             << QByteArray();
}

void TestAdminMedia::authorisation()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    const QString before = stored();
    const qint64 products = f.scalar(QStringLiteral("SELECT count(*) FROM products"));
    const HttpReply anonymous = f.server().request(method, path, {}, body, 60000);
    QCOMPARE(anonymous.status, 401);
    QVERIFY(anonymous.header("www-authenticate").startsWith("Bearer"));
    const HttpReply refused = f.server().request(
        method, path, {{"Authorization", "Bearer " + m_customer.token}}, body, 60000);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json()[u"code"].toString(), QStringLiteral("forbidden"));
    QCOMPARE(stored(), before);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM products")), products);
}

void TestAdminMedia::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code"); // the field error's code, or the problem's reason

    const QByteArray png = encoded(picture(64, 64), "png");
    QTest::newRow("gif sent as png")
        << QByteArray::fromHex("47494638396101000100800000000000ffff"
                               "ff21f90401000000002c000000000100010"
                               "00002024401003b")
        << QByteArray("image/png") << 415 << QStringLiteral("unsupported-media-type");
    QTest::newRow("bmp sent as jpeg") << encoded(picture(16, 16), "bmp") << QByteArray("image/jpeg")
                                      << 415 << QStringLiteral("unsupported-media-type");
    QTest::newRow("text named png")
        << QByteArray("hello, this is not a picture\n") << QByteArray("image/png") << 422
        << QStringLiteral("invalid_image");
    QTest::newRow("html") << QByteArray("<html><body><script>alert(1)</script></body></html>")
                          << QByteArray("image/svg+xml") << 422 << QStringLiteral("invalid_image");
    QTest::newRow("empty") << QByteArray() << QByteArray("image/png") << 422
                           << QStringLiteral("invalid_image");
    QTest::newRow("truncated png")
        << png.left(60) << QByteArray("image/png") << 422 << QStringLiteral("invalid_image");
    QByteArray huge = png;
    huge.append(QByteArray(5 * 1024 * 1024, 'x'));
    QTest::newRow("oversized") << huge << QByteArray("image/png") << 413
                               << QStringLiteral("too-large");
    QTest::newRow("decompression bomb") << pngDeclaring(50000, 50000) << QByteArray("image/png")
                                        << 422 << QStringLiteral("image_too_large");
    QTest::newRow("bomb, one long side") << pngDeclaring(999999, 41) << QByteArray("image/png")
                                         << 422 << QStringLiteral("image_too_large");

    const auto svg = [](const QByteArray &inner,
                        const QByteArray &rootAttributes = {}) -> QByteArray {
        return QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"")
            + rootAttributes + '>' + inner + "</svg>";
    };
    const QByteArray svgType("image/svg+xml");
    const QString unsafe = QStringLiteral("unsafe_svg");
    QTest::newRow("svg script") << svg("<script>alert(document.cookie)</script>") << svgType << 422
                                << unsafe;
    QTest::newRow("svg script, named png")
        << svg("<script>alert(1)</script>") << QByteArray("image/png") << 422 << unsafe;
    QTest::newRow("svg onload") << svg("<rect width=\"1\" height=\"1\"/>", " onload=\"alert(1)\"")
                                << svgType << 422 << unsafe;
    QTest::newRow("svg ONCLICK") << svg("<rect ONCLICK=\"alert(1)\"/>") << svgType << 422 << unsafe;
    QTest::newRow("svg external href")
        << svg("<image href=\"https://evil.example/x.png\" width=\"1\" height=\"1\"/>") << svgType
        << 422 << unsafe;
    QTest::newRow("svg external xlink:href")
        << svg("<use xlink:href=\"https://evil.example/sprite.svg#a\"/>") << svgType << 422
        << unsafe;
    QTest::newRow("svg javascript href")
        << svg("<a href=\"javascript:alert(1)\"><rect/></a>") << svgType << 422 << unsafe;
    QTest::newRow("svg data svg href")
        << svg("<image href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\"/>") << svgType << 422
        << unsafe;
    QTest::newRow("svg style url")
        << svg("<style>rect { fill: url(https://evil.example/f) }</style>") << svgType << 422
        << unsafe;
    QTest::newRow("svg style import")
        << svg("<style>@import 'https://evil.example/a.css';</style>") << svgType << 422 << unsafe;
    QTest::newRow("svg attribute url")
        << svg("<rect fill=\"url('http://evil.example/p')\"/>") << svgType << 422 << unsafe;
    QTest::newRow("svg entity") << QByteArray(
        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM "
        "\"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">"
        "<text>&x;</text></svg>")
                                << svgType << 422 << unsafe;
    QTest::newRow("svg billion laughs")
        << QByteArray("<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>")
        << svgType << 422 << unsafe;
    QTest::newRow("svg foreignObject")
        << svg("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"
               "</foreignObject>")
        << svgType << 422 << unsafe;
    QTest::newRow("svg animate href")
        << svg("<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a>") << svgType << 422
        << unsafe;
    QTest::newRow("svg stylesheet pi")
        << QByteArray("<?xml-stylesheet href=\"https://evil.example/a.css\"?>") + svg("") << svgType
        << 422 << unsafe;
    QTest::newRow("svg not well-formed") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                                                       "<rect></svg>")
                                         << svgType << 422 << unsafe;
}

void TestAdminMedia::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString product = newProduct();
    const QString before = stored();
    const HttpReply reply = upload(product, bytes, contentType);
    QVERIFY2(reply.status == status, qPrintable(describe(reply)));
    QVERIFY(reply.header("content-type").startsWith("application/problem+json"));
    const QJsonObject problem = reply.json();
    QVERIFY2(!problem[u"detail"].toString().isEmpty(), qPrintable(describe(reply)));
    if (status == 422) {
        QCOMPARE(problem[u"errors"][0][u"field"].toString(), QStringLiteral("image"));
        QCOMPARE(problem[u"errors"][0][u"code"].toString(), code);
    } else {
        QCOMPARE(problem[u"reason"].toString(), code);
    }
    QCOMPARE(stored(), before);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM media_unused")), 0);
}

void TestAdminMedia::rasterFormats_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("extension");
    QTest::newRow("png") << QByteArray("png") << QByteArray("image/png") << QStringLiteral("png");
    QTest::newRow("jpeg") << QByteArray("jpeg") << QByteArray("image/jpeg")
                          << QStringLiteral("jpg");
    QTest::newRow("webp") << QByteArray("webp") << QByteArray("image/webp")
                          << QStringLiteral("webp");
}

void TestAdminMedia::rasterFormats()
{
    QFETCH(QByteArray, format);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, extension);
    QVERIFY2(QImageWriter::supportedImageFormats().contains(format),
             "install qt6-image-formats-plugins (scripts/install-deps)");
    const QString product = newProduct();
    const QByteArray bytes = encoded(picture(900, 600), format.constData());
    QVERIFY(!bytes.isEmpty());
    // A lying Content-Type does not matter: the bytes decide.
    const HttpReply reply = upload(product, bytes, "application/octet-stream");
    QVERIFY2(reply.status == 201, qPrintable(describe(reply)));
    const QJsonObject image = reply.json()[u"image"].toObject();
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    QCOMPARE(image[u"url"].toString(), QStringLiteral("/media/images/%1.%2").arg(sha, extension));
    QCOMPARE(image[u"content_type"].toString(), QString::fromLatin1(contentType));
    QCOMPARE(image[u"width"].toInt(), 900);
    QCOMPARE(image[u"height"].toInt(), 600);
    QCOMPARE(image[u"bytes"].toInteger(), qint64(bytes.size()));
    QCOMPARE(image[u"position"].toInt(), 0);
    QVERIFY(image[u"thumbnail_url"].toString().startsWith(
        QStringLiteral("/media/images/%1-thumb.").arg(sha)));

    // Served from /media (no token needed), with an ETag and revalidation.
    const HttpReply file =
        f.server().request("GET", image[u"url"].toString().toLatin1(), {}, {}, 60000);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, bytes);
    QCOMPARE(file.header("content-type"), contentType);
    const QByteArray etag = file.header("etag");
    QVERIFY(!etag.isEmpty());
    const HttpReply again = f.server().request("GET", image[u"url"].toString().toLatin1(),
                                               {{"If-None-Match", etag}}, {}, 60000);
    QCOMPARE(again.status, 304);

    const HttpReply thumb =
        f.server().request("GET", image[u"thumbnail_url"].toString().toLatin1(), {}, {}, 60000);
    QCOMPARE(thumb.status, 200);
    QVERIFY(thumb.header("content-type") == "image/webp"
            || thumb.header("content-type") == "image/png");
    const QImage small = QImage::fromData(thumb.body);
    QVERIFY(!small.isNull());
    QCOMPARE(small.width(), 320);
    QCOMPARE(small.height(), 213);

    const HttpReply list = get("/api/admin/products/" + product.toLatin1() + "/images");
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json()[u"images"].toArray().size(), 1);
    QCOMPARE(list.json()[u"images"][0][u"id"], image[u"id"]);
}

void TestAdminMedia::safeSvg()
{
    const QString product = newProduct();
    const HttpReply reply = upload(product, kSafeSvg, "image/png");
    QVERIFY2(reply.status == 201, qPrintable(describe(reply)));
    const QJsonObject image = reply.json()[u"image"].toObject();
    QCOMPARE(image[u"content_type"].toString(), QStringLiteral("image/svg+xml"));
    QVERIFY(image[u"url"].toString().endsWith(u".svg"));
    QCOMPARE(image[u"thumbnail_url"], image[u"url"]); // a vector picture is its own thumbnail
    QCOMPARE(image[u"width"].toInt(), 120);
    QCOMPARE(image[u"height"].toInt(), 80);
    const HttpReply file =
        f.server().request("GET", image[u"url"].toString().toLatin1(), {}, {}, 60000);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, kSafeSvg);
    QCOMPARE(file.header("content-type"), QByteArray("image/svg+xml"));
}

void TestAdminMedia::sameBytesTwice()
{
    const QByteArray png = encoded(picture(50, 50), "png");
    const QString a = newProduct();
    const QString b = newProduct();
    const qint64 media = f.scalar(QStringLiteral("SELECT count(*) FROM media"));
    QCOMPARE(upload(a, png).status, 201);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM media")), media + 2); // + thumbnail
    const HttpReply second = upload(b, png);
    QCOMPARE(second.status, 201);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM media")), media + 2); // shared
    const HttpReply repeated = upload(b, png);
    QCOMPARE(repeated.status, 200); // already there
    QCOMPARE(repeated.json()[u"image"][u"id"], second.json()[u"image"][u"id"]);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM product_images WHERE product_id = "
                                     "?::uuid"),
                      {b}),
             1);
}

void TestAdminMedia::primaryImage()
{
    const QString product = newProduct();
    const QByteArray path = "/api/products/" + product.toLatin1();
    // The public product is cached before the change.
    QCOMPARE(f.server().request("GET", path, {}, {}, 60000).status, 200);

    const HttpReply first =
        upload(product, encoded(picture(30, 30), "png"), "image/png", "?primary=true");
    QVERIFY2(first.status == 201, qPrintable(describe(first)));
    const QString firstUrl = first.json()[u"image"][u"url"].toString();
    const HttpReply shown = f.server().request("GET", path, {}, {}, 60000);
    QCOMPARE(shown.json()[u"image_url"].toString(), firstUrl);

    const HttpReply second = upload(product, encoded(picture(31, 30), "jpeg"), "image/jpeg");
    QCOMPARE(second.status, 201);
    QCOMPARE(second.json()[u"image"][u"position"].toInt(), 1);
    QCOMPARE(f.server().request("GET", path, {}, {}, 60000).json()[u"image_url"].toString(),
             firstUrl);

    // A stale If-Match: 412, nothing changes.
    const HttpReply product0 = get("/api/admin/products/" + product.toLatin1());
    const QByteArray etag = product0.header("etag");
    const QByteArray primaryPath = "/api/admin/products/" + product.toLatin1() + "/images/"
        + second.json()[u"image"][u"id"].toString().toLatin1() + "/primary";
    const HttpReply stale = f.server().request(
        "PUT", primaryPath, {{"Authorization", "Bearer " + m_admin.token}, {"If-Match", "\"999\""}},
        {}, 60000);
    QCOMPARE(stale.status, 412);

    const HttpReply made = f.server().request(
        "PUT", primaryPath, {{"Authorization", "Bearer " + m_admin.token}, {"If-Match", etag}}, {},
        60000);
    QVERIFY2(made.status == 200, qPrintable(describe(made)));
    const QString secondUrl = second.json()[u"image"][u"url"].toString();
    QCOMPARE(made.json()[u"image_url"].toString(), secondUrl);
    QVERIFY(made.header("etag") != etag);
    QCOMPARE(f.server().request("GET", path, {}, {}, 60000).json()[u"image_url"].toString(),
             secondUrl);
    const QString action = f.scalarText(
        QStringLiteral(
            "SELECT action || ' ' || (before->>'image_url') || ' ' || (after->>'image_url') FROM "
            "audit_log WHERE target_id = ? ORDER BY id DESC LIMIT 1"),
        {product});
    QCOMPARE(action, QStringLiteral("product.image.primary %1 %2").arg(firstUrl, secondUrl));
}

void TestAdminMedia::deleteAndCleanup()
{
    const QString product = newProduct();
    const QByteArray unique = encoded(picture(77, 33), "png");
    const HttpReply first = upload(product, unique, "image/png", "?primary=true");
    QCOMPARE(first.status, 201);
    const HttpReply second = upload(product, encoded(picture(78, 33), "png"));
    QCOMPARE(second.status, 201);
    const QString firstId = first.json()[u"image"][u"id"].toString();
    const QString firstPath = first.json()[u"image"][u"url"].toString().mid(7); // no /media/
    const qint64 audits = f.scalar(QStringLiteral("SELECT count(*) FROM audit_log"));

    const HttpReply removed = f.server().request(
        "DELETE", "/api/admin/products/" + product.toLatin1() + "/images/" + firstId.toLatin1(),
        {{"Authorization", "Bearer " + m_admin.token}}, {}, 60000);
    QVERIFY2(removed.status == 204, qPrintable(describe(removed)));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log")), audits + 1);
    // The next image became the primary one, at position 0.
    const HttpReply list = get("/api/admin/products/" + product.toLatin1() + "/images");
    QCOMPARE(list.json()[u"images"].toArray().size(), 1);
    QCOMPARE(list.json()[u"images"][0][u"position"].toInt(), 0);
    QCOMPARE(get("/api/admin/products/" + product.toLatin1()).json()[u"image_url"],
             second.json()[u"image"][u"url"]);

    // The file stays (and is served) during the grace period, then goes.
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT count(*) FROM media_unused WHERE path = ? OR path "
                                "LIKE ?"),
                 {firstPath, QString(firstPath.left(firstPath.lastIndexOf(u'.')) + u"-thumb.%")}),
        2);
    QCOMPARE(f.server().request("GET", "/media/" + firstPath.toLatin1(), {}, {}, 60000).status,
             200);
    {
        auto db = Db::threadConnection();
        QVERIFY(db.has_value());
        SHOP_VERIFY_OK(Catalog::ProductImages::removeUnused(*db));
    }
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM media WHERE path = ?"), {firstPath}), 1);
    QVERIFY(
        f.exec(QStringLiteral("UPDATE media_unused SET unused_at = now() - interval '2 days'")));
    {
        auto db = Db::threadConnection();
        QVERIFY(db.has_value());
        SHOP_VERIFY_OK(Catalog::ProductImages::removeUnused(*db));
    }
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM media WHERE path = ?"), {firstPath}), 0);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM media_unused")), 0);
    QCOMPARE(f.server().request("GET", "/media/" + firstPath.toLatin1(), {}, {}, 60000).status,
             404);
    // A file still used elsewhere is never removed: the second image is still there.
    QCOMPARE(
        f.server()
            .request("GET", second.json()[u"image"][u"url"].toString().toLatin1(), {}, {}, 60000)
            .status,
        200);
}

void TestAdminMedia::imageNotFound()
{
    const QString product = newProduct();
    const QByteArray base = "/api/admin/products/" + product.toLatin1() + "/images/";
    const Headers auth {{"Authorization", "Bearer " + m_admin.token}};
    QCOMPARE(f.server()
                 .request("DELETE", base + "00000000-0000-4000-8000-000000000000", auth, {}, 60000)
                 .status,
             404);
    QCOMPARE(f.server().request("PUT", base + "nope/primary", auth, {}, 60000).status, 404);
    QCOMPARE(upload(QStringLiteral("00000000-0000-4000-8000-000000000000"),
                    encoded(picture(8, 8), "png"))
                 .status,
             404);
    QCOMPARE(get("/api/admin/products/00000000-0000-4000-8000-000000000000/images").status, 404);
    QCOMPARE(upload(product, encoded(picture(8, 8), "png"), "image/png", "?primary=maybe").status,
             422);
}

void TestAdminMedia::adminList()
{
    const QString active = f.product(4242, 1, QStringLiteral("Listable teapot active"));
    const QString inactive = f.product(4243, 1, QStringLiteral("Listable teapot hidden"));
    QVERIFY(f.exec(QStringLiteral("UPDATE products SET is_active = false WHERE id = ?::uuid"),
                   {inactive}));
    const auto ids = [](const HttpReply &reply) {
        QStringList list;
        for (const QJsonValue &item : reply.json()[u"items"].toArray()) {
            list << item[u"id"].toString();
        }
        return list;
    };
    const HttpReply all = get("/api/admin/products?search=listable%20teapot");
    QVERIFY2(all.status == 200, qPrintable(describe(all)));
    QCOMPARE(all.header("cache-control"), QByteArray("no-store"));
    QCOMPARE(all.json()[u"total"].toInt(), 2);
    QVERIFY(ids(all).contains(active) && ids(all).contains(inactive));
    for (const QJsonValue &item : all.json()[u"items"].toArray()) {
        QVERIFY(item[u"revision"].toInteger() >= 1);
        QVERIFY(item[u"is_active"].isBool());
    }
    const HttpReply hidden = get("/api/admin/products?search=listable%20teapot&active=false");
    QCOMPARE(ids(hidden), QStringList {inactive});
    const HttpReply shown = get("/api/admin/products?search=listable%20teapot&active=true");
    QCOMPARE(ids(shown), QStringList {active});
    // The public list shows the active one only.
    const HttpReply pub =
        f.server().request("GET", "/api/products?search=listable%20teapot", {}, {}, 60000);
    QCOMPARE(ids(pub), QStringList {active});
    // Without search: every product, pages, sort by price.
    const HttpReply page = get("/api/admin/products?limit=2&sort=price_desc&active=all");
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json()[u"items"].toArray().size(), 2);
    QCOMPARE(page.json()[u"total"].toInteger(),
             f.scalar(QStringLiteral("SELECT count(*) FROM products")));
    const HttpReply inactiveOnly = get("/api/admin/products?active=false");
    QCOMPARE(inactiveOnly.json()[u"total"].toInteger(),
             f.scalar(QStringLiteral("SELECT count(*) FROM products WHERE NOT is_active")));
    QCOMPARE(get("/api/admin/products?active=maybe").status, 422);
    QCOMPARE(get("/api/admin/products?limit=1000").status, 422);
}

void TestAdminMedia::adminListBySku()
{
    const QString product = f.product(4244, 3, QStringLiteral("Skuable kettle"));
    const QString sku =
        f.scalarText(QStringLiteral("SELECT sku FROM products WHERE id = ?::uuid"), {product});
    QVERIFY(f.exec(QStringLiteral("UPDATE products SET sku = ? WHERE id = ?::uuid"),
                   {QString(QStringLiteral("Kettle-") + sku), product}));
    const QByteArray exact = "Kettle-" + sku.toLatin1();
    const auto ids = [](const HttpReply &reply) {
        QStringList list;
        for (const QJsonValue &item : reply.json()[u"items"].toArray()) {
            list << item[u"id"].toString();
        }
        return list;
    };
    // Exactly the product, active or not, with its revision, whatever page the list would put
    // it on.
    const HttpReply found = get("/api/admin/products?sku=" + exact);
    QVERIFY2(found.status == 200, qPrintable(describe(found)));
    QCOMPARE(ids(found), QStringList {product});
    QCOMPARE(found.json()[u"total"].toInt(), 1);
    QCOMPARE(found.json()[u"items"][0][u"sku"].toString(), QString::fromLatin1(exact));
    QVERIFY(found.json()[u"items"][0][u"revision"].toInteger() >= 1);
    QVERIFY(f.exec(QStringLiteral("UPDATE products SET is_active = false WHERE id = ?::uuid"),
                   {product}));
    QCOMPARE(ids(get("/api/admin/products?sku=" + exact)), QStringList {product});
    // Combined with the other filters: each must match too.
    QCOMPARE(ids(get("/api/admin/products?active=false&sku=" + exact)), QStringList {product});
    QCOMPARE(ids(get("/api/admin/products?active=true&sku=" + exact)), QStringList());
    QCOMPARE(
        ids(get("/api/admin/products?in_stock=true&min_price=4000&search=kettle&sku=" + exact)),
        QStringList {product});
    const HttpReply cheaper = get("/api/admin/products?max_price=100&sku=" + exact);
    QCOMPARE(cheaper.status, 200);
    QCOMPARE(ids(cheaper), QStringList());
    QCOMPARE(cheaper.json()[u"total"].toInt(), 0);
    // Exact: no prefix, no other case (the unique index compares case-sensitively), but the
    // value is trimmed like a stored SKU.
    QCOMPARE(ids(get("/api/admin/products?sku=Kettle-")), QStringList());
    QCOMPARE(ids(get("/api/admin/products?sku=" + exact.toLower())), QStringList());
    QCOMPARE(ids(get("/api/admin/products?sku=%20" + exact + "%20")), QStringList {product});
    // Nothing by that SKU: an empty page, not 404.
    const HttpReply none = get("/api/admin/products?sku=NO-SUCH-SKU-42");
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json()[u"total"].toInt(), 0);
    // Values the product rules refuse: 422 naming the field.
    for (const QByteArray &bad : {QByteArray("sku="), QByteArray("sku=a%20b"),
                                  QByteArray("sku=-lead"), QByteArray("sku=%27%3B--"),
                                  QByteArray(65, 'A').prepend("sku="), QByteArray("sku=A&sku=B")}) {
        const HttpReply refused = get("/api/admin/products?" + bad);
        QVERIFY2(refused.status == 422,
                 qPrintable(QString::fromLatin1(bad) + QStringLiteral(": ") + describe(refused)));
        QCOMPARE(refused.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(refused.json()[u"errors"][0][u"field"].toString(), QStringLiteral("sku"));
    }
    QCOMPARE(get("/api/admin/products?sku=" + QByteArray(64, 'A')).status, 200);
    // The CSV export takes the same filter.
    const HttpReply csv = get("/api/admin/products/export.csv?sku=" + exact);
    QCOMPARE(csv.status, 200);
    QCOMPARE(csv.body.count('\n'), 2); // the header and the product
    QVERIFY(csv.body.contains(exact));
}

void TestAdminMedia::bodyLimits()
{
    const QString product = newProduct();
    const QByteArray id = product.toLatin1();
    const QByteArray auth = "Authorization: Bearer " + m_admin.token + "\r\n";
    const QString before = stored();

    // A 2 MiB body on a route without a limit of its own: 413 from the head alone (the body is
    // never sent), as problem+json.
    {
        HttpClient client(f.server().port());
        QVERIFY(client.isConnected());
        QVERIFY(client.send("PUT /api/products/" + id + " HTTP/1.1\r\nHost: test\r\n" + auth
                            + "Content-Type: application/json\r\nContent-Length: "
                            + QByteArray::number(2 * 1024 * 1024) + "\r\n\r\n"));
        const HttpReply reply = client.read(10000);
        QVERIFY2(reply.status == 413, qPrintable(describe(reply)));
        QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(reply.json()[u"code"].toString(), QStringLiteral("payload-too-large"));
        QVERIFY(reply.json()[u"detail"].toString().contains(u"1048576"));
        QVERIFY(client.waitForClosed(5000));
    }
    // Over the image route's own limit (the largest image, 5 MiB): 413 from the head alone too,
    // with the image check's own problem ("too-large"), the body never sent.
    {
        HttpClient client(f.server().port());
        QVERIFY(client.send("POST /api/admin/products/" + id + "/images HTTP/1.1\r\nHost: test\r\n"
                            + auth + "Content-Type: image/png\r\nContent-Length: "
                            + QByteArray::number(5 * 1024 * 1024 + 1) + "\r\n\r\n"));
        const HttpReply reply = client.read(10000);
        QVERIFY2(reply.status == 413, qPrintable(describe(reply)));
        QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(reply.json()[u"reason"].toString(), QStringLiteral("too-large"));
        QVERIFY(reply.json()[u"detail"].toString().contains(u"5242880"));
        QVERIFY(client.waitForClosed(5000));
    }
    // The CSV import's limit (http/max_upload_bytes, 20 MiB) is its own.
    {
        HttpClient client(f.server().port());
        QVERIFY(client.send("POST /api/admin/products/import HTTP/1.1\r\nHost: test\r\n" + auth
                            + "Content-Type: text/csv\r\nContent-Length: "
                            + QByteArray::number(20 * 1024 * 1024 + 1) + "\r\n\r\n"));
        const HttpReply reply = client.read(10000);
        QVERIFY2(reply.status == 413, qPrintable(describe(reply)));
        QVERIFY(reply.json()[u"detail"].toString().contains(u"20971520"));
        QVERIFY(client.waitForClosed(5000));
    }
    QCOMPARE(stored(), before);

    // A real 2 MiB PNG (noise does not compress) is accepted on the upload route.
    QImage noise(900, 900, QImage::Format_RGB32);
    QRandomGenerator random(11);
    for (int y = 0; y < noise.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(noise.scanLine(y));
        for (int x = 0; x < noise.width(); ++x) {
            line[x] = 0xff000000u | (random.generate() & 0xffffffu);
        }
    }
    const QByteArray png = encoded(noise, "png");
    QVERIFY2(png.size() > 2 * 1024 * 1024, qPrintable(QString::number(png.size())));
    const HttpReply reply = upload(product, png);
    QVERIFY2(reply.status == 201, qPrintable(describe(reply)));
    QCOMPARE(reply.json()[u"image"][u"bytes"].toInteger(), qint64(png.size()));
    QCOMPARE(reply.json()[u"image"][u"width"].toInt(), 900);
}

void TestAdminMedia::uploadsLeaveTheWorkersFree()
{
    // Pictures that take a while to decode and scale (16 megapixels) but are small on the wire.
    QImage big(4000, 4000, QImage::Format_RGB32);
    for (int y = 0; y < big.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(big.scanLine(y));
        for (int x = 0; x < big.width(); ++x) {
            line[x] = qRgb(x % 256, y % 256, (x / 16 + y / 16) % 256);
        }
    }
    const QString product = newProduct();
    const int uploads = kHttpWorkers + 1;
    std::vector<QByteArray> pictures;
    for (int i = 0; i < uploads; ++i) {
        big.setPixel(0, 0, qRgb(i, 0, 0)); // other bytes: each upload is a new image
        pictures.push_back(encoded(big, "png"));
        QVERIFY(pictures.back().size() < 5 * 1024 * 1024);
    }

    // More uploads than HTTP workers, at once; meanwhile the catalog is read. Each upload is
    // decoded on the media pool (one thread here) while the workers serve others: a GET answers
    // while at least as many uploads as there are workers are in flight.
    std::vector<HttpReply> replies(size_t(uploads), HttpReply {});
    std::atomic<int> finished {0};
    std::vector<std::thread> threads;
    for (int i = 0; i < uploads; ++i) {
        threads.emplace_back([&, i] {
            replies[size_t(i)] = upload(product, pictures[size_t(i)]);
            ++finished;
        });
    }
    int answeredDuringUploads = 0;
    int gets = 0;
    QElapsedTimer clock;
    clock.start();
    while (finished.load() < uploads && clock.elapsed() < 300000) {
        const int before = f.server().http()->pendingAsync();
        // The staff's product list: never cached, always answered on a worker.
        const HttpReply list = get("/api/admin/products");
        const int after = f.server().http()->pendingAsync();
        QVERIFY2(list.status == 200, qPrintable(describe(list)));
        ++gets;
        if (before >= kHttpWorkers && after >= kHttpWorkers) {
            ++answeredDuringUploads;
        }
        QThread::msleep(20);
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    qInfo("%d GETs while %d uploads ran (%lld ms); %d answered with %d or more uploads in flight",
          gets, uploads, static_cast<long long>(clock.elapsed()), answeredDuringUploads,
          kHttpWorkers);
    int stored = 0;
    for (const HttpReply &reply : replies) {
        // Every upload is stored, or (the decoder's queue full) refused for now with Retry-After.
        QVERIFY2(reply.status == 201 || reply.status == 503, qPrintable(describe(reply)));
        if (reply.status == 503) {
            QVERIFY(!reply.header("retry-after").isEmpty());
            QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
        } else {
            ++stored;
            QCOMPARE(reply.json()[u"image"][u"width"].toInt(), 4000);
        }
    }
    QVERIFY(stored >= 1);
    QVERIFY2(answeredDuringUploads >= 1,
             "no GET was answered while the uploads occupied as "
             "many requests as there are workers");
    QCOMPARE(f.server().http()->pendingAsync(), 0);
}

QTEST_GUILESS_MAIN(TestAdminMedia)
#include "tst_adminmedia.moc"
