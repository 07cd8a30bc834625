#pragma once

// Saves a PNG of a widget under <build>/screenshots/ (SHOP_SCREENSHOT_DIR) for reviewers.

#include <QDir>
#include <QTest>
#include <QWidget>

namespace Shop::Tests {

inline void saveScreenshot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral(SHOP_SCREENSHOT_DIR));
    const QString path = QDir(QStringLiteral(SHOP_SCREENSHOT_DIR)).filePath(name + u".png");
    QVERIFY2(widget->grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

} // namespace Shop::Tests
