import XCTest
import Cluster
import Runtime
@testable import APIServer
@testable import HTTPAPI

/// Bad input over HTTP gets kube-apiserver's status code and a Status, and changes nothing.
final class ResponderTests: XCTestCase {
    var runtime: LinuxRuntime!
    var cluster: Cluster!
    var responder: Responder!
    let token = String(repeating: "ab", count: 24)

    override func setUpWithError() throws {
        runtime = try LinuxRuntime()
        cluster = Cluster(runtime: runtime, images: CatalogImages(runtime.images), makeLog: { try ContainerLog(name: "test") })
        responder = Responder(api: APIServer.of(cluster), token: token, address: "127.0.0.1:6443")
    }

    override func tearDown() { cluster?.shutdown() }

    func send(_ method: String, _ uri: String, body: String = "", contentType: String = "application/json",
              accept: String = "application/json", auth: String? = nil) -> (Int, String) {
        let request = Request(method: method, uri: uri,
                              headers: ["authorization": auth ?? "Bearer \(token)", "content-type": contentType, "accept": accept],
                              body: Array(body.utf8))
        switch responder.respond(request) {
        case .json(let code, let text), .text(let code, let text), .typed(let code, _, let text): return (code, text)
        case .stream: return (200, "<stream>")
        }
    }

    static let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"#

