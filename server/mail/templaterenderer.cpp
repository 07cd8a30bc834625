#include "templaterenderer.h"

namespace Shop::Mail {

namespace {

const QLatin1StringView kOpen("{{");
const QLatin1StringView kClose("}}");

bool isName(QStringView name)
{
    if (name.isEmpty()) {
        return false;
    }
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c == u'_') || c.unicode() > 127) {
            return false;
        }
    }
    return true;
}

Error templateError(const QString &message)
{
    return Error::internal(QStringLiteral("email template: ") + message);
}

// Renders text without sections; `row` (may be null) is looked up before `values`.
Result<QString> substitute(QStringView text, const TemplateValues &values,
                           const QHash<QString, QString> *row, Escaping escaping)
{
    QString out;
    out.reserve(text.size() * 5 / 4);
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text.indexOf(kOpen, pos);
        if (open < 0) {
            out += text.mid(pos);
            return out;
        }
        const qsizetype close = text.indexOf(kClose, open + 2);
        if (close < 0) {
            return fail(templateError(QStringLiteral("unclosed {{")));
        }
        const QString name = text.mid(open + 2, close - open - 2).trimmed().toString();
        if (!isName(name)) {
            return fail(templateError(QStringLiteral("bad placeholder {{%1}}").arg(name)));
        }
        out += text.mid(pos, open - pos);
        const QString *value = nullptr;
        if (row) {
            const auto it = row->constFind(name);
            if (it != row->constEnd()) {
                value = &*it;
            }
        }
        if (!value) {
            const auto it = values.values.constFind(name);
            if (it == values.values.constEnd()) {
                return fail(templateError(QStringLiteral("no value for {{%1}}").arg(name)));
            }
            value = &*it;
        }
        out += escaping == Escaping::Html ? htmlEscape(*value) : *value;
        pos = close + 2;
    }
}

} // namespace

QString htmlEscape(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QLatin1StringView("&amp;");
            break;
        case u'<':
            out += QLatin1StringView("&lt;");
            break;
        case u'>':
            out += QLatin1StringView("&gt;");
            break;
        case u'"':
            out += QLatin1StringView("&quot;");
            break;
        case u'\'':
            out += QLatin1StringView("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

Result<QString> renderTemplate(QStringView tmpl, const TemplateValues &values, Escaping escaping)
{
    QString out;
    qsizetype pos = 0;
    while (true) {
        const qsizetype start = tmpl.indexOf(QLatin1StringView("{{#"), pos);
        if (start < 0) {
            auto rest = substitute(tmpl.mid(pos), values, nullptr, escaping);
            if (!rest) {
                return rest;
            }
            return out + *rest;
        }
        auto before = substitute(tmpl.mid(pos, start - pos), values, nullptr, escaping);
        if (!before) {
            return before;
        }
        out += *before;
        const qsizetype nameEnd = tmpl.indexOf(kClose, start + 3);
        if (nameEnd < 0) {
            return fail(templateError(QStringLiteral("unclosed {{#")));
        }
        const QString name = tmpl.mid(start + 3, nameEnd - start - 3).trimmed().toString();
        if (!isName(name)) {
            return fail(templateError(QStringLiteral("bad section {{#%1}}").arg(name)));
        }
        const QString end = QStringLiteral("{{/") + name + kClose;
        const qsizetype endPos = tmpl.indexOf(end, nameEnd + 2);
        if (endPos < 0) {
            return fail(templateError(QStringLiteral("section {{#%1}} is not closed").arg(name)));
        }
        const auto list = values.lists.constFind(name);
        if (list == values.lists.constEnd()) {
            return fail(templateError(QStringLiteral("no list for {{#%1}}").arg(name)));
        }
        const QStringView body = tmpl.mid(nameEnd + 2, endPos - nameEnd - 2);
        if (body.contains(QLatin1StringView("{{#")) || body.contains(QLatin1StringView("{{/"))) {
            return fail(templateError(QStringLiteral("sections do not nest ({{#%1}})").arg(name)));
        }
        for (const auto &row : *list) {
            auto rendered = substitute(body, values, &row, escaping);
            if (!rendered) {
                return rendered;
            }
            out += *rendered;
        }
        pos = endPos + end.size();
    }
}

} // namespace Shop::Mail
