#include "productimages.h"

#include "audit/audit.h"
#include "catalogadminrepository.h"
#include "db/database.h"
#include "db/transaction.h"
#include "mediaimage.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSqlQuery>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcImages, "shop.catalog.images")

Error noSuchProduct()
{
    return Error::notFound(QStringLiteral("There is no product with this id."));
}

Error noSuchImage()
{
    return Error::notFound(QStringLiteral("The product has no image with this id."));
}

Error stale()
{
    return Error {ErrorCode::PreconditionFailed,
                  QStringLiteral("The product was changed by someone else since you read it "
                                 "(If-Match does not name its current version). Read it again "
                                 "and decide."),
                  {},
                  {}};
}

bool matches(const std::optional<RevisionCondition> &condition, qint64 revision)
{
    return !condition || condition->any || condition->revisions.contains(revision);
}

const QString kImageColumns = QStringLiteral(
    "id::text, product_id::text, media_path, thumbnail_path, content_type, width, height, bytes, "
    "position, (extract(epoch FROM created_at) * 1000)::bigint");

ProductImage imageFromRow(const QSqlQuery &q)
{
    ProductImage image;
    image.id = q.value(0).toString();
    if (const auto id = ProductId::parse(q.value(1).toString())) {
        image.productId = *id;
    }
    image.mediaPath = q.value(2).toString();
    image.thumbnailPath = q.value(3).toString();
    image.contentType = q.value(4).toString();
    image.width = q.value(5).toInt();
    image.height = q.value(6).toInt();
    image.bytes = q.value(7).toLongLong();
    image.position = q.value(8).toInt();
    image.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(9).toLongLong(), Qt::UTC);
    return image;
}

Result<QList<ProductImage>> imagesOf(QSqlDatabase &db, const ProductId &id)
{
    auto q = Db::exec(db,
                      QStringLiteral("SELECT %1 FROM product_images WHERE product_id = ?::uuid "
                                     "ORDER BY position, created_at, id")
                          .arg(kImageColumns),
                      {id.toString()});
    if (!q) {
        return fail(q.error());
    }
    QList<ProductImage> images;
    while (q->next()) {
        images.append(imageFromRow(*q));
    }
    return images;
}

// The audit form of a product's pictures.
QJsonObject auditState(const AdminProduct &product, const QList<ProductImage> &images)
{
    QJsonArray urls;
    for (const ProductImage &image : images) {
        urls.append(image.url());
    }
    return {{QStringLiteral("image_url"), product.product.imageUrl},
            {QStringLiteral("images"), urls},
            {QStringLiteral("revision"), product.revision}};
}

Result<void> audit(QSqlDatabase &db, const Actor &actor, const QString &action,
                   const QString &productId, const QJsonObject &before, const QJsonObject &after)
{
    auto email = CatalogAdminRepository::actorEmail(db, actor.userId);
    if (!email) {
        return fail(email.error());
    }
    Audit::Entry entry;
    entry.actorId = actor.userId;
    entry.actorEmail = *email;
    entry.action = action;
    entry.targetType = QStringLiteral("product");
    entry.targetId = productId;
    entry.before = before;
    entry.after = after;
    entry.requestId = actor.requestId;
    return Audit::record(db, entry);
}

// The product, locked, checked against If-Match.
Result<AdminProduct> lockedProduct(QSqlDatabase &db, const ProductId &id,
                                   const std::optional<RevisionCondition> &ifMatch)
{
    auto product = CatalogAdminRepository::findProduct(db, id, true);
    if (!product) {
        return fail(product.error());
    }
    if (!product->has_value()) {
        return fail(noSuchProduct());
    }
    if (!matches(ifMatch, (*product)->revision)) {
        return fail(stale());
    }
    return std::move(**product);
}

