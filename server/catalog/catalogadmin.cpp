#include "catalogadmin.h"

#include "audit/audit.h"
#include "db/database.h"
#include "db/transaction.h"
#include "productimportrow.h"
#include "serialize/catalogjson.h"
#include "validation.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <cmath>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcAdmin, "shop.catalog.admin")

constexpr qint64 kMaxPrice = 1'000'000'000'000; // minor units
constexpr qint64 kMaxStock = 2147483647;
constexpr qint64 kMaxDelta = 1'000'000;
constexpr int kMaxNoteLength = 500;

const QString kRequired = QStringLiteral("required");
const QString kInvalid = QStringLiteral("invalid");

Error noSuchProduct()
{
    return Error::notFound(QStringLiteral("There is no product with this id."));
}

Error noSuchCategory()
{
    return Error::notFound(QStringLiteral("There is no category with this id."));
}

Error stale(const QString &what)
{
    return Error {ErrorCode::PreconditionFailed,
                  QStringLiteral("The %1 was changed by someone else since you read it (If-Match "
                                 "does not name its current version). Read it again and decide.")
                      .arg(what),
                  {},
                  {}};
}

bool matches(const std::optional<RevisionCondition> &condition, qint64 revision)
{
    return !condition || condition->any || condition->revisions.contains(revision);
}

// Reads the members of a JSON body, collecting field errors.
class Body final
{
public:
    explicit Body(const QJsonObject &object, Validator &v)
        : m_object(object)
        , m_v(v)
    { }

    // Unknown members are errors; the ignored ones (what a read answers but a write does not
    // take) are skipped, so a client may send back what it read.
    void allowOnly(const QStringList &allowed, const QStringList &ignored = {})
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!allowed.contains(it.key()) && !ignored.contains(it.key())) {
                m_v.add(it.key(), QStringLiteral("is not a known field"),
                        QStringLiteral("unknown"));
            }
        }
    }

    [[nodiscard]] bool has(const QString &name) const { return m_object.contains(name); }
    [[nodiscard]] bool isNull(const QString &name) const
    {
        return m_object.contains(name) && m_object.value(name).isNull();
    }

    // A trimmed string; null and absent are empty (an error when required).
    QString text(const QString &name, bool required)
    {
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                m_v.add(name, QStringLiteral("is required"), kRequired);
            }
            return {};
        }
        if (!value.isString()) {
            m_v.add(name, QStringLiteral("must be a string"), kInvalid);
            return {};
        }
        return value.toString().trimmed();
    }

    // A whole number in [min, max]; nullopt when absent or invalid (with an error when required
    // or invalid).
    std::optional<qint64> integer(const QString &name, bool required, qint64 min, qint64 max,
                                  const QString &rangeMessage)
    {
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                m_v.add(name, QStringLiteral("is required"), kRequired);
            }
            return std::nullopt;
        }
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number
            || number < double(min) || number > double(max)) {
            m_v.add(name, rangeMessage, kInvalid);
            return std::nullopt;
        }
        return qint64(number);
    }

    std::optional<bool> boolean(const QString &name)
    {
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined()) {
            return std::nullopt;
        }
        if (!value.isBool()) {
            m_v.add(name, QStringLiteral("must be true or false"), kInvalid);
            return std::nullopt;
        }
        return value.toBool();
    }

    // An id member: absent → nullopt; null → an empty optional inside; else parsed.
    std::optional<std::optional<CategoryId>> categoryId(const QString &name)
    {
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined()) {
            return std::nullopt;
        }
        if (value.isNull()) {
            return std::optional<CategoryId>();
        }
        const auto id = value.isString() ? CategoryId::parse(value.toString().trimmed())
                                         : std::optional<CategoryId>();
        if (!id) {
            m_v.add(name, QStringLiteral("must be a category id (a UUID) or null"), kInvalid);
            return std::nullopt;
        }
        return std::optional<CategoryId>(*id);
    }

private:
    const QJsonObject &m_object;
    Validator &m_v;
};

