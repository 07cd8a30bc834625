// Durable jobs against a real PostgreSQL database: a job enqueued in a rolled-back transaction
// does not exist; worker pools (several threads, several pools standing in for several processes)
// run every job exactly once; failures are retried with backoff, then dead with their last error,
// and can be retried from dead; scheduled jobs wait for their time; unique keys hold under
// concurrent enqueue; an expired lease is reclaimed; shutdown waits for running jobs up to the
// grace period and then puts them back in the queue; every claim records started_at; done jobs
// older than keepDone are deleted in batches, newer ones and dead ones stay; a worker whose
// handlers are fast claims batches, and puts the unstarted rest of a batch that runs long back.

#include "db/database.h"
#include "db/transaction.h"
#include "jobs/jobrepository.h"
#include "jobs/jobs.h"
#include "jobs/jobworkers.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Shop;
using namespace std::chrono_literals;
using Shop::Tests::TestDatabase;

// SHOP_VERIFY_OK evaluates its argument twice; a call with side effects runs once through this.
#define VERIFY_CALL(call)                                                                          \
    do {                                                                                           \
        const auto result_ = (call);                                                               \
        SHOP_VERIFY_OK(result_);                                                                   \
    } while (false)

class TestJobs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void rolledBackEnqueueLeavesNoJob();
    void fourWorkersRunEachJobOnce();
    void rateCapPacesTheDrain();
    void twoPoolsRunEachJobOnce();
    void failuresBackOffThenDieAndCanBeRetried();
    void unknownKindIsDead();
    void scheduledJobWaitsForItsTime();
    void uniqueKeyHoldsUnderConcurrentEnqueue();
    void expiredLeaseIsReclaimed();
    void shutdownWaitsForRunningJob();
    void shutdownAfterGraceReleasesJob();
    void operatorCommands();
    void oldDoneJobsArePruned();
    void longBatchPutsUnstartedJobsBack();

private:
    [[nodiscard]] QSqlDatabase db();
    [[nodiscard]] qint64 scalar(const QString &sql, const QVariantList &values = {});
    [[nodiscard]] QString text(const QString &sql, const QVariantList &values = {});
    [[nodiscard]] QList<qint64> enqueueMany(const QString &kind, int count);
    [[nodiscard]] std::shared_ptr<Jobs::Registry> countingRegistry();
    [[nodiscard]] std::unique_ptr<Jobs::JobWorkers> pool(std::shared_ptr<Jobs::Registry> registry,
                                                         int workers,
                                                         std::chrono::milliseconds grace = 30s);

    std::unique_ptr<TestDatabase> m_db;
    QMutex m_mutex;
    QHash<qint64, int> m_runs; // job id -> times its handler ran
};

void TestJobs::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
}

void TestJobs::init()
{
    VERIFY_CALL(Db::exec(db(), QStringLiteral("DELETE FROM jobs")));
    QMutexLocker locker(&m_mutex);
    m_runs.clear();
}

void TestJobs::cleanupTestCase()
{
    m_db.reset();
}

QSqlDatabase TestJobs::db()
{
    auto db = Db::threadConnection();
    return db ? *db : QSqlDatabase();
}

qint64 TestJobs::scalar(const QString &sql, const QVariantList &values)
{
    auto q = Db::exec(db(), sql, values);
    if (!q || !q->next()) {
        return -1;
    }
    return q->value(0).toLongLong();
}

QString TestJobs::text(const QString &sql, const QVariantList &values)
{
    auto q = Db::exec(db(), sql, values);
    if (!q || !q->next()) {
        return QStringLiteral("<no row>");
    }
    return q->value(0).toString();
}

QList<qint64> TestJobs::enqueueMany(const QString &kind, int count)
{
    QList<qint64> ids;
    QSqlDatabase conn = db();
    Db::Transaction tx(conn);
    if (!tx.isActive()) {
        return ids;
    }
    for (int i = 0; i < count; ++i) {
        auto job = Jobs::enqueue(conn, {.kind = kind, .payload = {{QStringLiteral("n"), i}}});
        if (!job) {
            return {};
        }
        ids.append(job->id);
    }
    return tx.commit() ? ids : QList<qint64>();
}