Result<void> setImageUrl(QSqlDatabase &db, const ProductId &id, const QString &url)
{
    auto q = Db::exec(db,
                      QStringLiteral("UPDATE products SET image_url = nullif(?, '') "
                                     "WHERE id = ?::uuid"),
                      {url, id.toString()});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<void> storeMedia(QSqlDatabase &db, const QString &path, const QString &contentType,
                        const QByteArray &data)
{
    const QString etag =
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    auto q = Db::exec(db,
                      QStringLiteral("INSERT INTO media (path, content_type, data, etag) "
                                     "VALUES (?, ?, ?, ?) ON CONFLICT (path) DO NOTHING"),
                      {path, contentType, data, etag});
    if (!q) {
        return fail(q.error());
    }
    auto used = Db::exec(db, QStringLiteral("DELETE FROM media_unused WHERE path = ?"), {path});
    if (!used) {
        return fail(used.error());
    }
    return {};
}

// Lists the image's files as unused when no product image refers to them any more.
Result<void> markUnusedIfOrphaned(QSqlDatabase &db, const ProductImage &image)
{
    auto q = Db::exec(
        db,
        QStringLiteral("INSERT INTO media_unused (path) SELECT p FROM unnest(ARRAY[?, ?]) AS p "
                       "WHERE NOT EXISTS (SELECT 1 FROM product_images i "
                       "WHERE i.media_path = p OR i.thumbnail_path = p) "
                       "ON CONFLICT (path) DO NOTHING"),
        {image.mediaPath, image.thumbnailPath});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

} // namespace

ProductImages::ProductImages(std::shared_ptr<CatalogCache> cache)
    : m_cache(std::move(cache))
{ }

void ProductImages::invalidateCache(const ProductId &id) const
{
    // As the images' trigger does for every instance (migration 0015): the answers showing the
    // product.
    if (m_cache) {
        m_cache->invalidate(CatalogChange::of({ProductChange::contentOf(id)}));
    }
}

QJsonObject ProductImages::toJson(const ProductImage &image)
{
    return {{QStringLiteral("id"), image.id},
            {QStringLiteral("url"), image.url()},
            {QStringLiteral("thumbnail_url"), image.thumbnailUrl()},
            {QStringLiteral("content_type"), image.contentType},
            {QStringLiteral("width"), image.width},
            {QStringLiteral("height"), image.height},
            {QStringLiteral("bytes"), image.bytes},
            {QStringLiteral("position"), image.position},
            {QStringLiteral("created_at"), image.createdAt.toString(Qt::ISODateWithMs)}};
}

Result<ProductImages::Uploaded>
ProductImages::upload(QStringView productIdText, const QByteArray &bytes, bool primary,
                      const std::optional<RevisionCondition> &ifMatch, const Actor &actor)
{
    if (!ProductId::parse(productIdText)) {
        return fail(noSuchProduct());
    }
    // Everything about the bytes is decided before the database is touched.
    auto processed = MediaImage::process(bytes);
    if (!processed) {
        return fail(processed.error());
    }
    return store(productIdText, bytes, *processed, primary, ifMatch, actor);
}

Result<ProductImages::Uploaded>
ProductImages::store(QStringView productIdText, const QByteArray &bytes,
                     const MediaImage::Processed &processed, bool primary,
                     const std::optional<RevisionCondition> &ifMatch, const Actor &actor)
{
    const auto id = ProductId::parse(productIdText);
    if (!id) {
        return fail(noSuchProduct());
    }
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QString mediaPath = QStringLiteral("images/%1.%2").arg(sha, processed.extension);
    const QString thumbnailPath = processed.thumbnail.isEmpty()
        ? mediaPath
        : QStringLiteral("images/%1-thumb.%2").arg(sha, processed.thumbnailExtension);

    bool changed = false;
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<Uploaded> {
        auto product = lockedProduct(db, *id, ifMatch);
        if (!product) {
            return fail(product.error());
        }
        auto before = imagesOf(db, *id);
        if (!before) {
            return fail(before.error());
        }
        if (auto stored = storeMedia(db, mediaPath, processed.contentType, bytes); !stored) {
            return fail(stored.error());
        }
        if (thumbnailPath != mediaPath) {
            if (auto stored = storeMedia(db, thumbnailPath, processed.thumbnailContentType,
                                         processed.thumbnail);
                !stored) {
                return fail(stored.error());
            }
        }
        Uploaded uploaded;
        auto inserted = Db::exec(
            db,
            QStringLiteral("INSERT INTO product_images (product_id, media_path, thumbnail_path, "
                           "content_type, width, height, bytes, position) "
                           "SELECT ?::uuid, ?, ?, ?, ?, ?, ?, coalesce(max(position) + 1, 0) "
                           "FROM product_images WHERE product_id = ?::uuid "
                           "ON CONFLICT (product_id, media_path) DO NOTHING RETURNING %1")
                .arg(kImageColumns),
            {id->toString(), mediaPath, thumbnailPath, processed.contentType, processed.width,
             processed.height, qint64(bytes.size()), id->toString()});
        if (!inserted) {
            return fail(inserted.error());
        }
        if (inserted->next()) {
            uploaded.image = imageFromRow(*inserted);
        } else {
            uploaded.created = false;
            for (const ProductImage &image : std::as_const(*before)) {
                if (image.mediaPath == mediaPath) {
                    uploaded.image = image;
                }
            }
        }
        if (primary && product->product.imageUrl != uploaded.image.url()) {
            if (auto set = setImageUrl(db, *id, uploaded.image.url()); !set) {
                return fail(set.error());
            }
        }
        changed =
            uploaded.created || (primary && product->product.imageUrl != uploaded.image.url());
        if (changed) {
            auto afterProduct = CatalogAdminRepository::findProduct(db, *id, false);
            auto after = imagesOf(db, *id);
            if (!afterProduct || !after) {
                return fail(!afterProduct ? afterProduct.error() : after.error());
            }
            QJsonObject afterJson = auditState(**afterProduct, *after);
            afterJson.insert(QStringLiteral("image"), toJson(uploaded.image));
            if (auto logged = audit(db, actor, QStringLiteral("product.image.add"), id->toString(),
                                    auditState(*product, *before), afterJson);
                !logged) {
                return fail(logged.error());
            }
        }
        return uploaded;
    });
    if (result && changed) {
        invalidateCache(*id);
        qCInfo(lcImages).noquote()
            << "image" << result->image.mediaPath << "added to product" << id->toString();
    }
    return result;
}