// A product body: the fields, and the stock when one was sent.
struct ProductInput
{
    ProductFields fields;
    std::optional<int> stock;
};

ProductInput readProduct(const QJsonObject &object, const Currency &storeCurrency, Validator &v)
{
    Body body(object, v);
    body.allowOnly(
        {QStringLiteral("sku"), QStringLiteral("name"), QStringLiteral("description"),
         QStringLiteral("price"), QStringLiteral("currency"), QStringLiteral("category_id"),
         QStringLiteral("brand"), QStringLiteral("image_url"), QStringLiteral("is_active"),
         QStringLiteral("stock_quantity")},
        {QStringLiteral("id"), QStringLiteral("in_stock"), QStringLiteral("category_slug"),
         QStringLiteral("category_name"), QStringLiteral("created_at"),
         QStringLiteral("updated_at"), QStringLiteral("revision")});
    ProductInput input;
    ProductFields &f = input.fields;
    const bool hadSku = body.has(QStringLiteral("sku"));
    f.sku = body.text(QStringLiteral("sku"), true);
    if (!v.hasError(QStringLiteral("sku")) && hadSku) {
        ProductRules::checkSku(v, f.sku);
    }
    const bool hadName = body.has(QStringLiteral("name"));
    f.name = body.text(QStringLiteral("name"), true);
    if (!v.hasError(QStringLiteral("name")) && hadName) {
        ProductRules::checkName(v, f.name);
    }
    f.description = body.text(QStringLiteral("description"), false);
    if (!v.hasError(QStringLiteral("description"))) {
        ProductRules::checkDescription(v, f.description);
    }
    f.price = body.integer(QStringLiteral("price"), true, 0, kMaxPrice,
                           QStringLiteral("must be a whole number of minor units (cents) from 0 "
                                          "to %1")
                               .arg(kMaxPrice))
                  .value_or(0);
    f.currency = storeCurrency.code();
    if (body.has(QStringLiteral("currency")) && !body.isNull(QStringLiteral("currency"))) {
        const QString code = body.text(QStringLiteral("currency"), false);
        if (!v.hasError(QStringLiteral("currency"))) {
            if (!Currency::fromCode(code)) {
                v.add(QStringLiteral("currency"),
                      QStringLiteral("must be an ISO 4217 currency code such as %1")
                          .arg(storeCurrency.code()),
                      kInvalid);
            } else if (code != storeCurrency.code()) {
                v.add(QStringLiteral("currency"),
                      QStringLiteral("must be the store's currency, %1").arg(storeCurrency.code()),
                      QStringLiteral("unsupported"));
            }
        }
    }
    if (const auto category = body.categoryId(QStringLiteral("category_id"))) {
        f.categoryId = *category;
    }
    f.brand = body.text(QStringLiteral("brand"), false);
    if (!v.hasError(QStringLiteral("brand"))) {
        ProductRules::checkBrand(v, f.brand);
    }
    f.imageUrl = body.text(QStringLiteral("image_url"), false);
    if (!v.hasError(QStringLiteral("image_url"))) {
        ProductRules::checkImageUrl(v, f.imageUrl);
    }
    f.isActive = body.boolean(QStringLiteral("is_active")).value_or(true);
    if (const auto stock =
            body.integer(QStringLiteral("stock_quantity"), false, 0, kMaxStock,
                         QStringLiteral("must be a whole number from 0 to %1").arg(kMaxStock))) {
        input.stock = int(*stock);
    }
    return input;
}

// The checks that need the database, in the write's transaction: the category exists, the SKU
// is free.
Result<void> checkReferences(QSqlDatabase &db, const ProductFields &f,
                             const std::optional<ProductId> &self, Validator &v)
{
    if (f.categoryId && !v.hasError(QStringLiteral("category_id"))) {
        auto category = CatalogAdminRepository::findCategory(db, *f.categoryId, false);
        if (!category) {
            return fail(category.error());
        }
        if (!category->has_value()) {
            v.add(QStringLiteral("category_id"), QStringLiteral("names no category"),
                  QStringLiteral("not_found"));
        }
    }
    if (!f.sku.isEmpty() && !v.hasError(QStringLiteral("sku"))) {
        auto taken = CatalogAdminRepository::skuTaken(db, f.sku, self);
        if (!taken) {
            return fail(taken.error());
        }
        if (*taken) {
            v.add(QStringLiteral("sku"), QStringLiteral("is taken by another product"),
                  QStringLiteral("taken"));
        }
    }
    return {};
}

