import KubeMachinery

/// Probes and lifecycle hooks: the ways the kubelet checks or signals a container.
enum ProbeSchemas {
    static let execAction = Schema.named(Def.core + "ExecAction", "Runs a command inside the container.", [
        "command": .stringList("Command line; not run in a shell."),
    ])
    static let httpHeader = Schema.named(Def.core + "HTTPHeader", "A custom HTTP header.", required: ["name", "value"], [
        "name": .string("Header name."),
        "value": .string("Header value."),
    ])
    static let httpGetAction = Schema.named(Def.core + "HTTPGetAction", "An HTTP GET request.", required: ["port"], [
        "host": .string("Host to connect to; defaults to the pod IP."),
        "httpHeaders": .list(of: httpHeader, "Extra request headers."),
        "path": .string("Path to request."),
        "port": Meta.intOrString,
        "scheme": .string("HTTP or HTTPS.", enum: ["HTTP", "HTTPS"]),
    ])
    static let tcpSocketAction = Schema.named(Def.core + "TCPSocketAction", "A TCP connection attempt.", required: ["port"], [
        "host": .string("Host to connect to; defaults to the pod IP."),
        "port": Meta.intOrString,
    ])
    static let grpcAction = Schema.named(Def.core + "GRPCAction", "A gRPC health check.", required: ["port"], [
        "port": .int32("Port of the gRPC service."),
        "service": .string("Service name sent in the HealthCheckRequest."),
    ])
    static let sleepAction = Schema.named(Def.core + "SleepAction", "Sleeps for a while.", required: ["seconds"], [
        "seconds": .int64("Seconds to sleep."),
    ])
    static let probe = Schema.named(Def.core + "Probe", "A periodic health check of a container.", [
        "exec": execAction,
        "failureThreshold": .int32("Consecutive failures before the probe fails."),
        "grpc": grpcAction,
        "httpGet": httpGetAction,
        "initialDelaySeconds": .int32("Seconds after start before probing."),
        "periodSeconds": .int32("Seconds between probes."),
        "successThreshold": .int32("Consecutive successes before the probe succeeds."),
        "tcpSocket": tcpSocketAction,
        "terminationGracePeriodSeconds": .int64("Grace period when this probe fails."),
        "timeoutSeconds": .int32("Seconds before a probe attempt times out."),
    ])
    static let lifecycleHandler = Schema.named(Def.core + "LifecycleHandler", "An action run at a lifecycle event.", [
        "exec": execAction,
        "httpGet": httpGetAction,
        "sleep": sleepAction,
        "tcpSocket": tcpSocketAction,
    ])
    static let lifecycle = Schema.named(Def.core + "Lifecycle", "Actions run after start and before stop.", [
        "postStart": lifecycleHandler,
        "preStop": lifecycleHandler,
        "stopSignal": .string("Signal sent to stop the container."),
    ])
}

/// Security contexts of pods and containers.
enum SecuritySchemas {
    static let capabilities = Schema.named(Def.core + "Capabilities", "Linux capabilities to add or drop.", [
        "add": .stringList("Capabilities to add."),
        "drop": .stringList("Capabilities to drop."),
    ])
    static let seLinuxOptions = Schema.named(Def.core + "SELinuxOptions", "SELinux labels to apply.", [
        "level": .string("SELinux level."),
        "role": .string("SELinux role."),
        "type": .string("SELinux type."),
        "user": .string("SELinux user."),
    ])
    static let seccompProfile = Schema.named(Def.core + "SeccompProfile", "The seccomp profile to apply.", required: ["type"], [
        "localhostProfile": .string("Profile file on the node, for type Localhost."),
        "type": .string("Localhost, RuntimeDefault or Unconfined."),
    ])
    static let appArmorProfile = Schema.named(Def.core + "AppArmorProfile", "The AppArmor profile to apply.", required: ["type"], [
        "localhostProfile": .string("Profile loaded on the node, for type Localhost."),
        "type": .string("Localhost, RuntimeDefault or Unconfined."),
    ])
    static let windowsOptions = Schema.named(Def.core + "WindowsSecurityContextOptions", "Windows-specific security options.", [
        "gmsaCredentialSpec": .string("GMSA credential spec contents."),
        "gmsaCredentialSpecName": .string("Name of the GMSA credential spec."),
        "hostProcess": .boolean("Run as a Windows HostProcess container."),
        "runAsUserName": .string("Windows user to run as."),
    ])
    static let securityContext = Schema.named(Def.core + "SecurityContext", "Security options of a container.", [
        "allowPrivilegeEscalation": .boolean("Whether a process may gain more privileges than its parent."),
        "appArmorProfile": appArmorProfile,
        "capabilities": capabilities,
        "privileged": .boolean("Run as privileged."),
        "procMount": .string("Default or Unmasked."),
        "readOnlyRootFilesystem": .boolean("Mount the root filesystem read-only."),
        "runAsGroup": .int64("GID to run as."),
        "runAsNonRoot": .boolean("Refuse to start as UID 0."),
        "runAsUser": .int64("UID to run as."),
        "seLinuxOptions": seLinuxOptions,
        "seccompProfile": seccompProfile,
        "windowsOptions": windowsOptions,
    ])
    static let sysctl = Schema.named(Def.core + "Sysctl", "A kernel parameter to set.", required: ["name", "value"], [
        "name": .string("Parameter name."),
        "value": .string("Parameter value."),
    ])
    static let podSecurityContext = Schema.named(Def.core + "PodSecurityContext", "Security options for every container of a pod.", [
        "appArmorProfile": appArmorProfile,
        "fsGroup": .int64("Supplemental group owning volumes."),
        "fsGroupChangePolicy": .string("OnRootMismatch or Always."),
        "runAsGroup": .int64("GID to run as."),
        "runAsNonRoot": .boolean("Refuse to start containers as UID 0."),
        "runAsUser": .int64("UID to run as."),
        "seLinuxChangePolicy": .string("MountOption or Recursive."),
        "seLinuxOptions": seLinuxOptions,
        "seccompProfile": seccompProfile,
        "supplementalGroups": .list(of: .int64(), "Extra GIDs for the first process."),
        "supplementalGroupsPolicy": .string("Merge or Strict."),
        "sysctls": .list(of: sysctl, "Namespaced sysctls to set."),
        "windowsOptions": windowsOptions,
    ])
}
