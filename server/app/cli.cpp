#include "cli.h"

#include "accounts/accountsetup.h"
#include "catalog/productimporter.h"
#include "config/serverconfig.h"
#include "db/database.h"
#include "db/migrations.h"
#include "db/transaction.h"
#include "demo/cataloggenerator.h"
#include "demo/demostore.h"
#include "healthcheck.h"
#include "jobs/jobrepository.h"
#include "logformat.h"
#include "modules.h"
#include "openapidocument.h"
#include "outbox/outbox.h"
#include "serve.h"
#include "validation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>

#include <cstdio>
#include <optional>
#include <termios.h>
#include <unistd.h>

namespace Shop::Server {

namespace {

Q_LOGGING_CATEGORY(lcCli, "shop.server.cli")

// Exit codes: documented in docs/configuration.md.
constexpr int ExitOk = 0;
constexpr int ExitFailure = 1; // the command ran and failed (database unreachable, bad rows, ...)
constexpr int ExitUsage = 2; // bad command line or configuration

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void out(const QString &text)
{
    print(stdout, text + u'\n');
}

void err(const QString &text)
{
    print(stderr, text + u'\n');
}

QString withSeparators(qint64 number)
{
    QString digits = QString::number(number);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3) {
        digits.insert(i, u',');
    }
    return digits;
}

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

// A status line rewritten in place with \r, only when stderr is a terminal; at most 10 per second.
class ProgressLine final
{
public:
    ProgressLine()
        : m_enabled(::isatty(STDERR_FILENO) == 1)
    {
        m_timer.start();
    }
    ~ProgressLine() { finish(); }

    void show(const QString &text, bool force = false)
    {
        if (!m_enabled || (!force && m_timer.elapsed() < 100)) {
            return;
        }
        m_timer.restart();
        QString line = text;
        if (line.size() < m_width) {
            line += QString(m_width - line.size(), u' ');
        }
        m_width = int(text.size());
        print(stderr, u'\r' + line);
        m_active = true;
    }

