#include "checkpoint/CheckpointExporter.h"

#include <caffe2/serialize/inline_container.h>

#include "checkpoint/SafetensorsFile.h"
#include "common/AtomicFileWriter.h"
#include "common/Errors.h"

namespace m2ds::CheckpointExporter {
namespace {

/// Protocol-2 pickle of {'model': {name: tensor}} exactly as torch.save writes tensors: every tensor is
/// torch._utils._rebuild_tensor_v2 over a persistent ('storage', torch.FloatStorage, key, 'cpu', numel).
/// Only globals on torch's weights_only allow-list appear.
class StateDictPickler {
public:
    std::string pickle(const StateDict& weights) {
        out_ = "\x80\x02";       // PROTO 2
        out_ += '}';             // EMPTY_DICT (root)
        unicode("model");
        out_ += '}';             // EMPTY_DICT (state dict)
        out_ += '(';             // MARK
        for (std::size_t i = 0; i < weights.size(); ++i) tensorEntry(weights[i].first, weights[i].second, i);
        out_ += 'u';             // SETITEMS
        out_ += 's';             // SETITEM model
        out_ += '.';             // STOP
        return out_;
    }

private:
    void unicode(const std::string& text) {
        out_ += 'X';
        const auto size = static_cast<uint32_t>(text.size());
        for (int i = 0; i < 4; ++i) out_ += static_cast<char>((size >> (8 * i)) & 0xff);
        out_ += text;
    }
    void integer(int64_t value) {
        if (value < 0 || value > 0x7fffffff) throw OutputError("", "tensor dimension too large for the .pth writer");
        out_ += 'J';
        for (int i = 0; i < 4; ++i) out_ += static_cast<char>((value >> (8 * i)) & 0xff);
    }
    void intTuple(const std::vector<int64_t>& values) {
        out_ += '(';
        for (int64_t value : values) integer(value);
        out_ += 't';
    }
    void tensorEntry(const std::string& name, const FloatArray& array, std::size_t key) {
        unicode(name);
        out_ += "ctorch._utils\n_rebuild_tensor_v2\n";
        out_ += '(';                                  // args
        out_ += '(';                                  // persistent id
        unicode("storage");
        out_ += "ctorch\nFloatStorage\n";
        unicode(std::to_string(key));
        unicode("cpu");
        integer(static_cast<int64_t>(array.values.size()));
        out_ += 't';
        out_ += 'Q';                                  // BINPERSID
        integer(0);                                   // storage offset
        std::vector<int64_t> shape(array.shape.begin(), array.shape.end()), strides(shape.size(), 1);
        for (std::size_t d = shape.size(); d-- > 1;) strides[d - 1] = strides[d] * shape[d];
        intTuple(shape);
        intTuple(strides);
        out_ += '\x89';                               // NEWFALSE: requires_grad
        out_ += "ccollections\nOrderedDict\n)R";      // backward hooks: OrderedDict()
        out_ += 't';
        out_ += 'R';                                  // REDUCE
    }

    std::string out_;
};

}  // namespace

void writeSafetensors(const std::string& path, const ModelConfig& config, const StateDict& weights,
                      const std::string& provenanceJson) {
    SafetensorsFile::write(path, weights,
                           {{"format", "pt"}, {"m2ds.config", config.toJson()}, {"m2ds.provenance", provenanceJson}});
}

void writePth(const std::string& path, const StateDict& weights) {
    AtomicFileWriter file(path);
    try {
        caffe2::serialize::PyTorchStreamWriter zip([&file](const void* data, std::size_t size) {
            file.write(data, size);
            return size;
        });
        const std::string pickle = StateDictPickler().pickle(weights);
        zip.writeRecord("data.pkl", pickle.data(), pickle.size());
        for (std::size_t i = 0; i < weights.size(); ++i) {
            const auto& values = weights[i].second.values;
            zip.writeRecord("data/" + std::to_string(i), values.data(), values.size() * sizeof(float));
        }
        zip.writeEndOfFile();
    } catch (const c10::Error& error) {
        throw OutputError(path, std::string("writing the archive failed: ") + error.what_without_backtrace());
    }
    file.commit();
}

}  // namespace m2ds::CheckpointExporter
