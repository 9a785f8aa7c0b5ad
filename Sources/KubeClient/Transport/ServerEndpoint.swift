import NIOCore

/// Where an `HTTPTransport` connects, parsed once from a kubeconfig `server` value so the
/// request path never parses URLs: scheme, host, port, the `Host` header and an optional
/// path prefix (an API server behind a proxy at `https://proxy/k8s`).
public struct ServerEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var useTLS: Bool
    /// Host name or IP literal, without IPv6 brackets.
    public var host: String
    public var port: Int
    /// Prepended to every request path; empty or starting with `/` and not ending with one.
    public var pathPrefix: String

    public init(useTLS: Bool, host: String, port: Int, pathPrefix: String = "") {
        self.useTLS = useTLS
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix
    }

    /// Parses `https://host:port/prefix`, `http://[::1]:8080` or a bare `host:port` (HTTPS, as
    /// client-go assumes when TLS is configured). Query strings and fragments are refused:
    /// a kubeconfig server never has them, and silently dropping one would hide a typo.
    public init(parsing server: String) throws {
        var rest = Substring(server.trimmingSpaces())
        if rest.hasPrefix("https://") {
            useTLS = true
            rest = rest.dropFirst(8)
        } else if rest.hasPrefix("http://") {
            useTLS = false
            rest = rest.dropFirst(7)
        } else if rest.contains("://") {
            throw TransportError("server \"\(server)\": only http and https are supported")
        } else {
            useTLS = true
        }
        if rest.contains("?") || rest.contains("#") {
            throw TransportError("server \"\(server)\" must not have a query or fragment")
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var prefix = String(rest[slash...])
        while prefix.hasSuffix("/") { prefix.removeLast() }
        pathPrefix = prefix

        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw TransportError("server \"\(server)\": unterminated IPv6 address")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw TransportError("server \"\(server)\": unexpected text after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        if host.isEmpty { throw TransportError("server \"\(server)\" has no host") }
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw TransportError("server \"\(server)\": invalid port \"\(portText)\"")
            }
            port = p
        } else {
            port = useTLS ? 443 : 80
        }
    }

    /// Whether the host is an IP literal: such hosts must not be sent as TLS SNI, and the
    /// server certificate is checked against its IP SANs instead.
    public var hostIsIPAddress: Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    /// The `Host` header: the port is left out when it is the scheme's default.
    public var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        let defaultPort = useTLS ? 443 : 80
        return port == defaultPort ? h : "\(h):\(port)"
    }

    public var description: String { "\(useTLS ? "https" : "http")://\(hostHeader)\(pathPrefix)" }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
