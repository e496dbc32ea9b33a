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
  // What the work is doing now beyond the count ("resolving 1000 documents"),
  // shown at once after the counts; empty clears it.
  void note(std::string text);
  void finish();
  static bool terminal();  // stderr is a terminal

 private:
  std::string what_;
  bool enabled_;
  bool drawn_ = false;
  void draw();
  uint64_t done_ = 0, total_ = 0;
  double fraction_ = -1;
  std::string note_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace chronicle::cli
