import Testing

@testable import KubeClient

@Suite struct ServerEndpointTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var server: String
        var tls: Bool
        var host: String
        var port: Int
        var prefix: String
        var hostHeader: String
        var isIP: Bool
        var testDescription: String { server }
    }

    @Test(arguments: [
        Case(server: "https://127.0.0.1:6443", tls: true, host: "127.0.0.1", port: 6443, prefix: "", hostHeader: "127.0.0.1:6443", isIP: true),
        Case(server: "https://api.example.com", tls: true, host: "api.example.com", port: 443, prefix: "", hostHeader: "api.example.com", isIP: false),
        Case(server: "http://localhost:8080/", tls: false, host: "localhost", port: 8080, prefix: "", hostHeader: "localhost:8080", isIP: false),
        Case(server: "https://[::1]:6443", tls: true, host: "::1", port: 6443, prefix: "", hostHeader: "[::1]:6443", isIP: true),
        Case(server: "https://proxy.local/k8s/clusters/a/", tls: true, host: "proxy.local", port: 443, prefix: "/k8s/clusters/a", hostHeader: "proxy.local", isIP: false),
        Case(server: "10.0.0.1:6443", tls: true, host: "10.0.0.1", port: 6443, prefix: "", hostHeader: "10.0.0.1:6443", isIP: true),
    ])
    func serverValuesParseIntoConnectionParameters(_ c: Case) throws {
        let e = try ServerEndpoint(parsing: c.server)
        #expect(e.useTLS == c.tls)
        #expect(e.host == c.host)
        #expect(e.port == c.port)
        #expect(e.pathPrefix == c.prefix)
        #expect(e.hostHeader == c.hostHeader)
        #expect(e.hostIsIPAddress == c.isIP)
    }

    @Test(arguments: ["ftp://host", "https://", "https://host:99999", "https://host:abc", "https://host/?q=1", "https://[::1"])
    func malformedServerValuesAreRefused(_ server: String) {
        #expect(throws: TransportError.self) { try ServerEndpoint(parsing: server) }
    }
}
