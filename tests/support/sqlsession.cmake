# SqlSession: a separate database session for tests (another writer than the server).
target_sources(shop_test_support PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/sqlsession.h ${CMAKE_CURRENT_LIST_DIR}/sqlsession.cpp)
