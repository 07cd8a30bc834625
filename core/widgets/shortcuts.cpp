#include "widgets/shortcuts.h"

namespace Shop::Widgets {

QList<QKeySequence> Shortcuts::withPlatformKeys(const QKeySequence &primary,
                                                QKeySequence::StandardKey standard)
{
    QList<QKeySequence> keys {primary};
    for (const QKeySequence &key : QKeySequence::keyBindings(standard)) {
        if (!keys.contains(key)) {
            keys.append(key);
        }
    }
    return keys;
}

} // namespace Shop::Widgets
