import Foundation

/// kubetutor's own words in the shell, outside lessons and the quiz: the banner, `help`, the node
/// commands and timing notes. kubectl's own messages stay as kubectl prints them. Every entry has
/// both languages; `ShellText.all` lists them for the translation-coverage test.
public enum ShellText {
    public typealias Phrase = Localized

    static func p(_ en: String, _ ja: String) -> Phrase { Localized(["en": en, "ja": ja]) }

    // MARK: Banner
    public static let ready = p("kubetutor %@ — cluster \"%@\" ready: %@ nodes (%@) in %@s",
                                "kubetutor %@ — クラスタ「%@」の準備ができました: ノード %@ 台（%@）、%@ 秒")
    public static let typeHelp = p("Type `help` for commands, Ctrl-D to quit.", "`help` でコマンド一覧、Ctrl-D で終了します。")
    public static let limitsNotEnforced = p("Note: resource limits (memory, cpu, the pods' pids limit) are not enforced here: %@.",
                                            "注意: このマシンではリソース制限（メモリ、CPU、Pod の pids 上限）が効きません: %@。")
    public static let hostPaths = p("hostPath volumes may use: %@ (pods' root is not this machine's root: writes need permissions there).",
                                    "hostPath ボリュームで使えるディレクトリ: %@（Pod の root はこのマシンの root ではないので、書き込みにはそのディレクトリの権限が必要です）。")

    public static let apiServer = p("API server: %@ — for the real kubectl in another terminal: export KUBECONFIG=%@",
                                    "API サーバー: %@ — 別の端末で本物の kubectl を使うには: export KUBECONFIG=%@")
    public static let apiServerFailed = p("Note: the API server for other terminals did not start (%@); this shell works without it.",
                                          "注意: 別の端末向けの API サーバーを起動できませんでした（%@）。このシェルはそのまま使えます。")
    public static let helpKubeconfig = p("show how to use the real kubectl (or any Kubernetes client) against this cluster",
                                         "本物の kubectl（や他の Kubernetes クライアント）をこのクラスタに向ける方法を表示します")
    public static let kubeconfigUsage = p("In another terminal:\n  export KUBECONFIG=%@\n  kubectl get pods\nThe kubeconfig (context `kubetutor`, mode 0600) points at %@ and holds a bearer token; it is rewritten at every start.",
                                          "別の端末で:\n  export KUBECONFIG=%@\n  kubectl get pods\nこの kubeconfig（コンテキスト `kubetutor`、モード 0600）は %@ を指し、ベアラートークンを含みます。起動のたびに書き直されます。")
    public static let noAPIServer = p("The API server is not running in this session.", "このセッションでは API サーバーが動いていません。")

    // MARK: help
    public static let commandsHeading = p("kubetutor commands:", "kubetutor のコマンド:")
    public static let kubectlHeading = p("kubectl commands (with or without the `kubectl` prefix):",
                                         "kubectl のコマンド（先頭の `kubectl` は省略できます）:")
    public static let helpYAML = p("Typing YAML: a line starting with `apiVersion:` or `---` opens a manifest; an empty line applies it (like `kubectl apply -f -`); Ctrl-C abandons it.",
                                   "YAML の入力: `apiVersion:` か `---` で始まる行でマニフェストが始まり、空行で適用します（`kubectl apply -f -` と同じ）。Ctrl-C で破棄します。")
    public static let helpKeys = p("Keys: Tab completes, ↑/↓ walk the history, Ctrl-C clears the line, Ctrl-D quits.",
                                   "キー: Tab で補完、↑/↓ で履歴、Ctrl-C で行を消去、Ctrl-D で終了。")
    public static let helpKubectl = p("run a kubectl command against the embedded cluster (the `kubectl` prefix is optional; `k` works too)",
                                      "組み込みクラスタに kubectl コマンドを実行します（先頭の `kubectl` は省略可、`k` も使えます）")
    public static let helpHelp = p("show this list", "この一覧を表示します")
    public static let helpExit = p("stop the cluster and leave (also `quit` or Ctrl-D)", "クラスタを止めて終了します（`quit` か Ctrl-D も可）")
    public static let helpQuiz = p("write YAML from memory, graded by meaning (hint, skip, apply, quiz end)",
                                   "何も見ずに YAML を書き、意味で採点します（hint、skip、apply、quiz end）")
    public static let helpNode = p("power a node off (every process on it dies, its kubelet goes silent) or on again",
                                   "ノードの電源を切る（上のプロセスはすべて止まり kubelet も沈黙）か、入れ直します")
    public static let helpNodes = p("each node's status, power and pods, and the node timing in force",
                                    "各ノードの状態・電源・Pod 数と、使っているノードのタイミング")