    void finish()
    {
        if (m_active) {
            print(stderr, QStringLiteral("\n"));
            m_active = false;
        }
    }

private:
    bool m_enabled;
    bool m_active = false;
    int m_width = 0;
    QElapsedTimer m_timer;
};

void printError(const QString &context, const Error &error, qsizetype maxFieldErrors = 50)
{
    err(QStringLiteral("shop-server: %1: %2").arg(context, error.message));
    if (!error.logDetail.isEmpty()) {
        err(QStringLiteral("  %1").arg(error.logDetail));
    }
    qsizetype shown = 0;
    for (const FieldError &field : error.fieldErrors) {
        if (shown++ == maxFieldErrors) {
            err(QStringLiteral("  ... and %1 more").arg(error.fieldErrors.size() - maxFieldErrors));
            break;
        }
        err(QStringLiteral("  %1: %2").arg(field.field, field.message));
    }
}

QString helpText(const QCommandLineParser &parser)
{
    QString text = QStringLiteral(
        "Usage: shop-server [--config FILE.ini] COMMAND [ARGUMENTS]\n"
        "\n"
        "The Shop server: the store's REST API (catalog, accounts, cart, orders), its\n"
        "background jobs and email, over PostgreSQL.\n"
        "\n"
        "Commands:\n"
        "  serve                      Run the HTTP server until SIGINT or SIGTERM.\n"
        "  migrate                    Apply pending database migrations, then exit.\n"
        "  seed-demo                  Create or refresh the demo store (categories, 2,400\n"
        "                             products with generated images). Safe to run again.\n"
        "  import-products FILE.csv   Import or update products from a CSV file (\"-\" reads\n"
        "                             standard input). All rows or none, unless\n"
        "                             --skip-invalid is given.\n"
        "  generate-catalog N -o FILE.csv [--seed S]\n"
        "                             Write N products (at most 500,000) made of the demo\n"
        "                             words as CSV for import-products; the same file for\n"
        "                             the same N and seed. No database needed.\n"
        "  jobs [list|retry ID|discard ID]\n"
        "                             List queued, scheduled, running and dead jobs with\n"
        "                             their attempts and last error; put a dead job back\n"
        "                             in the queue; delete a job that is not running.\n"
        "  create-admin --email ADDRESS [--name \"First Last\"]\n"
        "                             Create a staff account (or make the account with this\n"
        "                             address an admin with a new password). The password is\n"
        "                             read from the terminal (asked twice) or standard input,\n"
        "                             never from the command line.\n"
        "  mail-test ADDRESS [--language de]\n"
        "                             Queue the four emails (welcome, order confirmation,\n"
        "                             shipping, password reset) with sample data to ADDRESS;\n"
        "                             a running server sends them (SendGrid or shop-sandbox).\n"
        "  healthcheck                Ask the configured server for /health/ready; exit 0\n"
        "                             when it is ready (for container health checks).\n"
        "  openapi                    Print the OpenAPI document the server serves at\n"
        "                             /api/openapi.json (docs/openapi.json is its copy).\n"
        "\n");
    // The options part of Qt's own help, without its usage line.
    QString options = parser.helpText();
    const qsizetype start = options.indexOf(QLatin1String("Options:"));
    const qsizetype end = options.indexOf(QLatin1String("Arguments:"));
    if (start >= 0) {
        text += options.mid(start, end > start ? end - start : -1).trimmed() + u'\n';
    }
    text += QStringLiteral("\nConfiguration: built-in defaults < the INI file (--config) < "
                           "environment variables.\n"
                           "  INI key (section/name)          environment variable\n");
    for (const QString &entry : configurationKeys()) {
        // "database/url (SHOP_DATABASE_URL)"
        const qsizetype open = entry.indexOf(QLatin1String(" ("));
        const QString key = open > 0 ? entry.left(open) : entry;
        const QString env = open > 0 ? entry.mid(open + 2).chopped(1) : QString();
        text += QStringLiteral("  ") + key.leftJustified(32) + env + u'\n';
    }
    text += QStringLiteral("Defaults and meanings: docs/configuration.md.\n"
                           "\n"
                           "Exit status: 0 success, 1 the command failed, 2 bad command line or "
                           "configuration.\n");
    return text;
}

// Sets up the database for a one-shot command and returns this thread's connection.
Result<QSqlDatabase> connect(const ServerConfig &config)
{
    Db::configure(config.database);
    return Db::threadConnection();
}

int runMigrate(const ServerConfig &config)
{
    auto db = connect(config);
    if (!db) {
        printError(QStringLiteral("migrate"), db.error());
        return ExitFailure;
    }
    auto report = Db::migrate(*db);
    if (!report) {
        printError(QStringLiteral("migrate"), report.error());
        return ExitFailure;
    }
    for (const Db::AppliedMigration &applied : report->applied) {
        out(QStringLiteral("applied %1 (%2 ms)").arg(applied.name).arg(applied.milliseconds));
    }
    if (report->applied.isEmpty()) {
        out(QStringLiteral("The database is up to date (schema version %1, %2 migrations).")
                .arg(report->schemaVersion)
                .arg(report->alreadyApplied));
    } else {
        out(QStringLiteral("Applied %1 migration(s); schema version %2.")
                .arg(report->applied.size())
                .arg(report->schemaVersion));
    }
    return ExitOk;
}

// The commands that write data need the schema; say so instead of failing on a missing table.
bool schemaIsCurrent(QSqlDatabase &db, const QString &command)
{
    auto pending = Db::pendingMigrations(db);
    if (!pending) {
        printError(command, pending.error());
        return false;
    }
    if (*pending > 0) {
        err(QStringLiteral("shop-server: %1: the database lacks %2 migration(s); run "
                           "`shop-server migrate` first.")
                .arg(command)
                .arg(*pending));
        return false;
    }
    return true;
}

// The database for a command that needs the current schema: nullopt (after saying why) when it
// cannot be reached or lacks migrations.
std::optional<QSqlDatabase> currentDatabase(const ServerConfig &config, const QString &command)
{
    auto db = connect(config);
    if (!db) {
        printError(command, db.error());
        return std::nullopt;
    }
    if (!schemaIsCurrent(*db, command)) {
        return std::nullopt;
    }
    return *db;
}

// shop-server jobs [list|retry ID|discard ID]
int runJobs(const ServerConfig &config, const QString &action, qint64 id)
{
    const QString command = QStringLiteral("jobs ") + action;
    std::optional<QSqlDatabase> db = currentDatabase(config, command);
    if (!db) {
        return ExitFailure;
    }
    if (action == u"retry" || action == u"discard") {
        auto done = action == u"retry" ? Jobs::JobRepository::retryDead(*db, id)
                                       : Jobs::JobRepository::discard(*db, id);
        if (!done) {
            printError(command, done.error());
            return ExitFailure;
        }
        out(action == u"retry" ? QStringLiteral("Job %1 is queued again.").arg(id)
                               : QStringLiteral("Job %1 discarded.").arg(id));
        return ExitOk;
    }
    constexpr int Limit = 1000;
    auto rows = Jobs::JobRepository::list(*db, false, Limit);
    if (!rows) {
        printError(command, rows.error());
        return ExitFailure;
    }
    if (rows->isEmpty()) {
        out(QStringLiteral("No queued, scheduled, running or dead jobs."));
        return ExitOk;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    out(QStringLiteral("%1 %2 %3 %4 %5 %6")
            .arg(QStringLiteral("ID"), -10)
            .arg(QStringLiteral("STATE"), -10)
            .arg(QStringLiteral("KIND"), -24)
            .arg(QStringLiteral("ATTEMPTS"), -9)
            .arg(QStringLiteral("RUN AT (UTC)"), -20)
            .arg(QStringLiteral("LAST ERROR")));
    for (const Jobs::JobRow &row : *rows) {
        const QString state =
            row.state == u"queued" && row.runAt > now ? QStringLiteral("scheduled") : row.state;
        out(QStringLiteral("%1 %2 %3 %4 %5 %6")
                .arg(row.id, -10)
                .arg(state, -10)
                .arg(row.kind, -24)
                .arg(QStringLiteral("%1/%2").arg(row.attempts).arg(row.maxAttempts), -9)
                .arg(row.runAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), -20)
                .arg(QString(row.lastError).replace(u'\n', u' ')));
    }
    if (rows->size() == Limit) {
        out(QStringLiteral("(the first %1 jobs)").arg(Limit));
    }
    return ExitOk;
}

// The password for create-admin: asked twice without echo on a terminal, else the first line of
// standard input. Empty when it could not be read or the two did not match (after saying so).
QString readPassword()
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    const auto readLine = [terminal](const char *prompt) -> std::optional<QString> {
        termios saved {};
        if (terminal) {
            std::fputs(prompt, stderr);
            std::fflush(stderr);
            ::tcgetattr(STDIN_FILENO, &saved);
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        char buffer[4096];
        const bool ok = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
        if (terminal) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
            std::fputs("\n", stderr);
        }
        if (!ok) {
            return std::nullopt;
        }
        QString line = QString::fromUtf8(buffer);
        while (line.endsWith(u'\n') || line.endsWith(u'\r')) {
            line.chop(1);
        }
        return line;
    };
    const std::optional<QString> first = readLine("Password: ");
    if (!first || first->isEmpty()) {
        err(QStringLiteral("create-admin: no password given (type it, or pipe it to standard "
                           "input)."));
        return {};
    }
    if (terminal) {
        const std::optional<QString> second = readLine("Password again: ");
        if (!second || *second != *first) {
            err(QStringLiteral("create-admin: the two passwords differ; nothing was changed."));
            return {};
        }
    }
    return *first;
}

