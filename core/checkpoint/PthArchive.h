#pragma once
#include <functional>
#include <memory>
#include <string>

#include "checkpoint/PickleValue.h"
#include "common/FloatArray.h"

namespace m2ds {

/// A PyTorch checkpoint file (torch.save's zip container: <archive>/data.pkl + <archive>/data/<key>), read
/// without Python: the pickle through PickleReader, tensors on demand from their storage records.
class PthArchive {
public:
    /// Opens and unpickles; throws InputError naming the file (not a zip, no data.pkl, bad pickle, ...).
    explicit PthArchive(const std::string& path);
    /// The same for a checkpoint held in memory (a whole file's bytes); `label` stands for the file in errors.
    PthArchive(const std::string& label, const std::string& bytes);
    ~PthArchive();
    PthArchive(const PthArchive&) = delete;
    PthArchive& operator=(const PthArchive&) = delete;

    const PickleRef& root() const { return root_; }
    /// The tensor's values as float32 in C order (float, half, bfloat16 and double storages); throws InputError
    /// if the storage record is missing or smaller than the tensor needs, or the view's offset, sizes or strides are
    /// negative, zero where they must not be, or overflow.
    FloatArray readTensor(const PickleValue& tensor, const std::string& name) const;

private:
    struct Reader;
    /// Takes the zip `open` gives (it throws InputError or LibTorch's c10::Error when there is none) and unpickles
    /// data.pkl.
    void adopt(const std::function<std::unique_ptr<Reader>()>& open);
    /// The bytes of record `name` (relative to the archive folder) after checking what the zip declares for it: at
    /// least `neededBytes`, and no deflate bomb. Throws InputError naming the file.
    std::string record(const std::string& name, uint64_t neededBytes) const;

    std::string path_;
    std::unique_ptr<Reader> reader_;
    PickleRef root_;
};

}  // namespace m2ds
