#include "labels/LabelledSet.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "audio/AudioFileNames.h"
#include "common/CsvLine.h"
#include "common/Errors.h"
#include "common/FileText.h"

namespace m2ds {
namespace fs = std::filesystem;
namespace {

std::string absoluteAgainst(const fs::path& root, const std::string& entry) {
    const fs::path path(entry);
    return fs::absolute(path.is_absolute() ? path : root / path).lexically_normal().string();
}

bool isCsvPath(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".csv";
}

/// One field (label or group) of every file.
std::vector<std::string> fieldOfEach(const std::vector<LabelledFile>& files, std::string LabelledFile::*field) {
    std::vector<std::string> values;
    values.reserve(files.size());
    for (const LabelledFile& file : files) values.push_back(file.*field);
    return values;
}

std::vector<std::string> sortedUnique(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::vector<int> indicesIn(const std::vector<std::string>& names, const std::vector<std::string>& values) {
    std::vector<int> indices;
    indices.reserve(values.size());
    for (const std::string& value : values)
        indices.push_back(int(std::lower_bound(names.begin(), names.end(), value) - names.begin()));
    return indices;
}

void requireFolder(const std::string& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) throw InputError(folder, "no such folder");
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    return first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// The CSV header's fields with surrounding blanks and a UTF-8 byte-order mark (as spreadsheets write it) removed.
std::vector<std::string> headerFields(std::string line) {
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    std::vector<std::string> fields = splitCsvLine(line);
    for (std::string& field : fields) field = trimmed(field);
    return fields;
}

/// The column of `name` in `header`, or header.size() when it is not there.
std::size_t columnOf(const std::vector<std::string>& header, const std::string& name) {
    return std::size_t(std::find(header.begin(), header.end(), name) - header.begin());
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

/// (path as the regex sees it, absolute path) for each candidate of fromRegex().
std::vector<std::pair<std::string, std::string>> regexCandidates(const std::string& folderOrList) {
    std::vector<std::pair<std::string, std::string>> candidates;
    std::error_code error;
    if (fs::is_directory(folderOrList, error)) {
        const fs::path root = fs::absolute(folderOrList).lexically_normal();
        for (const std::string& file : findAudioFiles(folderOrList))
            candidates.emplace_back(fs::path(file).lexically_relative(root).generic_string(), file);
        return candidates;
    }
    std::ifstream in(folderOrList);
    if (!in) throw InputError(folderOrList, "no such folder or list file");
    const fs::path root = fs::absolute(folderOrList).parent_path();
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!trimmed(line).empty()) candidates.emplace_back(line, absoluteAgainst(root, line));
    }
    return candidates;
}

std::regex compileLabelRegex(const std::string& regex) {
    try {
        std::regex compiled(regex, std::regex::ECMAScript);
        if (compiled.mark_count() == 0) throw InvalidArgument("the label regex '" + regex + "' has no capture group: put the label in ( )");
        return compiled;
    } catch (const std::regex_error& error) {
        throw InvalidArgument("the label regex '" + regex + "' does not compile (" + error.what() + ")");
    }
}

}  // namespace

LabelledSet::LabelledSet(std::string source, std::vector<LabelledFile> files, std::size_t skippedByRegex)
    : source_(std::move(source)), files_(std::move(files)), skippedByRegex_(skippedByRegex) {
    if (files_.empty()) throw InputError(source_, "lists no audio files");
    const std::vector<std::string> labels = labelNames();
    if (labels.size() < 2) throw InputError(source_, "only one label " + FileText::quoted(labels.front()) + ": a probe needs at least two");
}

LabelledSet LabelledSet::fromFolder(const std::string& folder) {
    requireFolder(folder);
    std::vector<LabelledFile> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, fs::directory_options::follow_directory_symlink, error)) {
        if (!entry.is_directory()) continue;
        const std::string label = entry.path().filename().string();
        for (std::string& path : findAudioFiles(entry.path().string())) files.push_back({std::move(path), label, ""});
    }
    if (error) throw InputError(folder, "cannot be listed: " + error.message());
    if (files.empty()) throw InputError(folder, "holds no audio files in label sub-folders (FOLDER/LABEL/*.wav)");
    std::sort(files.begin(), files.end(), [](const LabelledFile& a, const LabelledFile& b) { return a.path < b.path; });
    return LabelledSet(folder, std::move(files));
}

LabelledSet LabelledSet::fromCsv(const std::string& csv, const std::string& groupColumn) {
    std::ifstream in(csv);
    if (!in) throw InputError(csv, "cannot be opened");
    return fromCsv(in, csv, groupColumn);
}

