import Testing

@testable import HFEngine

/// The initializer a recording's header hands `TrainingSetup` is checked before it draws anything
/// (`"connections": -1` trapped on a range).
@Suite("Initializer bounds")
struct InitializerBoundsTests {
  @Test("sparse connections outside 1 … 10⁶ and negative or non-finite scales are refused in one sentence")
  func refusesImpossibleInitializers() throws {
    #expect(throws: DataError("Impossible setting: the sparse initialization's connections per unit must be from 1 to 1000000 (got -1).")) {
      try ParameterInitializer.sparse(connections: -1, scale: 1).validate()
    }
    #expect(throws: DataError("Impossible setting: the sparse initialization's connections per unit must be from 1 to 1000000 (got 0).")) {
      try ParameterInitializer.sparse(connections: 0, scale: 1).validate()
    }
    #expect(throws: DataError("Impossible setting: the initialization scale must be finite and ≥ 0 (got nan).")) {
      try ParameterInitializer.gaussian(scale: .nan).validate()
    }
    try ParameterInitializer.martensSparse.validate()
    var spec = RunSpec(preset: try #require(Preset.named("tiny")), seed: 1)
    spec.initializer = .sparse(connections: -1, scale: 1)
    #expect(throws: DataError("Impossible setting: the sparse initialization's connections per unit must be from 1 to 1000000 (got -1).")) {
      try TrainingSetup(spec)
    }
  }
}