Error skuTakenError()
{
    return Error::validation({{QStringLiteral("sku"), QStringLiteral("is taken by another product"),
                               QStringLiteral("taken")}},
                             QStringLiteral("Some fields are not valid."));
}

Result<void> audit(QSqlDatabase &db, const Actor &actor, const QString &action,
                   const QString &targetType, const QString &targetId, const QJsonObject &before,
                   const QJsonObject &after)
{
    auto email = CatalogAdminRepository::actorEmail(db, actor.userId);
    if (!email) {
        return fail(email.error());
    }
    Audit::Entry entry;
    entry.actorId = actor.userId;
    entry.actorEmail = *email;
    entry.action = action;
    entry.targetType = targetType;
    entry.targetId = targetId;
    entry.before = before;
    entry.after = after;
    entry.requestId = actor.requestId;
    return Audit::record(db, entry);
}

Result<AdminProduct> reread(QSqlDatabase &db, const ProductId &id)
{
    auto product = CatalogAdminRepository::findProduct(db, id, false);
    if (!product) {
        return fail(product.error());
    }
    if (!product->has_value()) {
        return fail(noSuchProduct());
    }
    return std::move(**product);
}

} // namespace

CatalogAdmin::CatalogAdmin(std::shared_ptr<CatalogCache> cache, Currency storeCurrency)
    : m_cache(std::move(cache))
    , m_currency(std::move(storeCurrency))
{ }

const QStringList &CatalogAdmin::stockReasons()
{
    static const QStringList reasons {QStringLiteral("received"), QStringLiteral("counted"),
                                      QStringLiteral("damaged"), QStringLiteral("returned")};
    return reasons;
}

void CatalogAdmin::invalidateCache(const CatalogChange &change) const
{
    // The commit's NOTIFY invalidates every instance's cache, this one's included, but a moment
    // later (the listener's thread): invalidating here as well means the writer's next read
    // already sees the change.
    if (m_cache) {
        m_cache->invalidate(change);
    }
}

Result<AdminProduct> CatalogAdmin::product(QStringView idText) const
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return fail(noSuchProduct());
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    return reread(*db, *id);
}

Result<AdminProduct> CatalogAdmin::createProduct(const QJsonObject &body, const Actor &actor)
{
    Validator v;
    const ProductInput input = readProduct(body, m_currency, v);
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<AdminProduct> {
        if (auto checked = checkReferences(db, input.fields, std::nullopt, v); !checked) {
            return fail(checked.error());
        }
        if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
            return fail(*error);
        }
        const int stock = input.stock.value_or(0);
        auto id = CatalogAdminRepository::insertProduct(db, input.fields, stock);
        if (!id) {
            // Another product took the SKU since the check.
            return fail(id.error().code == ErrorCode::Conflict ? skuTakenError() : id.error());
        }
        if (stock > 0) {
            StockMovement movement;
            movement.productId = *id;
            movement.delta = stock;
            movement.reason = QStringLiteral("received");
            movement.note = QStringLiteral("initial stock");
            movement.actorId = actor.userId;
            movement.resultingStock = stock;
            if (auto recorded = CatalogAdminRepository::insertMovement(db, movement); !recorded) {
                return fail(recorded.error());
            }
        }
        auto created = reread(db, *id);
        if (!created) {
            return fail(created.error());
        }
        if (auto logged = audit(db, actor, QStringLiteral("product.create"),
                                QStringLiteral("product"), id->toString(), {}, auditForm(*created));
            !logged) {
            return fail(logged.error());
        }
        return created;
    });
    if (result) {
        invalidateCache(CatalogChange::of({ProductChange::between(std::nullopt, result->product)}));
        qCInfo(lcAdmin).noquote() << "product created:" << result->product.id.toString()
                                  << result->product.sku;
    }
    return result;
}

