#pragma once

// The JSON wire format of carts and orders, following catalogjson.h: snake_case names, money as
// an integer number of minor units next to a "currency" code, timestamps as toWireTime() strings
// (null when unset), statuses and actors by their toString() names.
//
// Readers are strict: a missing field or one of the wrong type is an error (BadRequest,
// "Malformed ... in the server's answer."), never a silently defaulted value.
//
//   Totals         {"subtotal","tax","shipping_cost","total","item_count","currency"}
//   CartLineView   {"id","product_id","name","sku","image_url","quantity","unit_price",
//                   "price_at_add","line_total","currency","stock_quantity","available",
//                   "price_changed"}           (price_changed is derived, ignored when read)
//   CartView       {"items":[...], <Totals fields>, "updated_at"}
//   OrderLineView  {"product_id","name","sku","quantity","unit_price","line_total","currency"}
//   OrderHistoryEntry {"from_status" (null for the first),"to_status","at","actor","actor_id",
//                   "reason"}
//   OrderAddress   {"recipient_name","line1","line2","city","postal_code","region","country",
//                   "phone"}                   (all strings, "" when empty)
//   OrderView      {"id","order_number","status","created_at","updated_at","expires_at",
//                   "items":[...], <Totals fields>, "shipping_address":{...},"history":[...],
//                   "customer_email","carrier","tracking_number"}  (the last three null when empty)
//   OrderSummary   {"id","order_number","status","created_at","total","currency","item_count",
//                   "customer_email"}

#include "commerce/views.h"
#include "error.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Shop::Commerce {

[[nodiscard]] QJsonObject toJson(const Totals &totals);
[[nodiscard]] QJsonObject toJson(const CartLineView &line);
[[nodiscard]] QJsonObject toJson(const CartView &cart);
[[nodiscard]] QJsonObject toJson(const OrderLineView &line);
[[nodiscard]] QJsonObject toJson(const OrderHistoryEntry &entry);
[[nodiscard]] QJsonObject toJson(const OrderAddress &address);
[[nodiscard]] QJsonObject toJson(const OrderView &order);
[[nodiscard]] QJsonObject toJson(const OrderSummary &summary);

[[nodiscard]] Result<Totals> totalsFromJson(const QJsonObject &object);
[[nodiscard]] Result<CartLineView> cartLineViewFromJson(const QJsonObject &object);
[[nodiscard]] Result<CartView> cartViewFromJson(const QJsonObject &object);
[[nodiscard]] Result<OrderLineView> orderLineViewFromJson(const QJsonObject &object);
[[nodiscard]] Result<OrderHistoryEntry> orderHistoryEntryFromJson(const QJsonObject &object);
[[nodiscard]] Result<OrderAddress> orderAddressFromJson(const QJsonObject &object);
[[nodiscard]] Result<OrderView> orderViewFromJson(const QJsonObject &object);
[[nodiscard]] Result<OrderSummary> orderSummaryFromJson(const QJsonObject &object);

} // namespace Shop::Commerce

// The same functions under Shop::Json, beside the catalog's: Json::toJson(order) works too.
namespace Shop::Json {
using Commerce::cartLineViewFromJson;
using Commerce::cartViewFromJson;
using Commerce::orderAddressFromJson;
using Commerce::orderHistoryEntryFromJson;
using Commerce::orderLineViewFromJson;
using Commerce::orderSummaryFromJson;
using Commerce::orderViewFromJson;
using Commerce::toJson;
using Commerce::totalsFromJson;
} // namespace Shop::Json
