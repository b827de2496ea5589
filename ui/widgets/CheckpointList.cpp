#include "widgets/CheckpointList.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>
#include <tuple>

namespace m2ds {
namespace {

/// Where a checkpoint's file name puts it in training, for files of one tick of the file clock (as core's
/// TrainingCheckpoint::listIn orders them): checkpoint-E (the end of epoch E) after checkpoint-E-itN (a stop inside
/// epoch E after N iterations), epoch 10 after epoch 9; names of another form first, by text.
std::tuple<bool, qlonglong, qlonglong, QString> trainingOrder(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^checkpoint-(\\d{1,18})(-it(\\d{1,18}))?\\.safetensors$"));
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch()) return {false, 0, 0, name};
    return {true, match.captured(1).toLongLong(), match.hasCaptured(3) ? match.captured(3).toLongLong() : std::numeric_limits<qlonglong>::max(), name};
}

}  // namespace

CheckpointList::CheckpointList(QWidget* parent)
    : QWidget(parent), list_(new QListWidget(this)), open_(new QPushButton(tr("Open in Inspect"), this)) {
    list_->setObjectName(QStringLiteral("checkpoints"));
    open_->setObjectName(QStringLiteral("openCheckpoint"));
    open_->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(list_);
    layout->addWidget(open_, 0, Qt::AlignRight);
    connect(list_, &QListWidget::itemDoubleClicked, this, &CheckpointList::openCurrent);
    connect(list_, &QListWidget::currentRowChanged, this, [this](int row) { open_->setEnabled(row >= 0); });
    connect(open_, &QPushButton::clicked, this, &CheckpointList::openCurrent);
}

void CheckpointList::setDirectory(const QString& directory) {
    directory_ = directory;
    remote_ = false;
    announced_.clear();
    refresh();
}

void CheckpointList::setRemoteDirectory(const QString& directory) {
    directory_ = directory;
    remote_ = true;
    announced_.clear();
    refresh();
}

void CheckpointList::addCheckpoint(const QString& path) {
    if (!announced_.contains(path)) announced_ << path;
    refresh();
}

QFileInfoList CheckpointList::localFiles() const {
    QFileInfoList files = directory_.isEmpty() ? QFileInfoList()
                                               : QDir(directory_).entryInfoList({QStringLiteral("checkpoint-*.safetensors")}, QDir::Files);
    for (const QString& path : announced_)
        if (QFileInfo::exists(path) && !files.contains(QFileInfo(path))) files << QFileInfo(path);
    std::sort(files.begin(), files.end(), [](const QFileInfo& a, const QFileInfo& b) {
        return a.lastModified() != b.lastModified() ? a.lastModified() > b.lastModified() : trainingOrder(a.fileName()) > trainingOrder(b.fileName());
    });
    return files;
}

void CheckpointList::refresh() {
    const QString current = list_->currentItem() ? list_->currentItem()->data(Qt::UserRole).toString() : QString();
    list_->clear();
    if (remote_) {
        for (auto path = announced_.crbegin(); path != announced_.crend(); ++path) {
            auto* item = new QListWidgetItem(QFileInfo(*path).fileName(), list_);
            item->setData(Qt::UserRole, *path);
            item->setToolTip(tr("%1\non the remote host: Open in Inspect copies it here first").arg(*path));
            if (*path == current) list_->setCurrentItem(item);
        }
        return;
    }
    for (const QFileInfo& file : localFiles()) {
        auto* item = new QListWidgetItem(file.fileName(), list_);
        item->setData(Qt::UserRole, file.absoluteFilePath());
        item->setToolTip(tr("%1\n%2, %3 MB").arg(file.absoluteFilePath(), file.lastModified().toString(Qt::ISODate))
                             .arg(double(file.size()) / 1e6, 0, 'f', 1));
        if (file.absoluteFilePath() == current) list_->setCurrentItem(item);
    }
}

QStringList CheckpointList::paths() const {
    QStringList result;
    for (int row = 0; row < list_->count(); ++row) result << list_->item(row)->data(Qt::UserRole).toString();
    return result;
}

void CheckpointList::openCurrent() {
    if (QListWidgetItem* item = list_->currentItem()) emit openRequested(item->data(Qt::UserRole).toString());
}

}  // namespace m2ds