Result<AdminProduct> CatalogAdmin::replaceProduct(QStringView idText, const QJsonObject &body,
                                                  const std::optional<RevisionCondition> &ifMatch,
                                                  const Actor &actor)
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return fail(noSuchProduct());
    }
    Validator v;
    const ProductInput input = readProduct(body, m_currency, v);
    bool changed = false;
    std::optional<Product> previous;
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<AdminProduct> {
        auto before = CatalogAdminRepository::findProduct(db, *id, true);
        if (!before) {
            return fail(before.error());
        }
        if (!before->has_value()) {
            return fail(noSuchProduct());
        }
        if (!matches(ifMatch, (*before)->revision)) {
            return fail(stale(QStringLiteral("product")));
        }
        previous = (*before)->product;
        if (auto checked = checkReferences(db, input.fields, *id, v); !checked) {
            return fail(checked.error());
        }
        if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
            return fail(*error);
        }
        if (auto updated = CatalogAdminRepository::updateProduct(db, *id, input.fields); !updated) {
            return fail(updated.error().code == ErrorCode::Conflict ? skuTakenError()
                                                                    : updated.error());
        }
        const int stockBefore = (*before)->product.stockQuantity;
        if (input.stock && *input.stock != stockBefore) {
            if (auto set = CatalogAdminRepository::setStock(db, *id, *input.stock); !set) {
                return fail(set.error());
            }
            StockMovement movement;
            movement.productId = *id;
            movement.delta = *input.stock - stockBefore;
            movement.reason = QStringLiteral("counted");
            movement.note = QStringLiteral("stock_quantity set by PUT");
            movement.actorId = actor.userId;
            movement.resultingStock = *input.stock;
            if (auto recorded = CatalogAdminRepository::insertMovement(db, movement); !recorded) {
                return fail(recorded.error());
            }
        }
        auto after = reread(db, *id);
        if (!after) {
            return fail(after.error());
        }
        const QJsonObject beforeJson = auditForm(**before);
        const QJsonObject afterJson = auditForm(*after);
        changed = beforeJson != afterJson;
        if (changed) {
            if (auto logged =
                    audit(db, actor, QStringLiteral("product.update"), QStringLiteral("product"),
                          id->toString(), beforeJson, afterJson);
                !logged) {
                return fail(logged.error());
            }
        }
        return after;
    });
    if (result && changed) {
        invalidateCache(CatalogChange::of({ProductChange::between(previous, result->product)}));
    }
    return result;
}

Result<AdminProduct> CatalogAdmin::setActive(QStringView idText, bool active,
                                             const std::optional<RevisionCondition> &ifMatch,
                                             const Actor &actor)
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return fail(noSuchProduct());
    }
    bool changed = false;
    std::optional<Product> previous;
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<AdminProduct> {
        auto before = CatalogAdminRepository::findProduct(db, *id, true);
        if (!before) {
            return fail(before.error());
        }
        if (!before->has_value()) {
            return fail(noSuchProduct());
        }
        if (!matches(ifMatch, (*before)->revision)) {
            return fail(stale(QStringLiteral("product")));
        }
        if ((*before)->product.isActive == active) {
            return std::move(**before);
        }
        previous = (*before)->product;
        if (auto set = CatalogAdminRepository::setProductActive(db, *id, active); !set) {
            return fail(set.error());
        }
        auto after = reread(db, *id);
        if (!after) {
            return fail(after.error());
        }
        changed = true;
        if (auto logged =
                audit(db, actor,
                      active ? QStringLiteral("product.restore") : QStringLiteral("product.delete"),
                      QStringLiteral("product"), id->toString(),
                      {{QStringLiteral("is_active"), !active},
                       {QStringLiteral("revision"), (*before)->revision}},
                      {{QStringLiteral("is_active"), active},
                       {QStringLiteral("revision"), after->revision}});
            !logged) {
            return fail(logged.error());
        }
        return after;
    });
    if (result && changed) {
        invalidateCache(CatalogChange::of({ProductChange::between(previous, result->product)}));
    }
    return result;
}

