import KubeMachinery

/// Scheduling constraints: affinity, tolerations and topology spread.
enum AffinitySchemas {
    static let nodeSelectorRequirement = Schema.named(Def.core + "NodeSelectorRequirement", "One node label or field match.",
        required: ["key", "operator"], [
        "key": .string("Label or field key."),
        "operator": .string("In, NotIn, Exists, DoesNotExist, Gt or Lt."),
        "values": .stringList("Values to compare with."),
    ])
    static let nodeSelectorTerm = Schema.named(Def.core + "NodeSelectorTerm", "Requirements ANDed together.", [
        "matchExpressions": .list(of: nodeSelectorRequirement, "Requirements on node labels."),
        "matchFields": .list(of: nodeSelectorRequirement, "Requirements on node fields."),
    ])
    static let nodeSelector = Schema.named(Def.core + "NodeSelector", "Terms ORed together.", required: ["nodeSelectorTerms"], [
        "nodeSelectorTerms": .list(of: nodeSelectorTerm, "The terms."),
    ])
    static let preferredSchedulingTerm = Schema.named(Def.core + "PreferredSchedulingTerm", "A weighted node preference.",
        required: ["weight", "preference"], [
        "preference": nodeSelectorTerm,
        "weight": .int32("Weight, 1 to 100."),
    ])
    static let nodeAffinity = Schema.named(Def.core + "NodeAffinity", "Rules on which nodes a pod may or prefers to run.", [
        "preferredDuringSchedulingIgnoredDuringExecution": .list(of: preferredSchedulingTerm, "Soft node preferences."),
        "requiredDuringSchedulingIgnoredDuringExecution": nodeSelector,
    ])
    static let podAffinityTerm = Schema.named(Def.core + "PodAffinityTerm", "Pods to be co-located with or apart from.",
        required: ["topologyKey"], [
        "labelSelector": Meta.labelSelector,
        "matchLabelKeys": .stringList("Label keys whose values are taken from the incoming pod."),
        "mismatchLabelKeys": .stringList("Label keys whose values must differ from the incoming pod's."),
        "namespaceSelector": Meta.labelSelector,
        "namespaces": .stringList("Namespaces the term applies to."),
        "topologyKey": .string("Node label defining the topology domain."),
    ])
    static let weightedPodAffinityTerm = Schema.named(Def.core + "WeightedPodAffinityTerm", "A weighted pod affinity term.",
        required: ["weight", "podAffinityTerm"], [
        "podAffinityTerm": podAffinityTerm,
        "weight": .int32("Weight, 1 to 100."),
    ])
    static let podAffinity = Schema.named(Def.core + "PodAffinity", "Rules to co-locate pods.", [
        "preferredDuringSchedulingIgnoredDuringExecution": .list(of: weightedPodAffinityTerm, "Soft preferences."),
        "requiredDuringSchedulingIgnoredDuringExecution": .list(of: podAffinityTerm, "Hard requirements."),
    ])
    static let podAntiAffinity = Schema.named(Def.core + "PodAntiAffinity", "Rules to keep pods apart.", [
        "preferredDuringSchedulingIgnoredDuringExecution": .list(of: weightedPodAffinityTerm, "Soft preferences."),
        "requiredDuringSchedulingIgnoredDuringExecution": .list(of: podAffinityTerm, "Hard requirements."),
    ])
    static let affinity = Schema.named(Def.core + "Affinity", "Node, pod and anti-pod affinity rules.", [
        "nodeAffinity": nodeAffinity,
        "podAffinity": podAffinity,
        "podAntiAffinity": podAntiAffinity,
    ])
    static let toleration = Schema.named(Def.core + "Toleration", "Lets a pod schedule onto nodes with a matching taint.", [
        "effect": .string("NoSchedule, PreferNoSchedule or NoExecute; empty matches all."),
        "key": .string("Taint key; empty with Exists matches every taint."),
        "operator": .string("Exists or Equal."),
        "tolerationSeconds": .int64("How long a NoExecute taint is tolerated."),
        "value": .string("Taint value to match."),
    ])
    static let topologySpreadConstraint = Schema.named(Def.core + "TopologySpreadConstraint", "How to spread matching pods across domains.",
        required: ["maxSkew", "topologyKey", "whenUnsatisfiable"], [
        "labelSelector": Meta.labelSelector,
        "matchLabelKeys": .stringList("Label keys whose values are taken from the incoming pod."),
        "maxSkew": .int32("Largest allowed difference between domains."),
        "minDomains": .int32("Minimum number of eligible domains."),
        "nodeAffinityPolicy": .string("Honor or Ignore."),
        "nodeTaintsPolicy": .string("Honor or Ignore."),
        "topologyKey": .string("Node label defining the domain."),
        "whenUnsatisfiable": .string("DoNotSchedule or ScheduleAnyway."),
    ])
}
