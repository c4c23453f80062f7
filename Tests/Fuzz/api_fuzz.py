"""Sends generated requests to kubetutor's API server and counts what kube-apiserver never does:
answers of 5xx, connections dropped without an answer, and a server that stops answering.

Usage: api_fuzz.py KUBECONFIG COUNT SEED   (run by the end-to-end tests' APIFuzzTests)

Requests are built from the server's own discovery (every resource, subresource, verb) and then
broken: unknown paths and methods, bad query parameters, mutated and malformed bodies (wrong
types, missing fields, deep nesting, YAML alias bombs, invalid UTF-8, protobuf garbage), wrong
content types, and a body over the 3 MiB limit; while one connection sends half a request and
stalls, the others must still be served. Standard library only (http.client, ssl).
Prints one line of counts; exits 1 when any count that must be zero is not.
"""

import base64
import http.client
import json
import os
import random
import socket
import ssl
import sys
import tempfile
import urllib.parse

import yaml  # PyYAML, a dependency of the kubernetes client in the tests' virtualenv


def load(path):
    with open(path) as f:
        cfg = yaml.safe_load(f)
    cluster = cfg["clusters"][0]["cluster"]
    user = cfg["users"][0]["user"]
    host, port = cluster["server"].removeprefix("https://").split(":")
    ca = tempfile.NamedTemporaryFile("wb", suffix=".crt", delete=False)
    ca.write(base64.b64decode(cluster["certificate-authority-data"]))
    ca.close()
    context = ssl.create_default_context(cafile=ca.name)
    return host, int(port), user["token"], context


HOST, PORT, TOKEN, TLS = load(sys.argv[1])
COUNT = int(sys.argv[2])
rng = random.Random(int(sys.argv[3]))
# FUZZ_SHOW=404 also prints the first requests answered 404 (to see what a run exercises).
SHOW = int(os.environ.get("FUZZ_SHOW", "0") or 0)


def connect():
    return http.client.HTTPSConnection(HOST, PORT, context=TLS, timeout=10)


def request(method, path, body=None, headers=None, conn=None):
    """(status, body) of one request; status 0 when the connection broke without an answer."""
    own = conn is None
    conn = conn or connect()
    h = {"Authorization": "Bearer " + TOKEN}
    h.update(headers or {})
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return r.status, data
    except (ConnectionError, http.client.HTTPException, socket.timeout, ssl.SSLError, OSError) as e:
        return 0, str(e).encode()
    finally:
        if own:
            conn.close()


POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "fz", "labels": {"app": "fz"}},
       "spec": {"containers": [{"name": "c", "image": "busybox", "command": ["sleep", "3600"]}]}}
DEPLOY = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "fzd"},
          "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "fzd"}},
                   "template": {"metadata": {"labels": {"app": "fzd"}}, "spec": POD["spec"]}}}
WEIRD = ["", "-", "A", "a" * 300, "..", "%00", "%2F", "ünïcode", "a b", "x" * 70, "0", "-1", "null", "[", "{}"]
VALUES = [None, True, False, 0, -1, 2 ** 31, 2 ** 63, -2 ** 63, 1.5, float("1e308"), "", "x" * 5000, [], {}, [1, "a"], {"a": {"b": None}}]


