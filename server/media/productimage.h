#pragma once

#include <QByteArray>
#include <QString>

namespace Shop::Server::Media {

// What a product picture shows: one drawn object per department.
enum class ProductShape {
    Headphones,
    Laptop,
    Router,
    Kettle,
    Sofa,
    Drill,
    Plant,
    Dumbbell,
    Tent,
    TShirt,
    Dress,
    Shoe,
    Bottle,
    Heart,
    Car,
    Notebook,
    PetBowl,
    Blocks,
    Stroller,
    Guitar,
};

// A generated product picture: an SVG of the department's object in the product's colour, on a
// tinted background, varied per product (background pattern, pose, size, optional parts), with a
// caption. QtCore only; 0.8 to 3.3 KB per image (the demo store averages 1.5 KB).
struct ProductImage
{
    ProductShape shape = ProductShape::Blocks;
    quint32 color = 0x2f6fb0; // the product's colour, 0xRRGGBB
    quint32 accent = 0xf2a541; // details: stripes, lights, labels
    quint32 background = 0xeef3f8; // a light tint of the department's colour
    quint32 variant = 0; // any number: picks the pattern, pose, size and optional parts
    QString caption; // small text under the object ("Redwood T125"); escaped here

    // A standalone SVG document (UTF-8), 400 x 400.
    [[nodiscard]] QByteArray toSvg() const;

    [[nodiscard]] static QString contentType() { return QStringLiteral("image/svg+xml"); }
};

} // namespace Shop::Server::Media
