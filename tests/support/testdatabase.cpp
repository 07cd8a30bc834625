#include "testdatabase.h"

#include "db/database.h"
#include "db/migrations.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace Shop::Tests {

using namespace Shop::Server;

namespace {

QString uniqueDatabaseName()
{
    QString app = QCoreApplication::applicationName().toLower();
    app.removeIf([](QChar c) { return !((c >= u'a' && c <= u'z') || c.isDigit() || c == u'_'); });
    return QStringLiteral("shop_test_%1_%2_%3")
        .arg(app.left(24))
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
}

} // namespace

Result<std::unique_ptr<TestDatabase>> TestDatabase::create(Options options)
{
    const QString adminUrl = qEnvironmentVariable("SHOP_TEST_DATABASE_URL");
    if (adminUrl.isEmpty()) {
        return fail(Error::unavailable(
            QStringLiteral("SHOP_TEST_DATABASE_URL is not set. Run the tests through "
                           "scripts/with-test-services, which starts a throwaway PostgreSQL "
                           "cluster and sets it.")));
    }
    auto admin = DatabaseConfig::fromUrl(adminUrl);
    if (!admin) {
        return fail(Error::badRequest(
            QStringLiteral("SHOP_TEST_DATABASE_URL %1").arg(admin.error().message)));
    }

    std::unique_ptr<TestDatabase> db(new TestDatabase);
    db->m_config = *admin;
    db->m_config.name = uniqueDatabaseName();
    db->m_maintenanceName = QStringLiteral("shop-test-maintenance-") + db->m_config.name;
    QUrl url(adminUrl);
    url.setPath(u'/' + db->m_config.name);
    db->m_url = url.toString();

    auto maintenance = Db::openConnection(*admin, db->m_maintenanceName);
    if (!maintenance) {
        db->m_maintenanceName.clear();
        return fail(maintenance.error());
    }
    {
        // CREATE DATABASE takes no bound parameters; the name is generated above from [a-z0-9_].
        QSqlQuery query(*maintenance);
        if (!query.exec(QStringLiteral("CREATE DATABASE ") + db->m_config.name)) {
            const QString reason = query.lastError().text();
            return fail(Error::unavailable(QStringLiteral("Cannot create the test database %1: %2")
                                               .arg(db->m_config.name, reason)));
        }
    }

    if (options.migrate) {
        const QString migrator = QStringLiteral("shop-test-migrate-") + db->m_config.name;
        Result<Db::MigrationReport> report = fail(Error::internal(QString()));
        {
            auto connection = Db::openConnection(db->m_config, migrator);
            if (!connection) {
                return fail(connection.error());
            }
            report = Db::migrate(*connection);
            connection->close();
        }
        QSqlDatabase::removeDatabase(migrator);
        if (!report) {
            return fail(report.error());
        }
    }
    if (options.configureDb) {
        Db::configure(db->m_config);
    }
    return db;
}

TestDatabase::~TestDatabase()
{
    Db::closeThreadConnection();
    if (m_maintenanceName.isEmpty()) {
        return;
    }
    {
        QSqlDatabase admin = maintenance();
        if (auto terminated =
                Db::exec(admin,
                         QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        "WHERE datname = ? AND pid <> pg_backend_pid()"),
                         {m_config.name});
            !terminated) {
            qWarning("TestDatabase: cannot end the sessions on %s: %s", qPrintable(m_config.name),
                     qPrintable(terminated.error().message));
        }
        QSqlQuery drop(admin);
        if (!drop.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_config.name
                       + QStringLiteral(" WITH (FORCE)"))) {
            qWarning("TestDatabase: cannot drop %s: %s", qPrintable(m_config.name),
                     qPrintable(drop.lastError().text()));
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(m_maintenanceName);
}

QSqlDatabase TestDatabase::maintenance() const
{
    return QSqlDatabase::database(m_maintenanceName, false);
}

} // namespace Shop::Tests
