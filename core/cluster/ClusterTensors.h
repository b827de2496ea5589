#pragma once
// Internal to core/cluster: the LibTorch pieces the k-means classes share. Not part of core's public API.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <cstddef>
#include <string>

namespace m2ds::cluster {

/// "cpu" | "cuda" | "cuda:N" → a device (cuda means cuda:0); throws InvalidArgument for an unknown name or for CUDA
/// when this LibTorch has no usable GPU.
c10::Device clusterDevice(const std::string& name);
/// [rows, d] float32 on `device` holding host `values`: on the CPU a view of them (they must outlive the tensor),
/// elsewhere a copy.
at::Tensor rowsOnDevice(const float* values, std::size_t rows, std::size_t d, const c10::Device& device);
/// Squared L2 norm of each row of x [n, D] float32 → [n] float32.
at::Tensor squaredRowNorms(const at::Tensor& x);
/// ||x||² − 2 x·c + ||c||² between the rows of x [n, D] and c [k, D] (float32, one device, norms from
/// squaredRowNorms), by one matmul, clamped at 0 → [n, k] float32.
at::Tensor squaredDistances(const at::Tensor& x, const at::Tensor& xNorms, const at::Tensor& c, const at::Tensor& cNorms);

}  // namespace m2ds::cluster
