// Place names from Debian data packages: countries (iso-codes ISO 3166-1, with
// names, official names, common names and codes), their subdivisions (ISO
// 3166-2), cities named in the time-zone table (tzdata zone1970.tab), plus the
// project's lists of demonyms and everyday country names (data/*.tsv).
// Immutable after construction; one shared instance, safe to read from threads.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chronicle::extract {

class Gazetteer {
 public:
  static const Gazetteer& instance();

  // ISO 3166-1 alpha-3 code of the country `name` denotes ("U.S." -> "USA",
  // "Ukraine" -> "UKR"), or empty.
  std::string_view country(std::string_view name) const;
  // Country of a demonym or adjective ("Ukrainian" -> "UKR"), or empty.
  std::string_view demonym(std::string_view word) const;
  // Region of a regional adjective ("European" -> "Europe"), or empty.
  std::string_view region_demonym(std::string_view word) const;
  // Everyday name of a country code ("RUS" -> "Russia").
  std::string_view country_name(std::string_view code) const;
  // True when `name` is a known country, subdivision or city.
  bool is_place(std::string_view name) const;
  bool is_city(std::string_view name) const;

  // Calls fn(key, kind) for every place and demonym key (see key()).
  enum class KeyKind : uint8_t { country, demonym, subdivision, city };
  void for_each_key(const std::function<void(std::string_view, KeyKind)>& fn) const;

  // Lookup key used by all tables: folded, without dots or "the ".
  static std::string key(std::string_view name);

 private:
  Gazetteer();
  std::unordered_map<std::string, std::string> countries_;   // key -> alpha-3
  std::unordered_map<std::string, std::string> demonyms_;    // key -> alpha-3
  std::unordered_map<std::string, std::string> regions_;     // key -> region name
  std::unordered_map<std::string, std::string> names_;       // alpha-3 -> everyday name
  std::unordered_map<std::string, int> places_;              // key -> 1 subdivision, 2 city
};

}  // namespace chronicle::extract
