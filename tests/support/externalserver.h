#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace Shop::Tests {

// The REAL shop-server binary on a fresh database, for client and app tests.
//
//   ExternalServer server;
//   QVERIFY2(server.start(), qPrintable(server.errorString()));
//   client.setBaseUrl(server.baseUrl());
//
// start() creates a uniquely named database in the cluster of SHOP_TEST_DATABASE_URL (set by
// scripts/with-test-services), runs `shop-server migrate` and `shop-server seed-demo` (or
// `import-products` with a CSV) against it, starts `shop-server serve` on a free port and waits
// for /health/ready. The destructor stops the server and drops the database.
class ExternalServer final
{
public:
    struct Options
    {
        bool seedDemo = true; // `shop-server seed-demo`
        QByteArray csv; // not empty: written to a file and imported with import-products
    };

    ExternalServer();
    ~ExternalServer();
    ExternalServer(const ExternalServer &) = delete;
    ExternalServer &operator=(const ExternalServer &) = delete;

    [[nodiscard]] bool start(const Options &options);
    [[nodiscard]] bool start() { return start(Options {}); }
    // Stops only the HTTP server (the database stays): "the server went away".
    void stopServing();
    // Starts serving again on the same port.
    [[nodiscard]] bool startServing();
    [[nodiscard]] bool isServing() const;

    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString databaseUrl() const { return m_databaseUrl; }
    [[nodiscard]] QString errorString() const { return m_error; }
    // The server's log so far (stdout and stderr of `serve`), for failure messages.
    [[nodiscard]] QByteArray serverLog() const;

    // Runs `shop-server <arguments>` against the test database and waits for it.
    [[nodiscard]] bool runCommand(const QStringList &arguments, int timeoutMs = 600000);

    [[nodiscard]] static QString serverBinary();
    [[nodiscard]] static quint16 freePort();

private:
    [[nodiscard]] bool createDatabase();
    void dropDatabase();
    [[nodiscard]] bool waitUntilReady(int timeoutMs);
    [[nodiscard]] QProcessEnvironment environment() const;

    QString m_maintenanceUrl;
    QString m_databaseName;
    QString m_databaseUrl;
    QString m_connectionName;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_serve;
    QByteArray m_log;
    QString m_error;
};

} // namespace Shop::Tests
