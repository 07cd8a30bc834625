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

} // namespace Shop
