#pragma once
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "checkpoint/PickleValue.h"

namespace m2ds {

/// A restricted unpickler for PyTorch checkpoints (protocols 2-5). It never imports or calls anything: each
/// global it meets must be one of a fixed list (OrderedDict, torch tensor rebuilders and storage types,
/// argparse.Namespace, torch.device, _codecs.encode), which it rebuilds itself; any other global, an unknown
/// opcode or a malformed stream is an InputError naming the file and the byte offset.
class PickleReader {
public:
    /// sourceName: the file, for messages.
    PickleReader(const char* data, std::size_t size, std::string sourceName);
    /// Runs the stream to STOP and returns the root value.
    PickleRef read();

private:
    [[noreturn]] void fail(const std::string& reason) const;
    void need(std::size_t bytes) const;
    uint64_t readUnsigned(int bytes);
    std::string readBytes(std::size_t count);
    PickleRef pop();
    std::vector<PickleRef> popToMark();
    PickleRef& top();
    void push(PickleRef value) { stack_.push_back(std::move(value)); }
    /// Records that `child` now sits in `container`; fails past the nesting limit, when `container` already sits in
    /// another container (so no value changes after its depth was counted, and none can contain itself) or is `child`.
    void adopt(PickleValue& container, const PickleRef& child) const;
    void adoptAll(PickleValue& container) const;
    void memoPut(uint64_t index);
    PickleRef memoGet(uint64_t index) const;
    void step(unsigned char opcode);
    PickleRef global(const std::string& module, const std::string& name) const;
    PickleRef call(const PickleRef& callable, const PickleRef& arguments) const;
    void build(const PickleRef& object, const PickleRef& state) const;
    PickleRef persistentLoad(const PickleRef& id) const;

    const unsigned char* data_;
    std::size_t size_;
    std::size_t position_ = 0;
    std::size_t opcodeStart_ = 0;
    std::string source_;
    std::vector<PickleRef> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<uint64_t, PickleRef> memo_;
    bool stopped_ = false;
};

}  // namespace m2ds
