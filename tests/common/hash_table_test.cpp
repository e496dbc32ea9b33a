// FrozenHashTable: the same answers as the map it was built from.
#include <doctest/doctest.h>

#include <random>
#include <unordered_map>

#include "common/hash_table.h"

using namespace chronicle;

TEST_CASE("hash table: a frozen table answers every key as its map did, absent keys with the default") {
  std::mt19937_64 rng(11);
  std::unordered_map<uint64_t, uint8_t> map;
  for (int i = 0; i < 5000; ++i) map[rng()] = static_cast<uint8_t>(1 + rng() % 200);
  for (uint64_t k = 1; k < 300; ++k) map[k << 40] = 7;  // keys whose low bits are all equal
  map[0] = 9;                                             // the key that marks free slots
  const FrozenHashTable<uint8_t> table(map);
  for (const auto& [key, value] : map) {
    CHECK(table.find(key) == value);
    CHECK(table.contains(key));
  }
  for (int i = 0; i < 5000; ++i) {
    const uint64_t key = rng();
    if (map.count(key)) continue;
    CHECK(table.find(key) == 0);
    CHECK(table.find(key, 42) == 42);
    CHECK_FALSE(table.contains(key));
  }
  const FrozenHashTable<uint8_t> empty;
  CHECK(empty.find(5) == 0);
  CHECK_FALSE(empty.contains(0));
}