Result<QList<ProductImage>> ProductImages::list(QStringView productIdText) const
{
    const auto id = ProductId::parse(productIdText);
    if (!id) {
        return fail(noSuchProduct());
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto product = CatalogAdminRepository::findProduct(*db, *id, false);
    if (!product) {
        return fail(product.error());
    }
    if (!product->has_value()) {
        return fail(noSuchProduct());
    }
    return imagesOf(*db, *id);
}

Result<void> ProductImages::remove(QStringView productIdText, QStringView imageId,
                                   const std::optional<RevisionCondition> &ifMatch,
                                   const Actor &actor)
{
    const auto id = ProductId::parse(productIdText);
    if (!id) {
        return fail(noSuchProduct());
    }
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<void> {
        auto product = lockedProduct(db, *id, ifMatch);
        if (!product) {
            return fail(product.error());
        }
        auto before = imagesOf(db, *id);
        if (!before) {
            return fail(before.error());
        }
        std::optional<ProductImage> target;
        QList<ProductImage> rest;
        for (const ProductImage &image : std::as_const(*before)) {
            if (image.id == imageId) {
                target = image;
            } else {
                rest.append(image);
            }
        }
        if (!target) {
            return fail(noSuchImage());
        }
        auto deleted = Db::exec(db, QStringLiteral("DELETE FROM product_images WHERE id = ?::uuid"),
                                {target->id});
        if (!deleted) {
            return fail(deleted.error());
        }
        auto renumbered = Db::exec(db,
                                   QStringLiteral("UPDATE product_images SET position = "
                                                  "position - 1 WHERE product_id = ?::uuid AND "
                                                  "position > ?"),
                                   {id->toString(), target->position});
        if (!renumbered) {
            return fail(renumbered.error());
        }
        // The primary picture goes: the next one takes its place (or none).
        if (product->product.imageUrl == target->url()) {
            if (auto set = setImageUrl(db, *id, rest.isEmpty() ? QString() : rest.first().url());
                !set) {
                return fail(set.error());
            }
        }
        if (auto marked = markUnusedIfOrphaned(db, *target); !marked) {
            return fail(marked.error());
        }
        auto afterProduct = CatalogAdminRepository::findProduct(db, *id, false);
        auto after = imagesOf(db, *id);
        if (!afterProduct || !after) {
            return fail(!afterProduct ? afterProduct.error() : after.error());
        }
        QJsonObject beforeJson = auditState(*product, *before);
        beforeJson.insert(QStringLiteral("image"), toJson(*target));
        return audit(db, actor, QStringLiteral("product.image.delete"), id->toString(), beforeJson,
                     auditState(**afterProduct, *after));
    });
    if (result) {
        invalidateCache(*id);
    }
    return result;
}