def mutate(value, depth=0):
    """A copy of `value` with a few fields removed, retyped or made strange."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            r = rng.random()
            if r < 0.08:
                continue
            if r < 0.16:
                out[k] = rng.choice(VALUES)
            else:
                out[k] = mutate(v, depth + 1)
        if rng.random() < 0.1:
            out[rng.choice(WEIRD)] = rng.choice(VALUES)
        return out
    if isinstance(value, list):
        items = [mutate(v, depth + 1) for v in value]
        if rng.random() < 0.1:
            items = items * rng.randint(2, 50)
        return items
    if rng.random() < 0.1:
        return rng.choice(VALUES)
    if isinstance(value, str) and rng.random() < 0.1:
        return rng.choice(WEIRD)
    return value


def body(plural):
    """(bytes, content type) of a request body, mostly of the kind the path names."""
    kind = rng.random()
    base = {"pods": POD, "deployments": DEPLOY}.get(plural) if rng.random() < 0.9 else None
    base = base or rng.choice([POD, DEPLOY])
    if kind < 0.3:
        # Intact objects, so that later requests find something to patch, replace and delete.
        return json.dumps(base).encode(), "application/json"
    if kind < 0.45:
        return json.dumps(mutate(base)).encode(), "application/json"
    if kind < 0.55:
        return yaml.safe_dump(mutate(base)).encode(), "application/yaml"
    if kind < 0.6:
        n = rng.choice([100, 1000, 5000])
        return ("[" * n + "]" * n).encode(), "application/json"
    if kind < 0.65:
        bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
        return bomb.encode(), "application/yaml"
    if kind < 0.7:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300))), rng.choice(["application/json", "application/yaml"])
    if kind < 0.75:
        return b"k8s\x00" + bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200))), "application/vnd.kubernetes.protobuf"
    if kind < 0.8:
        return json.dumps(mutate(base)).encode(), rng.choice(["text/html", "application/xml", "", "application/json; charset=bogus", "*/*"])
    if kind < 0.9:
        patch = rng.choice([[{"op": "replace", "path": "/spec/replicas", "value": rng.choice(VALUES)}],
                            [{"op": rng.choice(["add", "remove", "move", "copy", "test", "bogus"]), "path": rng.choice(["/", "/metadata/x", "/spec/containers/9", "~1", ""])}],
                            mutate({"metadata": {"labels": {"k": "v"}}, "spec": {"replicas": 2, "$patch": rng.choice(["delete", "replace", "bogus"])}})])
        return json.dumps(patch).encode(), rng.choice(["application/json-patch+json", "application/merge-patch+json",
                                                        "application/strategic-merge-patch+json", "application/apply-patch+yaml"])
    return b"", "application/json"


def query():
    params = [
        "labelSelector=" + rng.choice(["app=fz", "app%20in%20(", "!!", "a" * 500, "x,y!=z", "app%3D%3D"]),
        "fieldSelector=" + rng.choice(["metadata.name=fz", "spec.nodeName=", "status.phase!=Running", "nosuch=x", "=", "a==b==c"]),
        "limit=" + rng.choice(["1", "0", "-1", "99999999999999999999", "x"]),
        "continue=" + rng.choice(["", "garbage", base64.b64encode(b'{"after":"x","revision":-5}').decode(), "%%%"]),
        "resourceVersion=" + rng.choice(["0", "1", "-1", "x", "99999999999"]),
        "dryRun=" + rng.choice(["All", "Some", ""]),
        "propagationPolicy=" + rng.choice(["Foreground", "Background", "Orphan", "Bogus"]),
        "gracePeriodSeconds=" + rng.choice(["0", "-5", "1", "99999999999", "x"]),
        "fieldValidation=" + rng.choice(["Strict", "Warn", "Ignore", "Bogus"]),
        "watch=" + rng.choice(["1", "true", "false", "x"]) + "&timeoutSeconds=1",
        "follow=false&tailLines=" + rng.choice(["1", "-1", "x"]),
        "container=" + rng.choice(["c", "nosuch", ""]),
        "pretty=" + rng.choice(["true", "x"]),
    ]
    return "&".join(rng.sample(params, rng.randint(0, 3))) if rng.random() < 0.5 else ""


def discover():
    paths = []
    for prefix in ["/api/v1", "/apis/apps/v1"]:
        status, data = request("GET", prefix)
        for r in json.loads(data)["resources"]:
            plural, _, sub = r["name"].partition("/")
            paths.append((plural, sub, r["namespaced"], prefix))
    return paths


def path(resources, method):
    """(path with query, the resource's plural)."""
    r = rng.random()
    if r < 0.08:
        return "", rng.choice(["/", "/api", "/apis", "/version", "/healthz", "/openapi/v3", "/openapi/v2", "/apis/apps",
                           "/api/v2", "/apis/nosuch.io/v1/things", "/" + "a/" * 400, "/api/v1/../../etc/passwd",
                           "/api/v1/namespaces/default/pods/%00", "/openapi/v3/api/v1", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"])
    plural, sub, namespaced, prefix = rng.choice(resources)
    if rng.random() < 0.5:
        plural, sub, namespaced, prefix = rng.choice([r for r in resources if r[0] in ("pods", "deployments")])
    name = rng.choice(["fz", "fzd", "web", rng.choice(WEIRD), None])
    ns = rng.choice(["default", "default", "kube-system", "nosuch", rng.choice(WEIRD)])
    if rng.random() < 0.3:
        name, ns = rng.choice(["fz", "fzd", None]), "default"
    if method == "POST" and not sub and rng.random() < 0.8:
        name = None
    p = prefix + (f"/namespaces/{ns}" if namespaced and rng.random() < 0.9 else "") + "/" + plural
    if name is not None:
        p += "/" + name
        if sub or rng.random() < 0.05:
            p += "/" + (sub or rng.choice(["status", "nosuch", "log", "scale"]))
    q = query()
    return plural, urllib.parse.quote(p + ("?" + q if q else ""), safe="/?&=%()!,")


def main():
    resources = discover()
    counts = {"requests": 0, "5xx": 0, "dropped": 0, "413": 0}
    codes = {}
    samples = []
    # One connection sends half a request and stalls; everything below must still be served.
    stalled = socket.create_connection((HOST, PORT))
    stalled = TLS.wrap_socket(stalled, server_hostname=HOST)
    stalled.sendall(b"POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + TOKEN.encode() + b"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"kind\":")
    big = json.dumps({**POD, "metadata": {"name": "big", "annotations": {"a": "x" * (3 * 1024 * 1024 + 10)}}}).encode()
    status, _ = request("POST", "/api/v1/namespaces/default/pods", big, {"Content-Type": "application/json"})
    counts["413"] = 1 if status == 413 else 0
    conn = connect()
    for i in range(COUNT):
        method = rng.choice(["GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "FOO"])
        plural, p = path(resources, method)
        data, ctype = body(plural) if method in ("POST", "PUT", "PATCH") or rng.random() < 0.05 else (None, None)
        headers = {}
        if ctype is not None:
            headers["Content-Type"] = ctype
        if rng.random() < 0.2:
            headers["Accept"] = rng.choice(["application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
                                            "application/yaml", "application/vnd.kubernetes.protobuf", "text/html", "*/*"])
        status, answer = request(method, p, data, headers, conn=conn)
        counts["requests"] += 1
        codes[status] = codes.get(status, 0) + 1
        if status == 0:
            counts["dropped"] += 1
            conn.close()
            conn = connect()
        elif status >= 500:
            counts["5xx"] += 1
        if (status == 0 or status >= 500 or status == SHOW) and len(samples) < 8:
            samples.append(f"{method} {p[:120]} {ctype} -> {status} {answer[:200]!r}")
        if status == 0 or rng.random() < 0.02:
            conn.close()
            conn = connect()
    conn.close()
    ready, _ = request("GET", "/readyz")
    status, data = request("GET", "/api/v1/pods")
    listed = json.loads(data) if status == 200 else {}
    stalled.close()
    ok = counts["5xx"] == 0 and counts["dropped"] == 0 and counts["413"] == 1 and ready == 200 and status == 200 \
        and listed.get("kind") == "PodList"
    print(f"requests {counts['requests']} 5xx {counts['5xx']} dropped {counts['dropped']} oversized-413 {counts['413']} "
          f"ready {ready} list {status}; answers " + " ".join(f"{c}:{n}" for c, n in sorted(codes.items())))
    for s in samples:
        print("  " + s)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
