import KubeAPI

/// One `kubectl get` table before printing: what the server's Table object carries.
public struct ResourceTable: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        /// As in kubectl's column definitions ("Nominated Node"); printed upper-cased.
        public var name: String
        /// Priority-1 columns appear only with `-o wide`.
        public var wideOnly: Bool
        public init(_ name: String, wideOnly: Bool = false) {
            self.name = name
            self.wideOnly = wideOnly
        }
    }

    public struct Row: Equatable, Sendable {
        /// One cell per column, wide ones included.
        public var cells: [String]
        /// For `--all-namespaces` (NAMESPACE column).
        public var namespace: String
        /// For `--show-labels` and `-L`.
        public var labels: [String: String]
        public init(cells: [String], namespace: String = "", labels: [String: String] = [:]) {
            self.cells = cells
            self.namespace = namespace
            self.labels = labels
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    public init(columns: [Column], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }
}

/// `kubectl get` flags that shape a table.
public struct TableOptions: Equatable, Sendable {
    /// `-o wide`
    public var wide = false
    /// `--no-headers`
    public var noHeaders = false
    /// `--show-labels`: a final LABELS column.
    public var showLabels = false
    /// `-L key1,key2`: one column per key, headed by the key's last path segment upper-cased.
    public var labelColumns: [String] = []
    /// `-A`: a leading NAMESPACE column.
    public var withNamespace = false
    /// When several kinds print together, NAME cells read `<kind>/<name>` (e.g. `deployment.apps`).
    public var kindPrefix: String? = nil
    public init(wide: Bool = false, noHeaders: Bool = false, showLabels: Bool = false,
                labelColumns: [String] = [], withNamespace: Bool = false, kindPrefix: String? = nil) {
        self.wide = wide
        self.noHeaders = noHeaders
        self.showLabels = showLabels
        self.labelColumns = labelColumns
        self.withNamespace = withNamespace
        self.kindPrefix = kindPrefix
    }
}
