#include "stripeform.h"

#include <QStringDecoder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Shop::Sandbox {

namespace {

std::optional<QString> decodeComponent(QByteArray raw)
{
    raw.replace('+', ' ');
    const QByteArray bytes = QByteArray::fromPercentEncoding(raw);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return std::nullopt;
    }
    return text;
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.';
}

bool isIndex(const QString &part)
{
    return part.isEmpty()
        || std::all_of(part.cbegin(), part.cend(), [](QChar c) { return c.isDigit(); });
}

} // namespace

QStringList StripeParams::splitKey(const QString &key)
{
    QStringList parts;
    const qsizetype open = key.indexOf(u'[');
    parts.append(open < 0 ? key : key.left(open));
    if (open < 0) {
        return parts;
    }
    qsizetype at = open;
    while (at < key.size()) {
        if (key.at(at) != u'[') {
            return {};
        }
        const qsizetype close = key.indexOf(u']', at);
        if (close < 0) {
            return {};
        }
        const QString part = key.mid(at + 1, close - at - 1);
        if (part.contains(u'[')) {
            return {};
        }
        parts.append(part);
        at = close + 1;
    }
    return parts;
}

std::optional<StripeParams> StripeParams::parse(const QByteArray &encoded, QString *why)
{
    StripeParams params;
    const auto failWith = [why](const QString &message) {
        if (why) {
            *why = message;
        }
        return std::nullopt;
    };
    for (const QByteArray &piece : encoded.split('&')) {
        if (piece.isEmpty()) {
            continue;
        }
        const qsizetype equals = piece.indexOf('=');
        const std::optional<QString> key = decodeComponent(equals < 0 ? piece : piece.left(equals));
        const std::optional<QString> value =
            decodeComponent(equals < 0 ? QByteArray() : piece.mid(equals + 1));
        if (!key || !value) {
            return failWith(u"Invalid request: the parameters are not valid UTF-8."_s);
        }
        const QStringList parts = splitKey(*key);
        if (parts.isEmpty() || parts.constFirst().isEmpty()
            || !std::all_of(parts.constFirst().cbegin(), parts.constFirst().cend(), isNameChar)) {
            return failWith(u"Invalid request: malformed parameter name '%1'."_s.arg(*key));
        }
        params.m_pairs.append({*key, *value});
    }
    return params;
}

bool StripeParams::has(const QString &key) const
{
    return std::any_of(m_pairs.cbegin(), m_pairs.cend(),
                       [&key](const auto &pair) { return pair.first == key; });
}

QString StripeParams::value(const QString &key) const
{
    for (auto it = m_pairs.crbegin(); it != m_pairs.crend(); ++it) {
        if (it->first == key) {
            return it->second;
        }
    }
    return {};
}

QStringList StripeParams::list(const QString &name) const
{
    QStringList values;
    for (const auto &[key, value] : m_pairs) {
        const QStringList parts = splitKey(key);
        if (parts.size() == 2 && parts.at(0) == name && isIndex(parts.at(1))) {
            values.append(value);
        }
    }
    return values;
}

QMap<QString, QString> StripeParams::children(const QString &name) const
{
    QMap<QString, QString> map;
    for (const auto &[key, value] : m_pairs) {
        const QStringList parts = splitKey(key);
        if (parts.size() == 2 && parts.at(0) == name) {
            map.insert(parts.at(1), value);
        }
    }
    return map;
}

QStringList StripeParams::rootNames() const
{
    QStringList names;
    for (const auto &pair : m_pairs) {
        const QString root = splitKey(pair.first).value(0);
        if (!names.contains(root)) {
            names.append(root);
        }
    }
    return names;
}

QStringList StripeParams::keysUnder(const QString &root) const
{
    QStringList keys;
    for (const auto &pair : m_pairs) {
        if (splitKey(pair.first).value(0) == root && !keys.contains(pair.first)) {
            keys.append(pair.first);
        }
    }
    return keys;
}

QByteArray StripeParams::canonical() const
{
    QList<std::pair<QString, QString>> sorted = m_pairs;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    for (const auto &[key, value] : sorted) {
        out += key.toUtf8().toPercentEncoding() + '=' + value.toUtf8().toPercentEncoding() + '&';
    }
    return out;
}

} // namespace Shop::Sandbox
