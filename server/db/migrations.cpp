#include "migrations.h"

#include "database.h"
#include "database_p.h"
#include "transaction.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>

namespace Shop::Db {

using Internal::lcDb;

namespace {

// pg_advisory_lock key: "shop_mig" as a big-endian 64-bit number.
constexpr qint64 MigrationLockKey = 0x73686f705f6d6967;

struct Recorded
{
    QString name;
    QString checksum;
};

Result<QList<Migration>> sorted(QList<Migration> migrations)
{
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (qsizetype i = 1; i < migrations.size(); ++i) {
        if (migrations.at(i).version == migrations.at(i - 1).version) {
            return fail(
                Error::internal(QStringLiteral("Two migrations have version %1: %2 and %3.")
                                    .arg(migrations.at(i).version)
                                    .arg(migrations.at(i - 1).name, migrations.at(i).name)));
        }
    }
    return migrations;
}

// Runs one migration file's statements (several, separated by ';') without bound values: the
// files are our own DDL, not input. Checks every statement's result, not only the first.
Result<void> runScript(const QSqlDatabase &db, const Migration &migration)
{
    QSqlQuery query(db);
    bool ok = query.exec(QString::fromUtf8(migration.sql));
    while (ok && query.nextResult()) { }
    const QSqlError error = query.lastError();
    if (!ok || error.isValid()) {
        if (isConnectionLost(db, error)) {
            return fail(sqlError(db, error, migration.name));
        }
        return fail(Error::internal(QStringLiteral("Migration %1 failed: %2")
                                        .arg(migration.name, error.databaseText().trimmed())));
    }
    return {};
}

// Reads schema_migrations; an empty map when the table does not exist yet.
Result<QHash<int, Recorded>> recordedMigrations(const QSqlDatabase &db)
{
    auto exists = exec(db, QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    if (!exists) {
        return fail(exists.error());
    }
    QHash<int, Recorded> recorded;
    if (!exists->next() || !exists->value(0).toBool()) {
        return recorded;
    }
    auto rows = exec(db, QStringLiteral("SELECT version, name, checksum FROM schema_migrations"));
    if (!rows) {
        return fail(rows.error());
    }
    while (rows->next()) {
        recorded.insert(rows->value(0).toInt(),
                        {rows->value(1).toString(), rows->value(2).toString()});
    }
    return recorded;
}

// The applied migrations must be the ones this binary has, unchanged.
Result<void> verify(const QList<Migration> &migrations, const QHash<int, Recorded> &recorded)
{
    for (const Migration &migration : migrations) {
        const auto it = recorded.constFind(migration.version);
        if (it != recorded.constEnd() && it->checksum != migration.checksum) {
            return fail(Error::conflict(
                QStringLiteral("Migration %1 was changed after it was applied (checksum in the "
                               "database %2, in this build %3). Applied migrations must not be "
                               "edited; add a new migration instead.")
                    .arg(migration.name, it->checksum.left(12), migration.checksum.left(12))));
        }
    }
    return {};
}

} // namespace

Result<Migration> Migration::fromFile(const QString &fileName, QByteArray sql)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QRegularExpressionMatch match = pattern.match(fileName);
    if (!match.hasMatch()) {
        return fail(Error::internal(
            QStringLiteral("The migration file %1 is not named NNNN_name.sql.").arg(fileName)));
    }
    Migration migration;
    migration.version = match.captured(1).toInt();
    migration.name = fileName.chopped(4);
    migration.checksum =
        QString::fromLatin1(QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex());
    migration.sql = std::move(sql);
    if (migration.version <= 0) {
        return fail(Error::internal(
            QStringLiteral("The migration file %1 must have a version from 0001.").arg(fileName)));
    }
    return migration;
}

Result<QList<Migration>> loadMigrations(const QString &directory)
{
    const QDir dir(directory);
    if (!dir.exists()) {
        return fail(Error::internal(
            QStringLiteral("The migration folder %1 does not exist.").arg(directory)));
    }
    QList<Migration> migrations;
    for (const QString &fileName : dir.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::internal(
                QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString())));
        }
        auto migration = Migration::fromFile(fileName, file.readAll());
        if (!migration) {
            return fail(migration.error());
        }
        migrations << *migration;
    }
    return sorted(std::move(migrations));
}

Result<QList<Migration>> bundledMigrations()
{
    // Resources never change while the process runs: load and hash them once.
    static const Result<QList<Migration>> bundled = loadMigrations(QStringLiteral(":/migrations"));
    return bundled;
}