Result<AdminProduct> ProductImages::setPrimary(QStringView productIdText, QStringView imageId,
                                               const std::optional<RevisionCondition> &ifMatch,
                                               const Actor &actor)
{
    const auto id = ProductId::parse(productIdText);
    if (!id) {
        return fail(noSuchProduct());
    }
    bool changed = false;
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<AdminProduct> {
        auto product = lockedProduct(db, *id, ifMatch);
        if (!product) {
            return fail(product.error());
        }
        auto images = imagesOf(db, *id);
        if (!images) {
            return fail(images.error());
        }
        const auto it =
            std::find_if(images->cbegin(), images->cend(),
                         [&](const ProductImage &image) { return image.id == imageId; });
        if (it == images->cend()) {
            return fail(noSuchImage());
        }
        if (product->product.imageUrl == it->url()) {
            return std::move(*product);
        }
        if (auto set = setImageUrl(db, *id, it->url()); !set) {
            return fail(set.error());
        }
        auto after = CatalogAdminRepository::findProduct(db, *id, false);
        if (!after) {
            return fail(after.error());
        }
        changed = true;
        if (auto logged = audit(db, actor, QStringLiteral("product.image.primary"), id->toString(),
                                auditState(*product, *images), auditState(**after, *images));
            !logged) {
            return fail(logged.error());
        }
        return std::move(**after);
    });
    if (result && changed) {
        invalidateCache(*id);
    }
    return result;
}

Result<qint64> ProductImages::removeUnused(QSqlDatabase &db, std::chrono::seconds grace, int batch)
{
    // Candidates: unused for longer than the grace period. Those used again meanwhile (an
    // image_url set by hand, an upload racing this) leave the list; the others are removed
    // (media_unused follows by its foreign key).
    auto q = Db::exec(
        db,
        QStringLiteral(
            "WITH candidates AS (SELECT path FROM media_unused "
            "WHERE unused_at < now() - make_interval(secs => ?) ORDER BY unused_at LIMIT ?), "
            "still_used AS (SELECT c.path FROM candidates c WHERE EXISTS (SELECT 1 FROM "
            "product_images i WHERE i.media_path = c.path OR i.thumbnail_path = c.path) "
            "OR EXISTS (SELECT 1 FROM products p WHERE p.image_url = '/media/' || c.path)), "
            "forgotten AS (DELETE FROM media_unused u USING still_used s WHERE u.path = s.path "
            "RETURNING 1), "
            "removed AS (DELETE FROM media m USING candidates c WHERE m.path = c.path "
            "AND c.path NOT IN (SELECT path FROM still_used) RETURNING 1) "
            "SELECT (SELECT count(*) FROM removed), (SELECT count(*) FROM forgotten)"),
        {qint64(grace.count()), batch});
    if (!q) {
        return fail(q.error());
    }
    const qint64 removed = q->next() ? q->value(0).toLongLong() : 0;
    if (removed > 0) {
        qCInfo(lcImages) << "removed" << removed << "unused image files";
    }
    return removed;
}

} // namespace Shop::Catalog
