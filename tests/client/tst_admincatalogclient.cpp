#include "callwaiter.h"
#include "client/admincatalogclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/catalogclient.h"
#include "support/externalserver.h"
#include "support/resultcheck.h"

#include <QTest>

#include <algorithm>

using namespace Shop;
using namespace Shop::Client;
using Tests::CallWaiter;

namespace {

const QString kAdmin = QStringLiteral("admin@shop.example");
const QString kAdminPassword = QStringLiteral("demo-staff-passphrase");
const QByteArray kCsvHeader = "sku,name,description,price,category_slug,category_name,brand,"
                              "stock_quantity,image_url\r\n";
const QByteArray kPngHex =
    "89504e470d0a1a0a0000000d494844520000000c000000080802000000428689a60000001149444154789c6338636c"
    "4c10318c2a0200956672c16ccc7bd60000000049454e44ae426082"; // 12 x 8 pixels

} // namespace

// The staff's catalog calls (AdminCatalogClient) against the REAL shop-server on a fresh seeded
// database: products created (field errors at their fields), read with their entity tag,
// replaced with If-Match (a stale tag: PreconditionFailed, nothing changed), deactivated and
// restored; stock adjustments (and the 409 below zero); categories created, renamed, moved (a
// cycle refused), deleted only when empty.
class TestAdminCatalogClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wireForms();
    void createShowsFieldErrors();
    void createReadUpdateWithIfMatch();
    void deactivateAndRestore();
    void stockAdjustments();
    void categories();
    void adminListIncludesInactive();
    void csvDryRunWithErrorsThenApply();
    void images();

private:
    template<typename T>
    [[nodiscard]] Result<T> wait(CallWaiter<T> &waiter)
    {
        if (!waiter.wait(30000)) {
            return fail(Error::internal(QStringLiteral("no answer")));
        }
        return *waiter.result;
    }
    [[nodiscard]] ProductDraft draft(const QString &sku) const;

    Tests::ExternalServer m_server;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<AuthSession> m_session;
    std::unique_ptr<AdminCatalogClient> m_client;
    std::unique_ptr<CatalogClient> m_catalog;
    Currency m_currency = *Currency::fromCode(u"USD");
};

void TestAdminCatalogClient::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_api = std::make_unique<ApiClient>();
    m_api->setBaseUrl(m_server.baseUrl());
    m_session = std::make_unique<AuthSession>(m_api.get(), nullptr);
    CallWaiter<User> admin;
    m_session->signIn(kAdmin, kAdminPassword, false, nullptr, admin.callback());
    QVERIFY(admin.wait());
    SHOP_VERIFY_OK(*admin.result);
    m_client = std::make_unique<AdminCatalogClient>(m_api.get());
    m_catalog = std::make_unique<CatalogClient>(m_api.get());
    // The store's currency: the demo catalog's.
    CallWaiter<Page<Product>> page;
    m_catalog->products(ProductQuery {}, nullptr, page.callback());
    QVERIFY(page.wait());
    SHOP_VERIFY_OK(*page.result);
    QVERIFY(!(*page.result)->items.isEmpty());
    m_currency = (*page.result)->items.first().price.currency();
}

void TestAdminCatalogClient::cleanupTestCase()
{
    if (QTest::currentTestFailed()) {
        qWarning("shop-server log (end):\n%s", m_server.serverLog().right(4000).constData());
    }
}

ProductDraft TestAdminCatalogClient::draft(const QString &sku) const
{
    ProductDraft d;
    d.sku = sku;
    d.name = QStringLiteral("Client test ") + sku;
    d.description = QStringLiteral("Made by tst_admincatalogclient");
    d.brand = QStringLiteral("Testbrand");
    d.price = Money(1299, m_currency);
    d.initialStock = 5;
    return d;
}

