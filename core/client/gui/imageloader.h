#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Shop::Client {

// Product images for item delegates and pages. pixmap() never blocks: it answers from memory,
// or gives a placeholder and loads the image in the background (network through a
// QNetworkDiskCache, decoding and SVG rendering on a worker thread), then emits imageReady() so
// the view repaints. SVGs are rendered at the exact device pixel size, so they stay crisp on
// HiDPI screens. URLs that fail (unreachable hosts, 404, not an image) keep the placeholder.
class ImageLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageLoader)

public:
    // Own network access manager with a disk cache in the application's cache directory.
    explicit ImageLoader(QObject *parent = nullptr);
    // The given manager (not owned); its cache settings are left alone.
    explicit ImageLoader(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ImageLoader() override;

    // Only for the manager this loader owns. An empty path turns the disk cache off.
    void setDiskCacheDirectory(const QString &path);
    [[nodiscard]] QString diskCacheDirectory() const { return m_diskCacheDirectory; }
    void setMemoryLimit(qint64 bytes);
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // `size` in device-independent pixels; the pixmap has size * dpr pixels and the dpr set.
    [[nodiscard]] QPixmap pixmap(const QUrl &url, const QSize &size, qreal dpr);
    [[nodiscard]] bool hasPixmap(const QUrl &url, const QSize &size, qreal dpr) const;
    [[nodiscard]] bool hasFailed(const QUrl &url) const { return m_failed.contains(url); }
    [[nodiscard]] QPixmap placeholder(const QSize &size, qreal dpr) const;
    [[nodiscard]] bool isPlaceholder(const QPixmap &pixmap) const;

    // Forgets failures so that those images are tried again (after the server came back).
    void retryFailed();
    void clearMemoryCache();

    [[nodiscard]] int downloadsInFlight() const { return int(m_downloads.size()); }
    // Nothing downloading or rendering.
    [[nodiscard]] bool isIdle() const { return m_downloads.isEmpty() && m_rendering.isEmpty(); }
    [[nodiscard]] int downloadsStarted() const { return m_downloadsStarted; }

Q_SIGNALS:
    void imageReady(const QUrl &url);
    void imageFailed(const QUrl &url, const QString &reason);

private:
    struct Source
    {
        QByteArray data;
        bool svg = false;
    };

    [[nodiscard]] static QString cacheKey(const QUrl &url, const QSize &size, qreal dpr);
    void download(const QUrl &url);
    void onDownloadFinished(QNetworkReply *reply);
    void render(const QUrl &url, const QSize &size, qreal dpr);
    void finishRender(const QUrl &url, const QString &key, qreal dpr, const QImage &image);
    void markFailed(const QUrl &url, const QString &reason);

    QNetworkAccessManager *m_network = nullptr;
    bool m_ownsNetwork = false;
    QString m_diskCacheDirectory;
    int m_timeoutMs = 15000;
    QCache<QString, QPixmap> m_pixmaps; // cost: kilobytes
    QCache<QUrl, Source> m_sources; // downloaded bytes, cost: kilobytes
    QHash<QUrl, QNetworkReply *> m_downloads;
    QHash<QUrl, QList<std::pair<QSize, qreal>>> m_wanted; // sizes asked for while downloading
    QSet<QString> m_rendering;
    QSet<QUrl> m_failed;
    mutable QCache<QString, QPixmap> m_placeholders;
    mutable QSet<qint64> m_placeholderKeys;
    int m_downloadsStarted = 0;
};

} // namespace Shop::Client
