// The JSON log format (server/app/logformat.h) and the request id context it reads
// (http/requestcontext.h): every line one valid JSON object with its fields, anything in a
// message escaped, the request id present exactly while work for a request runs, and the
// installed handler writing whole lines to standard error.

#include "app/logformat.h"
#include "http/requestcontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace Shop;

Q_LOGGING_CATEGORY(lcLogTest, "shop.test.log")

class TestLogFormat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineHasEveryField();
    void messagesAreEscaped_data();
    void messagesAreEscaped();
    void requestIdOnlyWhenThere();
    void levels_data();
    void levels();
    void scopesNestAndRestore();
    void scopeIsPerThread();
    void installedHandlerWritesJsonLines();
    void journalPriorities_data();
    void journalPriorities();
    void journalLinesEachGetThePrefix();
    void installedHandlerWritesJournalLines();
};

namespace {

QJsonObject parse(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not a JSON object: %s (%s)", line.constData(), qPrintable(error.errorString()));
        return {};
    }
    return doc.object();
}

} // namespace

void TestLogFormat::lineHasEveryField()
{
    const QDateTime at(QDate(2026, 12, 5), QTime(18, 20, 1, 123), Qt::UTC);
    const QByteArray line =
        Server::jsonLogLine(QtInfoMsg, "shop.http.access", QStringLiteral("GET /api/products 200"),
                            at, QStringLiteral("9f2c"), 0xabc);
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    const QJsonObject o = parse(line);
    QCOMPARE(o.value(u"time").toString(), QStringLiteral("2026-12-05T18:20:01.123Z"));
    QCOMPARE(o.value(u"level").toString(), QStringLiteral("info"));
    QCOMPARE(o.value(u"category").toString(), QStringLiteral("shop.http.access"));
    QCOMPARE(o.value(u"message").toString(), QStringLiteral("GET /api/products 200"));
    QCOMPARE(o.value(u"request_id").toString(), QStringLiteral("9f2c"));
    QCOMPARE(o.value(u"thread").toString(), QStringLiteral("0xabc"));
    QCOMPARE(o.size(), 6);
}

void TestLogFormat::messagesAreEscaped_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("quotes and backslashes") << QStringLiteral(R"(say "hi" \ bye)");
    QTest::newRow("new lines") << QStringLiteral("first\nsecond\r\nthird");
    QTest::newRow("control characters") << QStringLiteral("a\x01"
                                                          "b\x1f"
                                                          "c\tb");
    QTest::newRow("non-ASCII") << QStringLiteral("Größe 😀 日本");
    QTest::newRow("empty") << QString();
    QTest::newRow("long") << QString(100000, u'x');
    QTest::newRow("looks like JSON") << QStringLiteral(R"({"level":"fatal"}, "x": )");
}

void TestLogFormat::messagesAreEscaped()
{
    QFETCH(QString, message);
    const QByteArray line = Server::jsonLogLine(QtWarningMsg, "shop.test", message,
                                                QDateTime::currentDateTimeUtc(), {}, 1);
    QCOMPARE(line.count('\n'), 1); // the message's own new lines are escaped
    QCOMPARE(parse(line).value(u"message").toString(), message);
    QCOMPARE(parse(line).value(u"level").toString(), QStringLiteral("warning"));
}

void TestLogFormat::requestIdOnlyWhenThere()
{
    const QJsonObject o = parse(Server::jsonLogLine(QtInfoMsg, nullptr, QStringLiteral("x"),
                                                    QDateTime::currentDateTimeUtc(), {}, 1));
    QVERIFY(!o.contains(u"request_id"));
    QCOMPARE(o.value(u"category").toString(), QStringLiteral("default"));
}

void TestLogFormat::levels_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("level");
    QTest::newRow("debug") << int(QtDebugMsg) << QStringLiteral("debug");
    QTest::newRow("info") << int(QtInfoMsg) << QStringLiteral("info");
    QTest::newRow("warning") << int(QtWarningMsg) << QStringLiteral("warning");
    QTest::newRow("critical") << int(QtCriticalMsg) << QStringLiteral("critical");
    QTest::newRow("fatal") << int(QtFatalMsg) << QStringLiteral("fatal");
}

void TestLogFormat::levels()
{
    QFETCH(int, type);
    QFETCH(QString, level);
    const QJsonObject o = parse(Server::jsonLogLine(
        QtMsgType(type), "shop.test", QStringLiteral("m"), QDateTime::currentDateTimeUtc(), {}, 1));
    QCOMPARE(o.value(u"level").toString(), level);
}

void TestLogFormat::scopesNestAndRestore()
{
    QVERIFY(Http::currentRequestId().isEmpty());
    {
        const Http::RequestIdScope outer(QStringLiteral("outer"));
        QCOMPARE(Http::currentRequestId(), QStringLiteral("outer"));
        {
            const Http::RequestIdScope inner(QStringLiteral("inner"));
            QCOMPARE(Http::currentRequestId(), QStringLiteral("inner"));
        }
        QCOMPARE(Http::currentRequestId(), QStringLiteral("outer"));
    }
    QVERIFY(Http::currentRequestId().isEmpty());
}

