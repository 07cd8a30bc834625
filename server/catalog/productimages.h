#pragma once

#include "catalogadmin.h"
#include "catalogcache.h"
#include "mediaimage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <chrono>
#include <memory>
#include <optional>

namespace Shop::Catalog {

// One image of a product (product_images, 0011).
struct ProductImage
{
    QString id; // uuid
    ProductId productId;
    QString mediaPath; // images/<sha256>.<ext> in the media table
    QString thumbnailPath; // images/<sha256>-thumb.<webp|png>; an SVG's own path
    QString contentType;
    int width = 0;
    int height = 0;
    qint64 bytes = 0;
    int position = 0;
    QDateTime createdAt;

    [[nodiscard]] QString url() const { return QStringLiteral("/media/") + mediaPath; }
    [[nodiscard]] QString thumbnailUrl() const { return QStringLiteral("/media/") + thumbnailPath; }
};

// The staff's product images: upload (checked and decoded by MediaImage, stored content-addressed
// in the media table so that every instance serves them), list, delete, choose the primary one
// (products.image_url). Each write is one transaction with its audit entry; the product row is
// locked first (If-Match as for PUT). After the commit this instance's catalog cache is emptied
// (the others hear the NOTIFY of the products and product_images triggers). Files no product uses
// any more are listed in media_unused and removed after a grace period (removeUnused).
class ProductImages final
{
public:
    explicit ProductImages(std::shared_ptr<CatalogCache> cache);
    Q_DISABLE_COPY_MOVE(ProductImages)

    struct Uploaded
    {
        ProductImage image;
        bool created = true; // false: the product already had these bytes
    };

    // Decodes and checks `bytes` first (MediaImage::process: CPU work, on the calling thread),
    // then store(); nothing is stored when they are refused. The upload route decodes on a
    // MediaDecoder's pool instead and calls store() on a worker.
    [[nodiscard]] Result<Uploaded> upload(QStringView productId, const QByteArray &bytes,
                                          bool primary,
                                          const std::optional<RevisionCondition> &ifMatch,
                                          const Actor &actor);
    // Stores `bytes`, which MediaImage::process() accepted as `processed`, as an image of the
    // product (one transaction with its audit entry; SQL: call it on a worker).
    [[nodiscard]] Result<Uploaded> store(QStringView productId, const QByteArray &bytes,
                                         const MediaImage::Processed &processed, bool primary,
                                         const std::optional<RevisionCondition> &ifMatch,
                                         const Actor &actor);
    [[nodiscard]] Result<QList<ProductImage>> list(QStringView productId) const;
    [[nodiscard]] Result<void> remove(QStringView productId, QStringView imageId,
                                      const std::optional<RevisionCondition> &ifMatch,
                                      const Actor &actor);
    [[nodiscard]] Result<AdminProduct> setPrimary(QStringView productId, QStringView imageId,
                                                  const std::optional<RevisionCondition> &ifMatch,
                                                  const Actor &actor);

    [[nodiscard]] static QJsonObject toJson(const ProductImage &image);

    // Housekeeping (Jobs::Registry::addHousekeeping, every poll interval): removes at most
    // `batch` files that have been unused for longer than `grace` and are still unused (by any
    // product's images or image_url); the number removed.
    static constexpr std::chrono::hours kGracePeriod {24};
    [[nodiscard]] static Result<qint64>
    removeUnused(QSqlDatabase &db, std::chrono::seconds grace = kGracePeriod, int batch = 200);

private:
    void invalidateCache(const ProductId &id) const;

    std::shared_ptr<CatalogCache> m_cache;
};

} // namespace Shop::Catalog
