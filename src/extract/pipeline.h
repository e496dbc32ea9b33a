// The extract stage: every extractor implements Extractor and adds its findings
// to the DocumentFacts of one document. Extractors are configured once (lexicons,
// models) and immutable afterwards; all per-document state lives in the Context,
// so one Pipeline serves any number of threads.
#pragma once
#include <memory>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/facts.h"
#include "text/segment.h"

namespace chronicle::extract {

struct Context {
  const Document& doc;
  const text::Analysis& text;
  DocumentFacts& facts;
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual std::string_view name() const = 0;
  // Adds to ctx.facts. requires: the extractors before it in the pipeline ran.
  virtual void extract(Context& ctx) const = 0;
};

// Nanoseconds spent per stage ("text" for segmentation, then each extractor by
// name), accumulated over the runs it is passed to.
struct StageTimes {
  std::vector<std::pair<std::string, double>> seconds;
  void add(std::string_view stage, double s);
};

class Pipeline {
 public:
  Pipeline();  // all extractors, in order: names, coreference, times, relations, events, claims
  ~Pipeline();
  DocumentFacts run(const Document& doc, StageTimes* times = nullptr) const;
  // Version of the rules and models, stored with each document so that a new
  // chronicle re-extracts documents it has seen before.
  static std::string_view fingerprint();
  // Loads the models, word lists and lexicons the extractors share, two at a
  // time, by extracting a short text of its own; the first document would
  // otherwise load them one after the other. Safe to call from any thread,
  // beside anything else (a failure to load is left to the first document).
  static void preload();

 private:
  std::vector<std::unique_ptr<Extractor>> stages_;
};

// Factories, one per extractor (defined next to each extractor).
std::unique_ptr<Extractor> make_name_extractor();
std::unique_ptr<Extractor> make_timex_extractor();
std::unique_ptr<Extractor> make_claim_extractor();
std::unique_ptr<Extractor> make_relation_extractor();
std::unique_ptr<Extractor> make_event_extractor();

}  // namespace chronicle::extract
