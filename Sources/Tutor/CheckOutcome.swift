/// The verdict on one check, with why it does not hold yet (in the learner's language).
public struct CheckOutcome: Equatable, Sendable {
    public var check: Check
    public var passed: Bool
    public var detail: String

    public init(check: Check, passed: Bool, detail: String = "") {
        self.check = check
        self.passed = passed
        self.detail = detail
    }
}

/// Picks the English or Japanese wording of a message.
func say(_ language: Language, _ en: String, _ ja: String) -> String {
    language == .ja ? ja : en
}
