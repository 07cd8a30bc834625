#include "navigationhistory.h"

namespace Shop::Storefront {

namespace {
constexpr qsizetype kMaxEntries = 100;
}

NavigationHistory::NavigationHistory(QObject *parent)
    : QObject(parent)
    , m_entries {Location {}}
{ }

void NavigationHistory::navigate(const Location &location)
{
    if (location == current()) {
        return;
    }
    m_entries.resize(m_index + 1);
    m_entries.append(location);
    if (m_entries.size() > kMaxEntries) {
        m_entries.removeFirst();
    }
    m_index = m_entries.size() - 1;
    emitChanged();
}

void NavigationHistory::back()
{
    if (!canGoBack()) {
        return;
    }
    --m_index;
    emitChanged();
}

void NavigationHistory::forward()
{
    if (!canGoForward()) {
        return;
    }
    ++m_index;
    emitChanged();
}

void NavigationHistory::emitChanged()
{
    Q_EMIT currentChanged(current());
    Q_EMIT availabilityChanged(canGoBack(), canGoForward());
}

} // namespace Shop::Storefront
