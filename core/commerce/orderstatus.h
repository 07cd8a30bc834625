#pragma once

// The order state machine: the seed's six states, who may move an order from one to another, and
// what each state means for stock. One table (orderstatus.cpp) is the whole of the rules; the
// server checks every transition against it and the admin console offers only what it allows.

#include "error.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Shop::Commerce {

// The two enums live in a nested namespace and are used as Shop::Commerce::OrderStatus and
// Shop::Commerce::Actor. The reason: QTest's QCOMPARE calls toString(value) unqualified and expects
// a char *; if the enums were declared in Shop::Commerce, argument-dependent lookup would find the
// toString() below (a QString) and QCOMPARE(order.status, OrderStatus::Paid) would not compile.
// The price: call these functions qualified (Commerce::toString(status)) or from inside
// Shop::Commerce (or after `using namespace Shop::Commerce`), not by argument-dependent lookup.
namespace Enums {

enum class OrderStatus { Pending, Paid, Processing, Shipped, Delivered, Cancelled };

// Who makes a change: the customer who owns the order, a staff member, or the system itself
// (the payment webhook, the expiry job).
enum class Actor { Customer, Staff, System };

} // namespace Enums

using Enums::Actor;
using Enums::OrderStatus;

// Wire and database names: "pending", "paid", "processing", "shipped", "delivered", "cancelled".
[[nodiscard]] QString toString(OrderStatus status);
// Exact, lower-case names only; anything else is std::nullopt.
[[nodiscard]] std::optional<OrderStatus> orderStatusFromString(QStringView text);
// In lifecycle order, Pending first, Cancelled last.
[[nodiscard]] QList<OrderStatus> allOrderStatuses();

// "customer", "staff", "system".
[[nodiscard]] QString toString(Actor actor);
[[nodiscard]] std::optional<Actor> actorFromString(QStringView text);
[[nodiscard]] QList<Actor> allActors();

// The allowed transitions (orderstatus.cpp, docs/commerce.md):
//   pending    -> paid        System (the payment webhook)
//   pending    -> cancelled   Customer, Staff, System (expiry of an unpaid order)
//   paid       -> processing  Staff
//   paid       -> cancelled   Customer, Staff (a refund follows, in the payments issue)
//   processing -> shipped     Staff
//   processing -> cancelled   Staff
//   shipped    -> delivered   Staff, System
// Delivered and cancelled are terminal. No state moves to itself.
[[nodiscard]] bool isAllowedTransition(OrderStatus from, OrderStatus to, Actor by);
// True when the table has the transition for any actor.
[[nodiscard]] bool isKnownTransition(OrderStatus from, OrderStatus to);
// The actors that may make a transition; empty when it is not in the table.
[[nodiscard]] QList<Actor> actorsFor(OrderStatus from, OrderStatus to);
// The states `by` may move an order in `from` to, in allOrderStatuses() order.
[[nodiscard]] QList<OrderStatus> allowedTargets(OrderStatus from, Actor by);

// std::nullopt when the transition is allowed. Otherwise an Error the server returns as is:
// - ErrorCode::Conflict for a transition that is not in the table for anyone
//   ("An order that is shipped cannot be cancelled."), self-transitions included;
// - ErrorCode::Forbidden for one in the table that `by` may not make
//   ("Only staff can move an order that is paid to processing.").
[[nodiscard]] std::optional<Error> checkTransition(OrderStatus from, OrderStatus to, Actor by);

// Whether an order in this state keeps its units out of stock: every state but Cancelled.
// Moving into Cancelled puts the stock back; no other transition touches stock.
[[nodiscard]] bool holdsStock(OrderStatus status);
// Delivered and Cancelled: no transition leaves them.
[[nodiscard]] bool isTerminal(OrderStatus status);
// Pending or Paid: the states from which the table lets the customer cancel.
[[nodiscard]] bool customerMayCancel(OrderStatus status);

// The English label for display, marked with QT_TRANSLATE_NOOP("Shop::Commerce", ...) so that the
// apps translate it: QCoreApplication::translate("Shop::Commerce", orderStatusLabel(s)).
[[nodiscard]] const char *orderStatusLabel(OrderStatus status);

} // namespace Shop::Commerce
