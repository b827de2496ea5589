#pragma once
#include <cstdint>
#include <initializer_list>
#include <numeric>
#include <vector>

namespace m2ds {

/// A small counter-based generator (SplitMix64): the stream is a pure function of its keys, so every sample of every
/// epoch draws the same numbers whatever the worker count, the rank layout or a resume in between.
class DeterministicRandom {
public:
    /// Keys are mixed in order (e.g. seed, epoch, sample position).
    explicit DeterministicRandom(std::initializer_list<std::uint64_t> keys) {
        for (std::uint64_t key : keys) state_ = mix(state_ ^ (key + 0x9e3779b97f4a7c15ull));
    }
    /// Next 64 random bits.
    std::uint64_t next() { return mix(state_ += 0x9e3779b97f4a7c15ull); }
    /// Uniform integer in [0, count); count > 0.
    std::size_t index(std::size_t count) { return static_cast<std::size_t>(next() % count); }
    /// A random permutation of 0..count-1 (Fisher-Yates).
    std::vector<std::size_t> permutation(std::size_t count) {
        std::vector<std::size_t> order(count);
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (std::size_t i = count; i > 1; --i) std::swap(order[i - 1], order[index(i)]);
        return order;
    }

private:
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::uint64_t state_ = 0x6d32647325;
};

}  // namespace m2ds
