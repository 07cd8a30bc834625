#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QStringList>

class QLabel;
class QWidget;

namespace Shop::Widgets {

// Shows a server's field errors (422 problem+json `errors[]`) at the fields they belong to: each
// field name of the request body is tied to its input and a label below it. The texts come from
// Client::UserMessages::fieldError (the one place that translates the codes).
class FieldErrors final
{
    Q_DECLARE_TR_FUNCTIONS(Shop::Widgets::FieldErrors)

public:
    // Creates the (hidden) error label right under `input` in its form layout, or takes `label`.
    QLabel *add(const QString &field, QWidget *input, QLabel *label = nullptr);
    // Shows the errors; returns the texts of errors for fields not added here (for a general
    // message). Focuses the first input with an error.
    QStringList show(const QList<FieldError> &errors);
    // Shows one text at one field.
    void show(const QString &field, const QString &text);
    void clear();
    [[nodiscard]] QString text(const QString &field) const;

    // A label styled as a field error (red, word-wrapped, hidden while empty).
    [[nodiscard]] static QLabel *makeLabel(QWidget *parent);

private:
    struct Entry
    {
        QPointer<QWidget> input;
        QPointer<QLabel> label;
    };
    QHash<QString, Entry> m_fields;
    QStringList m_order;
};

} // namespace Shop::Widgets
