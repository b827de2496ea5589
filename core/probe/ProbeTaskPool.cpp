#include "probe/ProbeTaskPool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace m2ds::probe {

int resolvedThreads(int threads) { return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

void runProbeTasks(std::size_t count, int threads, const std::function<void(std::size_t, int)>& task) {
    if (count == 0) return;
    const std::size_t workers = std::min<std::size_t>(std::size_t(resolvedThreads(threads)), count);
    const int threadsEach = std::max(1, resolvedThreads(threads) / int(workers));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr firstError;
    std::mutex errorMutex;
    auto work = [&] {
        for (std::size_t i = next++; i < count && !failed; i = next++) {
            try {
                task(i, threadsEach);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(errorMutex);
                if (!firstError) firstError = std::current_exception();
                failed = true;
            }
        }
    };
    std::vector<std::thread> helpers;
    for (std::size_t w = 1; w < workers; ++w) helpers.emplace_back(work);
    work();
    for (std::thread& helper : helpers) helper.join();
    if (firstError) std::rethrow_exception(firstError);
}

}  // namespace m2ds::probe
