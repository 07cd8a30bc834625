#include "widgets/retranslator.h"

#include <QEvent>
#include <QWidget>

namespace Shop::Widgets {

Retranslator::Retranslator(QWidget *owner)
    : QObject(owner)
{
    owner->installEventFilter(this);
}

void Retranslator::add(std::function<void()> apply)
{
    apply();
    m_apply.push_back(std::move(apply));
}

bool Retranslator::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parent() && event->type() == QEvent::LanguageChange) {
        for (const auto &apply : m_apply) {
            apply();
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Shop::Widgets