// shop-server create-admin --email ADDRESS [--name "First Last"]
int runCreateAdmin(const ServerConfig &config, const QString &email, const QString &name)
{
    const QString command = QStringLiteral("create-admin");
    std::optional<QSqlDatabase> db = currentDatabase(config, command);
    if (!db) {
        return ExitFailure;
    }
    const QString password = readPassword();
    if (password.isEmpty()) {
        return ExitUsage;
    }
    Accounts::AccountSetup account;
    account.email = email;
    account.password = password;
    account.firstName = name.section(u' ', 0, 0);
    account.lastName = name.section(u' ', 1);
    account.role = QStringLiteral("admin");
    auto done = Accounts::setUpAccount(*db, account, config.auth);
    if (!done) {
        printError(command, done.error());
        return done.error().code == ErrorCode::Validation ? ExitUsage : ExitFailure;
    }
    out(done->created ? QStringLiteral("Created the admin account %1.").arg(done->user.email)
                      : QStringLiteral("%1 is now an active admin with the new password; its "
                                       "sessions have ended.")
                            .arg(done->user.email));
    return ExitOk;
}

// shop-server mail-test ADDRESS [--language de]
int runMailTest(const ServerConfig &config, const QString &address, const QString &language)
{
    const QString command = QStringLiteral("mail-test");
    std::optional<QSqlDatabase> db = currentDatabase(config, command);
    if (!db) {
        return ExitFailure;
    }
    auto transaction = Db::Transaction::begin(*db);
    if (!transaction) {
        printError(command, transaction.error());
        return ExitFailure;
    }
    QList<qint64> ids;
    for (const QString &name : Outbox::sampleTemplates()) {
        auto queued = Outbox::enqueueMail(*db, Outbox::SampleEmail,
                                          Outbox::samplePayload(name, address, language));
        if (!queued) {
            printError(command, queued.error());
            return ExitFailure;
        }
        ids.append(queued->id);
    }
    if (auto committed = transaction->commit(); !committed) {
        printError(command, committed.error());
        return ExitFailure;
    }
    const QUrl url(config.mail.sendgridBaseUrl);
    out(QStringLiteral("Queued %1 sample emails to %2 (jobs %3 to %4), to be sent through %5.")
            .arg(ids.size())
            .arg(address)
            .arg(ids.constFirst())
            .arg(ids.constLast())
            .arg(url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)
                     .toString()));
    out(QStringLiteral("A running shop-server sends them; `shop-server jobs` shows their state."));
    return ExitOk;
}

