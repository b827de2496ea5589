#include "features/LayerEmbeddingExtractor.h"

namespace m2ds {

LayerEmbeddingExtractor::~LayerEmbeddingExtractor() = default;

}  // namespace m2ds
