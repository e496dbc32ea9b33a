// Times the name tagger against the rest of extraction on a folder of articles
// (CPU time of this thread, so other load on the machine does not count):
//   build/ner_bench /work/shared/bench/bbc
// Prints documents and tokens per second for segmentation, feature extraction,
// tagging and the whole extraction pipeline.
#include <fmt/core.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/utf8.h"
#include "extract/ner_features.h"
#include "extract/ner_model.h"
#include "extract/pipeline.h"
#include "text/segment.h"
#include "bench_util.h"

using namespace chronicle;

using bench::cpu_seconds;

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: ner_bench FOLDER\n");
    return 2;
  }
  const std::vector<std::string> texts = bench::load_texts(argv[1]);
  const auto& model = extract::ner::Model::shipped();
  const extract::Pipeline pipeline;
  size_t tokens = 0;
  double segment = 0, features = 0, tagging = 0;
  extract::ner::Features f;
  std::vector<uint8_t> tags;
  for (const std::string& t : texts) {
    double t0 = cpu_seconds();
    const text::Analysis a = text::analyze(t);
    double t1 = cpu_seconds();
    extract::ner::featurize_by_type(a, f);
    double t2 = cpu_seconds();
    model.tag(f, tags);
    double t3 = cpu_seconds();
    segment += t1 - t0, features += t2 - t1, tagging += t3 - t2;
    tokens += f.tokens.size();
  }
  const double whole = bench::pipeline_seconds(pipeline, texts);
  const double n = static_cast<double>(texts.size());
  auto line = [&](const char* what, double s) {
    fmt::print("{:<22} {:7.3f} s  {:9.0f} docs/s  {:10.0f} tokens/s\n", what, s, n / s, static_cast<double>(tokens) / s);
  };
  fmt::print("{} documents, {} tokens, model {} features\n", texts.size(), tokens, model.features());
  line("segmentation", segment);
  line("name features", features);
  line("name tagging", tagging);
  line("whole extraction", whole);
  fmt::print("names (features + tagging) = {:.0f}% of extraction\n", 100 * (features + tagging) / whole);
}
