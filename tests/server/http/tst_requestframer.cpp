#include "http/requestframer.h"

#include <QTest>

using namespace Shop::Http;

namespace {

// Events as text: "head GET /x" (plus " close" when not keep-alive, " continue" for
// Expect: 100-continue, " 1.0" for HTTP/1.0), "complete", "error 413".
QStringList describe(const QList<RequestFramer::Event> &events)
{
    QStringList out;
    for (const RequestFramer::Event &event : events) {
        switch (event.type) {
        case RequestFramer::EventType::Head: {
            QString text = QStringLiteral("head ") + QString::fromLatin1(event.head.method) + u' '
                + QString::fromLatin1(event.head.target);
            if (event.head.minorVersion == 0) {
                text += QStringLiteral(" 1.0");
            }
            if (!event.head.keepAlive) {
                text += QStringLiteral(" close");
            }
            if (event.head.expectContinue) {
                text += QStringLiteral(" continue");
            }
            out << text;
            break;
        }
        case RequestFramer::EventType::Complete:
            out << QStringLiteral("complete");
            break;
        case RequestFramer::EventType::Error:
            out << QStringLiteral("error %1").arg(event.status);
            break;
        }
    }
    return out;
}

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *text : list) {
        result << QString::fromUtf8(text);
    }
    return result;
}

constexpr RequestFramer::Limits kLimits {100, 200}; // body bytes, head bytes

} // namespace

