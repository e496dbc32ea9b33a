// Terminal progress line (see progress.h).
#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace chronicle::cli {

Progress::Progress(std::string what, bool enabled)
    : what_(std::move(what)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

bool Progress::terminal() { return isatty(STDERR_FILENO) != 0; }

void Progress::update(uint64_t done, uint64_t total, double fraction) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (fraction < 0 && total > 0) fraction = static_cast<double>(done) / static_cast<double>(total);
  std::string eta = "--:--";
  if (fraction > 0.001 && fraction <= 1) {
    const auto left = static_cast<long>(secs / fraction - secs);
    eta = fmt::format("{}:{:02d}", left / 60, left % 60);
  }
  const std::string of = total ? fmt::format("/{}", total) : "";
  fmt::print(stderr, "\r\x1b[K{} {}{} {}, {:.0f} documents/s, ETA {}", what_, done, of, "documents", rate, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) {
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace chronicle::cli
