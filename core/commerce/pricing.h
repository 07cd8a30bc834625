#pragma once

// Prices, tax and shipping: the one computation of what an order costs, run by the server when it
// places an order and by the storefront when it shows a cart, so both show the same figures.
//
// The rules (docs/commerce.md):
// - Prices are tax-exclusive, in integer minor units of one currency per order.
// - Line total = unit price x quantity (quantity 1..99).
// - Subtotal = the sum of the line totals.
// - Tax = subtotal x rate, rounded ONCE PER ORDER (never per line) to the currency's minor unit,
//   HALF-UP: a remainder of exactly half a minor unit rounds up (amounts are never negative).
//   The rate is the shipping address's: its region's rate if the table has one, else its
//   country's, else 0.
// - Shipping is a flat rate per order, free when the subtotal reaches the rule's threshold
//   (subtotal >= free_from), and 0 for an empty order. Shipping is NOT taxed.
// - Total = subtotal + tax + shipping.
// All arithmetic is checked: an amount beyond qint64 is an error, never a wrapped value.

#include "error.h"
#include "money.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Shop::Commerce {

// Rates in parts per million of the subtotal: 8.875 % is 88'750, 20 % is 200'000.
inline constexpr int kMaxTaxRatePpm = 1'000'000;

// Tax rates by country (ISO 3166-1 alpha-2, "US") and optionally region ("NY"; empty for the
// whole country). Countries are kept upper-case; regions are matched without regard to case.
class TaxTable final
{
public:
    // Sets (or replaces) a rate. Returns false, changing nothing, when the country is not two
    // ASCII letters or the rate is outside 0..kMaxTaxRatePpm.
    bool setRate(const QString &country, const QString &region, int ratePpm);
    // The region's rate if the table has one, else the whole country's, else 0.
    [[nodiscard]] int rateFor(const QString &country, const QString &region) const;
    [[nodiscard]] bool isEmpty() const { return m_rates.isEmpty(); }
    [[nodiscard]] qsizetype size() const { return m_rates.size(); }

    // [{"country":"US","region":"NY","rate_ppm":88750}, {"country":"DE","rate_ppm":190000}]
    // "region" may be missing, null or "" for a whole country. Strict: a missing or malformed
    // country, a rate that is not an integer in 0..1'000'000, a region that is not a string, or
    // the same country and region twice are a Validation error with one FieldError per problem,
    // named "[index].field" ("[2].rate_ppm").
    [[nodiscard]] static Result<TaxTable> fromJson(const QJsonArray &array);
    // Sorted by country, then region (whole country first): stable output for files and tests.
    [[nodiscard]] QJsonArray toJson() const;

    friend bool operator==(const TaxTable &, const TaxTable &) = default;

private:
    struct Entry
    {
        QString country;
        QString region; // as given (trimmed); empty for the whole country
        int ratePpm = 0;
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    // Key: "US" for the country, "US/NY" for a region (region upper-cased).
    QHash<QString, Entry> m_rates;
};

// Flat-rate shipping, free from a threshold.
struct ShippingRule
{
    Money flatRate; // per order
    std::optional<Money> freeFrom; // subtotal >= freeFrom ships free; none: never free

    // 0 for an empty order (itemCount 0), 0 when the subtotal reaches freeFrom, else flatRate.
    // The subtotal must be in the rule's currency (else a Validation error).
    [[nodiscard]] Result<Money> costFor(const Money &subtotal, int itemCount) const;

    // {"flat_rate":499,"free_from":5000,"currency":"USD"}; "free_from" missing or null: never
    // free. Strict: integers >= 0 and a known currency, else a Validation error with FieldErrors.
    [[nodiscard]] static Result<ShippingRule> fromJson(const QJsonObject &object);
    [[nodiscard]] QJsonObject toJson() const;

    friend bool operator==(const ShippingRule &, const ShippingRule &) = default;
};

struct PriceLine
{
    QString productId;
    int quantity = 0;
    Money unitPrice;
};

struct Totals
{
    Money subtotal;
    Money tax;
    Money shipping;
    Money total;
    int itemCount = 0; // the sum of the quantities

    friend bool operator==(const Totals &, const Totals &) = default;
};

// unitPrice x quantity: quantity 1..99 and a unit price >= 0, else a Validation error (field
// "quantity" or "unit_price"); overflow is a Validation error too.
[[nodiscard]] Result<Money> lineTotal(const PriceLine &line);

// Tax on a (non-negative) amount: amount x ratePpm / 1'000'000, rounded half-up to the minor
// unit. The rate must be within 0..kMaxTaxRatePpm.
[[nodiscard]] Result<Money> taxOn(const Money &amount, int ratePpm);

// The totals of an order or cart, by the rules at the top of this file. Every line's unit price
// and the shipping rule must be in `currency`; quantities 1..99; prices >= 0; the rate within
// 0..kMaxTaxRatePpm. Errors are Validation errors with FieldErrors ("lines[1].quantity",
// "lines[0].unit_price", "shipping", "tax_rate_ppm"); an amount too large for qint64 is a
// Validation error with code "too_large". No lines: all zero, itemCount 0.
[[nodiscard]] Result<Totals> computeTotals(const QList<PriceLine> &lines, int taxRatePpm,
                                           const ShippingRule &shipping, const Currency &currency);

} // namespace Shop::Commerce
