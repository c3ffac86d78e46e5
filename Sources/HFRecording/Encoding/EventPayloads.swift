import HFEngine

/// The bodies of event kinds that carry loose values rather than one struct; each is encoded
/// flat into its line like the structs (`{"iteration":3,"k":"note","t":1.2,"text":"…"}`).
enum EventPayload {
  struct IterationStart: Codable {
    var iteration: Int
    var lambda: Double
  }

  struct Message: Codable {
    var iteration: Int
    var message: String
  }

  struct State: Codable {
    var state: RunState
  }

  struct Note: Codable {
    var iteration: Int
    var text: String
  }

  struct Checkpoint: Codable {
    var iteration: Int
    var path: String
  }

  struct End: Codable {
    var reason: FinishReason
    var iteration: Int
    var message: String
  }
}
