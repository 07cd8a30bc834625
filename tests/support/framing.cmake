# The framing differential test's parts: an independent RFC 9112 reading of request streams
# (httpreference), and the case generator, echo router and socket client that tst_framingdifferential
# and bench/framing share (framingcases).
target_sources(shop_test_support PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/httpreference.h ${CMAKE_CURRENT_LIST_DIR}/httpreference.cpp
    ${CMAKE_CURRENT_LIST_DIR}/framingcases.h ${CMAKE_CURRENT_LIST_DIR}/framingcases.cpp)
