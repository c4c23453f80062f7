import XCTest
import Cluster
import Runtime
@testable import Kubectl

/// Init containers, securityContext and volumes as a learner applies them, on a real embedded
/// cluster: STATUS words, events and refusals as Kubernetes v1.32 shows them.
final class PodIsolationVerbTests: XCTestCase {
    var runtime: LinuxRuntime!
    var cluster: Cluster!
    var kubectl: Kubectl!
    var dir: String!

    override func setUpWithError() throws {
        try startCluster(runtime: LinuxRuntime())
        dir = NSTemporaryDirectory() + "isolation-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// (Re)starts the embedded cluster on `runtime` with `config`, stopping the one before.
    func startCluster(runtime: LinuxRuntime, config: ClusterConfig = ClusterConfig()) {
        cluster?.shutdown()
        self.runtime = runtime
        cluster = Cluster(config: config, runtime: runtime, images: CatalogImages(runtime.images), makeLog: { try ContainerLog(name: "test") })
        kubectl = Kubectl(cluster: cluster)
    }

    override func tearDown() {
        cluster?.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }

    @discardableResult
    func run(_ line: String) throws -> (Int32, String, String) {
        var (io, captured) = CommandIO.capturing()
        io.workingDirectory = dir
        let status = kubectl.run(try CommandLineSplitter.split(line), io: io)
        return (status, captured.stdout, captured.stderr)
    }

    func apply(_ manifest: String) throws -> (Int32, String, String) {
        try manifest.write(toFile: dir + "/m.yaml", atomically: true, encoding: .utf8)
        return try run("apply -f m.yaml")
    }

    /// Polls `get pod NAME` until its STATUS column reads `status`.
    func waitForStatus(_ name: String, _ status: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var row = ""
        while Date() < deadline {
            row = try run("get pod \(name) --no-headers").1
            if row.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first == Substring(status) { return row }
            usleep(20_000)
        }
        XCTFail("\(name) never showed \(status): \(row)")
        return row
    }

    func testInitContainersRunInOrderBeforeTheAppAndShareItsVolume() throws {
        XCTAssertEqual(try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: myapp
            spec:
              initContainers:
                - name: first
                  image: busybox
                  command: ["sh", "-c", "sleep 1; echo one > /work/log"]
                  volumeMounts: [{name: work, mountPath: /work}]
                - name: second
                  image: busybox
                  command: ["sh", "-c", "echo two >> /work/log"]
                  volumeMounts: [{name: work, mountPath: /work}]
              containers:
                - name: app
                  image: busybox
                  command: ["sh", "-c", "cat /work/log; sleep 3600"]
                  volumeMounts: [{name: work, mountPath: /work}]
              volumes:
                - name: work
                  emptyDir: {}
            """).1, "pod/myapp created\n")
        XCTAssertTrue(try waitForStatus("myapp", "Init:0/2").hasPrefix("myapp   0/1"))
        _ = try waitForStatus("myapp", "Running")
        // Running means started: the app's `cat` may not have written yet.
        var logs = ""
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            logs = try run("logs myapp").1
            if logs.hasSuffix("two\n") { break }
            usleep(20_000)
        }
        XCTAssertEqual(logs, "one\ntwo\n")
        let describe = try run("describe pod myapp").1
        XCTAssertTrue(describe.contains("Init Containers:\n  first:\n"), describe)
        XCTAssertTrue(describe.contains("      Reason:       Completed\n      Exit Code:    0\n"), describe)
    }

    func testAFailingInitContainerShowsInitErrorAndThenCrashLoop() throws {
        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: never
            spec:
              restartPolicy: Never
              initContainers: [{name: init, image: busybox, command: ["false"]}]
              containers: [{name: app, image: busybox}]
            """)
        _ = try waitForStatus("never", "Init:Error")
        XCTAssertEqual(cluster.sync { cluster.pods.get(ObjectKey(namespace: "default", name: "never"))?.status.phase }, "Failed")
        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: again
            spec:
              initContainers: [{name: init, image: busybox, command: ["false"]}]
              containers: [{name: app, image: busybox}]
            """)
        _ = try waitForStatus("again", "Init:CrashLoopBackOff")
    }

    func testSecurityContextIsHonouredAndPrivilegedIsRefused() throws {
        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: locked
            spec:
              securityContext:
                runAsUser: 1000
                runAsGroup: 3000
              containers:
                - name: app
                  image: busybox
                  command: ["sleep", "3600"]
                  securityContext:
                    readOnlyRootFilesystem: true
                    capabilities:
                      drop: ["ALL"]
                      add: ["NET_BIND_SERVICE"]
            """)
        _ = try waitForStatus("locked", "Running")
        if getuid() == 0 {
            XCTAssertEqual(try run("exec locked -- id -u").1, "1000\n")
            XCTAssertEqual(try run("exec locked -- id -g").1, "3000\n")
        }
        let (status, _, err) = try run("exec locked -- touch /file")
        XCTAssertEqual(status, 1)
        XCTAssertEqual(err, "touch: /file: Read-only file system\ncommand terminated with exit code 1\n")

        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: nonroot
            spec:
              containers:
                - name: app
                  image: busybox
                  securityContext: {runAsNonRoot: true}
            """)
        _ = try waitForStatus("nonroot", "CreateContainerConfigError")
        let events = try run("describe pod nonroot").1
        XCTAssertTrue(events.contains("Error: container has runAsNonRoot and image will run as root (pod: \"nonroot_default("), events)

        let (code, _, refused) = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: priv
            spec:
              containers:
                - name: app
                  image: busybox
                  securityContext: {privileged: true}
            """)
        XCTAssertEqual(code, 1)
        XCTAssertTrue(refused.hasPrefix("The Pod \"priv\" is invalid: spec.containers[0].securityContext.privileged: Forbidden: kubetutor does not simulate privileged containers yet"), refused)
    }

    func testEmptyDirSizeLimitAndSubPathAndHostPathRefusedWhenNotAllowed() throws {
        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: sized
            spec:
              containers:
                - name: app
                  image: busybox
                  command: ["sleep", "3600"]
                  volumeMounts:
                    - {name: scratch, mountPath: /scratch}
                    - {name: scratch, mountPath: /sub, subPath: logs}
              volumes:
                - name: scratch
                  emptyDir: {sizeLimit: 1Mi}
            """)
        _ = try waitForStatus("sized", "Running")
        _ = try run("exec sized -- sh -c 'echo hi > /sub/x'")
        XCTAssertEqual(try run("exec sized -- cat /scratch/logs/x").1, "hi\n", "subPath logs is /scratch/logs")
        let (full, _, err) = try run("exec sized -- dd if=/dev/zero of=/scratch/big bs=1024 count=2048")
        XCTAssertEqual(full, 1, "a 1Mi emptyDir holds no 2 MiB file")
        XCTAssertTrue(err.contains("No space left on device"), err)

        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: host
            spec:
              containers:
                - name: app
                  image: busybox
                  volumeMounts: [{name: etc, mountPath: /host-etc}]
              volumes:
                - name: etc
                  hostPath: {path: /etc}
            """)
        _ = try waitForStatus("host", "ContainerCreating")
        let deadline = Date().addingTimeInterval(10)
        var describe = ""
        while Date() < deadline, !describe.contains("FailedMount") {
            describe = try run("describe pod host").1
            usleep(20_000)
        }
        XCTAssertTrue(describe.contains("MountVolume.SetUp failed for volume \"etc\" : kubetutor mounts host paths only below a "
                                        + "directory you allow with `kubetutor --allow-host-path DIR` (/etc is not below one; none is allowed)"), describe)
        XCTAssertTrue(describe.contains("Type:          HostPath (bare host directory volume)\n    Path:          /etc\n"), describe)
    }

    func testLogsPrintMoreThanOneMebibyteWhole() throws {
        _ = try run("run big --image=busybox --restart=Never --command -- sh -c 'seq 1 400000; sleep 3600'")
        _ = try waitForStatus("big", "Running")
        var out = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            out = try run("logs big").1
            if out.hasSuffix("\n400000\n") { break }
            usleep(20_000)
        }
        XCTAssertEqual(out.utf8.count, (1...400_000).reduce(0) { $0 + String($1).utf8.count + 1 }, "more than 1 MiB is printed whole")
        XCTAssertEqual(try run("logs big --tail=2").1, "399999\n400000\n")
    }

    func testLogsRotateAtContainerLogMaxSize() throws {
        var config = ClusterConfig()
        config.containerLogMaxBytes = 64 << 10
        try startCluster(runtime: LinuxRuntime(), config: config)
        _ = try run("run chatty --image=busybox --restart=Never --command -- sh -c 'seq 1 40000; while true; do echo tick; sleep 0.2; done'")
        var out = ""
        let until = Date().addingTimeInterval(20)
        while Date() < until {
            out = try run("logs chatty").1
            if out.contains("tick\n"), !out.hasPrefix("1\n") { break }
            usleep(50_000)
        }
        XCTAssertFalse(out.hasPrefix("1\n"), "the first lines went with the rotated file")
        XCTAssertTrue(out.contains("tick\n"), out.suffix(200).description)
        XCTAssertLessThan(out.utf8.count, 64 << 10, "the current file stays under containerLogMaxSize")
        XCTAssertTrue(out.split(separator: "\n").allSatisfy { $0 == "tick" || Int($0) != nil }, "the new file starts at a line")
    }

    /// Waits until `describe pod NAME` shows a FailedMount event and returns the describe output.
    func failedMount(_ name: String) throws -> String { try describeMentioning(name, "FailedMount") }

    func testHostPathVolumesBelowAnAllowedDirectory() throws {
        let allowed = dir + "/allowed"
        try FileManager.default.createDirectory(atPath: allowed + "/site", withIntermediateDirectories: true)
        try "from the host\n".write(toFile: allowed + "/site/index.html", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: allowed + "/out", withDestinationPath: "/etc")
        try startCluster(runtime: LinuxRuntime(hostPaths: HostPathAllowList(directories: [allowed])))
        guard runtime.mode == .isolated else { throw XCTSkip("hostPath volumes need isolated pods") }
        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: hp
            spec:
              containers:
                - name: app
                  image: busybox
                  command: ["sleep", "3600"]
                  volumeMounts:
                    - {name: site, mountPath: /site, readOnly: true}
                    - {name: made, mountPath: /made}
                    - {name: page, mountPath: /page.html}
              volumes:
                - name: site
                  hostPath: {path: \(allowed)/site, type: Directory}
                - name: made
                  hostPath: {path: \(allowed)/new/deeper, type: DirectoryOrCreate}
                - name: page
                  hostPath: {path: \(allowed)/site/index.html, type: File}
            """)
        _ = try waitForStatus("hp", "Running")
        XCTAssertEqual(try run("exec hp -- cat /site/index.html").1, "from the host\n")
        XCTAssertEqual(try run("exec hp -- cat /page.html").1, "from the host\n", "a File hostPath mounts the file")
        let (ro, _, roErr) = try run("exec hp -- touch /site/x")
        XCTAssertEqual(ro, 1)
        XCTAssertTrue(roErr.contains("Read-only file system"), roErr)
        let made = try run("exec hp -- sh -c 'echo written > /made/f && ls -ld /made'")
        XCTAssertEqual(made.0, 0, made.2)
        XCTAssertTrue(made.1.contains(" root "), "the pod's root owns what the kubelet made: \(made.1)")
        XCTAssertEqual(try String(contentsOfFile: allowed + "/new/deeper/f", encoding: .utf8), "written\n",
                       "DirectoryOrCreate made the directory on the host, owned by the pods' root")
        XCTAssertEqual(try run("exec hp -- ls /").1.contains("allowed"), false, "nothing else of the host is visible")

        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: wrong-type
            spec:
              containers:
                - {name: app, image: busybox, command: ["sleep", "3600"], volumeMounts: [{name: v, mountPath: /v}]}
              volumes:
                - name: v
                  hostPath: {path: \(allowed)/site, type: File}
            """)
        XCTAssertTrue(try failedMount("wrong-type").contains(
            "MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: \(allowed)/site is not a file, it's a Directory"))

        _ = try apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: escape
            spec:
              containers:
                - {name: app, image: busybox, command: ["sleep", "3600"], volumeMounts: [{name: v, mountPath: /v}]}
              volumes:
                - name: v
                  hostPath: {path: \(allowed)/out/ssh}
            """)
        let escape = try failedMount("escape")
        XCTAssertTrue(escape.contains("(\(allowed)/out/ssh is not below one; allowed: \(allowed))"), escape)
        _ = try waitForStatus("escape", "ContainerCreating")
    }

    func testAForkBombsPodSaysInDescribeThatItHitItsPidsLimit() throws {
        try XCTSkipIf(runtime.limitsNotEnforcedReason != nil, runtime.limitsNotEnforcedReason ?? "")
        _ = try run("run bomb --image=busybox --restart=Never --command -- sh -c 'while :; do sleep 300 & done'")
        _ = try run("run calm --image=busybox --restart=Never --command -- sleep 300")
        let describe = try describeMentioning("bomb", "PidsLimitReached")
        XCTAssertTrue(describe.contains("Warning  PidsLimitReached"), describe)
        XCTAssertTrue(describe.contains("kubetutor: the pod reached its pids limit of 1024 processes (the kubelet's podPidsLimit)"), describe)
        XCTAssertEqual(try run("exec calm -- echo still here").1, "still here\n", "other pods keep working")
        XCTAssertEqual(try run("delete pod bomb --grace-period=0 --force").0, 0)
    }

    /// Waits until `describe pod NAME` mentions `text`.
    func describeMentioning(_ name: String, _ text: String) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        var describe = ""
        while Date() < deadline, !describe.contains(text) {
            describe = try run("describe pod \(name)").1
            usleep(50_000)
        }
        return describe
    }

    func testADownwardAPIVolumeShowsThePodsFieldsAndFollowsItsLabels() throws {
        guard runtime.mode == .isolated else { throw XCTSkip("volumes need isolated pods") }
        func manifest(zone: String) -> String {
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: kubernetes-downwardapi-volume-example
              labels: {cluster: test-cluster1, rack: rack-22, zone: \(zone)}
              annotations: {build: two, builder: john-doe}
            spec:
              containers:
                - name: client-container
                  image: busybox
                  command: ["sleep", "3600"]
                  resources: {limits: {cpu: 250m, memory: 64Mi}}
                  volumeMounts: [{name: podinfo, mountPath: /etc/podinfo}]
              volumes:
                - name: podinfo
                  downwardAPI:
                    items:
                      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                      - {path: annotations, fieldRef: {fieldPath: "metadata.annotations['builder']"}}
                      - {path: pod/name, fieldRef: {fieldPath: metadata.name}, mode: 0600}
                      - {path: cpu_limit, resourceFieldRef: {containerName: client-container, resource: limits.cpu, divisor: 1m}}
                      - {path: mem_limit, resourceFieldRef: {containerName: client-container, resource: limits.memory, divisor: 1Mi}}
            """
        }
        XCTAssertEqual(try apply(manifest(zone: "us-east-coast")).0, 0)
        let pod = "kubernetes-downwardapi-volume-example"
        _ = try waitForStatus(pod, "Running")
        XCTAssertEqual(try run("exec \(pod) -- cat /etc/podinfo/labels").1,
                       "cluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-east-coast\"")
        XCTAssertEqual(try run("exec \(pod) -- cat /etc/podinfo/annotations").1, "john-doe")
        XCTAssertEqual(try run("exec \(pod) -- cat /etc/podinfo/pod/name").1, pod)
        XCTAssertEqual(try run("exec \(pod) -- cat /etc/podinfo/cpu_limit /etc/podinfo/mem_limit").1, "25064")
        XCTAssertTrue(try run("exec \(pod) -- ls -l /etc/podinfo/..data/pod/name").1.hasPrefix("-rw-------"))
        let ls = try run("exec \(pod) -- ls -a /etc/podinfo").1
        XCTAssertTrue(ls.contains("..data\n") && ls.contains("labels\n"), ls)
        let (ro, _, roErr) = try run("exec \(pod) -- touch /etc/podinfo/x")
        XCTAssertEqual(ro, 1, "projected volumes are read-only")
        XCTAssertTrue(roErr.contains("Read-only file system"), roErr)

        let yaml = try run("get pod \(pod) -o yaml").1
        XCTAssertTrue(yaml.contains("      defaultMode: 420\n"), yaml)
        XCTAssertTrue(yaml.contains("          apiVersion: v1\n          fieldPath: metadata.labels\n"), yaml)
        let describe = try run("describe pod \(pod)").1
        XCTAssertTrue(describe.contains("""
              podinfo:
                Type:  DownwardAPI (a volume populated by information about the pod)
                Items:
                  metadata.labels -> labels
                  metadata.annotations['builder'] -> annotations
                  metadata.name -> pod/name
                  limits.cpu -> cpu_limit
                  limits.memory -> mem_limit
            """), describe)

        // A changed label reaches the running container, without a restart.
        XCTAssertEqual(try apply(manifest(zone: "eu-west")).1, "pod/\(pod) configured\n")
        var labels = ""
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !labels.contains("eu-west") {
            labels = try run("exec \(pod) -- cat /etc/podinfo/labels").1
            usleep(20_000)
        }
        XCTAssertTrue(labels.hasSuffix("zone=\"eu-west\""), labels)
        XCTAssertTrue(try run("get pod \(pod) --no-headers").1.contains(" 0 "), "no restart")

        let bad = try apply("""
            apiVersion: v1
            kind: Pod
            metadata: {name: bad-dapi}
            spec:
              containers: [{name: c, image: busybox}]
              volumes:
                - name: v
                  downwardAPI:
                    items:
                      - {path: ../x, fieldRef: {fieldPath: spec.nodeName}}
                      - {path: other}
            """)
        XCTAssertEqual(bad.0, 1)
        XCTAssertTrue(bad.2.contains("spec.volumes[0].downwardAPI.items[0].path: Invalid value: \"../x\": must not contain '..'"), bad.2)
        XCTAssertTrue(bad.2.contains("spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: Unsupported value: \"spec.nodeName\""), bad.2)
        XCTAssertTrue(bad.2.contains("spec.volumes[0].downwardAPI.items[1]: Required value: one of fieldRef and resourceFieldRef is required"), bad.2)
    }
}
