#include "io/window.h"

#include <GLFW/glfw3.h> // includes <GL/gl.h>: GL 1.1 entry points, enough for a textured quad

#include <algorithm>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)
#define WEFT_PIN_GL_DRIVER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WEFT_PIN_GL_DRIVER 1
#endif
#endif
#ifdef WEFT_PIN_GL_DRIVER
#include <dlfcn.h>
#include <link.h>
#endif

namespace weft::io {

namespace {

/// The last error GLFW reported (GLFW reports through a callback, not return values).
std::string& last_glfw_error() {
  static std::string error;
  return error;
}

void record_glfw_error(int /*code*/, const char* description) {
  last_glfw_error() = description != nullptr ? description : "unknown GLFW error";
}

/// Initialises GLFW (connects to the display); does nothing when it is initialised already.
bool init_glfw() {
  glfwSetErrorCallback(record_glfw_error);
  last_glfw_error().clear();
  return glfwInit() == GLFW_TRUE;
}

#ifdef WEFT_PIN_GL_DRIVER
/// Sanitizer builds only: keeps every shared library loaded now (the GL driver with its
/// dependencies, e.g. Mesa's swrast_dri.so and libLLVM) loaded until the process ends.
/// glfwTerminate unloads the driver, and LeakSanitizer, which checks at exit, would then report
/// the memory the driver's globals still own as leaked, with stacks that cannot be symbolised
/// (so no suppression can name them).
void pin_loaded_libraries() {
  std::vector<std::string> names;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t /*size*/, void* out) {
        if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') {
          static_cast<std::vector<std::string>*>(out)->emplace_back(info->dlpi_name);
        }
        return 0;
      },
      &names);
  for (const std::string& name : names) {
    dlopen(name.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
  }
}
#endif

float normalised(double position, int extent) {
  if (extent <= 0) return 0.5F;
  return std::clamp(static_cast<float>(position / extent), 0.0F, 1.0F);
}

/// The 8-bit value the window shows for channel value `v` under alpha `a`: §9.1's output stage,
/// composited over black.
std::uint8_t shown_byte(float v, float a) {
  return output_byte(output_value(v) * output_value(a));
}

} // namespace

bool Window::can_open_display() {
  return init_glfw();
}

