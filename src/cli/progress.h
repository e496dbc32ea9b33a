// Progress line for long work: documents done, documents/s and ETA, redrawn in
// place on a terminal at most five times a second; silent when stderr is not a
// terminal (piped or redirected), so logs and scripts stay clean.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace chronicle::cli {

class Progress {
 public:
  explicit Progress(std::string what, bool enabled);
  ~Progress();
  // `total` may be 0 when unknown; `fraction` (0..1) is used for the ETA then.
  void update(uint64_t done, uint64_t total, double fraction = -1);
  void finish();
  static bool terminal();  // stderr is a terminal

 private:
  std::string what_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace chronicle::cli
