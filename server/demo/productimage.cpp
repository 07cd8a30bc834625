#include "productimage.h"

#include "svgtemplate.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <algorithm>
#include <map>
#include <optional>

namespace Shop::Demo {

namespace {

Q_LOGGING_CATEGORY(lcMedia, "shop.demo.media")

int channel(quint32 rgb, int shift)
{
    return int((rgb >> shift) & 0xff);
}

// Mixes a towards b by t (0..1).
quint32 mix(quint32 a, quint32 b, double t)
{
    quint32 out = 0;
    for (int shift : {16, 8, 0}) {
        const double v = channel(a, shift) * (1.0 - t) + channel(b, shift) * t;
        out |= quint32(std::clamp(int(v + 0.5), 0, 255)) << shift;
    }
    return out;
}

QString hex(quint32 rgb)
{
    return u'#' + QString::number(rgb & 0xffffff, 16).rightJustified(6, u'0');
}

double luminance(quint32 rgb)
{
    return (0.299 * channel(rgb, 16) + 0.587 * channel(rgb, 8) + 0.114 * channel(rgb, 0)) / 255.0;
}

// A shape template and how the variant's bits set its variables: option0 and option1 (bits 7
// and 8: optional parts, a second style), count (bits 12 and up: how many of a thing, within the
// template's count='MIN MAX') and pick (the template's pick='SHIFT N': one of N looks).
struct Shape
{
    SvgTemplate drawing;
    int countMin = 0;
    int countMax = 0;
    int pickShift = 16;
    int picks = 1;
};

struct Templates
{
    std::optional<SvgTemplate> frame;
    std::map<QString, Shape> shapes;
};

std::optional<SvgTemplate> load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcMedia) << "cannot read the picture template" << path;
        return std::nullopt;
    }
    auto parsed = SvgTemplate::parse(QString::fromUtf8(file.readAll()));
    if (!parsed) {
        qCCritical(lcMedia).noquote() << path << parsed.error().message;
        return std::nullopt;
    }
    return std::move(*parsed);
}

QList<int> numbers(const QString &setting)
{
    QList<int> out;
    for (const QString &word : setting.split(u' ', Qt::SkipEmptyParts)) {
        out.append(word.toInt());
    }
    return out;
}

// Read once, on first use; read-only afterwards, so any thread may draw.
const Templates &templates()
{
    static const Templates loaded = [] {
        Templates t;
        t.frame = load(QStringLiteral(":/demo/picture.svg"));
        const QDir dir(QStringLiteral(":/demo/shapes"));
        for (const QString &file : dir.entryList({QStringLiteral("*.svg")}, QDir::Files)) {
            auto drawing = load(dir.filePath(file));
            if (!drawing) {
                continue;
            }
            Shape shape {std::move(*drawing)};
            if (const QList<int> count = numbers(shape.drawing.setting(QStringLiteral("count")));
                count.size() == 2 && count.at(1) >= count.at(0)) {
                shape.countMin = count.at(0);
                shape.countMax = count.at(1);
            }
            if (const QList<int> pick = numbers(shape.drawing.setting(QStringLiteral("pick")));
                pick.size() == 2 && pick.at(0) >= 0 && pick.at(0) < 32 && pick.at(1) > 0) {
                shape.pickShift = pick.at(0);
                shape.picks = pick.at(1);
            }
            t.shapes.emplace(file.chopped(4), std::move(shape));
        }
        return t;
    }();
    return loaded;
}

} // namespace

QStringList ProductImage::shapes()
{
    QStringList names;
    for (const auto &[name, shape] : templates().shapes) {
        names.append(name);
    }
    return names;
}

QByteArray ProductImage::toSvg() const
{
    const Templates &t = templates();
    if (!t.frame) {
        return {};
    }
    const quint32 dark = mix(color, 0x000000, 0.35);
    const quint32 light =
        luminance(color) > 0.75 ? mix(color, 0x000000, 0.15) : mix(color, 0xffffff, 0.45);
    // Keep the object visible on the background: very light products get a deeper backdrop.
    const quint32 backdrop = luminance(color) > 0.8 ? mix(background, 0x000000, 0.12) : background;
    const quint32 patternFill = mix(backdrop, color, 0.14);
    const int rotation = int((variant >> 2) % 7) * 3 - 9;
    const double scale = 0.86 + double((variant >> 5) & 3) * 0.06;
    const int shift = int((variant >> 9) % 5) * 6 - 12;

    const SvgTemplate::Variables frameVariables {
        {QStringLiteral("pattern"), int(variant & 3)},
        {QStringLiteral("caption"), caption.isEmpty() ? 0 : 1},
    };
    const SvgTemplate::Values frameValues {
        {QStringLiteral("backdrop"), hex(backdrop)},
        {QStringLiteral("pattern"), hex(patternFill)},
        {QStringLiteral("pose"),
         QStringLiteral("translate(%1 0) rotate(%2 200 210) translate(200 210) scale(%3) "
                        "translate(-200 -210)")
             .arg(shift)
             .arg(rotation)
             .arg(scale, 0, 'f', 2)},
        {QStringLiteral("captionColor"), hex(mix(backdrop, 0x000000, 0.6))},
        {QStringLiteral("caption"), caption},
    };

    const auto found = t.shapes.find(shape);
    if (found == t.shapes.end()) {
        qCWarning(lcMedia) << "no picture template for the shape" << shape;
    }
    const auto drawShape = [&](QString &out) {
        if (found == t.shapes.end()) {
            return;
        }
        const Shape &s = found->second;
        const SvgTemplate::Variables variables {
            {QStringLiteral("option0"), int((variant >> 7) & 1)},
            {QStringLiteral("option1"), int((variant >> 8) & 1)},
            {QStringLiteral("count"),
             s.countMin + int((variant >> 12) % quint32(s.countMax - s.countMin + 1))},
            {QStringLiteral("pick"), int((variant >> s.pickShift) % quint32(s.picks))},
        };
        const SvgTemplate::Values values {
            {QStringLiteral("color"), hex(color)},
            {QStringLiteral("dark"), hex(dark)},
            {QStringLiteral("light"), hex(light)},
            {QStringLiteral("accent"), hex(accent)},
        };
        s.drawing.render(out, variables, values);
    };

    QString svg;
    svg.reserve(4096);
    t.frame->render(svg, frameVariables, frameValues, drawShape);
    const QByteArray bytes = svg.toUtf8();
    if (bytes.size() > 4096) {
        qCWarning(lcMedia) << "product image larger than 4 KB:" << bytes.size() << "bytes";
    }
    return bytes;
}

} // namespace Shop::Demo
