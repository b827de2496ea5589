#include "checkpoint/PickleReader.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds {
namespace {

using Kind = PickleValue::Kind;

PickleRef make(Kind kind) {
    auto value = std::make_shared<PickleValue>();
    value->kind = kind;
    return value;
}

PickleRef makeString(Kind kind, std::string text) {
    auto value = make(kind);
    value->text = std::move(text);
    return value;
}

PickleRef makeInt(int64_t integer) {
    auto value = make(Kind::Int);
    value->integer = integer;
    return value;
}

const std::set<std::string>& storageTypes() {
    static const std::set<std::string> types{"FloatStorage", "HalfStorage", "BFloat16Storage", "DoubleStorage",
                                             "LongStorage", "IntStorage", "ShortStorage", "CharStorage",
                                             "ByteStorage", "BoolStorage"};
    return types;
}

std::vector<int64_t> integers(const PickleRef& tuple, const char* what) {
    std::vector<int64_t> out;
    if (!tuple || (tuple->kind != Kind::Tuple && tuple->kind != Kind::List)) throw std::runtime_error(std::string(what) + " is not a tuple");
    for (const auto& item : tuple->items) {
        if (item->kind != Kind::Int) throw std::runtime_error(std::string(what) + " holds a non-integer");
        out.push_back(item->integer);
    }
    return out;
}

constexpr std::size_t kMaxNesting = 100;  // a checkpoint nests dicts, tuples and tensors a few levels deep

// Opcodes (Python's pickletools names).
enum : unsigned char {
    MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', BININT = 'J', BININT1 = 'K', BININT2 = 'M',
    NONE = 'N', BINPERSID = 'Q', REDUCE = 'R', BINSTRING = 'T', SHORT_BINSTRING = 'U', BINUNICODE = 'X',
    APPEND = 'a', BUILD = 'b', GLOBAL = 'c', DICT = 'd', EMPTY_DICT = '}', APPENDS = 'e', BINGET = 'h',
    LONG_BINGET = 'j', LIST = 'l', EMPTY_LIST = ']', BINPUT = 'q', LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't',
    EMPTY_TUPLE = ')', SETITEMS = 'u', BINFLOAT = 'G', PROTO = 0x80, NEWOBJ = 0x81, TUPLE1 = 0x85, TUPLE2 = 0x86,
    TUPLE3 = 0x87, NEWTRUE = 0x88, NEWFALSE = 0x89, LONG1 = 0x8a, LONG4 = 0x8b, BINBYTES = 'B', SHORT_BINBYTES = 'C',
    SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, EMPTY_SET = 0x8f, ADDITEMS = 0x90,
    FROZENSET = 0x91, NEWOBJ_EX = 0x92, STACK_GLOBAL = 0x93, MEMOIZE = 0x94, FRAME = 0x95
};

}  // namespace

PickleReader::PickleReader(const char* data, std::size_t size, std::string sourceName)
    : data_(reinterpret_cast<const unsigned char*>(data)), size_(size), source_(std::move(sourceName)) {}

void PickleReader::fail(const std::string& reason) const {
    throw InputError(source_, "pickle byte " + std::to_string(opcodeStart_) + ": " + reason);
}

void PickleReader::need(std::size_t bytes) const {
    if (bytes > size_ - position_) fail("truncated (needs " + std::to_string(bytes) + " more bytes)");
}

uint64_t PickleReader::readUnsigned(int bytes) {
    need(static_cast<std::size_t>(bytes));
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) value |= static_cast<uint64_t>(data_[position_ + i]) << (8 * i);
    position_ += static_cast<std::size_t>(bytes);
    return value;
}

std::string PickleReader::readBytes(std::size_t count) {
    need(count);
    std::string bytes(reinterpret_cast<const char*>(data_ + position_), count);
    position_ += count;
    return bytes;
}

PickleRef PickleReader::pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) fail("stack underflow");
    PickleRef value = std::move(stack_.back());
    stack_.pop_back();
    return value;
}

