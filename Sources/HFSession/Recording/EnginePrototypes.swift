import Foundation
import HFEngine

/// Blank instances of the engine's report structs, which have public fields but no public
/// initializer outside HFEngine: the decoder copies one and sets every field it reads.
/// Each is built once through the struct's `Codable` conformance.
enum EnginePrototypes {
  static let cgStep: CGStep = make(#"{"hfIteration":0,"i":0,"phi":0,"relativeProgress":0,"stored":false}"#)
  static let storedIterate: StoredIterate = make(#"{"i":0,"phi":0}"#)
  static let cgSummary: CGSummary = make(
    #"{"hfIteration":0,"iterations":0,"reason":"converged","stored":[],"chosen":0,"finalPhi":0}"#)
  static let iterationReport: IterationReport = make(
    #"""
    {"iteration":0,"objective":0,"error":0,"objectiveBefore":0,"lambdaBefore":0,"lambdaAfter":0,"rho":0,
    "rhoModel":"undamped","cgIterations":0,"cgChosen":0,"cgReason":"converged","stepRate":0,"accepted":false,
    "gradientNorm":0,"stepNorm":0,"layerGradientNorms":[],"layerStepNorms":[],"curvatureProducts":0,"dataPasses":0,
    "curvatureBatch":0,"curvatureType":"gaussNewton","times":{"gradient":0,"cg":0,"backtracking":0,"lineSearch":0,
    "evaluation":0,"total":0},"optimizer":"hf"}
    """#)

  private static func make<T: Decodable>(_ json: String) -> T {
    do {
      return try JSONDecoder().decode(T.self, from: Data(json.utf8))
    } catch {
      fatalError("EnginePrototypes: \(T.self) gained a required field; add it to its prototype (\(error))")
    }
  }
}
