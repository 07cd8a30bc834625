#include "config/serverconfig.h"
#include "db/database.h"
#include "testdatabase.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Server;
using Shop::Tests::TestDatabase;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void help();
    void version();
    void usageErrors_data();
    void usageErrors();
    void configurationErrors_data();
    void configurationErrors();
    void unreachableDatabase();
    void commandsNeedTheSchema();
    void migrate();
    void importProducts();
    void importProductsBadRows();
    void importProductsFromStandardInput();
    void seedDemo();
    void generateCatalog();
    void jobs();
    void createAdmin();

private:
    // Runs shop-server with these arguments; SHOP_* variables come only from env.
    Run run(const QStringList &arguments, const QList<std::pair<QString, QString>> &env = {},
            const QByteArray &input = {});
    QString writeFile(const QString &name, const QByteArray &content);
    qint64 productCount();

    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(SHOP_SERVER_BINARY)), SHOP_SERVER_BINARY);
    QVERIFY(m_dir.isValid());
    auto db = TestDatabase::create({.migrate = false, .configureDb = true});
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
}

void TestCli::cleanupTestCase()
{
    m_db.reset();
}

Run TestCli::run(const QStringList &arguments, const QList<std::pair<QString, QString>> &env,
                 const QByteArray &input)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QLatin1String("SHOP_"))) {
            environment.remove(name);
        }
    }
    for (const auto &[name, value] : env) {
        environment.insert(name, value);
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SHOP_SERVER_BINARY), arguments);
    Run result;
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestCli::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(content);
    }
    return path;
}

qint64 TestCli::productCount()
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto query = Db::exec(*db, QStringLiteral("SELECT count(*) FROM products"));
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toLongLong();
}

void TestCli::help()
{
    for (const QString &flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
        const Run r = run({flag});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        for (const char *command :
             {"serve", "migrate", "seed-demo", "import-products", "generate-catalog", "--seed",
              "--skip-invalid", "--config", "--version"}) {
            QVERIFY2(r.out.contains(QLatin1String(command)), command);
        }
        // every configuration key with its environment variable
        for (const QString &entry : configurationKeys()) {
            const QString key = entry.section(u' ', 0, 0);
            const QString variable = entry.section(u'(', 1).chopped(1);
            const QRegularExpression line(QRegularExpression::escape(key) + QStringLiteral("\\s+")
                                          + QRegularExpression::escape(variable));
            QVERIFY2(line.match(r.out).hasMatch(), qPrintable(entry));
        }
    }
}

