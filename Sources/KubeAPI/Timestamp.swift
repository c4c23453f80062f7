import Foundation

/// RFC 3339 in UTC to the second ("2024-05-01T12:00:00Z"), as metav1.Time marshals.
public func formatRFC3339(_ date: Date) -> String {
    var seconds = time_t(floor(date.timeIntervalSince1970))
    var tm = tm()
    gmtime_r(&seconds, &tm)
    func pad(_ v: Int32, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T"
        + "\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2))Z"
}

/// Parses RFC 3339 (`Z` or `±hh:mm`, optional fractional seconds). Nil when malformed.
public func parseRFC3339(_ text: String) -> Date? {
    let b = Array(text.utf8)
    func num(_ from: Int, _ count: Int) -> Int? {
        guard from + count <= b.count else { return nil }
        var v = 0
        for c in b[from..<from + count] {
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
    func at(_ i: Int, _ c: Character) -> Bool { i < b.count && b[i] == c.asciiValue }
    guard let year = num(0, 4), at(4, "-"), let month = num(5, 2), at(7, "-"), let day = num(8, 2),
          at(10, "T") || at(10, "t"), let hour = num(11, 2), at(13, ":"), let minute = num(14, 2), at(16, ":"),
          let second = num(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var i = 19
    var fraction = 0.0
    if at(i, ".") {
        i += 1
        var scale = 0.1
        let start = i
        while i < b.count, b[i] >= 48, b[i] <= 57 { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
        if i == start { return nil }
    }
    var offset = 0
    if at(i, "Z") || at(i, "z") {
        i += 1
    } else if at(i, "+") || at(i, "-") {
        guard let oh = num(i + 1, 2), at(i + 3, ":"), let om = num(i + 4, 2) else { return nil }
        offset = (oh * 3600 + om * 60) * (at(i, "-") ? -1 : 1)
        i += 6
    } else {
        return nil
    }
    guard i == b.count else { return nil }
    var tm = tm()
    tm.tm_year = Int32(year - 1900)
    tm.tm_mon = Int32(month - 1)
    tm.tm_mday = Int32(day)
    tm.tm_hour = Int32(hour)
    tm.tm_min = Int32(minute)
    tm.tm_sec = Int32(second)
    let epoch = timegm(&tm)
    return Date(timeIntervalSince1970: Double(epoch - offset) + fraction)
}