PickleRef& PickleReader::top() {
    if (stack_.empty()) fail("stack underflow");
    return stack_.back();
}

std::vector<PickleRef> PickleReader::popToMark() {
    if (marks_.empty()) fail("MARK expected");
    const std::size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<PickleRef> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
}

void PickleReader::adopt(PickleValue& container, const PickleRef& child) const {
    // Python's pickler fills a container before it puts it into another; changing one afterwards (through the memo)
    // would leave the depths above it stale, and putting an open ancestor into it would make a cycle: refused both.
    if (container.adopted) fail("changes a container that already sits in another one (a cyclic or memo-chained pickle)");
    if (child.get() == &container) fail("puts a container into itself");
    child->adopted = true;
    container.depth = std::max(container.depth, child->depth + 1);
    if (container.depth > kMaxNesting) fail("containers nested more than " + std::to_string(kMaxNesting) + " deep");
}

void PickleReader::adoptAll(PickleValue& container) const {
    for (const auto& item : container.items) adopt(container, item);
    for (const auto& [key, value] : container.entries) {
        adopt(container, key);
        adopt(container, value);
    }
}

void PickleReader::memoPut(uint64_t index) { memo_[index] = top(); }

PickleRef PickleReader::memoGet(uint64_t index) const {
    const auto found = memo_.find(index);
    if (found == memo_.end()) fail("memo entry " + std::to_string(index) + " was never stored");
    return found->second;
}

PickleRef PickleReader::read() {
    while (!stopped_) {
        opcodeStart_ = position_;
        need(1);
        step(data_[position_++]);
    }
    if (stack_.size() != 1) fail("stream ended with " + std::to_string(stack_.size()) + " values on the stack");
    return stack_.back();
}