void TestCli::version()
{
    const Run r = run({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("shop-server %1").arg(QStringLiteral(SHOP_VERSION))),
             qPrintable(r.out));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("no command") << QStringList() << QStringLiteral("no command");
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command \"frobnicate\"");
    QTest::newRow("unknown option")
        << QStringList {QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("import without file")
        << QStringList {QStringLiteral("import-products")} << QStringLiteral("FILE.csv");
    QTest::newRow("extra argument")
        << QStringList {QStringLiteral("migrate"), QStringLiteral("now")}
        << QStringLiteral("\"now\"");
    QTest::newRow("skip-invalid elsewhere")
        << QStringList {QStringLiteral("migrate"), QStringLiteral("--skip-invalid")}
        << QStringLiteral("--skip-invalid");
    QTest::newRow("generate without number")
        << QStringList {QStringLiteral("generate-catalog")} << QStringLiteral("number");
    QTest::newRow("generate a bad number")
        << QStringList {QStringLiteral("generate-catalog"), QStringLiteral("ten"),
                        QStringLiteral("-o"), QStringLiteral("x.csv")}
        << QStringLiteral("\"ten\"");
    QTest::newRow("generate too many")
        << QStringList {QStringLiteral("generate-catalog"), QStringLiteral("500001"),
                        QStringLiteral("-o"), QStringLiteral("x.csv")}
        << QStringLiteral("500,000");
    QTest::newRow("generate without -o")
        << QStringList {QStringLiteral("generate-catalog"), QStringLiteral("10")}
        << QStringLiteral("-o FILE.csv");
    QTest::newRow("generate with a bad seed") << QStringList {QStringLiteral("generate-catalog"),
                                                              QStringLiteral("10"),
                                                              QStringLiteral("-o"),
                                                              QStringLiteral("x.csv"),
                                                              QStringLiteral("--seed"),
                                                              QStringLiteral("x")}
                                              << QStringLiteral("--seed");
    QTest::newRow("seed elsewhere")
        << QStringList {QStringLiteral("migrate"), QStringLiteral("--seed"), QStringLiteral("1")}
        << QStringLiteral("generate-catalog");
    QTest::newRow("jobs retry without id")
        << QStringList {QStringLiteral("jobs"), QStringLiteral("retry")}
        << QStringLiteral("list, retry ID or discard ID");
    QTest::newRow("jobs retry a bad id")
        << QStringList {QStringLiteral("jobs"), QStringLiteral("retry"), QStringLiteral("x")}
        << QStringLiteral("\"x\"");
    QTest::newRow("jobs unknown action")
        << QStringList {QStringLiteral("jobs"), QStringLiteral("frob")}
        << QStringLiteral("list, retry ID or discard ID");
    QTest::newRow("create-admin without email")
        << QStringList {QStringLiteral("create-admin")} << QStringLiteral("--email");
    QTest::newRow("create-admin with a bad email")
        << QStringList {QStringLiteral("create-admin"), QStringLiteral("--email"),
                        QStringLiteral("nope")}
        << QStringLiteral("--email");
    QTest::newRow("email elsewhere")
        << QStringList {QStringLiteral("migrate"), QStringLiteral("--email"),
                        QStringLiteral("a@b.example")}
        << QStringLiteral("create-admin");
    QTest::newRow("config without file")
        << QStringList {QStringLiteral("migrate"), QStringLiteral("--config")}
        << QStringLiteral("config");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("--help")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCli::configurationErrors_data()
{
    QTest::addColumn<QByteArray>("ini"); // empty: no --config
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("bad env value")
        << QByteArray() << QStringLiteral("SHOP_HTTP_PORT") << QStringLiteral("eighty")
        << QStringLiteral("SHOP_HTTP_PORT: must be a whole number");
    QTest::newRow("bad INI value") << QByteArray("[cache]\nenabled = sometimes\n") << QString()
                                   << QString() << QStringLiteral("cache/enabled: must be");
    QTest::newRow("unknown INI key") << QByteArray("[http]\nprot = 80\n") << QString() << QString()
                                     << QStringLiteral("http/prot: is not a known setting");
}

void TestCli::configurationErrors()
{
    QFETCH(QByteArray, ini);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, mentions);
    QStringList arguments;
    if (!ini.isEmpty()) {
        arguments << QStringLiteral("--config") << writeFile(QStringLiteral("bad.ini"), ini);
    }
    arguments << QStringLiteral("migrate");
    QList<std::pair<QString, QString>> env {{QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    if (!variable.isEmpty()) {
        env.append({variable, value});
    }
    const Run r = run(arguments, env);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));

    const Run missing = run({QStringLiteral("-c"), m_dir.filePath(QStringLiteral("nope.ini")),
                             QStringLiteral("migrate")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QLatin1String("nope.ini")), qPrintable(missing.err));
}

void TestCli::unreachableDatabase()
{
    const Run r = run({QStringLiteral("migrate")},
                      {{QStringLiteral("SHOP_DATABASE_URL"),
                        QStringLiteral("postgresql://shop:s3cret-pw@127.0.0.1:1/shop?connect_"
                                       "timeout=3")}});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("127.0.0.1:1")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("cannot be reached")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QLatin1String("s3cret")), qPrintable(r.err)); // never the password
    QVERIFY(!r.out.contains(QLatin1String("s3cret")));
}

void TestCli::commandsNeedTheSchema()
{
    // The database is still empty: seed-demo and import-products ask for migrate first.
    const QString csv = writeFile(QStringLiteral("early.csv"), "sku,name\n");
    for (const QStringList &arguments : {QStringList {QStringLiteral("seed-demo")},
                                         QStringList {QStringLiteral("import-products"), csv}}) {
        const Run r = run(arguments, {{QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("shop-server migrate")), qPrintable(r.err));
    }
}

void TestCli::migrate()
{
    const QList<std::pair<QString, QString>> env {
        {QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    const Run first = run({QStringLiteral("migrate")}, env);
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(first.out.contains(QLatin1String("applied 0001_initial")), qPrintable(first.out));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.err)); // no chatter on success

    const QString ini = writeFile(QStringLiteral("shop.ini"),
                                  "[database]\nurl = \"" + m_db->url().toUtf8() + "\"\n");
    const Run second = run({QStringLiteral("--config"), ini, QStringLiteral("migrate")});
    QCOMPARE(second.exitCode, 0);
    QVERIFY2(second.out.contains(QLatin1String("up to date")), qPrintable(second.out));
    QVERIFY2(second.err.isEmpty(), qPrintable(second.err));
}

void TestCli::importProducts()
{
    const QString csv = writeFile(
        QStringLiteral("good.csv"),
        "sku,name,description,price,category_slug,category_name,brand,stock_quantity,image_url\n"
        "CLI-1,Lamp,\"Warm, bright\",12.50,lamps,Lamps,Lumina,3,\n"
        "CLI-2,Rug,Soft,99,rugs,Rugs,,0,\n");
    const QList<std::pair<QString, QString>> env {
        {QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    const Run r = run({QStringLiteral("import-products"), csv}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("2 rows read, 2 inserted, 0 updated")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("2 categories created")), qPrintable(r.out));
    QVERIFY2(!r.err.contains(u'\r'), qPrintable(r.err)); // no progress line when not a terminal
    QCOMPARE(productCount(), 2);

    const Run again = run({QStringLiteral("import-products"), csv}, env);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(QLatin1String("0 inserted, 0 updated, 2 unchanged")),
             qPrintable(again.out));

    const Run missing = run(
        {QStringLiteral("import-products"), m_dir.filePath(QStringLiteral("missing.csv"))}, env);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(QLatin1String("cannot read")), qPrintable(missing.err));
}

