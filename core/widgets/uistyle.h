#pragma once

#include <QFont>

class QWidget;

namespace Shop::Widgets {

// The few text styles the apps share, derived from the user's font and palette (no fixed pixel
// sizes or colours that break on HiDPI screens or dark themes).
class UiStyle final
{
public:
    // `base` scaled by `factor`, optionally bold: page titles (1.5), section headings (1.2).
    [[nodiscard]] static QFont scaled(QFont base, qreal factor, bool bold = true);
    // Secondary text: notes and hints, readable but quieter than the main text.
    static void makeSecondary(QWidget *widget);
};

} // namespace Shop::Widgets
