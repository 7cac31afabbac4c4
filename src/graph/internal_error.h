/// \file
/// `WEFT_ASSERT(cond, msg)`: a compiler bug, not a user error (STYLE.md §5 "Errors"). Aborts with
/// file:line and the message. Bad input must always reach a real diagnostic before any pass that
/// asserts; the render-graph passes assert only what the lowering guarantees for a program
/// without errors (e.g. that strand dependencies are acyclic).
/// Implements: STYLE.md §5. Tests: none (an assert that fires is a bug report).
/// Real-time: yes (only on failure does it print and abort).
#pragma once

#include <cstdio>
#include <cstdlib>

#ifndef WEFT_ASSERT
#define WEFT_ASSERT(cond, msg)                                                                     \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "weft: internal error at %s:%d: %s (%s)\n", __FILE__, __LINE__, msg,    \
                   #cond);                                                                         \
      std::abort();                                                                                \
    }                                                                                              \
  } while (false)
#endif
