#pragma once
#include <string>
#include <vector>

namespace m2ds {

/// True for the extensions libsndfile decodes (wav, flac, ogg, opus, mp3, aiff, au), in any letter case.
bool isAudioPath(const std::string& path);
/// The audio files (isAudioPath) under `folder` at any depth, following folder links: absolute, normalised paths in
/// lexicographic order. Throws InputError naming the folder when it cannot be listed.
std::vector<std::string> findAudioFiles(const std::string& folder);

}  // namespace m2ds
