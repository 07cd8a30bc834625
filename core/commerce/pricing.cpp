#include "pricing.h"

#include "cartrules.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace Shop::Commerce {

namespace {

constexpr qint64 kPpm = 1'000'000;
// JSON numbers are doubles: integers are exact up to 2^53.
constexpr double kMaxJsonInteger = 9007199254740992.0;

QString upperAscii(const QString &text)
{
    return text.trimmed().toUpper();
}

bool isCountryCode(const QString &country)
{
    return country.size() == 2 && country[0] >= u'A' && country[0] <= u'Z' && country[1] >= u'A'
        && country[1] <= u'Z';
}

QString key(const QString &country, const QString &region)
{
    return region.isEmpty() ? country : country + u'/' + region.toUpper();
}

// A JSON value that must be a whole number within min..max: adds a FieldError and returns
// std::nullopt otherwise.
std::optional<qint64> integerField(const QJsonValue &value, const QString &field, qint64 min,
                                   qint64 max, QList<FieldError> &errors)
{
    if (value.isUndefined()) {
        errors.append({field, QStringLiteral("is required"), QStringLiteral("required")});
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number) {
        errors.append(
            {field, QStringLiteral("must be a whole number"), QStringLiteral("not_an_integer")});
        return std::nullopt;
    }
    // min and max are within +-2^53, where doubles hold every integer exactly.
    if (number < double(min) || number > double(max)) {
        errors.append({field, QStringLiteral("must be between %1 and %2").arg(min).arg(max),
                       QStringLiteral("out_of_range")});
        return std::nullopt;
    }
    return qint64(number);
}

void refuseUnknownKeys(const QJsonObject &object, const QStringList &known, const QString &prefix,
                       QList<FieldError> &errors)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            errors.append({prefix + it.key(), QStringLiteral("is not a known field"),
                           QStringLiteral("unknown")});
        }
    }
}

Error currencyMismatch(const QString &field, const Currency &expected, const Currency &got)
{
    return Error::validation(
        {FieldError {
            field,
            QStringLiteral("is in %1, not in the order's %2").arg(got.code(), expected.code()),
            QStringLiteral("currency_mismatch")}},
        QStringLiteral("Amounts in %1 and %2 cannot be combined.")
            .arg(expected.code(), got.code()));
}

Error tooLarge(const QString &field)
{
    return Error::validation({FieldError {field, QStringLiteral("makes an amount too large"),
                                          QStringLiteral("too_large")}},
                             QStringLiteral("The amount is too large."));
}

Error badRate(int ratePpm)
{
    return Error::validation({FieldError {
        QStringLiteral("tax_rate_ppm"),
        QStringLiteral("must be between 0 and %1, not %2").arg(kMaxTaxRatePpm).arg(ratePpm),
        QStringLiteral("out_of_range")}});
}

} // namespace

// --- TaxTable ------------------------------------------------------------------------------------

bool TaxTable::setRate(const QString &country, const QString &region, int ratePpm)
{
    const QString c = upperAscii(country);
    if (!isCountryCode(c) || ratePpm < 0 || ratePpm > kMaxTaxRatePpm) {
        return false;
    }
    const QString r = region.trimmed();
    m_rates.insert(key(c, r), Entry {c, r, ratePpm});
    return true;
}

int TaxTable::rateFor(const QString &country, const QString &region) const
{
    const QString c = upperAscii(country);
    const QString r = region.trimmed();
    if (!r.isEmpty()) {
        const auto it = m_rates.constFind(key(c, r));
        if (it != m_rates.cend()) {
            return it->ratePpm;
        }
    }
    const auto it = m_rates.constFind(c);
    return it != m_rates.cend() ? it->ratePpm : 0;
}

