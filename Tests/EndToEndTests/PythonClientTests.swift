import Foundation
import XCTest

/// The official Python `kubernetes` client (PyPI, in the tests' virtualenv) against kubetutor's API
/// server, with only the kubeconfig: create a Deployment, list and watch its pods, read a log, delete.
final class PythonClientTests: XCTestCase {
    static let script = #"""
    import sys, time
    from kubernetes import client, config, watch
    config.load_kube_config(sys.argv[1])
    apps, core = client.AppsV1Api(), client.CoreV1Api()
    body = client.V1Deployment(
        metadata=client.V1ObjectMeta(name="py"),
        spec=client.V1DeploymentSpec(
            replicas=2,
            selector=client.V1LabelSelector(match_labels={"app": "py"}),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels={"app": "py"}),
                spec=client.V1PodSpec(containers=[client.V1Container(
                    name="main", image="busybox", command=["sh", "-c", "echo hello from $HOSTNAME; sleep 3600"])]))))
    created = apps.create_namespaced_deployment("default", body)
    print("created", created.metadata.name, created.metadata.generation)
    running = set()
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_pod, "default", label_selector="app=py", timeout_seconds=30):
        pod = event["object"]
        if pod.status.phase == "Running":
            running.add(pod.metadata.name)
        if len(running) == 2:
            w.stop()
    print("running", len(running))
    pods = core.list_namespaced_pod("default", label_selector="app=py").items
    print("listed", len(pods))
    name = sorted(running)[0]
    for _ in range(50):
        log = core.read_namespaced_pod_log(name, "default")
        if log:
            break
        time.sleep(0.1)
    print("log", log.strip() == "hello from " + name)
    status = apps.delete_namespaced_deployment("py", "default")
    print("deleted", status.status)
    try:
        apps.read_namespaced_deployment("py", "default")
    except client.exceptions.ApiException as e:
        print("gone", e.status)
    """#

    /// A port-forward through the client's `kubernetes.stream.portforward` (WebSocket, v4.channel.k8s.io):
    /// nginx answers through it; a port nothing listens on gets the kubelet's error on its error channel.
    static let portForwardScript = #"""
    import sys, time
    from kubernetes import client, config
    from kubernetes.stream import portforward
    config.load_kube_config(sys.argv[1])
    core = client.CoreV1Api()
    core.create_namespaced_pod("default", client.V1Pod(
        metadata=client.V1ObjectMeta(name="web"),
        spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx")])))
    for _ in range(100):
        if core.read_namespaced_pod("web", "default").status.phase == "Running":
            break
        time.sleep(0.1)
    def fetch(port):
        pf = portforward(core.connect_get_namespaced_pod_portforward, "web", "default", ports=str(port))
        sock = pf.socket(port)
        sock.setblocking(True)
        try:
            sock.sendall(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        except BrokenPipeError:  # the port's error came first and the client dropped its socket
            pass
        data = b""
        while True:
            try:
                chunk = sock.recv(4096)
            except ConnectionResetError:  # likewise
                break
            if not chunk:
                break
            data += chunk
        sock.close()
        return data, pf.error(port)
    for _ in range(50):
        data, error = fetch(80)
        if data:
            break
        time.sleep(0.1)
    print(data.split(b"\r\n")[0].decode(), b"<title>Welcome to nginx!</title>" in data, error)
    data, error = fetch(8080)
    print(repr(data), error.startswith("error forwarding port 8080 to pod "),
          error.endswith("IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused "))
    """#

    func testThePythonClientCreatesWatchesReadsAndDeletes() throws {
        let (status, o, e) = try runPython(Self.script)
        XCTAssertEqual(status, 0, e)
        XCTAssertEqual(o, "created py 1\nrunning 2\nlisted 2\nlog True\ndeleted Success\ngone 404\n", e)
    }

    func testThePythonClientPortForwardsToNginx() throws {
        let (status, o, e) = try runPython(Self.portForwardScript)
        XCTAssertEqual(status, 0, e)
        XCTAssertEqual(o, "HTTP/1.1 200 OK True None\nb'' True True\n", e)
    }

    /// Runs `script` with the tests' Python against a new kubetutor, given its kubeconfig.
    private func runPython(_ script: String) throws -> (Int32, String, String) {
        guard let python = ProcessInfo.processInfo.environment["KUBETUTOR_TEST_PYTHON"], !python.isEmpty,
              FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no Python with the kubernetes client (test.sh makes one with scripts/ensure-python.sh)")
        }
        let state = try TerminalSession.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let session = try KubetutorProcess(stateDirectory: state)
        defer {
            session.closeInput()
            _ = session.waitForExit(timeout: 10)
        }
        session.waitFor("export KUBECONFIG=", inStderr: true)
        let scriptPath = state + "/client.py"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [scriptPath, state + "/kubetutor/kubeconfig"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, o, e)
    }
}