LabelledSet LabelledSet::fromCsv(std::istream& in, const std::string& csv, const std::string& groupColumn) {
    std::string line;
    if (!std::getline(in, line)) throw InputError(csv, "is empty (a header with file,label columns was expected)");
    const std::vector<std::string> header = headerFields(line);
    const std::size_t file = columnOf(header, "file"), label = columnOf(header, "label");
    const std::size_t group = columnOf(header, groupColumn.empty() ? "group" : groupColumn);
    for (const auto& [column, name] : {std::pair{file, "file"}, std::pair{label, "label"}})
        if (column == header.size()) throw InputError(csv + ":1", std::string("the header has no '") + name + "' column (it has " + FileText::escaped(joined(header), 200) + ")");
    if (!groupColumn.empty() && group == header.size())
        throw InputError(csv + ":1", "the header has no group column '" + groupColumn + "' (it has " + FileText::escaped(joined(header), 200) + ")");
    const bool grouped = group < header.size();
    const fs::path root = fs::absolute(csv).parent_path();
    std::vector<LabelledFile> files;
    for (std::size_t number = 2; std::getline(in, line); ++number) {
        if (trimmed(line).empty() || line == "\r") continue;
        const std::vector<std::string> fields = splitCsvLine(line);
        const std::string where = csv + ":" + std::to_string(number);
        if (fields.size() < header.size())
            throw InputError(where, std::to_string(fields.size()) + " fields where the header has " + std::to_string(header.size()));
        if (fields[file].empty()) throw InputError(where, "the file field is empty");
        if (fields[label].empty()) throw InputError(where, "the label field is empty");
        if (grouped && fields[group].empty()) throw InputError(where, "the group field " + FileText::quoted(header[group]) + " is empty");
        files.push_back({absoluteAgainst(root, fields[file]), fields[label], grouped ? fields[group] : ""});
    }
    if (files.empty()) throw InputError(csv, "has a header but no rows");
    return LabelledSet(csv, std::move(files));
}

LabelledSet LabelledSet::fromRegex(const std::string& folderOrList, const std::string& regex) {
    const std::regex pattern = compileLabelRegex(regex);
    const auto candidates = regexCandidates(folderOrList);
    std::vector<LabelledFile> files;
    for (const auto& [shown, path] : candidates) {
        std::smatch match;
        if (std::regex_search(shown, match, pattern) && match[1].matched && match[1].length() > 0) files.push_back({path, match[1].str(), ""});
    }
    if (files.empty())
        throw InputError(folderOrList, candidates.empty() ? "lists no audio files"
                                                          : "none of its " + std::to_string(candidates.size()) + " files matches the label regex '" + regex + "'");
    const std::size_t skipped = candidates.size() - files.size();
    return LabelledSet(folderOrList, std::move(files), skipped);
}

LabelledSet LabelledSet::open(const std::string& source, const std::string& regex, const std::string& groupColumn) {
    std::error_code error;
    const bool folder = fs::is_directory(source, error);
    const bool csv = !folder && isCsvPath(source);
    if (!groupColumn.empty() && !csv) throw InvalidArgument("a group column goes with a CSV only (" + source + " is not a .csv)");
    if (csv && !regex.empty()) throw InvalidArgument("a label regex goes with a folder or a list of files, not with a CSV (" + source + ")");
    if (csv) return fromCsv(source, groupColumn);
    if (!regex.empty()) return fromRegex(source, regex);
    if (folder) return fromFolder(source);
    if (!fs::exists(source, error)) throw InputError(source, "no such file or folder");
    throw InputError(source, "is not a labelled set: give a folder with one sub-folder per label, a .csv with file,label columns, "
                             "or a folder or list of files with a label regex");
}

std::vector<std::string> LabelledSet::labelNames() const { return sortedUnique(fieldOfEach(files_, &LabelledFile::label)); }

std::vector<int> LabelledSet::labelIndices() const { return indicesIn(labelNames(), fieldOfEach(files_, &LabelledFile::label)); }

bool LabelledSet::hasGroups() const {
    return std::any_of(files_.begin(), files_.end(), [](const LabelledFile& file) { return !file.group.empty(); });
}

std::vector<std::string> LabelledSet::groupNames() const {
    return hasGroups() ? sortedUnique(fieldOfEach(files_, &LabelledFile::group)) : std::vector<std::string>{};
}

std::vector<int> LabelledSet::groupIndices() const {
    return hasGroups() ? indicesIn(groupNames(), fieldOfEach(files_, &LabelledFile::group)) : std::vector<int>{};
}

LabelledSet LabelledSet::subset(const std::vector<std::size_t>& keep) const {
    std::vector<LabelledFile> files;
    files.reserve(keep.size());
    for (const std::size_t index : keep) {
        if (index >= files_.size())
            throw InvalidArgument("file index " + std::to_string(index) + " is outside the set of " + std::to_string(files_.size()));
        files.push_back(files_[index]);
    }
    if (files.empty()) throw InputError(source_, "none of its " + std::to_string(files_.size()) + " files is usable");
    return LabelledSet(source_, std::move(files), skippedByRegex_);
}

}  // namespace m2ds