int runImport(const ServerConfig &config, const QString &path, bool skipInvalid)
{
    const QString command = QStringLiteral("import-products");
    QFile file;
    const bool fromStdin = path == u"-";
    const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly)
                                  : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        err(QStringLiteral("shop-server: %1: cannot read %2: %3")
                .arg(command, path, file.errorString()));
        return ExitFailure;
    }
    std::optional<QSqlDatabase> db = currentDatabase(config, command);
    if (!db) {
        return ExitFailure;
    }

    Catalog::ProductImporter importer(
        {.currency = *Currency::fromCode(config.currency), .skipInvalid = skipInvalid});
    ProgressLine progress;
    importer.setProgressHandler([&progress](const Catalog::ProductImportProgress &p) {
        if (p.writing) {
            progress.show(QStringLiteral("import: %1 rows read; writing products ...")
                              .arg(withSeparators(p.rowsRead)),
                          true);
        } else if (p.bytesTotal > 0) {
            progress.show(QStringLiteral("import: %1 rows read (%2%)")
                              .arg(withSeparators(p.rowsRead))
                              .arg(p.bytesRead * 100 / p.bytesTotal));
        } else {
            progress.show(QStringLiteral("import: %1 rows read").arg(withSeparators(p.rowsRead)));
        }
    });
    auto summary = importer.run(*db, &file);
    progress.finish();
    if (!summary) {
        printError(QStringLiteral("%1 %2").arg(command, path), summary.error());
        if (summary.error().code == ErrorCode::Validation && !skipInvalid) {
            err(QStringLiteral("Fix these rows, or run again with --skip-invalid to import the "
                               "valid rows only."));
        }
        return ExitFailure;
    }
    if (summary->skippedCount > 0) {
        err(QStringLiteral("Skipped %1 invalid row(s):").arg(summary->skippedCount));
        qsizetype shown = 0;
        for (const Catalog::SkippedImportRow &row : summary->skipped) {
            if (shown++ == 50) {
                err(QStringLiteral("  ... and %1 more").arg(summary->skippedCount - 50));
                break;
            }
            err(QStringLiteral("  line %1: %2").arg(row.line).arg(row.reason));
        }
    }
    out(QStringLiteral("Imported %1: %2 rows read, %3 inserted, %4 updated, %5 unchanged, %6 "
                       "skipped, %7 categories created in %8.")
            .arg(fromStdin ? QStringLiteral("standard input") : path)
            .arg(withSeparators(summary->rowsRead), withSeparators(summary->inserted),
                 withSeparators(summary->updated), withSeparators(summary->unchanged),
                 withSeparators(summary->skippedCount), withSeparators(summary->categoriesCreated),
                 seconds(summary->milliseconds)));
    return ExitOk;
}