void TestAdminCatalogClient::wireForms()
{
    ProductDraft d = draft(QStringLiteral(" SKU-1 "));
    const QJsonObject withStock = d.toJson(true);
    QCOMPARE(withStock.value(QStringLiteral("sku")).toString(), QStringLiteral("SKU-1"));
    QCOMPARE(withStock.value(QStringLiteral("price")).toInteger(), 1299);
    QCOMPARE(withStock.value(QStringLiteral("stock_quantity")).toInt(), 5);
    QVERIFY(withStock.value(QStringLiteral("category_id")).isNull());
    QVERIFY(!d.toJson(false).contains(QStringLiteral("stock_quantity"))); // never in a PUT

    CategoryChange change;
    change.name = QStringLiteral(" Garden ");
    QCOMPARE(change.toJson(), QJsonObject({{QStringLiteral("name"), QStringLiteral("Garden")}}));
    change.name.reset();
    change.move = true;
    QCOMPARE(change.toJson(), QJsonObject({{QStringLiteral("parent_id"), QJsonValue::Null}}));

    AdminProductFilter filter;
    filter.query.search = QStringLiteral("red mug");
    filter.active = AdminProductFilter::Active::Inactive;
    QVERIFY2(filter.toQueryString().contains("search=red"), filter.toQueryString().constData());
    QVERIFY2(filter.toQueryString().endsWith("active=false"), filter.toQueryString().constData());
}

void TestAdminCatalogClient::createShowsFieldErrors()
{
    ProductDraft bad = draft(QStringLiteral("-bad sku"));
    bad.name.clear();
    CallWaiter<AdminProduct> created;
    m_client->createProduct(bad, nullptr, created.callback());
    const auto result = wait(created);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Validation);
    QStringList fields;
    for (const FieldError &e : result.error().fieldErrors) {
        fields << e.field;
    }
    QVERIFY2(fields.contains(QStringLiteral("sku")), qPrintable(fields.join(u',')));
    QVERIFY2(fields.contains(QStringLiteral("name")), qPrintable(fields.join(u',')));
}

void TestAdminCatalogClient::createReadUpdateWithIfMatch()
{
    CallWaiter<AdminProduct> created;
    m_client->createProduct(draft(QStringLiteral("CLIENT-1")), nullptr, created.callback());
    auto product = wait(created);
    SHOP_VERIFY_OK(product);
    QCOMPARE(product->product.sku, QStringLiteral("CLIENT-1"));
    QCOMPARE(product->product.stockQuantity, 5);
    QCOMPARE(product->revision, 1);
    QCOMPARE(product->etag, QByteArray("\"1\""));
    const ProductId id = product->product.id;

    // The same SKU again: taken, at the sku field.
    CallWaiter<AdminProduct> again;
    m_client->createProduct(draft(QStringLiteral("CLIENT-1")), nullptr, again.callback());
    const auto taken = wait(again);
    QVERIFY(!taken);
    QCOMPARE(taken.error().code, ErrorCode::Validation);
    QCOMPARE(taken.error().fieldErrors.value(0).field, QStringLiteral("sku"));
    QCOMPARE(taken.error().fieldErrors.value(0).code, QStringLiteral("taken"));

    CallWaiter<AdminProduct> read;
    m_client->product(id, nullptr, read.callback());
    const auto fresh = wait(read);
    SHOP_VERIFY_OK(fresh);
    QCOMPARE(fresh->etag, QByteArray("\"1\""));

    ProductDraft change = ProductDraft::fromProduct(fresh->product);
    change.price = Money(1500, m_currency);
    CallWaiter<AdminProduct> updated;
    m_client->updateProduct(id, change, fresh->etag, nullptr, updated.callback());
    const auto after = wait(updated);
    SHOP_VERIFY_OK(after);
    QCOMPARE(after->product.price.minorUnits(), 1500);
    QCOMPARE(after->etag, QByteArray("\"2\""));
    QCOMPARE(after->product.stockQuantity, 5); // the stock is kept

    // A second admin with the old tag: 412, nothing changed.
    change.price = Money(999, m_currency);
    CallWaiter<AdminProduct> stale;
    m_client->updateProduct(id, change, fresh->etag, nullptr, stale.callback());
    const auto refused = wait(stale);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::PreconditionFailed);
    CallWaiter<Product> publicRead;
    m_catalog->product(id, nullptr, publicRead.callback());
    QVERIFY(publicRead.wait());
    SHOP_VERIFY_OK(*publicRead.result);
    QCOMPARE((*publicRead.result)->price.minorUnits(), 1500);
}

