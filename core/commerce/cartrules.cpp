#include "cartrules.h"

#include <cmath>

namespace Shop::Commerce {

namespace {

Error quantityError(const QString &field, const QString &message, const QString &code)
{
    return Error::validation({FieldError {field, message, code}},
                             QStringLiteral("The quantity %1.").arg(message));
}

Error outOfRange(const QString &field)
{
    return quantityError(
        field,
        QStringLiteral("must be between %1 and %2").arg(kMinLineQuantity).arg(kMaxLineQuantity),
        QStringLiteral("out_of_range"));
}

} // namespace

Result<int> parseQuantity(const QJsonValue &value, const QString &field)
{
    if (!value.isDouble()) {
        return fail(quantityError(field, QStringLiteral("must be a whole number"),
                                  QStringLiteral("not_an_integer")));
    }
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number) {
        return fail(quantityError(field, QStringLiteral("must be a whole number"),
                                  QStringLiteral("not_an_integer")));
    }
    // Compare as doubles: converting 1e300 to int first would be undefined.
    if (number < kMinLineQuantity || number > kMaxLineQuantity) {
        return fail(outOfRange(field));
    }
    return int(number);
}

Result<int> addQuantities(int existing, int added, const QString &field)
{
    int sum = 0;
    // existing 0 means the product has no line yet.
    if (existing < 0 || existing > kMaxLineQuantity || !isValidQuantity(added)
        || __builtin_add_overflow(existing, added, &sum) || !isValidQuantity(sum)) {
        return fail(Error::validation(
            {FieldError {field,
                         QStringLiteral("would be %1 in one line; at most %2 are allowed")
                             .arg(qint64(existing) + qint64(added))
                             .arg(kMaxLineQuantity),
                         QStringLiteral("out_of_range")}},
            QStringLiteral("A cart line can hold at most %1 units of a product.")
                .arg(kMaxLineQuantity)));
    }
    return sum;
}

std::optional<PriceChange> priceChange(const Money &priceAtAdd, const Money &current)
{
    if (priceAtAdd == current) {
        return std::nullopt;
    }
    return PriceChange {priceAtAdd, current};
}

} // namespace Shop::Commerce
