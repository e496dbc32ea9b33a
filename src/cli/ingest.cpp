// The ingest command: an ordered parallel pipeline from the Walker through the
// extraction workers to the single SQLite writer.
#include "cli/ingest.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "cli/commands.h"
#include "cli/progress.h"
#include "common/facts_json.h"
#include "common/fault.h"
#include "extract/pipeline.h"
#include "read/dates.h"
#include "store/schema.h"
#include "store/writer.h"

namespace chronicle::cli {

namespace {

struct Work {
  uint64_t seq = 0;
  std::optional<read::Unit> unit;       // empty for a batch of walker problems
  std::vector<read::Problem> problems;  // found by the walker before this unit
};

using Done = Processed;

// Parses one unit and extracts its facts (or, for --format facts, reads them).
// Bad input becomes a problem of `d`, never an exception.
void extract_unit(const read::Unit& unit, const read::Options& options, const extract::Pipeline& pipeline, Processed& d) {
  try {
    if (unit.format == Format::facts) {
      FactsLine line = facts_from_json(unit.bytes);
      line.doc.origin = unit.origin;
      line.doc.format = line.doc.format == Format::facts ? Format::text : line.doc.format;
      d.doc = std::move(line.doc);
      d.facts = std::move(line.facts);
      return;
    }
    d.doc = read::parse(unit, options);
    d.facts = pipeline.run(*d.doc);
  } catch (const read::ReadError& e) {
    d.doc.reset();
    d.problems.push_back({e.where(), e.what()});
  } catch (const std::invalid_argument& e) {
    d.doc.reset();
    d.problems.push_back({unit.origin, e.what()});
  } catch (const std::exception& e) {
    d.doc.reset();
    d.problems.push_back({unit.origin, fmt::format("could not be processed ({}), skipped", e.what())});
  }
}

// Bounded, ordered hand-over between the reader, the workers and the writer.
// At most `capacity` units and `byte_budget` bytes of input are in flight (one
// unit is always let through), so memory stays bounded by the largest document
// whatever the number of jobs: extraction needs about 200 bytes per input byte.
class Channel {
 public:
  Channel(size_t capacity, size_t byte_budget) : capacity_(capacity), byte_budget_(byte_budget) {}

  // Reader: blocks while too many items or bytes are in flight.
  void push(Work w) {
    const size_t bytes = w.unit ? w.unit->bytes.size() : 0;
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return in_flight_ == 0 || (in_flight_ < capacity_ && bytes_in_flight_ + bytes <= byte_budget_); });
    ++in_flight_;
    bytes_in_flight_ += bytes;
    todo_.push_back(std::move(w));
    ready_.notify_one();
  }
  void close_input() {
    std::lock_guard lock(mu_);
    closed_ = true;
    ready_.notify_all();
  }
  // Worker: next work, or nullopt at the end.
  std::optional<Work> take() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !todo_.empty() || closed_; });
    if (todo_.empty()) return std::nullopt;
    Work w = std::move(todo_.front());
    todo_.pop_front();
    return w;
  }
  void finish(uint64_t seq, Done d) {
    std::lock_guard lock(mu_);
    done_.emplace(seq, std::move(d));
    out_.notify_all();
  }
  // Writer: the result with sequence number `seq`, or nullopt once `total` (set
  // by the reader at the end) has been reached.
  std::optional<Done> result(uint64_t seq) {
    std::unique_lock lock(mu_);
    out_.wait(lock, [&] { return done_.count(seq) || (total_ && seq >= *total_); });
    auto it = done_.find(seq);
    if (it == done_.end()) return std::nullopt;
    Done d = std::move(it->second);
    done_.erase(it);
    --in_flight_;
    bytes_in_flight_ -= std::min(bytes_in_flight_, static_cast<size_t>(d.bytes));
    space_.notify_one();
    return d;
  }
  void set_total(uint64_t n) {
    std::lock_guard lock(mu_);
    total_ = n;
    out_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable space_, ready_, out_;
  std::deque<Work> todo_;
  std::map<uint64_t, Done> done_;
  size_t capacity_, byte_budget_, in_flight_ = 0, bytes_in_flight_ = 0;
  bool closed_ = false;
  std::optional<uint64_t> total_;
};