Result<StockMovement> CatalogAdmin::adjustStock(QStringView idText, const QJsonObject &object,
                                                const Actor &actor, const StockHook &beforeCommit)
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return fail(noSuchProduct());
    }
    Validator v;
    Body body(object, v);
    body.allowOnly({QStringLiteral("delta"), QStringLiteral("reason"), QStringLiteral("note")});
    const qint64 delta =
        body.integer(QStringLiteral("delta"), true, -kMaxDelta, kMaxDelta,
                     QStringLiteral("must be a whole number from -%1 to %1, not 0").arg(kMaxDelta))
            .value_or(0);
    if (body.has(QStringLiteral("delta")) && !v.hasError(QStringLiteral("delta")) && delta == 0) {
        v.add(QStringLiteral("delta"),
              QStringLiteral("must be a whole number from -%1 to %1, not 0").arg(kMaxDelta),
              kInvalid);
    }
    const QString reason = body.text(QStringLiteral("reason"), true);
    if (!reason.isEmpty() && !v.hasError(QStringLiteral("reason"))) {
        if (!stockReasons().contains(reason)) {
            v.add(
                QStringLiteral("reason"),
                QStringLiteral("must be one of %1").arg(stockReasons().join(QStringLiteral(", "))),
                kInvalid);
        } else if (delta != 0 && (reason == u"received" || reason == u"returned") && delta < 0) {
            v.add(QStringLiteral("delta"),
                  QStringLiteral("must be positive for stock %1").arg(reason),
                  QStringLiteral("sign"));
        } else if (delta != 0 && reason == u"damaged" && delta > 0) {
            v.add(QStringLiteral("delta"), QStringLiteral("must be negative for damaged stock"),
                  QStringLiteral("sign"));
        }
    }
    const QString note = body.text(QStringLiteral("note"), false);
    if (note.size() > kMaxNoteLength) {
        v.add(QStringLiteral("note"),
              QStringLiteral("must be at most %1 characters").arg(kMaxNoteLength),
              QStringLiteral("too_long"));
    } else if (std::any_of(note.cbegin(), note.cend(), [](QChar c) {
                   return c.category() == QChar::Other_Control && c != u'\n';
               })) {
        v.add(QStringLiteral("note"), QStringLiteral("must not contain control characters"),
              kInvalid);
    }
    if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
        return fail(*error);
    }

    std::optional<CatalogChange> soldOutOrBack;
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<StockMovement> {
        auto stock = CatalogAdminRepository::addStock(db, *id, delta);
        if (!stock) {
            return fail(stock.error());
        }
        std::optional<AdminProduct> locked;
        if (!stock->has_value()) {
            // Not changed: no such product, or not enough stock when the UPDATE ran. Lock the
            // row to tell which, and to refuse with the stock as it is while nobody can change
            // it (an order cancelled meanwhile may have brought enough: then add after all).
            auto current = CatalogAdminRepository::findProduct(db, *id, true);
            if (!current) {
                return fail(current.error());
            }
            if (!current->has_value()) {
                return fail(noSuchProduct());
            }
            const qint64 possible = qint64((*current)->product.stockQuantity) + delta;
            if (possible >= 0 && possible <= kMaxStock) {
                stock = CatalogAdminRepository::addStock(db, *id, delta);
                if (!stock) {
                    return fail(stock.error());
                }
            }
            locked = std::move(**current);
        }
        if (!stock->has_value()) {
            const int available = locked->product.stockQuantity;
            if (delta > 0) {
                Error error = Error::validation(
                    {{QStringLiteral("delta"),
                      QStringLiteral("would take the stock above %1").arg(kMaxStock),
                      QStringLiteral("too_large")}},
                    QStringLiteral("Some fields are not valid."));
                return fail(error);
            }
            Error error = Error::conflict(
                QStringLiteral("Only %1 units are in stock: removing %2 would take the stock "
                               "below zero.")
                    .arg(available)
                    .arg(-delta));
            error.extensions.insert(
                QStringLiteral("lines"),
                QJsonArray {QJsonObject {
                    {QStringLiteral("product_id"), id->toString()},
                    {QStringLiteral("name"), locked->product.name},
                    {QStringLiteral("requested"), -delta},
                    {QStringLiteral("available"), available},
                    {QStringLiteral("reason"), QStringLiteral("insufficient_stock")}}});
            return fail(error);
        }
        const int after = **stock;
        const int before = int(after - delta);
        if ((before == 0) != (after == 0)) {
            auto product = reread(db, *id);
            if (!product) {
                return fail(product.error());
            }
            Product previous = product->product;
            previous.stockQuantity = before;
            soldOutOrBack = CatalogChange::of({ProductChange::between(previous, product->product)});
        }
        StockMovement movement;
        movement.productId = *id;
        movement.delta = int(delta);
        movement.reason = reason;
        movement.note = note;
        movement.actorId = actor.userId;
        movement.resultingStock = after;
        auto recorded = CatalogAdminRepository::insertMovement(db, movement);
        if (!recorded) {
            return fail(recorded.error());
        }
        if (auto logged =
                audit(db, actor, QStringLiteral("product.stock"), QStringLiteral("product"),
                      id->toString(), {{QStringLiteral("stock_quantity"), before}},
                      {{QStringLiteral("stock_quantity"), after},
                       {QStringLiteral("delta"), int(delta)},
                       {QStringLiteral("reason"), reason},
                       {QStringLiteral("note"), note},
                       {QStringLiteral("movement_id"), QString::number(recorded->id)}});
            !logged) {
            return fail(logged.error());
        }
        if (beforeCommit) {
            if (auto hooked = beforeCommit(db, *recorded); !hooked) {
                return fail(hooked.error());
            }
        }
        return recorded;
    });
    // Stock alone does not empty the catalog caches (0007), except when the product sold out or
    // came back: the trigger notifies then, and this instance need not wait for it.
    if (result && soldOutOrBack) {
        invalidateCache(*soldOutOrBack);
    }
    return result;
}

