import YAML

/// The alphabet Kubernetes uses for generated name suffixes and hashes: no vowels (no accidental
/// words) and no confusable characters (0/o, 1/l, 3/e).
public let safeAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

/// A source of randomness for name suffixes; inject a seeded one in tests.
public protocol NameRandomness {
    mutating func nextIndex(below bound: Int) -> Int
}

/// The system generator.
public struct SystemNameRandomness: NameRandomness {
    public init() {}
    public mutating func nextIndex(below bound: Int) -> Int { Int.random(in: 0..<bound) }
}

/// `n` random characters from the safe alphabet (rand.String).
public func randomSuffix<R: NameRandomness>(length n: Int = 5, using rng: inout R) -> String {
    String((0..<n).map { _ in safeAlphabet[rng.nextIndex(below: safeAlphabet.count)] })
}

/// The name the API server gives an object with `generateName`: the base, cut to leave room, plus
/// 5 random characters (names.SimpleNameGenerator).
public func generateName<R: NameRandomness>(base: String, using rng: inout R) -> String {
    let maxBase = 63 - 5
    return String(base.prefix(maxBase)) + randomSuffix(using: &rng)
}

/// rand.SafeEncodeString: each byte mapped into the safe alphabet.
public func safeEncode(_ s: String) -> String {
    String(s.utf8.map { safeAlphabet[Int($0) % safeAlphabet.count] })
}

/// FNV-1a, 32 bit.
public func fnv32a<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
    var hash: UInt32 = 2_166_136_261
    for b in bytes {
        hash ^= UInt32(b)
        hash = hash &* 16_777_619
    }
    return hash
}

/// The `pod-template-hash` label value (controller.ComputeHash): FNV-32a over a canonical encoding of
/// the template (kubetutor's sorted compact JSON, where Kubernetes hashes a spew dump, so values differ
/// from a real cluster's but are just as stable), plus the collision count, rendered as
/// `SafeEncodeString(decimal hash)`.
public func podTemplateHash(_ template: PodTemplateSpec, collisionCount: Int32? = nil) -> String {
    var bytes = Array(canonicalJSON(encode(template)).utf8)
    if let c = collisionCount {
        let v = UInt32(bitPattern: c)
        bytes += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
    }
    return safeEncode(String(fnv32a(bytes)))
}

/// Compact JSON with keys in the order given (encode already sorts them).
func canonicalJSON(_ v: JSONValue) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .double(let d): return String(d)
    case .string(let s): return goQuoted(s)
    case .array(let a): return "[" + a.map(canonicalJSON).joined(separator: ",") + "]"
    case .object(let o): return "{" + o.map { goQuoted($0.0) + ":" + canonicalJSON($0.1) }.joined(separator: ",") + "}"
    }
}
