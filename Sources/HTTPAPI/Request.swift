import Foundation

/// One HTTP request as the API front sees it, independent of NIO.
struct Request {
    var method: String
    /// The path without query, percent-decoded.
    var path: String
    var query: [String: [String]]
    /// Header names lower-cased.
    var headers: [String: String]
    var body: [UInt8]

    init(method: String, uri: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.headers = headers
        self.body = body
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "").removingPercentEncoding ?? String(parts.first ?? "")
        var query: [String: [String]] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ s: Substring) -> String {
                    String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
                }
                let key = decode(kv[0])
                query[key, default: []].append(kv.count > 1 ? decode(kv[1]) : "")
            }
        }
        self.query = query
    }

    func param(_ name: String) -> String? { query[name]?.last }
    /// Go's strconv.ParseBool, as the API server parses boolean parameters.
    func flag(_ name: String) -> Bool { param(name).map { ["1", "t", "T", "TRUE", "true", "True"].contains($0) } ?? false }

    /// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`
    var wantsTable: Bool {
        (headers["accept"] ?? "").split(separator: ",").contains { part in
            let p = part.replacingOccurrences(of: " ", with: "")
            return p.contains("as=Table") && (p.contains("g=meta.k8s.io") || !p.contains("g="))
        }
    }

    /// Whether the client takes aggregated discovery (apidiscovery.k8s.io/v2), as kubectl v1.32 asks.
    var wantsAggregatedDiscovery: Bool {
        (headers["accept"] ?? "").split(separator: ",").contains { part in
            let p = part.replacingOccurrences(of: " ", with: "")
            return p.contains("as=APIGroupDiscoveryList") && p.contains("g=apidiscovery.k8s.io") && p.contains("v=v2") && !p.contains("v=v2beta1")
        }
    }

    var contentType: String {
        (headers["content-type"] ?? "application/json").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}

/// What the front answers.
enum Reply {
    case json(Int, String)
    case text(Int, String)
    /// JSON under a media type of its own (aggregated discovery's `…;as=APIGroupDiscoveryList`).
    case typed(Int, contentType: String, String)
    /// A long-lived stream (watch, `log?follow=true`): `start` gets a sink and returns a stop action.
    case stream(contentType: String, start: (StreamSink) -> (() -> Void))
}

/// Where the front does its blocking work (waiting for the cluster queue). A queue of its own, not
/// the global one: libdispatch gives such queues threads on demand, so long streams and a busy
/// global pool never starve other requests.
let apiWork = DispatchQueue(label: "kubetutor.api", attributes: .concurrent)

/// Where a stream writes; `closed` tells the producer the client went away.
final class StreamSink: @unchecked Sendable {
    private let lock = NSLock()
    private var isClosed = false
    let send: (String) -> Void
    let finish: () -> Void
    init(send: @escaping (String) -> Void, finish: @escaping () -> Void) {
        self.send = send
        self.finish = finish
    }
    var closed: Bool { lock.lock(); defer { lock.unlock() }; return isClosed }
    func markClosed() { lock.lock(); isClosed = true; lock.unlock() }
}
