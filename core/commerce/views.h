#pragma once

// What the cart and orders endpoints answer: plain values, written by the server and read by the
// apps through core/serialize/commercejson.h.

#include "commerce/orderstatus.h"
#include "commerce/pricing.h"
#include "money.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Shop::Commerce {

// One line of a cart, with the product as it is now.
struct CartLineView
{
    QString id; // the cart item's id
    QString productId;
    QString name;
    QString sku;
    QString imageUrl;
    int quantity = 0;
    Money unitPrice; // the product's current price
    Money priceAtAdd; // the price when the line was added
    Money lineTotal; // unitPrice x quantity
    int stock = 0; // units in stock now (shown, not reserved)
    bool available = true; // the product is active

    [[nodiscard]] bool priceChanged() const { return !(unitPrice == priceAtAdd); }

    friend bool operator==(const CartLineView &, const CartLineView &) = default;
};

struct CartView
{
    QList<CartLineView> lines;
    Totals totals;
    QString currency; // ISO 4217, the currency of every amount in the cart
    QDateTime updatedAt; // invalid for a cart that was never written

    friend bool operator==(const CartView &, const CartView &) = default;
};

// One line of an order, as it was bought.
struct OrderLineView
{
    QString productId;
    QString name;
    QString sku;
    int quantity = 0;
    Money unitPrice;
    Money lineTotal;

    friend bool operator==(const OrderLineView &, const OrderLineView &) = default;
};

// One recorded transition: who, when, from, to and why.
struct OrderHistoryEntry
{
    std::optional<OrderStatus> from; // none for the entry that created the order
    OrderStatus to = OrderStatus::Pending;
    QDateTime at;
    Actor actor = Actor::System;
    QString actorId; // the user's id for a customer or staff member; empty for the system
    QString reason; // "payment succeeded", "expired", a staff note; may be empty

    friend bool operator==(const OrderHistoryEntry &, const OrderHistoryEntry &) = default;
};

// The shipping address as it was when the order was placed (a snapshot: later edits of the
// address book do not change it).
struct OrderAddress
{
    QString recipientName;
    QString line1;
    QString line2;
    QString city;
    QString postalCode;
    QString region;
    QString country; // ISO 3166-1 alpha-2, upper case
    QString phone;

    friend bool operator==(const OrderAddress &, const OrderAddress &) = default;
};

struct OrderView
{
    QString id;
    QString number; // formatOrderNumber()
    OrderStatus status = OrderStatus::Pending;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime expiresAt; // when an unpaid order lapses; pending orders only, else invalid (null)
    QList<OrderLineView> lines;
    Totals totals;
    OrderAddress shippingAddress;
    QList<OrderHistoryEntry> history; // oldest first
    QString customerEmail; // admin views; empty in a customer's own view
    QString carrier; // set when shipped; may be empty
    QString trackingNumber;

    friend bool operator==(const OrderView &, const OrderView &) = default;
};

// One row of an order list.
struct OrderSummary
{
    QString id;
    QString number;
    OrderStatus status = OrderStatus::Pending;
    QDateTime createdAt;
    Money total;
    int itemCount = 0;
    QString customerEmail; // admin lists; empty in a customer's own list

    friend bool operator==(const OrderSummary &, const OrderSummary &) = default;
};

} // namespace Shop::Commerce
