#include "privatecluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>

#include <cstdlib>

namespace Shop::Tests {

PrivateCluster::PrivateCluster()
{
    QByteArray pattern = QDir::tempPath().toLocal8Bit() + "/shop-faults-XXXXXX";
    if (char *made = ::mkdtemp(pattern.data())) {
        m_root = QString::fromLocal8Bit(made);
        QFile::setPermissions(m_root,
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                  | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                  | QFile::ExeOther);
        m_data = m_root + QStringLiteral("/pg");
    }
    // The socket is a file in DATA/run, so any number no other cluster of ours uses will do.
    m_port = 40000 + int(QRandomGenerator::global()->bounded(20000));
}

PrivateCluster::~PrivateCluster()
{
    if (!m_root.isEmpty()) {
        (void)stop();
        QDir(m_root).removeRecursively();
    }
}

bool PrivateCluster::services(const QString &function)
{
    if (m_root.isEmpty()) {
        m_error = QStringLiteral("no temporary folder for the cluster");
        return false;
    }
    QProcess shell;
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(
        QStringLiteral("bash"),
        {QStringLiteral("-c"),
         QStringLiteral(". \"$1\"/scripts/lib/services.sh && %1 \"$2\" \"$3\"").arg(function),
         QStringLiteral("bash"), QStringLiteral(SHOP_SOURCE_DIR), m_data, QString::number(m_port)});
    if (!shell.waitForFinished(120000) || shell.exitStatus() != QProcess::NormalExit
        || shell.exitCode() != 0) {
        m_error =
            QStringLiteral("%1 failed: %2").arg(function, QString::fromLocal8Bit(shell.readAll()));
        return false;
    }
    return true;
}

bool PrivateCluster::start()
{
    return services(QStringLiteral("pg_start"));
}

bool PrivateCluster::stop()
{
    return services(QStringLiteral("pg_stop"));
}

bool PrivateCluster::isRunning() const
{
    return QFile::exists(m_data + QStringLiteral("/postmaster.pid"));
}

QString PrivateCluster::url(const QString &database) const
{
    return QStringLiteral("postgresql:///%1?host=%2/run&port=%3&user=postgres")
        .arg(database, m_data)
        .arg(m_port);
}

QString PrivateCluster::log() const
{
    QFile file(m_data + QStringLiteral("/postgresql.log"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll().right(4000))
                                          : QString();
}

} // namespace Shop::Tests