std::shared_ptr<Jobs::Registry> TestJobs::countingRegistry()
{
    auto registry = std::make_shared<Jobs::Registry>();
    registry->add(QStringLiteral("count"), [this](const Jobs::Job &job) {
        QMutexLocker locker(&m_mutex);
        ++m_runs[job.id];
        return Jobs::Outcome::done();
    });
    return registry;
}

std::unique_ptr<Jobs::JobWorkers> TestJobs::pool(std::shared_ptr<Jobs::Registry> registry,
                                                 int workers, std::chrono::milliseconds grace)
{
    Jobs::WorkerOptions options;
    options.workers = workers;
    options.lease = 60s;
    options.grace = grace;
    options.poll = 500ms;
    return std::make_unique<Jobs::JobWorkers>(m_db->config(), std::move(registry), options);
}

void TestJobs::rolledBackEnqueueLeavesNoJob()
{
    QSqlDatabase conn = db();
    {
        Db::Transaction tx(conn);
        QVERIFY(tx.isActive());
        auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("count")});
        SHOP_VERIFY_OK(job);
        QVERIFY(job->created);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs")), 1);
        tx.rollback();
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs")), 0);
    {
        Db::Transaction tx(conn);
        QVERIFY(tx.isActive());
        VERIFY_CALL(Jobs::enqueue(conn, {.kind = QStringLiteral("count")}));
        VERIFY_CALL(tx.commit());
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'queued'")), 1);
}

void TestJobs::fourWorkersRunEachJobOnce()
{
    const QList<qint64> ids = enqueueMany(QStringLiteral("count"), 400);
    QCOMPARE(ids.size(), 400);
    auto workers = pool(countingRegistry(), 4);
    workers->start();
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'done'")), 400, 120000);
    workers->stop();
    QMutexLocker locker(&m_mutex);
    QCOMPARE(m_runs.size(), 400);
    for (qint64 id : ids) {
        QCOMPARE(m_runs.value(id), 1);
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE attempts <> 1 "
                                   "OR finished_at IS NULL OR locked_by IS NOT NULL "
                                   "OR started_at IS NULL OR started_at < created_at "
                                   "OR finished_at < started_at")),
             0);
}

void TestJobs::rateCapPacesTheDrain()
{
    // 300 quick jobs at most 500 a second (two workers, 250 each): at least 0.6 s, whatever the
    // machine (a lower bound only: a loaded machine may take longer).
    const QList<qint64> ids = enqueueMany(QStringLiteral("count"), 300);
    QCOMPARE(ids.size(), 300);
    Jobs::WorkerOptions options;
    options.workers = 2;
    options.poll = 500ms;
    options.maxRate = 500;
    Jobs::JobWorkers workers(m_db->config(), countingRegistry(), options);
    QElapsedTimer timer;
    timer.start();
    workers.start();
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'done'")), 300, 120000);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 550, qPrintable(QStringLiteral("drained in %1 ms").arg(elapsed)));
    // A paced worker still stops at once.
    QElapsedTimer stopping;
    stopping.start();
    workers.stop();
    QVERIFY2(stopping.elapsed() < 5000, qPrintable(QString::number(stopping.elapsed())));
}