void TestLogFormat::scopeIsPerThread()
{
    const Http::RequestIdScope scope(QStringLiteral("main-thread"));
    QString seen = QStringLiteral("unset");
    QThread *thread = QThread::create([&seen] { seen = Http::currentRequestId(); });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY2(seen.isEmpty(), qPrintable(seen));
    QCOMPARE(Http::currentRequestId(), QStringLiteral("main-thread"));
}

void TestLogFormat::installedHandlerWritesJsonLines()
{
    // Standard error into a pipe for the duration.
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    const int savedStderr = ::dup(STDERR_FILENO);
    QVERIFY(savedStderr >= 0);
    QVERIFY(::dup2(fds[1], STDERR_FILENO) >= 0);
    ::close(fds[1]);

    Server::installLogFormat(Server::LogFormat::Json);
    {
        const Http::RequestIdScope scope(QStringLiteral("req-42"));
        qCInfo(lcLogTest, "inside \"the\" request\nwith two lines");
    }
    qCWarning(lcLogTest, "outside");
    Server::installLogFormat(Server::LogFormat::Text);

    ::dup2(savedStderr, STDERR_FILENO);
    ::close(savedStderr);
    QByteArray out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
        out.append(buffer, n);
    }
    ::close(fds[0]);

    const QList<QByteArray> lines = out.split('\n');
    QCOMPARE(lines.size(), 3); // two lines and what follows the last new line
    QVERIFY(lines.last().isEmpty());
    const QJsonObject inside = parse(lines.at(0));
    QCOMPARE(inside.value(u"message").toString(),
             QStringLiteral("inside \"the\" request\nwith two lines"));
    QCOMPARE(inside.value(u"request_id").toString(), QStringLiteral("req-42"));
    QCOMPARE(inside.value(u"category").toString(), QStringLiteral("shop.test.log"));
    const QJsonObject outside = parse(lines.at(1));
    QCOMPARE(outside.value(u"level").toString(), QStringLiteral("warning"));
    QVERIFY(!outside.contains(u"request_id"));
}

void TestLogFormat::journalPriorities_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("debug") << int(QtDebugMsg) << QByteArray("<7>");
    QTest::newRow("info") << int(QtInfoMsg) << QByteArray("<6>");
    QTest::newRow("warning") << int(QtWarningMsg) << QByteArray("<4>");
    QTest::newRow("critical") << int(QtCriticalMsg) << QByteArray("<3>");
    QTest::newRow("fatal") << int(QtFatalMsg) << QByteArray("<2>");
}

void TestLogFormat::journalPriorities()
{
    QFETCH(int, type);
    QFETCH(QByteArray, prefix);
    const QByteArray line =
        Server::journalLogLine(QtMsgType(type), "shop.test", QStringLiteral("hello"), {});
    QCOMPARE(line, QByteArray(prefix + "shop.test: hello\n"));
    QCOMPARE(Server::journalLogLine(QtMsgType(type), nullptr, QStringLiteral("x"), {}),
             QByteArray(prefix + "default: x\n"));
}

void TestLogFormat::journalLinesEachGetThePrefix()
{
    // journald makes one entry per line: each must carry the priority, and no CR may hide it.
    const QByteArray out = Server::journalLogLine(
        QtWarningMsg, "shop.test", QStringLiteral("first\r\nsecond\nGr\u00f6\u00dfe"),
        QStringLiteral("req-7"));
    QCOMPARE(out,
             QByteArray("<4>shop.test: first\n<4>shop.test: second\n"
                        "<4>shop.test: Gr\xc3\xb6\xc3\x9f"
                        "e request_id=req-7\n"));
    QCOMPARE(Server::journalLogLine(QtInfoMsg, "shop.test", QString(), {}),
             QByteArray("<6>shop.test: \n"));
}

void TestLogFormat::installedHandlerWritesJournalLines()
{
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    const int savedStderr = ::dup(STDERR_FILENO);
    QVERIFY(savedStderr >= 0);
    QVERIFY(::dup2(fds[1], STDERR_FILENO) >= 0);
    ::close(fds[1]);

    Server::installLogFormat(Server::LogFormat::Journal);
    {
        const Http::RequestIdScope scope(QStringLiteral("req-43"));
        qCInfo(lcLogTest, "inside");
    }
    qCCritical(lcLogTest, "outside");
    Server::installLogFormat(Server::LogFormat::Text);

    ::dup2(savedStderr, STDERR_FILENO);
    ::close(savedStderr);
    QByteArray out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
        out.append(buffer, n);
    }
    ::close(fds[0]);
    QCOMPARE(out,
             QByteArray("<6>shop.test.log: inside request_id=req-43\n"
                        "<3>shop.test.log: outside\n"));
}

QTEST_GUILESS_MAIN(TestLogFormat)
#include "tst_logformat.moc"
