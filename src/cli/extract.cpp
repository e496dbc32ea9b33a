// `chronicle extract`: the per-document facts as JSON Lines on standard output (or
// --out FILE), without touching a database. The format is in
// docs/extract-format.md; `chronicle ingest --format facts` loads it.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/ingest.h"
#include "cli/progress.h"
#include "common/facts_json.h"
#include "extract/pipeline.h"

namespace chronicle::cli {

void add_extract(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("extract", "Print each document's facts as JSON Lines, without a database");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("auto");
  auto out_path = std::make_shared<std::string>();
  auto jobs = std::make_shared<unsigned>(std::max(1u, std::thread::hardware_concurrency()));
  auto options = std::make_shared<read::Options>();
  cmd->add_option("--jobs,-j", *jobs, "Extraction threads (output order does not depend on it)")->capture_default_str()->check(CLI::Range(1u, 256u));
  cmd->add_option("--format", *format, "Input format: auto, text, html or jsonl")->capture_default_str()
      ->check(CLI::IsMember({"auto", "text", "html", "jsonl"}));
  cmd->add_option("--published", options->published, "Publication date for documents that do not give one (ISO 8601)");
  cmd->add_option("--source", options->source, "Outlet name for documents that do not give one");
  cmd->add_option("--out,-o", *out_path, "Write to this file instead of standard output");
  cmd->add_option("paths", *paths, "Files, directories, or - for standard input")->required();
  cmd->callback([=, &status] {
    options->format = *format == "text" ? Format::text : *format == "html" ? Format::html : *format == "jsonl" ? Format::jsonl : Format::automatic;
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!out_path->empty()) {
      file.open(*out_path, std::ios::binary | std::ios::trunc);
      if (!file) {
        fmt::print(stderr, "chronicle extract: {}: cannot write\n", *out_path);
        status = 1;
        return;
      }
      out = &file;
    }
    uint64_t skipped = 0;
    Progress progress("extract:", !out_path->empty() && Progress::terminal());
    extract::Pipeline::preload();
    process_inputs(*paths, *options, *jobs, progress, [&](Processed& d) {
      skipped += d.problems.size();
      if (d.doc) *out << facts_to_json(*d.doc, d.facts, extract::Pipeline::fingerprint()) << '\n';
    });
    out->flush();
    status = skipped ? 1 : 0;
  });
}

}  // namespace chronicle::cli