void TestAdminCatalogClient::deactivateAndRestore()
{
    CallWaiter<AdminProduct> created;
    m_client->createProduct(draft(QStringLiteral("CLIENT-2")), nullptr, created.callback());
    const auto product = wait(created);
    SHOP_VERIFY_OK(product);
    CallWaiter<AdminProduct> off;
    m_client->setActive(product->product.id, false, product->etag, nullptr, off.callback());
    const auto inactive = wait(off);
    SHOP_VERIFY_OK(inactive);
    QVERIFY(!inactive->product.isActive);
    QCOMPARE(inactive->etag, QByteArray("\"2\""));

    CallWaiter<Product> hidden;
    m_catalog->product(product->product.id, nullptr, hidden.callback());
    QVERIFY(hidden.wait());
    QVERIFY(!*hidden.result);
    QCOMPARE(hidden.result->error().code, ErrorCode::NotFound);

    // With the tag from before the deactivation: 412.
    CallWaiter<AdminProduct> staleOn;
    m_client->setActive(product->product.id, true, product->etag, nullptr, staleOn.callback());
    QCOMPARE(wait(staleOn).error().code, ErrorCode::PreconditionFailed);
    CallWaiter<AdminProduct> on;
    m_client->setActive(product->product.id, true, inactive->etag, nullptr, on.callback());
    const auto active = wait(on);
    SHOP_VERIFY_OK(active);
    QVERIFY(active->product.isActive);
}

void TestAdminCatalogClient::stockAdjustments()
{
    CallWaiter<AdminProduct> created;
    m_client->createProduct(draft(QStringLiteral("CLIENT-3")), nullptr, created.callback());
    const auto product = wait(created);
    SHOP_VERIFY_OK(product);
    const ProductId id = product->product.id;

    CallWaiter<StockMovement> received;
    m_client->adjustStock(id, {12, QStringLiteral("received"), QStringLiteral("delivery 7")},
                          nullptr, received.callback());
    const auto movement = wait(received);
    SHOP_VERIFY_OK(movement);
    QCOMPARE(movement->delta, 12);
    QCOMPARE(movement->reason, QStringLiteral("received"));
    QCOMPARE(movement->stockQuantity, 17);
    QCOMPARE(movement->productId, id);

    CallWaiter<StockMovement> tooMany;
    m_client->adjustStock(id, {-18, QStringLiteral("counted"), {}}, nullptr, tooMany.callback());
    const auto refused = wait(tooMany);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);

    CallWaiter<StockMovement> wrongSign;
    m_client->adjustStock(id, {-1, QStringLiteral("received"), {}}, nullptr, wrongSign.callback());
    const auto sign = wait(wrongSign);
    QVERIFY(!sign);
    QCOMPARE(sign.error().code, ErrorCode::Validation);

    CallWaiter<AdminProduct> read;
    m_client->product(id, nullptr, read.callback());
    QCOMPARE(wait(read)->product.stockQuantity, 17);
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("SELECT count(*) FROM stock_movements "
                                            "WHERE product_id = ?::uuid"),
                             {id.toString()})
                 .toInt(),
             2); // the initial stock and the delivery

    // A retry by hand with the adjustment's Idempotency-Key: applied once, the same movement.
    const StockAdjustment once {4, QStringLiteral("received"), QStringLiteral("delivery 8"),
                                ApiClient::newIdempotencyKey()};
    CallWaiter<StockMovement> first;
    m_client->adjustStock(id, once, nullptr, first.callback());
    const auto firstMovement = wait(first);
    SHOP_VERIFY_OK(firstMovement);
    QCOMPARE(firstMovement->stockQuantity, 21);
    CallWaiter<StockMovement> retried;
    m_client->adjustStock(id, once, nullptr, retried.callback());
    const auto retriedMovement = wait(retried);
    SHOP_VERIFY_OK(retriedMovement);
    QCOMPARE(retriedMovement->id, firstMovement->id);
    QCOMPARE(retriedMovement->stockQuantity, 21);
    QCOMPARE(m_server
                 .queryValue(QStringLiteral("SELECT stock_quantity FROM products "
                                            "WHERE id = ?::uuid"),
                             {id.toString()})
                 .toInt(),
             21);
}

