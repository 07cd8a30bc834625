#pragma once

#include "error.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <functional>

namespace Shop::Demo {

// A picture template (resources/demo/*.svg): an XML file whose root element carries settings as
// attributes and whose other lines are SVG, one element per line, copied into the output as they
// are, except for
//   {name}                            a text value, XML-escaped where it is put in;
//   <demo:if test='CONDITION'>        the lines up to </demo:if> only when CONDITION holds
//                                     (ifs nest);
//   <demo:shape/>                     where the caller inserts another template (the picture's
//                                     object into its frame);
//   <!-- ... -->                      a comment on one line, left out.
// CONDITION: alternatives joined by " or ", each a conjunction of terms joined by " and "; a term
// is "NAME" (non-zero), "NAME = N" or "NAME >= N", optionally preceded by "not ". Names are the
// caller's integer variables; an unknown name is 0.
class SvgTemplate final
{
public:
    using Variables = QHash<QString, int>;
    using Values = QHash<QString, QString>;
    using Insert = std::function<void(QString &out)>;

    [[nodiscard]] static Result<SvgTemplate> parse(QStringView text);

    // An attribute of the root element ("" when absent).
    [[nodiscard]] QString setting(const QString &name) const { return m_settings.value(name); }

    // Appends the rendered template to out. Every value is XML-escaped.
    void render(QString &out, const Variables &variables, const Values &values,
                const Insert &insert = {}) const;

    [[nodiscard]] static QString escapeXml(QStringView text);

private:
    struct Term
    {
        QString variable;
        enum class Op { NonZero, Equal, AtLeast } op = Op::NonZero;
        int value = 0;
        bool negated = false;
    };
    using Conjunction = QList<Term>;
    using Condition = QList<Conjunction>; // any of them

    struct Segment
    {
        QString text;
        bool isValue = false; // text is a value's name
    };

    struct Line
    {
        QList<Condition> conditions; // all must hold (one per enclosing <demo:if>)
        QList<Segment> segments;
        bool isInsert = false;
    };

    [[nodiscard]] static Result<Condition> parseCondition(QStringView test);
    [[nodiscard]] static bool holds(const Condition &condition, const Variables &variables);

    QHash<QString, QString> m_settings;
    QList<Line> m_lines;
};

} // namespace Shop::Demo
