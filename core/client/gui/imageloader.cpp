#include "imageloader.h"

#include <QDir>
#include <QFuture>
#include <QImage>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QPainter>
#include <QPainterPath>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

Q_LOGGING_CATEGORY(lcImages, "shop.client.images", QtInfoMsg)

namespace Shop::Client {

namespace {

constexpr qint64 kDefaultMemoryKb = 64 * 1024;
constexpr qint64 kMaxImageBytes = 8 * 1024 * 1024;

bool looksLikeSvg(const QUrl &url, const QByteArray &contentType, const QByteArray &data)
{
    if (contentType.contains("svg")) {
        return true;
    }
    if (url.path().endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        return true;
    }
    const QByteArray head = data.left(256).trimmed();
    return head.startsWith("<svg")
        || (head.startsWith("<?xml") && data.left(1024).contains("<svg"));
}

// Decodes and scales on a worker thread: QImage and QSvgRenderer painting onto a QImage are
// safe off the GUI thread.
QImage renderImage(const QByteArray &data, bool svg, QSize pixelSize)
{
    if (pixelSize.isEmpty()) {
        return {};
    }
    if (svg) {
        QSvgRenderer renderer(data);
        if (!renderer.isValid()) {
            return {};
        }
        QSizeF natural = renderer.viewBoxF().size();
        if (natural.isEmpty()) {
            natural = renderer.defaultSize();
        }
        if (natural.isEmpty()) {
            natural = pixelSize;
        }
        const QSizeF fitted = natural.scaled(pixelSize, Qt::KeepAspectRatio);
        QImage image(pixelSize, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const QRectF target((pixelSize.width() - fitted.width()) / 2.0,
                            (pixelSize.height() - fitted.height()) / 2.0, fitted.width(),
                            fitted.height());
        renderer.render(&painter, target);
        return image;
    }
    QImage source;
    if (!source.loadFromData(data)) {
        return {};
    }
    const QImage scaled = source.scaled(pixelSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QImage image(pixelSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.drawImage((pixelSize.width() - scaled.width()) / 2,
                      (pixelSize.height() - scaled.height()) / 2, scaled);
    return image;
}

QSize devicePixels(const QSize &size, qreal dpr)
{
    return QSize(int(std::ceil(size.width() * dpr)), int(std::ceil(size.height() * dpr)));
}

} // namespace

ImageLoader::ImageLoader(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_ownsNetwork(true)
{
    m_pixmaps.setMaxCost(kDefaultMemoryKb);
    m_sources.setMaxCost(16 * 1024);
    m_placeholders.setMaxCost(64);
    const QString cacheRoot = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (!cacheRoot.isEmpty()) {
        setDiskCacheDirectory(QDir(cacheRoot).filePath(QStringLiteral("images")));
    }
}

ImageLoader::ImageLoader(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    m_pixmaps.setMaxCost(kDefaultMemoryKb);
    m_sources.setMaxCost(16 * 1024);
    m_placeholders.setMaxCost(64);
}

ImageLoader::~ImageLoader()
{
    const auto downloads = m_downloads;
    for (QNetworkReply *reply : downloads) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ImageLoader::setDiskCacheDirectory(const QString &path)
{
    if (!m_ownsNetwork) {
        return;
    }
    m_diskCacheDirectory = path;
    if (path.isEmpty()) {
        m_network->setCache(nullptr);
        return;
    }
    auto *cache = new QNetworkDiskCache(m_network);
    cache->setCacheDirectory(path);
    cache->setMaximumCacheSize(100 * 1024 * 1024);
    m_network->setCache(cache); // takes ownership
}

void ImageLoader::setMemoryLimit(qint64 bytes)
{
    m_pixmaps.setMaxCost(std::max<qint64>(1, bytes / 1024));
}

QString ImageLoader::cacheKey(const QUrl &url, const QSize &size, qreal dpr)
{
    return url.toString() + u'#' + QString::number(size.width()) + u'x'
        + QString::number(size.height()) + u'@' + QString::number(dpr, 'f', 3);
}

bool ImageLoader::hasPixmap(const QUrl &url, const QSize &size, qreal dpr) const
{
    return m_pixmaps.contains(cacheKey(url, size, dpr));
}

QPixmap ImageLoader::pixmap(const QUrl &url, const QSize &size, qreal dpr)
{
    if (url.isEmpty() || !url.isValid() || size.isEmpty()) {
        return placeholder(size, dpr);
    }
    const QString key = cacheKey(url, size, dpr);
    if (const QPixmap *cached = m_pixmaps.object(key)) {
        return *cached;
    }
    if (m_failed.contains(url)) {
        return placeholder(size, dpr);
    }
    if (m_sources.contains(url)) {
        render(url, size, dpr);
    } else {
        auto &wanted = m_wanted[url];
        const std::pair<QSize, qreal> entry {size, dpr};
        if (!wanted.contains(entry)) {
            wanted.append(entry);
        }
        download(url);
    }
    return placeholder(size, dpr);
}

void ImageLoader::download(const QUrl &url)
{
    if (m_downloads.contains(url)) {
        return;
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
    request.setRawHeader("Accept", "image/svg+xml, image/png, image/jpeg, image/*;q=0.8");
    QNetworkReply *reply = m_network->get(request);
    m_downloads.insert(url, reply);
    ++m_downloadsStarted;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onDownloadFinished(reply); });
}

void ImageLoader::onDownloadFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const QUrl url = reply->request().url();
    m_downloads.remove(url);
    const QList<std::pair<QSize, qreal>> wanted = m_wanted.take(url);

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError
        || (status != 0 && (status < 200 || status >= 300))) {
        markFailed(url, reply->errorString());
        return;
    }
    const QByteArray data = reply->readAll();
    if (data.isEmpty() || data.size() > kMaxImageBytes) {
        markFailed(url, tr("The image is empty or too large."));
        return;
    }
    auto source = std::make_unique<Source>();
    source->data = data;
    source->svg =
        looksLikeSvg(url, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), data);
    const int cost = std::max(1, int(data.size() / 1024));
    m_sources.insert(url, source.release(), cost);
    for (const auto &[size, dpr] : wanted) {
        render(url, size, dpr);
    }
}

void ImageLoader::render(const QUrl &url, const QSize &size, qreal dpr)
{
    const QString key = cacheKey(url, size, dpr);
    if (m_rendering.contains(key)) {
        return;
    }
    const Source *source = m_sources.object(url);
    if (!source) {
        download(url);
        return;
    }
    m_rendering.insert(key);
    const QByteArray data = source->data;
    const bool svg = source->svg;
    const QSize pixels = devicePixels(size, dpr);
    QtConcurrent::run([data, svg, pixels] {
        return renderImage(data, svg, pixels);
    }).then(this, [this, url, key, dpr](const QImage &image) {
        // A context continuation runs synchronously when the render finished before then()
        // was attached (Qt 6.4): always report on a later turn of the event loop instead, so
        // that pixmap() never emits from inside its caller (a delegate's paint(), say).
        QMetaObject::invokeMethod(
            this, [this, url, key, dpr, image] { finishRender(url, key, dpr, image); },
            Qt::QueuedConnection);
    });
}

void ImageLoader::finishRender(const QUrl &url, const QString &key, qreal dpr, const QImage &image)
{
    m_rendering.remove(key);
    if (image.isNull()) {
        markFailed(url, tr("The file is not an image that can be shown."));
        return;
    }
    auto *pixmap = new QPixmap(QPixmap::fromImage(image));
    pixmap->setDevicePixelRatio(dpr);
    const int cost = std::max(1, int(qint64(image.sizeInBytes()) / 1024));
    m_pixmaps.insert(key, pixmap, cost);
    Q_EMIT imageReady(url);
}

void ImageLoader::markFailed(const QUrl &url, const QString &reason)
{
    qCDebug(lcImages) << "image failed:" << url.toDisplayString() << reason;
    m_failed.insert(url);
    Q_EMIT imageFailed(url, reason);
}

QPixmap ImageLoader::placeholder(const QSize &size, qreal dpr) const
{
    const QSize logical = size.isEmpty() ? QSize(16, 16) : size;
    const QString key = QString::number(logical.width()) + u'x' + QString::number(logical.height())
        + u'@' + QString::number(dpr, 'f', 3);
    if (const QPixmap *cached = m_placeholders.object(key)) {
        return *cached;
    }
    const QSize pixels = devicePixels(logical, dpr);
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(0xee, 0xf0, 0xf3));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(dpr, dpr);
        // A simple picture glyph (frame, sun, hills) centred, a third of the shorter side.
        const qreal side = std::min(logical.width(), logical.height()) / 3.0;
        const QRectF frame(logical.width() / 2.0 - side / 2.0, logical.height() / 2.0 - side / 2.5,
                           side, side * 0.8);
        const QColor ink(0xb4, 0xba, 0xc4);
        painter.setPen(QPen(ink, std::max(1.0, side / 16.0)));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(frame, side / 10.0, side / 10.0);
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(
            QPointF(frame.left() + frame.width() * 0.72, frame.top() + frame.height() * 0.3),
            side * 0.09, side * 0.09);
        QPainterPath hills;
        hills.moveTo(frame.left() + frame.width() * 0.1, frame.bottom() - frame.height() * 0.12);
        hills.lineTo(frame.left() + frame.width() * 0.4, frame.top() + frame.height() * 0.45);
        hills.lineTo(frame.left() + frame.width() * 0.6, frame.top() + frame.height() * 0.68);
        hills.lineTo(frame.left() + frame.width() * 0.72, frame.top() + frame.height() * 0.56);
        hills.lineTo(frame.left() + frame.width() * 0.9, frame.bottom() - frame.height() * 0.12);
        hills.closeSubpath();
        painter.drawPath(hills);
    }
    auto *pixmap = new QPixmap(QPixmap::fromImage(image));
    pixmap->setDevicePixelRatio(dpr);
    // isPlaceholder() recognises it by its cache key, which copies share.
    const QPixmap result = *pixmap;
    m_placeholders.insert(key, pixmap, 1);
    m_placeholderKeys.insert(result.cacheKey());
    return result;
}

bool ImageLoader::isPlaceholder(const QPixmap &pixmap) const
{
    return m_placeholderKeys.contains(pixmap.cacheKey());
}

void ImageLoader::retryFailed()
{
    m_failed.clear();
}

void ImageLoader::clearMemoryCache()
{
    m_pixmaps.clear();
    m_sources.clear();
}

} // namespace Shop::Client
