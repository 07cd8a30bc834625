# server/db: per-thread PostgreSQL connections, transactions, migrations, CSV product import.
# The migration SQL files are embedded as :/migrations/NNNN_name.sql.
find_package(PostgreSQL REQUIRED GLOBAL) # libpq-dev: connection health checks without a round trip
target_link_libraries(shop_server_lib PRIVATE PostgreSQL::PostgreSQL)
target_sources(shop_server_lib PRIVATE
    db/database.h db/database_p.h db/database.cpp
    db/transaction.h db/transaction.cpp
    db/migrations.h db/migrations.cpp)

# Every NNNN_name.sql in db/migrations is a migration; a new file is picked up at the next build.
file(GLOB shop_migration_files CONFIGURE_DEPENDS
    RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/db/migrations/*.sql)
qt_add_resources(shop_server_lib shop_migrations
    PREFIX /migrations
    BASE db/migrations
    FILES ${shop_migration_files})
target_sources(shop_server_lib PRIVATE
    db/productimportrow.h db/productimportrow.cpp
    db/productimporter.h db/productimporter.cpp)
