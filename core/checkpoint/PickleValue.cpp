#include "checkpoint/PickleValue.h"

#include <algorithm>

#include "common/FileText.h"

namespace m2ds {
namespace {

/// Moves the children of `value` to `pending`, leaving it without any.
void detachChildren(PickleValue& value, std::vector<PickleRef>& pending) {
    for (auto& item : value.items) pending.push_back(std::move(item));
    for (auto& [key, entry] : value.entries) {
        pending.push_back(std::move(key));
        pending.push_back(std::move(entry));
    }
    pending.push_back(std::move(value.storage));
    value.items.clear();
    value.entries.clear();
}

}  // namespace

PickleValue::~PickleValue() {
    std::vector<PickleRef> pending;
    detachChildren(*this, pending);
    while (!pending.empty()) {
        PickleRef value = std::move(pending.back());
        pending.pop_back();
        if (value && value.use_count() == 1) detachChildren(*value, pending);  // its destructor then has nothing to free
    }
}

PickleRef PickleValue::find(const std::string& key) const {
    for (const auto& [name, value] : entries)
        if (name && name->kind == Kind::String && name->text == key) return value;
    return nullptr;
}

std::string PickleValue::describe() const {
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return boolean ? "True" : "False";
    case Kind::Int: return std::to_string(integer);
    case Kind::Float: return std::to_string(real);
    case Kind::String: return FileText::quoted(text);
    case Kind::Bytes: return "bytes";
    case Kind::Tuple: return "tuple of " + std::to_string(items.size());
    case Kind::List: return "list of " + std::to_string(items.size());
    case Kind::Set: return "set of " + std::to_string(items.size());
    case Kind::Dict: return "dict of " + std::to_string(entries.size());
    case Kind::Storage: return FileText::escaped(dtype) + " storage";
    case Kind::Global: return "class " + FileText::escaped(text);
    case Kind::Object: return FileText::escaped(text);
    case Kind::Tensor: {
        std::string dims;
        for (std::size_t i = 0; i < std::min<std::size_t>(shape.size(), 8); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
        return "tensor [" + dims + (shape.size() > 8 ? ", …]" : "]");
    }
    }
    return "?";
}

}  // namespace m2ds
