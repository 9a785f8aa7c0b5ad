import NIOSSL

/// The TLS side of a transport, built once: the SSL context every connection shares and the
/// name sent as SNI and checked against the serving certificate.
struct ClientTLS: Sendable {
    let context: NIOSSLContext
    /// nil when connecting to an IP literal without `tls-server-name`: SNI must not carry an
    /// IP, and with no name NIOSSL checks the certificate's IP SANs against the peer address.
    let serverHostname: String?

    /// - Parameters:
    ///   - caPEM: the only roots trusted (as client-go does, the system roots are replaced);
    ///     nil means the system roots.
    ///   - clientCertificatePEM/clientKeyPEM: both or neither; EC and RSA keys, PKCS#1/SEC1 or PKCS#8.
    init(endpoint: ServerEndpoint, caPEM: [UInt8]?, insecureSkipTLSVerify: Bool,
         clientCertificatePEM: [UInt8]?, clientKeyPEM: [UInt8]?, tlsServerName: String?) throws {
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = .tlsv12
        // Only HTTP/1.1 is spoken; announcing it keeps an h2-capable server from choosing h2.
        config.applicationProtocols = ["http/1.1"]
        // On close, wait only briefly for the server's close_notify: a client has nothing more
        // to read, and a watch being cancelled should free its socket promptly.
        config.shutdownTimeout = .milliseconds(500)

        if insecureSkipTLSVerify {
            if caPEM != nil {
                // client-go refuses the same combination rather than guessing which was meant.
                throw TransportError("specifying a root certificates file with the insecure flag is not allowed")
            }
            config.certificateVerification = .none
        } else if let caPEM {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(caPEM)
            } catch {
                throw TransportError("unable to load root certificates: \(error)")
            }
            if roots.isEmpty { throw TransportError("unable to load root certificates: no PEM certificate found") }
            config.trustRoots = .certificates(roots)
        }

        switch (clientCertificatePEM, clientKeyPEM) {
        case (nil, nil):
            break
        case (let cert?, let key?):
            do {
                config.certificateChain = try NIOSSLCertificate.fromPEMBytes(cert).map { .certificate($0) }
            } catch {
                throw TransportError("unable to load the client certificate: \(error)")
            }
            if config.certificateChain.isEmpty { throw TransportError("the client certificate has no PEM certificate") }
            do {
                config.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            } catch {
                throw TransportError("unable to load the client key: \(error)")
            }
        case (nil, _?):
            throw TransportError("a client key was given without a client certificate")
        case (_?, nil):
            throw TransportError("a client certificate was given without a client key")
        }

        do {
            context = try NIOSSLContext(configuration: config)
        } catch {
            throw TransportError("cannot set up TLS: \(error)")
        }
        if let name = tlsServerName, !name.isEmpty {
            serverHostname = name
        } else {
            serverHostname = endpoint.hostIsIPAddress ? nil : endpoint.host
        }
    }

    func makeHandler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
    }
}
