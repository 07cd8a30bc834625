#include "productimportrow.h"

#include "validation.h"

#include <QRegularExpression>
#include <QUrl>

namespace Shop::Catalog {

namespace {

enum Column {
    Sku,
    Name,
    Description,
    Price,
    CategorySlug,
    CategoryName,
    Brand,
    StockQuantity,
    ImageUrl,
    ColumnCount
};

// Lengths as PostgreSQL's length() counts them: characters (code points), not UTF-16 units.
qsizetype characters(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate())) {
            ++count;
        }
    }
    return count;
}

bool hasControlCharacters(QStringView text, bool allowNewlines)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            if (allowNewlines && (c == u'\n' || c == u'\r' || c == u'\t')) {
                continue;
            }
            return true;
        }
    }
    return false;
}

QString quoted(QStringView text)
{
    QString shown = text.left(40).toString();
    if (text.size() > 40) {
        shown += QStringLiteral("...");
    }
    return u'"' + shown + u'"';
}

} // namespace

namespace ProductRules {

void checkSku(Validator &v, const QString &sku)
{
    static const QRegularExpression skuPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (sku.isEmpty()) {
        v.add(QStringLiteral("sku"), QStringLiteral("is empty"), QStringLiteral("required"));
    } else if (sku.size() > 64 || !skuPattern.match(sku).hasMatch()) {
        v.add(QStringLiteral("sku"),
              QStringLiteral("%1 must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                             "letter or digit")
                  .arg(quoted(sku)),
              QStringLiteral("invalid"));
    }
}

void checkName(Validator &v, const QString &name)
{
    const qsizetype nameLength = characters(name);
    if (nameLength == 0) {
        v.add(QStringLiteral("name"), QStringLiteral("is empty"), QStringLiteral("required"));
    } else if (nameLength > 300) {
        v.add(QStringLiteral("name"),
              QStringLiteral("is %1 characters long; at most 300 are allowed").arg(nameLength),
              QStringLiteral("too_long"));
    } else if (hasControlCharacters(name, false)) {
        v.add(QStringLiteral("name"), QStringLiteral("contains a line break or control character"),
              QStringLiteral("invalid"));
    }
}

void checkDescription(Validator &v, const QString &description)
{
    const qsizetype descriptionLength = characters(description);
    if (descriptionLength > 20000) {
        v.add(QStringLiteral("description"),
              QStringLiteral("is %1 characters long; at most 20000 are allowed")
                  .arg(descriptionLength),
              QStringLiteral("too_long"));
    } else if (hasControlCharacters(description, true)) {
        v.add(QStringLiteral("description"), QStringLiteral("contains a control character"),
              QStringLiteral("invalid"));
    }
}

void checkBrand(Validator &v, const QString &brand)
{
    const qsizetype brandLength = characters(brand);
    if (brandLength > 100) {
        v.add(QStringLiteral("brand"),
              QStringLiteral("is %1 characters long; at most 100 are allowed").arg(brandLength),
              QStringLiteral("too_long"));
    } else if (hasControlCharacters(brand, false)) {
        v.add(QStringLiteral("brand"), QStringLiteral("contains a line break or control character"),
              QStringLiteral("invalid"));
    }
}

void checkImageUrl(Validator &v, const QString &imageUrl)
{
    if (imageUrl.isEmpty()) {
        return;
    }
    const QUrl url(imageUrl, QUrl::StrictMode);
    const bool absolute = url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https")
        && !url.host().isEmpty();
    const bool localPath = imageUrl.startsWith(u'/') && !imageUrl.startsWith(u"//") && url.isValid()
        && url.scheme().isEmpty();
    if (characters(imageUrl) > 2000) {
        v.add(QStringLiteral("image_url"), QStringLiteral("is longer than 2000 characters"),
              QStringLiteral("too_long"));
    } else if (!absolute && !localPath) {
        v.add(QStringLiteral("image_url"),
              QStringLiteral("%1 must be an http(s) URL or a path starting with /")
                  .arg(quoted(imageUrl)),
              QStringLiteral("invalid"));
    }
}

void checkCategoryName(Validator &v, const QString &field, const QString &name)
{
    const qsizetype length = characters(name);
    if (length == 0) {
        v.add(field, QStringLiteral("is empty"), QStringLiteral("required"));
    } else if (length > 200) {
        v.add(field, QStringLiteral("is %1 characters long; at most 200 are allowed").arg(length),
              QStringLiteral("too_long"));
    } else if (hasControlCharacters(name, false)) {
        v.add(field, QStringLiteral("contains a line break or control character"),
              QStringLiteral("invalid"));
    }
}

void checkCategorySlug(Validator &v, const QString &field, const QString &slug)
{
    if (!isValidSlug(slug)) {
        v.add(field,
              QStringLiteral("%1 is not a slug: 1 to 100 of a-z and 0-9 in words joined by single "
                             "hyphens")
                  .arg(quoted(slug)),
              QStringLiteral("invalid"));
    }
}

} // namespace ProductRules

const QStringList &ProductImportRow::columns()
{
    static const QStringList names {
        QStringLiteral("sku"),   QStringLiteral("name"),           QStringLiteral("description"),
        QStringLiteral("price"), QStringLiteral("category_slug"),  QStringLiteral("category_name"),
        QStringLiteral("brand"), QStringLiteral("stock_quantity"), QStringLiteral("image_url"),
    };
    return names;
}

Result<QList<int>> ProductImportRow::parseHeader(QStringList header)
{
    if (!header.isEmpty() && header.first().startsWith(QChar(0xfeff))) {
        header.first().remove(0, 1); // a UTF-8 byte order mark
    }
    QList<int> indexes(ColumnCount, -1);
    QStringList problems;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed();
        const qsizetype column = columns().indexOf(name);
        if (column < 0) {
            problems << QStringLiteral("unknown column %1").arg(quoted(name));
        } else if (indexes.at(column) >= 0) {
            problems << QStringLiteral("column %1 appears twice").arg(name);
        } else {
            indexes[column] = int(i);
        }
    }
    for (qsizetype column = 0; column < ColumnCount; ++column) {
        if (indexes.at(column) < 0) {
            problems << QStringLiteral("column %1 is missing").arg(columns().at(column));
        }
    }
    if (!problems.isEmpty()) {
        return fail(
            Error::badRequest(QStringLiteral("The header must name the columns %1: %2.")
                                  .arg(columns().join(u','), problems.join(QStringLiteral("; ")))));
    }
    return indexes;
}

