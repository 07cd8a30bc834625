#include "validation.h"

#include <QRegularExpression>
#include <QStringDecoder>

namespace Shop {

void Validator::add(const QString &field, const QString &message, const QString &code)
{
    m_errors.append(FieldError {field, message, code});
}

bool Validator::check(bool condition, const QString &field, const QString &message)
{
    if (!condition) {
        add(field, message);
    }
    return condition;
}

bool Validator::hasError(const QString &field) const
{
    return std::any_of(m_errors.cbegin(), m_errors.cend(),
                       [&](const FieldError &e) { return e.field == field; });
}

std::optional<Error> Validator::error(const QString &message) const
{
    if (m_errors.isEmpty()) {
        return std::nullopt;
    }
    return Error::validation(m_errors, message);
}

bool isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

namespace {

bool isLocalPartCharacter(QChar c)
{
    if (c.unicode() >= 0x80) {
        return c.isLetterOrNumber() || c.isMark();
    }
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
        || QStringView(u"!#$%&'*+/=?^_`{|}~.-").contains(c);
}

bool isDomainLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-')) {
        return false;
    }
    return std::all_of(label.begin(), label.end(), [](QChar c) {
        if (c.unicode() >= 0x80) {
            return c.isLetterOrNumber() || c.isMark();
        }
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-';
    });
}

} // namespace

bool isValidEmail(QStringView address)
{
    if (address.size() > 254) {
        return false;
    }
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at > 64 || at == address.size() - 1) {
        return false;
    }
    const QStringView local = address.first(at);
    const QStringView domain = address.sliced(at + 1);
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u"..")
        || !std::all_of(local.begin(), local.end(), isLocalPartCharacter)) {
        return false;
    }
    const QList<QStringView> labels = domain.split(u'.');
    if (labels.size() < 2) {
        return false;
    }
    return std::all_of(labels.begin(), labels.end(), isDomainLabel);
}

bool isValidSlug(QStringView slug)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return !slug.isEmpty() && slug.size() <= 100 && pattern.match(slug).hasMatch();
}

QString slugify(QStringView text)
{
    QString result;
    result.reserve(text.size());
    bool pendingHyphen = false;
    const QString lowered = text.toString().toLower().replace(u'&', QStringLiteral("and"));
    for (const QChar c : lowered) {
        if (c == u'\'' || c == u'\u2019') {
            continue;
        }
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            if (pendingHyphen && !result.isEmpty()) {
                result += u'-';
            }
            pendingHyphen = false;
            result += c;
        } else {
            pendingHyphen = true;
        }
    }
    return result.left(100);
}

bool takePageParam(QStringView key, QStringView value, PageParams &params, Validator &v,
                   int maxLimit)
{
    const bool isPage = key == u"page";
    if (!isPage && key != u"limit") {
        return false;
    }
    bool ok = false;
    const int number = value.toInt(&ok);
    const int max = isPage ? 100000 : maxLimit;
    if (v.check(ok && number >= 1 && number <= max, key.toString(),
                QStringLiteral("must be a whole number from 1 to %1").arg(max))) {
        (isPage ? params.page : params.limit) = number;
    }
    return true;
}

} // namespace Shop
