// A child process for tests that must act while chronicle runs: kill it at a
// chosen moment, or read the database beside it. Header-only, POSIX.
#pragma once
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "support/util.h"

namespace chronicle::test {

class Child {
 public:
  // Runs `command` through /bin/sh (exec'd, so the pid is the command itself),
  // with stdout and stderr written to `out` and `err`.
  Child(const std::string& command, const fs::path& out, const fs::path& err) : err_(err) {
    const std::string line = "exec " + command + " >" + quote(out) + " 2>" + quote(err);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Child() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void kill(int sig = SIGKILL) {
    if (!status_) ::kill(pid_, sig);
  }
  // Exit status, or 128 + signal number when a signal ended it.
  int wait() {
    if (status_) return *status_;
    int raw = 0;
    ::waitpid(pid_, &raw, 0);
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return *status_;
  }
  bool running() {
    if (status_) return false;
    int raw = 0;
    if (::waitpid(pid_, &raw, WNOHANG) == 0) return true;
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return false;
  }
  // Waits (up to `limit`) until stderr contains `text`; false if the process
  // ended or the time ran out first.
  bool wait_for_stderr(const std::string& text, std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (read_file(err_).find(text) != std::string::npos) return true;
      if (!running()) return read_file(err_).find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  std::string err() const { return read_file(err_); }

 private:
  pid_t pid_ = -1;
  fs::path err_;
  std::optional<int> status_;
};

// True in the AddressSanitizer build (tools/test --sanitize), where memory and
// time are several times the real ones: tests skip their bounds then.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

struct Measured {
  int status = -1;        // exit status, or 128 + signal
  long peak_rss_kb = 0;   // the command's maximum resident set size
  double seconds = 0;
  std::string out, err;
};

// Runs `command` (exec'd by /bin/sh) to the end and measures its peak memory.
inline Measured measure(const std::string& command) {
  TempDir tmp;
  const fs::path out = tmp / "out", err = tmp / "err";
  const std::string line = "exec " + command + " >" + quote(out) + " 2>" + quote(err);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int raw = 0;
  struct rusage usage {};
  ::wait4(pid, &raw, 0, &usage);
  Measured m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  m.peak_rss_kb = usage.ru_maxrss;
  m.out = read_file(out);
  m.err = read_file(err);
  return m;
}

}  // namespace chronicle::test
