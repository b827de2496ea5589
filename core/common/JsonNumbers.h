#pragma once
// Numbers from JSON files into C++ numbers. nlohmann's get<int>() casts a float such as 1e300 to int, which is
// undefined behaviour, and wraps 4294968064 to 768; these refuse a number its target cannot hold with nlohmann's
// out_of_range error (406), which the readers' catch blocks turn into their own messages like any other bad value.
// Header-only: for the targets that already use nlohmann-json.
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

namespace m2ds::JsonNumbers {

/// True when `value` is a number that T holds: an integer in T's range, a float whose whole part is in T's range
/// (nlohmann drops the fraction), or for a floating-point T any number within its finite range.
template <typename T>
bool fits(const nlohmann::json& value) {
    static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
    using Limits = std::numeric_limits<T>;
    if (!value.is_number()) return true;  // get<T>() throws nlohmann's type_error
    if constexpr (std::is_floating_point_v<T>) {
        const double real = value.get<double>();
        return real >= -static_cast<double>(Limits::max()) && real <= static_cast<double>(Limits::max());
    } else {
        if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= static_cast<std::uint64_t>(Limits::max());
        if (value.is_number_integer()) {
            const auto integer = value.get<std::int64_t>();
            return integer >= 0 ? static_cast<std::uint64_t>(integer) <= static_cast<std::uint64_t>(Limits::max())
                                : std::is_signed_v<T> && integer >= static_cast<std::int64_t>(Limits::lowest());
        }
        // Both bounds are zero or powers of two, exact as doubles: the whole part must be >= lowest and <= max.
        const double real = value.get<double>();
        return real > static_cast<double>(Limits::lowest()) - 1.0 && real < 2.0 * static_cast<double>(Limits::max() / 2 + 1);
    }
}

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

/// value.get_to(out), refusing a number `out` cannot hold (also inside a std::vector); throws nlohmann::json::exception.
template <typename T>
void getTo(const nlohmann::json& value, T& out) {
    if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
        if (!fits<T>(value))
            throw nlohmann::json::out_of_range::create(406, "number " + value.dump() + " does not fit the setting", &value);
        value.get_to(out);
    } else if constexpr (IsVector<T>::value) {
        if (!value.is_array()) throw nlohmann::json::type_error::create(302, std::string("type must be array, but is ") + value.type_name(), &value);
        T items(value.size());
        for (std::size_t i = 0; i < items.size(); ++i) getTo(value[i], items[i]);
        out = std::move(items);
    } else {
        value.get_to(out);
    }
}

/// json.value(key, fallback) with getTo's check: the member `key` of object `json` when it has one, else `fallback`.
template <typename T>
T valueOr(const nlohmann::json& json, const char* key, T fallback) {
    if (!json.is_object()) throw nlohmann::json::type_error::create(306, std::string("cannot use value() with ") + json.type_name(), &json);
    const auto found = json.find(key);
    if (found == json.end()) return fallback;
    getTo(*found, fallback);
    return fallback;
}

}  // namespace m2ds::JsonNumbers
