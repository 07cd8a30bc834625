#pragma once

#include "config/serverconfig.h"
#include "error.h"
#include "support/resultcheck.h" // SHOP_VERIFY_OK, which most database tests use

#include <QSqlDatabase>

#include <memory>

namespace Shop::Tests {

// A fresh PostgreSQL database for one test executable, dropped again at the end.
//
// Reads SHOP_TEST_DATABASE_URL (the maintenance database of a throwaway cluster, set by
// scripts/with-test-services), creates a uniquely named database in that cluster, runs all
// migrations, and points Db::configure() at it, so Db::threadConnection() works in every thread.
//
//   void TestX::initTestCase()
//   {
//       auto db = TestDatabase::create();
//       SHOP_VERIFY_OK(db); // fails loudly when SHOP_TEST_DATABASE_URL is not set
//       m_db = std::move(*db);
//   }
//
// The destructor closes this thread's Db connection, terminates any other sessions on the
// database and drops it. Threads that used Db::threadConnection() must have finished by then.
class TestDatabase final
{
public:
    struct Options
    {
        bool migrate = true; // run all bundled migrations
        bool configureDb = true; // call Db::configure() with this database
    };

    [[nodiscard]] static Result<std::unique_ptr<TestDatabase>> create(Options options);
    [[nodiscard]] static Result<std::unique_ptr<TestDatabase>> create() { return create({}); }
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // The database's name, e.g. "shop_test_tst_import_12345_9f3a".
    [[nodiscard]] QString name() const { return m_config.name; }
    // Connection settings for Db::configure(), ServerConfig or openConnection().
    [[nodiscard]] const Server::DatabaseConfig &config() const { return m_config; }
    // The URL for SHOP_DATABASE_URL (for example for a shop-server child process).
    [[nodiscard]] QString url() const { return m_url; }
    // A connection to the cluster's maintenance database, in the creating thread: for
    // administrative statements such as pg_terminate_backend().
    [[nodiscard]] QSqlDatabase maintenance() const;

private:
    TestDatabase() = default;

    Server::DatabaseConfig m_config;
    QString m_url;
    QString m_maintenanceName;
};

} // namespace Shop::Tests