// Holds an exclusive advisory lock on the database file so that two ingests
// never write to one database at once. The descriptor stays open for the whole
// run: closing another descriptor of the file would drop SQLite's own locks.
class WriterLock {
 public:
  explicit WriterLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw store::StoreError(fmt::format("{}: cannot open for writing: {}", path, std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      fd_ = -1;
      throw store::StoreError(fmt::format("{}: another chronicle ingest is writing to this database; "
                                          "try again when it has finished", path));
    }
  }
  ~WriterLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

void report(const read::Problem& p) { fmt::print(stderr, "chronicle: {}: {}\n", p.where, p.message); }

}  // namespace

void process_inputs(const std::vector<std::string>& paths, const read::Options& read_options, unsigned jobs, Progress& progress,
                    const std::function<void(Processed&)>& consume) {
  const extract::Pipeline pipeline;
  jobs = std::max(1u, jobs);
  Channel channel(jobs * 4 + 4, read_options.max_bytes);
  read::Walker walker(paths, read_options);
  std::atomic<uint64_t> files_total{0};
  std::atomic<bool> stop{false};

  std::thread reader([&] {
    uint64_t seq = 0;
    read::Unit unit;
    std::vector<read::Problem> problems;
    while (!stop && walker.next(unit, problems)) {
      files_total = walker.files_total();
      // Walker problems ride along with the next unit so messages keep input order.
      channel.push(Work{seq++, std::move(unit), std::move(problems)});
      problems.clear();
      unit = read::Unit{};
    }
    if (!problems.empty()) channel.push(Work{seq++, std::nullopt, std::move(problems)});
    channel.set_total(seq);
    channel.close_input();
  });
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < jobs; ++i) {
    workers.emplace_back([&] {
      while (auto w = channel.take()) {
        Processed d;
        d.problems = std::move(w->problems);
        if (w->unit) {
          d.bytes = w->unit->bytes.size();
          extract_unit(*w->unit, read_options, pipeline, d);
        }
        channel.finish(w->seq, std::move(d));
      }
    });
  }
  uint64_t seq = 0, done = 0;
  try {
    while (auto d = channel.result(seq++)) {
      for (const auto& p : d->problems) {
        progress.finish();
        report(p);
      }
      done += d->doc ? 1 : 0;
      done += d->problems.size();
      const uint64_t total = walker.bytes_total();
      progress.update(done, files_total.load() > 1 ? files_total.load() : 0,
                      total ? static_cast<double>(walker.bytes_read()) / static_cast<double>(total) : -1);
      consume(*d);
    }
  } catch (...) {
    stop = true;
    // Drain so the reader and workers can finish before unwinding.
    while (channel.result(seq++)) {
    }
    reader.join();
    for (auto& w : workers) w.join();
    throw;
  }
  reader.join();
  for (auto& w : workers) w.join();
  progress.finish();
}

// A batch ends after --batch-size documents or kBatchBytes of input, bounds
// that depend on the input alone, so that one corpus is always cut into the
// same batches (resolution hardly depends on where they end, see
// docs/resolution.md, but the same input should give the same graph). Reading
// standard input, a batch also ends after kBatchTime, so that a slow stream is
// stored as it comes. Resolution costs much per batch (cross-document
// candidates are read again), so batches are not made smaller.
constexpr size_t kBatchBytes = size_t{64} << 20;
constexpr auto kBatchTime = std::chrono::seconds(2);

