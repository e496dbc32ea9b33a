// Walking input paths into units, format detection, and the text and JSON Lines
// readers. The HTML reader is in html.cpp.
#include "read/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "read/dates.h"
#include "read/furniture.h"
#include "read/html.h"

namespace chronicle::read {

namespace fs = std::filesystem;

namespace {

std::string lower_ext(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string mb(uint64_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20)); }

// Reads one line of at most `cap` bytes; longer lines are consumed and flagged.
bool read_line(std::istream& in, std::string& line, size_t cap, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return any;
    any = true;
    if (c == '\n') return true;
    if (line.size() < cap) line.push_back(static_cast<char>(c));
    else too_long = true;
  }
}

bool read_all(std::istream& in, std::string& out, size_t cap) {
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    out.append(chunk, static_cast<size_t>(in.gcount()));
    if (out.size() > cap) return false;
  }
  return true;
}

void check_not_binary(const std::string& where, std::string_view bytes) {
  const size_t probe = std::min<size_t>(bytes.size(), 8192);
  if (std::memchr(bytes.data(), '\0', probe) != nullptr)
    throw ReadError(where, "binary file (contains NUL bytes), skipped");
  size_t control = 0;
  for (size_t i = 0; i < probe; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    control += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }
  if (probe > 0 && control * 10 > probe) throw ReadError(where, "binary file (mostly control bytes), skipped");
}

void check_utf8(const std::string& where, std::string_view bytes) {
  if (auto bad = utf8::first_invalid(bytes))
    throw ReadError(fmt::format("{}:{}", where, utf8::line_of(bytes, *bad)),
                    fmt::format("invalid UTF-8 (byte 0x{:02X} at offset {}); convert the file to UTF-8", static_cast<unsigned char>(bytes[*bad]), *bad));
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; });
}

std::string strip_bom(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out.push_back('\n');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (;;) {
    const size_t nl = s.find('\n', start);
    lines.push_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "---\ntitle: ...\npublished: ...\n---\n" at the top of a text file.
std::string_view front_matter(std::string_view text, Document& doc) {
  if (!text.starts_with("---\n")) return text;
  const size_t end = text.find("\n---", 3);
  if (end == std::string_view::npos) return text;
  for (std::string_view line : split_lines(text.substr(4, end - 4))) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (key == "title") doc.title = value;
    else if (key == "published" || key == "date") doc.published = normalize_date(value).value_or("");
    else if (key == "source") doc.source = value;
    else if (key == "url" || key == "uri") doc.uri = value;
  }
  size_t body = text.find('\n', end + 1);
  return body == std::string_view::npos ? std::string_view{} : text.substr(body + 1);
}

// Joins kept lines, collapsing runs of blank lines to one.
std::string join_lines(const std::vector<std::string_view>& lines) {
  std::string out;
  bool pending_blank = false;
  for (std::string_view line : lines) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (trim(line).empty()) {
      pending_blank = !out.empty();
      continue;
    }
    if (!out.empty()) out += pending_blank ? "\n\n" : "\n";
    pending_blank = false;
    out.append(line);
  }
  return out;
}

Document parse_text(const Unit& unit) {
  check_not_binary(unit.origin, unit.bytes);
  check_utf8(unit.origin, unit.bytes);
  if (blank(unit.bytes)) throw ReadError(unit.origin, "empty file, skipped");
  Document doc;
  doc.format = Format::text;
  const std::string normalized = strip_bom(unit.bytes);
  std::string_view body = front_matter(normalized, doc);
  std::vector<std::string_view> lines;
  for (std::string_view line : split_lines(body)) {
    if (auto date = date_line(trim(line)); date && word_count(line) <= 10) {
      if (doc.published.empty()) doc.published = *date;
      continue;
    }
    lines.push_back(line);
  }
  doc.text = join_lines(drop_furniture(lines));
  if (blank(doc.text)) throw ReadError(unit.origin, "no text left after removing page furniture, skipped");
  if (!doc.title.empty() && !doc.text.starts_with(doc.title)) doc.text = doc.title + "\n\n" + doc.text;
  return doc;
}

std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return it->dump();
}

