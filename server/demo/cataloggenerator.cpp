#include "cataloggenerator.h"

#include "democatalog.h"
#include "validation.h"

namespace Shop::Demo {

namespace {

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
void appendField(QByteArray &line, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        line += '"';
        line += QByteArray(utf8).replace('"', "\"\"");
        line += '"';
    } else {
        line += utf8;
    }
}

} // namespace

CatalogGenerator::CatalogGenerator(Currency currency, quint64 seed)
    : m_currency(std::move(currency))
    , m_seed(seed)
{ }

Result<qint64> CatalogGenerator::write(QIODevice *out, qint64 rows)
{
    if (rows < 0 || rows > MaxRows) {
        return fail(Error::badRequest(
            QStringLiteral("The number of products must be 0 to %1.").arg(MaxRows)));
    }
    const QList<DemoDepartment> &departments = demoWords().departments;
    // Slugs once per category, not once per row.
    QList<QStringList> slugs;
    for (const DemoDepartment &dept : departments) {
        QStringList row;
        for (const DemoCategory &category : dept.categories) {
            row.append(slugify(category.name));
        }
        slugs.append(row);
    }

    qint64 written = 0;
    QByteArray buffer;
    buffer.reserve(1 << 20);
    const auto flush = [&]() -> Result<void> {
        if (out->write(buffer) != buffer.size()) {
            return fail(Error::internal(
                QStringLiteral("Cannot write the catalog: %1").arg(out->errorString())));
        }
        written += buffer.size();
        buffer.clear();
        return {};
    };

    buffer += "sku,name,description,price,category_slug,category_name,brand,stock_quantity,"
              "image_url\n";
    DemoProductGenerator generator(m_currency, m_seed);
    for (qint64 i = 0; i < rows; ++i) {
        const DemoProduct p = generator.next();
        const DemoCategory &category = departments.at(p.department).categories.at(p.category);
        appendField(buffer, p.sku);
        buffer += ',';
        appendField(buffer, p.name);
        buffer += ',';
        appendField(buffer, p.description);
        buffer += ',';
        buffer += p.price.toDecimalString().toUtf8();
        buffer += ',';
        appendField(buffer, slugs.at(p.department).at(p.category));
        buffer += ',';
        appendField(buffer, category.name);
        buffer += ',';
        appendField(buffer, p.brand);
        buffer += ',';
        buffer += QByteArray::number(p.stockQuantity);
        buffer += ",https://cdn.example.com/products/";
        buffer += p.sku.toLower().toUtf8();
        buffer += ".jpg\n";
        if (buffer.size() >= (1 << 20) - 4096) {
            if (auto flushed = flush(); !flushed) {
                return fail(flushed.error());
            }
        }
    }
    if (auto flushed = flush(); !flushed) {
        return fail(flushed.error());
    }
    return written;
}

} // namespace Shop::Demo
