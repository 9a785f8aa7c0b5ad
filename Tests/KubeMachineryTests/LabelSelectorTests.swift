import Testing
@testable import KubeMachinery

struct LabelSelectorTests {
    @Test("Parsed selectors print in upstream's normal form: sorted by key, values sorted", arguments: [
        ("", ""), ("   ", ""),
        ("a=b", "a=b"), ("a==b", "a==b"), ("a!=b", "a!=b"),
        (" x = y , a in ( c , b ) ", "a in (b,c),x=y"),
        ("a notin (x)", "a notin (x)"), ("a", "a"), ("!a", "!a"), ("! a", "!a"),
        ("a=", "a="), ("a in ()", "a in ()"), ("a in (,x)", "a in (,x)"),
        ("k>5,k<10", "k>5,k<10"), ("in in (in),notin=notin", "in in (in),notin=notin"),
        ("example.com/app=web,tier", "example.com/app=web,tier"),
    ])
    func normalForm(input: String, printed: String) throws {
        #expect(try LabelSelector(parsing: input).description == printed)
    }

    @Test("Matching follows upstream's operator semantics", arguments: [
        ("", ["any": "x"], true), ("", [:], true),
        ("app=web", ["app": "web"], true), ("app=web", ["app": "db"], false), ("app=web", [:], false),
        ("app==web", ["app": "web"], true),
        ("app!=web", ["app": "db"], true), ("app!=web", [:], true), ("app!=web", ["app": "web"], false),
        ("env in (a,b)", ["env": "b"], true), ("env in (a,b)", ["env": "c"], false), ("env in (a,b)", [:], false),
        ("env notin (a,b)", ["env": "c"], true), ("env notin (a,b)", [:], true), ("env notin (a)", ["env": "a"], false),
        ("app", ["app": ""], true), ("app", [:], false), ("!app", [:], true), ("!app", ["app": "x"], false),
        ("app=", ["app": ""], true), ("app=", [:], false),
        ("n>5", ["n": "6"], true), ("n>5", ["n": "5"], false), ("n>5", ["n": "x"], false), ("n<5", ["n": "-1"], true),
        ("app=web,tier!=db", ["app": "web", "tier": "cache"], true), ("app=web,tier!=db", ["app": "web", "tier": "db"], false),
    ] as [(String, [String: String], Bool)])
    func matching(selector: String, labels: [String: String], expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
    }

    @Test("Malformed selectors fail with upstream's messages", arguments: [
        ("a=b,", "found '', expected: identifier after ','"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        (",a", "found ',', expected: !, identifier, or 'end of string'"),
        ("=b", "found '=', expected: !, identifier, or 'end of string'"),
        ("a in b", "unable to parse requirement: found 'b' expected: '('"),
        ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"),
        ("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
        ("!=a", "found '!=', expected: !, identifier, or 'end of string'"),
        ("! =a", "unable to parse requirement: found '=', expected: identifier"),
        ("k>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("-a=b", "unable to parse requirement: <nil>: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        ("app=-web", "unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
    ])
    func parseErrors(input: String, message: String) {
        #expect(throws: SelectorParseError(message)) { try LabelSelector(parsing: input) }
    }

    @Test("A parse error becomes a 400 BadRequest carrying the message")
    func parseErrorIsBadRequest() {
        do {
            _ = try LabelSelector(parsing: "a=b,")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.apiError.code == 400)
            #expect(error.apiError.reason == "BadRequest")
            #expect(error.apiError.message == "found '', expected: identifier after ','")
        }
    }

    @Test("Several bad values are reported together in brackets")
    func aggregateErrors() {
        #expect(throws: SelectorParseError("unable to parse requirement: [values[0][a]: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'), values[1][a]: Invalid value: \"-y\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]")) {
            try LabelSelector(parsing: "a in (-y,-x)")
        }
    }

    // MARK: metav1.LabelSelector

    @Test("A missing metav1 selector matches nothing; an empty one matches everything")
    func metav1NilAndEmpty() throws {
        #expect(try LabelSelector(metav1: nil).matches([:]) == false)
        #expect(try LabelSelector(metav1: .null).matches(["a": "b"]) == false)
        #expect(try LabelSelector(metav1: [:]).matches(["a": "b"]) == true)
        #expect(try LabelSelector(metav1: ["matchLabels": [:]]).isEverything)
        #expect(LabelSelector.nothing != LabelSelector.everything)
    }

    @Test("matchLabels and matchExpressions combine with AND", arguments: [
        (["app": "web", "env": "prod"], true), (["app": "web", "env": "dev"], false),
        (["app": "web"], false), (["app": "web", "env": "prod", "legacy": "1"], false),
    ])
    func metav1Matching(labels: [String: String], expected: Bool) throws {
        let json: JSONValue = [
            "matchLabels": ["app": "web"],
            "matchExpressions": [
                ["key": "env", "operator": "In", "values": ["prod", "staging"]],
                ["key": "legacy", "operator": "DoesNotExist"],
            ],
        ]
        let selector = try LabelSelector(metav1: json)
        #expect(selector.description == "app=web,env in (prod,staging),!legacy")
        #expect(selector.matches(labels) == expected)
    }

    @Test("An unknown metav1 operator is refused when converting")
    func metav1UnknownOperator() {
        #expect(throws: SelectorParseError("\"Matches\" is not a valid label selector operator")) {
            try LabelSelector(metav1: ["matchExpressions": [["key": "a", "operator": "Matches"]]])
        }
    }

    @Test("metav1 selector validation reports upstream's paths and messages", arguments: [
        (["matchExpressions": [["key": "a", "operator": "In"]]],
         ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]),
        (["matchExpressions": [["key": "a", "operator": "Exists", "values": ["x"]]]],
         ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]),
        (["matchExpressions": [["key": "a", "operator": "In", "values": ["x"]], ["key": "b", "operator": "Equals", "values": ["y"]]]],
         ["spec.selector.matchExpressions[1].operator: Invalid value: \"Equals\": not a valid selector operator"]),
        (["matchExpressions": [["key": "a b", "operator": "Exists"]]],
         ["spec.selector.matchExpressions[0].key: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
        (["matchLabels": ["app": "a b"]],
         ["spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        (["matchLabels": ["app": "web"], "matchExpressions": [["key": "x", "operator": "NotIn", "values": ["1"]]]], []),
    ] as [(JSONValue, [String])])
    func metav1Validation(json: JSONValue, expected: [String]) {
        #expect(LabelSelector.validateMetav1(json, path: "spec.selector").map(\.description) == expected)
    }

    @Test("The JSON form round-trips through conversion")
    func metav1RoundTrip() throws {
        let selector = try LabelSelector(parsing: "app=web,env in (a,b),!old,tier")
        let again = try LabelSelector(metav1: selector.metav1JSON)
        #expect(again == selector)
        #expect(LabelSelector.nothing.metav1JSON == .null)
    }

    @Test("Equality-only selectors expose the labels an object needs")
    func exactMatchLabels() throws {
        #expect(try LabelSelector(matchLabels: ["app": "web", "tier": "fe"]).exactMatchLabels == ["app": "web", "tier": "fe"])
        #expect(try LabelSelector(parsing: "app=web,env!=x").exactMatchLabels == nil)
    }
}