    /// kubectl v1.32 asks `/api` and `/apis` for apidiscovery.k8s.io/v2 and then needs no per-group
    /// requests; other clients get the legacy documents.
    func testAggregatedDiscoveryWhenAskedAndLegacyOtherwise() throws {
        let accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
        let request = Request(method: "GET", uri: "/apis", headers: ["authorization": "Bearer \(token)", "accept": accept], body: [])
        guard case .typed(200, let type, let text) = responder.respond(request) else { return XCTFail("no typed reply") }
        XCTAssertEqual(type, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
        XCTAssertTrue(text.hasPrefix(#"{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2""#), text)
        XCTAssertTrue(text.contains(#"{"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced""#), text)
        XCTAssertTrue(text.contains(#"{"subresource":"scale","responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"}"#), text)
        XCTAssertTrue(text.contains(#""resource":"selfsubjectaccessreviews""#), text)
        let (code, core) = send("GET", "/api", accept: accept)
        XCTAssertEqual(code, 200)
        XCTAssertTrue(core.contains(#""resource":"pods""#) && !core.contains(#""resource":"deployments""#), core)
        XCTAssertTrue(send("GET", "/apis").1.hasPrefix(#"{"kind":"APIGroupList""#))
        XCTAssertTrue(send("GET", "/api").1.hasPrefix(#"{"kind":"APIVersions""#))
    }

    /// `auth can-i` and `auth whoami`: answered for the administrator, never stored; a review
    /// without attributes is Invalid.
    func testReviewsAreAnsweredNotStored() {
        var (code, body) = send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                                body: #"{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","spec":{"resourceAttributes":{"verb":"create","resource":"pods"}}}"#)
        XCTAssertEqual(code, 201)
        XCTAssertTrue(body.contains(#""status":{"allowed":true}"#) && body.contains(#""resource":"pods""#), body)
        (code, body) = send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: #"{"spec":{}}"#)
        XCTAssertEqual(code, 422, body)
        (code, body) = send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", body: #"{"kind":"SelfSubjectReview"}"#)
        XCTAssertTrue(body.contains(#""username":"kubernetes-admin""#), body)
        XCTAssertEqual(send("GET", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").0, 405)
        XCTAssertEqual(send("POST", "/apis/authorization.k8s.io/v1/nosuchreviews", body: "{}").0, 404)
        XCTAssertEqual(send("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", body: "[1]").0, 400)
    }

    func testCredentialsAreRequired() {
        XCTAssertEqual(send("GET", "/api/v1/namespaces/default/pods", auth: "").0, 401)
        XCTAssertEqual(send("GET", "/version", auth: "Bearer wrong").0, 401)
        let (code, body) = send("GET", "/version", auth: "Bearer " + String(repeating: "ab", count: 23) + "ac")
        XCTAssertEqual(code, 401)
        XCTAssertTrue(body.contains(#""reason":"Unauthorized""#), body)
        XCTAssertEqual(send("GET", "/version").0, 200)
    }

    func testBadRequestsGetStatusesAndChangeNothing() {
        let cases: [(String, String, String, String, Int, String)] = [
            ("POST", "/api/v1/namespaces/default/pods", "{not json", "application/json", 400, "BadRequest"),
            ("POST", "/api/v1/namespaces/default/pods", "[1,2]", "application/json", 400, "BadRequest"),
            ("POST", "/api/v1/namespaces/default/pods", Self.pod, "text/html", 415, "UnsupportedMediaType"),
            ("POST", "/api/v1/namespaces/default/pods", "garbage", "application/vnd.kubernetes.protobuf", 400, "BadRequest"),
            ("POST", "/api/v1/namespaces/default/pods", "k8s\u{0}\u{0A}\u{FF}", "application/vnd.kubernetes.protobuf", 400, "BadRequest"),
            ("GET", "/api/v1/namespaces/default/gizmos", "", "application/json", 404, "NotFound"),
            ("GET", "/apis/nosuch.io/v1/things", "", "application/json", 404, "NotFound"),
            ("GET", "/api/v1/namespaces/default/pods?labelSelector=app%20in%20(", "", "application/json", 400, "BadRequest"),
            ("GET", "/api/v1/namespaces/default/pods?fieldSelector=spec.nosuch%3Dx", "", "application/json", 400, "BadRequest"),
            ("GET", "/api/v1/namespaces/default/pods?limit=-1", "", "application/json", 400, "BadRequest"),
            ("POST", "/api/v1/namespaces/default/pods?dryRun=Some", Self.pod, "application/json", 400, "BadRequest"),
            ("PUT", "/api/v1/namespaces/default/pods", Self.pod, "application/json", 405, "MethodNotAllowed"),
            ("PATCH", "/api/v1/namespaces/default/pods/a", "{}", "text/plain", 415, "UnsupportedMediaType"),
            ("POST", "/api/v1/namespaces/nosuch/pods", Self.pod, "application/json", 404, "NotFound"),
            ("POST", "/api/v1/nodes", #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"}}"#, "application/json", 405, "MethodNotAllowed"),
        ]
        for (method, uri, body, type, code, reason) in cases {
            let (got, text) = send(method, uri, body: body, contentType: type)
            XCTAssertEqual(got, code, "\(method) \(uri): \(text)")
            XCTAssertTrue(text.contains(#""kind":"Status""#) && text.contains(#""reason":"\#(reason)""#), "\(method) \(uri): \(text)")
        }
        XCTAssertEqual(cluster.sync { cluster.pods.count }, 0)
    }

    func testAStaleUpdateIsAConflict() throws {
        XCTAssertEqual(send("POST", "/api/v1/namespaces/default/pods", body: Self.pod).0, 201)
        let stale = Self.pod.replacingOccurrences(of: #""name":"a""#, with: #""name":"a","resourceVersion":"1""#)
        let (code, text) = send("PUT", "/api/v1/namespaces/default/pods/a", body: stale)
        XCTAssertEqual(code, 409, text)
        XCTAssertTrue(text.contains(#""reason":"Conflict""#), text)
    }

    func testTablesAndDiscovery() {
        XCTAssertEqual(send("POST", "/api/v1/namespaces/default/pods", body: Self.pod).0, 201)
        let (code, table) = send("GET", "/api/v1/namespaces/default/pods", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
        XCTAssertEqual(code, 200)
        XCTAssertTrue(table.hasPrefix(#"{"kind":"Table","apiVersion":"meta.k8s.io/v1""#), table)
        XCTAssertTrue(table.contains(#""name":"Nominated Node","type":"string","format":"","#), table)
        XCTAssertTrue(table.contains(#""rows":[{"cells":["a","#), table)
        let (_, resources) = send("GET", "/api/v1")
        XCTAssertTrue(resources.contains(#"{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"]}"#), resources)
        XCTAssertTrue(resources.contains(#""name":"namespaces""#))
        let (_, version) = send("GET", "/version")
        XCTAssertTrue(version.contains(#""gitVersion":"v1.32.0""#))
        let (_, root) = send("GET", "/openapi/v3")
        XCTAssertTrue(root.contains(#""apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash="#), root)
    }
}
