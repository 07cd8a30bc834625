#include "mediaimage.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <mutex>

namespace Shop::Catalog::MediaImage {

Error tooLarge()
{
    Error error {ErrorCode::PayloadTooLarge,
                 QStringLiteral("The image is larger than %1 bytes (5 MiB).").arg(kMaxBytes),
                 {},
                 {},
                 {}};
    error.extensions.insert(QStringLiteral("reason"), QStringLiteral("too-large"));
    return error;
}

namespace {

const QString kSvgNamespace = QStringLiteral("http://www.w3.org/2000/svg");

Error imageError(const QString &code, const QString &message)
{
    return Error::validation({{QStringLiteral("image"), message, code}}, message);
}

Error unsupported(const QString &what)
{
    Error error {
        ErrorCode::UnsupportedMediaType,
        QStringLiteral("%1 images are not accepted: send PNG, JPEG, WebP or SVG.").arg(what),
        {},
        {},
        {}};
    error.extensions.insert(QStringLiteral("reason"), QStringLiteral("unsupported-media-type"));
    return error;
}

// The magic numbers are string literals that may hold NUL bytes: their length is the array's.
template<qsizetype N>
bool startsWith(const QByteArray &bytes, const char (&literal)[N], qsizetype at = 0)
{
    const QByteArrayView magic(literal, N - 1);
    return bytes.size() >= at + magic.size()
        && QByteArrayView(bytes).sliced(at, magic.size()) == magic;
}

// The raster format the bytes are (png, jpeg, webp), or the name of a refused one.
struct Sniffed
{
    QByteArray accepted; // Qt's format name
    QString refused; // a format we recognise but do not take
};

Sniffed sniffRaster(const QByteArray &b)
{
    if (startsWith(b, "\x89PNG\r\n\x1a\n")) {
        return {"png", {}};
    }
    if (startsWith(b, "\xff\xd8\xff")) {
        return {"jpeg", {}};
    }
    if (startsWith(b, "RIFF") && startsWith(b, "WEBP", 8)) {
        return {"webp", {}};
    }
    if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) {
        return {{}, QStringLiteral("GIF")};
    }
    if (startsWith(b, "BM") && b.size() > 26) {
        return {{}, QStringLiteral("BMP")};
    }
    if (startsWith(b, "II*\0") || startsWith(b, "MM\0*")) {
        return {{}, QStringLiteral("TIFF")};
    }
    if (startsWith(b, "\0\0\1\0")) {
        return {{}, QStringLiteral("ICO")};
    }
    if (startsWith(b, "ftyp", 4)) {
        return {{}, QStringLiteral("AVIF/HEIF")};
    }
    if (startsWith(b, "%PDF-")) {
        return {{}, QStringLiteral("PDF")};
    }
    if (startsWith(b, "8BPS")) {
        return {{}, QStringLiteral("PSD")};
    }
    if (startsWith(b, "\0\0\0\x0cjP  ") || startsWith(b, "\xff\x4f\xff\x51")) {
        return {{}, QStringLiteral("JPEG 2000")};
    }
    return {};
}

// Whether the bytes look like XML text (what an SVG is): after a BOM and white space, '<'.
bool looksLikeXml(const QByteArray &b)
{
    qsizetype i = startsWith(b, "\xef\xbb\xbf") ? 3 : 0;
    while (i < b.size() && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
        ++i;
    }
    return i < b.size() && b[i] == '<';
}

// A reference that stays inside the document or is an inline raster picture.
bool safeReference(QStringView value)
{
    const QString v = value.trimmed().toString();
    if (v.startsWith(u'#')) {
        return true;
    }
    static const QRegularExpression dataImage(
        QStringLiteral("^data:image/(png|jpeg|jpg|webp|gif);base64,[A-Za-z0-9+/=\\s]*$"),
        QRegularExpression::CaseInsensitiveOption);
    return dataImage.match(v).hasMatch();
}

// Every url(...) in a value (a style, a fill) must be a safe reference; @import never is.
QString cssProblem(QStringView text)
{
    const QString lower = text.toString().toLower();
    if (lower.contains(u"@import")) {
        return QStringLiteral("a style imports another file (@import)");
    }
    if (lower.contains(u"javascript:") || lower.contains(u"expression(")) {
        return QStringLiteral("a style contains script");
    }
    static const QRegularExpression url(
        QStringLiteral("url\\s*\\(\\s*(['\"]?)([^'\")]*)\\1\\s*\\)"),
        QRegularExpression::CaseInsensitiveOption);
    qsizetype urls = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        ++urls;
        if (!safeReference(match.capturedView(2))) {
            return QStringLiteral("an external reference in url(%1)")
                .arg(match.captured(2).left(80));
        }
    }
    // A url( the pattern did not understand: refuse on doubt.
    if (lower.count(u"url") > 0
        && lower.count(QRegularExpression(QStringLiteral("url\\s*\\("))) != urls) {
        return QStringLiteral("a url() that cannot be checked");
    }
    return {};
}

