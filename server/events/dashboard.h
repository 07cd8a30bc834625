#pragma once

#include "error.h"

#include <QDate>
#include <QJsonObject>
#include <QSqlDatabase>

namespace Shop::Events {

// GET /api/admin/dashboard: four indexed reads of the summary tables migration 0012 keeps by
// triggers (sales per UTC day, orders per status, units and revenue per product and day) and the
// low-stock watch list (0007). `today` is the store's day (UTC).
[[nodiscard]] Result<QJsonObject> readDashboard(QSqlDatabase &db, const QString &currency,
                                                int lowStockThreshold, QDate today);

} // namespace Shop::Events
