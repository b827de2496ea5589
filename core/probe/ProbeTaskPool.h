#pragma once
// Internal to core/probe: runs a probe's independent fits side by side. Small fits gain little from threads inside
// each matrix product (and lose a lot when another process holds a core: OpenMP's barriers then wait for it), so the
// probes spread whole fits over the cores instead.
#include <cstddef>
#include <functional>

namespace m2ds::probe {

/// `threads`, or every hardware thread when 0.
int resolvedThreads(int threads);
/// Runs task(i, threadsEach) for every i in [0, count) on min(threads, count) threads (the caller's among them), where
/// threadsEach = threads / that many (≥ 1) is what each task may use inside. Rethrows the first exception a task threw
/// (e.g. CancelledError) once every thread has stopped; tasks not started by then are skipped.
void runProbeTasks(std::size_t count, int threads, const std::function<void(std::size_t task, int threadsEach)>& task);

}  // namespace m2ds::probe