int svgLength(QStringView text)
{
    static const QRegularExpression number(
        QStringLiteral("^\\s*([0-9]+(\\.[0-9]+)?)\\s*(px)?\\s*$"));
    const auto match = number.match(text);
    if (!match.hasMatch()) {
        return 0;
    }
    const double value = match.captured(1).toDouble();
    return value > 0 && value < 1e6 ? int(value + 0.5) : 0;
}

} // namespace

QString svgProblem(const QByteArray &bytes, int *width, int *height)
{
    QXmlStreamReader xml(bytes);
    xml.setNamespaceProcessing(true);
    bool sawRoot = false;
    int depth = 0;
    int metadataDepth = 0; // > 0 inside <metadata>: other vocabularies are allowed there
    int styleDepth = 0;
    static const QStringList forbiddenElements {
        QStringLiteral("script"),   QStringLiteral("foreignobject"), QStringLiteral("iframe"),
        QStringLiteral("embed"),    QStringLiteral("object"),        QStringLiteral("handler"),
        QStringLiteral("listener"), QStringLiteral("audio"),         QStringLiteral("video"),
        QStringLiteral("canvas")};
    static const QStringList animations {
        QStringLiteral("set"), QStringLiteral("animate"), QStringLiteral("animatetransform"),
        QStringLiteral("animatemotion"), QStringLiteral("animatecolor")};
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        switch (token) {
        case QXmlStreamReader::DTD:
            return QStringLiteral("it has a DOCTYPE (entities are not allowed)");
        case QXmlStreamReader::EntityReference:
            return QStringLiteral("it uses an entity");
        case QXmlStreamReader::ProcessingInstruction:
            return QStringLiteral("it has a processing instruction (<?%1 ...?>)")
                .arg(xml.processingInstructionTarget().left(40));
        case QXmlStreamReader::StartElement: {
            ++depth;
            const QString name = xml.name().toString().toLower();
            const bool inSvg = xml.namespaceUri() == kSvgNamespace;
            if (!sawRoot) {
                if (name != u"svg" || !inSvg) {
                    return QStringLiteral("its root element is not an SVG <svg>");
                }
                sawRoot = true;
                const auto attributes = xml.attributes();
                int w = svgLength(attributes.value(QStringLiteral("width")));
                int h = svgLength(attributes.value(QStringLiteral("height")));
                if (w == 0 || h == 0) {
                    const QStringList box =
                        attributes.value(QStringLiteral("viewBox"))
                            .toString()
                            .split(QRegularExpression(QStringLiteral("[\\s,]+")),
                                   Qt::SkipEmptyParts);
                    if (box.size() == 4) {
                        w = svgLength(box.at(2));
                        h = svgLength(box.at(3));
                    }
                }
                if (width) {
                    *width = w;
                }
                if (height) {
                    *height = h;
                }
            }
            if (metadataDepth > 0) {
                ++metadataDepth;
            } else if (!inSvg) {
                return QStringLiteral("it has an element outside SVG (<%1>)").arg(name.left(40));
            } else if (name == u"metadata") {
                metadataDepth = 1;
            }
            if (forbiddenElements.contains(name)) {
                return QStringLiteral("it has a <%1> element").arg(name);
            }
            if (name == u"style") {
                styleDepth = depth;
            }
            const auto attributes = xml.attributes();
            for (const QXmlStreamAttribute &attribute : attributes) {
                const QString attr = attribute.name().toString().toLower();
                const QStringView value = attribute.value();
                if (attr.startsWith(u"on")) {
                    return QStringLiteral("it has an event handler (%1)").arg(attr.left(40));
                }
                if (attr == u"href" || attr == u"src") {
                    if (!safeReference(value)) {
                        return QStringLiteral("it refers to something outside the picture (%1)")
                            .arg(attr);
                    }
                }
                if (animations.contains(name) && attr == u"attributename") {
                    const QString target = value.toString().toLower();
                    if (target.contains(u"href") || target.startsWith(u"on")) {
                        return QStringLiteral("an animation changes %1").arg(target.left(40));
                    }
                }
                if (value.contains(u"javascript:", Qt::CaseInsensitive)) {
                    return QStringLiteral("an attribute contains script (%1)").arg(attr.left(40));
                }
                if (const QString problem = cssProblem(value); !problem.isEmpty()) {
                    return problem;
                }
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (metadataDepth > 0) {
                --metadataDepth;
            }
            if (styleDepth == depth) {
                styleDepth = 0;
            }
            --depth;
            break;
        case QXmlStreamReader::Characters:
            if (styleDepth > 0) {
                if (const QString problem = cssProblem(xml.text()); !problem.isEmpty()) {
                    return problem;
                }
            }
            break;
        default:
            break;
        }
    }
    if (xml.hasError()) {
        return QStringLiteral("it is not well-formed XML (%1)").arg(xml.errorString().left(120));
    }
    if (!sawRoot) {
        return QStringLiteral("it has no <svg> element");
    }
    return {};
}

Result<Processed> process(const QByteArray &bytes)
{
    if (bytes.size() > kMaxBytes) {
        return fail(tooLarge());
    }
    if (bytes.isEmpty()) {
        return fail(imageError(QStringLiteral("invalid_image"),
                               QStringLiteral("The body is empty: send the image's bytes.")));
    }
    const Sniffed sniffed = sniffRaster(bytes);
    if (!sniffed.refused.isEmpty()) {
        return fail(unsupported(sniffed.refused));
    }
    Processed result;
    if (sniffed.accepted.isEmpty()) {
        if (!looksLikeXml(bytes)) {
            return fail(imageError(QStringLiteral("invalid_image"),
                                   QStringLiteral("This is not a PNG, JPEG, WebP or SVG image.")));
        }
        // Text that starts like XML: an SVG, or something else.
        {
            QXmlStreamReader probe(bytes);
            probe.setNamespaceProcessing(true);
            while (!probe.atEnd() && probe.readNext() != QXmlStreamReader::StartElement) { }
            if (probe.tokenType() != QXmlStreamReader::StartElement
                || probe.name().compare(u"svg", Qt::CaseInsensitive) != 0) {
                // DOCTYPE-first documents are judged by svgProblem below when they say svg.
                if (!bytes.left(2048).contains("<svg")
                    && !bytes.left(2048).contains("<!DOCTYPE svg")) {
                    return fail(
                        imageError(QStringLiteral("invalid_image"),
                                   QStringLiteral("This is not a PNG, JPEG, WebP or SVG image.")));
                }
            }
        }
        int width = 0;
        int height = 0;
        if (const QString problem = svgProblem(bytes, &width, &height); !problem.isEmpty()) {
            return fail(imageError(QStringLiteral("unsafe_svg"),
                                   QStringLiteral("This SVG is refused: %1.").arg(problem)));
        }
        result.format = QStringLiteral("svg");
        result.contentType = QStringLiteral("image/svg+xml");
        result.extension = QStringLiteral("svg");
        result.width = width;
        result.height = height;
        return result;
    }

    // A raster picture: the size from its header first, so that a decompression bomb (a small
    // file declaring a huge picture) is refused before anything is decoded; Qt's allocation
    // limit guards the decoder as well.
    static std::once_flag limitSet;
    std::call_once(limitSet, [] { QImageReader::setAllocationLimit(256); }); // MiB
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, sniffed.accepted);
    reader.setDecideFormatFromContent(false);
    if (!reader.canRead()) {
        return fail(imageError(QStringLiteral("invalid_image"),
                               QStringLiteral("The image cannot be read (%1).")
                                   .arg(QString::fromLatin1(sniffed.accepted))));
    }
    const QSize declared = reader.size();
    if (!declared.isValid() || declared.isEmpty()) {
        return fail(imageError(QStringLiteral("invalid_image"),
                               QStringLiteral("The image's header gives no valid size.")));
    }
    if (qint64(declared.width()) * declared.height() > kMaxPixels) {
        return fail(imageError(QStringLiteral("image_too_large"),
                               QStringLiteral("The image is %1 x %2 pixels; at most %3 pixels "
                                              "(40 megapixels) are accepted.")
                                   .arg(declared.width())
                                   .arg(declared.height())
                                   .arg(kMaxPixels)));
    }
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull()) {
        return fail(imageError(
            QStringLiteral("invalid_image"),
            QStringLiteral("The image cannot be decoded: %1").arg(reader.errorString().left(200))));
    }
    static const QHash<QByteArray, std::pair<QString, QString>> types {
        {"png", {QStringLiteral("image/png"), QStringLiteral("png")}},
        {"jpeg", {QStringLiteral("image/jpeg"), QStringLiteral("jpg")}},
        {"webp", {QStringLiteral("image/webp"), QStringLiteral("webp")}},
    };
    result.format = QString::fromLatin1(sniffed.accepted);
    result.contentType = types.value(sniffed.accepted).first;
    result.extension = types.value(sniffed.accepted).second;
    result.width = image.width();
    result.height = image.height();

    QImage thumbnail = image.width() > kThumbnailEdge || image.height() > kThumbnailEdge
        ? image.scaled(kThumbnailEdge, kThumbnailEdge, Qt::KeepAspectRatio,
                       Qt::SmoothTransformation)
        : image;
    static const bool webp = QImageWriter::supportedImageFormats().contains("webp");
    QBuffer out(&result.thumbnail);
    out.open(QIODevice::WriteOnly);
    QImageWriter writer(&out, webp ? "webp" : "png");
    if (webp) {
        writer.setQuality(80);
    }
    if (!writer.write(thumbnail)) {
        return fail(Error::internal(
            QStringLiteral("The thumbnail could not be written: %1").arg(writer.errorString())));
    }
    result.thumbnailContentType = webp ? QStringLiteral("image/webp") : QStringLiteral("image/png");
    result.thumbnailExtension = webp ? QStringLiteral("webp") : QStringLiteral("png");
    return result;
}

} // namespace Shop::Catalog::MediaImage
