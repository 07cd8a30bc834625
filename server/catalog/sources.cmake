# server/catalog: products, categories and media over HTTP (routes -> service -> repository),
# the response cache and the listener that invalidates it.
target_sources(shop_server_lib PRIVATE
    catalog/catalogmodule.h catalog/catalogroutes.cpp
    catalog/catalogservice.h catalog/catalogservice.cpp
    catalog/catalogrepository.h catalog/catalogrepository.cpp
    catalog/catalogcache.h
    catalog/inprocesscatalogcache.h catalog/inprocesscatalogcache.cpp
    catalog/catalogchangelistener.h catalog/catalogchangelistener.cpp)
