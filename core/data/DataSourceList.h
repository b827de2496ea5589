#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "audio/AudioFileNames.h"

namespace m2ds {

/// Turns what a user points training at into a sorted list of files.
namespace DataSourceList {
/// A source is a folder (scanned recursively — a LibriSpeech tree is a folder), an official M2D `.csv`
/// (`file_name` column, paths relative to the CSV's folder unless absolute) or a fairseq `.tsv` manifest
/// (first line the root, then `relative/path<TAB>samples`). Returns absolute paths; folder scans keep audio,
/// `.npz` and `.npy` files, in lexicographic order. Throws InputError naming the source when it is unusable or empty.
std::vector<std::string> resolve(const std::string& source);
/// The files of an official M2D CSV read from `in` (a file's bytes in memory): `csv` names it in errors and its
/// folder resolves relative paths. Throws InputError naming `csv`.
std::vector<std::string> m2dCsvFiles(std::istream& in, const std::string& csv);
/// The files of a fairseq .tsv manifest read from `in`; `tsv` names it in errors. Throws InputError naming `tsv`.
std::vector<std::string> fairseqTsvFiles(std::istream& in, const std::string& tsv);
/// True for the extensions libsndfile decodes (audio/AudioFileNames.h).
using m2ds::isAudioPath;
}  // namespace DataSourceList

}  // namespace m2ds
