// Helpers shared by the tests: temporary folders, running the chronicle binary,
// and reading files. Header-only so every test file can include it.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace chronicle::test {

namespace fs = std::filesystem;

inline const fs::path kSourceDir = CHRONICLE_SOURCE_DIR;
inline const fs::path kSharedDir = CHRONICLE_SHARED_DIR;
inline const std::string kBinary = CHRONICLE_BINARY;

// True when the shared Berlin corpus is not beside the checkout: tests over it
// are skipped (`TEST_CASE("..." * doctest::skip(test::no_berlin()))`).
inline bool no_berlin() { return !fs::is_directory(kSharedDir / "corpus" / "berlin"); }

// A fresh directory under the system temp folder, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("chronicle-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct RunResult {
  int status = -1;
  std::string out, err;
};

// Runs a shell command line; stdout and stderr are captured separately.
inline RunResult run(const std::string& command) {
  TempDir tmp;
  const fs::path out = tmp / "out", err = tmp / "err";
  const std::string line = command + " >" + out.string() + " 2>" + err.string();
  const int raw = std::system(line.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

// Runs `chronicle ARGS`.
inline RunResult chronicle(const std::string& args) { return run(kBinary + " " + args); }

inline std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace chronicle::test
