#include "widgets/EncoderChoice.h"

#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/PathPicker.h"

namespace m2ds {
namespace {
constexpr int kHubertTeacherLayer = 9;
}

EncoderChoice::EncoderChoice(QWidget* parent)
    : QWidget(parent), loaded_(new QRadioButton), hubert_(new QRadioButton(tr("A HuBERT / wav2vec 2.0 folder"))),
      folder_(new PathPicker(PathPicker::Folder, {})), folderStatus_(new QLabel) {
    setObjectName(QStringLiteral("encoderChoice"));
    folder_->setObjectName(QStringLiteral("hubertFolder"));
    folderStatus_->setObjectName(QStringLiteral("hubertFolderStatus"));
    folderStatus_->setWordWrap(true);  // one line of text, wrapped rather than widening the dock
    folderStatus_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hubert_->setToolTip(tr("A Hugging Face model folder (config.json + model.safetensors or pytorch_model.bin), e.g. "
                           "facebook/hubert-base-ls960; features at 50 Hz with the plain HF pipeline, as m2ds extract gives them"));
    folder_->lineEdit()->setPlaceholderText(tr("folder with config.json + model.safetensors"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(loaded_);
    layout->addWidget(hubert_);
    layout->addWidget(folder_);
    layout->addWidget(folderStatus_);
    connect(loaded_, &QRadioButton::toggled, this, [this] {
        folder_->setEnabled(usesHubert());
        folderStatus_->setVisible(usesHubert() && !folderStatus_->text().isEmpty());
        emit sourceChanged();
        emit changed();
    });
    connect(folder_, &PathPicker::pathChanged, this, [this](const QString& path) {
        readFolder(path);
        emit sourceChanged();
        emit changed();
    });
    readFolder({});
    setLoadedModel({});
    folder_->setEnabled(usesHubert());
}

void EncoderChoice::readFolder(const QString& path) {
    folderInfo_ = path.isEmpty() ? HubertFolderInfo{} : HubertFolderInfo::read(path);
    const QString& line = folderInfo_.isUsable() ? folderInfo_.summary : folderInfo_.problem;
    folderStatus_->setText(line);
    folderStatus_->setToolTip(line);
    folderStatus_->setStyleSheet(folderInfo_.isUsable() ? QString() : QStringLiteral("color: #c62828"));
    folderStatus_->setVisible(usesHubert() && !line.isEmpty());
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

bool EncoderChoice::isReady() const {
    return usesHubert() ? !folder_->path().isEmpty() && folderInfo_.isUsable() : loaded_->isEnabled();
}

QString EncoderChoice::folderMessage() const { return folderStatus_->text(); }

QString EncoderChoice::layerMeaning() const {
    if (!usesHubert()) return tr("0 = patch embedding, i = output of block i");
    const QString range = isReady() ? tr(" 0..%1").arg(folderInfo_.layers) : QString();
    return tr("HF hidden_states%1: 0 = transformer input, i = output of layer i; layer 9 of hubert-base-ls960 is the M2D-S teacher").arg(range);
}

int EncoderChoice::highestLayer(int modelDepth) const {
    if (!usesHubert()) return std::max(0, modelDepth);
    return isReady() ? folderInfo_.layers : 0;
}

int EncoderChoice::suggestedLayer(int modelDepth) const {
    return usesHubert() ? std::min(kHubertTeacherLayer, highestLayer(modelDepth)) : std::max(0, modelDepth / 2);
}

}  // namespace m2ds
