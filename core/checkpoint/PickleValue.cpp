#include "checkpoint/PickleValue.h"

namespace m2ds {

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
    case Kind::String: return "'" + text + "'";
    case Kind::Bytes: return "bytes";
    case Kind::Tuple: return "tuple of " + std::to_string(items.size());
    case Kind::List: return "list of " + std::to_string(items.size());
    case Kind::Set: return "set of " + std::to_string(items.size());
    case Kind::Dict: return "dict of " + std::to_string(entries.size());
    case Kind::Storage: return dtype + " storage";
    case Kind::Global: return "class " + text;
    case Kind::Object: return text;
    case Kind::Tensor: {
        std::string dims;
        for (std::size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
        return "tensor [" + dims + "]";
    }
    }
    return "?";
}

}  // namespace m2ds
