import Foundation
import XCTest

@testable import Runtime

final class PseudoTerminalTests: XCTestCase {
    func testExecWithATTYGetsAControllingTerminal() throws {
        let (runtime, recorder) = try makeRuntime()
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "tty"))
        let console = try ConsoleSocket()
        let process = ProcessSpec(argv: ["sh", "-c", "[ -t 0 ] && [ -t 1 ] && echo tty; hostname; tty; ls -l /dev/pts/0"], env: ["PATH=/usr/bin:/bin"])
        let pid = try runtime.exec(in: container, process: process, stdio: console.stdio)
        let pty = try console.receiveTerminal()
        let out = try ContainerLog(name: "tty-out")
        pty.relay(input: StdioFDs.devNull, output: out.fd)
        XCTAssertEqual(recorder.wait(for: pid), ExitStatus(code: 0))
        XCTAssertTrue(out.text.contains("tty\r\ntty\r\n"), out.text)  // the pty's ONLCR: it is a real terminal
        if runtime.mode == .isolated {
            XCTAssertTrue(out.text.contains("\r\n/dev/pts/0\r\n"), "the terminal is the container's own: \(out.text)")
            XCTAssertTrue(out.text.contains("crw--w----    1 root     tty"), "owned by the process's user, group tty: \(out.text)")
        }
    }
}

final class ImageCatalogTests: XCTestCase {
    let catalog = ImageCatalog(appletDirectory: "/run/kubetutor/bin")

    func testNginxRunsTheNginxAppletWithItsDefaultCommand() throws {
        let image = try catalog.resolve(image: "nginx:latest", hostname: "web").get()
        XCTAssertEqual(image.process.argv, ["nginx", "-g", "daemon off;"])
        XCTAssertEqual(image.process.env.first, "PATH=/run/kubetutor/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        XCTAssertTrue(image.process.env.contains("HOSTNAME=web"))
        XCTAssertEqual(image.reference, "docker.io/library/nginx:latest")
        XCTAssertTrue(image.imageID.hasPrefix("docker.io/library/nginx@sha256:"))
    }

    func testCommandReplacesEntrypointAndArgsReplaceCmd() throws {
        XCTAssertEqual(try catalog.resolve(image: "busybox").get().process.argv, ["sh"])
        XCTAssertEqual(try catalog.resolve(image: "busybox", args: ["sleep", "1"]).get().process.argv, ["sleep", "1"])
        XCTAssertEqual(try catalog.resolve(image: "busybox", command: ["sh", "-c"], args: ["echo hi"]).get().process.argv,
                       ["sh", "-c", "echo hi"])
        XCTAssertEqual(try catalog.resolve(image: "nginx", command: ["sh"]).get().process.argv, ["sh"])
        let env = try catalog.resolve(image: "nginx", env: ["NGINX_VERSION=custom", "A=b"], workingDir: "/tmp").get().process
        XCTAssertTrue(env.env.contains("NGINX_VERSION=custom"))
        XCTAssertFalse(env.env.contains("NGINX_VERSION=1.27.3"))
        XCTAssertEqual(env.env.last, "A=b")
        XCTAssertEqual(env.workingDir, "/tmp")
    }

    func testReferencesResolveByRepository() throws {
        for ref in ["docker.io/library/nginx:1.27", "library/nginx", "nginx@sha256:0123", "docker.io/nginx:stable"] {
            XCTAssertNoThrow(try catalog.resolve(image: ref).get(), ref)
        }
        XCTAssertEqual(ImageReference(parsing: "nginx@sha256:0123").canonical, "docker.io/library/nginx@sha256:0123")
        XCTAssertEqual(ImageReference(parsing: "localhost:5000/app:v1").registry, "localhost:5000")
        XCTAssertEqual(try catalog.resolve(image: "ubuntu").get().process.argv, ["/bin/bash"])
    }

    func testUnknownImageFailsToPullAndListsTheCatalog() {
        guard case .failure(let error) = catalog.resolve(image: "nginxx:1.0") else { return XCTFail("resolved nginxx") }
        XCTAssertEqual(error.image, "nginxx:1.0")
        XCTAssertTrue(error.message.hasPrefix("failed to pull and unpack image \"docker.io/library/nginxx:1.0\""), error.message)
        XCTAssertTrue(error.message.contains("available images: nginx, busybox, alpine, ubuntu"), error.message)
        XCTAssertThrowsError(try catalog.resolve(image: "quay.io/nginx").get())
    }
}
