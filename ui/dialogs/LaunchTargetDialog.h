#pragma once
#include <QDialog>
#include <QStringList>

#include "training/LaunchTarget.h"

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace m2ds {

class LaunchTargetCheckJob;
class PathPicker;
struct LaunchTargetReport;

/// Edits one remote launch target: name, SSH host or SLURM cluster, [user@]host[:port], identity file, the
/// working folder and m2ds command (or activation line) on the host, GPUs per node; for SLURM partition,
/// account, nodes, time limit and extra #SBATCH lines. What is wrong is listed under the fields (OK stays
/// disabled until it is fixed); Check asks the host (login, m2ds version, free disk) on a job thread.
class LaunchTargetDialog : public QDialog {
    Q_OBJECT
public:
    /// takenNames: the names of the other saved targets (a new name must differ from them).
    explicit LaunchTargetDialog(QStringList takenNames, QWidget* parent = nullptr, QString controlFolder = {});

    void setTarget(const LaunchTarget& target);
    /// The target the fields describe.
    LaunchTarget target() const;
    /// What is wrong with target(), one line each; empty when it can be saved.
    QStringList problems() const;

    QPushButton* checkButton() const { return check_; }
    /// The Check result (or "Checking…").
    QString checkText() const;
    /// The problems shown under the fields.
    QString problemsText() const;

private:
    QGroupBox* createHostGroup();
    QGroupBox* createSlurmGroup();
    void updateProblems();
    void startCheck();
    void showCheck(const LaunchTargetReport& report);

    QStringList takenNames_;
    LaunchTarget original_;  ///< keeps what the dialog does not show (the known_hosts file)
    LaunchTargetCheckJob* checkJob_;
    QLineEdit* name_;
    QComboBox* kind_;
    QLineEdit* address_;
    PathPicker* identity_;
    QLineEdit* workingFolder_;
    QLineEdit* m2ds_;
    QLineEdit* activation_;
    QSpinBox* gpus_;
    QGroupBox* slurm_;
    QLineEdit* partition_;
    QLineEdit* account_;
    QSpinBox* nodes_;
    QLineEdit* timeLimit_;
    QPlainTextEdit* extraLines_;
    QLabel* problems_;
    QLabel* checkResult_;
    QPushButton* check_;
    QDialogButtonBox* buttons_;
};

}  // namespace m2ds