void PickleReader::step(unsigned char opcode) {
    switch (opcode) {
    case PROTO: readUnsigned(1); return;
    case FRAME: readUnsigned(8); return;
    case STOP: stopped_ = true; return;
    case MARK: marks_.push_back(stack_.size()); return;
    case POP: pop(); return;
    case POP_MARK: popToMark(); return;
    case DUP: push(top()); return;
    case NONE: push(make(Kind::None)); return;
    case NEWTRUE: case NEWFALSE: {
        auto value = make(Kind::Bool);
        value->boolean = opcode == NEWTRUE;
        return push(value);
    }
    case BININT: return push(makeInt(static_cast<int32_t>(readUnsigned(4))));
    case BININT1: return push(makeInt(static_cast<int64_t>(readUnsigned(1))));
    case BININT2: return push(makeInt(static_cast<int64_t>(readUnsigned(2))));
    case LONG1: case LONG4: {
        const auto length = readUnsigned(opcode == LONG1 ? 1 : 4);
        if (length > 8) fail("integer wider than 64 bits");
        uint64_t raw = readUnsigned(static_cast<int>(length));
        if (length > 0 && length < 8 && (raw >> (8 * length - 1)) & 1) raw |= ~uint64_t{0} << (8 * length);  // sign-extend
        return push(makeInt(static_cast<int64_t>(raw)));
    }
    case BINFLOAT: {
        need(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | data_[position_ + i];  // big-endian
        position_ += 8;
        auto value = make(Kind::Float);
        std::memcpy(&value->real, &bits, sizeof bits);
        return push(value);
    }
    case SHORT_BINUNICODE: return push(makeString(Kind::String, readBytes(readUnsigned(1))));
    case BINUNICODE: return push(makeString(Kind::String, readBytes(readUnsigned(4))));
    case BINUNICODE8: return push(makeString(Kind::String, readBytes(readUnsigned(8))));
    case SHORT_BINSTRING: return push(makeString(Kind::String, readBytes(readUnsigned(1))));
    case BINSTRING: return push(makeString(Kind::String, readBytes(readUnsigned(4))));
    case SHORT_BINBYTES: return push(makeString(Kind::Bytes, readBytes(readUnsigned(1))));
    case BINBYTES: return push(makeString(Kind::Bytes, readBytes(readUnsigned(4))));
    case BINBYTES8: return push(makeString(Kind::Bytes, readBytes(readUnsigned(8))));
    case EMPTY_TUPLE: return push(make(Kind::Tuple));
    case TUPLE1: case TUPLE2: case TUPLE3: {
        auto tuple = make(Kind::Tuple);
        tuple->items.resize(opcode - TUPLE1 + 1);
        for (auto it = tuple->items.rbegin(); it != tuple->items.rend(); ++it) *it = pop();
        adoptAll(*tuple);
        return push(tuple);
    }
    case TUPLE: {
        auto tuple = make(Kind::Tuple);
        tuple->items = popToMark();
        adoptAll(*tuple);
        return push(tuple);
    }
    case EMPTY_LIST: return push(make(Kind::List));
    case LIST: {
        auto list = make(Kind::List);
        list->items = popToMark();
        adoptAll(*list);
        return push(list);
    }
    case APPEND: {
        auto item = pop();
        if (top()->kind != Kind::List) fail("APPEND to a " + top()->describe());
        adopt(*top(), item);
        top()->items.push_back(std::move(item));
        return;
    }
    case APPENDS: {
        auto items = popToMark();
        if (top()->kind != Kind::List) fail("APPENDS to a " + top()->describe());
        for (const auto& item : items) adopt(*top(), item);
        top()->items.insert(top()->items.end(), items.begin(), items.end());
        return;
    }
    case EMPTY_DICT: return push(make(Kind::Dict));
    case DICT: case SETITEMS: {
        auto items = popToMark();
        if (items.size() % 2) fail("odd number of dict items");
        if (opcode == DICT) push(make(Kind::Dict));
        if (top()->kind != Kind::Dict) fail("SETITEMS on a " + top()->describe());
        for (const auto& item : items) adopt(*top(), item);
        for (std::size_t i = 0; i < items.size(); i += 2) top()->entries.emplace_back(items[i], items[i + 1]);
        return;
    }
    case SETITEM: {
        auto value = pop();
        auto key = pop();
        if (top()->kind != Kind::Dict) fail("SETITEM on a " + top()->describe());
        adopt(*top(), key);
        adopt(*top(), value);
        top()->entries.emplace_back(std::move(key), std::move(value));
        return;
    }
    case EMPTY_SET: return push(make(Kind::Set));
    case ADDITEMS: {
        auto items = popToMark();
        if (top()->kind != Kind::Set) fail("ADDITEMS on a " + top()->describe());
        for (const auto& item : items) adopt(*top(), item);
        top()->items.insert(top()->items.end(), items.begin(), items.end());
        return;
    }
    case FROZENSET: {
        auto set = make(Kind::Set);
        set->items = popToMark();
        adoptAll(*set);
        return push(set);
    }
    case BINPUT: return memoPut(readUnsigned(1));
    case LONG_BINPUT: return memoPut(readUnsigned(4));
    case MEMOIZE: return memoPut(memo_.size());
    case BINGET: return push(memoGet(readUnsigned(1)));
    case LONG_BINGET: return push(memoGet(readUnsigned(4)));
    case GLOBAL: {
        std::string module, name;
        while (need(1), data_[position_] != '\n') module += static_cast<char>(data_[position_++]);
        ++position_;
        while (need(1), data_[position_] != '\n') name += static_cast<char>(data_[position_++]);
        ++position_;
        return push(global(module, name));
    }
    case STACK_GLOBAL: {
        auto name = pop();
        auto module = pop();
        if (module->kind != Kind::String || name->kind != Kind::String) fail("STACK_GLOBAL needs two strings");
        return push(global(module->text, name->text));
    }
    case REDUCE: case NEWOBJ: {
        auto arguments = pop();
        auto callable = pop();
        return push(call(callable, arguments));
    }
    case BUILD: {
        auto state = pop();
        build(top(), state);
        return;
    }
    case BINPERSID: return push(persistentLoad(pop()));
    default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", opcode);
        fail(std::string("unsupported opcode ") + hex);
    }
    }
}