Result<TaxTable> TaxTable::fromJson(const QJsonArray &array)
{
    static const QStringList known {QStringLiteral("country"), QStringLiteral("region"),
                                    QStringLiteral("rate_ppm")};
    TaxTable table;
    QList<FieldError> errors;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString prefix = QStringLiteral("[%1].").arg(i);
        if (!array[i].isObject()) {
            errors.append({QStringLiteral("[%1]").arg(i), QStringLiteral("must be an object"),
                           QStringLiteral("invalid")});
            continue;
        }
        const QJsonObject o = array[i].toObject();
        refuseUnknownKeys(o, known, prefix, errors);
        bool ok = true;
        const QJsonValue country = o.value(QStringLiteral("country"));
        if (country.isUndefined()) {
            errors.append({prefix + QStringLiteral("country"), QStringLiteral("is required"),
                           QStringLiteral("required")});
            ok = false;
        } else if (!country.isString() || !isCountryCode(country.toString())) {
            errors.append({prefix + QStringLiteral("country"),
                           QStringLiteral("must be an upper-case ISO 3166-1 code such as US"),
                           QStringLiteral("invalid")});
            ok = false;
        }
        const QJsonValue region = o.value(QStringLiteral("region"));
        if (!region.isUndefined() && !region.isNull() && !region.isString()) {
            errors.append({prefix + QStringLiteral("region"), QStringLiteral("must be a string"),
                           QStringLiteral("invalid")});
            ok = false;
        }
        const auto rate =
            integerField(o.value(QStringLiteral("rate_ppm")), prefix + QStringLiteral("rate_ppm"),
                         0, kMaxTaxRatePpm, errors);
        if (!ok || !rate) {
            continue;
        }
        const QString c = country.toString();
        const QString r = region.toString().trimmed();
        if (table.m_rates.contains(key(c, r))) {
            errors.append({prefix + QStringLiteral("region"),
                           r.isEmpty() ? QStringLiteral("repeats the rate for %1").arg(c)
                                       : QStringLiteral("repeats the rate for %1 %2").arg(c, r),
                           QStringLiteral("duplicate")});
            continue;
        }
        table.setRate(c, r, int(*rate));
    }
    if (!errors.isEmpty()) {
        return fail(
            Error::validation(errors, QStringLiteral("The tax table has invalid entries.")));
    }
    return table;
}

QJsonArray TaxTable::toJson() const
{
    QList<Entry> entries = m_rates.values();
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.country != b.country) {
            return a.country < b.country;
        }
        return a.region.toUpper() < b.region.toUpper();
    });
    QJsonArray array;
    for (const Entry &e : entries) {
        QJsonObject o {{QStringLiteral("country"), e.country},
                       {QStringLiteral("rate_ppm"), e.ratePpm}};
        if (!e.region.isEmpty()) {
            o.insert(QStringLiteral("region"), e.region);
        }
        array.append(o);
    }
    return array;
}

// --- ShippingRule --------------------------------------------------------------------------------

Result<Money> ShippingRule::costFor(const Money &subtotal, int itemCount) const
{
    const Currency &currency = flatRate.currency();
    if (!(subtotal.currency() == currency)) {
        return fail(currencyMismatch(QStringLiteral("shipping"), subtotal.currency(), currency));
    }
    if (freeFrom && !(freeFrom->currency() == currency)) {
        return fail(currencyMismatch(QStringLiteral("free_from"), currency, freeFrom->currency()));
    }
    if (itemCount < 0) {
        return fail(Error::validation(
            {FieldError {QStringLiteral("item_count"), QStringLiteral("must not be negative"),
                         QStringLiteral("out_of_range")}}));
    }
    if (itemCount == 0 || (freeFrom && subtotal.minorUnits() >= freeFrom->minorUnits())) {
        return Money(0, currency);
    }
    return flatRate;
}

Result<ShippingRule> ShippingRule::fromJson(const QJsonObject &object)
{
    static const QStringList known {QStringLiteral("flat_rate"), QStringLiteral("free_from"),
                                    QStringLiteral("currency")};
    QList<FieldError> errors;
    refuseUnknownKeys(object, known, QString(), errors);
    const QJsonValue currencyValue = object.value(QStringLiteral("currency"));
    const auto currency = Currency::fromCode(currencyValue.toString());
    if (currencyValue.isUndefined()) {
        errors.append({QStringLiteral("currency"), QStringLiteral("is required"),
                       QStringLiteral("required")});
    } else if (!currencyValue.isString() || !currency) {
        errors.append({QStringLiteral("currency"),
                       QStringLiteral("must be a supported ISO 4217 code such as USD"),
                       QStringLiteral("invalid")});
    }
    constexpr qint64 kMaxAmount = qint64(kMaxJsonInteger);
    const auto flat = integerField(object.value(QStringLiteral("flat_rate")),
                                   QStringLiteral("flat_rate"), 0, kMaxAmount, errors);
    std::optional<qint64> freeFrom;
    const QJsonValue freeFromValue = object.value(QStringLiteral("free_from"));
    if (!freeFromValue.isUndefined() && !freeFromValue.isNull()) {
        freeFrom = integerField(freeFromValue, QStringLiteral("free_from"), 0, kMaxAmount, errors);
    }
    if (!errors.isEmpty()) {
        return fail(Error::validation(errors, QStringLiteral("The shipping rule is invalid.")));
    }
    ShippingRule rule;
    rule.flatRate = Money(*flat, *currency);
    if (freeFrom) {
        rule.freeFrom = Money(*freeFrom, *currency);
    }
    return rule;
}

