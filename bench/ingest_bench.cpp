// Ingest benchmark (not a test): where the time goes per pipeline stage, and
// end-to-end throughput of `chronicle ingest` with --jobs 1 and --jobs 2, each
// with its peak memory, against a read-only baseline measured in the same run.
//   ingest_bench CORPUS_DIR CHRONICLE_BINARY
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/ingest.h"
#include "extract/pipeline.h"
#include "read/reader.h"
#include "store/schema.h"
#include "store/writer.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace chronicle;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Run {
  double seconds = 0;
  double cpu_seconds = 0;  // user and system time of all its threads
  long peak_rss_kb = 0;
  int status = 0;
};

double seconds_of(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

// Runs a command in a child process and measures its wall time, CPU time and peak RSS.
Run spawn(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::fflush(stdout);
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  return Run{since(start), seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime), usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

struct Corpus {
  std::vector<read::Unit> units;
  uint64_t bytes = 0;
};

Corpus load(const std::string& dir) {
  Corpus c;
  read::Walker walker({dir}, {});
  std::vector<read::Problem> problems;
  read::Unit u;
  while (walker.next(u, problems)) {
    c.bytes += u.bytes.size();
    c.units.push_back(std::move(u));
    u = read::Unit{};
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: ingest_bench CORPUS_DIR CHRONICLE_BINARY\n");
    return 2;
  }
  const std::string corpus_dir = argv[1], binary = argv[2];
  const Corpus corpus = load(corpus_dir);
  const double mb = static_cast<double>(corpus.bytes) / (1 << 20);
  fmt::print("corpus: {} files, {:.1f} MB ({})\n\n", corpus.units.size(), mb, corpus_dir);

  // 1. Stage split, one thread, in process.
  const extract::Pipeline pipeline;
  extract::StageTimes times;
  std::vector<std::pair<Document, DocumentFacts>> done;
  const auto t_parse = Clock::now();
  std::vector<Document> docs;
  for (const auto& u : corpus.units) {
    try {
      docs.push_back(read::parse(u, {}));
    } catch (const read::ReadError&) {
    }
  }
  const double parse_s = since(t_parse);
  for (const auto& d : docs) done.emplace_back(d, pipeline.run(d, &times));
  const fs::path tmp = fs::temp_directory_path() / fmt::format("chronicle-bench-{}", getpid());
  fs::create_directories(tmp);
  double store_s = 0, resolve_s = 0;
  {
    auto db = store::open_database((tmp / "stage.db").string(), store::OpenMode::read_write);
    store::Writer writer(*db);
    const size_t batch = cli::IngestOptions{}.batch_size;  // as `chronicle ingest` batches
    for (size_t i = 0; i < done.size(); i += batch) {
      const auto t_store = Clock::now();
      store::Transaction tx(*db);
      for (size_t j = i; j < std::min(done.size(), i + batch); ++j) writer.store(done[j].first, done[j].second);
      store_s += since(t_store);
      const auto t_resolve = Clock::now();
      writer.finish_batch();
      tx.commit();
      resolve_s += since(t_resolve);
    }
  }
  double extraction = parse_s;
  for (const auto& [name, s] : times.seconds) extraction += s;
  const double total = extraction + store_s + resolve_s;
  fmt::print("where the time goes (one thread, {} documents, batches of {}):\n", docs.size(), cli::IngestOptions{}.batch_size);
  auto row = [&](std::string_view name, double s) {
    fmt::print("  {:<12} {:8.1f} ms  {:5.1f} %  {:9.0f} documents/s\n", name, s * 1000, 100 * s / total, static_cast<double>(docs.size()) / s);
  };
  row("read", parse_s);
  for (const auto& [name, s] : times.seconds) row(name, s);
  row("extraction", extraction);  // the stages above, read included
  row("store", store_s);            // writing documents and their facts
  row("resolve", resolve_s);        // resolution across documents, and commit
  row("total", total);

  // 2. End to end, as users run it.
  fmt::print("\nend to end (`chronicle ingest` into a fresh database):\n");
  // CPU seconds count the work of every thread: articles per CPU second is
  // what one core would sustain with the work spread over no others.
  fmt::print("  {:<22} {:>9} {:>12} {:>8} {:>12} {:>9} {:>8} {:>14}\n", "run", "seconds", "articles/s", "MB/s", "peak RSS MB", "vs jobs 1",
             "CPU s", "articles/CPU s");
  double base = 0;
  for (const int jobs : {1, 2}) {
    const std::string db = (tmp / fmt::format("jobs{}.db", jobs)).string();
    const Run r = spawn({binary, "ingest", "-q", "--jobs", std::to_string(jobs), "--db", db, corpus_dir});
    if (jobs == 1) base = r.seconds;
    const auto articles = static_cast<double>(corpus.units.size());
    fmt::print("  {:<22} {:9.2f} {:12.0f} {:8.2f} {:12.1f} {:8.2f}x {:8.2f} {:14.0f}\n", fmt::format("--jobs {} (exit {})", jobs, r.status),
               r.seconds, articles / r.seconds, mb / r.seconds, static_cast<double>(r.peak_rss_kb) / 1024, base / r.seconds, r.cpu_seconds,
               articles / r.cpu_seconds);
  }
  fmt::print("  baseline: reading and decoding alone runs at {:.0f} articles/s; full ingest with --jobs 1 takes {:.1f}x as long\n",
             static_cast<double>(corpus.units.size()) / parse_s, base / parse_s);
  fs::remove_all(tmp);
  return 0;
}
