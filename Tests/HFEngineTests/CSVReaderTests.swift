import Foundation
import HFEngine
import Testing

@Suite struct CSVReaderTests {
  @Test func readsHeaderlessNumbersAsAnAutoencoderSet() throws {
    let data = try CSVReader.parse("1,2,3\n4.5,-6e-1,  7 \n\n0x1p3,0,1e2\n", name: "a.csv")
    #expect(data.count == 3 && data.inputWidth == 3 && data.targetWidth == 3)
    #expect(data.inputs == [1, 2, 3, 4.5, -0.6, 7, 8, 0, 100])
    #expect(data.targets == data.inputs)
    #expect(data.labels == nil)
    #expect(data.source == "csv:a.csv")
  }

  @Test func detectsAHeaderAndTakesTheLabelColumnByName() throws {
    let text = "x1,x2,\"label\"\r\n0.5,1,2\r\n1.5,2,0\r\n2.5,3,1\r\n"
    let data = try CSVReader.parse(text, name: "d.csv", label: .name("label"), kind: .classifier)
    #expect(data.count == 3 && data.inputWidth == 2 && data.targetWidth == 3)
    #expect(data.inputs == [0.5, 1, 1.5, 2, 2.5, 3])
    #expect(data.labels == [2, 0, 1])
    #expect(data.targets == [0, 0, 1, 1, 0, 0, 0, 1, 0])
  }

  @Test func takesTheLabelColumnByNumberAndKeepsLabelsForAnAutoencoder() throws {
    let text = "3,0.1,0.2\n1,0.3,0.4\n"
    let data = try CSVReader.parse(text, name: "n.csv", label: .column(1))
    #expect(data.inputs == [0.1, 0.2, 0.3, 0.4])
    #expect(data.targets == data.inputs && data.targetWidth == 2)
    #expect(data.labels == [3, 1])
    let classifier = try CSVReader.parse(text, name: "n.csv", label: .column(1), kind: .classifier)
    #expect(classifier.targetWidth == 4)
    #expect(classifier.targets == [0, 0, 0, 1, 0, 1, 0, 0])
  }

  @Test func ignoresAByteOrderMarkBeforeTheHeader() throws {
    let bytes: [UInt8] = [0xef, 0xbb, 0xbf] + Array("y,x\n1,0.5\n".utf8)
    let data = try CSVReader.parse(bytes: bytes, name: "bom.csv", label: .name("y"))
    #expect(data.labels == [1] && data.inputs == [0.5])
  }

  @Test func acceptsTabAndSemicolonSeparatedFiles() throws {
    let tabs = try CSVReader.parse("a\tb\n1\t2\n3\t4\n", name: "t.tsv")
    #expect(tabs.inputs == [1, 2, 3, 4] && tabs.inputWidth == 2)
    let semicolons = try CSVReader.parse("1;2;3\n", name: "s.csv")
    #expect(semicolons.inputs == [1, 2, 3])
  }

  @Test func parsesLabelArgumentsFromTheCommandLine() {
    #expect(CSVLabel(parsing: "3") == .column(3))
    #expect(CSVLabel(parsing: "digit") == .name("digit"))
    #expect(CSVLabel(parsing: "0") == .name("0"))
  }

