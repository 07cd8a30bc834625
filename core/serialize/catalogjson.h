#pragma once

// The JSON wire format of the catalog: one definition shared by the server (writing) and the
// client (reading). Field names are the seed schema's, in snake_case; money is an integer number
// of minor units next to a "currency" code.

#include "catalog/product.h"
#include "error.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Shop::Json {

[[nodiscard]] QJsonObject toJson(const Product &product);
[[nodiscard]] QJsonObject toJson(const Category &category); // with "children", recursively
[[nodiscard]] QJsonArray toJson(const QList<Category> &categories);
[[nodiscard]] QJsonObject toJson(const Page<Product> &page);
[[nodiscard]] QJsonObject toJson(const Brand &brand);
[[nodiscard]] QJsonObject toJson(const QList<Brand> &brands); // {"items": [...]}

[[nodiscard]] Result<Product> productFromJson(const QJsonObject &object);
[[nodiscard]] Result<Category> categoryFromJson(const QJsonObject &object);
[[nodiscard]] Result<QList<Category>> categoriesFromJson(const QJsonArray &array);
[[nodiscard]] Result<Page<Product>> productPageFromJson(const QJsonObject &object);
[[nodiscard]] Result<Brand> brandFromJson(const QJsonObject &object);
[[nodiscard]] Result<QList<Brand>> brandListFromJson(const QJsonObject &object);

// Timestamps on the wire: ISO 8601 in UTC with milliseconds, "2026-11-25T17:32:00.000Z".
[[nodiscard]] QString toWireTime(const QDateTime &time);
[[nodiscard]] QDateTime fromWireTime(const QString &text);

} // namespace Shop::Json
