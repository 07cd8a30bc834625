#pragma once

#include "catalogadminrepository.h"
#include "catalogcache.h"
#include "money.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Shop::Catalog {

// Who makes a change, for the audit log and the stock movements.
struct Actor
{
    QString userId;
    QString requestId;
};

// The versions a conditional write accepts (If-Match): any existing one ("*"), or one of the
// listed revisions. An empty list matches nothing.
struct RevisionCondition
{
    bool any = false;
    QList<qint64> revisions;
};

// The staff's catalog management: products (create, replace, deactivate, restore), stock
// adjustments and categories. Rules and orchestration only: each write is one transaction on the
// calling thread's connection (a worker's) with its audit entry (before and after), and after the
// commit this instance's catalog cache is emptied at once (other instances hear the NOTIFY that
// the products and categories triggers send). Knows nothing of HTTP; errors are Shop::Errors
// (NotFound, Validation with field errors, Conflict, PreconditionFailed).
class CatalogAdmin final
{
public:
    // `cache` may be null (no cache); `storeCurrency` is the only currency products may have.
    CatalogAdmin(std::shared_ptr<CatalogCache> cache, Currency storeCurrency);
    Q_DISABLE_COPY_MOVE(CatalogAdmin)

    // Reasons staff may give for a stock adjustment.
    [[nodiscard]] static const QStringList &stockReasons();

    // The product, active or not.
    [[nodiscard]] Result<AdminProduct> product(QStringView id) const;
    [[nodiscard]] Result<AdminProduct> createProduct(const QJsonObject &body, const Actor &actor);
    // PUT: the body replaces every catalog field (members left out take their defaults, as in
    // createProduct); a stock_quantity sets the stock as a count (a "counted" movement), its
    // absence leaves the stock alone.
    [[nodiscard]] Result<AdminProduct>
    replaceProduct(QStringView id, const QJsonObject &body,
                   const std::optional<RevisionCondition> &ifMatch, const Actor &actor);
    // Soft delete (false) and restore (true) through is_active; the product stays, with its
    // orders. Changing nothing (already so) is not an error and writes no audit entry.
    [[nodiscard]] Result<AdminProduct> setActive(QStringView id, bool active,
                                                 const std::optional<RevisionCondition> &ifMatch,
                                                 const Actor &actor);
    // {"delta", "reason", "note"}: the movement as recorded (with the resulting stock).
    // Conflict (with a "lines" extension naming what is available) when the stock would go
    // below zero. `beforeCommit`, when given, runs in the adjustment's transaction after the
    // movement and its audit entry (the route stores its Idempotency-Key answer there); its
    // failure rolls the adjustment back.
    using StockHook = std::function<Result<void>(QSqlDatabase &, const StockMovement &)>;
    [[nodiscard]] Result<StockMovement> adjustStock(QStringView id, const QJsonObject &body,
                                                    const Actor &actor,
                                                    const StockHook &beforeCommit = {});
    // The product's latest movements, newest first.
    [[nodiscard]] Result<QList<StockMovement>> stockMovements(QStringView id, int limit) const;

    [[nodiscard]] Result<AdminCategory> createCategory(const QJsonObject &body, const Actor &actor);
    // Members left out stay as they are; "parent_id": null moves the category to the top.
    [[nodiscard]] Result<AdminCategory> updateCategory(QStringView id, const QJsonObject &body,
                                                       const Actor &actor);
    // Only an empty category: Conflict while it has products (active or not) or children.
    [[nodiscard]] Result<void> deleteCategory(QStringView id, const Actor &actor);

    // A product as its audit entries show it (before and after): the admin JSON without the
    // derived members (updated_at, in_stock).
    [[nodiscard]] static QJsonObject auditForm(const AdminProduct &product);
    [[nodiscard]] static QJsonObject toJson(const AdminProduct &product);
    [[nodiscard]] static QJsonObject toJson(const AdminCategory &category);
    [[nodiscard]] static QJsonObject toJson(const StockMovement &movement);

private:
    void invalidateCache(const CatalogChange &change = CatalogChange::all()) const;

    std::shared_ptr<CatalogCache> m_cache;
    Currency m_currency;
};

} // namespace Shop::Catalog
