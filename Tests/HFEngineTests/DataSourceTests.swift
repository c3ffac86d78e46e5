import Foundation
import HFEngine
import Testing

@Suite struct DataSourceTests {
  @Test func parsesEveryCommandLineForm() throws {
    #expect(try DataSource(parsing: "generated") == .curvesV3)
    #expect(try DataSource(parsing: "generated:curves") == .curvesV3)
    #expect(try DataSource(parsing: "generated:curves-v3") == .curvesV3)
    #expect(try DataSource(parsing: "generated:curves-v2") == .curvesV2)
    #expect(try DataSource(parsing: "generated:curves-v1") == .curvesV1)
    #expect(try DataSource(parsing: "generated:tiny") == .tiny)
    #expect(try DataSource(parsing: "mnist:/data/mnist") == .mnist(directory: "/data/mnist"))
    #expect(try DataSource(parsing: "csv:runs/x:y.csv") == .csv(path: "runs/x:y.csv"))
  }

  @Test func descriptionIsTheCanonicalFormAndRoundTrips() throws {
    for text in ["generated:curves-v2", "generated:curves-v3", "generated:curves-v1", "generated:tiny", "mnist:../data/mnist", "csv:a.csv"] {
      #expect(try DataSource(parsing: text).description == text)
    }
    #expect(DataSource.curvesV3.description == "generated:curves-v3")
    #expect(DataSource.curvesV2.description == "generated:curves-v2")
  }

  @Test func recordedNamesOfTheFirstCurvesGeneratorMeanIt() throws {
    // Recordings made before the calibration say `generated`; new ones name the version.
    #expect(try DataSource(recorded: "generated") == .curvesV1)
    #expect(try DataSource(recorded: "generated:curves") == .curvesV1)
    #expect(try DataSource(recorded: "generated:curves-v2") == .curvesV2)
    #expect(try DataSource(recorded: "generated:curves-v3") == .curvesV3)
    #expect(try DataSource(recorded: "generated:curves-v1") == .curvesV1)
    #expect(try DataSource(recorded: "generated:tiny") == .tiny)
    #expect(try DataSource(recorded: DataSource.curvesV3.description) == .curvesV3)
    #expect(throws: DataError.self) { try DataSource(recorded: "generated:squares") }
  }

  @Test func rejectsUnknownOrIncompleteForms() {
    let message = "is not a data source; use generated, generated:curves-v2, generated:curves-v1, generated:tiny, mnist:DIR or csv:FILE."
    for text in ["", "mnist", "mnist:", "csv:", "generated:squares", "imagenet:/x", "CSV:a.csv"] {
      #expect(throws: DataError("'\(text)' \(message)")) { try DataSource(parsing: text) }
    }
  }

  @Test func loadsGeneratedDataDeterministically() throws {
    let tiny = try DataSource.tiny.load(seed: 5)
    #expect(tiny.train.count == 1000 && tiny.train.inputWidth == 64)
    #expect(tiny.train.inputs == TinyGenerator.make(seed: 5).train.inputs)
    let curves = try DataSource.curvesV3.load(seed: 5)
    #expect(curves.train.count == 20000 && curves.test?.count == 10000)
    #expect(curves.train.source == "generated curves-v3 seed 5")
    #expect(curves.train.inputs == CurvesGenerator.make(seed: 5, style: .unfolded).train.inputs)
    let calibrated = try DataSource.curvesV2.load(seed: 5)
    #expect(calibrated.train.source == "generated curves seed 5")
    #expect(calibrated.train.inputs == CurvesGenerator.make(seed: 5).train.inputs)
    let original = try DataSource.curvesV1.load(seed: 5)
    #expect(original.train.inputs == CurvesGenerator.make(seed: 5, style: .original).train.inputs)
    #expect(original.train.source == "generated curves-v1 seed 5")
  }

  @Test func loadsCSVWithALabelAndMNISTFromADirectory() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let csv = try directory.write(Array("a,b,y\n1,2,1\n3,4,0\n".utf8), to: "d.csv")
    let split = try DataSource(parsing: "csv:\(csv)").load(kind: .classifier, label: .name("y"))
    #expect(split.test == nil)
    #expect(split.train.inputs == [1, 2, 3, 4] && split.train.targets == [0, 1, 1, 0])
    try directory.write(idxImages(count: 1, rows: 1, columns: 2, pixels: [0, 255]), to: "train-images-idx3-ubyte")
    try directory.write(idxLabels([3]), to: "train-labels-idx1-ubyte")
    try directory.write(idxImages(count: 1, rows: 1, columns: 2, pixels: [255, 0]), to: "t10k-images-idx3-ubyte")
    try directory.write(idxLabels([4]), to: "t10k-labels-idx1-ubyte")
    let mnist = try DataSource.mnist(directory: directory.path).load()
    #expect(mnist.train.inputs == [0, 1] && mnist.test?.inputs == [1, 0])
  }

  @Test func rejectsCombinationsThatCannotWork() {
    #expect(throws: DataError("Generated data has no labels, so it can only train an autoencoder.")) {
      try DataSource.curvesV3.load(kind: .classifier)
    }
    #expect(
      throws: DataError("A label column can only be chosen for csv data, not for generated:tiny.")
    ) { try DataSource.tiny.load(label: .column(1)) }
    #expect(
      throws: DataError("A label column can only be chosen for csv data, not for mnist:/m.")
    ) { try DataSource.mnist(directory: "/m").load(label: .name("y")) }
  }
}
