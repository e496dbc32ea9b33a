// Shared output and error handling of the query commands (see output.h).
#include "cli/output.h"

#include <fmt/format.h>

#include "common/utf8.h"
#include "store/schema.h"

namespace chronicle::cli {

std::string default_db();

namespace {

// Byte offset just after the first `n` code points of `s`.
size_t bytes_of(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) utf8::next(s, i);
  return i;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(sep) : std::string()) + parts[i];
  return out;
}

}  // namespace

void add_query_options(CLI::App& cmd, QueryOptions& o, const std::vector<std::string>& formats) {
  o.db = default_db();
  o.format = formats.front();
  cmd.add_option("--db", o.db, "Database file (default: $CHRONICLE_DB or chronicle.db)");
  cmd.add_option("--format", o.format, "Output: " + join(formats, ", "))->capture_default_str()->check(CLI::IsMember(formats));
}

void run_command(const char* name, int& status, const std::function<void()>& body) {
  try {
    body();
    status = 0;
  } catch (const UsageError& e) {
    fmt::print(stderr, "chronicle {}: {}\n", name, e.what());
    status = 2;
  } catch (const InputError& e) {
    fmt::print(stderr, "chronicle {}: {}\n", name, e.what());
    status = 1;
  } catch (const store::StoreError& e) {
    fmt::print(stderr, "chronicle {}: {}\n", name, e.what());
    status = 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "chronicle {}: internal error: {}\n", name, e.what());
    status = 1;
  }
}

std::unique_ptr<store::Db> open_for_query(const std::string& path) {
  return store::open_database(path, store::OpenMode::read_only);
}

std::vector<graph::EntityRef> require_entities(store::Db& db, std::string_view name) {
  graph::NameMatch m = graph::find_entities(db, name);
  if (!m.entities.empty()) return m.entities;
  std::string msg = fmt::format("no entity named '{}'", name);
  if (!m.suggestions.empty()) msg += "; did you mean: " + join(m.suggestions, ", ") + "?";
  else msg += " (list them with `chronicle entities`)";
  throw InputError(msg);
}

size_t width_of(std::string_view text) { return utf8::count(text); }

std::string truncate(std::string_view text, size_t width) {
  if (width_of(text) <= width) return std::string(text);
  if (width == 0) return {};
  return std::string(text.substr(0, bytes_of(text, width - 1))) + "…";
}

std::string pad(std::string_view text, size_t width) {
  std::string out(text);
  for (size_t w = width_of(text); w < width; ++w) out += ' ';
  return out;
}

std::string pad_left(std::string_view text, size_t width) {
  const size_t w = width_of(text);
  return std::string(w < width ? width - w : 0, ' ') + std::string(text);
}

std::vector<std::string> wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t line_width = 0;
  auto flush = [&] {
    lines.push_back(line);
    line.clear();
    line_width = 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end;
    if (word.empty()) break;
    size_t w = width_of(word);
    if (line_width > 0 && line_width + 1 + w > width) flush();
    while (w > width) {  // a word longer than the line: cut it
      const size_t cut = bytes_of(word, width - line_width);
      line += word.substr(0, cut);
      word.remove_prefix(cut);
      w = width_of(word);
      flush();
    }
    if (line_width > 0) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += w;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

void print_wrapped(std::string_view first, std::string_view text) {
  const size_t indent = width_of(first);
  const size_t width = indent + 20 < kWidth ? kWidth - indent : 20;
  const std::vector<std::string> lines = wrap(text, width);
  for (size_t i = 0; i < lines.size(); ++i)
    fmt::print("{}{}\n", i == 0 ? std::string(first) : std::string(indent, ' '), lines[i]);
}

std::string describe_source(const graph::Source& s) {
  std::string out = s.title.empty() ? std::string("(untitled)") : s.title;
  std::string meta = s.source;
  if (!s.published.empty()) meta += (meta.empty() ? "" : ", ") + s.published.substr(0, 10);
  if (!meta.empty()) out += " (" + meta + ")";
  if (!s.uri.empty()) out += " <" + s.uri + ">";
  return out;
}

void print_evidence(const graph::Evidence& e, size_t indent) {
  const std::string margin(indent, ' ');
  print_wrapped(margin + "> ", e.sentence.empty() ? e.text : e.sentence);
  print_wrapped(margin + "  — ", describe_source(e.document));
}

nlohmann::ordered_json or_null(const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s); }

nlohmann::ordered_json to_json(const graph::Source& s) {
  return {{"id", s.document_id}, {"title", or_null(s.title)}, {"uri", or_null(s.uri)},
          {"source", or_null(s.source)}, {"published", or_null(s.published)}};
}

nlohmann::ordered_json to_json(const graph::Evidence& e) {
  return {{"sentence", e.sentence}, {"text", e.text}, {"span_start", e.span_start}, {"span_end", e.span_end},
          {"document", to_json(e.document)}};
}

nlohmann::ordered_json to_json(const graph::EntityRef& e) {
  return {{"id", e.id}, {"name", e.name}, {"kind", e.kind}, {"mentions", e.mentions}};
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void print_csv(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  fmt::print("{}\n", line);
}

}  // namespace chronicle::cli
