#pragma once

class QApplication;
class QElapsedTimer;

namespace Shop::Storefront {

// Runs the storefront: settings, language, first-run server dialog, the main window, the event
// loop. `sinceStart` runs from the top of main() (for --exit-when-loaded).
int runStorefront(QApplication &app, const QElapsedTimer &sinceStart);

} // namespace Shop::Storefront
