/// \file
/// The exit statuses of the `weft` command (CLI.md), shared by the driver and the CLI.
#pragma once

namespace weft::driver {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCompileError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRuntime = 3;

} // namespace weft::driver
