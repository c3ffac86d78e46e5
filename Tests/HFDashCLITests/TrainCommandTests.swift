import Foundation
import Testing

@Suite("hfdash train")
struct TrainCommandTests {
  @Test("train prints a header and one aligned line per iteration with a falling objective")
  func trainsTiny() throws {
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "5"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("preset    tiny:") })
    #expect(lines.contains { $0.hasPrefix("params    5412") })
    let rows = lines.filter { $0.range(of: #"^\s+\d+\s+\d"#, options: .regularExpression) != nil }
    #expect(rows.count == 5)
    let objectives = rows.compactMap { Double($0.split(separator: " ")[1]) }
    #expect(objectives.count == 5)
    #expect(objectives.last! < objectives.first!)
    #expect(r.stderr.isEmpty)
  }

  @Test("--json writes one object per iteration with every metric")
  func jsonLines() throws {
    let r = try CLIRunner.run(["train", "--preset", "tiny", "--iterations", "3", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    for (k, line) in lines.enumerated() {
      let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(obj["iteration"] as? Int == k + 1)
      for key in ["objective", "error", "lambdaBefore", "lambdaAfter", "rho", "cgIterations", "cgChosen", "cgReason",
                  "stepRate", "gradientNorm", "stepNorm", "layerGradientNorms", "layerStepNorms", "times", "testError"] {
        #expect(obj[key] != nil, "missing \(key)")
      }
    }
  }
}