void TestAdminCatalogClient::categories()
{
    CallWaiter<AdminCategory> top;
    m_client->createCategory(QStringLiteral("Client Garden"), std::nullopt, nullptr,
                             top.callback());
    const auto garden = wait(top);
    SHOP_VERIFY_OK(garden);
    QCOMPARE(garden->slug, QStringLiteral("client-garden"));
    QVERIFY(!garden->parentId);

    CallWaiter<AdminCategory> child;
    m_client->createCategory(QStringLiteral("Client Tools"), garden->id, nullptr, child.callback());
    const auto tools = wait(child);
    SHOP_VERIFY_OK(tools);
    QCOMPARE(tools->parentId, std::optional(garden->id));

    CategoryChange rename;
    rename.name = QStringLiteral("Client Garden & Patio");
    CallWaiter<AdminCategory> renamed;
    m_client->updateCategory(garden->id, rename, nullptr, renamed.callback());
    const auto after = wait(renamed);
    SHOP_VERIFY_OK(after);
    QCOMPARE(after->name, QStringLiteral("Client Garden & Patio"));

    // Garden under its own child: a cycle.
    CategoryChange cycle;
    cycle.move = true;
    cycle.parentId = tools->id;
    CallWaiter<AdminCategory> moved;
    m_client->updateCategory(garden->id, cycle, nullptr, moved.callback());
    const auto refused = wait(moved);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Validation);
    QCOMPARE(refused.error().fieldErrors.value(0).code, QStringLiteral("cycle"));

    // Not empty: 409; the child first, then the parent.
    CallWaiter<std::monostate> notEmpty;
    m_client->deleteCategory(garden->id, nullptr, notEmpty.callback());
    QCOMPARE(wait(notEmpty).error().code, ErrorCode::Conflict);
    CallWaiter<std::monostate> deleteChild;
    m_client->deleteCategory(tools->id, nullptr, deleteChild.callback());
    SHOP_VERIFY_OK(wait(deleteChild));
    CallWaiter<std::monostate> deleteParent;
    m_client->deleteCategory(garden->id, nullptr, deleteParent.callback());
    SHOP_VERIFY_OK(wait(deleteParent));
}

QTEST_GUILESS_MAIN(TestAdminCatalogClient)

