#include "widgets/PathPicker.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace m2ds {

PathPicker::PathPicker(int choices, QString fileFilter, QWidget* parent)
    : QWidget(parent), edit_(new QLineEdit(this)), filter_(std::move(fileFilter)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit_, 1);
    if (choices & Folder) {
        auto* folder = new QToolButton(this);
        folder->setText(tr("Folder…"));
        layout->addWidget(folder);
        connect(folder, &QToolButton::clicked, this, &PathPicker::chooseFolder);
    }
    if (choices & (File | SaveFile)) {
        auto* file = new QToolButton(this);
        file->setText(tr("File…"));
        layout->addWidget(file);
        connect(file, &QToolButton::clicked, this, [this, save = bool(choices & SaveFile)] { chooseFile(save); });
    }
    connect(edit_, &QLineEdit::textChanged, this, &PathPicker::pathChanged);
    connect(edit_, &QLineEdit::editingFinished, this, [this] { emit pathChosen(path()); });
}

QString PathPicker::path() const { return edit_->text().trimmed(); }

void PathPicker::setPath(const QString& path) { edit_->setText(path); }

void PathPicker::setBrowsingEnabled(bool enabled) {
    for (QToolButton* button : findChildren<QToolButton*>()) button->setEnabled(enabled);
}

void PathPicker::chooseFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Folder"), path());
    if (folder.isEmpty()) return;
    setPath(folder);
    emit pathChosen(folder);
}

void PathPicker::chooseFile(bool save) {
    const QString file = save ? QFileDialog::getSaveFileName(this, tr("Save As"), path(), filter_)
                              : QFileDialog::getOpenFileName(this, tr("Choose a File"), path(), filter_);
    if (file.isEmpty()) return;
    setPath(file);
    emit pathChosen(file);
}

}  // namespace m2ds
