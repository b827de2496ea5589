#include "checkpoint/PthArchive.h"

#include <caffe2/serialize/inline_container.h>

#include "checkpoint/FloatDecoding.h"
#include "checkpoint/PickleReader.h"
#include "common/Errors.h"

namespace m2ds {
struct PthArchive::Reader {
    explicit Reader(const std::string& path) : stream(path) {}
    caffe2::serialize::PyTorchStreamReader stream;
};

PthArchive::PthArchive(const std::string& path) : path_(path) {
    try {
        reader_ = std::make_unique<Reader>(path);
    } catch (const c10::Error& error) {
        throw InputError(path, "not a PyTorch checkpoint (torch.save zip container expected): " +
                                   std::string(error.what_without_backtrace()));
    }
    if (!reader_->stream.hasRecord("data.pkl")) throw InputError(path, "the archive has no data.pkl");
    try {
        const auto [data, size] = reader_->stream.getRecord("data.pkl");
        root_ = PickleReader(static_cast<const char*>(data.get()), size, path).read();
    } catch (const c10::Error& error) {
        throw InputError(path, std::string("cannot read data.pkl: ") + error.what_without_backtrace());
    }
}

PthArchive::~PthArchive() = default;

FloatArray PthArchive::readTensor(const PickleValue& tensor, const std::string& name) const {
    const PickleValue& storage = *tensor.storage;
    const StoredFloat type = storedFloatFromStorage(storage.dtype);
    const std::size_t width = storedFloatWidth(type);
    if (width == 0) throw InputError(path_, "'" + name + "' is a " + storage.dtype + " tensor, not a floating-point one");
    // Highest element the view touches, checked against the declared and the actual storage size.
    int64_t last = tensor.offset, count = 1;
    for (std::size_t d = 0; d < tensor.shape.size(); ++d) {
        if (tensor.shape[d] < 0 || tensor.strides[d] < 0) throw InputError(path_, "'" + name + "' has a negative size or stride");
        if (tensor.shape[d] == 0) count = 0;
        else last += (tensor.shape[d] - 1) * tensor.strides[d];
        if (count && tensor.shape[d] > (int64_t{1} << 40) / count) throw InputError(path_, "'" + name + "' declares an absurd size");
        count *= tensor.shape[d];
    }
    const std::string record = "data/" + storage.storageKey;
    if (!reader_->stream.hasRecord(record)) throw InputError(path_, "'" + name + "' refers to storage " + record + ", missing from the archive");
    const auto [data, size] = reader_->stream.getRecord(record);
    if (count > 0 && (static_cast<std::size_t>(last + 1) * width > size || last + 1 > storage.storageElements))
        throw InputError(path_, "'" + name + "' needs " + std::to_string((last + 1) * static_cast<int64_t>(width)) +
                                    " bytes of storage " + record + ", which holds " + std::to_string(size));
    FloatArray out;
    out.shape.assign(tensor.shape.begin(), tensor.shape.end());
    out.values.resize(static_cast<std::size_t>(count));
    const char* bytes = static_cast<const char*>(data.get());
    std::vector<int64_t> index(tensor.shape.size(), 0);
    for (int64_t flat = 0; flat < count; ++flat) {
        int64_t element = tensor.offset;
        for (std::size_t d = 0; d < index.size(); ++d) element += index[d] * tensor.strides[d];
        out.values[static_cast<std::size_t>(flat)] = decodeStoredFloat(type, bytes + element * static_cast<int64_t>(width));
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < tensor.shape[d]) break;
            index[d] = 0;
        }
    }
    return out;
}

}  // namespace m2ds
