#include "svgtemplate.h"

#include <QRegularExpression>

namespace Shop::Demo {

namespace {

// <demo:if test='...'>, <demo:NAME a='1' b='2'> (the root), </demo:NAME>, <demo:shape/>
const QRegularExpression &ifPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(^<demo:if\s+test='([^']*)'\s*>$)"));
    return pattern;
}

const QRegularExpression &attributePattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(([A-Za-z_][\w:.-]*)='([^']*)')"));
    return pattern;
}

Error templateError(qsizetype line, const QString &message)
{
    return Error::internal(QStringLiteral("picture template, line %1: %2").arg(line).arg(message));
}

} // namespace

QString SvgTemplate::escapeXml(QStringView text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            escaped += QLatin1String("&amp;");
            break;
        case u'<':
            escaped += QLatin1String("&lt;");
            break;
        case u'>':
            escaped += QLatin1String("&gt;");
            break;
        case u'"':
            escaped += QLatin1String("&quot;");
            break;
        case u'\'':
            escaped += QLatin1String("&apos;");
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

Result<SvgTemplate::Condition> SvgTemplate::parseCondition(QStringView test)
{
    Condition condition;
    for (const QStringView alternative : test.split(QStringView(u" or "))) {
        Conjunction conjunction;
        for (QStringView text : alternative.split(QStringView(u" and "))) {
            Term term;
            text = text.trimmed();
            if (text.startsWith(QLatin1String("not "))) {
                term.negated = true;
                text = text.mid(4).trimmed();
            }
            const QList<QStringView> words = text.split(u' ', Qt::SkipEmptyParts);
            if (words.size() == 1) {
                term.variable = words.at(0).toString();
            } else if (words.size() == 3 && (words.at(1) == u"=" || words.at(1) == u">=")) {
                bool ok = false;
                term.variable = words.at(0).toString();
                term.op = words.at(1) == u"=" ? Term::Op::Equal : Term::Op::AtLeast;
                term.value = words.at(2).toInt(&ok);
                if (!ok) {
                    return fail(
                        Error::internal(QStringLiteral("not a number in \"%1\"").arg(text)));
                }
            } else {
                return fail(
                    Error::internal(QStringLiteral("cannot read the condition \"%1\"").arg(text)));
            }
            conjunction.append(std::move(term));
        }
        condition.append(std::move(conjunction));
    }
    return condition;
}

Result<SvgTemplate> SvgTemplate::parse(QStringView text)
{
    SvgTemplate result;
    QList<Condition> open; // the enclosing <demo:if>s
    bool inRoot = false;
    bool rootClosed = false;
    qsizetype number = 0;
    for (QStringView line : text.split(u'\n')) {
        ++number;
        line = line.trimmed();
        if (line.isEmpty() || (line.startsWith(QLatin1String("<!--")) && line.endsWith(u"-->"))
            || line.startsWith(QLatin1String("<?xml"))) {
            continue;
        }
        if (rootClosed) {
            return fail(templateError(number, QStringLiteral("text after the root element")));
        }
        if (!inRoot) {
            if (!line.startsWith(QLatin1String("<demo:")) || !line.endsWith(u'>')) {
                return fail(
                    templateError(number, QStringLiteral("the root is not a demo: element")));
            }
            auto attributes = attributePattern().globalMatch(line);
            while (attributes.hasNext()) {
                const auto match = attributes.next();
                result.m_settings.insert(match.captured(1), match.captured(2));
            }
            inRoot = true;
            continue;
        }
        if (line.startsWith(QLatin1String("<demo:if"))) {
            const auto match = ifPattern().match(line);
            if (!match.hasMatch()) {
                return fail(templateError(number, QStringLiteral("expected <demo:if test='...'>")));
            }
            auto condition = parseCondition(match.capturedView(1));
            if (!condition) {
                return fail(templateError(number, condition.error().message));
            }
            open.append(std::move(*condition));
            continue;
        }
        if (line == u"</demo:if>") {
            if (open.isEmpty()) {
                return fail(templateError(number, QStringLiteral("</demo:if> without <demo:if>")));
            }
            open.removeLast();
            continue;
        }
        if (line.startsWith(QLatin1String("</demo:"))) {
            if (!open.isEmpty()) {
                return fail(templateError(number, QStringLiteral("unclosed <demo:if>")));
            }
            rootClosed = true;
            continue;
        }
        Line out;
        out.conditions = open;
        if (line == u"<demo:shape/>") {
            out.isInsert = true;
            result.m_lines.append(std::move(out));
            continue;
        }
        if (line.startsWith(QLatin1String("<demo:"))) {
            return fail(templateError(number, QStringLiteral("unknown element %1").arg(line)));
        }
        qsizetype position = 0;
        while (position < line.size()) {
            const qsizetype open = line.indexOf(u'{', position);
            if (open < 0) {
                out.segments.append({line.mid(position).toString(), false});
                break;
            }
            const qsizetype close = line.indexOf(u'}', open);
            if (close < 0) {
                return fail(templateError(number, QStringLiteral("unclosed {")));
            }
            if (open > position) {
                out.segments.append({line.mid(position, open - position).toString(), false});
            }
            out.segments.append({line.mid(open + 1, close - open - 1).toString(), true});
            position = close + 1;
        }
        result.m_lines.append(std::move(out));
    }
    if (!rootClosed) {
        return fail(templateError(number, QStringLiteral("the root element is not closed")));
    }
    return result;
}

bool SvgTemplate::holds(const Condition &condition, const Variables &variables)
{
    for (const Conjunction &conjunction : condition) {
        bool all = true;
        for (const Term &term : conjunction) {
            const int value = variables.value(term.variable);
            bool result = false;
            switch (term.op) {
            case Term::Op::NonZero:
                result = value != 0;
                break;
            case Term::Op::Equal:
                result = value == term.value;
                break;
            case Term::Op::AtLeast:
                result = value >= term.value;
                break;
            }
            if (result == term.negated) {
                all = false;
                break;
            }
        }
        if (all) {
            return true;
        }
    }
    return false;
}

void SvgTemplate::render(QString &out, const Variables &variables, const Values &values,
                         const Insert &insert) const
{
    for (const Line &line : m_lines) {
        bool shown = true;
        for (const Condition &condition : line.conditions) {
            if (!holds(condition, variables)) {
                shown = false;
                break;
            }
        }
        if (!shown) {
            continue;
        }
        if (line.isInsert) {
            if (insert) {
                insert(out);
            }
            continue;
        }
        for (const Segment &segment : line.segments) {
            out += segment.isValue ? escapeXml(values.value(segment.text)) : segment.text;
        }
    }
}

} // namespace Shop::Demo
