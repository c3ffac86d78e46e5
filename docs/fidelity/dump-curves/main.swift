// Writes generated CURVES training sets as raw float32 (row-major 20000 × 784) for
// curves_stats.py, plus the calibrated set's curves (p0, control, p2 as 6 float32 per image).
// Build from the repository root:
//   swiftc -O Sources/HFEngine/Data/{CurvesGenerator,StrokeRaster,StrokeProfile,CurveStyle,Dataset}.swift \
//     Sources/HFEngine/Core/SeededGenerator.swift docs/fidelity/dump-curves/main.swift -o /tmp/dump_curves
//   /tmp/dump_curves /tmp/curves-data
import Foundation

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
func write(_ values: [Float], _ name: String) {
  let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
  do { try values.withUnsafeBytes { Data($0) }.write(to: url) } catch { print("cannot write \(url.path): \(error)") }
}
let styles: [CurveStyle] = [
  .calibrated, .unfolded, .original,
  CurveStyle(name: "first-points-soft-stroke", pointMargin: 1.5, profile: CurveStyle.calibrated.profile),
  CurveStyle(name: "central-points-hard-stroke", pointMargin: 4.5, profile: CurveStyle.original.profile),
]
for style in styles {
  write(CurvesGenerator.make(trainCount: 20000, testCount: 0, seed: 1, style: style).train.inputs, "\(style.name)-train.f32")
}
// The calibrated training stream again, image by image, keeping each accepted curve.
var generator = SeededGenerator(seed: 1, stream: 0)
var pixels = [Float](repeating: 0, count: 784)
var curves: [Float] = []
let half = 0.5 * CurveStyle.calibrated.profile.peak
for _ in 0..<20000 {
  while true {
    let (p0, control, p2) = CurvesGenerator.randomCurve(side: 28, style: .calibrated, using: &generator)
    pixels = [Float](repeating: 0, count: 784)
    pixels.withUnsafeMutableBufferPointer {
      StrokeRaster.drawQuadratic(p0, control, p2, profile: CurveStyle.calibrated.profile, side: 28, into: $0.baseAddress!)
    }
    if pixels.filter({ $0 > half }).count >= 20 { curves += [p0.x, p0.y, control.x, control.y, p2.x, p2.y]; break }
  }
}
write(curves, "curves-train-points.f32")
