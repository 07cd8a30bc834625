# server/catalog: products, categories and media over HTTP (routes -> service -> repository),
# the response cache and the listener that invalidates it.
target_sources(shop_server_lib PRIVATE
    catalog/catalogmodule.h catalog/catalogroutes.cpp
    catalog/catalogservice.h catalog/catalogservice.cpp
    catalog/catalogrepository.h catalog/catalogrepository.cpp
    catalog/catalogcache.h
    catalog/inprocesscatalogcache.h catalog/inprocesscatalogcache.cpp
    catalog/catalogchangelistener.h catalog/catalogchangelistener.cpp)
# The catalog's part of the OpenAPI document (paths and schemas), built in as
# :/openapi/catalog/openapi.json.
qt_add_resources(shop_server_lib shop_catalog_openapi
    PREFIX /openapi/catalog
    BASE ${CMAKE_CURRENT_SOURCE_DIR}/catalog
    FILES ${CMAKE_CURRENT_SOURCE_DIR}/catalog/openapi.json)
