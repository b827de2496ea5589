#include "widgets/LaunchTargetSelector.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <exception>

#include "dialogs/LaunchTargetDialog.h"

namespace m2ds {

LaunchTargetSelector::LaunchTargetSelector(QWidget* parent, const QString& storePath)
    : QWidget(parent), store_(storePath), combo_(new QComboBox(this)), new_(new QPushButton(tr("New…"), this)),
      edit_(new QPushButton(tr("Edit…"), this)), remove_(new QPushButton(tr("Remove"), this)), error_(new QLabel(this)) {
    combo_->setObjectName(QStringLiteral("launchTarget"));
    new_->setObjectName(QStringLiteral("newTarget"));
    edit_->setObjectName(QStringLiteral("editTarget"));
    remove_->setObjectName(QStringLiteral("removeTarget"));
    combo_->setToolTip(tr("Where the run goes: this computer, an SSH host or a SLURM cluster"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->setVisible(false);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Run on"), this));
    row->addWidget(combo_, 1);
    for (QPushButton* button : {new_, edit_, remove_}) row->addWidget(button);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(error_);
    connect(new_, &QPushButton::clicked, this, [this] { editTarget(true); });
    connect(edit_, &QPushButton::clicked, this, [this] { editTarget(false); });
    connect(remove_, &QPushButton::clicked, this, &LaunchTargetSelector::removeTarget);
    connect(combo_, &QComboBox::currentIndexChanged, this, [this] {
        updateButtons();
        emit targetChanged(current());
    });
    reload({});
}

void LaunchTargetSelector::reload(const QString& selectName) {
    try {
        targets_ = store_.load();
        error_->setVisible(false);
    } catch (const std::exception& error) {
        targets_.clear();
        error_->setText(QString::fromStdString(error.what()));
        error_->setVisible(true);
    }
    const QSignalBlocker blocker(combo_);
    combo_->clear();
    combo_->addItem(LaunchTarget::local().name);
    for (const LaunchTarget& target : targets_)
        combo_->addItem(QStringLiteral("%1 (%2: %3)").arg(target.name, LaunchTarget::kindName(target.kind), target.address), target.name);
    combo_->setCurrentIndex(qMax(0, combo_->findData(selectName)));
    updateButtons();
}

LaunchTarget LaunchTargetSelector::current() const {
    const int index = combo_->currentIndex() - 1;
    return index >= 0 && index < targets_.size() ? targets_[index] : LaunchTarget::local();
}

bool LaunchTargetSelector::select(const QString& name) {
    const int index = combo_->findData(name);
    if (index < 0) return false;
    combo_->setCurrentIndex(index);
    return true;
}

LaunchTarget LaunchTargetSelector::find(const QString& name) const {
    for (const LaunchTarget& target : targets_)
        if (target.name == name) return target;
    return {};
}

void LaunchTargetSelector::editTarget(bool create) {
    const LaunchTarget edited = create ? LaunchTarget() : current();
    QStringList taken;
    for (const LaunchTarget& target : targets_)
        if (create || target.name != edited.name) taken << target.name;
    LaunchTargetDialog dialog(taken, this);
    if (!create) dialog.setTarget(edited);
    if (dialog.exec() != QDialog::Accepted) return;
    const LaunchTarget result = dialog.target();
    if (create) targets_ << result;
    else targets_[combo_->currentIndex() - 1] = result;
    save();
    reload(result.name);
    emit targetChanged(current());
}

void LaunchTargetSelector::removeTarget() {
    const LaunchTarget target = current();
    if (!target.isRemote()) return;
    if (QMessageBox::question(this, tr("Remove Target"), tr("Remove the target '%1'? Its runs go on.").arg(target.name)) != QMessageBox::Yes) return;
    targets_.removeAt(combo_->currentIndex() - 1);
    save();
    reload({});
    emit targetChanged(current());
}

void LaunchTargetSelector::save() {
    try {
        store_.save(targets_);
    } catch (const std::exception& error) {
        error_->setText(QString::fromStdString(error.what()));
        error_->setVisible(true);
    }
}

void LaunchTargetSelector::updateButtons() {
    const bool remote = current().isRemote();
    edit_->setEnabled(remote);
    remove_->setEnabled(remote);
}

}  // namespace m2ds
