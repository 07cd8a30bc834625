#include "widgets/uistyle.h"

#include <QPalette>
#include <QWidget>

namespace Shop::Widgets {

QFont UiStyle::scaled(QFont base, qreal factor, bool bold)
{
    base.setPointSizeF(base.pointSizeF() * factor);
    base.setBold(bold);
    return base;
}

void UiStyle::makeSecondary(QWidget *widget)
{
    QPalette palette = widget->palette();
    QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    // 65 % of the way from the background to the text colour: quieter, still legible.
    text = QColor::fromRgbF(window.redF() + (text.redF() - window.redF()) * 0.65f,
                            window.greenF() + (text.greenF() - window.greenF()) * 0.65f,
                            window.blueF() + (text.blueF() - window.blueF()) * 0.65f);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    widget->setPalette(palette);
}

} // namespace Shop::Widgets