  @Test func reportsRaggedRowsWithTheirLineNumber() {
    let text = "a,b,c,d,e,f\n" + String(repeating: "1,2,3,4,5,6\n", count: 4) + "\n1,2,3,4,5\n"
    #expect(throws: DataError("data.csv line 7 has 5 columns, expected 6.")) {
      try CSVReader.parse(text, name: "data.csv")
    }
  }

  @Test func reportsNonNumericFieldsWithLineColumnAndName() {
    #expect(throws: DataError("data.csv line 3, column 2 ('x2'): 'abc' is not a number.")) {
      try CSVReader.parse("x1,x2\n1,2\n3,abc\n", name: "data.csv")
    }
    #expect(throws: DataError("p.csv line 2, column 1: '1,5' is not a number.")) {
      try CSVReader.parse("1;2\n\"1,5\";3\n", name: "p.csv")
    }
    #expect(throws: DataError("q.csv line 2, column 3 ('c') is empty.")) {
      try CSVReader.parse("a,b,c\n1,2,\n", name: "q.csv")
    }
    // A first row that mixes numbers and text is data, not a header.
    #expect(throws: DataError("m.csv line 1, column 2: 'y' is not a number.")) {
      try CSVReader.parse("1,y\n2,3\n", name: "m.csv")
    }
  }

  @Test func reportsNonFiniteValues() {
    #expect(throws: DataError("f.csv line 2, column 1 ('a'): 'NaN' is not finite.")) {
      try CSVReader.parse("a,b\nNaN,1\n", name: "f.csv")
    }
    #expect(throws: DataError("f.csv line 1, column 2: 'inf' is not finite.")) {
      try CSVReader.parse("1,inf\n", name: "f.csv")
    }
    #expect(throws: DataError("f.csv line 1, column 1: '1e40' is not finite.")) {
      try CSVReader.parse("1e40,1\n", name: "f.csv")
    }
  }

  @Test func reportsEmptyFilesAndHeaderOnlyFiles() {
    #expect(throws: DataError("e.csv is empty.")) { try CSVReader.parse("", name: "e.csv") }
    #expect(throws: DataError("e.csv is empty.")) { try CSVReader.parse(" \n\r\n\n", name: "e.csv") }
    #expect(throws: DataError("h.csv has a header row but no data rows.")) {
      try CSVReader.parse("a,b\n", name: "h.csv")
    }
  }

  @Test func reportsLabelColumnProblems() {
    let text = "a,b,y\n1,2,0\n3,4,1.5\n"
    #expect(throws: DataError("l.csv has no column named 'z' (columns: a, b, y).")) {
      try CSVReader.parse(text, name: "l.csv", label: .name("z"))
    }
    #expect(throws: DataError("l.csv has 3 columns, so there is no column 4 to use as the label.")) {
      try CSVReader.parse(text, name: "l.csv", label: .column(4))
    }
    #expect(
      throws: DataError(
        "l.csv line 3, column 3 ('y'): '1.5' is not a class label (a whole number from 0 to 9999).")
    ) { try CSVReader.parse(text, name: "l.csv", label: .name("y")) }
    #expect(throws: DataError("l.csv needs a label column to be used for a classifier.")) {
      try CSVReader.parse(text, name: "l.csv", kind: .classifier)
    }
    #expect(
      throws: DataError("n.csv has no header row, so the label column 'y' must be given by number.")
    ) { try CSVReader.parse("1,2\n", name: "n.csv", label: .name("y")) }
    #expect(throws: DataError("o.csv has no input columns besides the label.")) {
      try CSVReader.parse("1\n2\n", name: "o.csv", label: .column(1))
    }
  }

  @Test func readsFilesFromDiskIncludingGzip() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanUp() }
    let text = "a,b\n1,2\n3,4\n"
    let plain = try directory.write(Array(text.utf8), to: "p.csv")
    let zipped = try directory.write(gzipCompress(Array(text.utf8)), to: "p.csv.gz")
    #expect(try CSVReader.read(path: plain).inputs == [1, 2, 3, 4])
    #expect(try CSVReader.read(path: zipped).inputs == [1, 2, 3, 4])
    let missing = directory.path + "/none.csv"
    #expect(throws: DataError("\(missing) does not exist.")) { try CSVReader.read(path: missing) }
  }

  @Test func readsAnMNISTSizedFileQuickly() throws {
    // 10000 rows × 785 columns (label + 784 pixels), the shape of the popular mnist_test.csv.
    var generator = SeededGenerator(seed: 6)
    var text = "label," + (0..<784).map { "p\($0)" }.joined(separator: ",") + "\n"
    var expected: [Float] = []
    for _ in 0..<10000 {
      let label = generator.nextInt(below: 10)
      let pixels = (0..<784).map { _ in generator.nextInt(below: 256) }
      text += "\(label)," + pixels.map(String.init).joined(separator: ",") + "\n"
      expected.append(Float(pixels[0]))
    }
    let clock = ContinuousClock()
    var data: Dataset?
    let elapsed = try clock.measure {
      data = try CSVReader.parse(text, name: "big.csv", label: .name("label"), kind: .classifier)
    }
    print("CSVReader: 10000 × 785 numeric CSV (\(text.utf8.count / 1_000_000) MB) parsed in \(elapsed)")
    #expect(data?.count == 10000 && data?.inputWidth == 784 && data?.targetWidth == 10)
    #expect((0..<10000).map { data!.inputs[$0 * 784] } == expected)
    #expect(elapsed < .seconds(10))
  }
}