void TestJobs::twoPoolsRunEachJobOnce()
{
    auto registry = countingRegistry();
    auto first = pool(registry, 2);
    auto second = pool(registry, 2);
    QVERIFY(first->id() != second->id());
    first->start();
    second->start();
    // Enqueued while both pools are idle: NOTIFY wakes them.
    QList<qint64> ids = enqueueMany(QStringLiteral("count"), 500);
    ids += enqueueMany(QStringLiteral("count"), 500);
    QCOMPARE(ids.size(), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'done'")), 1000, 180000);
    first->stop();
    second->stop();
    QMutexLocker locker(&m_mutex);
    QCOMPARE(m_runs.size(), 1000);
    for (qint64 id : ids) {
        QCOMPARE(m_runs.value(id), 1);
    }
    // Both pools did part of the work (neither one idled through it).
    QVERIFY2(
        first->processed() > 0 && second->processed() > 0,
        qPrintable(QStringLiteral("%1 / %2").arg(first->processed()).arg(second->processed())));
    QCOMPARE(first->processed() + second->processed(), 1000);
}

void TestJobs::failuresBackOffThenDieAndCanBeRetried()
{
    auto registry = std::make_shared<Jobs::Registry>();
    std::atomic<bool> healthy {false};
    QMutex timesMutex;
    QList<qint64> times;
    registry->add(QStringLiteral("flaky"),
                  [&](const Jobs::Job &) {
                      {
                          QMutexLocker locker(&timesMutex);
                          times.append(QDateTime::currentMSecsSinceEpoch());
                      }
                      return healthy
                          ? Jobs::Outcome::done()
                          : Jobs::Outcome::retry(QStringLiteral("provider answered 503"));
                  },
                  {.backoffBase = 200ms, .backoffMax = 10s});
    QSqlDatabase conn = db();
    auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("flaky"), .maxAttempts = 3});
    SHOP_VERIFY_OK(job);
    auto workers = pool(registry, 2);
    workers->start();
    const QString state = QStringLiteral("SELECT state FROM jobs WHERE id = ?");
    QTRY_COMPARE_WITH_TIMEOUT(text(state, {job->id}), QStringLiteral("dead"), 60000);
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM jobs WHERE id = ?"), {job->id}), 3);
    QVERIFY(text(QStringLiteral("SELECT last_error FROM jobs WHERE id = ?"), {job->id})
                .contains(u"provider answered 503 (after 3 attempts)"));
    {
        QMutexLocker locker(&timesMutex);
        QCOMPARE(times.size(), 3);
        // Equal jitter: at least half of 200 ms, then at least half of 400 ms.
        QVERIFY2(times[1] - times[0] >= 100, qPrintable(QString::number(times[1] - times[0])));
        QVERIFY2(times[2] - times[1] >= 200, qPrintable(QString::number(times[2] - times[1])));
    }
    // Backoff grows and stays within its bounds.
    for (int attempt = 1; attempt <= 12; ++attempt) {
        const auto d = Jobs::backoff({.backoffBase = 100ms, .backoffMax = 10s}, attempt);
        const qint64 full = std::min<qint64>(100LL << (attempt - 1), 10000);
        QVERIFY(d.count() >= full / 2 && d.count() <= full);
    }
    // Dead jobs stay until an operator retries them.
    healthy = true;
    VERIFY_CALL(Jobs::JobRepository::retryDead(conn, job->id));
    QTRY_COMPARE_WITH_TIMEOUT(text(state, {job->id}), QStringLiteral("done"), 60000);
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM jobs WHERE id = ?"), {job->id}), 1);
    QCOMPARE(Jobs::JobRepository::retryDead(conn, job->id).error().code, ErrorCode::NotFound);
    workers->stop();
}

void TestJobs::unknownKindIsDead()
{
    QSqlDatabase conn = db();
    auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("no-such-kind")});
    SHOP_VERIFY_OK(job);
    auto workers = pool(countingRegistry(), 1);
    workers->start();
    QTRY_COMPARE_WITH_TIMEOUT(
        text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {job->id}),
        QStringLiteral("dead"), 60000);
    QCOMPARE(text(QStringLiteral("SELECT last_error FROM jobs WHERE id = ?"), {job->id}),
             QStringLiteral("no handler for job kind \"no-such-kind\""));
    workers->stop();
}

