#pragma once

#include <QKeySequence>
#include <QList>

namespace Shop::Widgets {

// Key bindings both apps use.
class Shortcuts final
{
public:
    // `primary` plus the platform's keys for `standard`, without duplicates (a duplicate makes a
    // shortcut ambiguous; on Linux the platform's Back is Alt+Left too, and some platforms have
    // no Preferences or Quit key at all, hence the explicit primary).
    [[nodiscard]] static QList<QKeySequence> withPlatformKeys(const QKeySequence &primary,
                                                              QKeySequence::StandardKey standard);
};

} // namespace Shop::Widgets
