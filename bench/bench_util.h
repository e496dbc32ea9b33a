// Helpers the tagger benchmarks share: CPU time of the calling thread (other
// load on the machine does not count), the valid UTF-8 .txt files of a folder
// and the CPU time of the whole extraction pipeline over texts.
#pragma once
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/utf8.h"
#include "extract/pipeline.h"

namespace chronicle::bench {

inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The texts of the .txt files under `dir` that are valid UTF-8.
inline std::vector<std::string> load_texts(const std::string& dir) {
  std::vector<std::string> texts;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    if (!utf8::first_invalid(ss.str())) texts.push_back(ss.str());
  }
  return texts;
}

// CPU seconds the whole extraction pipeline takes over `texts`.
inline double pipeline_seconds(const extract::Pipeline& pipeline, const std::vector<std::string>& texts) {
  double whole = 0;
  for (const std::string& t : texts) {
    Document doc;
    doc.text = t;
    const double t0 = cpu_seconds();
    const DocumentFacts facts = pipeline.run(doc);
    whole += cpu_seconds() - t0;
  }
  return whole;
}

}  // namespace chronicle::bench
