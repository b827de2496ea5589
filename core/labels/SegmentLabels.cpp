#include "labels/SegmentLabels.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "common/CsvLine.h"
#include "common/Errors.h"
#include "common/FileText.h"
#include "labels/TextGrid.h"

namespace m2ds {
namespace fs = std::filesystem;
namespace {

std::string stemOf(const std::string& path) { return fs::path(path).stem().string(); }

double parseSeconds(const std::string& text, const std::string& path, std::size_t line) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(value) || value < 0)
        throw InputError(path, "line " + std::to_string(line) + ": " + FileText::quoted(text) + " is not a time in seconds");
    return value;
}

}  // namespace

SegmentLabels SegmentLabels::fromTextGridFolder(const std::string& folder, const std::string& tier) {
    SegmentLabels labels;
    labels.origin_ = folder;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::string extension = entry.path().extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
        if (extension != ".textgrid") continue;
        std::vector<LabelledSegment> segments;
        for (LabelledSegment& item : TextGrid::readIntervalTier(entry.path().string(), tier).items)
            if (!item.label.empty()) segments.push_back(std::move(item));
        labels.byStem_[stemOf(entry.path().string())] = std::move(segments);
    }
    if (error) throw InputError(folder, "cannot be read as a folder of TextGrids: " + error.message());
    if (labels.byStem_.empty()) throw InputError(folder, "holds no .TextGrid files");
    return labels;
}

SegmentLabels SegmentLabels::fromCsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "cannot be opened");
    return fromCsv(in, path);
}

SegmentLabels SegmentLabels::fromCsv(std::istream& in, const std::string& path) {
    std::string line;
    if (!std::getline(in, line)) throw InputError(path, "is empty (a header with file,label or file,start,end,label was expected)");
    const std::vector<std::string> header = splitCsvLine(line);
    auto column = [&](const std::string& name) { return std::find(header.begin(), header.end(), name) - header.begin(); };
    const std::size_t file = column("file"), label = column("label"), start = column("start"), end = column("end");
    if (file == header.size() || label == header.size()) throw InputError(path, "the header has no 'file' and 'label' columns");
    SegmentLabels labels;
    labels.origin_ = path;
    labels.clipLevel_ = start == header.size() || end == header.size();
    for (std::size_t number = 2; std::getline(in, line); ++number) {
        if (line.empty() || line == "\r") continue;
        const std::vector<std::string> fields = splitCsvLine(line);
        if (fields.size() < header.size()) throw InputError(path, "line " + std::to_string(number) + " has fewer fields than the header");
        LabelledSegment segment{0.0, std::numeric_limits<double>::infinity(), fields[label]};
        if (!labels.clipLevel_) {
            segment.start = parseSeconds(fields[start], path, number);
            segment.end = parseSeconds(fields[end], path, number);
            if (segment.end < segment.start) throw InputError(path, "line " + std::to_string(number) + ": the segment ends before it starts");
        }
        labels.byStem_[stemOf(fields[file])].push_back(std::move(segment));
    }
    if (labels.byStem_.empty()) throw InputError(path, "has no label rows");
    return labels;
}

const std::vector<LabelledSegment>* SegmentLabels::find(const std::string& path) const {
    const auto it = byStem_.find(stemOf(path));
    return it == byStem_.end() ? nullptr : &it->second;
}

}  // namespace m2ds
