// UnionFind: groups named by their smallest member, in order, whatever the
// order of the joins.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "store/union_find.h"

using namespace chronicle;

TEST_CASE("union find: random joins give the groups a plain search gives, named and ordered by their smallest member") {
  std::mt19937 rng(5);
  for (int round = 0; round < 20; ++round) {
    const int n = 50 + static_cast<int>(rng() % 400);
    std::vector<std::pair<int64_t, int64_t>> pairs;
    for (int i = 0; i < n / 2; ++i) pairs.emplace_back(1000 + rng() % n, 1000 + rng() % n);
    store::UnionFind uf;
    for (const auto& [a, b] : pairs) uf.join(a, b);
    for (int i = 0; i < 20; ++i) uf.find(5000 + i);  // seen alone
    // The same groups by repeated merging of sets.
    std::map<int64_t, std::set<int64_t>> expected;  // member -> its group
    auto group_of = [&](int64_t x) -> std::set<int64_t>& {
      for (auto& [k, g] : expected)
        if (g.count(x)) return g;
      return expected[x] = {x};
    };
    for (const auto& [a, b] : pairs) {
      std::set<int64_t>& ga = group_of(a);
      std::set<int64_t>& gb = group_of(b);
      if (&ga == &gb) continue;
      std::set<int64_t> both = ga;
      both.insert(gb.begin(), gb.end());
      const int64_t ka = *ga.begin(), kb = *gb.begin();
      for (auto it = expected.begin(); it != expected.end();)
        it = (it->second.count(ka) || it->second.count(kb)) ? expected.erase(it) : std::next(it);
      expected[*both.begin()] = both;
    }
    for (int i = 0; i < 20; ++i) expected[5000 + i] = {5000 + i};
    const auto groups = uf.groups();
    REQUIRE(groups.size() == expected.size());
    auto e = expected.begin();
    for (const auto& [root, members] : groups) {
      CHECK(root == e->first);
      CHECK(std::vector<int64_t>(e->second.begin(), e->second.end()) == members);
      CHECK(uf.find(members.back()) == root);
      ++e;
    }
  }
}
