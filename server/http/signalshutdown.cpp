#include "signalshutdown.h"

#include "httpserver.h"
#include "logging.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Shop::Http {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    // write() is async-signal-safe; the event loop reads the byte.
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}

} // namespace

SignalShutdown::SignalShutdown(const char *program)
    : m_program(program)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        return;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    m_installed =
        ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

SignalShutdown::~SignalShutdown()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    for (int &fd : g_signalPipe) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
}

int SignalShutdown::exec(HttpServer &http, const std::function<void()> &shutdown,
                         std::chrono::milliseconds grace)
{
    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    bool stopping = false;
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[1], &byte, 1);
        if (stopping) {
            qCWarning(lcHttpServer, "%s: second signal: stopping now.", m_program);
            QCoreApplication::exit(0);
            return;
        }
        stopping = true;
        qCInfo(lcHttpServer, "%s: signal %d: finishing the requests in progress (up to %lld ms).",
               m_program, int(byte), qlonglong(grace.count()));
        shutdown();
        if (http.openConnections() == 0) {
            QCoreApplication::exit(0);
            return;
        }
        QTimer::singleShot(grace, &notifier, [] { QCoreApplication::exit(0); });
    });
    QObject::connect(&http, &HttpServer::drained, &notifier, [] { QCoreApplication::exit(0); });
    const int code = QCoreApplication::exec();
    notifier.setEnabled(false);
    return code;
}

} // namespace Shop::Http
