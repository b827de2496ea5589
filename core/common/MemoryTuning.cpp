#include "common/MemoryTuning.h"

#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace m2ds {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    constexpr int kLargestHeapBlock = 32 * 1024 * 1024;  // glibc's ceiling for M_MMAP_THRESHOLD on 64-bit
    if (!std::getenv("MALLOC_MMAP_THRESHOLD_")) mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock);
    if (!std::getenv("MALLOC_TRIM_THRESHOLD_")) mallopt(M_TRIM_THRESHOLD, -1);  // -1: as large as possible, never trim
#endif
}

}  // namespace m2ds
