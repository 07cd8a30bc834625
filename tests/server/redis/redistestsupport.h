#pragma once

// What the Redis tests share: the test services' Redis (SHOP_TEST_REDIS_URL, set by
// scripts/with-test-services; a test FAILS without it), a key prefix unique to the test run, and a
// redis-server of the test's own that it can stop and start again (the real binary, no mock).

#include "redis/redisclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

namespace Shop::Tests {

inline QString testRedisUrl()
{
    return qEnvironmentVariable("SHOP_TEST_REDIS_URL");
}

#define SHOP_REQUIRE_TEST_REDIS()                                                                  \
    QVERIFY2(!Shop::Tests::testRedisUrl().isEmpty(),                                               \
             "SHOP_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services, "  \
             "which starts a redis-server for them")

// "test:<name>:<pid>:<random>:": keys of this run only.
inline QByteArray uniquePrefix(const char *name)
{
    return QByteArrayLiteral("test:") + name + ':'
        + QByteArray::number(QCoreApplication::applicationPid()) + ':'
        + QByteArray::number(QRandomGenerator::global()->generate()) + ':';
}

inline std::shared_ptr<Redis::Client> clientFor(const QString &url, const QByteArray &prefix,
                                                int timeoutMs = 1000)
{
    auto endpoint = Redis::Endpoint::fromUrl(url);
    if (!endpoint) {
        return nullptr;
    }
    return std::make_shared<Redis::Client>(*endpoint, prefix, std::chrono::milliseconds(timeoutMs),
                                           8);
}

inline quint16 freeTcpPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

// A redis-server process of the test's own on 127.0.0.1:port (no persistence).
class OwnRedis final
{
public:
    OwnRedis()
        : m_port(freeTcpPort())
    { }
    ~OwnRedis() { stop(); }

    [[nodiscard]] bool start()
    {
        stop();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->start(QStringLiteral("redis-server"),
                         {QStringLiteral("--port"), QString::number(m_port),
                          QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                          QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                          QStringLiteral("no"), QStringLiteral("--daemonize"),
                          QStringLiteral("no")});
        if (!m_process->waitForStarted(10000)) {
            return false;
        }
        // Ready when it accepts connections.
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(500)) {
                socket.write("PING\r\n");
                if (socket.waitForReadyRead(2000) && socket.readAll().startsWith("+PONG")) {
                    return true;
                }
            }
            QThread::msleep(50);
        }
        return false;
    }

    void stop()
    {
        if (m_process) {
            m_process->kill(); // SIGKILL: "Redis went away"
            m_process->waitForFinished(10000);
            m_process.reset();
        }
    }

    [[nodiscard]] QString url() const
    {
        return QStringLiteral("redis://127.0.0.1:%1/0").arg(m_port);
    }
    [[nodiscard]] quint16 port() const { return m_port; }

private:
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
};

} // namespace Shop::Tests