int runSeedDemo(const ServerConfig &config)
{
    const QString command = QStringLiteral("seed-demo");
    std::optional<QSqlDatabase> db = currentDatabase(config, command);
    if (!db) {
        return ExitFailure;
    }
    Demo::DemoStore store(*Currency::fromCode(config.currency));
    ProgressLine progress;
    store.setProgressHandler([&progress](int done, int total) {
        progress.show(QStringLiteral("seed-demo: %1 of %2 products (%3%)")
                          .arg(withSeparators(done), withSeparators(total))
                          .arg(total > 0 ? done * 100 / total : 100),
                      done == total);
    });
    auto summary = store.seed(*db);
    progress.finish();
    if (!summary) {
        printError(command, summary.error());
        return ExitFailure;
    }
    out(QStringLiteral("Demo store ready: %1 departments, %2 categories, %3 products (%4 new), %5 "
                       "images (%6 KB) in %7.")
            .arg(summary->departments)
            .arg(summary->categories)
            .arg(withSeparators(summary->products), withSeparators(summary->productsCreated))
            .arg(summary->images)
            .arg(summary->imageBytes / 1024)
            .arg(seconds(summary->milliseconds)));
    QStringList accounts;
    for (const Accounts::AccountSetup &account : Accounts::demoAccounts()) {
        auto done = Accounts::setUpAccount(*db, account, config.auth);
        if (!done) {
            printError(command, done.error());
            return ExitFailure;
        }
        accounts << QStringLiteral("%1 (%2)").arg(account.email, account.role);
    }
    out(QStringLiteral("Demo accounts (passwords in the README): %1.")
            .arg(accounts.join(QStringLiteral(", "))));
    return ExitOk;
}

int runOpenApi()
{
    Result<QJsonObject> document = builtInOpenApi();
    if (!document) {
        printError(QStringLiteral("openapi"), document.error());
        return ExitFailure;
    }
    print(stdout, QString::fromUtf8(openApiJson(*document)));
    return ExitOk;
}

// generate-catalog: no configuration, no database.
int runGenerateCatalog(qint64 rows, const QString &path, quint64 seed)
{
    const QString command = QStringLiteral("generate-catalog");
    QFile file(path);
    const bool toStdout = path == u"-";
    if (!(toStdout ? file.open(stdout, QIODevice::WriteOnly)
                   : file.open(QIODevice::WriteOnly | QIODevice::Truncate))) {
        err(QStringLiteral("shop-server: %1: cannot write %2: %3")
                .arg(command, path, file.errorString()));
        return ExitFailure;
    }
    QElapsedTimer timer;
    timer.start();
    Demo::CatalogGenerator generator(Currency(), seed);
    auto written = generator.write(&file, rows);
    if (!written) {
        printError(command, written.error());
        return ExitFailure;
    }
    err(QStringLiteral("Wrote %1 products (%2 KB) to %3 in %4.")
            .arg(withSeparators(rows), withSeparators(*written / 1024), path,
                 seconds(timer.elapsed())));
    return ExitOk;
}

int runHealthcheck(const ServerConfig &config)
{
    auto health = checkHealth(config.http);
    if (!health) {
        printError(QStringLiteral("healthcheck"), health.error());
        return ExitFailure;
    }
    if (health->status != 200) {
        err(QStringLiteral("shop-server: healthcheck: not ready: HTTP %1 (%2)")
                .arg(health->status)
                .arg(health->detail));
        return ExitFailure;
    }
    out(QStringLiteral("%1 (HTTP %2)").arg(health->detail).arg(health->status));
    return ExitOk;
}

} // namespace

