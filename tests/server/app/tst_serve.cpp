// `shop-server serve` as a child process: it prints where it listens, serves, and exits 0 on
// SIGTERM and SIGINT; a taken port is a clear start-up error. `shop-server healthcheck` against it
// and against servers that are not ready, silent or absent.

#include "testdatabase.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace Shop;
using namespace Shop::Tests;

class TestServe final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    QProcessEnvironment environment(quint16 port) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SHOP_DATABASE_URL"), m_db->url());
        env.insert(QStringLiteral("SHOP_DATABASE_POOL_SIZE"), QStringLiteral("3"));
        env.insert(QStringLiteral("SHOP_HTTP_ADDRESS"), QStringLiteral("127.0.0.1"));
        env.insert(QStringLiteral("SHOP_HTTP_PORT"), QString::number(port));
        env.insert(QStringLiteral("SHOP_LOG_RULES"), QStringLiteral("shop.http.access=false"));
        return env;
    }

    // Starts `shop-server serve` on a free port and returns the port it printed (0: failed).
    quint16 start(QProcess &process) const
    {
        process.setProcessEnvironment(environment(0));
        process.start(QStringLiteral(SHOP_SERVER_BINARY), {QStringLiteral("serve")});
        if (!process.waitForStarted(5000)) {
            return 0;
        }
        QByteArray output;
        static const QRegularExpression line(QStringLiteral(
            "^shop-server listening on http://127\\.0\\.0\\.1:(\\d+) \\(database (\\S+), 3 "
            "workers\\)$"));
        while (process.waitForReadyRead(10000)) {
            output += process.readAllStandardOutput();
            if (output.contains('\n')) {
                const auto match = line.match(QString::fromUtf8(output.trimmed()));
                if (!match.hasMatch()) {
                    qWarning("unexpected first line: %s", output.constData());
                    return 0;
                }
                return quint16(match.captured(1).toUInt());
            }
        }
        qWarning("no listening line; stderr: %s", process.readAllStandardError().constData());
        return 0;
    }

    struct Finished
    {
        int exitCode = -1; // -1: did not finish in time, or crashed
        QString out;
        QString err;
        qint64 elapsedMs = 0;
    };

    // Runs `shop-server healthcheck` for this address and port while this thread's event loop
    // keeps running (so test servers in this process can answer).
    Finished healthcheck(quint16 port, const QString &address = QStringLiteral("127.0.0.1")) const
    {
        QProcessEnvironment env = environment(port);
        env.insert(QStringLiteral("SHOP_HTTP_ADDRESS"), address);
        QProcess process;
        process.setProcessEnvironment(env);
        QEventLoop loop;
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        QElapsedTimer clock;
        clock.start();
        process.start(QStringLiteral(SHOP_SERVER_BINARY), {QStringLiteral("healthcheck")});
        loop.exec();
        Finished result;
        result.elapsedMs = clock.elapsed();
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        } else if (process.exitStatus() == QProcess::NormalExit) {
            result.exitCode = process.exitCode();
        }
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = TestDatabase::create();
        SHOP_VERIFY_OK(db);
        m_db = std::move(*db);
    }

    void cleanupTestCase() { m_db.reset(); }

    void servesAndStopsOnSignal_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGINT") << SIGINT;
    }

    void servesAndStopsOnSignal()
    {
        QFETCH(int, signalNumber);
        QProcess process;
        const quint16 port = start(process);
        QVERIFY(port != 0);

        HttpClient client(port);
        QCOMPARE(client.request("GET", "/health/live").status, 200);
        const HttpReply ready = client.request("GET", "/health/ready");
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.json().value(u"status").toString(), u"ready");

        ::kill(pid_t(process.processId()), signalNumber);
        QVERIFY(client.waitForClosed(3000)); // the idle keep-alive connection is closed
        QVERIFY(process.waitForFinished(7000));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 qPrintable(QStringLiteral("exit %1 (%2); stderr:\n%3")
                                .arg(process.exitCode())
                                .arg(int(process.exitStatus()))
                                .arg(QString::fromLocal8Bit(process.readAllStandardError()))));
    }

    void inFlightRequestFinishesAfterSignal()
    {
        QProcess process;
        const quint16 port = start(process);
        QVERIFY(port != 0);
        // A request whose body is still arriving when the signal comes is answered.
        HttpClient client(port);
        QVERIFY(client.send("GET /health/ready HTTP/1.1\r\nHost: t\r\nX-Slow: "));
        QTest::qWait(100);
        ::kill(pid_t(process.processId()), SIGTERM);
        QTest::qWait(100);
        QVERIFY(client.send("1\r\n\r\n"));
        const HttpReply reply = client.read(5000);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QVERIFY(process.waitForFinished(7000));
        QCOMPARE(process.exitCode(), 0);
    }

    void takenPortIsAClearError()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QProcess process;
        process.setProcessEnvironment(environment(taken.serverPort()));
        process.start(QStringLiteral(SHOP_SERVER_BINARY), {QStringLiteral("serve")});
        QVERIFY(process.waitForFinished(10000));
        QVERIFY(process.exitCode() != 0);
        const QByteArray error = process.readAllStandardError();
        const QByteArray expected =
            "Cannot listen on 127.0.0.1 port " + QByteArray::number(taken.serverPort());
        QVERIFY2(error.contains(expected), error.constData());
        QVERIFY2(error.contains("in use"), error.constData());
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
    void healthcheckOfARunningServer_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("loopback") << QStringLiteral("127.0.0.1");
        QTest::newRow("wildcard is probed on loopback") << QStringLiteral("0.0.0.0");
    }

    void healthcheckOfARunningServer()
    {
        QFETCH(QString, address);
        QProcess server;
        const quint16 port = start(server);
        QVERIFY(port != 0);
        const Finished check = healthcheck(port, address);
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QCOMPARE(check.out, QStringLiteral("ready (HTTP 200)\n"));
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(7000));
    }

    void healthcheckOfANotReadyServer()
    {
        // What /health/ready answers while the database is down.
        QTcpServer fake;
        QVERIFY(fake.listen(QHostAddress::LocalHost, 0));
        connect(&fake, &QTcpServer::newConnection, &fake, [&fake] {
            QTcpSocket *socket = fake.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                const QByteArray body = R"({"status":"database unreachable"})";
                socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: "
                              "application/json\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        });
        const Finished check = healthcheck(fake.serverPort());
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"not ready: HTTP 503 (database unreachable)"),
                 qPrintable(check.err));
    }

    void healthcheckWithoutAServer()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // a port that was free a moment ago and has no listener now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const Finished check = healthcheck(port);
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"No server answers on 127.0.0.1 port"), qPrintable(check.err));
    }

    void healthcheckOfASilentServer()
    {
        QTcpServer silent; // accepts (the kernel does) and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const Finished check = healthcheck(silent.serverPort());
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"did not answer within 3000 ms"), qPrintable(check.err));
        QVERIFY2(check.elapsedMs < 10000, qPrintable(QString::number(check.elapsedMs)));
    }

    void healthcheckOfSomethingElse()
    {
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        connect(&other, &QTcpServer::newConnection, &other, [&other] {
            QTcpSocket *socket = other.nextPendingConnection();
            socket->write("SSH-2.0-OpenSSH_9.2\r\n");
            socket->disconnectFromHost();
        });
        const Finished check = healthcheck(other.serverPort());
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"did not answer with HTTP"), qPrintable(check.err));
    }
};

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
