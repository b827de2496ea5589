#pragma once
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace m2ds {

/// One recording of a labelled set: its absolute path, its label and, where the set has them, its group (a speaker
/// or session that must not be split between training and test folds).
struct LabelledFile {
    std::string path;
    std::string label;
    std::string group;  ///< "" when the set has no groups
};

/// Recordings with one label each, as users bring them to a probe: a folder per label, a CSV, or labels taken from
/// the paths by a regular expression. Every set holds at least one file and at least two labels.
class LabelledSet {
public:
    /// `folder` holds one sub-folder per label (its name), audio files inside at any depth; files directly in `folder`
    /// are ignored. Throws InputError naming the folder when it is missing, has no audio or only one label.
    static LabelledSet fromFolder(const std::string& folder);
    /// A CSV with a header naming `file` and `label` columns, and a group column: `groupColumn`, or `group` when the
    /// header has one and groupColumn is empty. Fields may be "quoted, with commas" ("" is a quote); relative paths
    /// are resolved against the CSV's folder. Throws InputError naming CSV:LINE for a missing column, a row with too
    /// few fields, an empty file, label or group.
    static LabelledSet fromCsv(const std::string& csv, const std::string& groupColumn = "");
    /// fromCsv() for the text of `csv` read from `in` (a file's bytes in memory): `csv` names it in errors and its
    /// folder resolves relative paths.
    static LabelledSet fromCsv(std::istream& in, const std::string& csv, const std::string& groupColumn = "");
    /// Audio files under a folder (any depth), or the files a text file lists one per line (relative to its folder;
    /// empty lines ignored). label = first capture group of `regex` (ECMAScript), searched in the path relative to the
    /// folder ('/'-separated), or in the line as written; files that do not match or capture nothing are skipped and
    /// counted (skippedByRegex()). Throws InvalidArgument for a regex without a capture group or one that does not
    /// compile, InputError naming the source.
    static LabelledSet fromRegex(const std::string& folderOrList, const std::string& regex);
    /// What the CLI and the GUI call: a folder → fromFolder, or fromRegex when `regex` is given; a .csv → fromCsv;
    /// another text file with `regex` → fromRegex. Throws InputError naming the source, InvalidArgument when an
    /// option does not fit the source (a regex with a CSV, a group column without one).
    static LabelledSet open(const std::string& source, const std::string& regex = "", const std::string& groupColumn = "");

    /// The files in the order read (folders: sorted by path; CSV and lists: their order).
    const std::vector<LabelledFile>& files() const { return files_; }
    /// Where the set came from (the folder, CSV or list), for messages.
    const std::string& source() const { return source_; }
    /// The distinct labels, sorted.
    std::vector<std::string> labelNames() const;
    /// [n] the index of each file's label in labelNames().
    std::vector<int> labelIndices() const;
    /// True when the files carry groups (a CSV with a group column).
    bool hasGroups() const;
    /// The distinct groups, sorted; empty when the set has none.
    std::vector<std::string> groupNames() const;
    /// [n] the index of each file's group in groupNames(); empty when the set has none.
    std::vector<int> groupIndices() const;
    /// The files at `keep`, in that order (what remains after unreadable files were skipped), same source. Throws
    /// InvalidArgument for an index out of range, InputError naming the source when fewer than two labels remain.
    LabelledSet subset(const std::vector<std::size_t>& keep) const;
    /// Files fromRegex() skipped because the regex did not match them (0 for other sources).
    std::size_t skippedByRegex() const { return skippedByRegex_; }

private:
    LabelledSet(std::string source, std::vector<LabelledFile> files, std::size_t skippedByRegex = 0);

    std::string source_;
    std::vector<LabelledFile> files_;
    std::size_t skippedByRegex_ = 0;
};

}  // namespace m2ds
