#pragma once

#include "ids.h"
#include "money.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Shop {

struct Product
{
    ProductId id;
    QString sku;
    QString name;
    QString description;
    QString brand;
    std::optional<CategoryId> categoryId;
    QString categorySlug; // denormalised for display; empty when uncategorised
    QString categoryName;
    Money price;
    int stockQuantity = 0;
    QString imageUrl; // absolute, or relative to the server ("/media/products/...")
    bool isActive = true;
    QDateTime createdAt;
    QDateTime updatedAt;

    [[nodiscard]] bool inStock() const { return stockQuantity > 0; }
};

struct Category
{
    CategoryId id;
    QString name;
    QString slug;
    std::optional<CategoryId> parentId;
    // Active products in this category and all of its descendants.
    qint64 productCount = 0;
    QList<Category> children;
};

// A brand of active products (GET /api/brands). Brands are matched without regard to case, so
// "ACME" and "Acme" are one brand.
struct Brand
{
    QString name;
    qint64 productCount = 0; // active products of this brand (within the requested category)

    friend bool operator==(const Brand &, const Brand &) = default;
};

// One page of a longer list.
template<typename T>
struct Page
{
    QList<T> items;
    int page = 1;
    int limit = 20;
    qint64 total = 0;

    [[nodiscard]] int pageCount() const { return limit > 0 ? int((total + limit - 1) / limit) : 0; }
};

} // namespace Shop
