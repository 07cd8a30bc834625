// Runs generated framing cases against an in-process server for a number of cases or seconds,
// prints cases/s and every finding with the seed that reproduces it (one case:
// bench_framing --case-seed 0x...). Exit status 1 when anything was found.

#include "framingcases.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <cstdio>

using namespace Shop;
using namespace Shop::Tests;

namespace {

quint64 number(const QStringList &arguments, const QString &name, quint64 fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toULongLong(nullptr, 0)
                                                : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.contains(QStringLiteral("--help"))) {
        std::printf("usage: bench_framing [--cases N | --seconds S] [--seed X] "
                    "[--case-seed X]\n");
        return 0;
    }
    const quint64 seed = number(arguments, QStringLiteral("--seed"), 0x5eed0f0f12345678ULL);
    const quint64 seconds = number(arguments, QStringLiteral("--seconds"), 0);
    const quint64 cases = number(arguments, QStringLiteral("--cases"), seconds > 0 ? 0 : 20000);
    const quint64 caseSeed = number(arguments, QStringLiteral("--case-seed"), 0);

    QLoggingCategory::setFilterRules(QStringLiteral("shop.http.access.info=false\n"
                                                    "shop.http.limits.info=false\n"
                                                    "shop.http.server.info=false"));
    const ReferencePolicy policy;
    const Http::Router router = makeEchoRouter();
    TestServer server(router, framingServerConfig(policy), 2);
    if (!server.isRunning()) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(server.errorString()));
        return 2;
    }

    QElapsedTimer clock;
    clock.start();
    quint64 done = 0;
    quint64 findings = 0;
    quint64 requests = 0;
    for (quint64 i = 0;; ++i) {
        if (caseSeed != 0 ? i == 1
                          : (cases > 0 ? i >= cases : quint64(clock.elapsed()) >= seconds * 1000)) {
            break;
        }
        const FramingCase framingCase =
            generateFramingCase(caseSeed != 0 ? caseSeed : framingCaseSeed(seed, i), policy);
        const FramingResult result = runFramingCase(server.port(), framingCase, policy);
        ++done;
        requests += quint64(readRequestStream(framingCase.stream, policy).requests.size());
        if (!result.ok) {
            ++findings;
            std::printf("FINDING case %llu, case seed 0x%llx: %s\n  notes: %s\n  bytes: \"%s\"\n",
                        static_cast<unsigned long long>(i),
                        static_cast<unsigned long long>(framingCase.seed),
                        qPrintable(result.finding), framingCase.notes.join(" | ").constData(),
                        escapedBytes(framingCase.stream, 4000).constData());
            std::fflush(stdout);
        }
        if (done % 5000 == 0) {
            std::printf("%llu cases, %.0f cases/s, %llu findings\n",
                        static_cast<unsigned long long>(done), done * 1000.0 / clock.elapsed(),
                        static_cast<unsigned long long>(findings));
            std::fflush(stdout);
        }
    }
    const double seconds_ = clock.elapsed() / 1000.0;
    std::printf("seed 0x%llx: %llu cases (%llu requests answered) in %.1f s, %.0f cases/s, "
                "%llu findings\n",
                static_cast<unsigned long long>(seed), static_cast<unsigned long long>(done),
                static_cast<unsigned long long>(requests), seconds_, done / seconds_,
                static_cast<unsigned long long>(findings));
    return findings == 0 ? 0 : 1;
}
