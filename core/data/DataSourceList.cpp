#include "data/DataSourceList.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "audio/AudioFileNames.h"
#include "common/CsvLine.h"
#include "common/Errors.h"
#include "common/TextUtilities.h"

namespace m2ds {
namespace {

namespace fs = std::filesystem;

std::string lowerExtension(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

bool isTrainingFile(const std::string& path) {
    const std::string extension = lowerExtension(path);
    return isAudioPath(path) || extension == ".npz" || extension == ".npy";
}

std::string absoluteFrom(const fs::path& root, const std::string& entry) {
    const fs::path path(entry);
    return (path.is_absolute() ? path : root / path).lexically_normal().string();
}

std::vector<std::string> scanFolder(const std::string& folder) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder, fs::directory_options::follow_directory_symlink))
        if (entry.is_regular_file() && isTrainingFile(entry.path().string())) files.push_back(fs::absolute(entry.path()).lexically_normal().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<std::string> DataSourceList::m2dCsvFiles(std::istream& in, const std::string& csv) {
    std::string line;
    if (!std::getline(in, line)) throw InputError(csv, "empty CSV (expected a header with a 'file_name' column)");
    const auto header = splitCsvLine(line);
    const auto column = std::find(header.begin(), header.end(), "file_name");
    if (column == header.end()) throw InputError(csv, "CSV header has no 'file_name' column");
    const auto index = static_cast<std::size_t>(column - header.begin());
    const fs::path root = fs::absolute(csv).parent_path();
    std::vector<std::string> files;
    for (int row = 2; std::getline(in, line); ++row) {
        if (line.empty() || line == "\r") continue;
        const auto cells = splitCsvLine(line);
        if (index >= cells.size()) throw InputError(csv, "row " + std::to_string(row) + " has no file_name cell");
        files.push_back(absoluteFrom(root, cells[index]));
    }
    return files;
}

std::vector<std::string> DataSourceList::fairseqTsvFiles(std::istream& in, const std::string& tsv) {
    std::string root;
    if (!std::getline(in, root)) throw InputError(tsv, "empty manifest (the first line must be the root folder)");
    if (!root.empty() && root.back() == '\r') root.pop_back();
    std::vector<std::string> files;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line == "\r") continue;
        files.push_back(absoluteFrom(root, line.substr(0, line.find('\t'))));
    }
    return files;
}

std::vector<std::string> DataSourceList::resolve(const std::string& source) {
    std::error_code error;
    if (!fs::exists(source, error)) throw InputError(source, "no such file or folder");
    std::vector<std::string> files;
    const std::string extension = lowerExtension(source);
    if (fs::is_directory(source, error)) {
        files = scanFolder(source);
    } else if (extension == ".csv" || extension == ".tsv") {
        std::ifstream list(source);
        files = extension == ".csv" ? m2dCsvFiles(list, source) : fairseqTsvFiles(list, source);
    } else {
        throw InputError(source, "not a data source (use a folder, an M2D .csv or a fairseq .tsv)");
    }
    if (files.empty()) throw InputError(source, "lists no audio, .npz or .npy files");
    return files;
}

}  // namespace m2ds
