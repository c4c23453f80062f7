import YAML
import Foundation

typealias F = FieldCodec

extension FieldCodec {
    /// A metav1.Time held as `Date?`: Go always writes the struct, so nil prints as `null`
    /// (`creationTimestamp: null` in a template, `lastProbeTime: null` in a condition).
    static func timeOrNull(_ name: String, _ keyPath: WritableKeyPath<Root, Date?>) -> FieldCodec {
        FieldCodec(
            name: name,
            read: { root, node, state, ctx in
                if let d = Codec<Date>.time.read(node, &state, ctx) { root[keyPath: keyPath] = d }
            },
            write: { root in root[keyPath: keyPath].map { .string(formatRFC3339($0)) } ?? .null })
    }

    /// A field kubetutor accepts (so real manifests decode) but does not keep; written as `value`.
    static func accepted<V>(_ name: String, _ codec: Codec<V>, writes value: JSONValue? = nil) -> FieldCodec {
        FieldCodec(
            name: name,
            read: { _, node, state, ctx in _ = codec.read(node, &state, ctx) },
            write: { _ in value })
    }

    /// `apiVersion` / `kind`: checked before decoding, always written as the type's constant.
    static func constant(_ name: String, _ value: String) -> FieldCodec {
        FieldCodec(
            name: name,
            read: { _, node, state, ctx in _ = Codec<String>.string.read(node, &state, ctx) },
            write: { _ in .string(value) })
    }
}
