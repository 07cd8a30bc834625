#include "widgets/fielderrors.h"

#include "client/usermessages.h"

#include <QFormLayout>
#include <QLabel>
#include <QWidget>

namespace Shop::Widgets {

QLabel *FieldErrors::makeLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->setVisible(false);
    return label;
}

QLabel *FieldErrors::add(const QString &field, QWidget *input, QLabel *label)
{
    if (!label) {
        label = makeLabel(input->parentWidget());
        // Right under the input when it sits in a form layout.
        if (auto *form = qobject_cast<QFormLayout *>(
                input->parentWidget() ? input->parentWidget()->layout() : nullptr)) {
            int row = -1;
            QFormLayout::ItemRole role {};
            form->getWidgetPosition(input, &row, &role);
            if (row >= 0) {
                form->insertRow(row + 1, QString(), label);
            }
        }
    }
    label->setObjectName(field + QStringLiteral("Error"));
    m_fields.insert(field, Entry {input, label});
    m_order.append(field);
    return label;
}

void FieldErrors::show(const QString &field, const QString &text)
{
    const Entry entry = m_fields.value(field);
    if (entry.label) {
        entry.label->setText(text);
        entry.label->setVisible(!text.isEmpty());
    }
}

QStringList FieldErrors::show(const QList<FieldError> &errors)
{
    clear();
    QStringList unplaced;
    for (const FieldError &error : errors) {
        const QString text = Client::UserMessages::fieldError(error);
        if (!m_fields.contains(error.field)) {
            unplaced << tr("%1: %2").arg(error.field, text);
            continue;
        }
        const QString existing = this->text(error.field);
        show(error.field, existing.isEmpty() ? text : existing + u'\n' + text);
    }
    for (const QString &field : m_order) {
        const Entry &entry = m_fields[field];
        if (entry.input && entry.label && entry.label->isVisibleTo(entry.label->parentWidget())) {
            entry.input->setFocus(Qt::OtherFocusReason);
            break;
        }
    }
    return unplaced;
}

void FieldErrors::clear()
{
    for (const Entry &entry : std::as_const(m_fields)) {
        if (entry.label) {
            entry.label->clear();
            entry.label->setVisible(false);
        }
    }
}

QString FieldErrors::text(const QString &field) const
{
    const Entry entry = m_fields.value(field);
    return entry.label ? entry.label->text() : QString();
}

} // namespace Shop::Widgets
