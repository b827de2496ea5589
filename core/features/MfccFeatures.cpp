#include "features/MfccFeatures.h"

#include <nlohmann/json.hpp>

#include "common/ProgressMonitor.h"

namespace m2ds {

MfccFeatures::MfccFeatures(int threads) : loader_(KaldiMfccSettings{}.sampleRate), threads_(threads) {}

std::size_t MfccFeatures::dimension() const { return static_cast<std::size_t>(mfcc_.settings().featureDimension()); }

double MfccFeatures::framesPerSecond() const { return 1000.0 / mfcc_.settings().frameShiftMs; }

std::string MfccFeatures::identity() const {
    const KaldiMfccSettings& s = mfcc_.settings();
    return nlohmann::json{{"kind", "mfcc"}, {"recipe", "fairseq dump_mfcc_feature.py (torchaudio kaldi.mfcc + 2 x compute_deltas)"},
                          {"sample_rate", s.sampleRate}, {"num_ceps", s.cepstralCount}, {"num_mel_bins", s.melBinCount},
                          {"delta_window", s.deltaWindow}}
        .dump();
}

FloatArray MfccFeatures::extract(const std::string& path, const ProgressMonitor* monitor) const {
    const ProgressMonitor decoding = monitor ? monitor->slice(0.0, 0.5) : ProgressMonitor();
    const ProgressMonitor computing = monitor ? monitor->slice(0.5, 1.0) : ProgressMonitor();
    return mfcc_.compute(loader_.load(path, &decoding), threads_, &computing);
}

}  // namespace m2ds
