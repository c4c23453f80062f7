import Foundation
import KubeAPI

/// What a list or watch asks for (metav1.ListOptions).
public struct ListOptions: Equatable, Sendable {
    public var labelSelector: String = ""
    public var fieldSelector: String = ""
    /// At most this many items (0: all), with a `continue` token for the rest.
    public var limit: Int = 0
    public var continueToken: String = ""
    /// For watch: send changes after this version ("" or "0": the current state first).
    public var resourceVersion: String = ""
    public init(labelSelector: String = "", fieldSelector: String = "", limit: Int = 0, continueToken: String = "", resourceVersion: String = "") {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }
}

/// One page of a list.
public struct ObjectList: Sendable {
    public var resource: ResourceKind
    public var items: [APIObject]
    public var resourceVersion: String
    public var continueToken: String
    public var remainingItemCount: Int?
    public init(resource: ResourceKind, items: [APIObject], resourceVersion: String, continueToken: String = "", remainingItemCount: Int? = nil) {
        self.resource = resource
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }
}

/// A parsed `fieldSelector`: `key=value`, `key==value`, `key!=value`, joined by commas.
struct FieldSelector: Equatable {
    struct Term: Equatable {
        var key: String
        var value: String
        var equal: Bool
    }
    var terms: [Term]

    static func parse(_ text: String) throws -> FieldSelector {
        var terms: [Term] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let p = String(part).trimmingCharacters(in: .whitespaces)
            if let r = p.range(of: "!=") {
                terms.append(Term(key: String(p[..<r.lowerBound]), value: String(p[r.upperBound...]), equal: false))
            } else if let r = p.range(of: "==") {
                terms.append(Term(key: String(p[..<r.lowerBound]), value: String(p[r.upperBound...]), equal: true))
            } else if let r = p.range(of: "=") {
                terms.append(Term(key: String(p[..<r.lowerBound]), value: String(p[r.upperBound...]), equal: true))
            } else {
                throw APIError.badRequest("invalid field selector: \(goQuoted(p)): no operator")
            }
        }
        return FieldSelector(terms: terms)
    }

    /// Checks every key against the kind before any object is looked at.
    func check(_ definition: ResourceDefinition, selectorText: String) throws {
        for term in terms where !definition.fieldKeys.contains(term.key) {
            // kubectl wraps this in "Unable to find … that match label selector …" itself.
            throw APIError.badRequest("field label not supported: \(term.key)")
        }
    }

    func matches(_ object: APIObject, _ definition: ResourceDefinition) -> Bool {
        terms.allSatisfy { term in (definition.field(term.key, of: object) == term.value) == term.equal }
    }
}

extension ResourceKind {
    /// `/v1, Resource=pods` as the API server names a resource in errors.
    var gvrString: String { "\(group)/\(version), Resource=\(plural)" }
}

/// The `continue` token: the key to list after, and the revision the first page was read at.
struct ContinueToken {
    var after: String
    var revision: Int

    var encoded: String {
        let json = "{\"v\":\"meta.k8s.io/v1\",\"rv\":\(revision),\"start\":\(goQuoted(after))}"
        return Data(json.utf8).base64EncodedString()
    }

    static func decode(_ token: String) throws -> ContinueToken {
        let invalid = APIError.badRequest("continue key is not valid: illegal base64 data at input byte 0")
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              let rvRange = text.range(of: "\"rv\":"), let startRange = text.range(of: "\"start\":\"") else { throw invalid }
        let rvText = text[rvRange.upperBound...].prefix { $0.isNumber }
        let start = String(text[startRange.upperBound...].prefix { $0 != "\"" })
        guard let revision = Int(rvText) else { throw invalid }
        return ContinueToken(after: start, revision: revision)
    }
}

extension APIServer {
    /// A field selector as a predicate, checked as the list endpoint checks it (400 for a field the
    /// kind does not select on). For clients that filter a stream themselves (`get --watch`).
    public func fieldMatcher(_ resource: ResourceKind, _ text: String) throws -> (APIObject) -> Bool {
        let d = try definition(resource)
        let fields = try FieldSelector.parse(text)
        try fields.check(d, selectorText: text)
        return { fields.matches($0, d) }
    }
}
