#include "widgets/EncoderChoice.h"

#include <QLineEdit>
#include <algorithm>
#include <QRadioButton>
#include <QVBoxLayout>

#include "widgets/PathPicker.h"

namespace m2ds {
namespace {
constexpr int kHubertTeacherLayer = 9;
}

EncoderChoice::EncoderChoice(QWidget* parent)
    : QWidget(parent), loaded_(new QRadioButton), hubert_(new QRadioButton(tr("A HuBERT / wav2vec 2.0 folder"))),
      folder_(new PathPicker(PathPicker::Folder, {})) {
    setObjectName(QStringLiteral("encoderChoice"));
    folder_->setObjectName(QStringLiteral("hubertFolder"));
    hubert_->setToolTip(tr("A Hugging Face model folder (config.json + model.safetensors or pytorch_model.bin), e.g. "
                           "facebook/hubert-base-ls960; features at 50 Hz with the plain HF pipeline, as m2ds extract gives them"));
    folder_->lineEdit()->setPlaceholderText(tr("folder with config.json + model.safetensors"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(loaded_);
    layout->addWidget(hubert_);
    layout->addWidget(folder_);
    connect(loaded_, &QRadioButton::toggled, this, [this] {
        folder_->setEnabled(usesHubert());
        emit sourceChanged();
        emit changed();
    });
    connect(folder_, &PathPicker::pathChanged, this, &EncoderChoice::changed);
    setLoadedModel({});
    folder_->setEnabled(usesHubert());
}

void EncoderChoice::setLoadedModel(const QString& name) {
    loaded_->setText(name.isEmpty() ? tr("The loaded model (none loaded)") : tr("The loaded model: %1").arg(name));
    loaded_->setEnabled(!name.isEmpty());
    if (name.isEmpty()) hubert_->setChecked(true);
    else if (folder_->path().isEmpty()) loaded_->setChecked(true);
    emit changed();
}

bool EncoderChoice::usesHubert() const { return hubert_->isChecked(); }

QString EncoderChoice::hubertFolder() const { return usesHubert() ? folder_->path() : QString(); }

void EncoderChoice::setHubertFolder(const QString& folder) {
    folder_->setPath(folder);
    (folder.isEmpty() && loaded_->isEnabled() ? loaded_ : hubert_)->setChecked(true);
}

bool EncoderChoice::isReady() const { return usesHubert() ? !folder_->path().isEmpty() : loaded_->isEnabled(); }

QString EncoderChoice::layerMeaning() const {
    return usesHubert() ? tr("HF hidden_states: 0 = transformer input, i = output of layer i; layer 9 of hubert-base-ls960 is the M2D-S teacher")
                        : tr("0 = patch embedding, i = output of block i");
}

int EncoderChoice::suggestedLayer(int modelDepth) const { return usesHubert() ? kHubertTeacherLayer : std::max(0, modelDepth / 2); }

}  // namespace m2ds
