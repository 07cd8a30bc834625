#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

namespace Shop::Catalog::MediaImage {

inline constexpr qint64 kMaxBytes = 5 * 1024 * 1024; // an upload, as received
inline constexpr qint64 kMaxPixels = 40'000'000; // width x height a raster may declare
inline constexpr int kThumbnailEdge = 320; // the thumbnail fits in this square

// An accepted image: the bytes as uploaded, and a thumbnail (empty for SVG: a vector picture is
// its own thumbnail).
struct Processed
{
    QString format; // png, jpeg, webp, svg
    QString contentType; // image/png, image/jpeg, image/webp, image/svg+xml
    QString extension; // png, jpg, webp, svg
    int width = 0;
    int height = 0; // SVG: from width/height or the viewBox; 0 when it has none
    QByteArray thumbnail;
    QString thumbnailContentType; // image/webp (when Qt has the plugin), else image/png
    QString thumbnailExtension;
};

// Checks and decodes an upload (pure CPU work with no shared state: call it on a worker). The type
// is sniffed from the bytes; the file name and Content-Type play no part. Errors (Shop::Error):
//   PayloadTooLarge (413)            more than kMaxBytes; extension reason "too-large"
//   UnsupportedMediaType (415)       a known picture format that is not accepted (GIF, BMP,
//                                    TIFF, ICO, AVIF/HEIF, PDF, ...); reason
//                                    "unsupported-media-type"
//   Validation (422), field "image"  code "invalid_image": not a picture, or a broken one;
//                                    code "image_too_large": the header declares more than
//                                    kMaxPixels (refused before anything is decoded);
//                                    code "unsafe_svg": an SVG with scripts, event handlers,
//                                    external references, a DOCTYPE or entities, foreignObject
[[nodiscard]] Result<Processed> process(const QByteArray &bytes);

// The PayloadTooLarge error above (also the upload route's answer to a longer body, before it is
// read: Http::Route::bodyTooLarge).
[[nodiscard]] Error tooLarge();

// Why an SVG document is not safe to serve, or an empty string when it is (exposed for tests).
// Parsed with QXmlStreamReader; anything it cannot judge is refused.
[[nodiscard]] QString svgProblem(const QByteArray &bytes, int *width = nullptr,
                                 int *height = nullptr);

} // namespace Shop::Catalog::MediaImage
