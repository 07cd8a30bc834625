#pragma once

#include <functional>
#include <latch>
#include <thread>
#include <vector>

namespace Shop::Tests {

// Runs every task on a thread of its own; they start together (after whatever each does before
// it is called, such as connecting) and the call returns when all are done, with their results in
// the tasks' order.
template<typename T>
std::vector<T> race(const std::vector<std::function<T()>> &tasks)
{
    std::vector<T> results(tasks.size());
    std::latch ready(std::ptrdiff_t(tasks.size()));
    std::vector<std::thread> threads;
    threads.reserve(tasks.size());
    for (size_t i = 0; i < tasks.size(); ++i) {
        threads.emplace_back([&, i] {
            ready.arrive_and_wait();
            results[i] = tasks[i]();
        });
    }
    for (std::thread &t : threads) {
        t.join();
    }
    return results;
}

} // namespace Shop::Tests
