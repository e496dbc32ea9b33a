// Files compiled into the binary at build time (cmake/embed.cmake): the schema,
// the named queries and the lexicons. Each accessor returns a table that lives for
// the whole program, sorted by file name.
#pragma once
#include <cstddef>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle {

struct EmbeddedFile {
  std::string_view name;  // base name, e.g. "010_document.sql"
  std::string_view data;  // exact bytes of the file
};

namespace embedded {
std::span<const EmbeddedFile> schema_files();   // schema/*.sql
std::span<const EmbeddedFile> query_files();    // queries/*.sql
std::span<const EmbeddedFile> lexicon_files();  // data/* and Debian iso-codes JSON

// The file called `name` in `files`, or an empty view if there is none.
std::string_view find(std::span<const EmbeddedFile> files, std::string_view name);

// Calls fn(columns) for each line of the lexicon file `name` (data/) that is not
// empty or a # comment; columns are split at tabs, a trailing \r is dropped.
void for_each_row(std::string_view name, const std::function<void(const std::vector<std::string_view>&)>& fn);
// The first column of every row of the lexicon file `name` ("a word list").
using WordSet = std::set<std::string, std::less<>>;
WordSet word_set(std::string_view name);
}  // namespace embedded

}  // namespace chronicle
