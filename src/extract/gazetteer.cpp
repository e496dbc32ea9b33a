// Loads the gazetteer from the embedded Debian data and data/*.tsv.
#include "extract/gazetteer.h"

#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/utf8.h"
#include "extract/lexicon.h"

namespace chronicle::extract {


std::string Gazetteer::key(std::string_view name) {
  std::string folded = utf8::fold(name);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded)
    if (c != '.') out.push_back(c == '-' ? ' ' : c);
  if (out.starts_with("the ")) out.erase(0, 4);
  return out;
}

Gazetteer::Gazetteer() {
  const auto countries = nlohmann::json::parse(embedded::find(embedded::lexicon_files(), "iso_3166-1.json"));
  for (const auto& c : countries["3166-1"]) {
    const std::string code = c.value("alpha_3", "");
    const std::string name = c.value("name", "");
    const std::string common = c.value("common_name", "");
    names_[code] = common.empty() ? name : common;
    for (const char* field : {"name", "official_name", "common_name"})
      if (c.contains(field)) countries_.emplace(key(c[field].get<std::string>()), code);
  }
  for_each_row("country_aliases.tsv", [&](const auto& cols) {
    if (cols.size() < 2) return;
    if (auto it = countries_.find(key(cols[1])); it != countries_.end()) countries_.emplace(key(cols[0]), it->second);
  });
  // Everyday names: "Russia" rather than "Russian Federation" when an alias says so.
  for (const char* everyday : {"Russia", "Turkey", "Vietnam", "Iran", "Syria", "Bolivia", "Venezuela", "Tanzania", "Moldova", "Laos"})
    if (auto it = countries_.find(key(everyday)); it != countries_.end()) names_[it->second] = everyday;
  for_each_row("demonyms.tsv", [&](const auto& cols) {
    if (cols.size() < 2) return;
    if (auto it = countries_.find(key(cols[1])); it != countries_.end()) demonyms_.emplace(key(cols[0]), it->second);
    else regions_.emplace(key(cols[0]), cols[1]);
  });
  const auto subdivisions = nlohmann::json::parse(embedded::find(embedded::lexicon_files(), "iso_3166-2.json"));
  for (const auto& s : subdivisions["3166-2"])
    if (s.contains("name")) places_.emplace(key(s["name"].get<std::string>()), 1);
  // tzdata: "DE\t+5230+01322\tEurope/Berlin" -> Berlin
  for_each_row("zone1970.tab", [&](const auto& cols) {
    if (cols.size() < 3) return;
    const std::string_view zone = cols[2];
    std::string city(zone.substr(zone.rfind('/') + 1));
    for (char& c : city)
      if (c == '_') c = ' ';
    places_[key(city)] = 2;
  });
  for_each_row("cities.txt", [&](const auto& cols) { places_[key(cols[0])] = 2; });
}

const Gazetteer& Gazetteer::instance() {
  static const Gazetteer g;
  return g;
}

std::string_view Gazetteer::country(std::string_view name) const {
  auto it = countries_.find(key(name));
  return it == countries_.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view Gazetteer::demonym(std::string_view word) const {
  auto it = demonyms_.find(key(word));
  return it == demonyms_.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view Gazetteer::region_demonym(std::string_view word) const {
  auto it = regions_.find(key(word));
  return it == regions_.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view Gazetteer::country_name(std::string_view code) const {
  auto it = names_.find(std::string(code));
  return it == names_.end() ? std::string_view{} : std::string_view(it->second);
}

bool Gazetteer::is_place(std::string_view name) const {
  const std::string k = key(name);
  return countries_.count(k) > 0 || places_.count(k) > 0;
}

void Gazetteer::for_each_key(const std::function<void(std::string_view, KeyKind)>& fn) const {
  for (const auto& [k, code] : countries_) fn(k, KeyKind::country);
  for (const auto& [k, code] : demonyms_) fn(k, KeyKind::demonym);
  for (const auto& [k, kind] : places_) fn(k, kind == 2 ? KeyKind::city : KeyKind::subdivision);
}

bool Gazetteer::is_city(std::string_view name) const {
  auto it = places_.find(key(name));
  return it != places_.end() && it->second == 2;
}

}  // namespace chronicle::extract