void TestJobs::scheduledJobWaitsForItsTime()
{
    auto registry = std::make_shared<Jobs::Registry>();
    std::atomic<qint64> ranAt {0};
    registry->add(QStringLiteral("later"), [&](const Jobs::Job &) {
        ranAt = QDateTime::currentMSecsSinceEpoch();
        return Jobs::Outcome::done();
    });
    auto workers = pool(registry, 2);
    workers->start();
    const QDateTime due = QDateTime::currentDateTimeUtc().addMSecs(2000);
    QSqlDatabase conn = db();
    auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("later"), .runAt = due});
    SHOP_VERIFY_OK(job);
    auto now = Jobs::enqueue(conn, {.kind = Jobs::NoopKind});
    SHOP_VERIFY_OK(now);
    QTRY_COMPARE_WITH_TIMEOUT(
        text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {now->id}),
        QStringLiteral("done"), 60000);
    QCOMPARE(text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {job->id}),
             QStringLiteral("queued"));
    QTRY_COMPARE_WITH_TIMEOUT(
        text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {job->id}),
        QStringLiteral("done"), 60000);
    // Not before its time (same clock for PostgreSQL and the test; 50 ms for rounding).
    QVERIFY2(ranAt.load() >= due.toMSecsSinceEpoch() - 50,
             qPrintable(QString::number(ranAt.load() - due.toMSecsSinceEpoch())));
    workers->stop();
}

void TestJobs::uniqueKeyHoldsUnderConcurrentEnqueue()
{
    std::atomic<int> created {0};
    std::atomic<int> failures {0};
    QSet<qint64> seenIds;
    QMutex seenMutex;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < 40; ++i) {
                auto conn = Db::threadConnection();
                if (!conn) {
                    ++failures;
                    continue;
                }
                Db::Transaction tx(*conn);
                auto job = Jobs::enqueue(*conn,
                                         {.kind = QStringLiteral("count"),
                                          .uniqueKey = QStringLiteral("order:42:expire")});
                if (!job || !tx.commit()) {
                    ++failures;
                    continue;
                }
                created += job->created ? 1 : 0;
                QMutexLocker locker(&seenMutex);
                seenIds.insert(job->id);
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads) {
        QVERIFY(thread->wait(120000));
    }
    QCOMPARE(failures.load(), 0);
    QCOMPARE(created.load(), 1);
    QCOMPARE(seenIds.size(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE unique_key = ?"),
                    {QStringLiteral("order:42:expire")}),
             1);
    // Once that job has finished, the key is free again.
    VERIFY_CALL(Db::exec(db(), QStringLiteral("UPDATE jobs SET state = 'done'")));
    QSqlDatabase conn = db();
    auto again = Jobs::enqueue(
        conn, {.kind = QStringLiteral("count"), .uniqueKey = QStringLiteral("order:42:expire")});
    SHOP_VERIFY_OK(again);
    QVERIFY(again->created);
}

void TestJobs::expiredLeaseIsReclaimed()
{
    QSqlDatabase conn = db();
    auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("count")});
    SHOP_VERIFY_OK(job);
    // A worker claimed it and died: running, attempt counted, lease in the past.
    VERIFY_CALL(Db::exec(conn,
                         QStringLiteral("UPDATE jobs SET state = 'running', attempts = 1, "
                                        "locked_by = 'gone:1:dead:0', "
                                        "locked_until = now() - interval '1 second' "
                                        "WHERE id = ?"),
                         {job->id}));
    auto workers = pool(countingRegistry(), 2);
    workers->start();
    QTRY_COMPARE_WITH_TIMEOUT(
        text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {job->id}),
        QStringLiteral("done"), 60000);
    workers->stop();
    QMutexLocker locker(&m_mutex);
    QCOMPARE(m_runs.value(job->id), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT attempts FROM jobs WHERE id = ?"), {job->id}), 2);
}

void TestJobs::shutdownWaitsForRunningJob()
{
    auto registry = std::make_shared<Jobs::Registry>();
    std::atomic<bool> started {false};
    registry->add(QStringLiteral("slow"), [&](const Jobs::Job &) {
        started = true;
        QThread::msleep(1500);
        return Jobs::Outcome::done();
    });
    auto workers = pool(registry, 2, 60s);
    workers->start();
    QSqlDatabase conn = db();
    auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("slow")});
    SHOP_VERIFY_OK(job);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 60000);
    QElapsedTimer timer;
    timer.start();
    workers->stop();
    QVERIFY2(timer.elapsed() >= 500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {job->id}),
             QStringLiteral("done"));
}