// GET /api/admin/products (AdminCatalogClient::products and CatalogClient::adminProducts): an
// inactive product is listed (the public list does not have it).
void TestAdminCatalogClient::adminListIncludesInactive()
{
    CallWaiter<AdminProduct> created;
    m_client->createProduct(draft(QStringLiteral("CLIENT-LIST")), nullptr, created.callback());
    const auto product = wait(created);
    SHOP_VERIFY_OK(product);
    CallWaiter<AdminProduct> off;
    m_client->setActive(product->product.id, false, product->etag, nullptr, off.callback());
    SHOP_VERIFY_OK(wait(off));

    AdminProductFilter filter;
    filter.active = AdminProductFilter::Active::Inactive;
    filter.query.limit = ProductQuery::kMaxLimit;
    CallWaiter<Page<AdminProduct>> inactive;
    m_client->products(filter, nullptr, inactive.callback());
    const auto page = wait(inactive);
    SHOP_VERIFY_OK(page);
    const auto found = std::find_if(page->items.cbegin(), page->items.cend(), [&](const auto &p) {
        return p.product.id == product->product.id;
    });
    QVERIFY(found != page->items.cend());
    QVERIFY(!found->product.isActive);
    QVERIFY(found->revision >= 2);

    ProductQuery query;
    query.limit = ProductQuery::kMaxLimit;
    query.sort = ProductSort::Newest;
    CallWaiter<Page<Product>> all;
    m_catalog->adminProducts(query, nullptr, all.callback());
    const auto allPage = wait(all);
    SHOP_VERIFY_OK(allPage);
    QVERIFY(std::any_of(allPage->items.cbegin(), allPage->items.cend(), [&](const Product &p) {
        return p.id == product->product.id && !p.isActive;
    }));
    CallWaiter<Page<Product>> pub;
    m_catalog->products(query, nullptr, pub.callback());
    const auto publicPage = wait(pub);
    SHOP_VERIFY_OK(publicPage);
    QVERIFY(std::none_of(publicPage->items.cbegin(), publicPage->items.cend(),
                         [&](const Product &p) { return p.id == product->product.id; }));
    QVERIFY(allPage->total > publicPage->total);

    // By its exact SKU (inactive too), in one request; an unknown SKU is nullopt.
    CallWaiter<std::optional<AdminProduct>> bySku;
    m_client->productBySku(QStringLiteral("CLIENT-LIST"), nullptr, bySku.callback());
    const auto skuFound = wait(bySku);
    SHOP_VERIFY_OK(skuFound);
    QVERIFY(skuFound->has_value());
    QCOMPARE((*skuFound)->product.id, product->product.id);
    QVERIFY(!(*skuFound)->etag.isEmpty());
    CallWaiter<std::optional<AdminProduct>> noSku;
    m_client->productBySku(QStringLiteral("NO-SUCH-CLIENT-SKU"), nullptr, noSku.callback());
    const auto notFound = wait(noSku);
    SHOP_VERIFY_OK(notFound);
    QVERIFY(!notFound->has_value());
}