Result<QList<StockMovement>> CatalogAdmin::stockMovements(QStringView idText, int limit) const
{
    const auto id = ProductId::parse(idText);
    if (!id) {
        return fail(noSuchProduct());
    }
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto product = CatalogAdminRepository::findProduct(*db, *id, false);
    if (!product) {
        return fail(product.error());
    }
    if (!product->has_value()) {
        return fail(noSuchProduct());
    }
    return CatalogAdminRepository::movements(*db, *id, limit);
}

namespace {

// The fields of a category body; `current` gives the values of members left out (an update).
Result<AdminCategory> readCategory(const QJsonObject &object, const AdminCategory *current,
                                   Validator &v)
{
    Body body(object, v);
    body.allowOnly({QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("parent_id")},
                   {QStringLiteral("id"), QStringLiteral("created_at"),
                    QStringLiteral("product_count"), QStringLiteral("children")});
    AdminCategory c = current ? *current : AdminCategory {};
    if (!current || body.has(QStringLiteral("name"))) {
        const bool had = body.has(QStringLiteral("name"));
        c.name = body.text(QStringLiteral("name"), true);
        if (had && !v.hasError(QStringLiteral("name"))) {
            ProductRules::checkCategoryName(v, QStringLiteral("name"), c.name);
        }
    }
    if (body.has(QStringLiteral("slug")) && !body.isNull(QStringLiteral("slug"))) {
        c.slug = body.text(QStringLiteral("slug"), true);
        if (!v.hasError(QStringLiteral("slug"))) {
            ProductRules::checkCategorySlug(v, QStringLiteral("slug"), c.slug);
        }
    } else if (!current) {
        c.slug = slugify(c.name); // made from the name when not given
        if (!c.name.isEmpty() && !v.hasError(QStringLiteral("name")) && !isValidSlug(c.slug)) {
            v.add(QStringLiteral("slug"),
                  QStringLiteral("cannot be made from this name: send one (a-z, 0-9 and single "
                                 "hyphens)"),
                  kRequired);
        }
    }
    if (const auto parent = body.categoryId(QStringLiteral("parent_id"))) {
        c.parentId = *parent;
    }
    if (current && !v.hasErrors() && object.isEmpty()) {
        v.add(QStringLiteral("name"), QStringLiteral("send at least one of name, slug, parent_id"),
              kRequired);
    }
    return c;
}

Result<void> checkCategoryReferences(QSqlDatabase &db, const AdminCategory &c,
                                     const std::optional<CategoryId> &self, Validator &v)
{
    if (!c.slug.isEmpty() && !v.hasError(QStringLiteral("slug"))) {
        auto taken = CatalogAdminRepository::slugTaken(db, c.slug, self);
        if (!taken) {
            return fail(taken.error());
        }
        if (*taken) {
            v.add(QStringLiteral("slug"), QStringLiteral("is taken by another category"),
                  QStringLiteral("taken"));
        }
    }
    if (c.parentId && !v.hasError(QStringLiteral("parent_id"))) {
        auto parent = CatalogAdminRepository::findCategory(db, *c.parentId, false);
        if (!parent) {
            return fail(parent.error());
        }
        if (!parent->has_value()) {
            v.add(QStringLiteral("parent_id"), QStringLiteral("names no category"),
                  QStringLiteral("not_found"));
        }
    }
    return {};
}

Error slugTakenError()
{
    return Error::validation(
        {{QStringLiteral("slug"), QStringLiteral("is taken by another category"),
          QStringLiteral("taken")}},
        QStringLiteral("Some fields are not valid."));
}

} // namespace

