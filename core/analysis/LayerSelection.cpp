#include "analysis/LayerSelection.h"

#include <algorithm>
#include <sstream>

#include "common/Errors.h"

namespace m2ds {
namespace {

int parseLayer(const std::string& text, int depth, const std::string& whole) {
    std::size_t used = 0;
    int layer = -1;
    try {
        layer = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || layer < 0 || layer > depth)
        throw InvalidArgument("layers '" + whole + "': '" + text + "' is not a layer in 0.." + std::to_string(depth));
    return layer;
}

}  // namespace

std::vector<int> parseLayerSelection(const std::string& text, int depth) {
    std::vector<int> layers;
    if (text == "all") {
        for (int layer = 0; layer <= depth; ++layer) layers.push_back(layer);
        return layers;
    }
    if (text == "last") return {depth};
    std::stringstream parts(text);
    for (std::string part; std::getline(parts, part, ',');) {
        const std::size_t dash = part.find('-');
        if (dash == std::string::npos) {
            layers.push_back(parseLayer(part, depth, text));
            continue;
        }
        const int first = parseLayer(part.substr(0, dash), depth, text), last = parseLayer(part.substr(dash + 1), depth, text);
        if (first > last) throw InvalidArgument("layers '" + text + "': range '" + part + "' runs backwards");
        for (int layer = first; layer <= last; ++layer) layers.push_back(layer);
    }
    if (layers.empty()) throw InvalidArgument("layers '" + text + "': no layer given");
    std::sort(layers.begin(), layers.end());
    layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
    return layers;
}

}  // namespace m2ds
