#pragma once

#include "http/router.h"

namespace Shop::Events {

class EventHub;

struct RouteSettings
{
    QString currency;
    int lowStockThreshold = 5;
};

// GET /api/admin/events and GET /api/admin/dashboard (admin only).
void registerEventsRoutes(Http::Router &router, EventHub &hub, RouteSettings settings);

} // namespace Shop::Events