void TestJobs::shutdownAfterGraceReleasesJob()
{
    auto registry = std::make_shared<Jobs::Registry>();
    std::atomic<bool> started {false};
    registry->add(QStringLiteral("stubborn"), [&](const Jobs::Job &job) {
        started = true;
        while (!job.isCancelled()) {
            QThread::msleep(20);
        }
        return Jobs::Outcome::retry(QStringLiteral("cancelled"));
    });
    auto workers = pool(registry, 1, 700ms);
    workers->start();
    QSqlDatabase conn = db();
    auto job = Jobs::enqueue(conn, {.kind = QStringLiteral("stubborn")});
    SHOP_VERIFY_OK(job);
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 60000);
    QElapsedTimer timer;
    timer.start();
    workers->stop();
    QVERIFY2(timer.elapsed() >= 600, qPrintable(QString::number(timer.elapsed())));
    // Back in the queue, due now, the interrupted attempt not counted, no lease.
    QCOMPARE(text(QStringLiteral("SELECT state || ':' || attempts || ':' || "
                                 "coalesce(locked_by, '-') FROM jobs WHERE id = ?"),
                  {job->id}),
             QStringLiteral("queued:0:-"));
}

void TestJobs::operatorCommands()
{
    QSqlDatabase conn = db();
    auto queued = Jobs::enqueue(conn, {.kind = QStringLiteral("count")});
    auto dead = Jobs::enqueue(conn, {.kind = QStringLiteral("count")});
    SHOP_VERIFY_OK(queued);
    SHOP_VERIFY_OK(dead);
    VERIFY_CALL(Db::exec(conn,
                         QStringLiteral("UPDATE jobs SET state = 'dead', attempts = 5, "
                                        "last_error = 'boom' WHERE id = ?"),
                         {dead->id}));
    auto rows = Jobs::JobRepository::list(conn, false, 100);
    SHOP_VERIFY_OK(rows);
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).id, dead->id); // dead jobs first
    QCOMPARE(rows->at(0).lastError, QStringLiteral("boom"));
    QCOMPARE(rows->at(1).state, QStringLiteral("queued"));
    auto stats = Jobs::JobRepository::stats(conn);
    SHOP_VERIFY_OK(stats);
    QCOMPARE(stats->due, 1);
    QCOMPARE(stats->dead, 1);
    QVERIFY(stats->oldestDueAge.has_value());
    VERIFY_CALL(Jobs::JobRepository::discard(conn, dead->id));
    QCOMPARE(Jobs::JobRepository::discard(conn, dead->id).error().code, ErrorCode::NotFound);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs")), 1);
}

