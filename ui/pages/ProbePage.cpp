#include "pages/ProbePage.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>

#include "jobs/ClipPoolingNames.h"
#include "jobs/ModelService.h"
#include "jobs/ProbeService.h"
#include "plots/EmbeddingScatter.h"
#include "plots/LayerWeightBars.h"
#include "plots/ProbeLayerCurve.h"
#include "plots/SimilarityHeatMap.h"
#include "session/Session.h"
#include "widgets/PlotFrame.h"
#include "widgets/ProbeForm.h"

namespace m2ds {
namespace {

QString score(const ProbeScoreValue& value) {
    return QStringLiteral("%1 ± %2").arg(value.accuracy, 0, 'f', 3).arg(value.accuracyStd, 0, 'f', 3);
}

}  // namespace

ProbePage::ProbePage(Session& session, QWidget* parent)
    : QWidget(parent), session_(session), service_(new ProbeService(*session.models(), session.presetsDirectory(), {}, this)), form_(new ProbeForm),
      curve_(new ProbeLayerCurve), weights_(new LayerWeightBars), similarity_(new SimilarityHeatMap), scatter_(new EmbeddingScatter),
      summary_(new QLabel), saveResults_(new QPushButton(tr("Save results…"))) {
    form_->setPoolingChoices(clipPoolingNames());
    auto* formScroll = new QScrollArea;
    formScroll->setWidget(form_);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setMinimumWidth(form_->minimumSizeHint().width() + 20);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(formScroll);
    splitter->addWidget(createResults());
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connectService();
    showResults(nullptr);
}

ProbePage::~ProbePage() = default;

QWidget* ProbePage::createResults() {
    auto* results = new QWidget;
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setObjectName(QStringLiteral("probeSummary"));
    saveResults_->setToolTip(tr("The report as JSON (as m2ds probe writes it) or a CSV table layer,model,accuracy,std,f1,f1_std"));
    auto* header = new QHBoxLayout;
    header->addWidget(summary_, 1);
    header->addWidget(saveResults_, 0, Qt::AlignTop);
    auto* grid = new QGridLayout;
    const QList<PlotFrame*> frames{new PlotFrame(tr("Accuracy per layer"), curve_), new PlotFrame(tr("Weighted-sum layer weights"), weights_),
                                   new PlotFrame(tr("Layer similarity (linear CKA)"), similarity_),
                                   new PlotFrame(tr("Best layer, first two principal components"), scatter_)};
    for (int i = 0; i < frames.size(); ++i) {
        grid->addWidget(frames[i], i / 2, i % 2);
        connect(frames[i], &PlotFrame::saveFailed, form_, &ProbeForm::showError);
    }
    auto* layout = new QVBoxLayout(results);
    layout->addLayout(header);
    layout->addLayout(grid, 1);
    connect(saveResults_, &QPushButton::clicked, this, &ProbePage::saveResults);
    return results;
}

void ProbePage::connectService() {
    connect(session_.models(), &ModelService::modelLoaded, form_, [this](const ModelSummary& summary) { form_->setLoadedModel(summary.name); });
    connect(form_, &ProbeForm::estimateRequested, this, [this] { service_->estimate(form_->request()); });
    connect(form_, &ProbeForm::runRequested, this, [this] {
        form_->showStatus(tr("Probing…"));
        service_->run(form_->request());
    });
    connect(form_, &ProbeForm::cancelRequested, service_, &ProbeService::cancel);
    connect(service_, &ProbeService::progress, form_, &ProbeForm::showProgress);
    connect(service_, &ProbeService::estimateReady, form_, &ProbeForm::showEstimate);
    connect(service_, &ProbeService::failed, form_, &ProbeForm::showError);
    connect(service_, &ProbeService::cancelled, this, [this] {
        form_->showProgress(-1.0);
        form_->showStatus(tr("Cancelled."));
    });
    connect(service_, &ProbeService::resultsReady, this, [this](const ProbeResultsDataPtr& results) {
        form_->showProgress(-1.0);
        form_->showStatus(tr("Done: %n example(s) probed.", "", results->rows));
        showResults(results);
    });
    connect(scatter_, &EmbeddingScatter::pointClicked, this, [this](const QString& file, int frame) {
        emit openRecordingRequested(file, frame < 0 ? -1.0 : frame * scatter_->projection().frameSeconds);
    });
}

void ProbePage::showResults(const ProbeResultsDataPtr& results) {
    curve_->setResults(results);
    weights_->setResults(results);
    similarity_->setSimilarity(results ? results->similarity : ProbeSimilarity{});
    scatter_->setProjection(results ? results->projection : ProbeProjection{}, results ? results->labelNames : QStringList{});
    saveResults_->setEnabled(results != nullptr);
    if (!results || results->models.empty()) {
        summary_->setText(tr("Choose a labelled set, then Estimate or Run: a linear probe is trained on every layer and compared with "
                             "a log-mel baseline on the same folds."));
        summary_->setToolTip({});
        return;
    }
    QStringList lines;
    for (const ProbeModelCurve& model : results->models) {
        const auto best = std::find_if(model.layers.begin(), model.layers.end(), [&](const ProbeLayerPoint& p) { return p.layer == model.bestLayer; });
        lines << tr("<b>%1</b>: best layer %2, accuracy %3 (macro-F1 %4); weighted sum %5")
                     .arg(model.name.toHtmlEscaped()).arg(model.bestLayer)
                     .arg(best == model.layers.end() ? QString() : score(best->score))
                     .arg(best == model.layers.end() ? QString() : QString::number(best->score.f1, 'f', 3))
                     .arg(score(model.weightedSum));
    }
    lines << tr("Log-mel baseline %1. %2 %3 folds over %4 %5 example(s) of %6 labels%7.")
                 .arg(score(results->baseline)).arg(results->folds).arg(results->foldKind).arg(results->rows).arg(results->level)
                 .arg(results->labelNames.size())
                 .arg(results->skipped.isEmpty() ? QString() : tr("; %n recording(s) skipped (hover for why)", "", int(results->skipped.size())));
    summary_->setText(lines.join(QStringLiteral("<br>")));
    summary_->setToolTip(results->skipped.join('\n'));
}

QString ProbePage::summaryText() const { return summary_->text(); }

void ProbePage::saveResults() {
    QString filter;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Probe Results"), {}, tr("JSON report (*.json);;CSV table (*.csv)"), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += filter.contains("csv") ? ".csv" : ".json";
    const QString problem = service_->saveResults(path);
    if (problem.isEmpty()) emit statusMessage(tr("Saved %1").arg(path), 5000);
    else form_->showError(problem);
}

}  // namespace m2ds
