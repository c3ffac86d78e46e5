/// A first-in first-out queue over an array with a moving head: O(1) amortized push and pop.
struct EventQueue<Element> {
  private var storage: [Element] = []
  private var head = 0

  var count: Int { storage.count - head }
  var isEmpty: Bool { head == storage.count }
  var first: Element? { isEmpty ? nil : storage[head] }

  mutating func append(_ element: Element) { storage.append(element) }

  mutating func removeFirst() -> Element? {
    guard !isEmpty else { return nil }
    let element = storage[head]
    head += 1
    if head == storage.count {
      storage.removeAll(keepingCapacity: true)
      head = 0
    } else if head >= 1024 && head * 2 >= storage.count {
      storage.removeFirst(head)
      head = 0
    }
    return element
  }

  /// Everything, oldest first, leaving the queue empty.
  mutating func takeAll() -> [Element] {
    var all: [Element] = []
    swap(&all, &storage)
    if head > 0 { all.removeFirst(head) }
    head = 0
    return all
  }
}
