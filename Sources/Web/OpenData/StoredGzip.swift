import Foundation

/// Gzip (RFC 1952) without compression: the data in deflate "stored" blocks (RFC 1951 §3.2.4) with
/// its CRC-32, so the yearly downloads are real `.gz` files every gzip reader opens, with no
/// compression library in the package. The file is a little larger than the data, not smaller.
enum StoredGzip {
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    static func wrap(_ data: Data) -> Data {
        var out = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])
        let bytes = [UInt8](data)
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 0x01 : 0x00)
            out.append(contentsOf: littleEndian(length) + littleEndian(~length))
            out.append(contentsOf: bytes[start..<end])
            start = end
        } while start < bytes.count
        out.append(contentsOf: littleEndian(crc32(data)) + littleEndian(UInt32(truncatingIfNeeded: bytes.count)))
        return out
    }
}
