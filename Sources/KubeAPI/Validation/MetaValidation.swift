/// ValidateObjectMeta: name (or generateName), namespace, labels, annotations.
func validateObjectMeta(
    _ meta: ObjectMeta, namespaced: Bool, nameRule: (String, Bool) -> [String], path: String = "metadata"
) -> [FieldError] {
    var errs: [FieldError] = []
    if let g = meta.generateName, !g.isEmpty {
        errs += nameRule(g, true).map { .invalid("\(path).generateName", g, $0) }
    }
    if meta.name.isEmpty {
        if (meta.generateName ?? "").isEmpty { errs.append(.required("\(path).name", "name or generateName is required")) }
    } else {
        errs += nameRule(meta.name, false).map { .invalid("\(path).name", meta.name, $0) }
    }
    if let ns = meta.namespace, !ns.isEmpty {
        if !namespaced {
            errs.append(.forbidden("\(path).namespace", "not allowed on this type"))
        } else {
            errs += isDNS1123Label(ns).map { .invalid("\(path).namespace", ns, $0) }
        }
    }
    errs += validateLabels(meta.labels, path: "\(path).labels")
    errs += validateAnnotations(meta.annotations, path: "\(path).annotations")
    return errs
}

/// ValidateLabels: qualified-name keys, label-rule values (keys in sorted order for stable output).
public func validateLabels(_ labels: [String: String], path: String) -> [FieldError] {
    var errs: [FieldError] = []
    for key in labels.keys.sorted() {
        errs += isQualifiedName(key).map { .invalid(path, key, $0) }
        let value = labels[key] ?? ""
        errs += isValidLabelValue(value).map { .invalid(path, value, $0) }
    }
    return errs
}

func validateAnnotations(_ annotations: [String: String], path: String) -> [FieldError] {
    annotations.keys.sorted().flatMap { key in isQualifiedName(key.lowercased()).map { FieldError.invalid(path, key, $0) } }
}

/// ValidateLabelSelector: operators, their values, and key/value syntax.
func validateLabelSelector(_ selector: LabelSelector, path: String) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, req) in selector.matchExpressions.enumerated() {
        let p = "\(path).matchExpressions[\(i)]"
        switch req.operator {
        case "In", "NotIn":
            if req.values.isEmpty { errs.append(.required("\(p).values", "must be specified when `operator` is 'In' or 'NotIn'")) }
        case "Exists", "DoesNotExist":
            if !req.values.isEmpty { errs.append(.forbidden("\(p).values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")) }
        default:
            errs.append(.invalid("\(p).operator", req.operator, "not a valid selector operator"))
        }
        errs += isQualifiedName(req.key).map { .invalid("\(p).key", req.key, $0) }
    }
    errs += validateLabels(selector.matchLabels, path: "\(path).matchLabels")
    return errs
}

func nonNegative(_ value: Int, _ path: String) -> [FieldError] {
    value < 0 ? [.invalid(path, value, "must be greater than or equal to 0")] : []
}

/// Go's `%#v` of a LabelSelector, as in "spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable".
func goSelectorSyntax(_ s: LabelSelector) -> String {
    let labels = s.matchLabels.isEmpty ? "map[string]string(nil)" : goMapSyntax(s.matchLabels)
    let exprs: String
    if s.matchExpressions.isEmpty {
        exprs = "[]v1.LabelSelectorRequirement(nil)"
    } else {
        exprs = "[]v1.LabelSelectorRequirement{" + s.matchExpressions.map { r in
            let values = r.values.isEmpty ? "[]string(nil)" : "[]string{" + r.values.map(goQuoted).joined(separator: ", ") + "}"
            return "v1.LabelSelectorRequirement{Key:\(goQuoted(r.key)), Operator:\(goQuoted(r.operator)), Values:\(values)}"
        }.joined(separator: ", ") + "}"
    }
    return "v1.LabelSelector{MatchLabels:\(labels), MatchExpressions:\(exprs)}"
}
