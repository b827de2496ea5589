#include "model/hubert/HubertWeightNames.h"

namespace m2ds {
namespace {

bool startsWith(const std::string& text, const std::string& prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

void replacePrefix(std::string& name, const std::string& from, const std::string& to) {
    if (startsWith(name, from)) name = to + name.substr(from.size());
}

void replaceSuffix(std::string& name, const std::string& from, const std::string& to) {
    if (name.size() >= from.size() && name.compare(name.size() - from.size(), from.size(), from) == 0)
        name = name.substr(0, name.size() - from.size()) + to;
}

}  // namespace

std::string hubertParameterName(const std::string& key) {
    std::string name = key;
    replacePrefix(name, "hubert.", "");
    replacePrefix(name, "wav2vec2.", "");
    replacePrefix(name, "encoder.feature_projection.", "feature_projection.");
    replacePrefix(name, "encoder.transformer.", "encoder.");
    replaceSuffix(name, ".parametrizations.weight.original0", ".weight_g");
    replaceSuffix(name, ".parametrizations.weight.original1", ".weight_v");
    for (const char* part : {"feature_extractor.", "feature_projection.", "encoder."})
        if (startsWith(name, part)) return name;
    return "";
}

}  // namespace m2ds