QJsonObject ShippingRule::toJson() const
{
    return QJsonObject {
        {QStringLiteral("flat_rate"), flatRate.minorUnits()},
        {QStringLiteral("free_from"),
         freeFrom ? QJsonValue(freeFrom->minorUnits()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("currency"), flatRate.currency().code()},
    };
}

// --- Totals --------------------------------------------------------------------------------------

Result<Money> lineTotal(const PriceLine &line)
{
    if (!isValidQuantity(line.quantity)) {
        return fail(Error::validation({FieldError {
            QStringLiteral("quantity"),
            QStringLiteral("must be between %1 and %2").arg(kMinLineQuantity).arg(kMaxLineQuantity),
            QStringLiteral("out_of_range")}}));
    }
    if (line.unitPrice.isNegative()) {
        return fail(Error::validation(
            {FieldError {QStringLiteral("unit_price"), QStringLiteral("must not be negative"),
                         QStringLiteral("out_of_range")}}));
    }
    auto total = line.unitPrice.times(line.quantity);
    if (!total) {
        return fail(tooLarge(QStringLiteral("unit_price")));
    }
    return *total;
}

Result<Money> taxOn(const Money &amount, int ratePpm)
{
    if (ratePpm < 0 || ratePpm > kMaxTaxRatePpm) {
        return fail(badRate(ratePpm));
    }
    if (amount.isNegative()) {
        return fail(Error::validation(
            {FieldError {QStringLiteral("subtotal"), QStringLiteral("must not be negative"),
                         QStringLiteral("out_of_range")}}));
    }
    // amount x rate / 10^6, half-up, without a wider type: amount = q x 10^6 + r, so the tax is
    // q x rate + round(r x rate / 10^6). q x rate <= amount, and r x rate < 10^12: no overflow.
    const qint64 q = amount.minorUnits() / kPpm;
    const qint64 r = amount.minorUnits() % kPpm;
    const qint64 tax = q * ratePpm + (r * ratePpm + kPpm / 2) / kPpm;
    return Money(tax, amount.currency());
}

Result<Totals> computeTotals(const QList<PriceLine> &lines, int taxRatePpm,
                             const ShippingRule &shipping, const Currency &currency)
{
    QList<FieldError> errors;
    if (taxRatePpm < 0 || taxRatePpm > kMaxTaxRatePpm) {
        errors.append(badRate(taxRatePpm).fieldErrors);
    }
    if (!(shipping.flatRate.currency() == currency)
        || (shipping.freeFrom && !(shipping.freeFrom->currency() == currency))) {
        errors.append(currencyMismatch(QStringLiteral("shipping"), currency,
                                       shipping.flatRate.currency() == currency
                                           ? shipping.freeFrom->currency()
                                           : shipping.flatRate.currency())
                          .fieldErrors);
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const PriceLine &line = lines[i];
        const QString prefix = QStringLiteral("lines[%1].").arg(i);
        if (!isValidQuantity(line.quantity)) {
            errors.append({prefix + QStringLiteral("quantity"),
                           QStringLiteral("must be between %1 and %2")
                               .arg(kMinLineQuantity)
                               .arg(kMaxLineQuantity),
                           QStringLiteral("out_of_range")});
        }
        if (!(line.unitPrice.currency() == currency)) {
            errors.append(currencyMismatch(prefix + QStringLiteral("unit_price"), currency,
                                           line.unitPrice.currency())
                              .fieldErrors);
        } else if (line.unitPrice.isNegative()) {
            errors.append({prefix + QStringLiteral("unit_price"),
                           QStringLiteral("must not be negative"), QStringLiteral("out_of_range")});
        }
    }
    if (!errors.isEmpty()) {
        return fail(Error::validation(errors, QStringLiteral("The order cannot be priced.")));
    }

    Totals totals;
    totals.subtotal = Money(0, currency);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString field = QStringLiteral("lines[%1].unit_price").arg(i);
        const auto line = lineTotal(lines[i]);
        if (!line) {
            return fail(tooLarge(field));
        }
        auto sum = totals.subtotal.plus(*line);
        if (!sum) {
            return fail(tooLarge(field));
        }
        totals.subtotal = *sum;
        if (__builtin_add_overflow(totals.itemCount, lines[i].quantity, &totals.itemCount)) {
            return fail(tooLarge(QStringLiteral("lines")));
        }
    }
    auto tax = taxOn(totals.subtotal, taxRatePpm);
    if (!tax) {
        return fail(tax.error());
    }
    totals.tax = *tax;
    auto cost = shipping.costFor(totals.subtotal, totals.itemCount);
    if (!cost) {
        return fail(cost.error());
    }
    totals.shipping = *cost;
    auto withTax = totals.subtotal.plus(totals.tax);
    auto total = withTax ? withTax->plus(totals.shipping) : withTax;
    if (!total) {
        return fail(tooLarge(QStringLiteral("total")));
    }
    totals.total = *total;
    return totals;
}

} // namespace Shop::Commerce
