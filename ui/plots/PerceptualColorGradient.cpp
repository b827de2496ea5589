#include "plots/PerceptualColorGradient.h"

namespace m2ds {

QCPColorGradient perceptualColorGradient() {
    static const char* const kViridis[] = {"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
                                           "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"};
    constexpr int kStops = sizeof(kViridis) / sizeof(kViridis[0]);
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (int i = 0; i < kStops; ++i) gradient.setColorStopAt(double(i) / (kStops - 1), QColor(kViridis[i]));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(256);
    return gradient;
}

}  // namespace m2ds
