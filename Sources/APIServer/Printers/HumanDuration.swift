import Foundation
import KubeAPI

/// Ages as kubectl prints them (k8s.io/apimachinery/pkg/util/duration), computed in whole
/// nanoseconds like Go's `time.Duration` so that float noise in `Date` arithmetic never turns
/// 60 s into "59s".
public enum HumanDuration {
    /// `HumanDuration`: about 2–3 significant figures: `59s`, `2m1s`, `10m`, `3h5m`, `47h`, `7d23h`, `2y3d`.
    /// Up to one second in the future prints `0s` (clock skew); further is `<invalid>`.
    public static func format(_ interval: TimeInterval) -> String {
        let d = nanoseconds(interval)
        let seconds = d / second
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = d / minute
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = d / hour
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `ShortHumanDuration`: one unit only (`45s`, `3m`, `5h`, `12d`, `2y`).
    public static func short(_ interval: TimeInterval) -> String {
        let d = nanoseconds(interval)
        let seconds = d / second
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 { return "\(seconds)s" }
        let minutes = d / minute
        if minutes < 60 { return "\(minutes)m" }
        let hours = d / hour
        if hours < 24 { return "\(hours)h" }
        if hours < 24 * 365 { return "\(hours / 24)d" }
        return "\(hours / 24 / 365)y"
    }

    /// kubectl's `translateTimestampSince`: `<unknown>` for an unset timestamp, else the age at `now`.
    public static func since(_ timestamp: Date?, now: Date) -> String {
        guard let timestamp else { return "<unknown>" }
        return format(now.timeIntervalSince(timestamp))
    }

    private static let second: Int64 = 1_000_000_000
    private static let minute: Int64 = 60 * second
    private static let hour: Int64 = 60 * minute

    /// Go's Duration saturates at ±292 years; clamping here also keeps NaN/∞ from trapping.
    private static func nanoseconds(_ interval: TimeInterval) -> Int64 {
        guard interval.isFinite else { return interval > 0 ? Int64.max : Int64.min }
        let limit = 9.2e9
        let clamped = min(max(interval, -limit), limit)
        return Int64((clamped * 1e9).rounded())
    }
}
