extension KubeClient {
    /// A client over HTTPS (or HTTP) for a loaded kubeconfig context, on NIO's shared event
    /// loops. The transport lives as long as the client; call
    /// `(client.transport as? HTTPTransport)?.shutdown()` to close its connections early.
    public convenience init(config: ClientConfig, userAgent: String = "bosun") throws {
        self.init(transport: try HTTPTransport(config: config), userAgent: userAgent)
    }
}
