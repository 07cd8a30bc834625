#pragma once

// Human-readable order numbers, made from a database sequence value and the order's date:
//
//     SO-20261205-0003VK
//     ^^ ^^^^^^^^ ^^^^^^
//     |  |        |    check character
//     |  |        the sequence value in Crockford base 32, at least 5 digits (zero-padded)
//     |  the order's date, yyyyMMdd
//     "SO" (store order)
//
// - Unique: the base-32 part is the sequence value itself, so distinct sequence values give
//   distinct numbers whatever the dates.
// - At most 3 + 8 + 1 + 13 + 1 = 26 characters (qint64 sequence values), under the column's 32.
// - Unambiguous read aloud or typed: Crockford's alphabet 0-9 A-Z without I, L, O and U, so no
//   O/0 or I/1/L confusions; input is upper-cased and O, I, L read as 0, 1, 1.
// - The check character (Luhn mod 32 over the date digits and base-32 digits, in the same
//   alphabet) catches every single mistyped character and every swap of two adjacent characters
//   but 0 and Z (Luhn's one blind spot, 0 <-> N-1).

#include <QDate>
#include <QString>
#include <QStringView>

#include <optional>

namespace Shop::Commerce {

// An order number for a sequence value >= 1 and a valid date with a four-digit year (1000..9999);
// an empty string for anything else.
[[nodiscard]] QString formatOrderNumber(qint64 sequenceValue, QDate date);

// The canonical form of what someone typed ("so-20261205-0003vk " -> "SO-20261205-0003VK"), or
// std::nullopt when it is not a valid order number: surrounding spaces trimmed, upper-cased,
// O read as 0 and I and L as 1 in the code part, then the format, the date and the check
// character verified.
[[nodiscard]] std::optional<QString> normalizeOrderNumber(QStringView text);

// Whether normalizeOrderNumber accepts the text: the format, a real date and the check character.
[[nodiscard]] bool isValidOrderNumber(QStringView text);

// The sequence value an order number was made from (after normalizing), or std::nullopt.
[[nodiscard]] std::optional<qint64> orderNumberSequence(QStringView text);

} // namespace Shop::Commerce
