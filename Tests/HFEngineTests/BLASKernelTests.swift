import HFEngine
import Testing

@Suite("OpenBLAS kernel")
struct BLASKernelTests {
  @Test("a kernel runs only where the CPU has every flag it executes")
  func cpuFlagsDecide() {
    let avx2: Set<String> = ["sse3", "ssse3", "sse4_1", "sse4_2", "avx", "avx2", "fma"]
    #expect(BLASKernel.cpuCanRun("Haswell", cpuFlags: avx2))
    #expect(BLASKernel.cpuCanRun("Sandybridge", cpuFlags: avx2))
    #expect(!BLASKernel.cpuCanRun("SkylakeX", cpuFlags: avx2))
    #expect(!BLASKernel.cpuCanRun("Haswell", cpuFlags: ["avx", "avx2"]))
    let avx512 = avx2.union(["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"])
    #expect(BLASKernel.cpuCanRun("SkylakeX", cpuFlags: avx512))
    #expect(!BLASKernel.cpuCanRun("Cooperlake", cpuFlags: avx512))
    #expect(BLASKernel.cpuCanRun("Cooperlake", cpuFlags: avx512.union(["avx512_bf16"])))
    #expect(!BLASKernel.cpuCanRun("NoSuchKernel", cpuFlags: avx512))
  }

  @Test("the running kernel is named, and this CPU can run it when the table knows it")
  func currentKernel() {
    let name = BLASKernel.current
    #expect(!name.isEmpty && name != "unknown")
    if ["Sandybridge", "Haswell", "Zen", "SkylakeX", "Cooperlake"].contains(name) { #expect(BLASKernel.cpuCanRun(name)) }
  }
}
