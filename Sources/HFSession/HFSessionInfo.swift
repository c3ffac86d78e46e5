import HFEngine
/// Placeholder: replaced by the session layer.
public enum HFSessionInfo { public static let name = "HFSession" }
