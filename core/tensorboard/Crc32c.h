#pragma once
#include <cstddef>
#include <cstdint>

namespace m2ds {

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as TFRecord files checksum their records.
class Crc32c {
public:
    /// The CRC of `size` bytes (crc32c("123456789") = 0xE3069283).
    static std::uint32_t of(const void* data, std::size_t size);
    /// TFRecord's masked form: rotate right by 15, add 0xa282ead8.
    static std::uint32_t masked(std::uint32_t crc);
};

}  // namespace m2ds
