import KubeMachinery
import Yams

/// YAML request and response bodies (`application/yaml`), converted to and from `JSONValue` so
/// the rest of the request path never sees YAML.
enum YAMLBody {
    static func parse(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        let text = String(decoding: bytes, as: UTF8.self)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw APIError.badRequest("couldn't get version/kind; json parse error: error converting YAML to JSON: \(error)")
        }
        guard let node else { throw APIError.badRequest("the body of the request was empty") }
        do {
            return try json(node)
        } catch let e as APIError {
            throw e
        } catch {
            throw APIError.badRequest("error converting YAML to JSON: \(error)")
        }
    }

    private static func json(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let s):
            if s.style == .plain || s.style == .any {
                if node.null != nil && (s.string == "" || s.string == "~" || s.string.lowercased() == "null") { return .null }
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .int(Int64(i)) }
                if let d = node.float, s.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .double(d) }
            }
            return .string(s.string)
        case .sequence(let seq):
            return .array(try seq.map(json))
        case .mapping(let map):
            var out: [String: JSONValue] = [:]
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    throw APIError.badRequest("error converting YAML to JSON: yaml: invalid map key: \(k)")
                }
                out[ks.string] = try json(v)
            }
            return .object(out)
        case .alias:
            throw APIError.badRequest("error converting YAML to JSON: yaml: aliases are not supported")
        }
    }

    static func serialize(_ value: JSONValue) -> [UInt8] {
        let text = (try? Yams.serialize(node: node(value), sortKeys: true)) ?? ""
        return Array(text.utf8)
    }

    private static func node(_ v: JSONValue) -> Node {
        switch v {
        case .null: return Node("null", Tag(.null))
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .int(let i): return Node(String(i), Tag(.int))
        case .double(let d): return Node(String(d), Tag(.float))
        case .string(let s): return (try? s.represented()) ?? Node(s)
        case .array(let a): return Node(a.map(node))
        case .object(let o): return Node(o.keys.sorted().map { (Node($0), node(o[$0]!)) })
        }
    }
}