Result<AdminCategory> CatalogAdmin::createCategory(const QJsonObject &body, const Actor &actor)
{
    Validator v;
    auto input = readCategory(body, nullptr, v);
    if (!input) {
        return fail(input.error());
    }
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<AdminCategory> {
        if (auto checked = checkCategoryReferences(db, *input, std::nullopt, v); !checked) {
            return fail(checked.error());
        }
        if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
            return fail(*error);
        }
        auto created = CatalogAdminRepository::insertCategory(db, *input);
        if (!created) {
            return fail(created.error().code == ErrorCode::Conflict ? slugTakenError()
                                                                    : created.error());
        }
        if (auto logged =
                audit(db, actor, QStringLiteral("category.create"), QStringLiteral("category"),
                      created->id.toString(), {}, toJson(*created));
            !logged) {
            return fail(logged.error());
        }
        return created;
    });
    if (result) {
        invalidateCache();
    }
    return result;
}

Result<AdminCategory> CatalogAdmin::updateCategory(QStringView idText, const QJsonObject &body,
                                                   const Actor &actor)
{
    const auto id = CategoryId::parse(idText);
    if (!id) {
        return fail(noSuchCategory());
    }
    bool changed = false;
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<AdminCategory> {
        const bool moving = body.contains(QStringLiteral("parent_id"));
        if (moving) {
            // Before reading anything: the cycle check below then sees every move committed
            // before this one, and none can commit until this one has.
            if (auto locked = CatalogAdminRepository::lockCategoryTree(db); !locked) {
                return fail(locked.error());
            }
        }
        auto before = CatalogAdminRepository::findCategory(db, *id, true);
        if (!before) {
            return fail(before.error());
        }
        if (!before->has_value()) {
            return fail(noSuchCategory());
        }
        Validator v;
        auto input = readCategory(body, &**before, v);
        if (!input) {
            return fail(input.error());
        }
        if (auto checked = checkCategoryReferences(db, *input, *id, v); !checked) {
            return fail(checked.error());
        }
        if (input->parentId && !v.hasError(QStringLiteral("parent_id"))) {
            auto cycle = CatalogAdminRepository::isInSubtree(db, *input->parentId, *id);
            if (!cycle) {
                return fail(cycle.error());
            }
            if (*cycle) {
                v.add(QStringLiteral("parent_id"),
                      *input->parentId == *id
                          ? QStringLiteral("cannot be the category itself")
                          : QStringLiteral("lies below this category: the move would make a "
                                           "cycle"),
                      QStringLiteral("cycle"));
            }
        }
        if (auto error = v.error(QStringLiteral("Some fields are not valid."))) {
            return fail(*error);
        }
        const QJsonObject beforeJson = toJson(**before);
        if (toJson(*input) == beforeJson) {
            return std::move(**before);
        }
        auto after = CatalogAdminRepository::updateCategory(db, *input);
        if (!after) {
            return fail(after.error().code == ErrorCode::Conflict ? slugTakenError()
                                                                  : after.error());
        }
        changed = true;
        if (auto logged =
                audit(db, actor, QStringLiteral("category.update"), QStringLiteral("category"),
                      id->toString(), beforeJson, toJson(*after));
            !logged) {
            return fail(logged.error());
        }
        return after;
    });
    if (result && changed) {
        invalidateCache();
    }
    return result;
}

