#include "features/FeatureDumpWriter.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/NpyStreamWriter.h"
#include "common/TextUtilities.h"

namespace m2ds {
namespace {

constexpr std::size_t kCopyRows = 4096;

std::string systemError() { return std::strerror(errno); }

}  // namespace

FeatureDumpWriter::FeatureDumpWriter(std::string npyPath, std::size_t dimension)
    : npyPath_(std::move(npyPath)), rowsPath_(npyPath_ + ".rows.tmp"), dimension_(dimension) {
    if (dimension_ == 0) throw InvalidArgument("a feature dump needs at least one column");
    if (!endsWith(npyPath_, ".npy")) throw OutputError(npyPath_, "a feature dump shard is a .npy file");
    rows_ = std::fopen(rowsPath_.c_str(), "w+b");
    if (!rows_) throw OutputError(npyPath_, "cannot create the temporary file " + rowsPath_ + ": " + systemError());
}

FeatureDumpWriter::~FeatureDumpWriter() {
    if (rows_) std::fclose(rows_);
    ::unlink(rowsPath_.c_str());
}

void FeatureDumpWriter::append(const FloatArray& frames) {
    if (frames.shape.size() != 2 || (frames.shape[0] > 0 && frames.shape[1] != dimension_))
        throw InvalidArgument("features of " + std::to_string(frames.shape.size() == 2 ? frames.shape[1] : 0) + " columns for a dump of " +
                              std::to_string(dimension_));
    const std::size_t count = frames.shape[0] * dimension_;
    if (count > 0 && std::fwrite(frames.values.data(), sizeof(float), count, rows_) != count)
        throw OutputError(npyPath_, "writing " + rowsPath_ + " failed: " + systemError());
    rowCount_ += frames.shape[0];
    lengths_.push_back(frames.shape[0]);
}

void FeatureDumpWriter::finish() {
    if (std::fflush(rows_) != 0 || std::fseek(rows_, 0, SEEK_SET) != 0) throw OutputError(npyPath_, "reading back " + rowsPath_ + ": " + systemError());
    NpyStreamWriter npy(npyPath_, {rowCount_, dimension_});
    std::vector<float> block(kCopyRows * dimension_);
    for (std::size_t done = 0; done < rowCount_;) {
        const std::size_t rows = std::min(kCopyRows, rowCount_ - done);
        if (std::fread(block.data(), sizeof(float) * dimension_, rows, rows_) != rows)
            throw OutputError(npyPath_, "reading back " + rowsPath_ + " failed");
        npy.append(block.data(), rows * dimension_);
        done += rows;
    }
    npy.finish();
    std::string lengths;
    for (std::size_t frames : lengths_) lengths += std::to_string(frames) + "\n";
    const std::string base = npyPath_.substr(0, npyPath_.size() - 4);
    AtomicFileWriter::writeFile(base + ".len", lengths);
    std::fclose(rows_);
    rows_ = nullptr;
    ::unlink(rowsPath_.c_str());
}

}  // namespace m2ds
