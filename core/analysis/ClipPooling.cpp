#include "analysis/ClipPooling.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"

namespace m2ds {
namespace {

struct PoolingName {
    ClipPoolingKind kind;
    const char* name;
};

constexpr PoolingName kPoolingNames[] = {{ClipPoolingKind::Mean, "mean"},
                                         {ClipPoolingKind::MeanStd, "mean+std"},
                                         {ClipPoolingKind::Max, "max"},
                                         {ClipPoolingKind::First, "first"},
                                         {ClipPoolingKind::Last, "last"}};

}  // namespace

ClipPoolingKind parseClipPooling(const std::string& name) {
    for (const PoolingName& entry : kPoolingNames)
        if (name == entry.name) return entry.kind;
    throw InvalidArgument("unknown clip pooling '" + name + "': use mean, mean+std, max, first or last");
}

std::string clipPoolingName(ClipPoolingKind kind) {
    for (const PoolingName& entry : kPoolingNames)
        if (kind == entry.kind) return entry.name;
    throw InvalidArgument("unknown clip pooling kind " + std::to_string(int(kind)));
}

ClipPooling::ClipPooling(ClipPoolingKind kind, std::size_t dim) : kind_(kind), dim_(dim) {
    if (dim == 0) throw InvalidArgument("clip pooling needs at least one value per frame");
    reset();
}

std::size_t ClipPooling::outputDim() const { return kind_ == ClipPoolingKind::MeanStd ? 2 * dim_ : dim_; }

void ClipPooling::add(const float* rows, std::size_t count) {
    for (std::size_t r = 0; r < count; ++r, ++frames_) {
        const float* row = rows + r * dim_;
        const bool firstFrame = frames_ == 0;
        switch (kind_) {
        case ClipPoolingKind::Mean:
            for (std::size_t d = 0; d < dim_; ++d) first_[d] += row[d];
            break;
        case ClipPoolingKind::MeanStd:  // Welford: no cancellation when the mean is large against the spread
            for (std::size_t d = 0; d < dim_; ++d) {
                const double delta = row[d] - first_[d];
                first_[d] += delta / double(frames_ + 1);
                second_[d] += delta * (row[d] - first_[d]);
            }
            break;
        case ClipPoolingKind::Max:
            for (std::size_t d = 0; d < dim_; ++d) first_[d] = firstFrame ? row[d] : std::max(first_[d], double(row[d]));
            break;
        case ClipPoolingKind::First:
            if (firstFrame) std::copy(row, row + dim_, first_.begin());
            break;
        case ClipPoolingKind::Last:
            if (r + 1 == count) std::copy(row, row + dim_, first_.begin());
            break;
        }
    }
}

std::vector<float> ClipPooling::result() const {
    if (frames_ == 0) throw InvalidArgument("clip pooling of a recording without frames");
    std::vector<float> pooled(outputDim());
    const double count = double(frames_);
    for (std::size_t d = 0; d < dim_; ++d) pooled[d] = float(kind_ == ClipPoolingKind::Mean ? first_[d] / count : first_[d]);
    if (kind_ == ClipPoolingKind::MeanStd)
        for (std::size_t d = 0; d < dim_; ++d) pooled[dim_ + d] = float(std::sqrt(second_[d] / count));
    return pooled;
}

void ClipPooling::reset() {
    frames_ = 0;
    first_.assign(dim_, 0.0);
    second_.assign(kind_ == ClipPoolingKind::MeanStd ? dim_ : 0, 0.0);
}

}  // namespace m2ds
