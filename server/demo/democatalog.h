#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Shop::Demo {

// The demo store's vocabulary, from resources/demo/words.json (built in as :/demo/words.json):
// 20 departments (parent categories) of 10 categories each, with the words product names and
// descriptions are made of and what each category's pictures show. The demo store
// (seed-demo) and the catalog generator (generate-catalog) share it, so both land in the same
// category tree.
struct DemoCategory
{
    QString name; // "Smart Bulbs"
    QString noun; // what one product is called: "Smart Bulb"
    QString shape; // what its products' pictures show: "bulb" (resources/demo/shapes/bulb.svg)
};

struct DemoDepartment
{
    QString name; // "Electronics"
    QString code; // three letters for SKUs: "ELE"
    int minPrice = 1; // whole currency units
    int maxPrice = 1;
    QList<DemoCategory> categories;
    QStringList adjectives;
    QStringList materials;
    QStringList features; // description phrases
    QStringList uses; // "commuting", "the home office"
};

struct DemoColor
{
    QString name; // "Navy"
    quint32 rgb = 0; // 0xRRGGBB
};

struct DemoWords
{
    QList<DemoDepartment> departments;
    QStringList brands;
    QStringList sizes; // "Mini", "2-Pack"
    QStringList closers; // last sentences; "{years}" is a number of years
    QList<DemoColor> colors;
};

// Read once, on first use (empty, with a critical log message, if the file were unreadable).
[[nodiscard]] const DemoWords &demoWords();

} // namespace Shop::Demo
