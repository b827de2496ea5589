#pragma once
// A small labelled set on disk for the probe and export tests: a folder per label of short sine recordings whose
// pitch the label decides (header-only: the targets that use it link m2ds_audio_fixtures).
#include <QDir>
#include <QString>
#include <QStringList>
#include <sndfile.h>

#include "AudioFixtures.h"

namespace m2ds::test {

/// Writes `perLabel` one-second 16 kHz WAV files into `folder`/<label>/ for each of `labels` (label i at 300·4^i Hz,
/// a few hertz apart within a label); returns the paths written, label by label. False-y (empty) when one failed.
inline QStringList writeLabelledRecordings(const QString& folder, const QStringList& labels, int perLabel) {
    QStringList paths;
    for (int label = 0; label < labels.size(); ++label) {
        if (!QDir(folder).mkpath(labels[label])) return {};
        for (int i = 0; i < perLabel; ++i) {
            const QString path = QDir(folder).filePath(QString("%1/%1_%2.wav").arg(labels[label]).arg(i));
            double hz = 300.0;
            for (int k = 0; k < label; ++k) hz *= 4.0;
            if (!writeAudio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, sine(hz + 7.0 * i, 1.0, 16000, 1, 0.2 + 0.05 * i))) return {};
            paths << path;
        }
    }
    return paths;
}

}  // namespace m2ds::test
