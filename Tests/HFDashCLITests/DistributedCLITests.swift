import Foundation
import Testing

/// `--distributed` outside mpirun (the 2-rank runs are in Tests/e2e/mpi.sh).
@Suite("--distributed without mpirun")
struct DistributedCLITests {
  @Test("without Open MPI, --distributed is one sentence naming the packages, exit 1")
  func missingOpenMPI() throws {
    let r = try CLIRunner.run(
      ["train", "--preset", "tiny", "--iterations", "1", "--no-record", "--distributed"],
      environment: ["HFDASH_LIBMPI": "/nonexistent/libmpi.so.40"])
    #expect(r.status == 1)
    #expect(r.stderr == "hfdash: --distributed needs Open MPI, which is not installed (/nonexistent/libmpi.so.40 not found); install it with: apt-get install -y openmpi-bin libopenmpi-dev.\n")
    #expect(r.stdout.isEmpty)
  }

  @Test("one process with --distributed (an MPI singleton) trains exactly like one without it")
  func singletonMatchesPlainRun() throws {
    let args = ["train", "--preset", "tiny", "--iterations", "3", "--no-record", "--json", "--threads", "2"]
    let plain = try CLIRunner.run(args)
    let single = try CLIRunner.run(args + ["--distributed"])
    #expect(plain.status == 0 && single.status == 0, "\(single.stderr)")
    func objectives(_ s: String) -> [String] {
      s.split(separator: "\n").map { line in
        let after = line.components(separatedBy: "\"objective\":").dropFirst().first ?? ""
        return String(after.prefix { $0 != "," && $0 != "}" })
      }
    }
    #expect(objectives(plain.stdout).count == 3)
    #expect(objectives(plain.stdout) == objectives(single.stdout))
  }
}
