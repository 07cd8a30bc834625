// scripts/backup-check against real backups of a real store: a database with a customer's order
// placed over HTTP is backed up with pg_dump (custom format) and with pg_basebackup (tar, WAL
// streamed), and the script must restore each into its own scratch cluster, read the order back
// and get shop-server ready on the copy. A damaged dump and a folder that is no backup must fail.

#include "orderfixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Shop;
using namespace Shop::Tests;

namespace {

struct Run
{
    int exitCode = -1;
    QString output;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 300000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(30000)) {
        result.output = program + QStringLiteral(": ") + process.errorString();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.output =
            program + QStringLiteral(": timed out\n") + QString::fromUtf8(process.readAll());
        return result;
    }
    result.output = QString::fromUtf8(process.readAll());
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

QString pgBin(const QString &tool)
{
    // The newest installed PostgreSQL's tools, as scripts/lib/services.sh picks them.
    const QString dir = qEnvironmentVariable("PG_BIN");
    if (!dir.isEmpty()) {
        return dir + u'/' + tool;
    }
    QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    return versions.isEmpty()
        ? tool
        : QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(versions.last(), tool);
}

Run backupCheck(const QStringList &arguments)
{
    return run(QStringLiteral(SHOP_SOURCE_DIR "/scripts/backup-check"),
               QStringList {QStringLiteral("--server"), QStringLiteral(SHOP_SERVER_BINARY)}
                   + arguments);
}

} // namespace

class TestBackupCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void pgDumpArchiveRestoresAndServes();
    void baseBackupRestoresAndServes();
    void damagedDumpFails();
    void folderThatIsNoBackupFails();

private:
    OrderFixture f;
    QTemporaryDir m_dir;
    QString m_orderNumber;
};

void TestBackupCheck::initTestCase()
{
    const QString error = f.start(2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_dir.isValid());
    // pg_basebackup and the scratch clusters run as the postgres user when we are root.
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::ExeOther
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
    const Customer ada = f.customer();
    const QString lamp = f.product(2500, 10, QStringLiteral("Lamp"));
    f.addToCart(ada, lamp, 2);
    const HttpReply placed = f.placeOrder(ada, "backup-check-1");
    QCOMPARE(placed.status, 201);
    m_orderNumber = QJsonDocument::fromJson(placed.body).object().value(u"order_number").toString();
    QVERIFY(!m_orderNumber.isEmpty());
}

void TestBackupCheck::cleanupTestCase()
{
    f.stop();
}

void TestBackupCheck::pgDumpArchiveRestoresAndServes()
{
    const QString dump = m_dir.filePath(QStringLiteral("shop.dump"));
    const Run dumped = run(pgBin(QStringLiteral("pg_dump")),
                           {QStringLiteral("-Fc"), QStringLiteral("-f"), dump, f.databaseUrl()});
    QVERIFY2(dumped.exitCode == 0, qPrintable(dumped.output));

    const Run checked = backupCheck({dump});
    qInfo().noquote() << checked.output;
    QVERIFY2(checked.exitCode == 0, qPrintable(checked.output));
    QVERIFY2(checked.output.contains(m_orderNumber), qPrintable(checked.output));
    QVERIFY2(checked.output.contains(QStringLiteral("2 x ")), qPrintable(checked.output));
    QVERIFY2(checked.output.contains(QStringLiteral("/health/ready: ")),
             qPrintable(checked.output));
    QVERIFY2(checked.output.contains(QStringLiteral("backup OK")), qPrintable(checked.output));
    QVERIFY2(
        QRegularExpression(QStringLiteral("\\norders\\s+1\\n")).match(checked.output).hasMatch(),
        qPrintable(checked.output));
}

void TestBackupCheck::baseBackupRestoresAndServes()
{
    const QString base = m_dir.filePath(QStringLiteral("base"));
    // The whole test cluster, as an operator's nightly base backup would take it.
    const QUrl url(f.databaseUrl());
    const QUrlQuery query(url);
    const Run taken = run(pgBin(QStringLiteral("pg_basebackup")),
                          {QStringLiteral("-h"), query.queryItemValue(QStringLiteral("host")),
                           QStringLiteral("-p"), query.queryItemValue(QStringLiteral("port")),
                           QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-D"),
                           base, QStringLiteral("-Ft"), QStringLiteral("-X"),
                           QStringLiteral("stream"), QStringLiteral("--checkpoint=fast")});
    QVERIFY2(taken.exitCode == 0, qPrintable(taken.output));

    const Run checked = backupCheck({QStringLiteral("--database"), f.databaseName(), base});
    qInfo().noquote() << checked.output;
    QVERIFY2(checked.exitCode == 0, qPrintable(checked.output));
    QVERIFY2(checked.output.contains(m_orderNumber), qPrintable(checked.output));
    QVERIFY2(checked.output.contains(QStringLiteral("backup OK")), qPrintable(checked.output));
}

void TestBackupCheck::damagedDumpFails()
{
    const QString dump = m_dir.filePath(QStringLiteral("shop.dump"));
    QVERIFY2(QFile::exists(dump), "pgDumpArchiveRestoresAndServes writes the dump first");
    const QString damaged = m_dir.filePath(QStringLiteral("damaged.dump"));
    QFile in(dump);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QFile out(damaged);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(in.read(in.size() / 2)); // cut in the middle, as a full disk would
    out.close();

    const Run checked = backupCheck({damaged});
    QCOMPARE(checked.exitCode, 1);
    QVERIFY2(checked.output.contains(QStringLiteral("FAILED")), qPrintable(checked.output));
    QVERIFY2(!checked.output.contains(QStringLiteral("backup OK")), qPrintable(checked.output));
}

void TestBackupCheck::folderThatIsNoBackupFails()
{
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    const Run checked = backupCheck({empty.path()});
    QCOMPARE(checked.exitCode, 1);
    QVERIFY2(checked.output.contains(QStringLiteral("neither")), qPrintable(checked.output));
}

QTEST_GUILESS_MAIN(TestBackupCheck)
#include "tst_backupcheck.moc"
