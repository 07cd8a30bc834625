#pragma once

#include "commerce/pricing.h"
#include "commerce/views.h"
#include "error.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <optional>

namespace Shop::Orders {

// What placing an order needs besides the caller's cart.
struct Checkout
{
    QString userId;
    Commerce::OrderAddress address; // validated; a snapshot kept with the order
    QString savedAddressId; // the address book entry it came from, or empty for an inline one
    Commerce::ShippingRule shipping;
    Currency currency; // the store's
    std::chrono::minutes pendingTtl {30}; // an unpaid order expires after this
};

// A cart line that cannot be bought as it is: too few units in stock, or the product is gone.
struct Shortage
{
    QString productId;
    QString name;
    int requested = 0;
    int available = 0; // 0 for an inactive product
    bool inactive = false;
};

// The job kind that cancels an unpaid order when it expires (payload {"order_id"}).
inline const QString ExpireJobKind = QStringLiteral("order.expire");

// Jobs the orders module enqueues for the payments module (server/payments registers them):
// a paid order the customer cancelled is refunded in full ({"order_id", "user_id"}); a cancelled
// or expired pending order's PaymentIntent is cancelled at Stripe ({"order_id"}).
inline const QString RefundOrderJobKind = QStringLiteral("payment.refund-order");
inline const QString CancelIntentJobKind = QStringLiteral("payment.cancel-intent");

// Every SQL statement of the orders module. Functions that change several rows expect the caller's
// transaction (Db::Transaction) on `db` and take their row locks in a fixed order (the cart, then
// products by id, then the order), so concurrent checkouts, cancellations and expiries never
// deadlock and never lose or double an update.
namespace OrderRepository {

// Places an order from the user's cart, inside the caller's transaction:
// - locks the cart's lines, then their products in id order (FOR UPDATE);
// - refuses an empty cart (Validation "Your cart is empty.") and a cart whose lines lack stock or
//   are no longer sold (Conflict with extensions {"lines": [Shortage...]}): nothing changes;
// - recomputes every price from products, the tax from tax_rates for the address, the totals with
//   Commerce::computeTotals;
// - takes the stock with a conditional UPDATE (never below zero), inserts the order (a fresh
//   number), its items and its first history entry, and removes the ordered lines from the cart;
// - enqueues the confirmation email and the expiry job (run at expires_at) with the NOTIFY
//   deferred (Jobs::deferWake): after the commit, the caller calls Jobs::wakeAfterCommit().
[[nodiscard]] Result<Commerce::OrderView> place(QSqlDatabase &db, const Checkout &checkout);

// The order with its items, address and history. ownerId non-empty: only that user's order
// (anyone else's is NotFound, as is an unknown id).
[[nodiscard]] Result<std::optional<Commerce::OrderView>>
find(QSqlDatabase &db, const QString &orderId, const QString &ownerId);

struct OwnPage
{
    QList<Commerce::OrderSummary> items;
    qint64 total = 0;
};
// The user's orders, newest first.
[[nodiscard]] Result<OwnPage> listOwn(QSqlDatabase &db, const QString &userId, int page, int limit);

// The admin list's filters and keyset position.
struct AdminQuery
{
    std::optional<Commerce::OrderStatus> status;
    std::optional<QDateTime> from; // created_at >= from
    std::optional<QDateTime> to; // created_at < to
    QString customerEmail; // exact, case-insensitive
    QString orderNumber; // normalized
    // Keyset: orders strictly older than (afterCreatedAt, afterId) in (created_at DESC, id DESC).
    // The time as PostgreSQL writes a timestamptz (microseconds and offset): exact, unlike a
    // QDateTime (milliseconds).
    QString afterCreatedAt;
    QString afterId;
    int limit = 50;
};
struct AdminPage
{
    QList<Commerce::OrderSummary> items;
    bool hasMore = false;
    QString lastCreatedAt; // of the last item, for the next cursor (see AdminQuery)
    QString lastId;
};
[[nodiscard]] Result<AdminPage> listAdmin(QSqlDatabase &db, const AdminQuery &query);

// A status change, inside the caller's transaction: locks the order, checks the transition
// against the state machine for `actor`, puts the stock back when the order is cancelled, records
// the history entry, and sets carrier and tracking number when it ships. ownerId non-empty: only
// that user's order (NotFound otherwise). Returns the order before and after.
struct Transition
{
    QString orderId;
    QString ownerId;
    Commerce::OrderStatus to = Commerce::OrderStatus::Cancelled;
    Commerce::Actor actor = Commerce::Actor::Customer;
    QString actorId;
    QString reason;
    QString carrier;
    QString trackingNumber;
};
struct Transitioned
{
    Commerce::OrderView before;
    Commerce::OrderView after;
};
[[nodiscard]] Result<Transitioned> transition(QSqlDatabase &db, const Transition &change);

// The expiry job's work, inside the caller's transaction: cancels the order if it is still pending
// and its time has come (System, "expired"), putting its stock back. Returns true when it
// cancelled; false when there was nothing to do (paid, already cancelled, gone); the time left
// when it is not due yet.
struct ExpiryResult
{
    bool cancelled = false;
    std::optional<std::chrono::milliseconds> notYet;
};
[[nodiscard]] Result<ExpiryResult> expire(QSqlDatabase &db, const QString &orderId);

// After an order was cancelled (in the same transaction): when it has a payment, the payments
// module's follow-up job (refund when it was paid, cancel the intent when it was pending).
[[nodiscard]] Result<void> enqueuePaymentFollowUp(QSqlDatabase &db, const QString &orderId,
                                                  Commerce::OrderStatus cancelledFrom,
                                                  const QString &userId);

// Active products with stock at or below the threshold (at most kLowStockWatchLevel: the
// product_stock_watch table of migration 0007 keeps the products at or below that level), fewest
// first.
inline constexpr int kLowStockWatchLevel = 1000;
struct LowStock
{
    QString productId;
    QString name;
    QString sku;
    int stock = 0;
};
[[nodiscard]] Result<QList<LowStock>> lowStock(QSqlDatabase &db, int threshold, int limit);

// The tax rate for a shipping destination: the region's, else the country's, else 0.
[[nodiscard]] Result<int> taxRate(QSqlDatabase &db, const QString &country, const QString &region);

} // namespace OrderRepository

} // namespace Shop::Orders
