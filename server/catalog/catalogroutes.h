#pragma once

#include "http/router.h"

#include <memory>

namespace Shop::Catalog {

class CatalogAdmin;
class CatalogService;

// The catalog's HTTP routes on `router`, answered by `service`.
void registerCatalogRoutes(Http::Router &router, const std::shared_ptr<CatalogService> &service);

// The staff's catalog routes (catalogadminroutes.cpp), answered by `admin`.
void registerCatalogAdminRoutes(Http::Router &router, const std::shared_ptr<CatalogAdmin> &admin);

// The staff's product list, images and CSV import/export (mediaroutes.cpp).
class CatalogCsv;
class MediaDecoder;
class ProductImages;
struct MediaRouteServices
{
    std::shared_ptr<ProductImages> images;
    std::shared_ptr<CatalogCsv> csv;
    std::shared_ptr<MediaDecoder> decoder; // the upload's decoding pool (media/workers)
    // The body limit of the CSV import (Http::Route::maxBodyBytes: the configuration's
    // http/max_upload_bytes); 0: the server's default, as every other route. The image upload's
    // is the largest image, MediaImage::kMaxBytes.
    qint64 maxUploadBytes = 0;
};
void registerCatalogMediaRoutes(Http::Router &router, const MediaRouteServices &services);

} // namespace Shop::Catalog
