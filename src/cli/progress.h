// Progress line for long work: documents done, documents/s and ETA, redrawn in
// place on a terminal at most five times a second; silent when stderr is not a
// terminal (piped or redirected), so logs and scripts stay clean.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace chronicle::cli {

// What the ETA is made of. Some work counts each document twice: ingest counts
// it when stored and resolves it later, a batch at a time, while the count
// stands still. The time left is the counting still to do plus the second pass
// still owed for every document, at the cost per document measured so far, or
// `follow_ratio` times the counting cost per document until one pass finished.
struct EtaInput {
  double seconds = 0;         // since the start
  double fraction = -1;       // of the input counted (0..1), -1 when unknown
  uint64_t counted = 0;       // documents counted
  double follow_seconds = 0;  // of `seconds`, spent in second passes
  uint64_t followed = 0;      // documents through their second pass
  double follow_ratio = 0;    // 0: no second pass
};
// Seconds left; nullopt while unknown.
std::optional<double> eta_seconds(const EtaInput& in);

class Progress {
 public:
  explicit Progress(std::string what, bool enabled);
  ~Progress();
  // `total` may be 0 when unknown; `fraction` (0..1) is used for the ETA then.
  void update(uint64_t done, uint64_t total, double fraction = -1);
  // What the work is doing now beyond the count ("resolving 1000 documents"),
  // shown at once after the counts; empty clears it.
  void note(std::string text);
  // Every counted document needs a second pass (see EtaInput), expected to
  // cost `ratio` times its counting until followed() reports one.
  void follow_up(double ratio) { follow_ratio_ = ratio; }
  // `documents` went through their second pass, which took `seconds`.
  void followed(uint64_t documents, double seconds) { followed_ += documents, follow_seconds_ += seconds; }
  void finish();
  static bool terminal();  // stderr is a terminal

 private:
  std::string what_;
  bool enabled_;
  bool drawn_ = false;
  void draw();
  uint64_t done_ = 0, total_ = 0;
  double fraction_ = -1;
  double follow_ratio_ = 0, follow_seconds_ = 0;
  uint64_t followed_ = 0;
  std::string note_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace chronicle::cli
