#pragma once

#include <QString>

namespace Shop::Tests {

// A PostgreSQL cluster of the test's own, which it may stop and start (the shared test cluster of
// scripts/with-test-services is used by other tests at the same time and must never restart).
// Made with scripts/lib/services.sh (pg_start/pg_stop: initdb, the postgres OS user when running
// as root, a unix socket in DATA/run, no TCP) in a folder under /tmp that the destructor deletes.
class PrivateCluster final
{
public:
    PrivateCluster();
    ~PrivateCluster(); // stops the cluster and removes its folder
    PrivateCluster(const PrivateCluster &) = delete;
    PrivateCluster &operator=(const PrivateCluster &) = delete;

    [[nodiscard]] bool start(); // creates it on first use; waits until it accepts connections
    [[nodiscard]] bool stop(); // fast shutdown: open transactions roll back, clients are cut off
    [[nodiscard]] bool isRunning() const;
    // postgresql:///DB?host=DATA/run&port=PORT&user=postgres
    [[nodiscard]] QString url(const QString &database = QStringLiteral("postgres")) const;
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QString log() const; // the server's log file, for failure messages

private:
    [[nodiscard]] bool services(const QString &function);

    QString m_root; // /tmp/shop-faults-XXXXXX (mode 755: the postgres user passes through)
    QString m_data;
    int m_port = 0;
    QString m_error;
};

} // namespace Shop::Tests