    public static let helpEdit = p("open the last manifest you typed in your editor ($KUBE_EDITOR, $EDITOR or vi) and apply it when saved",
                                   "最後に入力したマニフェストをエディタ（$KUBE_EDITOR、$EDITOR、なければ vi）で開き、保存すると適用します")
    public static let editNothing = p("edit: no manifest typed yet in this session (type one at the prompt, starting with `apiVersion:`)",
                                      "edit: このセッションではまだマニフェストを入力していません（プロンプトで `apiVersion:` から入力します）")

    public static let manifestSplit = p("kubetutor: the blank line before `%@` ended the manifest, so that line was read as a command. Inside a manifest, keep lines indented under their key, or type it without the blank line.",
                                        "kubetutor: `%@` の前の空行でマニフェストが終わったため、その行をコマンドとして読みました。マニフェストの中では行をキーの下にインデントするか、空行を入れずに入力してください。")

    // MARK: Nodes
    public static let nodeStopped = p("node/%@ stopped: its processes were killed and its kubelet is silent; NotReady after %@s, its pods evicted %@s later (timing %@)",
                                      "node/%@ を停止しました: プロセスは止まり kubelet も沈黙しています。%@ 秒後に NotReady、その %@ 秒後に Pod が退避されます（タイミング %@）")
    public static let nodeStarted = p("node/%@ started: its kubelet posts status again; pods deleted while it was down are cleaned up",
                                      "node/%@ を起動しました: kubelet が再び状態を報告します。停止中に削除された Pod は片付けられます")
    public static let nodeUsage = p("usage: node stop|start NAME", "使い方: node stop|start 名前")
    public static let nodeTiming = p("node timing %@", "ノードのタイミング %@")
    public static let timingSet = p("node timing %@; new pods tolerate an unreachable node for %@s, existing pods keep theirs",
                                    "ノードのタイミング %@。新しい Pod は到達不能なノードを %@ 秒許容し、既存の Pod は元の値のままです")
    public static let timingUsage = p("usage: set timing fast|real (now: %@)", "使い方: set timing fast|real（現在: %@）")
    public static let timingNote = p("kubetutor: node timing %@; `set timing %@` switches", "kubetutor: ノードのタイミング %@。`set timing %@` で切り替えます")

    /// Every phrase, for the translation-coverage test.
    public static let all: [(name: String, phrase: Phrase)] = [
        ("ready", ready), ("typeHelp", typeHelp), ("apiServer", apiServer), ("apiServerFailed", apiServerFailed),
        ("helpKubeconfig", helpKubeconfig), ("kubeconfigUsage", kubeconfigUsage), ("noAPIServer", noAPIServer), ("limitsNotEnforced", limitsNotEnforced), ("hostPaths", hostPaths),
        ("commandsHeading", commandsHeading), ("kubectlHeading", kubectlHeading), ("helpYAML", helpYAML), ("helpKeys", helpKeys),
        ("helpKubectl", helpKubectl), ("helpHelp", helpHelp), ("helpExit", helpExit), ("helpQuiz", helpQuiz),
        ("helpEdit", helpEdit), ("manifestSplit", manifestSplit), ("editNothing", editNothing), ("helpNode", helpNode), ("helpNodes", helpNodes), ("nodeStopped", nodeStopped), ("nodeStarted", nodeStarted),
        ("nodeUsage", nodeUsage), ("nodeTiming", nodeTiming), ("timingSet", timingSet), ("timingUsage", timingUsage),
        ("timingNote", timingNote),
    ]
}

extension Localized {
    /// The text in `language` with each `%@` replaced by the next argument.
    public func format(_ language: Language, _ args: CustomStringConvertible...) -> String {
        var out = ""
        var rest = Substring(text(language))
        var index = 0
        while let range = rest.range(of: "%@") {
            out += rest[..<range.lowerBound]
            out += index < args.count ? args[index].description : ""
            index += 1
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
