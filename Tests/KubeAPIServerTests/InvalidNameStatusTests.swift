import KubeAPIServer
import KubeMachinery
import Testing

/// An object whose name breaks its kind's name rule, and the start of upstream's 422 message.
struct InvalidNameCase: Sendable, CustomTestStringConvertible {
    var collection: String
    var object: JSONValue
    var kind: String
    var group: String?
    var name: String
    var causeReason: String
    var messagePrefix: String
    /// Why Bosun's message differs from upstream's today, if it does.
    var knownIssue: String?

    var testDescription: String { "\(kind) named \"\(name)\"" }
}

@Suite("Invalid names are 422 Invalid with a metadata.name cause")
struct InvalidNameStatusTests {
    static let cases: [InvalidNameCase] = [
        InvalidNameCase(
            collection: "/api/v1/namespaces/demo/configmaps", object: Objects.configMap("Bad_Name"), kind: "ConfigMap", name: "Bad_Name",
            causeReason: "FieldValueInvalid",
            messagePrefix: #"ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of"#),
        InvalidNameCase(
            collection: "/api/v1/namespaces/demo/configmaps", object: Objects.configMap("-leading-dash"), kind: "ConfigMap", name: "-leading-dash",
            causeReason: "FieldValueInvalid",
            messagePrefix: #"ConfigMap "-leading-dash" is invalid: metadata.name: Invalid value: "-leading-dash": a lowercase RFC 1123 subdomain"#),
        InvalidNameCase(
            collection: "/api/v1/namespaces/demo/configmaps", object: Objects.configMap(String(repeating: "a", count: 254)), kind: "ConfigMap",
            name: String(repeating: "a", count: 254), causeReason: "FieldValueInvalid",
            messagePrefix: #"ConfigMap "\#(String(repeating: "a", count: 254))" is invalid: metadata.name: Invalid value: "#),
        InvalidNameCase(
            collection: "/api/v1/namespaces/demo/configmaps", object: ["metadata": ["labels": ["a": "b"]]], kind: "ConfigMap", name: "",
            causeReason: "FieldValueRequired",
            messagePrefix: #"ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required"#),
        InvalidNameCase(
            collection: "/api/v1/namespaces/demo/services", object: Objects.service("1abc"), kind: "Service", name: "1abc",
            causeReason: "FieldValueInvalid",
            messagePrefix: #"Service "1abc" is invalid: metadata.name: Invalid value: "1abc": a DNS-1035 label must consist of"#),
        InvalidNameCase(
            collection: "/api/v1/namespaces", object: ["metadata": ["name": "Team"]], kind: "Namespace", name: "Team",
            causeReason: "FieldValueInvalid",
            messagePrefix: #"Namespace "Team" is invalid: metadata.name: Invalid value: "Team": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
),
        InvalidNameCase(
            collection: "/api/v1/namespaces", object: ["metadata": ["name": "a.b"]], kind: "Namespace", name: "a.b",
            causeReason: "FieldValueInvalid",
            messagePrefix: #"Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots"#,
),
        InvalidNameCase(
            collection: "/apis/apps/v1/namespaces/demo/deployments", object: Objects.deployment("Web"), kind: "Deployment", group: "apps",
            name: "Web", causeReason: "FieldValueInvalid",
            messagePrefix: #"Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain"#),
    ]

    @Test(arguments: cases)
    func invalidNameIsRejected(_ c: InvalidNameCase) async {
        await withAPIServer { api in
            await api.createNamespace("demo")
            let r = await api.send(.POST, c.collection, body: c.object)
            expectStatus(r, ExpectedStatus(code: 422, reason: "Invalid"))
            let s = r.json
            if let issue = c.knownIssue {
                withKnownIssue(Comment(rawValue: issue)) {
                    #expect(s.string("message") == c.messagePrefix)
                }
            } else {
                #expect(s.string("message")?.hasPrefix(c.messagePrefix) == true, "message: \(s.string("message") ?? "nil")")
            }
            #expect(s.string("details.kind") == c.kind)
            #expect(s.string("details.name") == c.name)
            #expect(s.string("details.group") == c.group)
            let causes = s[dotted: "details.causes"]?.arrayValue ?? []
            let nameCause = causes.first { $0.string("field") == "metadata.name" }
            #expect(nameCause != nil, "causes: \(causes)")
            #expect(nameCause?.string("reason") == c.causeReason)
            // Nothing was stored.
            if !c.name.isEmpty {
                let get = await api.send(.GET, c.collection + "/" + c.name)
                #expect(get.status == .notFound)
            }
        }
    }
}
