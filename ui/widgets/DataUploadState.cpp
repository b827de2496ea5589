#include "widgets/DataUploadState.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>

#include "training/RemoteDataUpload.h"
#include "training/RemoteShell.h"

namespace m2ds {
namespace {
const QString kErrorStyle = QStringLiteral("color: #c62828;");
}

DataUploadState::DataUploadState(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("uploadState"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void DataUploadState::request(const LaunchTarget& target, const QString& field) {
    if (isUploading()) {
        upload_->cancel();
        return;
    }
    const QString local = QFileDialog::getExistingDirectory(this, tr("Upload a Folder to %1").arg(target.name), QDir::homePath());
    if (local.isEmpty()) return;
    bool ok = false;
    const QString remote = QInputDialog::getText(this, tr("Upload to %1").arg(target.name),
                                                 tr("Folder on %1 (created; what it holds already is not sent again):").arg(target.host()),
                                                 QLineEdit::Normal, RemoteDataUpload::defaultDestination(target, local), &ok);
    if (ok) start(target, field, local, remote);
}

bool DataUploadState::start(const LaunchTarget& target, const QString& field, const QString& localFolder, const QString& remoteFolder) {
    if (isUploading()) return false;
    delete upload_;
    upload_ = new RemoteDataUpload(RemoteShell(target), this);
    const QString host = target.name;
    connect(upload_, &RemoteDataUpload::progress, this, [this, host](int percent) { setText(tr("Uploading to %1: %2 %").arg(host).arg(percent)); });
    connect(upload_, &RemoteDataUpload::finished, this, [this, field, host](const QString& folder, qint64 files, qint64 bytes) {
        setText(files == 0 ? tr("%1 already holds everything in %2; the %3 field uses it.").arg(host, folder, field)
                           : tr("Uploaded %1 files (%2 MiB) to %3 on %4; the %5 field uses it.")
                                 .arg(files).arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1).arg(folder, host, field));
        emit uploaded(field, folder);
        emit uploadingChanged({});
    });
    connect(upload_, &RemoteDataUpload::failed, this, [this](const QString& message) {
        setStyleSheet(kErrorStyle);
        setText(message);
        emit uploadingChanged({});
    });
    setStyleSheet({});
    setText(tr("Checking the destination on %1…").arg(host));
    if (!upload_->start(localFolder, remoteFolder)) return false;  // failed said why
    emit uploadingChanged(field);
    return true;
}

bool DataUploadState::isUploading() const { return upload_ && upload_->isRunning(); }

}  // namespace m2ds
