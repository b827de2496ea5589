#include "dialogs/LaunchTargetDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "training/LaunchTargetCheckJob.h"
#include "widgets/PathPicker.h"

namespace m2ds {
namespace {

const QString kErrorStyle = QStringLiteral("color: #c62828;");

QLineEdit* namedEdit(const QString& objectName, const QString& placeholder, QWidget* parent) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

QSpinBox* namedSpin(const QString& objectName, int minimum, int maximum, QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(minimum, maximum);
    return spin;
}

}  // namespace

LaunchTargetDialog::LaunchTargetDialog(QStringList takenNames, QWidget* parent, QString controlFolder)
    : QDialog(parent), takenNames_(std::move(takenNames)),
      checkJob_(controlFolder.isEmpty() ? new LaunchTargetCheckJob(this) : new LaunchTargetCheckJob(this, controlFolder)),
      problems_(new QLabel(this)), checkResult_(new QLabel(this)), check_(new QPushButton(tr("Check"), this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Launch Target"));
    problems_->setObjectName(QStringLiteral("targetProblems"));
    checkResult_->setObjectName(QStringLiteral("checkResult"));
    check_->setObjectName(QStringLiteral("checkTarget"));
    check_->setToolTip(tr("Log in to the host and check m2ds --version, the free disk and, for SLURM, sbatch"));
    for (QLabel* label : {problems_, checkResult_}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    problems_->setStyleSheet(kErrorStyle);
    auto* checkRow = new QHBoxLayout;
    checkRow->addWidget(check_);
    checkRow->addWidget(checkResult_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createHostGroup());
    layout->addWidget(createSlurmGroup());
    layout->addWidget(problems_);
    layout->addLayout(checkRow);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(check_, &QPushButton::clicked, this, &LaunchTargetDialog::startCheck);
    connect(checkJob_, &LaunchTargetCheckJob::finished, this, &LaunchTargetDialog::showCheck);
    LaunchTarget fresh;
    fresh.kind = LaunchTarget::Kind::Ssh;
    setTarget(fresh);
}

QGroupBox* LaunchTargetDialog::createHostGroup() {
    auto* group = new QGroupBox(tr("Host"), this);
    auto* form = new QFormLayout(group);
    name_ = namedEdit(QStringLiteral("targetName"), tr("shown in the Train page's target list"), group);
    kind_ = new QComboBox(group);
    kind_->setObjectName(QStringLiteral("targetKind"));
    kind_->addItem(tr("SSH host"), int(LaunchTarget::Kind::Ssh));
    kind_->addItem(tr("SLURM cluster (its login host)"), int(LaunchTarget::Kind::Slurm));
    address_ = namedEdit(QStringLiteral("targetAddress"), tr("[user@]host[:port]"), group);
    identity_ = new PathPicker(PathPicker::File, tr("All files (*)"), group);
    identity_->setObjectName(QStringLiteral("targetIdentity"));
    identity_->lineEdit()->setPlaceholderText(tr("optional: a private key (else ssh's defaults and agent)"));
    workingFolder_ = namedEdit(QStringLiteral("targetWorkingFolder"), tr("on the host, e.g. /scratch/me (empty: the home folder)"), group);
    m2ds_ = namedEdit(QStringLiteral("targetM2ds"), tr("m2ds, or its path on the host"), group);
    activation_ = namedEdit(QStringLiteral("targetActivation"), tr("optional: e.g. module load m2ds, or . ~/venv/bin/activate"), group);
    gpus_ = namedSpin(QStringLiteral("targetGpus"), 0, 64, group);
    gpus_->setToolTip(tr("Processes per node: more than 1 launches through torchrun"));
    form->addRow(tr("Name"), name_);
    form->addRow(tr("Kind"), kind_);
    form->addRow(tr("Host"), address_);
    form->addRow(tr("Identity file"), identity_);
    form->addRow(tr("Working folder"), workingFolder_);
    form->addRow(tr("m2ds command"), m2ds_);
    form->addRow(tr("Activation line"), activation_);
    form->addRow(tr("GPUs per node"), gpus_);
    for (QLineEdit* edit : {name_, address_, workingFolder_, m2ds_, activation_})
        connect(edit, &QLineEdit::textChanged, this, &LaunchTargetDialog::updateProblems);
    connect(identity_, &PathPicker::pathChanged, this, &LaunchTargetDialog::updateProblems);
    connect(kind_, &QComboBox::currentIndexChanged, this, &LaunchTargetDialog::updateProblems);
    connect(gpus_, &QSpinBox::valueChanged, this, &LaunchTargetDialog::updateProblems);
    return group;
}

QGroupBox* LaunchTargetDialog::createSlurmGroup() {
    slurm_ = new QGroupBox(tr("SLURM"), this);
    auto* form = new QFormLayout(slurm_);
    partition_ = namedEdit(QStringLiteral("targetPartition"), tr("empty: the cluster's default"), slurm_);
    account_ = namedEdit(QStringLiteral("targetAccount"), tr("optional"), slurm_);
    nodes_ = namedSpin(QStringLiteral("targetNodes"), 1, 4096, slurm_);
    timeLimit_ = namedEdit(QStringLiteral("targetTimeLimit"), tr("[D-]HH:MM[:SS]; empty: the partition's default"), slurm_);
    extraLines_ = new QPlainTextEdit(slurm_);
    extraLines_->setObjectName(QStringLiteral("targetExtraSbatch"));
    extraLines_->setPlaceholderText(tr("one directive a line, e.g. --mem=64G or #SBATCH --qos=long"));
    extraLines_->setMaximumHeight(80);
    form->addRow(tr("Partition"), partition_);
    form->addRow(tr("Account"), account_);
    form->addRow(tr("Nodes"), nodes_);
    form->addRow(tr("Time limit"), timeLimit_);
    form->addRow(tr("Extra #SBATCH lines"), extraLines_);
    for (QLineEdit* edit : {partition_, account_, timeLimit_}) connect(edit, &QLineEdit::textChanged, this, &LaunchTargetDialog::updateProblems);
    connect(nodes_, &QSpinBox::valueChanged, this, &LaunchTargetDialog::updateProblems);
    connect(extraLines_, &QPlainTextEdit::textChanged, this, &LaunchTargetDialog::updateProblems);
    return slurm_;
}

void LaunchTargetDialog::setTarget(const LaunchTarget& target) {
    original_ = target;
    name_->setText(target.name);
    kind_->setCurrentIndex(qMax(0, kind_->findData(int(target.kind))));
    address_->setText(target.address);
    identity_->setPath(target.identityFile);
    workingFolder_->setText(target.workingFolder);
    m2ds_->setText(target.m2dsPath);
    activation_->setText(target.activation);
    gpus_->setValue(target.gpusPerNode);
    partition_->setText(target.partition);
    account_->setText(target.account);
    nodes_->setValue(target.nodes);
    timeLimit_->setText(target.timeLimit);
    extraLines_->setPlainText(target.extraSbatchLines.join(QLatin1Char('\n')));
    checkResult_->clear();
    updateProblems();
}

LaunchTarget LaunchTargetDialog::target() const {
    LaunchTarget target = original_;
    target.name = name_->text().trimmed();
    target.kind = LaunchTarget::Kind(kind_->currentData().toInt());
    target.address = address_->text().trimmed();
    target.identityFile = identity_->path();
    target.workingFolder = workingFolder_->text().trimmed();
    target.m2dsPath = m2ds_->text().trimmed();
    target.activation = activation_->text().trimmed();
    target.gpusPerNode = gpus_->value();
    target.partition = partition_->text().trimmed();
    target.account = account_->text().trimmed();
    target.nodes = nodes_->value();
    target.timeLimit = timeLimit_->text().trimmed();
    target.extraSbatchLines.clear();
    for (const QString& line : extraLines_->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty()) target.extraSbatchLines << line.trimmed();
    return target;
}

QStringList LaunchTargetDialog::problems() const {
    const LaunchTarget current = target();
    QStringList list = current.problems();
    if (takenNames_.contains(current.name)) list.prepend(tr("Name: a target called '%1' exists already.").arg(current.name));
    return list;
}

QString LaunchTargetDialog::checkText() const { return checkResult_->text(); }
QString LaunchTargetDialog::problemsText() const { return problems_->text(); }

void LaunchTargetDialog::updateProblems() {
    slurm_->setVisible(kind_->currentData().toInt() == int(LaunchTarget::Kind::Slurm));
    const QStringList list = problems();
    problems_->setText(list.join(QLatin1Char('\n')));
    problems_->setVisible(!list.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(list.isEmpty());
    check_->setEnabled(list.isEmpty());
}

void LaunchTargetDialog::startCheck() {
    const LaunchTarget current = target();
    checkResult_->setStyleSheet({});
    checkResult_->setText(tr("Checking %1…").arg(current.address));
    checkJob_->start(current, current.workingFolder.isEmpty() ? QStringLiteral(".") : current.workingFolder);
}

void LaunchTargetDialog::showCheck(const LaunchTargetReport& report) {
    checkResult_->setStyleSheet(report.ok() ? QString() : kErrorStyle);
    checkResult_->setText(report.ok() ? tr("Ready: %1, %2 GiB free.").arg(report.remoteVersion).arg(double(report.freeMib) / 1024.0, 0, 'f', 1)
                                      : report.problems.join(QLatin1Char('\n')));
}

}  // namespace m2ds
