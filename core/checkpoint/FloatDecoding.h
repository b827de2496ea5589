#pragma once
// Internal to core/checkpoint: stored floating-point elements to float32, shared by the .pth and safetensors readers.
#include <cstddef>
#include <string>

namespace m2ds {

enum class StoredFloat { Unsupported, Float32, Float16, BFloat16, Float64 };

/// PyTorch storage class names ("FloatStorage", "HalfStorage", ...).
StoredFloat storedFloatFromStorage(const std::string& storageType);
/// safetensors dtype names ("F32", "F16", "BF16", "F64").
StoredFloat storedFloatFromSafetensors(const std::string& dtype);
/// Bytes per element; 0 for Unsupported.
std::size_t storedFloatWidth(StoredFloat type);
/// The element at `bytes` (little-endian) as float32.
float decodeStoredFloat(StoredFloat type, const char* bytes);

}  // namespace m2ds
