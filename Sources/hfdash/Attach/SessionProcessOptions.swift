import ArgumentParser

/// `--detach`, shared by `run` and `train`, and the hidden `--session-host` the session process gets.
struct SessionProcessOptions: ParsableArguments {
  @Flag(help: "Start the session in the background and return; it keeps running when this terminal goes away (hfdash attach ID watches it, hfdash stop ID ends it).")
  var detach = false
  @Option(help: .hidden)
  var sessionHost: HostRole?

  /// How the session process was started (set only in that process).
  enum HostRole: String, ExpressibleByArgument {
    /// A dashboard (`run`) is about to attach from the terminal that started it.
    case attached
    /// Nobody waits: `--detach`.
    case detached
  }
}
