#include "money.h"

#include <array>
#include <limits>

namespace Shop {

namespace {

struct CurrencyInfo
{
    const char16_t *code;
    int exponent;
    const char16_t *symbol;
};

// The currencies the store can price in. Exponents from ISO 4217.
constexpr std::array kCurrencies {
    CurrencyInfo {u"USD", 2, u"$"},   CurrencyInfo {u"EUR", 2, u"€"},
    CurrencyInfo {u"GBP", 2, u"£"},   CurrencyInfo {u"CHF", 2, u"CHF"},
    CurrencyInfo {u"CAD", 2, u"CA$"}, CurrencyInfo {u"AUD", 2, u"A$"},
    CurrencyInfo {u"SEK", 2, u"kr"},  CurrencyInfo {u"NOK", 2, u"kr"},
    CurrencyInfo {u"DKK", 2, u"kr."}, CurrencyInfo {u"PLN", 2, u"zł"},
    CurrencyInfo {u"CZK", 2, u"Kč"},  CurrencyInfo {u"JPY", 0, u"¥"},
    CurrencyInfo {u"KRW", 0, u"₩"},   CurrencyInfo {u"KWD", 3, u"KD"},
    CurrencyInfo {u"BHD", 3, u"BD"},
};

const CurrencyInfo *findCurrency(QStringView code)
{
    for (const auto &info : kCurrencies) {
        if (code == QStringView(info.code)) {
            return &info;
        }
    }
    return nullptr;
}

qint64 powerOfTen(int exponent)
{
    qint64 result = 1;
    for (int i = 0; i < exponent; ++i) {
        result *= 10;
    }
    return result;
}

Error currencyMismatch(const Currency &a, const Currency &b)
{
    return Error::badRequest(
        QStringLiteral("Cannot combine amounts in %1 and %2.").arg(a.code(), b.code()));
}

Error overflow()
{
    return Error::badRequest(QStringLiteral("The amount is too large."));
}

} // namespace

Currency::Currency()
    : Currency(QStringLiteral("USD"), 2)
{ }

Currency::Currency(QString code, int exponent)
    : m_code(std::move(code))
    , m_exponent(exponent)
{ }

std::optional<Currency> Currency::fromCode(QStringView code)
{
    if (const auto *info = findCurrency(code)) {
        return Currency(QString::fromUtf16(info->code), info->exponent);
    }
    return std::nullopt;
}

QString Currency::symbol() const
{
    const auto *info = findCurrency(m_code);
    return info ? QString::fromUtf16(info->symbol) : m_code;
}

Result<Money> Money::plus(const Money &other) const
{
    if (!(m_currency == other.m_currency)) {
        return fail(currencyMismatch(m_currency, other.m_currency));
    }
    qint64 sum = 0;
    if (__builtin_add_overflow(m_minor, other.m_minor, &sum)) {
        return fail(overflow());
    }
    return Money(sum, m_currency);
}

Result<Money> Money::minus(const Money &other) const
{
    if (!(m_currency == other.m_currency)) {
        return fail(currencyMismatch(m_currency, other.m_currency));
    }
    qint64 difference = 0;
    if (__builtin_sub_overflow(m_minor, other.m_minor, &difference)) {
        return fail(overflow());
    }
    return Money(difference, m_currency);
}

Result<Money> Money::times(qint64 factor) const
{
    qint64 product = 0;
    if (__builtin_mul_overflow(m_minor, factor, &product)) {
        return fail(overflow());
    }
    return Money(product, m_currency);
}

Result<Money> Money::parseDecimal(QStringView text, const Currency &currency)
{
    const auto invalid = [&] {
        return fail(Error::badRequest(
            QStringLiteral("\"%1\" is not an amount like 12.34.").arg(text.left(40))));
    };
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return invalid();
    }
    const qsizetype dot = trimmed.indexOf(u'.');
    const QStringView whole = dot < 0 ? trimmed : trimmed.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : trimmed.mid(dot + 1);
    if (whole.isEmpty() || (dot >= 0 && fraction.isEmpty())) {
        return invalid();
    }
    if (fraction.size() > currency.exponent()) {
        return fail(Error::badRequest(QStringLiteral("\"%1\" has more than %2 decimal places.")
                                          .arg(text.left(40))
                                          .arg(currency.exponent())));
    }
    qint64 minor = 0;
    const auto appendDigits = [&minor](QStringView digits) {
        for (const QChar c : digits) {
            if (c < u'0' || c > u'9') {
                return false;
            }
            if (__builtin_mul_overflow(minor, 10, &minor)
                || __builtin_add_overflow(minor, c.unicode() - u'0', &minor)) {
                return false;
            }
        }
        return true;
    };
    if (!appendDigits(whole) || !appendDigits(fraction)) {
        return invalid();
    }
    for (qsizetype i = fraction.size(); i < currency.exponent(); ++i) {
        if (__builtin_mul_overflow(minor, 10, &minor)) {
            return invalid();
        }
    }
    return Money(minor, currency);
}

QString Money::toDecimalString() const
{
    const int exponent = m_currency.exponent();
    const bool negative = m_minor < 0;
    // Work in unsigned so that the most negative qint64 does not overflow on negation.
    const quint64 magnitude = negative ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    const quint64 scale = quint64(powerOfTen(exponent));
    QString result = QString::number(magnitude / scale);
    if (exponent > 0) {
        result += u'.' + QString::number(magnitude % scale).rightJustified(exponent, u'0');
    }
    return negative ? u'-' + result : result;
}

QString Money::format(const QLocale &locale) const
{
    const int exponent = m_currency.exponent();
    const bool negative = m_minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    const quint64 scale = quint64(powerOfTen(exponent));
    QString digits = locale.toString(magnitude / scale);
    if (exponent > 0) {
        digits += locale.decimalPoint()
            + QString::number(magnitude % scale).rightJustified(exponent, u'0');
    }
    // The locale decides where the symbol goes ("$0" or "0 $"): format a zero with the
    // currency's symbol and put the exact digits in place of the zero.
    QString pattern = locale.toCurrencyString(qlonglong(0), m_currency.symbol());
    const qsizetype zero = pattern.lastIndexOf(locale.zeroDigit());
    if (zero < 0) {
        pattern = m_currency.symbol() + u'\u00a0' + locale.zeroDigit();
    }
    pattern.replace(pattern.lastIndexOf(locale.zeroDigit()), locale.zeroDigit().size(), digits);
    return negative ? locale.negativeSign() + pattern : pattern;
}

} // namespace Shop
