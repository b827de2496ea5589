#pragma once
#include <cstddef>
#include <vector>

#include "common/DeterministicRandom.h"

namespace m2ds {

/// `count` row indices drawn uniformly from [0, rows) with replacement (numpy's randint(0, rows, count)).
inline std::vector<std::size_t> randomRows(DeterministicRandom& random, std::size_t rows, std::size_t count) {
    std::vector<std::size_t> drawn(count);
    for (std::size_t& row : drawn) row = random.index(rows);
    return drawn;
}

/// A uniform double in [0, 1) from the top 53 bits of the next draw.
inline double uniformUnit(DeterministicRandom& random) { return static_cast<double>(random.next() >> 11) * 0x1.0p-53; }

}  // namespace m2ds
