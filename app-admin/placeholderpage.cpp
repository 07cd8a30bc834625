#include "placeholderpage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Shop::Admin {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &message, QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);
    auto *text = new QLabel(message, this);
    text->setObjectName(QStringLiteral("placeholderMessage"));
    text->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch(1);
}

} // namespace Shop::Admin
