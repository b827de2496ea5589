#pragma once
// Which BLAS this process computes with: the numbers a benchmark or a bug report needs, since OpenBLAS picks its
// kernels per CPU (or from $OPENBLAS_CORETYPE) and rounding differs between them.
#include <string>

namespace m2ds {

/// "OpenBLAS 0.3.21 … (kernel Cooperlake)" when the process runs on OpenBLAS, else a line saying the BLAS is another one.
std::string blasDescription();

/// The OpenBLAS kernel in use ("Haswell", "SkylakeX", …), or "" when the BLAS is not OpenBLAS.
std::string blasKernelName();

}  // namespace m2ds
