#pragma once

#include "error.h"

#include <QDate>
#include <QJsonObject>
#include <QSqlDatabase>

namespace Shop::Events {

// GET /api/admin/dashboard: indexed reads of the summary tables migrations 0012 and 0013 keep by
// triggers (sales per UTC day, orders per status, units and revenue per product in the 30-day
// window) and the low-stock watch list (0007). `today` is the store's day (UTC).
[[nodiscard]] Result<QJsonObject> readDashboard(QSqlDatabase &db, const QString &currency,
                                                int lowStockThreshold, QDate today);

// Housekeeping (Jobs::Registry::addHousekeeping, every poll interval): moves the top products'
// window (migration 0013) to start at today - 29, subtracting the days that left it; one cheap
// read while it is current. Returns how many product rows it subtracted.
[[nodiscard]] Result<qint64> rollDashboardWindow(QSqlDatabase &db, QDate today);

} // namespace Shop::Events
