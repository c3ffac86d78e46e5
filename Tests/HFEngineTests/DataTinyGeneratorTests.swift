import HFEngine
import Testing

@Suite struct TinyGeneratorTests {
  @Test func hasTheTinyPresetShape() {
    let split = TinyGenerator.make(seed: 1)
    #expect(split.train.count == 1000 && split.test?.count == 200)
    #expect(split.train.inputWidth == 64 && split.train.targetWidth == 64)
    #expect(split.train.targets == split.train.inputs)
    #expect(split.train.source == "generated tiny seed 1")
  }

  @Test func isDeterministicInTheSeed() {
    let a = TinyGenerator.make(seed: 3), b = TinyGenerator.make(seed: 3)
    let c = TinyGenerator.make(seed: 4)
    #expect(a.train.inputs.map(\.bitPattern) == b.train.inputs.map(\.bitPattern))
    #expect(a.test?.inputs == b.test?.inputs)
    #expect(a.train.inputs != c.train.inputs)
  }

  @Test func imagesAreInRangeWithOneShapeEach() {
    let pixels = TinyGenerator.make(seed: 7).train.inputs
    #expect(pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
    var distinct = Set<[Float]>()
    for index in 0..<1000 {
      let image = pixels[(index * 64)..<((index + 1) * 64)]
      let ink = image.filter { $0 > 0.5 }.count
      #expect(ink >= 1 && ink <= 24, "image \(index) has \(ink) inked pixels")
      #expect(image.max()! > 0.59)
      #expect(componentCount(image, side: 8, threshold: 0.4) == 1, "image \(index)")
      distinct.insert(Array(image))
    }
    #expect(distinct.count == 1000)
    // Both kinds occur: blobs have no pixel at exactly zero, bars leave most of the image empty.
    let images = (0..<1000).map { pixels[($0 * 64)..<(($0 + 1) * 64)] }
    let blobs = images.filter { $0.allSatisfy { $0 > 0 } }.count
    #expect(blobs > 400 && blobs < 600)
  }
}
