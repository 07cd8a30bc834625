#pragma once

#include "error.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Shop::Db {

// One schema change: a file NNNN_name.sql (e.g. 0002_product_reviews.sql). The files ship inside
// the binary as Qt resources under :/migrations.
struct Migration
{
    int version = 0; // NNNN
    QString name; // "0002_product_reviews"
    QByteArray sql;
    QString checksum; // SHA-256 of the file, lower-case hex

    // Parses "NNNN_name.sql" and computes the checksum; error for other names.
    [[nodiscard]] static Result<Migration> fromFile(const QString &fileName, QByteArray sql);
};

struct AppliedMigration
{
    int version = 0;
    QString name;
    qint64 milliseconds = 0;
};

struct MigrationReport
{
    QList<AppliedMigration> applied; // applied by this run, in order
    int alreadyApplied = 0; // found recorded in schema_migrations before this run
    int schemaVersion = 0; // highest applied version after this run
};

// The migrations built into this binary (:/migrations), in version order.
[[nodiscard]] Result<QList<Migration>> bundledMigrations();
// Migrations from a folder of NNNN_name.sql files (tests, tools).
[[nodiscard]] Result<QList<Migration>> loadMigrations(const QString &directory);

// Brings the schema up to date: under a PostgreSQL advisory lock (so concurrent migrators wait
// for each other), creates schema_migrations if needed, checks the checksums of the applied
// migrations (an edited applied migration is an error: history was rewritten), then applies each
// pending migration in its own transaction and records it (version, name, checksum, applied_at).
// On a current database it changes nothing. A failing migration is rolled back; the ones before
// it stay applied. Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are
// not allowed in migrations.
[[nodiscard]] Result<MigrationReport> migrate(QSqlDatabase &db);
[[nodiscard]] Result<MigrationReport> migrate(QSqlDatabase &db, const QList<Migration> &migrations);

// How many bundled migrations the database lacks (0: up to date). Error when the database cannot
// be read or an applied migration's checksum differs from the bundled file. Read-only, no lock:
// cheap enough for a readiness probe.
[[nodiscard]] Result<int> pendingMigrations(QSqlDatabase &db);
[[nodiscard]] Result<int> pendingMigrations(QSqlDatabase &db, const QList<Migration> &migrations);

} // namespace Shop::Db
