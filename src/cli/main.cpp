// chronicle: builds an event and claim knowledge graph from news articles and
// answers questions over it. main() only wires the subcommands together.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"chronicle: event and claim knowledge graphs from news, offline"};
  app.set_version_flag("--version", std::string("chronicle ") + CHRONICLE_VERSION);
  app.require_subcommand(1);
  int status = 0;
  chronicle::cli::add_ingest(app, status);
  chronicle::cli::add_extract(app, status);
  chronicle::cli::add_stats(app, status);
  chronicle::cli::add_version(app, status);
  chronicle::cli::add_timeline(app, status);
  chronicle::cli::add_entity(app, status);
  chronicle::cli::add_entities(app, status);
  chronicle::cli::add_claims(app, status);
  chronicle::cli::add_path(app, status);
  chronicle::cli::add_neighbors(app, status);
  chronicle::cli::add_export(app, status);
  chronicle::cli::add_search(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const std::exception& e) {
    // Commands report the errors they expect; anything else is a bug, but it
    // still ends with a message and a status rather than an abort.
    fmt::print(stderr, "chronicle: internal error: {}\n", e.what());
    return 1;
  }
  return status;
}
