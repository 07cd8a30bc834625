#include "adminproductlist.h"

#include "catalogadmin.h"
#include "db/database.h"
#include "productimportrow.h"
#include "validation.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QUrlQuery>

namespace Shop::Catalog {

Result<AdminProductQuery> AdminProductQuery::fromQueryString(QByteArrayView rawQuery)
{
    auto parsed = ProductQuery::fromQueryString(rawQuery);
    if (!parsed) {
        return fail(parsed.error());
    }
    AdminProductQuery result;
    result.query = std::move(*parsed);
    const QUrlQuery query(QString::fromUtf8(rawQuery));
    Validator v;
    const QStringList values =
        query.allQueryItemValues(QStringLiteral("active"), QUrl::FullyDecoded);
    if (!values.isEmpty()) {
        const QString value = values.constLast().trimmed();
        if (values.size() == 1 && value == u"true") {
            result.visibility = ProductVisibility::Active;
        } else if (values.size() == 1 && value == u"false") {
            result.visibility = ProductVisibility::Inactive;
        } else if (values.size() == 1 && value == u"all") {
            result.visibility = ProductVisibility::All;
        } else {
            v.add(QStringLiteral("active"), QStringLiteral("must be true, false or all (once)"),
                  QStringLiteral("invalid"));
        }
    }
    const QStringList skus = query.allQueryItemValues(QStringLiteral("sku"), QUrl::FullyDecoded);
    if (skus.size() > 1) {
        v.add(QStringLiteral("sku"), QStringLiteral("must be given at most once"),
              QStringLiteral("invalid"));
    } else if (skus.size() == 1) {
        // Trimmed as the product routes and the import trim a SKU before they store it.
        result.sku = skus.constFirst().trimmed();
        ProductRules::checkSku(v, result.sku);
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    return result;
}

namespace AdminProductList {

Result<Page<AdminProduct>> find(const AdminProductQuery &query)
{
    const CatalogRepository repository;
    auto page = repository.findProducts(query.query, std::nullopt, query.visibility, query.sku);
    if (!page) {
        return fail(page.error());
    }
    Page<AdminProduct> result;
    result.page = page->page;
    result.limit = page->limit;
    result.total = page->total;
    if (page->items.isEmpty()) {
        return result;
    }
    // The revisions of the page's products, in one statement.
    QStringList ids;
    ids.reserve(page->items.size());
    for (const Product &p : std::as_const(page->items)) {
        ids << p.id.toString();
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto q = Db::exec(*db,
                      QStringLiteral("SELECT id::text, revision FROM products "
                                     "WHERE id = ANY(?::uuid[])"),
                      {QString(u'{' + ids.join(u',') + u'}')});
    if (!q) {
        return fail(q.error());
    }
    QHash<QString, qint64> revisions;
    while (q->next()) {
        revisions.insert(q->value(0).toString(), q->value(1).toLongLong());
    }
    result.items.reserve(page->items.size());
    for (Product &p : page->items) {
        const qint64 revision = revisions.value(p.id.toString(), 0);
        result.items.append(AdminProduct {std::move(p), revision});
    }
    return result;
}

QJsonObject toJson(const Page<AdminProduct> &page)
{
    QJsonArray items;
    for (const AdminProduct &p : page.items) {
        items.append(CatalogAdmin::toJson(p));
    }
    return QJsonObject {
        {QStringLiteral("items"), items},
        {QStringLiteral("page"), page.page},
        {QStringLiteral("limit"), page.limit},
        {QStringLiteral("total"), page.total},
    };
}

} // namespace AdminProductList

} // namespace Shop::Catalog
