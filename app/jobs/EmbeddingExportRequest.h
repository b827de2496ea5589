#pragma once
// What File ▸ Export Embeddings… asks for, in the dialog's terms (plain Qt values; EmbeddingExportJob turns them into
// core's export options).
#include <QString>
#include <QStringList>

namespace m2ds {

struct EmbeddingExportRequest {
    QString hubertFolder;     ///< a Hugging Face HuBERT / wav2vec 2.0 folder whose hidden states are exported; empty: the loaded model
    QStringList recordings;   ///< the recordings to export (the open ones), unless labelSource is given
    QString labelSource;      ///< a labelled set (folder of label folders, CSV, or folder/list with pathPattern) instead
    QString pathPattern;      ///< regex for a labelled set read from paths
    QString layers = QStringLiteral("last");  ///< all | last | 0-12 | 3,6 … (a HuBERT folder: hidden_states indices)
    bool clipLevel = false;   ///< one pooled row per (recording, layer) instead of one per frame
    QString pooling = QStringLiteral("mean"); ///< clip level: mean | mean+std | max | first | last
    QString format = QStringLiteral("csv");   ///< core's names: csv | npy (+ index CSV) | projector (a folder)
    QString output;           ///< the .csv / .npy file or the projector folder; the sidecar goes beside it
};

}  // namespace m2ds
