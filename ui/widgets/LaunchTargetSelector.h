#pragma once
#include <QVector>
#include <QWidget>

#include "training/LaunchTarget.h"
#include "training/LaunchTargetStore.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace m2ds {

/// Where the Train page launches: "This computer" or a saved SSH / SLURM target (LaunchTargetStore), with
/// New…, Edit… and Remove; New and Edit open a LaunchTargetDialog and save the list.
class LaunchTargetSelector : public QWidget {
    Q_OBJECT
public:
    /// storePath: the targets' file (empty = LaunchTargetStore's default).
    explicit LaunchTargetSelector(QWidget* parent = nullptr, const QString& storePath = {});

    /// The chosen target (LaunchTarget::local() for this computer).
    LaunchTarget current() const;
    /// Chooses the saved target called `name`; false when there is none.
    bool select(const QString& name);
    /// The saved target called `name` (an empty name when there is none).
    LaunchTarget find(const QString& name) const;
    QComboBox* combo() const { return combo_; }

signals:
    void targetChanged(const m2ds::LaunchTarget& target);

private:
    void reload(const QString& selectName);
    void editTarget(bool create);
    void removeTarget();
    void save();
    void updateButtons();

    LaunchTargetStore store_;
    QVector<LaunchTarget> targets_;
    QComboBox* combo_;
    QPushButton* new_;
    QPushButton* edit_;
    QPushButton* remove_;
    QLabel* error_;
};

}  // namespace m2ds
