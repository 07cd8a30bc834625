// WindowState on two offscreen screens side by side (a 1920x1080 one and a 1024x768 one, set up
// through the offscreen platform's configfile before the application starts): the first window
// takes most of the screen it opens on, later runs get the saved geometry back, and a saved place
// that is on no screen any more is fitted again.
#include "client/settings.h"
#include "widgets/windowstate.h"

#include <QApplication>
#include <QCursor>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Shop::Client;
using namespace Shop::Widgets;

namespace {

const QRect kLargeScreen(0, 0, 1920, 1080);
const QRect kSmallScreen(1920, 0, 1024, 768);
const QString kKey = QStringLiteral("main");

QJsonObject screenJson(const QString &name, const QRect &geometry)
{
    return QJsonObject {{QStringLiteral("name"), name},
                        {QStringLiteral("x"), geometry.x()},
                        {QStringLiteral("y"), geometry.y()},
                        {QStringLiteral("width"), geometry.width()},
                        {QStringLiteral("height"), geometry.height()},
                        {QStringLiteral("logicalDpi"), 96},
                        {QStringLiteral("logicalBaseDpi"), 96},
                        {QStringLiteral("dpr"), 1}};
}

// Writes the offscreen platform's screen configuration; returns the QT_QPA_PLATFORM value.
QByteArray offscreenWithTwoScreens(const QString &configPath)
{
    const QJsonObject config {{QStringLiteral("screens"),
                               QJsonArray {screenJson(QStringLiteral("large"), kLargeScreen),
                                           screenJson(QStringLiteral("small"), kSmallScreen)}}};
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly)) {
        qFatal("cannot write %s", qPrintable(configPath));
    }
    file.write(QJsonDocument(config).toJson());
    return "offscreen:configfile=" + QFile::encodeName(configPath);
}

} // namespace

class TestWindowState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void screensAreConfigured();
    void firstRunFillsMostOfTheScreen_data();
    void firstRunFillsMostOfTheScreen();
    void laterRunsRestoreTheSavedGeometry();
    void savedPlaceOnNoScreenIsFittedAgain();
    void savedWindowLargerThanItsScreenFitsIt();

private:
    // A fresh settings file in the test's folder.
    [[nodiscard]] std::unique_ptr<Settings> settings(const QString &name) const
    {
        return std::make_unique<Settings>(m_dir.filePath(name + u".ini"));
    }
    // Closes a window at `geometry` so that its settings hold that geometry.
    void saveWindowAt(Settings &settings, const QRect &geometry);

    QTemporaryDir m_dir;
};

void TestWindowState::init()
{
    QCursor::setPos(kLargeScreen.center());
}

void TestWindowState::screensAreConfigured()
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    QCOMPARE(screens.size(), 2);
    QCOMPARE(screens.at(0)->availableGeometry(), kLargeScreen);
    QCOMPARE(screens.at(1)->availableGeometry(), kSmallScreen);
    QCOMPARE(QGuiApplication::screenAt(QCursor::pos()), screens.at(0));
}

void TestWindowState::firstRunFillsMostOfTheScreen_data()
{
    QTest::addColumn<QRect>("screen");
    QTest::addColumn<QSize>("minimum"); // pixels; passed in whole font lines, rounded up
    QTest::addColumn<QSize>("expected"); // pixels; -1: 80% of the screen, -2: the minimum

    // 80% of the available width and height, centred on the screen the pointer is on.
    QTest::newRow("large screen") << kLargeScreen << QSize(700, 450) << QSize(1536, 864);
    QTest::newRow("small screen") << kSmallScreen << QSize(560, 300) << QSize(819, 614);
    // The minimum wins over 80% of a small screen, but the window never exceeds the screen.
    QTest::newRow("minimum width") << kSmallScreen << QSize(900, 300) << QSize(-2, 614);
    QTest::newRow("minimum height") << kSmallScreen << QSize(560, 650) << QSize(819, -2);
    QTest::newRow("larger than the screen")
        << kSmallScreen << QSize(3000, 2000) << QSize(1024, 768);
}

void TestWindowState::firstRunFillsMostOfTheScreen()
{
    QFETCH(QRect, screen);
    QFETCH(QSize, minimum);
    QFETCH(QSize, expected);
    QCursor::setPos(screen.center());

    QMainWindow window;
    const int line = window.fontMetrics().height();
    const QSize minimumInLines((minimum.width() + line - 1) / line,
                               (minimum.height() + line - 1) / line);
    if (expected.width() == -2) {
        expected.setWidth(minimumInLines.width() * line);
    }
    if (expected.height() == -2) {
        expected.setHeight(minimumInLines.height() * line);
    }

    WindowState::restore(window, *settings(QString::fromLatin1(QTest::currentDataTag())), kKey,
                         minimumInLines);
    QCOMPARE(window.size(), expected);
    QVERIFY2(qAbs(window.geometry().center().x() - screen.center().x()) <= 1
                 && qAbs(window.geometry().center().y() - screen.center().y()) <= 1,
             "centred on the screen");
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.screen()->geometry(), screen);
    QCOMPARE(window.size(), expected);
}

void TestWindowState::saveWindowAt(Settings &settings, const QRect &geometry)
{
    QMainWindow window;
    window.setGeometry(geometry);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WindowState::save(window, settings, kKey);
}

void TestWindowState::laterRunsRestoreTheSavedGeometry()
{
    auto saved = settings(QStringLiteral("later"));
    const QRect geometry(2000, 60, 900, 640); // on the small screen, though the pointer is not
    saveWindowAt(*saved, geometry);

    QMainWindow window;
    WindowState::restore(window, *settings(QStringLiteral("later")), kKey, QSize(50, 32));
    QCOMPARE(window.geometry(), geometry);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.geometry(), geometry);
    QCOMPARE(window.screen()->geometry(), kSmallScreen);
}

void TestWindowState::savedPlaceOnNoScreenIsFittedAgain()
{
    // Saved on a third monitor, to the right of the small screen, that is gone now.
    auto saved = settings(QStringLiteral("gone"));
    saveWindowAt(*saved, QRect(3300, 200, 900, 600));

    QMainWindow window;
    WindowState::restore(window, *settings(QStringLiteral("gone")), kKey, QSize(50, 32));
    const QRect geometry = window.geometry();
    QVERIFY2(kLargeScreen.contains(geometry) || kSmallScreen.contains(geometry),
             qPrintable(QStringLiteral("(%1, %2) %3x%4 is not on a screen")
                            .arg(geometry.x())
                            .arg(geometry.y())
                            .arg(geometry.width())
                            .arg(geometry.height())));
}

void TestWindowState::savedWindowLargerThanItsScreenFitsIt()
{
    // Saved on the small screen when it had more pixels.
    auto saved = settings(QStringLiteral("shrunk"));
    saveWindowAt(*saved, QRect(1930, 10, 1400, 1000));

    QMainWindow window;
    WindowState::restore(window, *settings(QStringLiteral("shrunk")), kKey, QSize(50, 32));
    const QRect geometry = window.geometry();
    QVERIFY2(kSmallScreen.contains(geometry),
             qPrintable(QStringLiteral("(%1, %2) %3x%4 does not fit the small screen")
                            .arg(geometry.x())
                            .arg(geometry.y())
                            .arg(geometry.width())
                            .arg(geometry.height())));
}

int main(int argc, char *argv[])
{
    QTemporaryDir configDir;
    qputenv("QT_QPA_PLATFORM",
            offscreenWithTwoScreens(configDir.filePath(QStringLiteral("screens.json"))));
    QApplication app(argc, argv);
    TestWindowState test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowstate.moc"
