#pragma once

#include "error.h"

#include <QTest>

#include <functional>
#include <optional>

namespace Shop::Tests {

// Collects the one result of an asynchronous client call.
//
//   CallWaiter<Product> waiter;
//   catalog.product(id, this, waiter.callback());
//   QVERIFY(waiter.wait());
//   SHOP_VERIFY_OK(*waiter.result);
template<typename T>
struct CallWaiter
{
    std::optional<Result<T>> result;
    int calls = 0;

    [[nodiscard]] std::function<void(Result<T>)> callback()
    {
        return [this](Result<T> r) {
            ++calls;
            result = std::move(r);
        };
    }
    [[nodiscard]] bool wait(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([this] { return result.has_value(); }, timeoutMs);
    }
};

} // namespace Shop::Tests
