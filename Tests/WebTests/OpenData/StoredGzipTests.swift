import Foundation
import Testing

@testable import Web

/// Gzip without compression for the yearly downloads (RFC 1952, RFC 1951 §3.2.4).
@Suite struct StoredGzipTests {
    @Test func crc32OfTheStandardCheckValues() {
        // The CRC-32 check value of "123456789" (RFC 3720 B.4 lists the same polynomial's 0xCBF43926).
        #expect(StoredGzip.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(StoredGzip.crc32(Data("abc".utf8)) == 0x3524_41C2)
    }

    @Test func abcAsStoredGzipByteForByte() {
        // Header (no name, no time, OS unknown); one final stored block of 3 bytes; CRC-32; size.
        let expected: [UInt8] = [
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63,
            0xC2, 0x41, 0x24, 0x35, 0x03, 0x00, 0x00, 0x00,
        ]
        #expect([UInt8](StoredGzip.wrap(Data("abc".utf8))) == expected)
    }

    @Test func largeDataIsSplitIntoBlocksOf65535() {
        let data = Data(repeating: 0x41, count: 70_000)
        let gz = [UInt8](StoredGzip.wrap(data))
        #expect(gz.count == 10 + (5 + 65_535) + (5 + 4_465) + 8)
        #expect(gz[10] == 0x00 && gz[11] == 0xFF && gz[12] == 0xFF)
        #expect(gz[10 + 5 + 65_535] == 0x01)
    }
}
