import YAML

/// One quiz question. A `manifest` item asks for YAML and is graded against its model answer; a
/// `choice` item asks a short concept question with lettered choices.
public struct QuizItem: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case manifest, choice }

    /// A wrong answer kept with the item, and a word its feedback must contain (checked by the tests and the linter).
    public struct RejectSample: Equatable, Sendable {
        public var answer: String
        /// The word, per language (`tab` / `タブ`), or one word for both (`apiVersion`).
        public var expect: Localized
        public var mark: Mark
    }

    public var id: String
    public var kind: Kind
    /// Difficulty, 1 (four top-level fields) to 5 (Deployments); the default order of a session.
    public var level: Int
    public var topic: String
    public var goal: Localized
    public var hints: [Localized]
    /// `manifest` items: the model answer. Every field it writes is required; others are free.
    public var model: String
    /// `choice` items: the choices (shown as a, b, c…) and the letters of the right ones.
    public var choices: [Localized]
    public var answer: [String]
    /// Shown once the item is over (why the right answer is right).
    public var explanation: Localized?
    /// Tries before the model answer is shown.
    public var tries: Int
    public var points: Int
    /// The time the item is meant to take; answering later costs nothing but is reported.
    public var seconds: Int
    public var accept: [String]
    public var reject: [RejectSample]
    /// Where the item is written, for lint messages.
    public var file: String
    public var mark: Mark
}

/// `L("English", "日本語")`: a text in both languages, for the quiz's own messages.
func L(_ en: String, _ ja: String) -> Localized { Localized(["en": en, "ja": ja]) }
