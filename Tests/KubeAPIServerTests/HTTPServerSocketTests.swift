import Foundation
import KubeAPIServer
import KubeMachinery
import Logging
import NIOPosix
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A plain-HTTP response as read off the socket.
struct RawHTTPResponse: Sendable {
    var statusCode: Int
    var headers: [String: String]
    var body: [UInt8]
}

/// A blocking HTTP/1.1 client over a POSIX socket, run on its own thread so it never blocks
/// the cooperative pool the server's request tasks need.
enum RawHTTP {
    static func exchange(port: Int, request: [UInt8]) async -> RawHTTPResponse? {
        await withCheckedContinuation { (c: CheckedContinuation<RawHTTPResponse?, Never>) in
            Thread { c.resume(returning: blockingExchange(port: port, request: request)) }.start()
        }
    }

    private static func blockingExchange(port: Int, request: [UInt8]) -> RawHTTPResponse? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server may answer and close before reading everything
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
            if let parsed = parse(received), parsed.body.count >= Int(parsed.headers["content-length"] ?? "0") ?? 0 {
                return parsed
            }
        }
        return parse(received)
    }

    private static func parse(_ bytes: [UInt8]) -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= $0 + 4 && Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
              let code = Int(statusLine.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawHTTPResponse(statusCode: code, headers: headers, body: Array(bytes[(end + 4)...]))
    }
}

@Suite("The HTTP listener over a real socket")
struct HTTPServerSocketTests {
    /// Runs `body` with a plain-HTTP listener on an ephemeral port in front of a fresh server.
    func withListener(_ body: (Int, APIServerFixture) async -> Void) async throws {
        try await withAPIServer { api in
            var logger = Logger(label: "bosun.apitests.http")
            logger.logLevel = .critical
            let http = HTTPServer(group: MultiThreadedEventLoopGroup.singleton, host: "127.0.0.1", port: 0, tls: nil,
                                  responder: api.server, identifyCertificate: { _ in nil }, logger: logger)
            let port = try await http.start()
            await body(port, api)
            await http.stop()
        }
    }

    static func post(path: String, bodySize: Int, declaredLength: Bool = true) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
        var body = Array("{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"".utf8)
        body += [UInt8](repeating: UInt8(ascii: "x"), count: max(0, bodySize - body.count - 4))
        body += Array("\"}}\n".utf8)
        if declaredLength {
            head += "Content-Length: \(body.count)\r\n\r\n"
            return Array(head.utf8) + body
        }
        // Chunked: the server only learns the size while reading.
        head += "Transfer-Encoding: chunked\r\n\r\n"
        var out = Array(head.utf8)
        var i = 0
        while i < body.count {
            let n = min(1 << 16, body.count - i)
            out += Array((String(n, radix: 16) + "\r\n").utf8) + body[i..<i + n] + Array("\r\n".utf8)
            i += n
        }
        return out + Array("0\r\n\r\n".utf8)
    }

    @Test(arguments: [true, false])
    func bodyOverThreeMebibytesIs413(declaredLength: Bool) async throws {
        try await withListener { port, _ in
            let request = Self.post(path: "/api/v1/namespaces/default/configmaps", bodySize: 3 * 1024 * 1024 + 16, declaredLength: declaredLength)
            let response = await RawHTTP.exchange(port: port, request: request)
            #expect(response?.statusCode == 413)
            let status = response.flatMap { try? JSONValue.parse($0.body) } ?? .null
            #expect(status.string("kind") == "Status")
            #expect(status.string("reason") == "RequestEntityTooLarge")
            #expect(status["code"]?.intValue == 413)
            do {
                #expect(status.string("message") == "Request entity too large: limit is 3145728")
            }
        }
    }

    @Test func bodyUnderTheLimitReachesTheResponder() async throws {
        try await withListener { port, _ in
            // No client certificate on plain HTTP: the responder itself answers 401, which proves
            // the body was read and passed on instead of being refused as too large.
            let request = Self.post(path: "/api/v1/namespaces/default/configmaps", bodySize: 3 * 1024 * 1024 - 1024)
            let response = await RawHTTP.exchange(port: port, request: request)
            #expect(response?.statusCode == 401)
        }
    }

    @Test func healthzOverTheSocket() async throws {
        try await withListener { port, _ in
            let request = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            let response = await RawHTTP.exchange(port: port, request: request)
            #expect(response?.statusCode == 200)
            #expect(response.map { String(decoding: $0.body, as: UTF8.self) } == "ok")
            #expect(response?.headers["content-length"] == "2")
        }
    }
}
