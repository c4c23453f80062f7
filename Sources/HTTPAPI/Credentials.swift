import Foundation

/// The API server's TLS material and client credentials, kept in `<state>/pki`: a CA, a serving
/// certificate for 127.0.0.1/localhost signed by it, and a bearer token. Made on first start with
/// Debian's `openssl` (a well-kept tool, so no certificate code of our own), then reused; a damaged or
/// partial set is moved aside, never silently overwritten.
public struct Credentials: Sendable {
    public let directory: URL
    public var caCertificate: URL { directory.appendingPathComponent("ca.crt") }
    var caKey: URL { directory.appendingPathComponent("ca.key") }
    public var serverCertificate: URL { directory.appendingPathComponent("apiserver.crt") }
    public var serverKey: URL { directory.appendingPathComponent("apiserver.key") }
    var tokenFile: URL { directory.appendingPathComponent("token") }
    public let token: String

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Loads the credentials in `directory`, making what is missing.
    public static func prepare(in directory: URL) throws -> Credentials {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(directory.path, 0o700)
        let names = ["ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "token"]
        let present = names.filter { fm.fileExists(atPath: directory.appendingPathComponent($0).path) }
        if !present.isEmpty && present.count != names.count {
            // A partial set (an interrupted first start): keep it aside and make a new one.
            let aside = directory.deletingLastPathComponent().appendingPathComponent("pki.incomplete-\(Int(Date().timeIntervalSince1970))")
            try fm.moveItem(at: directory, to: aside)
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if present.count != names.count { try generate(in: directory) }
        guard let raw = try? String(contentsOf: directory.appendingPathComponent("token"), encoding: .utf8) else {
            throw Failure(description: "cannot read \(directory.path)/token")
        }
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 32, token.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw Failure(description: "\(directory.path)/token is not a token kubetutor wrote; move the directory aside to make a new one")
        }
        return Credentials(directory: directory, token: token)
    }

    private static func generate(in dir: URL) throws {
        let tmp = dir.appendingPathComponent(".new-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: tmp) }
        let p = tmp.path
        try run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", "\(p)/ca.key", "-out", "\(p)/ca.crt", "-days", "3650", "-subj", "/CN=kubetutor-ca",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"])
        try run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", "\(p)/apiserver.key", "-out", "\(p)/apiserver.csr", "-subj", "/CN=kube-apiserver"])
        let ext = "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
        try ext.write(toFile: "\(p)/apiserver.ext", atomically: true, encoding: .utf8)
        try run(["x509", "-req", "-in", "\(p)/apiserver.csr", "-CA", "\(p)/ca.crt", "-CAkey", "\(p)/ca.key",
                 "-CAcreateserial", "-out", "\(p)/apiserver.crt", "-days", "3650", "-extfile", "\(p)/apiserver.ext"])
        var bytes = [UInt8](repeating: 0, count: 24)
        guard getentropy(&bytes, bytes.count) == 0 else { throw Failure(description: "getentropy failed") }
        let token = bytes.map { String(format: "%02x", $0) }.joined()
        try (token + "\n").write(toFile: "\(p)/token", atomically: true, encoding: .utf8)
        for name in ["ca.key", "apiserver.key", "token", "ca.crt", "apiserver.crt"] {
            chmod("\(p)/\(name)", 0o600)
            // Each file lands whole (rename is atomic); keys before the certificates that need them.
            guard rename("\(p)/\(name)", dir.appendingPathComponent(name).path) == 0 else {
                throw Failure(description: "cannot write \(dir.path)/\(name): \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func run(_ args: [String]) throws {
        let process = Process()
        guard let openssl = ["/usr/bin/openssl", "/bin/openssl", "/usr/local/bin/openssl"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "kubetutor's API server needs `openssl` to make its certificates (sudo apt-get install openssl)")
        }
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = args
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(args.first ?? "") failed: \(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// A kubeconfig for this server (cluster, user and context `kubetutor`), written atomically, mode 0600.
    public func writeKubeconfig(to path: URL, port: Int, namespace: String = "default") throws {
        let ca = try Data(contentsOf: caCertificate).base64EncodedString()
        let text = """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: \(ca)
            server: https://127.0.0.1:\(port)
          name: kubetutor
        contexts:
        - context:
            cluster: kubetutor
            namespace: \(namespace)
            user: kubetutor
          name: kubetutor
        current-context: kubetutor
        preferences: {}
        users:
        - name: kubetutor
          user:
            token: \(token)

        """
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = path.path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write \(tmp): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count, rename(tmp, path.path) == 0 else {
            unlink(tmp)
            throw Failure(description: "cannot write \(path.path): \(String(cString: strerror(errno)))")
        }
    }
}
