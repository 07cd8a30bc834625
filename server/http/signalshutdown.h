#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

namespace Shop::Http {

class HttpServer;

// An orderly stop on SIGINT and SIGTERM for a process that serves HTTP (shop-server serve,
// shop-sandbox). The constructor installs the handlers (one instance per process, on the thread
// that runs the event loop); exec() runs the event loop until a signal arrives, then calls
// `shutdown` (stop accepting, finish the requests in progress) and ends the loop once `http` has
// drained or after `grace`, whichever comes first; a second signal ends it at once. The
// destructor restores the default handlers.
class SignalShutdown final
{
public:
    explicit SignalShutdown(const char *program);
    ~SignalShutdown();
    Q_DISABLE_COPY_MOVE(SignalShutdown)

    // False when the handlers could not be installed (the program should not serve then).
    [[nodiscard]] bool isInstalled() const { return m_installed; }

    // QCoreApplication::exec()'s exit code.
    int exec(HttpServer &http, const std::function<void()> &shutdown,
             std::chrono::milliseconds grace);

private:
    const char *m_program;
    bool m_installed = false;
};

} // namespace Shop::Http
