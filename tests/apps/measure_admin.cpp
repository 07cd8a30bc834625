// A measurement, not a test: the admin console's products table against a large catalog.
//
//   measure_admin URL [PAGES]
//
// Opens the console on the server at URL, then scrolls the products table to the end PAGES times
// (default 50; each time the view asks the model for the next page), sorts by price and searches.
// Prints how long each step took and the longest time the event loop was blocked (a 5 ms
// heartbeat timer), which is what "never freezes" means for the person using it.
#include "adminwindow.h"
#include "client/productlistmodel.h"
#include "productstablepage.h"
#include "widgets/appcontext.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Shop;
using namespace Shop::Client;
using namespace Shop::Widgets;

namespace {

struct Heartbeat
{
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 worst = 0;

    void tick()
    {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, now - last);
        last = now;
    }
};

bool waitReady(ProductListModel *model, int timeoutMs = 60000)
{
    return QTest::qWaitFor([model] { return model->state() == ProductListModel::State::Ready; },
                           timeoutMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: measure_admin URL [PAGES]\n");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const int pages = argc > 2 ? std::atoi(argv[2]) : 50;
    QTemporaryDir dir;
    AppContext context(std::make_unique<Settings>(dir.filePath(QStringLiteral("admin.ini"))));
    context.useServer(url);

    Heartbeat heartbeat;
    heartbeat.clock.start();
    QTimer beat;
    QObject::connect(&beat, &QTimer::timeout, [&heartbeat] { heartbeat.tick(); });
    beat.start(5);

    QElapsedTimer clock;
    clock.start();
    Admin::AdminWindow window(context, nullptr, Admin::AdminWindow::Access::Open);
    window.resize(1280, 800);
    window.show();
    ProductListModel *model = window.productsPage()->model();
    QTableView *table = window.productsPage()->table();
    if (!waitReady(model)) {
        std::fprintf(stderr, "no first page: %s\n", qPrintable(model->lastError().message));
        return 1;
    }
    std::printf("catalog: %lld products\n", static_cast<long long>(model->totalCount()));
    std::printf("first page (%d rows): %lld ms after the window was created\n", model->rowCount(),
                static_cast<long long>(clock.elapsed()));
    heartbeat.worst = 0;

    QList<qint64> pageTimes;
    for (int i = 0; i < pages && model->canFetchMore({}); ++i) {
        const int before = model->rowCount();
        clock.restart();
        table->scrollToBottom(); // the view asks for more when it reaches the end
        if (!QTest::qWaitFor(
                [&] {
                    return model->rowCount() > before
                        && model->state() == ProductListModel::State::Ready;
                },
                60000)) {
            std::fprintf(stderr, "page %d did not arrive\n", i + 2);
            return 1;
        }
        pageTimes.append(clock.elapsed());
    }
    std::sort(pageTimes.begin(), pageTimes.end());
    std::printf("scrolled to row %d in %lld pages: per page median %lld ms, max %lld ms\n",
                model->rowCount(), static_cast<long long>(pageTimes.size()),
                static_cast<long long>(pageTimes.at(pageTimes.size() / 2)),
                static_cast<long long>(pageTimes.last()));

    clock.restart();
    model->sort(ProductListModel::PriceColumn, Qt::DescendingOrder);
    if (!waitReady(model)) {
        std::fprintf(stderr, "sorting did not finish\n");
        return 1;
    }
    std::printf("sort by price (server side), first page: %lld ms\n",
                static_cast<long long>(clock.elapsed()));

    clock.restart();
    QTest::keyClicks(window.productsPage()->searchEdit(), QStringLiteral("laptop"));
    if (!QTest::qWaitFor([&] { return model->query().search == u"laptop"; }, 5000)
        || !waitReady(model)) {
        std::fprintf(stderr, "the search did not finish\n");
        return 1;
    }
    std::printf("search \"laptop\" (incl. 300 ms typing pause): %lld ms, %lld matches\n",
                static_cast<long long>(clock.elapsed()),
                static_cast<long long>(model->totalCount()));

    std::printf("longest event-loop stall while loading: %lld ms\n",
                static_cast<long long>(heartbeat.worst));
    return 0;
}
