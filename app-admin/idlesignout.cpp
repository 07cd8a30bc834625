#include "idlesignout.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

namespace Shop::Admin {

IdleSignOut::IdleSignOut(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        stop();
        Q_EMIT idle();
    });
}

IdleSignOut::~IdleSignOut()
{
    stop();
}

void IdleSignOut::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    if (m_started) {
        start();
    }
}

void IdleSignOut::start()
{
    if (!m_started) {
        QCoreApplication::instance()->installEventFilter(this);
        m_started = true;
    }
    if (m_timeout.count() > 0) {
        m_timer->start(m_timeout);
    } else {
        m_timer->stop();
    }
}

void IdleSignOut::stop()
{
    m_timer->stop();
    if (m_started && QCoreApplication::instance()) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
    m_started = false;
}

bool IdleSignOut::isActive() const
{
    return m_timer->isActive();
}

bool IdleSignOut::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
        if (m_timeout.count() > 0) {
            m_timer->start(m_timeout);
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Shop::Admin
