#pragma once
#include <QDialog>

#include "jobs/EmbeddingExportRequest.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace m2ds {

class EmbeddingExportService;
class EncoderChoice;
class PathPicker;

/// File ▸ Export Embeddings…: the model (the loaded one or a HuBERT / wav2vec 2.0 folder), which recordings (the open
/// ones or a labelled set), layers, frame or clip rows (and the clip pooling), the format (CSV, NPY + index CSV,
/// TensorBoard projector folder) and where; Export runs the job on `service` with a progress bar and Cancel, and the
/// dialog stays open to show how it ended.
class ExportEmbeddingsDialog : public QDialog {
    Q_OBJECT
public:
    /// openRecordings: the paths of the recordings open in Inspect; modelName: the loaded model (empty: none, and only a
    /// HuBERT folder can be exported).
    ExportEmbeddingsDialog(EmbeddingExportService& service, const QStringList& openRecordings, const QString& modelName,
                           QWidget* parent = nullptr);

    EmbeddingExportRequest request() const;
    void setRequest(const EmbeddingExportRequest& request);
    /// The last line about the export (done, or what went wrong).
    QString statusText() const;
    QPushButton* exportButton() const { return export_; }
    QPushButton* cancelButton() const { return cancel_; }

private:
    QWidget* createSource();
    void startExport();
    void showRunning(bool running);
    void showStatus(const QString& text, bool error);
    /// The export ended: how (done, failed, cancelled).
    void showEnd(const QString& text, bool error);
    void updateControls();
    /// The layers field's help for the chosen model.
    void showLayerHelp();

    EmbeddingExportService& service_;
    QStringList openRecordings_;
    EncoderChoice* encoder_;
    QRadioButton* fromOpen_;
    QRadioButton* fromSet_;
    PathPicker* labelSource_;
    QLineEdit* pattern_;
    QLineEdit* layers_;
    QComboBox* level_;
    QComboBox* pooling_;
    QComboBox* format_;
    PathPicker* output_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton* export_;
    QPushButton* cancel_;
    bool running_ = false;
};

}  // namespace m2ds
