#include "features/FeatureSource.h"

namespace m2ds {

FeatureSource::~FeatureSource() = default;

void FeatureSource::gatherRows(const std::vector<std::size_t>& rows, float* out) const {
    const std::size_t d = dimension();
    for (std::size_t begin = 0; begin < rows.size();) {
        std::size_t end = begin + 1;
        while (end < rows.size() && rows[end] == rows[end - 1] + 1) ++end;
        readRows(rows[begin], end - begin, out + begin * d);
        begin = end;
    }
}

RowLocation FeatureSource::locate(std::size_t row) const { return {label(), "row " + std::to_string(row)}; }

}  // namespace m2ds
