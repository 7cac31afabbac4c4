/// \file
/// The live window of `weft run` (CLI.md): a GLFW 3 window with an OpenGL 2.1 context that shows
/// float RGBA frames as a texture of the frame's exact size (nearest filtering, so every window
/// pixel is one frame pixel), and reports the pointer, Esc and close requests. Frames go through
/// the output stage of LANGUAGE.md §9.1 (NaN → 0, clamp, floor(v · 255 + 0.5)) and are composited
/// over black (r · a, g · a, b · a). `read_back` returns what GL drew (glReadPixels), for
/// `--screenshot`. Free of compiler types; the only place that knows GLFW or OpenGL.
/// Preconditions: one Window at a time, used from the thread that opened it (GLFW's main-thread
/// rule). Implements: CLI.md `weft run` (window), LANGUAGE.md §5.5 (live mouse), §9.1 (window).
/// Tests: tests/cli/run_test.cpp (under Xvfb). Real-time: no.
#pragma once

#include "io/image_write.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace weft::io {

/// The pointer as `mouse@x`, `mouse@y`, `mouse@down` read it (§5.5).
struct PointerState {
  float x = 0.5F; ///< 0 = left edge, 1 = right edge of the window, clamped to [0, 1]
  float y = 0.5F; ///< 0 = top edge, 1 = bottom edge, clamped to [0, 1]
  bool down = false;
};

/// An 8-bit RGBA picture, rows top to bottom.
struct Rgba8Image {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> rgba;
};

class Window {
public:
  /// Whether a window could be opened at all: false when GLFW cannot initialise (no DISPLAY, or
  /// the X server named there cannot be reached). When true, the connection stays open for
  /// open() (closed with the window): an X server may reset when its last client leaves (Xvfb
  /// does unless run with -noreset) and would refuse a connection made right after.
  static bool can_open_display();

  /// Opens a `width × height` window titled `title` (UTF-8) and shows black. On failure returns
  /// null and sets `error` to one line saying why.
  static std::unique_ptr<Window> open(std::uint32_t width, std::uint32_t height,
                                      const std::string& title, std::string& error);

  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  /// Uploads `frame` (RGBA floats, rows top to bottom) and draws it into the back buffer,
  /// stretched over the whole window. Call present() to show it.
  void draw(const ImageView& frame);
  /// The back buffer as drawn (call between draw and present), rows top to bottom.
  Rgba8Image read_back() const;
  /// Shows the back buffer (swaps).
  void present();
  /// Handles pending window-system events (pointer, keys, close).
  void poll_events();

  /// True once Esc was pressed or the window was asked to close.
  bool should_close() const;
  /// The pointer after the last poll_events(): 0.5, 0.5, up until the first pointer event.
  PointerState pointer() const { return pointer_; }
  void set_title(const std::string& title);

private:
  Window() = default;
  static void on_cursor(GLFWwindow* window, double x, double y);
  static void on_button(GLFWwindow* window, int button, int action, int mods);
  static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);

  GLFWwindow* window_ = nullptr;
  unsigned texture_ = 0;
  std::uint32_t texture_width_ = 0;
  std::uint32_t texture_height_ = 0;
  std::vector<std::uint8_t> upload_; ///< the 8-bit frame being uploaded, reused between frames
  PointerState pointer_;
};

} // namespace weft::io