int runCli(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shop-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHOP_VERSION));

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption configOption(
        {QStringLiteral("c"), QStringLiteral("config")},
        QStringLiteral("Read settings from this INI file (environment variables still win)."),
        QStringLiteral("FILE.ini"));
    const QCommandLineOption skipInvalidOption(
        QStringLiteral("skip-invalid"),
        QStringLiteral("import-products: import the valid rows and list the invalid ones, instead "
                       "of importing nothing."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption outputOption(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("generate-catalog: write the CSV to this file (\"-\": standard output)."),
        QStringLiteral("FILE.csv"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        QStringLiteral("generate-catalog: the random seed (default 20240601)."),
        QStringLiteral("S"));
    const QCommandLineOption emailOption(
        QStringLiteral("email"), QStringLiteral("create-admin: the account's email address."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption nameOption(
        QStringLiteral("name"), QStringLiteral("create-admin: the person's name, \"First Last\"."),
        QStringLiteral("NAME"));
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        QStringLiteral("mail-test: the emails' language, en (default) or de."),
        QStringLiteral("LANG"));
    parser.addOptions({configOption, skipInvalidOption, outputOption, seedOption, languageOption,
                       emailOption, nameOption, helpOption, versionOption});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve, migrate, seed-demo, import-products, generate-catalog, "
                       "healthcheck, jobs, mail-test, create-admin or openapi"));

    const auto usageError = [](const QString &message) {
        err(QStringLiteral("shop-server: %1").arg(message));
        err(QStringLiteral("Run `shop-server --help` for the commands and options."));
        return ExitUsage;
    };

    if (!parser.parse(QCoreApplication::arguments())) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(helpOption)) {
        print(stdout, helpText(parser));
        return ExitOk;
    }
    if (parser.isSet(versionOption)) {
        out(QStringLiteral("shop-server %1 (Qt %2)")
                .arg(QStringLiteral(SHOP_VERSION), QString::fromLatin1(qVersion())));
        return ExitOk;
    }

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        return usageError(QStringLiteral("no command given."));
    }
    const QString command = args.first();
    const QStringList commands {QStringLiteral("serve"),
                                QStringLiteral("migrate"),
                                QStringLiteral("seed-demo"),
                                QStringLiteral("import-products"),
                                QStringLiteral("generate-catalog"),
                                QStringLiteral("healthcheck"),
                                QStringLiteral("jobs"),
                                QStringLiteral("mail-test"),
                                QStringLiteral("create-admin"),
                                QStringLiteral("openapi")};
    if (!commands.contains(command)) {
        return usageError(QStringLiteral("unknown command \"%1\"; the commands are %2.")
                              .arg(command, commands.join(QStringLiteral(", "))));
    }
    const bool generate = command == u"generate-catalog";
    QString jobsAction = QStringLiteral("list");
    qint64 jobId = 0;
    if (command == u"jobs") {
        jobsAction = args.value(1, jobsAction);
        const qsizetype wanted = jobsAction == u"list" ? 2 : 3;
        if ((jobsAction != u"list" && jobsAction != u"retry" && jobsAction != u"discard")
            || args.size() > wanted || (wanted == 3 && args.size() < 3)) {
            return usageError(QStringLiteral("jobs takes list, retry ID or discard ID."));
        }
        if (wanted == 3) {
            bool ok = false;
            jobId = args.at(2).toLongLong(&ok);
            if (!ok || jobId <= 0) {
                return usageError(QStringLiteral("jobs %1 needs a job id, not \"%2\".")
                                      .arg(jobsAction, args.at(2)));
            }
        }
    }
    const bool mailTest = command == u"mail-test";
    const qsizetype expectedArguments = command == u"jobs"      ? args.size()
        : command == u"import-products" || generate || mailTest ? 2
                                                                : 1;
    if (args.size() < expectedArguments) {
        return usageError(generate ? QStringLiteral("%1 needs a number of products.").arg(command)
                              : mailTest
                              ? QStringLiteral("mail-test needs an email ADDRESS.")
                              : QStringLiteral("%1 needs a FILE.csv argument.").arg(command));
    }
    if (args.size() > expectedArguments) {
        return usageError(QStringLiteral("%1 does not take the argument \"%2\".")
                              .arg(command, args.at(expectedArguments)));
    }
    if (parser.isSet(skipInvalidOption) && command != u"import-products") {
        return usageError(QStringLiteral("--skip-invalid only applies to import-products."));
    }
    if ((parser.isSet(outputOption) || parser.isSet(seedOption)) && !generate) {
        return usageError(QStringLiteral("-o and --seed only apply to generate-catalog."));
    }
    const bool createAdmin = command == u"create-admin";
    if ((parser.isSet(emailOption) || parser.isSet(nameOption)) && !createAdmin) {
        return usageError(QStringLiteral("--email and --name only apply to create-admin."));
    }
    if (createAdmin && !isValidEmail(parser.value(emailOption).trimmed())) {
        return usageError(QStringLiteral("create-admin needs --email ADDRESS, an email address "
                                         "such as admin@example.com."));
    }
    if (parser.isSet(languageOption) && !mailTest) {
        return usageError(QStringLiteral("--language only applies to mail-test."));
    }
    if (mailTest && !isValidEmail(args.at(1))) {
        return usageError(QStringLiteral("\"%1\" is not an email address such as ada@example.com.")
                              .arg(args.at(1)));
    }
    const QString mailLanguage = parser.value(languageOption).trimmed();
    if (mailTest && !mailLanguage.isEmpty() && mailLanguage != u"en" && mailLanguage != u"de") {
        return usageError(
            QStringLiteral("--language takes en or de, not \"%1\".").arg(mailLanguage));
    }
    if (generate) {
        bool ok = false;
        const qint64 rows = args.at(1).toLongLong(&ok);
        if (!ok || rows < 0 || rows > Demo::CatalogGenerator::MaxRows) {
            return usageError(
                QStringLiteral("%1 needs a number of products from 0 to %2, not "
                               "\"%3\".")
                    .arg(command, withSeparators(Demo::CatalogGenerator::MaxRows), args.at(1)));
        }
        const quint64 seed = parser.isSet(seedOption) ? parser.value(seedOption).toULongLong(&ok)
                                                      : Demo::DemoProductGenerator::DefaultSeed;
        if (!ok) {
            return usageError(QStringLiteral("--seed needs a whole number, not \"%1\".")
                                  .arg(parser.value(seedOption)));
        }
        if (parser.value(outputOption).isEmpty()) {
            return usageError(QStringLiteral("%1 needs -o FILE.csv (\"-\" writes to standard "
                                             "output).")
                                  .arg(command));
        }
        return runGenerateCatalog(rows, parser.value(outputOption), seed);
    }

    if (command == u"openapi") {
        return runOpenApi(); // needs no configuration
    }

    auto config = ServerConfig::load(parser.value(configOption));
    if (!config) {
        printError(QStringLiteral("configuration"), config.error());
        return ExitUsage;
    }

    installLogFormat(config->logFormat);

    // One-shot commands print their own results: keep the library's chatter to warnings.
    // log/rules (SHOP_LOG_RULES) can turn it back on.
    if (command != u"serve") {
        QString rules = QStringLiteral("shop.*.debug=false\nshop.*.info=false");
        if (!config->logRules.isEmpty()) {
            rules += u'\n' + QString(config->logRules).replace(u';', u'\n');
        }
        QLoggingCategory::setFilterRules(rules);
    }
    qCDebug(lcCli).noquote() << "command" << command << "database" << config->database.displayUrl();

    if (command == u"serve") {
        return runServe(*config);
    }
    if (command == u"migrate") {
        return runMigrate(*config);
    }
    if (command == u"seed-demo") {
        return runSeedDemo(*config);
    }
    if (command == u"healthcheck") {
        return runHealthcheck(*config);
    }
    if (command == u"jobs") {
        return runJobs(*config, jobsAction, jobId);
    }
    if (createAdmin) {
        return runCreateAdmin(*config, parser.value(emailOption).trimmed(),
                              parser.value(nameOption).trimmed());
    }
    if (mailTest) {
        return runMailTest(*config, args.at(1),
                           mailLanguage.isEmpty() ? QStringLiteral("en") : mailLanguage);
    }
    return runImport(*config, args.at(1), parser.isSet(skipInvalidOption));
}

} // namespace Shop::Server
