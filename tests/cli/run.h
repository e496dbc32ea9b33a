// Test helper: runs the chronicle binary with arguments and captures its exit
// status, standard output and standard error.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace chronicle::testing {

struct RunResult {
  int status = -1;
  std::string out, err;
  std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command line, capturing stdout and stderr.
inline RunResult run_shell(const std::string& command) {
  // One file per test process, so that `ctest -j` runs do not read each other's.
  const std::string err_path =
      (std::filesystem::temp_directory_path() / ("chronicle-test-stderr-" + std::to_string(::getpid()) + ".txt")).string();
  RunResult r;
  FILE* p = popen((command + " 2>" + shell_quote(err_path)).c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int rc = pclose(p);
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  std::ifstream in(err_path);
  std::ostringstream ss;
  ss << in.rdbuf();
  r.err = ss.str();
  return r;
}

inline RunResult run_chronicle(const std::vector<std::string>& args) {
  std::string cmd = shell_quote(CHRONICLE_BINARY);
  for (const std::string& a : args) cmd += " " + shell_quote(a);
  return run_shell(cmd);
}

}  // namespace chronicle::testing
