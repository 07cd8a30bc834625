#pragma once

#include "error.h"
#include "money.h"
#include "validation.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

namespace Shop::Catalog {

// The rules of the products and categories columns, shared by the import (CSV fields, below) and
// the staff's catalog API (JSON members): each checks a trimmed value and adds at most one field
// error to `v` (field = the column name, or `field`; code required, too_long or invalid).
namespace ProductRules {
void checkSku(Validator &v, const QString &sku); // 1-64 of A-Z a-z 0-9 . _ -
void checkName(Validator &v, const QString &name); // 1-300 characters, one line
void checkDescription(Validator &v, const QString &description); // at most 20000
void checkBrand(Validator &v, const QString &brand); // at most 100, one line; may be empty
void checkImageUrl(Validator &v, const QString &imageUrl); // empty, http(s)://... or /path
void checkCategoryName(Validator &v, const QString &field, const QString &name); // 1-200
void checkCategorySlug(Validator &v, const QString &field, const QString &slug);
} // namespace ProductRules

// One product line of an import file (the CSV that shop-server generate-catalog writes):
//   sku,name,description,price,category_slug,category_name,brand,stock_quantity,image_url
// parsed and checked against the rules of the products and categories tables, so that a row that
// passes here cannot fail a CHECK constraint later.
struct ProductImportRow
{
    qint64 line = 0; // where the record starts in the file (1-based; the header is line 1)
    QString sku; // 1-64 of A-Z a-z 0-9 . _ -
    QString name; // 1-300 characters
    QString description; // up to 20000 characters
    Money price; // in the store currency, exact ("12.34")
    QString categorySlug; // empty: no category
    QString categoryName; // used when the category is created
    QString brand; // empty: none
    int stockQuantity = 0;
    QString imageUrl; // empty: none; else http(s)://... or /path
    // Not columns of the file: set by imports from code (ProductImportBatch).
    std::optional<bool> active; // nullopt: new products are active, existing ones keep theirs
    QDateTime createdAt; // invalid: now; an existing product's is never changed

    // The column names, in the order generate-catalog writes them. All are required in the header;
    // their order may differ.
    [[nodiscard]] static const QStringList &columns();

    // Checks the header record; returns, for each of columns(), its index in the file's records.
    // Unknown, missing and repeated names are errors that name them.
    [[nodiscard]] static Result<QList<int>> parseHeader(QStringList header);

    // Parses one record. On bad values: a Validation error with one FieldError per bad column
    // (field = column name) and a message listing them all, e.g.
    // "price: \"12,50\" is not an amount like 12.34.; stock_quantity: must be a whole number ..."
    [[nodiscard]] static Result<ProductImportRow> parse(const QStringList &record,
                                                        const QList<int> &columnIndexes,
                                                        const Currency &currency, qint64 line);
};

} // namespace Shop::Catalog
