#include "dialogs/SbatchScriptDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace m2ds {

SbatchScriptDialog::SbatchScriptDialog(const QString& script, const QString& target, QWidget* parent)
    : QDialog(parent), editor_(new QPlainTextEdit(script, this)) {
    setWindowTitle(tr("Batch Script for %1").arg(target));
    editor_->setObjectName(QStringLiteral("sbatchScript"));
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* submit = buttons->addButton(tr("Submit"), QDialogButtonBox::AcceptRole);
    submit->setObjectName(QStringLiteral("submitScript"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("sbatch submits this script as you leave it; it is saved as train.sbatch in the run folder."), this));
    layout->addWidget(editor_, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 520);
}

QString SbatchScriptDialog::script() const { return editor_->toPlainText(); }

}  // namespace m2ds
