#include "features/NpyShardFeatureSource.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <numeric>

#include "common/Errors.h"
#include "common/NpyFile.h"

namespace m2ds {
namespace {

std::string lengthPathFor(const std::string& npyPath) {
    const std::string stem = npyPath.size() > 4 && npyPath.compare(npyPath.size() - 4, 4, ".npy") == 0
                                 ? npyPath.substr(0, npyPath.size() - 4) : npyPath;
    return stem + ".len";
}

/// One non-negative frame count per line; blank lines are ignored.
std::vector<std::size_t> readFrameCounts(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "cannot open the utterance length file");
    std::vector<std::size_t> frames;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const auto begin = line.find_first_not_of(" \t\r");
        if (begin == std::string::npos) continue;
        const auto end = line.find_last_not_of(" \t\r");
        const std::string text = line.substr(begin, end - begin + 1);
        if (text.find_first_not_of("0123456789") != std::string::npos)
            throw InputError(path, "line " + std::to_string(number) + " is not a frame count: '" + text + "'");
        frames.push_back(std::stoull(text));
    }
    if (in.bad()) throw InputError(path, "read error");
    return frames;
}

}  // namespace

NpyShardFeatureSource::Shard NpyShardFeatureSource::openShard(const std::string& npyPath, bool requireLengths) {
    const NpyFile::Layout layout = NpyFile::readLayout(npyPath);
    if (layout.descr != "<f4") throw InputError(npyPath, "features must be float32 ('<f4'), the file holds '" + layout.descr + "'");
    if (layout.shape.size() != 2)
        throw InputError(npyPath, "features must be a [N, D] matrix, the file has " + std::to_string(layout.shape.size()) + " dimensions");
    Shard shard{npyPath, 0, layout.shape[0], layout.shape[1], layout.dataOffset, {}};
    const std::size_t needed = layout.dataOffset + layout.shape[0] * layout.shape[1] * sizeof(float);
    if (layout.fileSize < needed)
        throw InputError(npyPath, "truncated: [" + std::to_string(layout.shape[0]) + ", " + std::to_string(layout.shape[1]) +
                                      "] float32 needs " + std::to_string(needed) + " bytes, the file has " + std::to_string(layout.fileSize));
    const std::string lengthPath = lengthPathFor(npyPath);
    if (!requireLengths && !std::ifstream(lengthPath)) {
        shard.frames = {shard.rows};
        return shard;
    }
    shard.frames = readFrameCounts(lengthPath);
    const std::size_t total = std::accumulate(shard.frames.begin(), shard.frames.end(), std::size_t{0});
    if (total != shard.rows)
        throw InputError(lengthPath, "the frame counts add up to " + std::to_string(total) + " but " + npyPath + " has " +
                                         std::to_string(shard.rows) + " rows");
    return shard;
}

NpyShardFeatureSource::NpyShardFeatureSource(const std::vector<std::string>& npyPaths, bool requireLengths) {
    if (npyPaths.empty()) throw InvalidArgument("no feature shards given");
    for (const std::string& path : npyPaths) {
        Shard shard = openShard(path, requireLengths);
        if (shards_.empty()) dimension_ = shard.columns;
        if (shard.columns != dimension_)
            throw InputError(path, "rows have D = " + std::to_string(shard.columns) + " columns but " + shards_.front().npyPath + " has D = " +
                                       std::to_string(dimension_));
        shard.firstRow = rows_;
        rows_ += shard.rows;
        shards_.push_back(std::move(shard));
    }
}

NpyShardFeatureSource NpyShardFeatureSource::fairseqLayout(const std::string& dir, const std::string& split, int nshard) {
    if (nshard < 1) throw InvalidArgument("nshard must be at least 1, got " + std::to_string(nshard));
    std::vector<std::string> paths;
    for (int rank = 0; rank < nshard; ++rank)
        paths.push_back(dir + "/" + split + "_" + std::to_string(rank) + "_" + std::to_string(nshard) + ".npy");
    return NpyShardFeatureSource(paths, true);
}

std::size_t NpyShardFeatureSource::rowCount() const { return rows_; }

std::size_t NpyShardFeatureSource::dimension() const { return dimension_; }

