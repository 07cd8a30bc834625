# server/db: per-thread PostgreSQL connections, transactions, migrations, CSV product import,
# demo store. The migration SQL files are embedded as :/migrations/NNNN_name.sql.
find_package(PostgreSQL REQUIRED) # libpq-dev: connection health checks without a round trip
target_link_libraries(shop_server_lib PRIVATE PostgreSQL::PostgreSQL)
target_sources(shop_server_lib PRIVATE
    db/database.h db/database_p.h db/database.cpp
    db/transaction.h db/transaction.cpp)