Result<void> CatalogAdmin::deleteCategory(QStringView idText, const Actor &actor)
{
    const auto id = CategoryId::parse(idText);
    if (!id) {
        return fail(noSuchCategory());
    }
    auto result = Db::inTransaction([&](QSqlDatabase &db) -> Result<void> {
        // The row lock first: a product or child being added to the category holds a key-share
        // lock on it until it commits, so the counts below see it, and one added later waits
        // for this transaction and then fails its foreign key.
        auto before = CatalogAdminRepository::findCategory(db, *id, true);
        if (!before) {
            return fail(before.error());
        }
        if (!before->has_value()) {
            return fail(noSuchCategory());
        }
        auto usage = CatalogAdminRepository::categoryUsage(db, *id);
        if (!usage) {
            return fail(usage.error());
        }
        if (usage->first > 0 || usage->second > 0) {
            return fail(Error::conflict(
                QStringLiteral("Only an empty category can be deleted: this one has %1 "
                               "product(s) and %2 subcategories. Move them first.")
                    .arg(usage->first)
                    .arg(usage->second)));
        }
        if (auto deleted = CatalogAdminRepository::deleteCategory(db, *id); !deleted) {
            return fail(deleted.error());
        }
        return audit(db, actor, QStringLiteral("category.delete"), QStringLiteral("category"),
                     id->toString(), toJson(**before), {});
    });
    if (result) {
        invalidateCache();
    }
    return result;
}

QJsonObject CatalogAdmin::toJson(const AdminProduct &p)
{
    QJsonObject json = Shop::Json::toJson(p.product);
    json.insert(QStringLiteral("revision"), p.revision);
    return json;
}

QJsonObject CatalogAdmin::toJson(const AdminCategory &c)
{
    return {{QStringLiteral("id"), c.id.toString()},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("slug"), c.slug},
            {QStringLiteral("parent_id"),
             c.parentId ? QJsonValue(c.parentId->toString()) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("created_at"), Shop::Json::toWireTime(c.createdAt)}};
}

QJsonObject CatalogAdmin::auditForm(const AdminProduct &p)
{
    QJsonObject json = CatalogAdmin::toJson(p);
    json.remove(QStringLiteral("updated_at"));
    json.remove(QStringLiteral("in_stock"));
    return json;
}

QJsonObject CatalogAdmin::toJson(const StockMovement &m)
{
    return {{QStringLiteral("id"), QString::number(m.id)},
            {QStringLiteral("product_id"), m.productId.toString()},
            {QStringLiteral("delta"), m.delta},
            {QStringLiteral("reason"), m.reason},
            {QStringLiteral("note"), m.note},
            {QStringLiteral("actor_id"),
             m.actorId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.actorId)},
            {QStringLiteral("stock_quantity"), m.resultingStock},
            {QStringLiteral("created_at"), Shop::Json::toWireTime(m.createdAt)}};
}

} // namespace Shop::Catalog
