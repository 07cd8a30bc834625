#include "democatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace Shop::Demo {

namespace {

Q_LOGGING_CATEGORY(lcWords, "shop.demo.words")

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray()) {
        out.append(item.toString());
    }
    return out;
}

DemoWords read()
{
    DemoWords words;
    QFile file(QStringLiteral(":/demo/words.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcWords) << "cannot read" << file.fileName();
        return words;
    }
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        qCCritical(lcWords) << file.fileName() << "is not valid JSON:" << error.errorString()
                            << "at offset" << error.offset;
        return words;
    }
    words.brands = strings(root.value(QLatin1String("brands")));
    words.sizes = strings(root.value(QLatin1String("sizes")));
    words.closers = strings(root.value(QLatin1String("closers")));
    for (const QJsonValue &item : root.value(QLatin1String("colors")).toArray()) {
        const QJsonObject color = item.toObject();
        words.colors.append(
            {color.value(QLatin1String("name")).toString(),
             color.value(QLatin1String("rgb")).toString().mid(1).toUInt(nullptr, 16)});
    }
    for (const QJsonValue &item : root.value(QLatin1String("departments")).toArray()) {
        const QJsonObject object = item.toObject();
        DemoDepartment department;
        department.name = object.value(QLatin1String("name")).toString();
        department.code = object.value(QLatin1String("code")).toString();
        department.minPrice = object.value(QLatin1String("minPrice")).toInt(1);
        department.maxPrice = object.value(QLatin1String("maxPrice")).toInt(1);
        for (const QJsonValue &category : object.value(QLatin1String("categories")).toArray()) {
            const QJsonObject c = category.toObject();
            department.categories.append({c.value(QLatin1String("name")).toString(),
                                          c.value(QLatin1String("noun")).toString(),
                                          c.value(QLatin1String("shape")).toString()});
        }
        department.adjectives = strings(object.value(QLatin1String("adjectives")));
        department.materials = strings(object.value(QLatin1String("materials")));
        department.features = strings(object.value(QLatin1String("features")));
        department.uses = strings(object.value(QLatin1String("uses")));
        words.departments.append(std::move(department));
    }
    return words;
}

} // namespace

const DemoWords &demoWords()
{
    static const DemoWords words = read();
    return words;
}

} // namespace Shop::Demo
