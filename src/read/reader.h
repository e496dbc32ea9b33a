// The read stage: turns the paths given to `chronicle ingest` into Units (one file,
// or one line of a JSON Lines file) and each Unit into a Document. Walking is
// sequential and deterministic (sorted, recursive, symlink loops cut); parsing is
// pure and runs on worker threads.
#pragma once
#include <atomic>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/document.h"

namespace chronicle::read {

struct Options {
  Format format = Format::automatic;  // --format; automatic detects per file
  std::string published;              // --published: default publication date
  std::string source;                 // --source: default outlet name
  // Largest document or JSON line accepted (--max-mb). Extraction takes about
  // 200 bytes of memory per byte of text, so this bounds ingest's memory too.
  size_t max_bytes = 4u << 20;
};

// Bad input that abandons one unit. `where` names the file and, when known, line.
class ReadError : public std::runtime_error {
 public:
  ReadError(std::string where, const std::string& message)
      : std::runtime_error(message), where_(std::move(where)) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

struct Unit {
  std::string origin;   // "path" or "path:line"
  std::string path;     // file path, "-" for standard input
  size_t line = 0;      // 1-based line for JSON Lines units, else 0
  Format format = Format::text;
  std::string bytes;
};

struct Problem {
  std::string where;
  std::string message;
};

// Yields the units under a list of paths, in order: each path as given, a
// directory's files recursively in sorted order, "-" as standard input.
class Walker {
 public:
  Walker(std::vector<std::string> paths, Options options);
  ~Walker();
  // Fills `out` with the next unit and returns true, or returns false at the end.
  // Input that cannot become a unit (missing path, unreadable, too large) is
  // reported in `problems` and skipped.
  bool next(Unit& out, std::vector<Problem>& problems);
  // Bytes read so far and total bytes of all files found (for progress).
  // (Safe to ask from another thread while next() runs.)
  uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }
  uint64_t bytes_total() const { return bytes_total_.load(std::memory_order_relaxed); }
  size_t files_total() const { return files_.size(); }

 private:
  void expand(std::vector<Problem>& problems);
  bool next_line(Unit& out, std::vector<Problem>& problems);

  std::vector<std::string> paths_;
  Options options_;
  bool expanded_ = false;
  std::vector<std::string> files_;
  size_t next_file_ = 0;
  // Current JSON Lines stream.
  std::unique_ptr<std::istream> lines_;
  std::string lines_path_;
  size_t line_no_ = 0;
  std::atomic<uint64_t> bytes_read_ = 0, bytes_total_ = 0;
};

// Format of a file from its name and first bytes (CONTRACT.md section 1).
Format detect_format(std::string_view path, std::string_view head);

// Parses one unit into a document. throws: ReadError for bad input (invalid
// UTF-8, broken JSON, empty or binary content).
Document parse(const Unit& unit, const Options& options);

// Publication-date and title heuristics shared by the readers: fills title (the
// first line when it reads as a headline, if `guess_title`), published (from a
// dateline), dateline and anchor of `doc` where they are still empty.
void detect_metadata(Document& doc, bool guess_title);

}  // namespace chronicle::read
