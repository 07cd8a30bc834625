#pragma once

class QApplication;
class QElapsedTimer;

namespace Shop::Admin {

// Runs the admin console: settings, language, first-run server dialog, the window, event loop.
// `sinceStart` runs from the top of main() (for --exit-when-loaded).
int runAdmin(QApplication &app, const QElapsedTimer &sinceStart);

} // namespace Shop::Admin