Document parse_jsonl(const Unit& unit) {
  if (blank(unit.bytes)) throw ReadError(unit.origin, "empty line");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(unit.bytes);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw ReadError(unit.origin, fmt::format("broken JSON line: {}", e.what()));
  }
  if (!j.is_object()) throw ReadError(unit.origin, "JSON line is not an object");
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) throw ReadError(unit.origin, "JSON line has no \"text\" string");
  Document doc;
  doc.format = Format::jsonl;
  doc.text = text->get<std::string>();
  if (blank(doc.text)) throw ReadError(unit.origin, "JSON line has an empty \"text\"");
  doc.uri = json_string(j, "url");
  if (doc.uri.empty()) doc.uri = json_string(j, "id");
  doc.title = json_string(j, "title");
  doc.source = json_string(j, "source");
  const std::string published = json_string(j, "published");
  if (!published.empty()) doc.published = normalize_date(published).value_or("");
  return doc;
}

// The day relative dates resolve against: the dateline's month and day in the
// year of publication (the year before when that would be months after it),
// else the publication date itself.
std::string anchor_date(const std::string& published, CivilDate dateline) {
  int year = 0, month = 0;
  const char* p = published.data();
  if (published.size() < 10 || std::from_chars(p, p + 4, year).ptr != p + 4 || std::from_chars(p + 5, p + 7, month).ptr != p + 7) {
    if (dateline.year) return dateline.iso();
    return {};
  }
  if (!dateline.month) return published.substr(0, 10);
  dateline.year = dateline.year ? dateline.year : (dateline.month > month + 1 ? year - 1 : year);
  return dateline.iso();
}

// Every field leaves the reader as valid UTF-8 without NUL: U+0000 (a JSON
// "\u0000") ends a string for SQLite's text functions and for C tools, so it
// becomes U+FFFD (utf8::replace_nul keeps offsets); and ill-formed bytes that a
// reader let through (gumbo decoding "&#x1F600AAAA;", found by fuzz_html)
// become U+FFFD too.
void make_safe(Document& doc) {
  for (std::string* field : {&doc.uri, &doc.title, &doc.source, &doc.published, &doc.text}) {
    if (utf8::first_invalid(*field)) *field = utf8::sanitize(*field);
    utf8::replace_nul(*field);
  }
}

}  // namespace

Walker::Walker(std::vector<std::string> paths, Options options) : paths_(std::move(paths)), options_(std::move(options)) {}
Walker::~Walker() = default;

void Walker::expand(std::vector<Problem>& problems) {
  expanded_ = true;
  for (const std::string& p : paths_) {
    if (p == "-") {
      files_.push_back(p);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      problems.push_back({p, ec && ec != std::errc::no_such_file_or_directory ? ec.message() : "no such file or directory"});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found, broken;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code fec;
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(fec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(fec)) {
          found.push_back(it->path().string());
        } else if (std::error_code lec; it->is_symlink(lec) && !fs::exists(it->status(fec))) {
          // Symbolic links to files are followed; to directories they are not
          // (no loops); dangling or looping ones are reported.
          broken.push_back(it->path().string());
        }
      }
      if (ec) problems.push_back({p, fmt::format("cannot list directory: {}", ec.message())});
      std::sort(broken.begin(), broken.end());
      for (const auto& b : broken) problems.push_back({b, "broken or looping symbolic link, skipped"});
      std::sort(found.begin(), found.end());
      for (auto& f : found) files_.push_back(std::move(f));
    } else if (fs::is_regular_file(st)) {
      files_.push_back(p);
    } else {
      problems.push_back({p, "not a regular file or directory, skipped"});
    }
  }
  for (const std::string& f : files_) {
    std::error_code ec;
    if (f != "-") bytes_total_ += fs::file_size(f, ec);
  }
}

bool Walker::next_line(Unit& out, std::vector<Problem>& problems) {
  std::string line;
  bool too_long = false;
  while (read_line(*lines_, line, options_.max_bytes, too_long)) {
    ++line_no_;
    bytes_read_ += line.size() + 1;
    const std::string where = fmt::format("{}:{}", lines_path_, line_no_);
    if (too_long) {
      problems.push_back({where, fmt::format("JSON line longer than the {} limit, skipped", mb(options_.max_bytes))});
      continue;
    }
    if (blank(line)) continue;
    out.origin = where;
    out.path = lines_path_;
    out.line = line_no_;
    out.format = options_.format == Format::facts ? Format::facts : Format::jsonl;
    out.bytes = std::move(line);
    return true;
  }
  lines_.reset();
  return false;
}