std::string NpyShardFeatureSource::label() const {
    return shards_.size() == 1 ? shards_.front().npyPath : shards_.front().npyPath + " (+" + std::to_string(shards_.size() - 1) + " shards)";
}

std::size_t NpyShardFeatureSource::shardOf(std::size_t row) const {
    if (row >= rows_) throw InvalidArgument(label() + ": row " + std::to_string(row) + " is past the last row " + std::to_string(rows_));
    const auto after = std::upper_bound(shards_.begin(), shards_.end(), row, [](std::size_t r, const Shard& s) { return r < s.firstRow; });
    auto index = static_cast<std::size_t>(after - shards_.begin()) - 1;
    while (shards_[index].rows == 0 || row >= shards_[index].firstRow + shards_[index].rows) ++index;  // skip empty shards
    return index;
}

std::ifstream NpyShardFeatureSource::openData(const Shard& shard) {
    std::ifstream in(shard.npyPath, std::ios::binary);
    if (!in) throw InputError(shard.npyPath, "cannot open file");
    return in;
}

void NpyShardFeatureSource::readFromShard(std::ifstream& in, const Shard& shard, std::size_t first, std::size_t count, float* out) const {
    const std::size_t rowBytes = dimension_ * sizeof(float);
    in.seekg(static_cast<std::streamoff>(shard.dataOffset + (first - shard.firstRow) * rowBytes));
    in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(count * rowBytes));
    if (!in) throw InputError(shard.npyPath, "read error at row " + std::to_string(first - shard.firstRow));
}

void NpyShardFeatureSource::readRows(std::size_t first, std::size_t count, float* out) const {
    while (count > 0) {
        const Shard& shard = shards_[shardOf(first)];
        const std::size_t take = std::min(count, shard.firstRow + shard.rows - first);
        std::ifstream in = openData(shard);
        readFromShard(in, shard, first, take, out);
        first += take;
        count -= take;
        out += take * dimension_;
    }
}

void NpyShardFeatureSource::gatherRows(const std::vector<std::size_t>& rows, float* out) const {
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&rows](std::size_t a, std::size_t b) { return rows[a] < rows[b]; });
    std::vector<float> run;
    std::ifstream in;
    std::size_t openIndex = shards_.size();
    for (std::size_t begin = 0; begin < order.size();) {
        // A run of sorted requests covering consecutive rows (repeats included) inside one shard: one read. The rows
        // are sorted, so each shard is opened once.
        const std::size_t firstRow = rows[order[begin]];
        const std::size_t index = shardOf(firstRow);
        const Shard& shard = shards_[index];
        if (index != openIndex) {
            in = openData(shard);
            openIndex = index;
        }
        std::size_t end = begin + 1;
        while (end < order.size() && rows[order[end]] - rows[order[end - 1]] <= 1 && rows[order[end]] < shard.firstRow + shard.rows) ++end;
        const std::size_t span = rows[order[end - 1]] - firstRow + 1;
        run.resize(span * dimension_);
        readFromShard(in, shard, firstRow, span, run.data());
        for (std::size_t i = begin; i < end; ++i)
            std::memcpy(out + order[i] * dimension_, run.data() + (rows[order[i]] - firstRow) * dimension_, dimension_ * sizeof(float));
        begin = end;
    }
}

RowLocation NpyShardFeatureSource::locate(std::size_t row) const {
    const Shard& shard = shards_[shardOf(row)];
    std::size_t local = row - shard.firstRow;
    std::size_t utterance = 0;
    while (utterance + 1 < shard.frames.size() && local >= shard.frames[utterance]) local -= shard.frames[utterance++];
    return {shard.npyPath, "row " + std::to_string(row - shard.firstRow) + " (utterance " + std::to_string(utterance) + ", frame " +
                               std::to_string(local) + ")"};
}

std::vector<std::vector<RowRange>> NpyShardFeatureSource::utterances() const {
    std::vector<std::vector<RowRange>> perShard;
    for (const Shard& shard : shards_) {
        std::vector<RowRange> ranges;
        std::size_t first = shard.firstRow;
        for (std::size_t frames : shard.frames) {
            ranges.push_back({first, frames});
            first += frames;
        }
        perShard.push_back(std::move(ranges));
    }
    return perShard;
}

}  // namespace m2ds
