// Terminal progress line (see progress.h).
#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace chronicle::cli {

std::optional<double> eta_seconds(const EtaInput& in) {
  if (in.fraction <= 0.001 || in.fraction > 1) return std::nullopt;
  const double counting = in.seconds - in.follow_seconds;
  double left = counting / in.fraction - counting;
  if (in.follow_ratio > 0 && in.counted > 0) {
    const double per_document = in.followed ? in.follow_seconds / static_cast<double>(in.followed)
                                            : in.follow_ratio * counting / static_cast<double>(in.counted);
    const double documents = static_cast<double>(in.counted) / in.fraction;
    left += std::max(0.0, documents - static_cast<double>(in.followed)) * per_document;
  }
  return std::max(0.0, left);
}

Progress::Progress(std::string what, bool enabled)
    : what_(std::move(what)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

bool Progress::terminal() { return isatty(STDERR_FILENO) != 0; }

void Progress::update(uint64_t done, uint64_t total, double fraction) {
  if (!enabled_) return;
  done_ = done, total_ = total, fraction_ = fraction;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  draw();
}

void Progress::note(std::string text) {
  if (!enabled_) return;
  note_ = std::move(text);
  draw();
}

void Progress::draw() {
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done_) / secs : 0;
  double fraction = fraction_;
  if (fraction < 0 && total_ > 0) fraction = static_cast<double>(done_) / static_cast<double>(total_);
  std::string eta = "--:--";
  if (const auto left = eta_seconds({secs, fraction, done_, follow_seconds_, followed_, follow_ratio_})) {
    const auto s = static_cast<long>(*left);
    eta = fmt::format("{}:{:02d}", s / 60, s % 60);
  }
  const std::string of = total_ ? fmt::format("/{}", total_) : "";
  const std::string note = note_.empty() ? "" : ", " + note_;
  fmt::print(stderr, "\r\x1b[K{} {}{} {}, {:.0f} documents/s, ETA {}{}", what_, done_, of, "documents", rate, eta, note);
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