bool Walker::next(Unit& out, std::vector<Problem>& problems) {
  if (!expanded_) expand(problems);
  for (;;) {
    if (lines_ && next_line(out, problems)) return true;
    if (next_file_ >= files_.size()) return false;
    const std::string path = files_[next_file_++];
    std::unique_ptr<std::istream> owned;
    std::istream* in = &std::cin;
    if (path != "-") {
      std::error_code ec;
      const auto size = fs::file_size(path, ec);
      auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
      if (ec || !*file) {
        problems.push_back({path, fmt::format("cannot open: {}", ec ? ec.message() : std::strerror(errno))});
        continue;
      }
      const Format by_name = options_.format != Format::automatic ? options_.format : detect_format(path, {});
      if (by_name != Format::jsonl && by_name != Format::facts && size > options_.max_bytes) {
        problems.push_back({path, fmt::format("file is {}, larger than the {} limit, skipped", mb(size), mb(options_.max_bytes))});
        bytes_read_ += size;
        continue;
      }
      owned = std::move(file);
      in = owned.get();
    }
    // Peek the head to detect the format, then read the file or stream its lines.
    std::string head(512, '\0');
    in->read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in->gcount()));
    in->clear();
    const Format format = options_.format != Format::automatic ? options_.format : detect_format(path, head);
    if (format == Format::jsonl || format == Format::facts) {
      if (!owned) {
        // Standard input: keep the head in front of the stream.
        auto merged = std::make_unique<std::stringstream>();
        *merged << head << std::cin.rdbuf();
        owned = std::move(merged);
      } else {
        owned->seekg(0);
      }
      lines_ = std::move(owned);
      lines_path_ = path;
      line_no_ = 0;
      continue;
    }
    out.bytes = std::move(head);
    if (!read_all(*in, out.bytes, options_.max_bytes)) {
      problems.push_back({path, fmt::format("input larger than the {} limit, skipped", mb(options_.max_bytes))});
      continue;
    }
    bytes_read_ += out.bytes.size();
    out.origin = path == "-" ? "<stdin>" : path;
    out.path = path;
    out.line = 0;
    out.format = format;
    return true;
  }
}

Format detect_format(std::string_view path, std::string_view head) {
  const std::string ext = lower_ext(path);
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::html;
  if (ext == "jsonl" || ext == "ndjson") return Format::jsonl;
  if (ext == "txt" || ext == "md" || ext == "text") return Format::text;
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) head.remove_prefix(1);
  std::string start(head.substr(0, 14));
  for (char& c : start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<?xml") || start.starts_with("<!--")) return Format::html;
  return Format::text;
}

Document parse(const Unit& unit, const Options& options) {
  Document doc;
  switch (unit.format) {
    case Format::jsonl: doc = parse_jsonl(unit); break;
    case Format::html: doc = parse_html(unit); break;
    default: doc = parse_text(unit); break;
  }
  doc.origin = unit.origin;
  make_safe(doc);
  if (doc.uri.empty()) doc.uri = unit.path == "-" ? fmt::format("stdin:{}", unit.line) : unit.line ? fmt::format("{}:{}", unit.path, unit.line) : unit.path;
  if (doc.source.empty()) doc.source = options.source;
  if (doc.published.empty() && !options.published.empty()) doc.published = normalize_date(options.published).value_or("");
  detect_metadata(doc, doc.format != Format::jsonl);
  return doc;
}

void detect_metadata(Document& doc, bool guess_title) {
  const auto lines = split_lines(doc.text.size() > 4096 ? std::string_view(doc.text).substr(0, 4096) : std::string_view(doc.text));
  // Title: the first line when it reads as a headline (short, followed by more).
  if (guess_title && doc.title.empty() && lines.size() > 1) {
    const std::string_view first = trim(lines[0]);
    const size_t words = word_count(first);
    if (words >= 2 && words <= 40 && first.size() <= 300) doc.title = first;
  }
  // Dateline in the first paragraphs.
  CivilDate dateline_day;
  for (size_t i = 0, seen = 0; i < lines.size() && seen < 6; ++i) {
    const std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    ++seen;
    if (auto d = find_dateline(line)) {
      doc.dateline = d->place;
      if (doc.published.empty() && d->date.month && d->date.year) doc.published = d->date.iso();
      if (d->date.month && d->date.day) dateline_day = d->date;
      break;
    }
  }
  doc.anchor = anchor_date(doc.published, dateline_day);
}

}  // namespace chronicle::read
