#include "checkpoint/FloatDecoding.h"

#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>
#include <cstdint>
#include <cstring>

namespace m2ds {

StoredFloat storedFloatFromStorage(const std::string& storageType) {
    if (storageType == "FloatStorage") return StoredFloat::Float32;
    if (storageType == "HalfStorage") return StoredFloat::Float16;
    if (storageType == "BFloat16Storage") return StoredFloat::BFloat16;
    if (storageType == "DoubleStorage") return StoredFloat::Float64;
    return StoredFloat::Unsupported;
}

StoredFloat storedFloatFromSafetensors(const std::string& dtype) {
    if (dtype == "F32") return StoredFloat::Float32;
    if (dtype == "F16") return StoredFloat::Float16;
    if (dtype == "BF16") return StoredFloat::BFloat16;
    if (dtype == "F64") return StoredFloat::Float64;
    return StoredFloat::Unsupported;
}

std::size_t storedFloatWidth(StoredFloat type) {
    switch (type) {
    case StoredFloat::Float32: return 4;
    case StoredFloat::Float16:
    case StoredFloat::BFloat16: return 2;
    case StoredFloat::Float64: return 8;
    case StoredFloat::Unsupported: break;
    }
    return 0;
}

float decodeStoredFloat(StoredFloat type, const char* bytes) {
    if (type == StoredFloat::Float32) {
        float value;
        std::memcpy(&value, bytes, 4);
        return value;
    }
    if (type == StoredFloat::Float64) {
        double value;
        std::memcpy(&value, bytes, 8);
        return static_cast<float>(value);
    }
    uint16_t raw;
    std::memcpy(&raw, bytes, 2);
    if (type == StoredFloat::Float16) return static_cast<float>(c10::Half(raw, c10::Half::from_bits()));
    return static_cast<float>(c10::BFloat16(raw, c10::BFloat16::from_bits()));
}

}  // namespace m2ds
