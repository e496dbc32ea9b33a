// The progress line's ETA (cli/progress.h): counting, then the second pass
// ingest owes every document (resolution, a batch at a time).
#include <doctest/doctest.h>

#include "cli/progress.h"

using chronicle::cli::EtaInput;
using chronicle::cli::eta_seconds;

TEST_CASE("progress: without a second pass, the ETA is the counting still to do") {
  EtaInput in;
  in.seconds = 10, in.fraction = 0.5, in.counted = 100;
  REQUIRE(eta_seconds(in));
  CHECK(*eta_seconds(in) == doctest::Approx(10));
  in.fraction = -1;  // unknown total (standard input)
  CHECK_FALSE(eta_seconds(in));
}

TEST_CASE("progress: before any batch is resolved, resolution is expected at the given ratio") {
  // All 100 documents counted in 10 s, none resolved: at twice the counting
  // cost, 20 s of resolution are still owed (the count alone would say 0 s).
  EtaInput in;
  in.seconds = 10, in.fraction = 1, in.counted = 100, in.follow_ratio = 2;
  CHECK(*eta_seconds(in) == doctest::Approx(20));
  // Half counted: 10 s more counting, and 200 documents owe 2 x 0.1 s each.
  in.fraction = 0.5;
  CHECK(*eta_seconds(in) == doctest::Approx(10 + 200 * 0.2));
}

TEST_CASE("progress: once a batch is resolved, its measured cost replaces the ratio") {
  // 30 s so far: 10 s counting 100 of 200 documents, 20 s resolving those 100
  // (0.2 s each). Left: 10 s counting and 100 documents at 0.2 s.
  EtaInput in;
  in.seconds = 30, in.fraction = 0.5, in.counted = 100, in.follow_seconds = 20, in.followed = 100, in.follow_ratio = 2;
  CHECK(*eta_seconds(in) == doctest::Approx(10 + 100 * 0.2));
  // Everything counted and resolved: nothing left.
  in.seconds = 60, in.fraction = 1, in.counted = 200, in.follow_seconds = 40, in.followed = 200;
  CHECK(*eta_seconds(in) == doctest::Approx(0));
}
