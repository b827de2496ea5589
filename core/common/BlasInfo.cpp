#include "common/BlasInfo.h"

#include <dlfcn.h>

namespace m2ds {
namespace {

/// Calls OpenBLAS's `char* NAME(void)` query when this process has it loaded; "" otherwise.
std::string openBlasQuery(const char* name) {
    using Query = const char* (*)();
    const auto query = reinterpret_cast<Query>(dlsym(RTLD_DEFAULT, name));
    const char* answer = query ? query() : nullptr;
    return answer ? std::string(answer) : std::string();
}

}  // namespace

std::string blasKernelName() { return openBlasQuery("openblas_get_corename"); }

std::string blasDescription() {
    const std::string kernel = blasKernelName();
    if (kernel.empty()) return "BLAS: not OpenBLAS (no kernel query)";
    std::string config = openBlasQuery("openblas_get_config");
    if (const auto end = config.find(' ', config.find(' ') + 1); end != std::string::npos) config.resize(end);  // "OpenBLAS 0.3.21"
    return "BLAS: " + config + ", kernel " + kernel;
}

}  // namespace m2ds