PickleRef PickleReader::global(const std::string& module, const std::string& name) const {
    const std::string full = module + "." + name;
    static const std::set<std::string> allowed{"collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
                                               "torch._utils._rebuild_parameter", "argparse.Namespace",
                                               "torch.device", "_codecs.encode"};
    if (allowed.count(full) || (module == "torch" && storageTypes().count(name))) return makeString(Kind::Global, full);
    fail("names " + FileText::quoted(full) + ", which a checkpoint importer does not load (only tensors, containers and "
         "argparse.Namespace are accepted)");
}

PickleRef PickleReader::call(const PickleRef& callable, const PickleRef& arguments) const {
    if (callable->kind != Kind::Global) fail("calls a " + callable->describe() + ", not a class");
    if (arguments->kind != Kind::Tuple) fail("call arguments are a " + arguments->describe());
    const std::string& name = callable->text;
    const auto& args = arguments->items;
    try {
        if (name == "collections.OrderedDict") return make(Kind::Dict);
        if (name == "argparse.Namespace") return makeString(Kind::Object, name);
        if (name == "torch.device") return makeString(Kind::String, args.empty() ? "cpu" : args[0]->text);
        if (name == "_codecs.encode") {
            if (args.empty() || args[0]->kind != Kind::String) fail("_codecs.encode without a string");
            return makeString(Kind::Bytes, args[0]->text);  // latin-1 text of protocol-2 bytes; kept as is
        }
        if (name == "torch._utils._rebuild_parameter") {
            if (args.empty() || args[0]->kind != Kind::Tensor) fail("_rebuild_parameter without a tensor");
            return args[0];
        }
        if (name == "torch._utils._rebuild_tensor_v2") {
            if (args.size() < 4 || args[0]->kind != Kind::Storage || args[1]->kind != Kind::Int) fail("malformed _rebuild_tensor_v2 call");
            auto tensor = make(Kind::Tensor);
            tensor->storage = args[0];
            tensor->offset = args[1]->integer;
            tensor->shape = integers(args[2], "tensor size");
            tensor->strides = integers(args[3], "tensor stride");
            if (tensor->shape.size() != tensor->strides.size()) fail("tensor size and stride differ in length");
            return tensor;
        }
    } catch (const std::runtime_error& error) {
        if (dynamic_cast<const InputError*>(&error)) throw;
        fail(error.what());
    }
    fail("calls " + FileText::escaped(name) + ", which cannot be called");
}

void PickleReader::build(const PickleRef& object, const PickleRef& state) const {
    if (object->kind == Kind::Object && state->kind == Kind::Dict) {
        for (const auto& [key, value] : state->entries) {  // argparse.Namespace attributes
            adopt(*object, key);
            adopt(*object, value);
        }
        object->entries = state->entries;
        return;
    }
    if (object->kind == Kind::Dict || object->kind == Kind::Tensor) return;  // OrderedDict._metadata, tensor hooks
    fail("BUILD on a " + object->describe());
}

PickleRef PickleReader::persistentLoad(const PickleRef& id) const {
    // ('storage', torch.FloatStorage, key, location, numel)
    if (id->kind != Kind::Tuple || id->items.size() < 5 || id->items[0]->text != "storage" || id->items[1]->kind != Kind::Global ||
        id->items[2]->kind != Kind::String || id->items[4]->kind != Kind::Int)
        fail("unsupported persistent id " + id->describe());
    auto storage = make(Kind::Storage);
    const std::string& type = id->items[1]->text;
    storage->dtype = type.substr(type.rfind('.') + 1);
    storage->storageKey = id->items[2]->text;
    storage->storageElements = id->items[4]->integer;
    if (storage->storageElements < 0) fail("negative storage size");
    return storage;
}

}  // namespace m2ds
