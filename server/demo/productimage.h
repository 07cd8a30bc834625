#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Shop::Demo {

// A generated product picture: an SVG of the product's kind of object in the product's colour, on
// a tinted background, varied per product (background pattern, pose, size, optional parts), with
// a caption. Drawn from the templates in resources/demo/ (built in as :/demo/): picture.svg, the
// frame, and shapes/SHAPE.svg, one object per kind of product (the demo store gives each of its
// 200 categories its own, named in resources/demo/words.json). 0.7 to 3.3 KB per image (the demo
// store averages 1.6 KB), always under 4 KB.
struct ProductImage
{
    QString shape = QStringLiteral("bricks"); // a template in shapes/, without ".svg"
    quint32 color = 0x2f6fb0; // the product's colour, 0xRRGGBB
    quint32 accent = 0xf2a541; // details: stripes, lights, labels
    quint32 background = 0xeef3f8; // a light tint of the department's colour
    quint32 variant = 0; // any number: picks the pattern, pose, size and optional parts
    QString caption; // small text under the object ("Redwood T125"); escaped there

    // A standalone SVG document (UTF-8), 400 x 400. An unknown shape draws the frame alone.
    [[nodiscard]] QByteArray toSvg() const;

    [[nodiscard]] static QString contentType() { return QStringLiteral("image/svg+xml"); }

    // The shapes there are templates for, sorted.
    [[nodiscard]] static QStringList shapes();
};

} // namespace Shop::Demo
