import Testing
import KubeMachinery
@testable import KubeResources

/// Bodies recorded from the real kubectl 1.33 (`kubectl create ...` against a listener that
/// saved each request), decoded and compared with the JSON the same object has upstream.
/// This proves the decoder against client-go's own protobuf encoder.
struct ProtobufKubectlGoldenTests {
    struct Golden: Sendable, CustomStringConvertible {
        let command: String
        let hex: String
        let json: String
        var description: String { command }
    }

    static let goldens: [Golden] = [
        Golden(
            command: "kubectl create namespace x",
            hex: """
                6b3873000a0f0a02763112094e616d65737061636512190a110a017812001a0022002a0032003800420012001a020a00
                1a002200
                """,
            json: #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"},"spec":{},"status":{}}"#
        ),
        Golden(
            command: "kubectl create configmap cm1 -n ns1 --from-literal=a=1 --from-literal=b=two",
            hex: """
                6b3873000a0f0a0276311209436f6e6669674d6170122a0a160a03636d3112001a036e733122002a0032003800420012
                060a016112013112080a0162120374776f1a002200
                """,
            json: #"{"apiVersion":"v1","data":{"a":"1","b":"two"},"kind":"ConfigMap","metadata":{"name":"cm1","namespace":"ns1"}}"#
        ),
        Golden(
            command: "kubectl create secret generic s1 -n ns1 --from-literal=user=admin --from-literal=pw=p@ss",
            hex: """
                6b3873000a0c0a027631120653656372657412340a150a02733112001a036e733122002a00320038004200120a0a0270
                77120470407373120d0a0475736572120561646d696e1a001a002200
                """,
            json: #"{"apiVersion":"v1","data":{"pw":"cEBzcw==","user":"YWRtaW4="},"kind":"Secret","metadata":{"name":"s1","namespace":"ns1"}}"#
        ),
        Golden(
            command: "kubectl create deployment web -n ns1 --image=nginx:1.27 --replicas=3 --port=80",
            hex: """
                6b3873000a150a07617070732f7631120a4465706c6f796d656e7412c0010a220a0377656212001a036e733122002a00
                3200380042005a0a0a036170701203776562128b010803120c0a0a0a0361707012037765621a710a1c0a0012001a0022
                002a003200380042005a0a0a036170701203776562125112330a056e67696e78120a6e67696e783a312e32372a00320a
                0a001000185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a
                01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200
                """,
            json: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web","namespace":"ns1"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"strategy":{},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx","ports":[{"containerPort":80}],"resources":{}}]}}},"status":{}}"#
        ),
        Golden(
            command: "kubectl create service clusterip svc1 -n ns1 --tcp=80:8080",
            hex: """
                6b3873000a0d0a027631120753657276696365126f0a240a047376633112001a036e733122002a003200380042005a0b
                0a0361707012047376633112430a1b0a0738302d38303830120354435018502207080010903f1a002800120b0a036170
                701204737663311a002209436c757374657249503a00420052005a00600068001a020a001a002200
                """,
            json: #"{"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"svc1"},"name":"svc1","namespace":"ns1"},"spec":{"ports":[{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"svc1"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}"#
        ),
        Golden(
            command: "kubectl create service nodeport np1 -n ns1 --tcp=80:http",
            hex: """
                6b3873000a0d0a027631120753657276696365126e0a220a036e703112001a036e733122002a003200380042005a0a0a
                0361707012036e703112440a1e0a0738302d6874747012035443501850220a080110001a04687474702800120a0a0361
                707012036e70311a0022084e6f6465506f72743a00420052005a00600068001a020a001a002200
                """,
            json: #"{"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"np1"},"name":"np1","namespace":"ns1"},"spec":{"ports":[{"name":"80-http","port":80,"protocol":"TCP","targetPort":"http"}],"selector":{"app":"np1"},"type":"NodePort"},"status":{"loadBalancer":{}}}"#
        ),
        Golden(
            command: "kubectl create job j1 -n ns1 --image=busybox -- echo hi",
            hex: """
                6b3873000a0f0a0862617463682f763112034a6f621287010a150a026a3112001a036e733122002a0032003800420012
                6432620a100a0012001a0022002a00320038004200124e122b0a026a31120762757379626f781a046563686f1a026869
                2a0042006a007200800100880100900100a201001a054e65766572320042004a0052005800600068008201008a01009a
                0100c201001a082000280030003a001a002200
                """,
            json: #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j1","namespace":"ns1"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"command":["echo","hi"],"image":"busybox","name":"j1","resources":{}}],"restartPolicy":"Never"}}},"status":{}}"#
        ),
        Golden(
            command: "kubectl create cronjob cj1 -n ns1 --image=busybox --schedule='*/5 * * * *' -- date",
            hex: """
                6b3873000a130a0862617463682f7631120743726f6e4a6f6212aa010a160a03636a3112001a036e733122002a003200
                38004200128d010a0b2a2f35202a202a202a202a1a002a7c0a130a03636a3112001a0022002a00320038004200126532
                630a100a0012001a0022002a00320038004200124f12280a03636a31120762757379626f781a04646174652a0042006a
                007200800100880100900100a201001a094f6e4661696c757265320042004a0052005800600068008201008a01009a01
                00c201001a001a002200
                """,
            json: #"{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"cj1","namespace":"ns1"},"spec":{"jobTemplate":{"metadata":{"name":"cj1"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"command":["date"],"image":"busybox","name":"cj1","resources":{}}],"restartPolicy":"OnFailure"}}}},"schedule":"*/5 * * * *"},"status":{}}"#
        ),
        Golden(
            command: "kubectl create rolebinding rb1 -n ns1 --clusterrole=view --user=alice --serviceaccount=ns1:sa1",
            hex: """
                6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f6c6542696e64696e
                671292010a160a0372623112001a036e733122002a00320038004200122a0a04557365721219726261632e617574686f
                72697a6174696f6e2e6b38732e696f1a05616c6963652200121c0a0e536572766963654163636f756e7412001a037361
                3122036e73311a2e0a19726261632e617574686f72697a6174696f6e2e6b38732e696f120b436c7573746572526f6c65
                1a04766965771a002200
                """,
            json: #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"rb1","namespace":"ns1"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice"},{"kind":"ServiceAccount","name":"sa1","namespace":"ns1"}]}"#
        ),
        Golden(
            command: "kubectl create clusterrole cr1 --verb=get --non-resource-url=/healthz",
            hex: """
                6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c7573746572526f6c
                6512260a130a0363723112001a0022002a00320038004200120f0a036765742a082f6865616c74687a1a002200
                """,
            json: #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"cr1"},"rules":[{"nonResourceURLs":["/healthz"],"verbs":["get"]}]}"#
        ),
        Golden(
            command: "kubectl create quota q1 -n ns1 --hard=cpu=2,memory=1Gi,pods=10",
            hex: """
                6b3873000a130a027631120d5265736f7572636551756f746112460a150a02713112001a036e733122002a0032003800
                4200122b0a0a0a0363707512030a01320a0f0a066d656d6f727912050a033147690a0c0a04706f647312040a0231301a
                001a002200
                """,
            json: #"{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q1","namespace":"ns1"},"spec":{"hard":{"cpu":"2","memory":"1Gi","pods":"10"}},"status":{}}"#
        ),
        Golden(
            command: "kubectl create priorityclass pc1 --value=1000 --description=high --preemption-policy=Never",
            hex: """
                6b3873000a250a147363686564756c696e672e6b38732e696f2f7631120d5072696f72697479436c61737312270a130a
                0370633112001a0022002a0032003800420010e80718002204686967682a054e657665721a002200
                """,
            json: #"{"apiVersion":"scheduling.k8s.io/v1","description":"high","kind":"PriorityClass","metadata":{"name":"pc1"},"preemptionPolicy":"Never","value":1000}"#
        ),
        Golden(
            command: "kubectl create poddisruptionbudget pdb1 -n ns1 --selector=app=web --min-available=50%",
            hex: """
                6b3873000a200a09706f6c6963792f76311213506f6444697372757074696f6e42756467657412400a170a0470646231
                12001a036e733122002a0032003800420012190a09080110001a03353025120c0a0a0a0361707012037765621a0a0800
                18002000280030001a002200
                """,
            json: #"{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"pdb1","namespace":"ns1"},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}},"status":{}}"#
        ),
        Golden(
            command: "kubectl create ingress ing1 -n ns1 --rule='foo.com/bar*=svc1:8080,tls=my-cert' --class=nginx",
            hex: """
                6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e6772657373126a0a170a04696e673112
                001a036e733122002a00320038004200124b12120a07666f6f2e636f6d12076d792d636572741a2e0a07666f6f2e636f
                6d12230a210a1f0a042f626172120f220d0a047376633112050a0010903f1a0650726566697822056e67696e781a020a
                001a002200
                """,
            json: #"{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"ing1","namespace":"ns1"},"spec":{"ingressClassName":"nginx","rules":[{"host":"foo.com","http":{"paths":[{"backend":{"service":{"name":"svc1","port":{"number":8080}}},"path":"/bar","pathType":"Prefix"}]}}],"tls":[{"hosts":["foo.com"],"secretName":"my-cert"}]},"status":{"loadBalancer":{}}}"#
        ),
        Golden(
            command: "kubectl create token sa1 -n ns1 --duration=1h --audience=api",
            hex: """
                6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e526571756573741222
                0a100a0012001a0022002a0032003800420012080a0361706920901c1a040a0012001a002200
                """,
            json: #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{},"spec":{"audiences":["api"],"expirationSeconds":3600},"status":{}}"#
        ),
    ]

    @Test("a body recorded from kubectl 1.33 decodes to the upstream JSON object", arguments: goldens)
    func kubectlBodyDecodesToUpstreamJSON(_ golden: Golden) throws {
        let decoded = try KubeProtobuf.decodeObject(ProtobufTestBytes.fromHex(golden.hex))
        #expect(decoded == (try JSONValue.parse(golden.json)))
    }

    /// Encoded by `protoc --encode=k8s.io.api.core.v1.Pod` with the descriptors compiled into
    /// kubectl 1.33, from a text-format pod that exercises inlined structs (volume sources,
    /// probe handlers, local object references), affinity, tolerations and spread constraints.
    @Test func podEncodedByProtocFromUpstreamDescriptorsDecodes() throws {
        let body = ProtobufTestBytes.fromHex("""
            6b3873000a090a0276311203506f64128a030a240a04726963681a0764656661756c7442060880e2cfaa065a0b0a0361
            707012047269636812e1020a270a0363666712209a011d0a0c0a0a6170702d636f6e666967120a0a01611205612e7478
            7418a4030a1b0a056361636865121212100a064d656d6f727912060a0436344d6912770a046d61696e12056170703a31
            22052d2d763d323a1e0a06504f445f49501a140a120a027631120c7374617475732e706f644950520f0a091a070a0508
            0010903f200a3003620e120c0a0a0a05736c6565700a01359a01120a044346475f120a0a080a06656e762d636db2010a
            0a080a060a047472756520009201331a31122f0864122b0a11120f0a036170701202496e1a04726963681a166b756265
            726e657465732e696f2f686f73746e616d65a80100b2013b0a256e6f64652d726f6c652e6b756265726e657465732e69
            6f2f636f6e74726f6c2d706c616e651206457869737473220a4e6f5363686564756c658a0226080112047a6f6e651a0d
            446f4e6f745363686564756c65220d0a0b0a03617070120472696368
            """)
        let expected = try JSONValue.parse(#"""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"rich","namespace":"default","labels":{"app":"rich"},"creationTimestamp":"2023-11-14T22:13:20Z"},
             "spec":{
               "volumes":[
                 {"name":"cfg","configMap":{"name":"app-config","defaultMode":420,"items":[{"key":"a","path":"a.txt"}]}},
                 {"name":"cache","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}}],
               "containers":[{"name":"main","image":"app:1","args":["--v=2"],
                 "envFrom":[{"configMapRef":{"name":"env-cm"},"prefix":"CFG_"}],
                 "env":[{"name":"POD_IP","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"status.podIP"}}}],
                 "livenessProbe":{"tcpSocket":{"port":8080},"periodSeconds":10,"failureThreshold":3},
                 "startupProbe":{"exec":{"command":["true"]}},
                 "lifecycle":{"preStop":{"exec":{"command":["sleep","5"]}}}}],
               "terminationGracePeriodSeconds":0,
               "automountServiceAccountToken":false,
               "affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
                 "podAffinityTerm":{"labelSelector":{"matchExpressions":[{"key":"app","operator":"In","values":["rich"]}]},
                 "topologyKey":"kubernetes.io/hostname"}}]}},
               "tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}],
               "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"zone","whenUnsatisfiable":"DoNotSchedule",
                 "labelSelector":{"matchLabels":{"app":"rich"}}}]}}
            """#)
        #expect(try KubeProtobuf.decodeObject(body) == expected)
    }
}
