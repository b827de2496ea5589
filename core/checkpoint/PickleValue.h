#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace m2ds {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

/// A value rebuilt from a PyTorch pickle without executing anything: containers and scalars as themselves,
/// tensors as references into the archive's storages, argparse.Namespace as an object with its attribute dict.
struct PickleValue {
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Set, Tensor, Storage, Global, Object };
    PickleValue() = default;
    /// Frees the children iteratively: a list nested a million deep must not exhaust the stack.
    ~PickleValue();
    PickleValue(const PickleValue&) = delete;
    PickleValue& operator=(const PickleValue&) = delete;

    Kind kind = Kind::None;
    std::size_t depth = 1;                               ///< containers nested inside this one, plus one
    bool adopted = false;                                ///< inside a container, so never changed again (PickleReader)
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;                                    ///< String, Bytes; Global/Object: "module.name"
    std::vector<PickleRef> items;                        ///< Tuple, List, Set
    std::vector<std::pair<PickleRef, PickleRef>> entries;  ///< Dict (insertion order), Object attributes

    // Storage: archive record key, element type name ("float", "half", ...), element count.
    // Tensor: `storage` plus offset, shape and strides in elements.
    std::string storageKey;
    std::string dtype;
    int64_t storageElements = 0;
    PickleRef storage;
    int64_t offset = 0;
    std::vector<int64_t> shape;
    std::vector<int64_t> strides;

    /// Dict/Object entry with string key `key`, or null.
    PickleRef find(const std::string& key) const;
    /// Short description for messages: "dict", "tensor [768, 1, 80, 2]", "argparse.Namespace", ...
    std::string describe() const;
};

}  // namespace m2ds
