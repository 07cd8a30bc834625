#include "placeholderpage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Shop::Admin {

PlaceholderPage::PlaceholderPage(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_message(new QLabel(this))
{
    QFont font = m_heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    m_heading->setFont(font);
    m_message->setObjectName(QStringLiteral("placeholderMessage"));
    m_message->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_message);
    layout->addStretch(1);
}

void PlaceholderPage::setTexts(const QString &title, const QString &message)
{
    m_heading->setText(title);
    m_message->setText(message);
}

} // namespace Shop::Admin
