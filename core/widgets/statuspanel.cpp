#include "widgets/statuspanel.h"

#include "widgets/retranslator.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Shop::Widgets {

StatusPanel::StatusPanel(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("statusPanel"));
    m_title->setObjectName(QStringLiteral("statusTitle"));
    m_message->setObjectName(QStringLiteral("statusMessage"));
    m_action->setObjectName(QStringLiteral("statusAction"));
    // Titles and messages come from the page that shows them (and that page retranslates them);
    // the retry button's text is this panel's own.
    (new Retranslator(this))->add([this] {
        if (m_kind == Kind::Error) {
            m_action->setText(tr("Retry"));
        }
    });

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_icon->setAlignment(Qt::AlignCenter);
    m_progress->setRange(0, 0); // busy
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 30);

    // A centred column of readable width; the labels wrap inside it.
    auto *column = new QWidget(this);
    column->setMaximumWidth(fontMetrics().averageCharWidth() * 70);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addWidget(m_icon);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_message);
    columnLayout->addSpacing(fontMetrics().height() / 2);
    columnLayout->addWidget(m_progress, 0, Qt::AlignHCenter);
    columnLayout->addWidget(m_action, 0, Qt::AlignHCenter);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 10);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);

    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_kind == Kind::Error) {
            Q_EMIT retryRequested();
        } else {
            Q_EMIT actionRequested();
        }
    });
}

void StatusPanel::showLoading(const QString &message)
{
    m_kind = Kind::Loading;
    m_icon->hide();
    m_title->hide();
    m_message->setText(message);
    m_message->show();
    m_progress->show();
    m_action->hide();
}

void StatusPanel::showEmpty(const QString &title, const QString &message, const QString &actionText)
{
    m_kind = Kind::Empty;
    const int side = fontMetrics().height() * 3;
    m_icon->setPixmap(QIcon(QStringLiteral(":/shop/icons/empty.svg")).pixmap(QSize(side, side)));
    m_icon->show();
    m_title->setText(title);
    m_title->show();
    m_message->setText(message);
    m_message->show();
    m_progress->hide();
    m_action->setText(actionText);
    m_action->setIcon(QIcon());
    m_action->setVisible(!actionText.isEmpty());
}

void StatusPanel::showError(const QString &title, const QString &message)
{
    m_kind = Kind::Error;
    const int side = fontMetrics().height() * 3;
    m_icon->setPixmap(QIcon(QStringLiteral(":/shop/icons/alert.svg")).pixmap(QSize(side, side)));
    m_icon->show();
    m_title->setText(title);
    m_title->show();
    m_message->setText(message);
    m_message->show();
    m_progress->hide();
    m_action->setText(tr("Retry"));
    m_action->setIcon(QIcon(QStringLiteral(":/shop/icons/refresh.svg")));
    m_action->show();
}

QString StatusPanel::title() const
{
    return m_title->text();
}

QString StatusPanel::message() const
{
    return m_message->text();
}

} // namespace Shop::Widgets
