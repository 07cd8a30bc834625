#pragma once

#include "config/serverconfig.h"
#include "http/router.h"
#include "httpreference.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Shop::Tests {

// The framing differential test's parts, shared by tests/server/http/tst_framingdifferential.cpp
// and bench/framing: a generator of request streams (valid and adversarial, deterministic for a
// seed), an echo router, and a client that sends a stream over a real socket and compares what
// the server answers with what the reference reading (httpreference.h) says it must answer.

// SplitMix64: small, fast, the same on every platform.
class FramingRandom final
{
public:
    explicit FramingRandom(quint64 seed)
        : m_state(seed)
    { }
    quint64 next();
    int below(int bound) { return bound <= 1 ? 0 : int(next() % quint64(bound)); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T>
    const T &pick(const QList<T> &list)
    {
        return list.at(below(int(list.size())));
    }

private:
    quint64 m_state;
};

struct FramingCase
{
    quint64 seed = 0;
    QByteArray stream;
    QList<qsizetype> splits; // offsets where the client pauses between two writes, ascending
    bool trickle = false; // one byte per write
    QByteArrayList notes; // what was generated (mutations), for messages
};

// The seed of case `index` of a run with `runSeed`.
[[nodiscard]] quint64 framingCaseSeed(quint64 runSeed, quint64 index);
// A stream of 1 to 4 pipelined requests, 60 % of streams with one adversarial change, ending
// with a request that closes the connection (so that the server's answers end with EOF).
[[nodiscard]] FramingCase generateFramingCase(quint64 seed, const ReferencePolicy &policy);
// `stream` with the closing request appended (and what completes an unfinished request first,
// as often as needed), so that the reading ends with the server closing the connection.
[[nodiscard]] QByteArray closedStream(QByteArray stream, const ReferencePolicy &policy);

// Routes every method the generator uses, on "/" and "/{rest...}" (event loop) and
// "/w/{rest...}" (worker pool): 200 with X-Echo-Method, X-Echo-Target (path and query as the
// handler saw them) and X-Echo-Body ("<length> <md5 hex>").
[[nodiscard]] Http::Router makeEchoRouter();
// The server configuration the policy describes.
[[nodiscard]] Server::HttpConfig framingServerConfig(const ReferencePolicy &policy);

struct FramingResult
{
    bool ok = true;
    QString finding; // what differed
    int answers = 0; // final answers received
};

// Sends the stream on a fresh connection (in one write, at the splits, or byte by byte, with
// `pauseUs` between writes), reads until the server closes it, and compares.
[[nodiscard]] FramingResult runFramingCase(quint16 port, const FramingCase &framingCase,
                                           const ReferencePolicy &policy, int pauseUs = 50);

// Bytes as a C string literal body ("GET / HTTP/1.1\r\n..."), for messages.
[[nodiscard]] QByteArray escapedBytes(QByteArrayView bytes, qsizetype max = 600);

} // namespace Shop::Tests
