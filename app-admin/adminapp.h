#pragma once

class QApplication;

namespace Shop::Admin {

// Runs the admin console: settings, language, first-run server dialog, the window, event loop.
int runAdmin(QApplication &app);

} // namespace Shop::Admin
