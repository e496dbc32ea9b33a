// Times the event-trigger tagger against the rest of extraction on a folder of
// articles (CPU time of this thread, so other load on the machine does not count):
//   build/trigger_bench /work/shared/bench/bbc
// Runs the stages before events as chronicle does, then times trigger features
// and tagging over every sentence, the whole event extractor, and the whole
// extraction pipeline.
#include <fmt/core.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/utf8.h"
#include "extract/doc_view.h"
#include "extract/pipeline.h"
#include "extract/trigger_tagger.h"
#include "resolve/coref.h"
#include "text/segment.h"
#include "bench_util.h"

using namespace chronicle;

using bench::cpu_seconds;

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: trigger_bench FOLDER\n");
    return 2;
  }
  const std::vector<std::string> texts = bench::load_texts(argv[1]);
  const auto& model = extract::triggers::Model::shipped();
  const auto names = extract::make_name_extractor(), timexes = extract::make_timex_extractor(),
             relations = extract::make_relation_extractor(), events = extract::make_event_extractor();
  const extract::Pipeline pipeline;
  size_t tokens = 0, found = 0, event_count = 0;
  double features = 0, tagging = 0, event_stage = 0;
  std::vector<uint8_t> timex, tags;
  std::vector<uint32_t> offsets, keys, types;
  for (const std::string& t : texts) {
    Document doc;
    doc.text = t;
    DocumentFacts facts;
    const text::Analysis a = text::analyze(doc.text);
    extract::Context ctx{doc, a, facts};
    names->extract(ctx);
    resolve::link_document(doc, a, facts);
    timexes->extract(ctx);
    relations->extract(ctx);
    double t0 = cpu_seconds();
    {
      const extract::DocView v(ctx);
      extract::triggers::timex_tokens(a, facts, timex);
      for (const text::Sentence& s : a.sentences) {
        const double f0 = cpu_seconds();
        extract::triggers::featurize_by_type(v, timex, s.first, s.last, offsets, keys, types);
        const double f1 = cpu_seconds();
        model.tag(offsets, keys, tags, 0, &types);
        tagging += cpu_seconds() - f1;
        features += f1 - f0;
        for (uint8_t g : tags) found += g == extract::triggers::kB;
      }
    }
    t0 = cpu_seconds();
    events->extract(ctx);
    event_stage += cpu_seconds() - t0;
    event_count += facts.events.size();
    tokens += a.tokens.size();
  }
  const double whole = bench::pipeline_seconds(pipeline, texts);
  const double n = static_cast<double>(texts.size());
  auto line = [&](const char* what, double s) {
    fmt::print("{:<22} {:7.3f} s  {:7.1f} us/doc  {:9.0f} docs/s\n", what, s, 1e6 * s / n, n / s);
  };
  fmt::print("{} documents, {} tokens, model {} features; tagger found {} triggers, events {}\n", texts.size(), tokens,
             model.features(), found, event_count);
  line("trigger features", features);
  line("trigger tagging", tagging);
  line("event extractor", event_stage);
  line("whole extraction", whole);
  fmt::print("tagger (features + tagging) = {:.1f}% of extraction\n", 100 * (features + tagging) / whole);
}
