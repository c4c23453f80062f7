import Foundation

/// The languages every built-in lesson is written in. Lesson files carry both side by side.
public enum Language: String, CaseIterable, Codable, Sendable {
    case en, ja

    /// `ja` when the locale says Japanese (LC_ALL, then LC_MESSAGES, then LANG, the first one set), else `en`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[name], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? .ja : .en
            }
        }
        return .en
    }

    /// Parses `en`/`ja` (also `english`, `japanese`, `日本語`), nil otherwise.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "en", "english": self = .en
        case "ja", "jp", "japanese", "日本語": self = .ja
        default: return nil
        }
    }
}

/// A text in several languages, as written in a lesson file (`en: …`, `ja: …`).
public struct Localized: Equatable, Sendable {
    public var texts: [String: String]
    public init(_ texts: [String: String]) { self.texts = texts }

    /// The text in `language`, falling back to English, then to any language present.
    public func text(_ language: Language) -> String {
        texts[language.rawValue] ?? texts[Language.en.rawValue] ?? texts.values.sorted().first ?? ""
    }

    /// Languages of `Language.allCases` this text lacks (or has empty).
    public var missingLanguages: [Language] {
        Language.allCases.filter { (texts[$0.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
