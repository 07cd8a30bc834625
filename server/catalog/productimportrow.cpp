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

    static const QRegularExpression skuPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    row.sku = field(Sku);
    if (row.sku.isEmpty()) {
        v.add(QStringLiteral("sku"), QStringLiteral("is empty"));
    } else if (row.sku.size() > 64 || !skuPattern.match(row.sku).hasMatch()) {
        v.add(QStringLiteral("sku"),
              QStringLiteral("%1 must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                             "letter or digit")
                  .arg(quoted(row.sku)));
    }

    row.name = field(Name);
    const qsizetype nameLength = characters(row.name);
    if (nameLength == 0) {
        v.add(QStringLiteral("name"), QStringLiteral("is empty"));
    } else if (nameLength > 300) {
        v.add(QStringLiteral("name"),
              QStringLiteral("is %1 characters long; at most 300 are allowed").arg(nameLength));
    } else if (hasControlCharacters(row.name, false)) {
        v.add(QStringLiteral("name"), QStringLiteral("contains a line break or control character"));
    }

    row.description = field(Description);
    const qsizetype descriptionLength = characters(row.description);
    if (descriptionLength > 20000) {
        v.add(QStringLiteral("description"),
              QStringLiteral("is %1 characters long; at most 20000 are allowed")
                  .arg(descriptionLength));
    } else if (hasControlCharacters(row.description, true)) {
        v.add(QStringLiteral("description"), QStringLiteral("contains a control character"));
    }

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
    if (!row.categorySlug.isEmpty() && !isValidSlug(row.categorySlug)) {
        v.add(QStringLiteral("category_slug"),
              QStringLiteral("%1 is not a slug: 1 to 100 of a-z and 0-9 in words joined by single "
                             "hyphens")
                  .arg(quoted(row.categorySlug)));
    }
    const qsizetype categoryNameLength = characters(row.categoryName);
    if (!row.categorySlug.isEmpty() && categoryNameLength == 0) {
        v.add(QStringLiteral("category_name"), QStringLiteral("is empty but category_slug is set"));
    } else if (row.categorySlug.isEmpty() && categoryNameLength > 0) {
        v.add(QStringLiteral("category_slug"), QStringLiteral("is empty but category_name is set"));
    } else if (categoryNameLength > 200) {
        v.add(QStringLiteral("category_name"),
              QStringLiteral("is %1 characters long; at most 200 are allowed")
                  .arg(categoryNameLength));
    } else if (hasControlCharacters(row.categoryName, false)) {
        v.add(QStringLiteral("category_name"),
              QStringLiteral("contains a line break or control character"));
    }

    row.brand = field(Brand);
    const qsizetype brandLength = characters(row.brand);
    if (brandLength > 100) {
        v.add(QStringLiteral("brand"),
              QStringLiteral("is %1 characters long; at most 100 are allowed").arg(brandLength));
    } else if (hasControlCharacters(row.brand, false)) {
        v.add(QStringLiteral("brand"),
              QStringLiteral("contains a line break or control character"));
    }

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
    if (!row.imageUrl.isEmpty()) {
        const QUrl url(row.imageUrl, QUrl::StrictMode);
        const bool absolute = url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https")
            && !url.host().isEmpty();
        const bool localPath = row.imageUrl.startsWith(u'/') && !row.imageUrl.startsWith(u"//")
            && url.isValid() && url.scheme().isEmpty();
        if (characters(row.imageUrl) > 2000) {
            v.add(QStringLiteral("image_url"), QStringLiteral("is longer than 2000 characters"));
        } else if (!absolute && !localPath) {
            v.add(QStringLiteral("image_url"),
                  QStringLiteral("%1 must be an http(s) URL or a path starting with /")
                      .arg(quoted(row.imageUrl)));
        }
    }

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
