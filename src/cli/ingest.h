// `chronicle ingest`: read, extract (on --jobs worker threads) and store, in
// input order, so the result does not depend on the number of jobs. Write
// transactions hold whole documents; the batch's resolution runs in the same
// transaction, so a kill at any moment leaves only whole documents behind.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/facts.h"
#include "read/reader.h"

namespace chronicle::cli {

struct IngestOptions {
  std::string db;
  std::vector<std::string> paths;
  read::Options read;
  unsigned jobs = 1;
  bool progress = false;   // draw a progress line on stderr
  // Documents per write transaction: each batch reads its cross-document
  // candidates again, so larger batches resolve faster (docs/resolution.md, Cost)
  // at about 35 MB of memory per 1,000 news articles; a kill loses one batch.
  size_t batch_size = 5000;
};

struct IngestStats {
  uint64_t added = 0, replaced = 0, unchanged = 0, skipped = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

class Progress;

// One input unit after reading and extraction, or the problems that stopped it.
struct Processed {
  std::optional<Document> doc;
  DocumentFacts facts;
  std::vector<read::Problem> problems;  // already printed to stderr when consume() sees them
  uint64_t bytes = 0;
};

// Reads `paths`, parses and extracts on `jobs` worker threads and calls
// `consume` on the calling thread with each unit in input order.
void process_inputs(const std::vector<std::string>& paths, const read::Options& read_options, unsigned jobs, Progress& progress,
                    const std::function<void(Processed&)>& consume);

// Runs one ingest. Problems with single inputs are printed to stderr and counted
// in `skipped`. throws: store::StoreError when the database cannot be used.
IngestStats ingest(const IngestOptions& options);

}  // namespace chronicle::cli