Result<MigrationReport> migrate(QSqlDatabase &db)
{
    auto migrations = bundledMigrations();
    if (!migrations) {
        return fail(migrations.error());
    }
    return migrate(db, *migrations);
}

Result<MigrationReport> migrate(QSqlDatabase &db, const QList<Migration> &unsortedMigrations)
{
    auto migrations = sorted(unsortedMigrations);
    if (!migrations) {
        return fail(migrations.error());
    }
    // A session-level lock: held across the per-migration transactions, released on unlock or
    // when the connection ends (so a crashed migrator never leaves it taken).
    if (auto locked = exec(db, QStringLiteral("SELECT pg_advisory_lock(?)"), {MigrationLockKey});
        !locked) {
        return fail(locked.error());
    }
    const auto unlock = qScopeGuard([&db] {
        if (auto unlocked =
                exec(db, QStringLiteral("SELECT pg_advisory_unlock(?)"), {MigrationLockKey});
            !unlocked) {
            qCWarning(lcDb) << "could not release the migration lock:" << unlocked.error().message;
        }
    });

    // Created only when missing (under the lock): CREATE ... IF NOT EXISTS would print a notice.
    auto recorded = recordedMigrations(db);
    if (!recorded) {
        return fail(recorded.error());
    }
    if (recorded->isEmpty()) {
        if (auto created = exec(db,
                                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                               " version integer PRIMARY KEY,"
                                               " name text NOT NULL,"
                                               " checksum text NOT NULL,"
                                               " applied_at timestamptz NOT NULL DEFAULT now())"));
            !created) {
            return fail(created.error());
        }
    }
    if (auto verified = verify(*migrations, *recorded); !verified) {
        return fail(verified.error());
    }

    MigrationReport report;
    report.alreadyApplied = int(recorded->size());
    int highestKnown = 0;
    for (const Migration &migration : *migrations) {
        highestKnown = std::max(highestKnown, migration.version);
    }
    for (auto it = recorded->cbegin(); it != recorded->cend(); ++it) {
        report.schemaVersion = std::max(report.schemaVersion, it.key());
        if (it.key() > highestKnown) {
            return fail(Error::conflict(
                QStringLiteral("The database has migration %1, which this build does not know: "
                               "it was migrated by a newer version of shop-server.")
                    .arg(it->name)));
        }
    }

    for (const Migration &migration : *migrations) {
        if (recorded->contains(migration.version)) {
            continue;
        }
        if (migration.version < report.schemaVersion) {
            return fail(Error::conflict(
                QStringLiteral("Migration %1 is missing from the database, but the later "
                               "migration %2 was applied. Renumber it after the latest one.")
                    .arg(migration.name)
                    .arg(report.schemaVersion)));
        }
        QElapsedTimer timer;
        timer.start();
        Transaction tx(db);
        if (!tx.isActive()) {
            return fail(tx.error());
        }
        if (auto ran = runScript(db, migration); !ran) {
            return fail(ran.error());
        }
        if (auto recordedNow = exec(db,
                                    QStringLiteral("INSERT INTO schema_migrations "
                                                   "(version, name, checksum) VALUES (?, ?, ?)"),
                                    {migration.version, migration.name, migration.checksum});
            !recordedNow) {
            return fail(recordedNow.error());
        }
        if (auto committed = tx.commit(); !committed) {
            return fail(committed.error());
        }
        report.applied.append({migration.version, migration.name, timer.elapsed()});
        report.schemaVersion = migration.version;
        qCInfo(lcDb).noquote() << "applied migration" << migration.name << "in" << timer.elapsed()
                               << "ms";
    }
    return report;
}

Result<int> pendingMigrations(QSqlDatabase &db)
{
    auto migrations = bundledMigrations();
    if (!migrations) {
        return fail(migrations.error());
    }
    return pendingMigrations(db, *migrations);
}

Result<int> pendingMigrations(QSqlDatabase &db, const QList<Migration> &migrations)
{
    auto recorded = recordedMigrations(db);
    if (!recorded) {
        return fail(recorded.error());
    }
    if (auto verified = verify(migrations, *recorded); !verified) {
        return fail(verified.error());
    }
    int pending = 0;
    for (const Migration &migration : migrations) {
        if (!recorded->contains(migration.version)) {
            ++pending;
        }
    }
    return pending;
}

} // namespace Shop::Db