IngestStats ingest(const IngestOptions& opt) {
  const auto start = std::chrono::steady_clock::now();
  // The extractors' models load while the database opens.
  std::jthread loading(extract::Pipeline::preload);
  // The lock comes first, so a second ingest refuses before touching the file
  // (and two ingests on a new path never both create the schema). Locking does
  // not modify a foreign file; open_database then refuses it untouched.
  WriterLock lock(opt.db);
  std::unique_ptr<store::Db> db = store::open_database(opt.db, store::OpenMode::read_write);
  store::Writer writer(*db);
  IngestStats stats;
  Progress progress("ingest:", opt.progress);
  // Resolving a batch takes about twice as long as reading, extracting and
  // storing it (BBC articles, docs/resolution.md), until the first batch says.
  progress.follow_up(2.0);
  size_t in_batch = 0, batch_bytes = 0;
  const bool stream = std::find(opt.paths.begin(), opt.paths.end(), "-") != opt.paths.end();
  std::optional<store::Transaction> tx;
  auto commit = [&] {
    if (!tx) return;
    // Resolution pauses the count: say so (a large batch may take a while).
    progress.note(fmt::format("resolving {} documents", in_batch));
    const auto resolving = std::chrono::steady_clock::now();
    writer.finish_batch();
    fault::point("ingest.resolved");
    {
      const store::ProfileScope phase("phase: commit");
      tx->commit();
    }
    fault::point("ingest.committed");
    tx.reset();
    progress.followed(in_batch, std::chrono::duration<double>(std::chrono::steady_clock::now() - resolving).count());
    progress.note("");
    in_batch = batch_bytes = 0;
  };
  auto last_commit = std::chrono::steady_clock::now();
  loading.join();
  process_inputs(opt.paths, opt.read, opt.jobs, progress, [&](Processed& d) {
    stats.bytes += d.bytes;
    stats.skipped += d.problems.size();
    if (!d.doc) return;
    if (!tx) tx.emplace(*db);
    switch (writer.store(*d.doc, d.facts)) {
      case store::Outcome::added: ++stats.added; break;
      case store::Outcome::replaced: ++stats.replaced; break;
      case store::Outcome::unchanged: ++stats.unchanged; break;
    }
    fault::point("ingest.stored");
    batch_bytes += d.bytes;
    const auto now = std::chrono::steady_clock::now();
    if (++in_batch >= opt.batch_size || batch_bytes >= kBatchBytes || (stream && now - last_commit > kBatchTime)) {
      commit();
      last_commit = std::chrono::steady_clock::now();  // the next batch gets its own time
    }
  });
  commit();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace chronicle::cli

namespace chronicle::cli {

namespace {

std::optional<Format> format_named(const std::string& s) {
  if (s == "auto") return Format::automatic;
  if (s == "text") return Format::text;
  if (s == "html") return Format::html;
  if (s == "jsonl") return Format::jsonl;
  if (s == "facts") return Format::facts;
  return std::nullopt;
}

}  // namespace

void add_ingest(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("ingest", "Read articles (text, HTML, JSON Lines, directories, -) into the database");
  auto opt = std::make_shared<IngestOptions>();
  auto format = std::make_shared<std::string>("auto");
  auto max_mb = std::make_shared<size_t>(read::Options{}.max_bytes >> 20);
  auto quiet = std::make_shared<bool>(false);
  opt->db = default_db();
  // One core stays with the writer, which stores and resolves every batch.
  opt->jobs = std::max(2u, std::thread::hardware_concurrency()) - 1;
  cmd->add_option("--db", opt->db, "Database file")->capture_default_str();
  cmd->add_option("--jobs,-j", opt->jobs, "Extraction threads (results do not depend on it)")->capture_default_str()->check(CLI::Range(1u, 256u));
  cmd->add_option("--format", *format, "Input format: auto, text, html, jsonl, or facts (the output of chronicle extract)")
      ->capture_default_str()->check(CLI::IsMember({"auto", "text", "html", "jsonl", "facts"}));
  cmd->add_option("--published", opt->read.published, "Publication date for documents that do not give one (ISO 8601)");
  cmd->add_option("--source", opt->read.source, "Outlet name for documents that do not give one");
  cmd->add_option("--max-mb", *max_mb, "Largest document or JSON line accepted, in MiB")->capture_default_str()->check(CLI::Range(1, 4096));
  cmd->add_flag("--quiet,-q", *quiet, "No progress line and no summary");
  // Hidden (no group): documents per write transaction, for the crash-safety tests.
  cmd->add_option("--batch-size", opt->batch_size)->check(CLI::Range(size_t{1}, size_t{100000}))->group("");
  cmd->add_option("paths", opt->paths, "Files, directories, or - for standard input")->required();
  cmd->callback([opt, format, max_mb, quiet, &status] {
    opt->read.format = *format_named(*format);
    opt->read.max_bytes = *max_mb << 20;
    opt->progress = !*quiet && Progress::terminal();
    if (!opt->read.published.empty() && !read::normalize_date(opt->read.published)) {
      fmt::print(stderr, "chronicle ingest: --published '{}' is not a date (use YYYY-MM-DD)\n", opt->read.published);
      status = 2;
      return;
    }
    try {
      const IngestStats s = ingest(*opt);
      if (!*quiet) {
        const uint64_t docs = s.added + s.replaced + s.unchanged;
        fmt::print("ingested {} documents into {} ({} new, {} replaced, {} unchanged, {} skipped) in {:.2f} s, {:.0f} documents/s\n",
                   docs, opt->db, s.added, s.replaced, s.unchanged, s.skipped, s.seconds, s.seconds > 0 ? static_cast<double>(docs + s.skipped) / s.seconds : 0.0);
      }
      status = s.skipped ? 1 : 0;
    } catch (const store::StoreError& e) {
      fmt::print(stderr, "chronicle ingest: {}\n", e.what());
      status = 1;
    }
  });
}

}  // namespace chronicle::cli
