#include "ordernumber.h"

namespace Shop::Commerce {

namespace {

// Crockford's base 32: digits and upper-case letters without I, L, O and U.
constexpr char16_t kAlphabet[] = u"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kBase = 32;
constexpr int kMinCodeDigits = 5;
constexpr int kMaxCodeDigits = 13; // 32^13 > 2^63
const QString kPrefix = QStringLiteral("SO-");
constexpr qsizetype kDateDigits = 8;

int digitValue(QChar c)
{
    for (int i = 0; i < kBase; ++i) {
        if (c == QChar(kAlphabet[i])) {
            return i;
        }
    }
    return -1;
}

// Luhn mod N (N = 32) over the characters, rightmost first: every other digit doubled and its two
// base-32 "digits" summed. Detects any single substitution and any adjacent transposition.
QChar checkCharacter(QStringView digits)
{
    int factor = 2;
    int sum = 0;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int addend = factor * digitValue(digits[i]);
        factor = factor == 2 ? 1 : 2;
        addend = addend / kBase + addend % kBase;
        sum += addend;
    }
    return QChar(kAlphabet[(kBase - sum % kBase) % kBase]);
}

} // namespace

QString formatOrderNumber(qint64 sequenceValue, QDate date)
{
    if (sequenceValue < 1 || !date.isValid() || date.year() < 1000 || date.year() > 9999) {
        return {};
    }
    QString code;
    for (quint64 v = quint64(sequenceValue); v != 0; v /= kBase) {
        code.prepend(QChar(kAlphabet[v % kBase]));
    }
    code = code.rightJustified(kMinCodeDigits, u'0');
    const QString dateText = date.toString(QStringLiteral("yyyyMMdd"));
    return kPrefix + dateText + u'-' + code + checkCharacter(QString(dateText + code));
}

std::optional<QString> normalizeOrderNumber(QStringView text)
{
    QString number = text.trimmed().toString().toUpper();
    // "SO-" + 8 date digits + "-" + code digits + check character.
    const qsizetype fixed = kPrefix.size() + kDateDigits + 1;
    if (number.size() < fixed + kMinCodeDigits + 1 || number.size() > fixed + kMaxCodeDigits + 1
        || !number.startsWith(kPrefix) || number[fixed - 1] != u'-') {
        return std::nullopt;
    }
    const QString dateText = number.mid(kPrefix.size(), kDateDigits);
    for (const QChar c : dateText) {
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
    }
    const QDate date = QDate::fromString(dateText, QStringLiteral("yyyyMMdd"));
    if (!date.isValid()) {
        return std::nullopt;
    }
    // Typed look-alikes read as the digits they resemble.
    for (qsizetype i = fixed; i < number.size(); ++i) {
        if (number[i] == u'O') {
            number[i] = u'0';
        } else if (number[i] == u'I' || number[i] == u'L') {
            number[i] = u'1';
        } else if (digitValue(number[i]) < 0) {
            return std::nullopt;
        }
    }
    const QStringView code = QStringView(number).mid(fixed, number.size() - fixed - 1);
    if (code.size() > kMinCodeDigits && code.front() == u'0') {
        return std::nullopt; // padded beyond the minimum: not a number formatOrderNumber makes
    }
    if (code.count(u'0') == code.size()) {
        return std::nullopt; // sequence values start at 1
    }
    if (code.size() == kMaxCodeDigits && digitValue(code.front()) > 7) {
        return std::nullopt; // beyond qint64
    }
    if (number.back() != checkCharacter(QString(dateText + code))) {
        return std::nullopt;
    }
    return number;
}

bool isValidOrderNumber(QStringView text)
{
    return normalizeOrderNumber(text).has_value();
}

std::optional<qint64> orderNumberSequence(QStringView text)
{
    const auto number = normalizeOrderNumber(text);
    if (!number) {
        return std::nullopt;
    }
    const qsizetype fixed = kPrefix.size() + kDateDigits + 1;
    quint64 value = 0;
    for (qsizetype i = fixed; i < number->size() - 1; ++i) {
        value = value * kBase + quint64(digitValue(number->at(i)));
    }
    return qint64(value);
}

} // namespace Shop::Commerce
