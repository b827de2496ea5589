#pragma once
#include <QDialog>

class QPlainTextEdit;

namespace m2ds {

/// The batch script of a SLURM launch, shown before it is submitted and editable: what the dialog holds when
/// Submit is pressed is what sbatch gets (and what is saved as train.sbatch in the run folder).
class SbatchScriptDialog : public QDialog {
    Q_OBJECT
public:
    /// script: the generated script; target: the cluster's name, for the title.
    SbatchScriptDialog(const QString& script, const QString& target, QWidget* parent = nullptr);

    /// The script as edited.
    QString script() const;
    QPlainTextEdit* editor() const { return editor_; }

private:
    QPlainTextEdit* editor_;
};

}  // namespace m2ds