void TestCli::importProductsBadRows()
{
    const QString csv = writeFile(
        QStringLiteral("bad.csv"),
        "sku,name,description,price,category_slug,category_name,brand,stock_quantity,image_url\n"
        "CLI-10,Good,,1.00,lamps,Lamps,,1,\n"
        "CLI-11,Bad price,,1.999,lamps,Lamps,,1,\n"
        "CLI-12,Good too,,2.00,lamps,Lamps,,1,\n");
    const QList<std::pair<QString, QString>> env {
        {QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    const qint64 before = productCount();
    const Run r = run({QStringLiteral("import-products"), csv}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("line 3: price:")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("nothing was imported")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("--skip-invalid")), qPrintable(r.err));
    QCOMPARE(productCount(), before);

    const Run skipping =
        run({QStringLiteral("import-products"), QStringLiteral("--skip-invalid"), csv}, env);
    QCOMPARE(skipping.exitCode, 0);
    QVERIFY2(skipping.err.contains(QLatin1String("Skipped 1 invalid row")),
             qPrintable(skipping.err));
    QVERIFY2(skipping.err.contains(QLatin1String("line 3: price:")), qPrintable(skipping.err));
    QVERIFY2(skipping.out.contains(QLatin1String("2 inserted")), qPrintable(skipping.out));
    QCOMPARE(productCount(), before + 2);
}

void TestCli::importProductsFromStandardInput()
{
    const QByteArray csv =
        "sku,name,description,price,category_slug,category_name,brand,stock_quantity,image_url\n"
        "CLI-20,Piped,,5.00,,,,5,\n";
    const Run r = run({QStringLiteral("import-products"), QStringLiteral("-")},
                      {{QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}}, csv);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("standard input: 1 rows read, 1 inserted")),
             qPrintable(r.out));
}

void TestCli::seedDemo()
{
    const QList<std::pair<QString, QString>> env {
        {QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    const qint64 before = productCount();
    const Run r = run({QStringLiteral("seed-demo")}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("2,400 products (2,400 new)")), qPrintable(r.out));
    QCOMPARE(productCount(), before + 2400);

    QVERIFY2(r.out.contains(QLatin1String("admin@shop.example (admin)")), qPrintable(r.out));
    const auto count = [](const QString &sql) -> qint64 {
        auto db = Db::threadConnection();
        auto q = db ? Db::exec(*db, sql) : Result<QSqlQuery>(fail(db.error()));
        return q && q->next() ? q->value(0).toLongLong() : -1;
    };
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users WHERE email LIKE '%@shop.example'")),
             4);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users WHERE email = 'admin@shop.example' "
                                  "AND role = 'admin' AND password_hash LIKE '$argon2id$%'")),
             1);

    const Run again = run({QStringLiteral("seed-demo")}, env);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(QLatin1String("(0 new)")), qPrintable(again.out));
    QCOMPARE(productCount(), before + 2400);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users WHERE email LIKE '%@shop.example'")),
             4);
}

void TestCli::createAdmin()
{
    const QList<std::pair<QString, QString>> env {
        {QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    const QStringList args {QStringLiteral("create-admin"), QStringLiteral("--email"),
                            QStringLiteral("boss@corner.example"), QStringLiteral("--name"),
                            QStringLiteral("Barbara Liskov")};
    // The password comes from standard input, never the command line; the rules apply.
    const Run weak = run(args, env, "short\n");
    QCOMPARE(weak.exitCode, 2);
    QVERIFY2(weak.err.contains(QLatin1String("password")), qPrintable(weak.err));
    const Run none = run(args, env, {});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains(QLatin1String("no password")), qPrintable(none.err));

    const Run created = run(args, env, "a long staff passphrase 9\n");
    QCOMPARE(created.exitCode, 0);
    QVERIFY2(created.out.contains(QLatin1String("Created the admin account boss@corner.example")),
             qPrintable(created.out + created.err));
    QVERIFY(!created.out.contains(QLatin1String("passphrase")));
    const auto count = [](const QString &sql) -> qint64 {
        auto db = Db::threadConnection();
        auto q = db ? Db::exec(*db, sql) : Result<QSqlQuery>(fail(db.error()));
        return q && q->next() ? q->value(0).toLongLong() : -1;
    };
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users WHERE email = 'boss@corner.example' "
                                  "AND role = 'admin' AND is_active AND first_name = 'Barbara' "
                                  "AND last_name = 'Liskov'")),
             1);
    // Again for an existing (deactivated customer) account: made an active admin.
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    QVERIFY(Db::exec(*db,
                     QStringLiteral("UPDATE users SET role = 'user', is_active = false WHERE "
                                    "email = 'boss@corner.example'"))
                .has_value());
    const Run again = run(args, env, "another staff passphrase 8\n");
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(QLatin1String("now an active admin")), qPrintable(again.out));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM users WHERE email = 'boss@corner.example' "
                                  "AND role = 'admin' AND is_active")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('user.create', "
                                  "'user.setup') AND actor_id IS NULL AND target_id = (SELECT "
                                  "id::text FROM users WHERE email = 'boss@corner.example')")),
             2);
}