std::unique_ptr<Window> Window::open(std::uint32_t width, std::uint32_t height,
                                     const std::string& title, std::string& error) {
  if (!init_glfw()) {
    error = "cannot open a window: " + last_glfw_error();
    return nullptr;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 2);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 1);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  std::unique_ptr<Window> w(new Window());
  w->window_ = glfwCreateWindow(static_cast<int>(width), static_cast<int>(height), title.c_str(),
                                nullptr, nullptr);
  if (w->window_ == nullptr) {
    error = "cannot open a window: " + last_glfw_error();
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(w->window_);
#ifdef WEFT_PIN_GL_DRIVER
  pin_loaded_libraries();
#endif
  glfwSwapInterval(1);
  glfwSetWindowUserPointer(w->window_, w.get());
  glfwSetCursorPosCallback(w->window_, on_cursor);
  glfwSetMouseButtonCallback(w->window_, on_button);
  glfwSetKeyCallback(w->window_, on_key);

  GLint max_size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
  if (width > static_cast<std::uint32_t>(max_size) ||
      height > static_cast<std::uint32_t>(max_size)) {
    error = "cannot show " + std::to_string(width) + "x" + std::to_string(height) +
            " pixels: OpenGL textures are at most " + std::to_string(max_size) + " wide and high";
    return nullptr; // ~Window closes the window
  }
  glGenTextures(1, &w->texture_);
  glBindTexture(GL_TEXTURE_2D, w->texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_REPLACE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glClearColor(0.0F, 0.0F, 0.0F, 1.0F);
  glClear(GL_COLOR_BUFFER_BIT);
  glfwSwapBuffers(w->window_);
  return w;
}

Window::~Window() {
  if (window_ == nullptr) return;
  glDeleteTextures(1, &texture_);
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void Window::draw(const ImageView& frame) {
  upload_.resize(std::size_t{frame.width} * frame.height * 4);
  for (std::size_t i = 0; i < upload_.size(); i += 4) {
    const float a = frame.rgba[i + 3];
    upload_[i + 0] = shown_byte(frame.rgba[i + 0], a);
    upload_[i + 1] = shown_byte(frame.rgba[i + 1], a);
    upload_[i + 2] = shown_byte(frame.rgba[i + 2], a);
    upload_[i + 3] = 255;
  }
  const auto w = static_cast<GLsizei>(frame.width);
  const auto h = static_cast<GLsizei>(frame.height);
  glBindTexture(GL_TEXTURE_2D, texture_);
  if (frame.width != texture_width_ || frame.height != texture_height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, upload_.data());
    texture_width_ = frame.width;
    texture_height_ = frame.height;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, upload_.data());
  }

  int fb_width = 0, fb_height = 0;
  glfwGetFramebufferSize(window_, &fb_width, &fb_height);
  glViewport(0, 0, fb_width, fb_height);
  glEnable(GL_TEXTURE_2D);
  // Texture row 0 is the frame's top row: t = 0 at the top of the window.
  glBegin(GL_QUADS);
  glTexCoord2f(0.0F, 1.0F);
  glVertex2f(-1.0F, -1.0F);
  glTexCoord2f(1.0F, 1.0F);
  glVertex2f(1.0F, -1.0F);
  glTexCoord2f(1.0F, 0.0F);
  glVertex2f(1.0F, 1.0F);
  glTexCoord2f(0.0F, 0.0F);
  glVertex2f(-1.0F, 1.0F);
  glEnd();
  glDisable(GL_TEXTURE_2D);
}

Rgba8Image Window::read_back() const {
  int fb_width = 0, fb_height = 0;
  glfwGetFramebufferSize(window_, &fb_width, &fb_height);
  Rgba8Image image;
  image.width = static_cast<std::uint32_t>(std::max(fb_width, 0));
  image.height = static_cast<std::uint32_t>(std::max(fb_height, 0));
  const std::size_t row_bytes = std::size_t{image.width} * 4;
  std::vector<std::uint8_t> bottom_up(row_bytes * image.height);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, fb_width, fb_height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  image.rgba.resize(bottom_up.size());
  for (std::uint32_t row = 0; row < image.height; ++row) {
    std::memcpy(image.rgba.data() + row_bytes * row,
                bottom_up.data() + row_bytes * (image.height - 1 - row), row_bytes);
  }
  return image;
}

void Window::present() {
  glfwSwapBuffers(window_);
}

void Window::poll_events() {
  glfwPollEvents();
}

bool Window::should_close() const {
  return glfwWindowShouldClose(window_) == GLFW_TRUE;
}

void Window::set_title(const std::string& title) {
  glfwSetWindowTitle(window_, title.c_str());
}

void Window::on_cursor(GLFWwindow* window, double x, double y) {
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
  int width = 0, height = 0;
  glfwGetWindowSize(window, &width, &height);
  self->pointer_.x = normalised(x, width);
  self->pointer_.y = normalised(y, height);
}

void Window::on_button(GLFWwindow* window, int button, int action, int /*mods*/) {
  if (button != GLFW_MOUSE_BUTTON_LEFT) return;
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
  self->pointer_.down = action == GLFW_PRESS;
  double x = 0, y = 0; // a click is a pointer event even when the pointer has not moved
  glfwGetCursorPos(window, &x, &y);
  on_cursor(window, x, y);
}

void Window::on_key(GLFWwindow* window, int key, int /*scancode*/, int action, int /*mods*/) {
  if (key == GLFW_KEY_ESCAPE && action == GLFW_PRESS) glfwSetWindowShouldClose(window, GLFW_TRUE);
}

} // namespace weft::io