void TestJobs::oldDoneJobsArePruned()
{
    QSqlDatabase conn = db();
    auto finishedHoursAgo = [&](const QList<qint64> &ids, const QString &state, int hours) {
        for (qint64 id : ids) {
            auto q = Db::exec(conn,
                              QStringLiteral("UPDATE jobs SET state = ?, attempts = 1, "
                                             "finished_at = now() - make_interval(hours => ?) "
                                             "WHERE id = ?"),
                              {state, hours, id});
            if (!q || q->numRowsAffected() != 1) {
                return false;
            }
        }
        return true;
    };
    // 250 done jobs a little over the limit (more than one batch of 100), one done job inside
    // it, and a dead job far older than the limit.
    const QList<qint64> old = enqueueMany(QStringLiteral("count"), 250);
    QCOMPARE(old.size(), 250);
    const QList<qint64> recent = enqueueMany(QStringLiteral("count"), 1);
    const QList<qint64> dead = enqueueMany(QStringLiteral("count"), 1);
    QVERIFY(finishedHoursAgo(old, QStringLiteral("done"), 169));
    QVERIFY(finishedHoursAgo(recent, QStringLiteral("done"), 167));
    QVERIFY(finishedHoursAgo(dead, QStringLiteral("dead"), 24 * 365));
    const QString count = QStringLiteral("SELECT count(*) FROM jobs WHERE state <> 'queued'");
    QCOMPARE(scalar(count), 252);

    Jobs::WorkerOptions options;
    options.workers = 2;
    options.poll = 500ms;
    options.pruneBatch = 100;

    // keepDone 0 keeps everything: a pool that has run a job has been through its first
    // pruning check (every pool checks before its first claim).
    options.keepDone = 0h;
    {
        Jobs::JobWorkers keeping(m_db->config(), countingRegistry(), options);
        keeping.start();
        auto probe = Jobs::enqueue(conn, {.kind = Jobs::NoopKind});
        SHOP_VERIFY_OK(probe);
        QTRY_COMPARE_WITH_TIMEOUT(
            text(QStringLiteral("SELECT state FROM jobs WHERE id = ?"), {probe->id}),
            QStringLiteral("done"), 60000);
        keeping.stop();
        QCOMPARE(scalar(count), 253);
        VERIFY_CALL(Db::exec(conn, QStringLiteral("DELETE FROM jobs WHERE id = ?"), {probe->id}));
    }

    options.keepDone = 168h;
    Jobs::JobWorkers pruning(m_db->config(), countingRegistry(), options);
    pruning.start();
    QTRY_COMPARE_WITH_TIMEOUT(scalar(count), 2, 60000);
    pruning.stop();
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE id = ? AND state = 'done'"),
                    {recent.first()}),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE id = ? AND state = 'dead'"),
                    {dead.first()}),
             1);
}

void TestJobs::longBatchPutsUnstartedJobsBack()
{
    auto registry = countingRegistry();
    std::atomic<bool> gateStarted {false};
    std::atomic<bool> gateOpen {false};
    registry->add(QStringLiteral("gate"), [&](const Jobs::Job &) {
        gateStarted = true;
        while (!gateOpen) {
            QThread::msleep(10);
        }
        return Jobs::Outcome::done();
    });
    Jobs::WorkerOptions options;
    options.workers = 1;
    options.poll = 500ms;
    options.lease = 60s;
    options.batchBudget = 25ms; // a batch running over 500 ms puts its unstarted jobs back
    Jobs::JobWorkers workers(m_db->config(), registry, options);
    workers.start();
    // Fast handlers: the batches grow to the maximum.
    QCOMPARE(enqueueMany(QStringLiteral("count"), 600).size(), 600);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'done'")), 600, 120000);
    QVERIFY(scalar(QStringLiteral("SELECT count(DISTINCT started_at) FROM jobs")) < 100);
    VERIFY_CALL(Db::exec(db(), QStringLiteral("DELETE FROM jobs")));

    // One transaction, so one wake-up: the idle worker claims all five at once (a batch of five
    // needs at most 5 ms per job in the batches before).
    {
        QSqlDatabase conn = db();
        Db::Transaction tx(conn);
        QVERIFY(tx.isActive());
        VERIFY_CALL(Jobs::enqueue(conn, {.kind = QStringLiteral("gate")}));
        for (int i = 0; i < 4; ++i) {
            VERIFY_CALL(Jobs::enqueue(conn, {.kind = QStringLiteral("count")}));
        }
        VERIFY_CALL(tx.commit());
    }
    QTRY_VERIFY_WITH_TIMEOUT(gateStarted.load(), 60000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'running'")), 5);
    QThread::msleep(700);
    gateOpen = true;
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'done'")), 5, 60000);
    workers.stop();
    // The four were put back (attempt not counted) and claimed again after the gate.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE kind = 'count' AND "
                                   "(attempts <> 1 OR started_at <= (SELECT started_at FROM "
                                   "jobs WHERE kind = 'gate'))")),
             0);
}

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