// The CSV import: a dry run with a bad price and an unknown category lists both rows and writes
// nothing; the real run of the same file answers the same errors (422, nothing written); the
// corrected file is applied; the export has the new rows.
void TestAdminCatalogClient::csvDryRunWithErrorsThenApply()
{
    const QByteArray bad = kCsvHeader
        + "CSVC-1,Csv mug,,12.50,,,Acme,3,\r\n"
          "CSVC-2,Csv cup,,12;50,,,Acme,3,\r\n"
          "CSVC-3,Csv pot,,9.00,no-such-category,,Acme,3,\r\n";
    CallWaiter<CsvImportReport> dry;
    m_client->importCsv(bad, true, nullptr, dry.callback());
    const auto report = wait(dry);
    SHOP_VERIFY_OK(report);
    QVERIFY(report->dryRun);
    QCOMPARE(report->rows, 3);
    QCOMPARE(report->errors.size(), 2);
    QCOMPARE(report->errors.at(0).row, 3);
    QCOMPARE(report->errors.at(0).column, QStringLiteral("price"));
    QCOMPARE(report->errors.at(1).row, 4);
    QVERIFY(report->errors.at(1).column.startsWith(QStringLiteral("category")));

    CallWaiter<CsvImportReport> real;
    m_client->importCsv(bad, false, nullptr, real.callback());
    const auto refused = wait(real);
    SHOP_VERIFY_OK(refused); // the 422's rows as a report
    QVERIFY(!refused->dryRun);
    QCOMPARE(refused->errors.size(), 2);
    QCOMPARE(refused->errors.at(0).row, 3);
    QCOMPARE(refused->errors.at(0).column, QStringLiteral("price"));
    QCOMPARE(refused->created, 0);

    AdminProductFilter filter;
    filter.query.limit = ProductQuery::kMaxLimit;
    filter.query.sort = ProductSort::Newest;
    const auto skus = [&]() {
        CallWaiter<Page<AdminProduct>> list;
        m_client->products(filter, nullptr, list.callback());
        QStringList out;
        if (list.wait(30000) && *list.result) {
            for (const AdminProduct &p : (*list.result)->items) {
                out.append(p.product.sku);
            }
        }
        return out;
    };
    QVERIFY(!skus().contains(QStringLiteral("CSVC-1"))); // nothing written

    const QByteArray good = kCsvHeader
        + "CSVC-1,Csv mug,,12.50,,,Acme,3,\r\n"
          "CSVC-2,Csv cup,,12.50,,,Acme,3,\r\n"
          "CSVC-3,Csv pot,,9.00,,,Acme,3,\r\n";
    CallWaiter<CsvImportReport> apply;
    m_client->importCsv(good, false, nullptr, apply.callback());
    const auto applied = wait(apply);
    SHOP_VERIFY_OK(applied);
    QVERIFY(!applied->dryRun);
    QVERIFY(applied->errors.isEmpty());
    QCOMPARE(applied->created, 3);
    const QStringList after = skus();
    for (const char *sku : {"CSVC-1", "CSVC-2", "CSVC-3"}) {
        QVERIFY2(after.contains(QLatin1String(sku)), sku);
    }

    CallWaiter<QByteArray> exported;
    m_client->exportCsv(filter, nullptr, exported.callback());
    const auto csv = wait(exported);
    SHOP_VERIFY_OK(csv);
    QVERIFY(csv->startsWith("sku,name,"));
    QVERIFY(csv->contains("CSVC-3"));
}

// Images through the client: a PNG uploaded, listed, made primary (the product's image_url),
// bytes that are no image refused (422) with nothing added, deleted.
void TestAdminCatalogClient::images()
{
    CallWaiter<AdminProduct> created;
    m_client->createProduct(draft(QStringLiteral("CLIENT-IMG")), nullptr, created.callback());
    const auto product = wait(created);
    SHOP_VERIFY_OK(product);
    const ProductId id = product->product.id;

    CallWaiter<ProductImage> up;
    m_client->uploadImage(id, QByteArray::fromHex(kPngHex), "image/png", false, nullptr,
                          up.callback());
    const auto image = wait(up);
    SHOP_VERIFY_OK(image);
    QVERIFY(!image->id.isEmpty());
    QVERIFY(image->url.startsWith(QStringLiteral("/media/images/")));
    QVERIFY(!image->thumbnailUrl.isEmpty());
    QCOMPARE(image->width, 12);
    QCOMPARE(image->height, 8);

    CallWaiter<ProductImage> junk;
    m_client->uploadImage(id, "hello, this is not a picture\n", "image/png", false, nullptr,
                          junk.callback());
    const auto refused = wait(junk);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Validation);

    CallWaiter<QList<ProductImage>> listed;
    m_client->images(id, nullptr, listed.callback());
    const auto list = wait(listed);
    SHOP_VERIFY_OK(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, image->id);

    CallWaiter<AdminProduct> primary;
    m_client->setPrimaryImage(id, image->id, nullptr, primary.callback());
    const auto withImage = wait(primary);
    SHOP_VERIFY_OK(withImage);
    QVERIFY(withImage->product.imageUrl.contains(image->url));

    CallWaiter<std::monostate> removed;
    m_client->deleteImage(id, image->id, nullptr, removed.callback());
    SHOP_VERIFY_OK(wait(removed));
    CallWaiter<QList<ProductImage>> again;
    m_client->images(id, nullptr, again.callback());
    const auto after = wait(again);
    SHOP_VERIFY_OK(after);
    QVERIFY(after->isEmpty());
}

#include "tst_admincatalogclient.moc"