class TestRequestFramer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<RequestFramer::State>("finalState");

        using S = RequestFramer::State;
        QTest::newRow("simple get") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
                                    << strings({"head GET /x", "complete"}) << S::Idle;
        QTest::newRow("bare LF line ends") << QByteArray("GET /x HTTP/1.1\nHost: a\n\n")
                                           << strings({"head GET /x", "complete"}) << S::Idle;
        QTest::newRow("leading CRLF tolerated")
            << QByteArray("\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n")
            << strings({"head GET /x", "complete"}) << S::Idle;
        QTest::newRow("partial head")
            << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\n") << QStringList() << S::Head;
        QTest::newRow("pipelined") << QByteArray("GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                                                 "POST /b HTTP/1.1\r\nHost: a\r\n"
                                                 "Content-Length: 3\r\n\r\nabc"
                                                 "GET /c HTTP/1.1\r\nHost: a\r\n\r\n")
                                   << strings({"head GET /a", "complete", "head POST /b",
                                               "complete", "head GET /c", "complete"})
                                   << S::Idle;
        QTest::newRow("body in progress")
            << QByteArray("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
            << strings({"head POST /b"}) << S::Body;
        QTest::newRow("zero length") << QByteArray("POST /b HTTP/1.1\r\nHost: a\r\n"
                                                   "Content-Length: 0\r\n\r\n")
                                     << strings({"head POST /b", "complete"}) << S::Idle;
        QTest::newRow("body at the limit")
            << QByteArray("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n")
                + QByteArray(100, 'x')
            << strings({"head POST /b", "complete"}) << S::Idle;
        QTest::newRow("declared body over the limit")
            << QByteArray("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n")
            << strings({"error 413"}) << S::Failed;
        QTest::newRow("huge declared body")
            << QByteArray("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 50000000\r\n\r\n")
            << strings({"error 413"}) << S::Failed;
        QTest::newRow("chunked") << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n"
                                               "3\r\nabc\r\n5;ext=1\r\nhello\r\n0\r\n\r\n"
                                               "GET /n HTTP/1.1\r\nHost: a\r\n\r\n")
                                 << strings({"head POST /c", "complete", "head GET /n", "complete"})
                                 << S::Idle;
        QTest::newRow("chunked over the limit")
            << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "32\r\n")
                + QByteArray(50, 'x') + QByteArray("\r\n33\r\n")
            << strings({"head POST /c", "error 413"}) << S::Failed;
        QTest::newRow("one huge chunk")
            << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "fffffffffff\r\n")
            << strings({"head POST /c", "error 413"}) << S::Failed;
        QTest::newRow("chunk size not hex")
            << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "zz\r\n")
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("chunk without CRLF")
            << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3\r\nabcX\r\n")
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("trailers refused")
            << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "0\r\nX-Sum: 1\r\n\r\n")
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("head too large")
            << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: ") + QByteArray(200, 'y')
            << strings({"error 431"}) << S::Failed;
        QTest::newRow("head just fits") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nX: ")
                + QByteArray(200 - 33, 'y') + QByteArray("\r\n\r\n")
                                        << strings({"head GET /x", "complete"}) << S::Idle;
        QTest::newRow("too many fields") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\n")
                + QByteArray("A:1\r\n").repeated(101) + "\r\n"
                                         << strings({"error 431"}) << S::Failed;
        QTest::newRow("connection close") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\n"
                                                        "Connection: Keep-Alive, Close\r\n\r\n")
                                          << strings({"head GET /x close", "complete"}) << S::Idle;
        QTest::newRow("http/1.0 closes")
            << QByteArray("GET /x HTTP/1.0\r\n\r\n")
            << strings({"head GET /x 1.0 close", "complete"}) << S::Idle;
        QTest::newRow("http/1.0 keep-alive")
            << QByteArray("GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            << strings({"head GET /x 1.0", "complete"}) << S::Idle;
        QTest::newRow("expect continue")
            << QByteArray("POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\n"
                          "Content-Length: 5\r\n\r\n")
            << strings({"head POST /e continue"}) << S::Body;
        QTest::newRow("expect without body")
            << QByteArray("GET /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n")
            << strings({"head GET /e", "complete"}) << S::Idle;
        QTest::newRow("unknown expectation")
            << QByteArray("POST /e HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n")
            << strings({"error 417"}) << S::Failed;
        QTest::newRow("length and chunked")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("differing lengths")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                          "Content-Length: 4\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("repeated equal lengths")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                          "content-length: 3\r\n\r\nabc")
            << strings({"head POST /x", "complete"}) << S::Idle;
        QTest::newRow("length list")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("websocket upgrade")
            << QByteArray("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\n"
                          "Upgrade: websocket\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("other upgrades are ignored")
            << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                          "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n")
            << strings({"head GET /x", "complete"}) << S::Idle;
        QTest::newRow("negative length")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("signed length")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("gzip coding") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\n"
                                                   "Transfer-Encoding: gzip, chunked\r\n\r\n")
                                     << strings({"error 501"}) << S::Failed;
        QTest::newRow("chunked in 1.0") << QByteArray("POST /x HTTP/1.0\r\n"
                                                      "Transfer-Encoding: chunked\r\n\r\n")
                                        << strings({"error 400"}) << S::Failed;
        QTest::newRow("no host") << QByteArray("GET /x HTTP/1.1\r\n\r\n") << strings({"error 400"})
                                 << S::Failed;
        QTest::newRow("two hosts") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                                   << strings({"error 400"}) << S::Failed;
        QTest::newRow("obs-fold") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n"
                                                " continued\r\n\r\n")
                                  << strings({"error 400"}) << S::Failed;
        QTest::newRow("space before colon") << QByteArray("GET /x HTTP/1.1\r\nHost : a\r\n\r\n")
                                            << strings({"error 400"}) << S::Failed;
        QTest::newRow("no colon") << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nJunk\r\n\r\n")
                                  << strings({"error 400"}) << S::Failed;
        QTest::newRow("control character in value")
            << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nX: a\x01b\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("garbage line")
            << QByteArray("garbage\r\n\r\n") << strings({"error 400"}) << S::Failed;
        QTest::newRow("double spaces") << QByteArray("GET  /x HTTP/1.1\r\nHost: a\r\n\r\n")
                                       << strings({"error 400"}) << S::Failed;
        QTest::newRow("bad method") << QByteArray("G(T /x HTTP/1.1\r\nHost: a\r\n\r\n")
                                    << strings({"error 400"}) << S::Failed;
        QTest::newRow("http/2") << QByteArray("GET /x HTTP/2.0\r\nHost: a\r\n\r\n")
                                << strings({"error 505"}) << S::Failed;
        QTest::newRow("not http") << QByteArray("GET /x FTP/1.1\r\nHost: a\r\n\r\n")
                                  << strings({"error 400"}) << S::Failed;
        const QByteArray chunkedHead =
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        QTest::newRow("bare LF after a chunk size")
            << chunkedHead + "1\na\r\n0\r\n\r\n"
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("bare LF after chunk data")
            << chunkedHead + "1\r\na\n0\r\n\r\n"
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("bare LF after the last chunk")
            << chunkedHead + "0\r\n\n"
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("chunk size with leading zeros")
            << chunkedHead + "00000000000000000001\r\na\r\n000\r\n\r\n"
            << strings({"head POST /c", "complete"}) << S::Idle;
        QTest::newRow("chunk extensions")
            << chunkedHead + "1 ; a = \"q;\\\"\" ;b\r\na\r\n0;c=d\r\n\r\n"
            << strings({"head POST /c", "complete"}) << S::Idle;
        QTest::newRow("malformed chunk extension")
            << chunkedHead + "1;a=\"b\r\na\r\n0\r\n\r\n"
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("space after a chunk size")
            << chunkedHead + "1 \r\na\r\n0\r\n\r\n"
            << strings({"head POST /c", "error 400"}) << S::Failed;
        QTest::newRow("chunked not last")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("chunked twice")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("gzip only") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\n"
                                                 "Transfer-Encoding: gzip\r\n\r\n")
                                   << strings({"error 501"}) << S::Failed;
        QTest::newRow("bare CR ending a value")
            << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nX: b\r\r\n\r\n") << strings({"error 400"})
            << S::Failed;
        QTest::newRow("form feed ending a value")
            << QByteArray("GET /x HTTP/1.1\r\nHost: a\r\nX: b\x0c\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("websocket upgrade as QHttpServer sees it")
            << QByteArray("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: x-upgrade\r\n"
                          "Upgrade: websocket\r\n\r\n")
            << strings({"error 400"}) << S::Failed;
        QTest::newRow("length with leading zeros")
            << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0000000000000000000003"
                          "\r\n\r\nabc")
            << strings({"head POST /x", "complete"}) << S::Idle;
        QTest::newRow("input after an error is ignored")
            << QByteArray("GET /x HTTP/3.0\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n")
            << strings({"error 505"}) << S::Failed;
    }

    void framing()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, events);
        QFETCH(RequestFramer::State, finalState);

        // All at once.
        RequestFramer whole(kLimits);
        QList<RequestFramer::Event> wholeEvents;
        whole.feed(input, 0, wholeEvents);
        QCOMPARE(describe(wholeEvents), events);
        QCOMPARE(whole.state(), finalState);

        // One byte at a time: the same events.
        RequestFramer trickle(kLimits);
        QList<RequestFramer::Event> trickleEvents;
        for (qsizetype i = 0; i < input.size(); ++i) {
            trickle.feed(QByteArrayView(input).sliced(i, 1), i, trickleEvents);
        }
        QCOMPARE(describe(trickleEvents), events);
        QCOMPARE(trickle.state(), finalState);
    }

    void headFields()
    {
        RequestFramer framer(kLimits);
        QList<RequestFramer::Event> events;
        framer.feed("\r\nPOST /p?q=1%202 HTTP/1.1\r\nHOST:  example \r\nX-Request-Id: abc\r\n"
                    "Content-Length: 2\r\n\r\n",
                    42, events);
        QCOMPARE(events.size(), 1);
        const RequestFramer::Head &head = events.at(0).head;
        QCOMPARE(head.method, QByteArray("POST"));
        QCOMPARE(head.target, QByteArray("/p?q=1%202"));
        QCOMPARE(head.header("host"), QByteArray("example"));
        QCOMPARE(head.headers.at(1).first, QByteArray("x-request-id")); // lower-cased
        QCOMPARE(head.contentLength, qint64(2));
        QCOMPARE(head.startedAtMs, qint64(42));
        QVERIFY(framer.readingBody());
        QCOMPARE(framer.requestStartedAtMs(), qint64(42));
        framer.feed("a", 50, events);
        QCOMPARE(framer.bodyBytesSeen(), qint64(1));
        framer.feed("b", 60, events);
        QCOMPARE(events.size(), 2);
        QCOMPARE(framer.state(), RequestFramer::State::Idle);
    }

    void errorCarriesWhatWasParsed()
    {
        RequestFramer framer(kLimits);
        QList<RequestFramer::Event> events;
        framer.feed("PUT /upload HTTP/1.1\r\nHost: a\r\nX-Request-Id: r1\r\n"
                    "Content-Length: 1000\r\n\r\n",
                    0, events);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).status, 413);
        QCOMPARE(events.at(0).head.target, QByteArray("/upload"));
        QCOMPARE(events.at(0).head.header("x-request-id"), QByteArray("r1"));
        QVERIFY(events.at(0).detail.contains(u"1000"));
    }

    void perRequestBodyLimit_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<qint64>("limit"); // the framer's bodyLimit() afterwards
        // /big declares 300 bytes, /zero answers 0 (the default, 100), everything else the default.
        const QByteArray body200(200, 'b');
        QTest::newRow("own limit, length")
            << QByteArray("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 200\r\n\r\n" + body200)
            << strings({"head POST /big", "complete"}) << qint64(300);
        QTest::newRow("own limit exceeded") << QByteArray("POST /big HTTP/1.1\r\nHost: a\r\n"
                                                          "Content-Length: 301\r\n\r\n")
                                            << strings({"error 413"}) << qint64(300);
        QTest::newRow("own limit, chunked")
            << QByteArray("POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "c8\r\n"
                          + body200 + "\r\n0\r\n\r\n")
            << strings({"head POST /big", "complete"}) << qint64(300);
        QTest::newRow("own limit, chunked, exceeded")
            << QByteArray("POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "c8\r\n"
                          + body200 + "\r\nc8\r\n")
            << strings({"head POST /big", "error 413"}) << qint64(300);
        QTest::newRow("default") << QByteArray("POST /other HTTP/1.1\r\nHost: a\r\n"
                                               "Content-Length: 200\r\n\r\n")
                                 << strings({"error 413"}) << qint64(100);
        QTest::newRow("zero is the default") << QByteArray("POST /zero HTTP/1.1\r\nHost: a\r\n"
                                                           "Content-Length: 101\r\n\r\n")
                                             << strings({"error 413"}) << qint64(100);
        QTest::newRow("default, chunked")
            << QByteArray("POST /other HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "c8\r\n"
                          + body200)
            << strings({"head POST /other", "error 413"}) << qint64(100);
    }

    void perRequestBodyLimit()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, events);
        QFETCH(qint64, limit);
        int asked = 0;
        RequestFramer framer(kLimits, [&asked](const RequestFramer::Head &head) -> qint64 {
            ++asked;
            return head.target == "/big" ? 300 : 0;
        });
        QList<RequestFramer::Event> out;
        framer.feed(input, 0, out);
        QCOMPARE(describe(out), events);
        QCOMPARE(framer.bodyLimit(), limit);
        QCOMPARE(asked, 1);
        // A request without a body does not ask.
        RequestFramer quiet(kLimits, [&asked](const RequestFramer::Head &) -> qint64 {
            ++asked;
            return 300;
        });
        quiet.feed("GET /big HTTP/1.1\r\nHost: a\r\n\r\n", 0, out);
        QCOMPARE(asked, 1);
    }

    void chunkFramingIsLimited()
    {
        // 1-byte chunks with 4 KiB of extensions each: refused once the framing passes the body
        // limit plus 64 KiB, long before 4 KiB per body byte is buffered.
        RequestFramer framer(kLimits);
        QList<RequestFramer::Event> events;
        framer.feed("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 0, events);
        const QByteArray chunk = "1;x=" + QByteArray(4000, 'e') + "\r\na\r\n";
        int chunks = 0;
        while (framer.state() != RequestFramer::State::Failed && chunks < 100) {
            framer.feed(chunk, 0, events);
            ++chunks;
        }
        QCOMPARE(events.last().status, 413);
        QCOMPARE(chunks, int((100 + 64 * 1024) / chunk.size()) + 1);
    }

    void bodyAndOffsets()
    {
        const QByteArray input = "\r\nPOST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                                 "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "2;x\r\nde\r\n1\r\nf\r\n0\r\n\r\n";
        for (const qsizetype step : {input.size(), qsizetype(1), qsizetype(7)}) {
            RequestFramer framer(kLimits);
            QList<RequestFramer::Event> events;
            for (qsizetype at = 0; at < input.size(); at += step) {
                framer.feed(QByteArrayView(input).sliced(at, std::min(step, input.size() - at)), 0,
                            events);
            }
            QList<RequestFramer::Event> completes;
            for (const RequestFramer::Event &event : events) {
                if (event.type == RequestFramer::EventType::Complete) {
                    completes << event;
                }
            }
            QCOMPARE(completes.size(), 2);
            QCOMPARE(completes.at(0).body, QByteArray("abc"));
            QCOMPARE(completes.at(0).offset, qsizetype(input.indexOf("POST /b")));
            QCOMPARE(completes.at(1).body, QByteArray("def"));
            QCOMPARE(completes.at(1).offset, input.size());
            QCOMPARE(framer.position(), input.size());
        }
    }

    void failStopsFraming()
    {
        RequestFramer framer(kLimits);
        QList<RequestFramer::Event> events;
        framer.feed("GET /x HTTP/1.1\r\nHo", 0, events);
        QVERIFY(framer.readingHead());
        framer.fail();
        framer.feed("st: a\r\n\r\n", 1, events);
        QVERIFY(events.isEmpty());
        QCOMPARE(framer.state(), RequestFramer::State::Failed);
    }
};

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
