// Measures the time-expression extractor's share of per-document extraction:
//   build/timex_bench DIR [ANCHOR]
// reads every .txt file under DIR, and reports per-document milliseconds for
// text analysis, find_timexes() alone and the whole extract pipeline.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/pipeline.h"
#include "extract/timex.h"
#include "text/segment.h"

using namespace chronicle;

namespace {

std::vector<std::string> read_texts(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".txt" || e.path().filename() == "README.TXT") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

template <typename F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: timex_bench DIR [ANCHOR]\n");
    return 2;
  }
  const std::string anchor = argc > 2 ? argv[2] : "2005-03-01";
  const std::vector<std::string> texts = read_texts(argv[1]);
  std::vector<text::Analysis> analyses;
  analyses.reserve(texts.size());
  const double t_text = seconds([&] {
    for (const std::string& t : texts) analyses.push_back(text::analyze(t));
  });
  size_t found = 0;
  const double t_timex = seconds([&] {
    for (const text::Analysis& a : analyses) found += extract::find_timexes(a, anchor).size();
  });
  const extract::Pipeline pipeline;
  const double t_pipeline = seconds([&] {
    for (const std::string& t : texts) {
      Document doc;
      doc.text = t;
      doc.anchor = anchor;
      pipeline.run(doc);
    }
  });
  const double n = static_cast<double>(texts.size());
  fmt::print("{} documents, {} time expressions\n", texts.size(), found);
  fmt::print("text analysis   {:.3f} ms/doc\n", 1000 * t_text / n);
  fmt::print("find_timexes    {:.3f} ms/doc ({:.0f} docs/s)\n", 1000 * t_timex / n, n / t_timex);
  fmt::print("whole extract   {:.3f} ms/doc (timex share {:.1f}%)\n", 1000 * t_pipeline / n, 100 * t_timex / t_pipeline);
}
