#pragma once

#include "config/serverconfig.h"
#include "http/router.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTcpSocket>
#include <QThread>

#include <functional>
#include <memory>

namespace Shop::Http {
class HttpServer;
}

namespace Shop::Tests {

// One HTTP answer as read off the socket.
struct HttpReply
{
    int status = 0; // 0: no (complete) answer arrived
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    qint64 elapsedMs = 0; // from sending the request (request()) or from read() to the answer

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] QJsonObject json() const;
    [[nodiscard]] QJsonArray jsonArray() const;
};

// A raw HTTP/1.1 client on one blocking socket, for tests that need exact bytes on the wire:
// pipelining, partial requests, slow bodies. Use it from the test thread while the server runs
// in its own thread (TestServer).
class HttpClient final
{
public:
    explicit HttpClient(quint16 port, int connectTimeoutMs = 3000);

    [[nodiscard]] bool isConnected() const;
    // Writes bytes now (flushed before returning).
    bool send(const QByteArray &bytes);
    // Reads one answer; `headRequest`: it has no body whatever Content-Length says. An interim
    // 100 Continue comes back as its own answer.
    [[nodiscard]] HttpReply read(int timeoutMs = 5000, bool headRequest = false);
    // Sends a request (adds Host, and Content-Length when there is a body) and reads its answer.
    [[nodiscard]] HttpReply request(const QByteArray &method, const QByteArray &target,
                                    const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                                    const QByteArray &body = {}, int timeoutMs = 5000);
    // True once the server has closed the connection (EOF or reset) within the time.
    [[nodiscard]] bool waitForClosed(int timeoutMs = 3000);
    // Bytes received but not consumed by read().
    [[nodiscard]] QByteArray pending() const { return m_buffer; }

    QTcpSocket &socket() { return m_socket; }

private:
    bool fill(qint64 deadlineMs, const class QElapsedTimer &clock);

    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};

// A server on 127.0.0.1 (a free port) running in a thread of its own, so that tests can use
// blocking clients. Either an HttpServer for a router the test builds (target shop_test_http:
// links the HTTP platform only), or the whole shop-server with every module (target
// shop_test_server, shopservertestserver.cpp; configure the database first, e.g. with
// TestDatabase).
class TestServer final
{
public:
    // What a start function made in the server's thread: `owner` keeps it alive and is released
    // there; `http` is the HTTP server inside it.
    struct Started
    {
        std::shared_ptr<void> owner;
        Http::HttpServer *http = nullptr;
        quint16 port = 0;
    };

    // `router` must outlive the server.
    explicit TestServer(const Http::Router &router, const Server::HttpConfig &config = {},
                        int workerThreads = 4);
    // The whole shop-server (defined in shopservertestserver.cpp, target shop_test_server).
    explicit TestServer(const Server::ServerConfig &config);
    // Whatever `start` builds, in the server's thread.
    explicit TestServer(const std::function<Result<Started>()> &start);
    ~TestServer();

    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    [[nodiscard]] bool isRunning() const { return m_port != 0; }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] quint16 port() const { return m_port; }
    // "http://127.0.0.1:PORT" + pathAndQuery
    [[nodiscard]] QString url(const QString &pathAndQuery = {}) const;

    // Thread-safe statistics of the running server.
    [[nodiscard]] int openConnections() const;
    [[nodiscard]] int queuedRequests() const;
    // Polls until openConnections() == count; false on timeout.
    [[nodiscard]] bool waitForOpenConnections(int count, int timeoutMs = 5000) const;

    // One request on a fresh connection.
    [[nodiscard]] HttpReply request(const QByteArray &method, const QByteArray &target,
                                    const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                                    const QByteArray &body = {}, int timeoutMs = 5000) const;
    [[nodiscard]] HttpReply get(const QByteArray &target,
                                const QList<std::pair<QByteArray, QByteArray>> &headers = {}) const
    {
        return request(QByteArrayLiteral("GET"), target, headers);
    }

    // Runs `function` in the server's thread and waits for it.
    void runInServerThread(const std::function<void()> &function) const;
    // The HTTP server (lives in the server's thread: call only its thread-safe getters here).
    [[nodiscard]] Http::HttpServer *http() const { return m_http; }

private:
    void startThread();

    QThread m_thread;
    QObject *m_anchor = nullptr; // lives in m_thread; context for cross-thread calls
    std::shared_ptr<void> m_owner;
    Http::HttpServer *m_http = nullptr;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace Shop::Tests
