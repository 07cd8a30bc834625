#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "serialize/catalogjson.h"
#include "support/fakenetwork.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>

namespace Shop::Tests {

// A small catalog served as canned JSON through FakeNetwork, for the client's item models: the
// answers have the server's shapes (Json::toJson), pages, sorting by price and a plain search,
// without a server process or a database.
class FakeCatalog final
{
public:
    // `count` products "Product 0" ... ; every seventh is a "Laptop", every fifth is out of stock.
    explicit FakeCatalog(int count = 230)
    {
        const Category audio = category(QStringLiteral("Audio"), QStringLiteral("audio"));
        const Category computers =
            category(QStringLiteral("Computers"), QStringLiteral("computers"));
        Category laptops = category(QStringLiteral("Laptops"), QStringLiteral("laptops"));
        laptops.parentId = computers.id;
        for (int i = 0; i < count; ++i) {
            Product product;
            product.id = ProductId::generate();
            product.sku = QStringLiteral("SKU-%1").arg(i, 4, 10, QLatin1Char('0'));
            const bool laptop = i % 7 == 0;
            product.name =
                laptop ? QStringLiteral("Laptop %1").arg(i) : QStringLiteral("Product %1").arg(i);
            product.description = QStringLiteral("A canned product.");
            product.brand = i % 2 == 0 ? QStringLiteral("Acme") : QStringLiteral("Globex");
            const Category &in = laptop ? laptops : audio;
            product.categoryId = in.id;
            product.categorySlug = in.slug;
            product.categoryName = in.name;
            product.price = Money(1000 + (i * 7919) % 50000, Currency());
            product.stockQuantity = i % 5 == 0 ? 0 : i % 11 + 1;
            product.imageUrl = QStringLiteral("/media/products/%1.svg").arg(i);
            product.createdAt = QDateTime::fromSecsSinceEpoch(1'700'000'000 + i, Qt::UTC);
            product.updatedAt = product.createdAt;
            m_products.append(product);
        }
        Category withChildren = computers;
        laptops.productCount = (count + 6) / 7;
        withChildren.children = {laptops};
        withChildren.productCount = laptops.productCount;
        Category audioCounted = audio;
        audioCounted.productCount = count - laptops.productCount;
        m_categories = {audioCounted, withChildren};
    }

    [[nodiscard]] const QList<Product> &products() const { return m_products; }
    [[nodiscard]] const QList<Category> &categories() const { return m_categories; }

    // The answer the server would give to a GET of this URL; 404 for other paths, 422 for a
    // query the server would refuse.
    [[nodiscard]] CannedReply answer(const QUrl &url) const
    {
        const QString path = url.path();
        if (path.endsWith(QLatin1String("/api/categories"))) {
            return json(QJsonDocument(Json::toJson(m_categories)));
        }
        if (!path.endsWith(QLatin1String("/api/products"))) {
            return CannedReply {404, "application/problem+json",
                                R"({"code":"not-found","status":404,"detail":"No such page."})",
                                QNetworkReply::NoError};
        }
        const auto query = ProductQuery::fromQueryString(url.query(QUrl::FullyEncoded).toLatin1());
        if (!query) {
            return CannedReply {422, "application/problem+json",
                                R"({"code":"validation","status":422,"detail":"Invalid."})",
                                QNetworkReply::NoError};
        }
        QList<Product> matches;
        for (const Product &product : m_products) {
            if (query->search.isEmpty()
                || product.name.contains(query->search, Qt::CaseInsensitive)) {
                matches.append(product);
            }
        }
        if (query->sort == ProductSort::PriceAsc || query->sort == ProductSort::PriceDesc) {
            const bool ascending = query->sort == ProductSort::PriceAsc;
            std::stable_sort(matches.begin(), matches.end(),
                             [ascending](const Product &a, const Product &b) {
                                 return ascending ? a.price.minorUnits() < b.price.minorUnits()
                                                  : a.price.minorUnits() > b.price.minorUnits();
                             });
        }
        Page<Product> page;
        page.page = query->page;
        page.limit = query->limit;
        page.total = matches.size();
        page.items = matches.mid(qsizetype(query->page - 1) * query->limit, query->limit);
        return json(QJsonDocument(Json::toJson(page)));
    }

    // A FakeNetwork script that answers every request from this catalog.
    [[nodiscard]] FakeNetwork::Script script() const
    {
        return [this](const QNetworkRequest &request, int) {
            return answer(request.url());
        };
    }

private:
    static Category category(const QString &name, const QString &slug)
    {
        Category c;
        c.id = CategoryId::generate();
        c.name = name;
        c.slug = slug;
        return c;
    }
    static CannedReply json(const QJsonDocument &document)
    {
        return CannedReply {200, "application/json", document.toJson(QJsonDocument::Compact),
                            QNetworkReply::NoError};
    }

    QList<Product> m_products;
    QList<Category> m_categories;
};

} // namespace Shop::Tests