Result<ProductImportRow> ProductImportRow::parse(const QStringList &record,
                                                 const QList<int> &columnIndexes,
                                                 const Currency &currency, qint64 line)
{
    if (record.size() != columnIndexes.size()) {
        return fail(Error::validation({},
                                      QStringLiteral("has %1 fields, the header has %2 columns")
                                          .arg(record.size())
                                          .arg(columnIndexes.size())));
    }
    const auto field = [&](Column column) {
        return record.at(columnIndexes.at(column)).trimmed();
    };

    Validator v;
    ProductImportRow row;
    row.line = line;

    row.sku = field(Sku);
    ProductRules::checkSku(v, row.sku);
    row.name = field(Name);
    ProductRules::checkName(v, row.name);
    row.description = field(Description);
    ProductRules::checkDescription(v, row.description);

    const QString priceText = field(Price);
    if (priceText.isEmpty()) {
        v.add(QStringLiteral("price"), QStringLiteral("is empty"));
    } else if (auto price = Money::parseDecimal(priceText, currency)) {
        row.price = *price;
    } else {
        v.add(QStringLiteral("price"), price.error().message);
    }

    row.categorySlug = field(CategorySlug);
    row.categoryName = field(CategoryName);
    if (!row.categorySlug.isEmpty()) {
        ProductRules::checkCategorySlug(v, QStringLiteral("category_slug"), row.categorySlug);
    }
    const qsizetype categoryNameLength = characters(row.categoryName);
    if (!row.categorySlug.isEmpty() && categoryNameLength == 0) {
        v.add(QStringLiteral("category_name"), QStringLiteral("is empty but category_slug is set"));
    } else if (row.categorySlug.isEmpty() && categoryNameLength > 0) {
        v.add(QStringLiteral("category_slug"), QStringLiteral("is empty but category_name is set"));
    } else if (categoryNameLength > 0) {
        ProductRules::checkCategoryName(v, QStringLiteral("category_name"), row.categoryName);
    }

    row.brand = field(Brand);
    ProductRules::checkBrand(v, row.brand);

    const QString stockText = field(StockQuantity);
    bool stockOk = false;
    const qlonglong stock = stockText.toLongLong(&stockOk);
    const bool digitsOnly = !stockText.isEmpty()
        && std::all_of(stockText.cbegin(), stockText.cend(),
                       [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (stockText.isEmpty()) {
        v.add(QStringLiteral("stock_quantity"), QStringLiteral("is empty"));
    } else if (!stockOk || !digitsOnly || stock > std::numeric_limits<int>::max()) {
        v.add(QStringLiteral("stock_quantity"),
              QStringLiteral("%1 must be a whole number from 0 to 2147483647")
                  .arg(quoted(stockText)));
    } else {
        row.stockQuantity = int(stock);
    }

    row.imageUrl = field(ImageUrl);
    ProductRules::checkImageUrl(v, row.imageUrl);

    if (v.hasErrors()) {
        QStringList parts;
        for (const FieldError &error : v.errors()) {
            parts << error.field + QStringLiteral(": ") + error.message;
        }
        return fail(Error::validation(v.errors(), parts.join(QStringLiteral("; "))));
    }
    return row;
}

} // namespace Shop::Catalog
