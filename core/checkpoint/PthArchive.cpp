#include "checkpoint/PthArchive.h"

#include <caffe2/serialize/inline_container.h>
#include <sstream>

#include "checkpoint/FloatDecoding.h"
#include "checkpoint/PickleReader.h"
#include "common/Errors.h"
#include "common/FileText.h"
#include "common/ZipDirectory.h"

namespace m2ds {
namespace {

constexpr int64_t kMaxTensorElements = int64_t{1} << 40;

/// The reason LibTorch's zip reader gives ("unsupported method"), without its "PytorchStreamReader failed ..." prefix
/// and its backtrace, escaped.
std::string libraryReason(const c10::Error& error) {
    std::string text = error.what_without_backtrace();
    text = text.substr(0, text.find('\n'));
    const std::size_t colon = text.rfind(": ");
    return FileText::escaped(colon == std::string::npos ? text : text.substr(colon + 2), 200);
}

/// The element after the last one a view of `tensor` touches, or -1 when a size, stride or offset is negative, a
/// stride is zero where the size is not 1, or the arithmetic would overflow.
int64_t viewEnd(const PickleValue& tensor) {
    if (tensor.offset < 0) return -1;
    int64_t last = tensor.offset, step = 0;
    for (std::size_t d = 0; d < tensor.shape.size(); ++d) {
        const int64_t size = tensor.shape[d], stride = tensor.strides[d];
        if (size < 0 || stride < 0 || (stride == 0 && size > 1)) return -1;
        if (size == 0) return tensor.offset;
        if (__builtin_mul_overflow(size - 1, stride, &step) || __builtin_add_overflow(last, step, &last)) return -1;
    }
    return last == INT64_MAX ? -1 : last + 1;
}

/// Number of elements of `shape`, or -1 beyond kMaxTensorElements.
int64_t elementCount(const std::vector<int64_t>& shape) {
    int64_t count = 1;
    for (const int64_t size : shape) {
        if (size == 0) return 0;
        if (size < 0 || count > kMaxTensorElements / size) return -1;
        count *= size;
    }
    return count;
}

/// Refuses record `name` when LibTorch's reader, which allocates what the directory declares, would allocate more than
/// is there: a stored record is its stored bytes (a 242-byte .pth declared 4 GB: fuzz_pth); torch.save stores records
/// uncompressed, and a deflated one may not inflate far beyond its size (a zip bomb).
void checkDeclaredSize(const std::string& path, const ZipDirectory::Entry& entry, const std::string& name) {
    if (entry.method == 0 && entry.size != entry.compressedSize)
        throw InputError(path, "record " + FileText::quoted(name) + " declares " + std::to_string(entry.size) + " bytes but stores " +
                                   std::to_string(entry.compressedSize));
    if (entry.method != 0 && entry.size > 16 * entry.compressedSize + (uint64_t{1} << 20))
        throw InputError(path, "record " + FileText::quoted(name) + " would inflate " + std::to_string(entry.compressedSize) +
                                   " bytes to " + std::to_string(entry.size) + "; refused (torch.save does not compress)");
}

/// The folder ("archive/") torch.save puts every record in: that of the first record, which must hold a version record
/// of a plausible size. LibTorch's reader requires the same and reads that record in its constructor; checked here
/// first because the constructor leaks when it throws.
std::string archiveFolder(const ZipDirectory& directory, const std::string& path) {
    if (directory.entries().empty()) throw InputError(path, "the zip holds no records");
    const std::string& first = directory.entries().front().name;
    const std::size_t slash = first.find('/');
    if (slash == std::string::npos) throw InputError(path, "its first record " + FileText::quoted(first) + " is not in a folder");
    const std::string folder = first.substr(0, slash + 1);
    const ZipDirectory::Entry* version = directory.find(folder + ".data/version");
    if (!version) version = directory.find(folder + "version");
    if (!version) throw InputError(path, "it has no version record");
    checkDeclaredSize(path, *version, version->name.substr(folder.size()));
    return folder;
}

}  // namespace

/// The zip directory and LibTorch's reader of one archive: a file, or bytes in memory (`memory` then holds them for
/// LibTorch's reader).
struct PthArchive::Reader {
    explicit Reader(const std::string& path) : directory(path), folder(archiveFolder(directory, path)), stream(path) {}
    Reader(const std::string& label, const std::string& bytes)
        : directory(label, bytes), folder(archiveFolder(directory, label)), memory(bytes), stream(&memory) {}
    ZipDirectory directory;
    std::string folder;  ///< "archive/"
    std::istringstream memory;
    caffe2::serialize::PyTorchStreamReader stream;
};

PthArchive::PthArchive(const std::string& path) : path_(path) {
    adopt([&] { return std::make_unique<Reader>(path); });
}

PthArchive::PthArchive(const std::string& label, const std::string& bytes) : path_(label) {
    adopt([&] { return std::make_unique<Reader>(label, bytes); });
}

void PthArchive::adopt(const std::function<std::unique_ptr<Reader>()>& open) {
    try {
        reader_ = open();
    } catch (const InputError& error) {
        throw InputError(path_, "not a PyTorch checkpoint (torch.save zip container expected): " + error.reason());
    } catch (const c10::Error& error) {
        throw InputError(path_, "not a PyTorch checkpoint (torch.save zip container expected): " + libraryReason(error));
    } catch (const std::logic_error&) {  // LibTorch 1.13 parses the version record with std::stoull, uncaught
        throw InputError(path_, "not a PyTorch checkpoint (torch.save zip container expected): its version record holds no version number");
    }
    if (const std::string twice = reader_->directory.duplicateName(); !twice.empty())
        throw InputError(path_, "the archive holds two entries named " + FileText::quoted(twice) + "; which one counts is ambiguous");
    const std::string pickle = record("data.pkl", 0);
    root_ = PickleReader(pickle.data(), pickle.size(), path_).read();
}

PthArchive::~PthArchive() = default;

std::string PthArchive::record(const std::string& name, uint64_t neededBytes) const {
    const ZipDirectory::Entry* entry = reader_->directory.find(reader_->folder + name);
    if (!entry) throw InputError(path_, "the archive has no record " + FileText::quoted(name));
    if (entry->size < neededBytes)
        throw InputError(path_, "record " + FileText::quoted(name) + " holds " + std::to_string(entry->size) + " bytes, " +
                                    std::to_string(neededBytes) + " are needed");
    checkDeclaredSize(path_, *entry, name);
    try {
        const auto [data, size] = reader_->stream.getRecord(name);
        return std::string(static_cast<const char*>(data.get()), size);
    } catch (const c10::Error& error) {
        throw InputError(path_, "cannot read record " + FileText::quoted(name) + ", a corrupt zip entry (" + libraryReason(error) + ")");
    }
}

FloatArray PthArchive::readTensor(const PickleValue& tensor, const std::string& name) const {
    const PickleValue& storage = *tensor.storage;
    const std::string label = FileText::quoted(name);
    const StoredFloat type = storedFloatFromStorage(storage.dtype);
    const auto width = static_cast<int64_t>(storedFloatWidth(type));
    if (width == 0) throw InputError(path_, label + " is a " + FileText::escaped(storage.dtype) + " tensor, not a floating-point one");
    const int64_t count = elementCount(tensor.shape), end = viewEnd(tensor);
    if (count < 0) throw InputError(path_, label + " declares an absurd size");
    if (end < 0) throw InputError(path_, label + " has a negative or overflowing offset, size or stride, or a zero stride");
    if (count > 0 && (end > storage.storageElements || end > kMaxTensorElements))
        throw InputError(path_, label + " needs " + std::to_string(end) + " elements of storage data/" + FileText::escaped(storage.storageKey) +
                                    ", which declares " + std::to_string(storage.storageElements));
    const std::string bytes = record("data/" + storage.storageKey, static_cast<uint64_t>(count > 0 ? end * width : 0));
    FloatArray out;
    out.shape.assign(tensor.shape.begin(), tensor.shape.end());
    out.values.resize(static_cast<std::size_t>(count));
    std::vector<int64_t> index(tensor.shape.size(), 0);
    for (int64_t flat = 0; flat < count; ++flat) {
        int64_t element = tensor.offset;
        for (std::size_t d = 0; d < index.size(); ++d) element += index[d] * tensor.strides[d];
        out.values[static_cast<std::size_t>(flat)] = decodeStoredFloat(type, bytes.data() + element * width);
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < tensor.shape[d]) break;
            index[d] = 0;
        }
    }
    return out;
}

}  // namespace m2ds