void TestCli::generateCatalog()
{
    // No database needed; the same file for the same seed, another for another seed.
    const QString a = m_dir.filePath(QStringLiteral("generated-a.csv"));
    const QString b = m_dir.filePath(QStringLiteral("generated-b.csv"));
    const QString c = m_dir.filePath(QStringLiteral("generated-c.csv"));
    const Run r =
        run({QStringLiteral("generate-catalog"), QStringLiteral("300"), QStringLiteral("-o"), a});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(QLatin1String("Wrote 300 products")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(run({QStringLiteral("generate-catalog"), QStringLiteral("300"), QStringLiteral("-o"),
                  b, QStringLiteral("--seed"), QStringLiteral("20240601")})
                 .exitCode,
             0);
    QCOMPARE(run({QStringLiteral("generate-catalog"), QStringLiteral("300"), QStringLiteral("-o"),
                  c, QStringLiteral("--seed"), QStringLiteral("7")})
                 .exitCode,
             0);
    const auto read = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray first = read(a);
    QVERIFY(first.startsWith("sku,name,description,price,category_slug,category_name,brand,"
                             "stock_quantity,image_url\n"));
    QCOMPARE(read(b), first);
    QVERIFY(read(c) != first);
    QCOMPARE(first.count('\n'), 301); // no line breaks inside the generated fields

    const Run toStdout = run({QStringLiteral("generate-catalog"), QStringLiteral("300"),
                              QStringLiteral("-o"), QStringLiteral("-")});
    QCOMPARE(toStdout.exitCode, 0);
    QCOMPARE(toStdout.out.toUtf8(), first);
}

void TestCli::jobs()
{
    const QList<std::pair<QString, QString>> env {
        {QStringLiteral("SHOP_DATABASE_URL"), m_db->url()}};
    QCOMPARE(run({QStringLiteral("migrate")}, env).exitCode, 0);
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    const auto inserted =
        Db::exec(*db,
                 QStringLiteral("INSERT INTO jobs (kind, state, attempts, last_error) VALUES "
                                "('cli.queued', 'queued', 0, NULL), "
                                "('cli.dead', 'dead', 5, 'provider said no (after 5 attempts)') "
                                "RETURNING id"));
    SHOP_VERIFY_OK(inserted);
    QSqlQuery ids = *inserted;
    QVERIFY(ids.next());
    const QString queued = ids.value(0).toString();
    QVERIFY(ids.next());
    const QString dead = ids.value(0).toString();

    const Run list = run({QStringLiteral("jobs")}, env);
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(QLatin1String("cli.queued")), qPrintable(list.out));
    QVERIFY2(list.out.contains(QLatin1String("provider said no (after 5 attempts)")),
             qPrintable(list.out));
    QVERIFY2(list.out.contains(QLatin1String("5/5")), qPrintable(list.out));

    const Run retry = run({QStringLiteral("jobs"), QStringLiteral("retry"), dead}, env);
    QCOMPARE(retry.exitCode, 0);
    const Run again = run({QStringLiteral("jobs"), QStringLiteral("retry"), dead}, env);
    QCOMPARE(again.exitCode, 1); // no longer dead
    QVERIFY2(again.err.contains(QLatin1String("no dead job")), qPrintable(again.err));

    const Run discard = run({QStringLiteral("jobs"), QStringLiteral("discard"), queued}, env);
    QCOMPARE(discard.exitCode, 0);
    const Run after = run({QStringLiteral("jobs"), QStringLiteral("list")}, env);
    QCOMPARE(after.exitCode, 0);
    QVERIFY2(!after.out.contains(QLatin1String("cli.queued")), qPrintable(after.out));
    QVERIFY2(after.out.contains(QLatin1String("cli.dead")), qPrintable(after.out));
    QVERIFY2(after.out.contains(QLatin1String("0/5")), qPrintable(after.out));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
