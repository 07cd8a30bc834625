# server/app: the `serve` and `healthcheck` commands and the assembly of the HTTP server (health, OpenAPI document,
# catalog). docs/openapi.json is built in as :/openapi/openapi.json.
target_sources(shop_server_lib PRIVATE
    app/healthcheck.h app/healthcheck.cpp
    app/serve.h app/serve.cpp
    app/shopserver.h app/shopserver.cpp
    app/systemroutes.h app/systemroutes.cpp)
qt_add_resources(shop_server_lib shop_openapi
    PREFIX /openapi
    BASE ${PROJECT_SOURCE_DIR}/docs
    FILES ${PROJECT_SOURCE_DIR}/docs/openapi.json)
