#pragma once

#include "error.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Shop::Mail {

// The email template language, deliberately small:
//
//   {{name}}                 the value of `name`
//   {{#lines}} ... {{/lines}} the text between, once per row of the list `lines`; inside, a
//                            row's fields ({{quantity}}) are visible beside the outer values
//
// Names are letters, digits and '_'. Sections do not nest. A name without a value, an unclosed
// section or a stray "{{" is an error, so a rendered email never contains "{{".
// In Html mode every value is HTML-escaped (& < > " '); in Text mode values are inserted as they
// are. Template text itself is never changed.
struct TemplateValues
{
    QHash<QString, QString> values;
    QHash<QString, QList<QHash<QString, QString>>> lists;
};

enum class Escaping { Html, Text };

[[nodiscard]] Result<QString> renderTemplate(QStringView tmpl, const TemplateValues &values,
                                             Escaping escaping);

// & < > " ' as entities.
[[nodiscard]] QString htmlEscape(QStringView text);

} // namespace Shop::Mail
