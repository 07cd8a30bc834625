#pragma once

#include "error.h"

#include <QLocale>
#include <QString>

#include <optional>

namespace Shop {

// An ISO 4217 currency with its number of minor-unit digits ("exponent": USD 2, JPY 0, KWD 3).
class Currency final
{
public:
    // The store's default currency (US dollar).
    Currency();

    [[nodiscard]] static std::optional<Currency> fromCode(QStringView code);
    [[nodiscard]] QString code() const { return m_code; }
    [[nodiscard]] int exponent() const { return m_exponent; }
    [[nodiscard]] QString symbol() const;

    friend bool operator==(const Currency &a, const Currency &b) { return a.m_code == b.m_code; }

private:
    Currency(QString code, int exponent);

    QString m_code;
    int m_exponent;
};

// An amount of money: integer minor units (cents) plus a currency. Never floating point.
// Arithmetic is checked: overflow and mixing currencies are errors, not silent wrap-around.
class Money final
{
public:
    Money() = default;
    Money(qint64 minorUnits, Currency currency)
        : m_minor(minorUnits)
        , m_currency(std::move(currency))
    { }

    [[nodiscard]] qint64 minorUnits() const { return m_minor; }
    [[nodiscard]] const Currency &currency() const { return m_currency; }
    [[nodiscard]] bool isNegative() const { return m_minor < 0; }
    [[nodiscard]] bool isZero() const { return m_minor == 0; }

    [[nodiscard]] Result<Money> plus(const Money &other) const;
    [[nodiscard]] Result<Money> minus(const Money &other) const;
    [[nodiscard]] Result<Money> times(qint64 factor) const;

    // Parses a plain decimal amount in major units ("12", "12.5", "12.50") exactly. More fraction
    // digits than the currency has, signs, exponents, and grouping separators are rejected.
    [[nodiscard]] static Result<Money> parseDecimal(QStringView text, const Currency &currency);
    // "1234.50" for 123450 USD: locale-independent, for files and logs.
    [[nodiscard]] QString toDecimalString() const;
    // "$1,234.50" (en_US) or "1.234,50 $" (de_DE): for display only.
    [[nodiscard]] QString format(const QLocale &locale = QLocale()) const;

    friend bool operator==(const Money &, const Money &) = default;

private:
    qint64 m_minor = 0;
    Currency m_currency;
};

} // namespace Shop
