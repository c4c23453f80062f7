#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character-set setup so that libedit reads and draws multibyte (e.g. Japanese) text.
public enum TerminalLocale {
    /// Takes LC_CTYPE from the environment; if that is not a UTF-8 locale (unset LANG in a
    /// container gives "C"), falls back to C.UTF-8. Must run before a `LineEditor` is created,
    /// because libedit decides at initialisation whether the terminal speaks UTF-8.
    /// Returns whether a UTF-8 character set is in force.
    @discardableResult
    public static func configure() -> Bool {
        if setlocale(LC_CTYPE, "") != nil, isUTF8 { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8 { return true }
        }
        return false
    }

    /// Whether the current LC_CTYPE character set is UTF-8.
    public static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
