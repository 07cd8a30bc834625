#pragma once

// Cart rules shared by the server (which enforces them) and the storefront (which shows them).

#include "error.h"
#include "money.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace Shop::Commerce {

inline constexpr int kMinLineQuantity = 1;
inline constexpr int kMaxLineQuantity = 99;

// A line quantity from a JSON request body: only a JSON number that is a whole number within
// kMinLineQuantity..kMaxLineQuantity. Everything else is ErrorCode::Validation with one FieldError
// on `field`:
// - code "not_an_integer": a string ("2", "x"), null, a boolean, an array or object, a missing
//   value (QJsonValue::Undefined), or a number with a fraction (1.5);
// - code "out_of_range": a whole number outside 1..99 (0, -1, 100, 1e9).
// QJsonValue keeps numbers as doubles and cannot tell "2" from "2.0": both are accepted as 2.
[[nodiscard]] Result<int> parseQuantity(const QJsonValue &value,
                                        const QString &field = QStringLiteral("quantity"));

// Whether a quantity is within kMinLineQuantity..kMaxLineQuantity.
[[nodiscard]] constexpr bool isValidQuantity(int quantity)
{
    return quantity >= kMinLineQuantity && quantity <= kMaxLineQuantity;
}

// Adding a product that is already in the cart adds to its line: existing + added, which must stay
// within 1..99 (else a Validation error on `field`, code "out_of_range", naming the maximum).
[[nodiscard]] Result<int> addQuantities(int existing, int added,
                                        const QString &field = QStringLiteral("quantity"));

// A line's price moved since it was added to the cart.
struct PriceChange
{
    Money was;
    Money now;

    // The new price is higher than the old one (same currency).
    [[nodiscard]] bool isIncrease() const { return now.minorUnits() > was.minorUnits(); }

    friend bool operator==(const PriceChange &, const PriceChange &) = default;
};

// std::nullopt when the current price equals the price at add (amount and currency); otherwise
// both prices. A change of currency counts as a change.
[[nodiscard]] std::optional<PriceChange> priceChange(const Money &priceAtAdd, const Money &current);

} // namespace Shop::Commerce
